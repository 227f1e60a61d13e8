"""Attacks on the build cache: after each edit, an incremental build publishes exactly what a cold build does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pace_site.pipeline import build

from conftest import write
from test_example_site import _files_outside_search_index_tables
from test_incremental import options

NEWSLETTERS = "content/authorities/testshire/newsletters"
SECOND = """\
---
title: Testshire newsletter, summer 2019
date: 2019-06-15
summary: Our second newsletter.
---
## News

Hello again.
"""


@pytest.fixture
def built(small_site: Path) -> Path:
    build(options(small_site))
    return small_site


def rebuilt(root: Path, **settings: object) -> Path:
    """The site built again with the cache, compared with a cold build of the same inputs."""
    build(options(root, **settings))
    assert_same_as_a_cold_build(root, **settings)
    return root / "site"


def assert_same_as_a_cold_build(root: Path, **settings: object) -> None:
    build(options(root, "cold", cache=False, **settings))
    incremental, cold = (_files_outside_search_index_tables(root / name) for name in ("site", "cold"))
    assert incremental.keys() == cold.keys()
    assert [name for name in incremental if incremental[name] != cold[name]] == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_newsletter_that_is_a_link_to_a_file_elsewhere(built: Path) -> None:
    elsewhere = built / "elsewhere.md"
    elsewhere.write_text(SECOND)
    (built / NEWSLETTERS / "2019-06.md").symlink_to(elsewhere)
    build(options(built))
    edit(elsewhere, "Hello again.", "Edited where the link points.")
    assert "Edited where the link points." in (rebuilt(built) / "authorities/testshire/newsletters/2019-06/index.html").read_text()


def test_a_theme_whose_templates_folder_is_a_link(built: Path) -> None:
    shared, theme = built / "shared-templates", built / "theme"
    shared.mkdir()
    theme.mkdir()
    (theme / "templates").symlink_to(shared)
    (shared / "glossary.html").write_text(
        '{% extends "default/glossary.html" %}{% block main %}<p>First words</p>{{ super() }}{% endblock %}')
    build(options(built, theme=theme))
    (shared / "glossary.html").write_text(
        '{% extends "default/glossary.html" %}{% block main %}<p>Second words</p>{{ super() }}{% endblock %}')
    assert "Second words" in (rebuilt(built, theme=theme) / "glossary/index.html").read_text()


def test_a_journeys_file_that_is_a_link_to_a_file_elsewhere(built: Path) -> None:
    """The reports (and their disclosure control) are keyed by the data they are made from, not by a link's name."""
    journeys, elsewhere = built / "data/testshire/journeys.csv", built / "journeys-elsewhere.csv"
    elsewhere.write_text(journeys.read_text())
    journeys.unlink()
    journeys.symlink_to(elsewhere)
    build(options(built))
    elsewhere.write_text(elsewhere.read_text() + "".join(f"2018-0{month}-01,2018-0{month + 1}-20,\n" for month in range(1, 8)))
    rebuilt(built)


def test_a_site_yml_that_is_a_link_to_a_file_elsewhere(built: Path) -> None:
    site, elsewhere = built / "content/site.yml", built / "site-elsewhere.yml"
    elsewhere.write_text(site.read_text())
    site.unlink()
    site.symlink_to(elsewhere)
    build(options(built))
    elsewhere.write_text(elsewhere.read_text() + "disclosure:\n  threshold: 10\n  minimum: 10\n")
    rebuilt(built)
