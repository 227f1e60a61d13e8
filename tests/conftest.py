"""Shared fixtures: the example site built once, and a small valid site to break."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build

ROOT = Path(__file__).resolve().parent.parent

AUTHORITY = """\
---
name: Testshire
community: data-leads
joined: 2018-01-01
contact: pace@testshire.example.org
data_as_at: 2019-06-30
aims:
  - id: aim-2
    national_aim: 2
    start: accommodated
    end: recommendation
    timescale: 26 weeks
    target: 80
    cohort_start: 2018-01-01
    deadline: 2019-12-31
    statement: By December 2019, 80% of children will have a recommendation within 26 weeks.
---
Testshire's PACE work.
"""

POSTER = """\
---
title: Our poster
event: Gathering PACE 2019
date: 2019-03-31
---
## Baseline

Before PACE it took a long time.

## Results

Better now.
"""

NEWSLETTER = """\
---
title: Testshire newsletter, spring 2019
date: 2019-04-30
summary: Our first newsletter.
---
## News

Hello.
"""

IDEA = """\
---
title: A two week review
aims: [2]
themes: [planning-meetings]
authorities: [testshire]
status: adopted
---
Review every child two weeks after they are accommodated.
"""

JOURNEYS = """\
accommodated,recommendation,panel
2017-01-10,2017-09-01,
2017-02-10,2017-10-01,2017-12-01
2018-02-01,2018-06-01,
2018-03-01,2018-12-20,
2018-05-01,,
2019-03-01,,
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A valid site with one authority, in tmp_path/content and tmp_path/data."""
    (tmp_path / "content").mkdir()
    shutil.copy(ROOT / "content" / "site.yml", tmp_path / "content" / "site.yml")
    write(tmp_path, {
        "content/authorities/testshire/authority.md": AUTHORITY,
        "content/authorities/testshire/poster.md": POSTER,
        "content/authorities/testshire/newsletters/2019-04.md": NEWSLETTER,
        "content/change-ideas/two-week-review.md": IDEA,
        "content/pages/about.md": "---\ntitle: About PACE\n---\nAbout.\n",
        "data/testshire/journeys.csv": JOURNEYS,
    })
    return tmp_path


def options(root: Path, theme: Path | None = None) -> BuildOptions:
    return BuildOptions(root / "content", root / "data", root / "site", theme)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example site's content and data in tmp_path, built once (to tmp_path/site) to build again."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    build(options(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site that ships with the project, built once for the session."""
    out = tmp_path_factory.mktemp("example") / "site"
    build(BuildOptions(ROOT / "content", ROOT / "data", out))
    return out
