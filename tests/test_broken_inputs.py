"""Twenty-odd broken inputs: each gets its own message naming file and line, and the site is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.commands.cli import cli

AUTHORITY = "content/authorities/testshire/authority.md"
POSTER = "content/authorities/testshire/poster.md"
NEWSLETTER = "content/authorities/testshire/newsletters/2019-04.md"
IDEA = "content/change-ideas/two-week-review.md"
JOURNEYS = "data/testshire/journeys.csv"

# (file, text to replace, replacement, what the message must say)
BROKEN = [
    (AUTHORITY, "aims:\n", "aims: [\n", "authority.md, line 8: this is not valid YAML"),
    (POSTER, "event: Gathering PACE 2019", "event: [Gathering", "poster.md, line 3: this is not valid YAML"),
    (NEWSLETTER, "title: Testshire newsletter, spring 2019\n", "", "2019-04.md, line 2: the field 'title' is required"),
    (NEWSLETTER, "date: 2019-04-30", "date: 30/04/2019",
     "2019-04.md, line 3: expected 'date' to be a date written YYYY-MM-DD, found '30/04/2019'"),
    (AUTHORITY, "cohort_start: 2018-01-01", "cohort_start: 2018-02-30",
     "authority.md, line 14: expected 'cohort_start' to be a date"),
    (AUTHORITY, "end: recommendation", "end: decision", "authority.md, line 11: unknown milestone 'decision'"),
    (AUTHORITY, "community: data-leads", "community: mainland",
     "authority.md, line 3: unknown community of practice 'mainland'"),
    (AUTHORITY, "target: 80", "target: 150",
     "authority.md, line 13: expected 'target' to be a number from 0 to 100, found '150'"),
    (AUTHORITY, "timescale: 26 weeks", "timescale: soon",
     "authority.md, line 12: expected 'timescale' to be a number of weeks or months"),
    (AUTHORITY, "start: accommodated\n    end: recommendation", "start: recommendation\n    end: accommodated",
     "authority.md, line 11: the end milestone 'accommodated' must come after the start milestone 'recommendation'"),
    (AUTHORITY, "    statement: By December 2019",
     "  - id: aim-2\n    measure: m\n    target: 1\n    cohort_start: 2018-01-01\n"
     "    deadline: 2019-01-01\n    statement: x\n    statement: By December 2019",
     "authority.md, line 16: the aim id 'aim-2' is used twice"),
    (IDEA, "authorities: [testshire]", "authorities: [atlantis]",
     "two-week-review.md, line 5: unknown authority 'atlantis'"),
    (IDEA, "status: adopted", "status: maybe", "two-week-review.md, line 6: unknown status 'maybe'"),
    (IDEA, "aims: [2]", "aims: [7]", "two-week-review.md, line 3: unknown national aim '7' in 'aims'"),
    (IDEA, "themes: [planning-meetings]", "themes: [gardening]",
     "two-week-review.md, line 4: unknown theme 'gardening' in 'themes'"),
    (JOURNEYS, "2018-02-01,2018-06-01", "2018-02-01,June 2018",
     "journeys.csv, line 4, column recommendation: expected a date like 2018-04-28 (YYYY-MM-DD)"),
    (JOURNEYS, "2018-03-01,2018-12-20", "2018-03-01,2018-02-20",
     "journeys.csv, line 5, column recommendation: 'recommendation' is before 'accommodated'"),
    (JOURNEYS, "2019-03-01,,", "2019-03-01,2019-09-01,",
     "journeys.csv, line 7, column recommendation: this date is after the data's as-at date 2019-06-30"),
    (JOURNEYS, "accommodated,recommendation,panel", "accommodated,recommendation,child_name",
     "journeys.csv, line 1, column child_name: the column 'child_name' looks like a name"),
    (JOURNEYS, "accommodated,recommendation,panel\n", "accommodated,recommendation,panel,route\n", None),
    (POSTER, "---\ntitle: Our poster", "---\naims: [aim-9]\ntitle: Our poster",
     "poster.md, line 2: unknown aim 'aim-9'"),
    ("content/site.yml", "as_at: 2020-12-01", "as_at: someday", "site.yml, line 8: expected 'as_at' to be a date"),
    ("content/pages/about.md", "About.", "See [the PDF](/files/report.pdf).",
     "about.md, line 4: the link '/files/report.pdf'"),
    (AUTHORITY, "contact: pace@testshire.example.org\n", "", "authority.md, line 2: the field 'contact' is required"),
    (POSTER, "event: Gathering PACE 2019\n", "event: Gathering PACE 2019\ndriver_diagram:\n  aim: aim-7\n  primary:\n"
     "    - driver: Early planning\n", "poster.md, line 5: unknown aim 'aim-7'"),
    ("data/testshire/measures.csv", "", "measure,period,value,count\nreviews,2019-01,inf,30\n",
     "measures.csv, line 2, column value: expected a number (the value is not repeated here)"),
    (POSTER, "---\ntitle: Our poster", "---\nchange_ideas: [two-week-reviews]\ntitle: Our poster",
     "poster.md, line 2: unknown change idea 'two-week-reviews'"),
    # A misspelt flag must not silently publish example material without its notice, nor hide a real site.
    (IDEA, "status: adopted", "status: adopted\nexample: maybe",
     "two-week-review.md, line 7: expected 'example' to be true or false, found 'maybe'"),
    ("content/site.yml", "example: false", "example: [true]",
     "site.yml, line 15: expected 'example' to be true or false"),
]


def invoke(root: Path, command: str):  # type: ignore[no-untyped-def]
    args = [command, "--content", str(root / "content"), "--data", str(root / "data")]
    return CliRunner().invoke(cli, args + (["--out", str(root / "site")] if command == "build" else []))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_there_are_at_least_twenty_distinct_broken_inputs() -> None:
    messages = [expected for *_, expected in BROKEN if expected]
    assert len(set(messages)) >= 20


@pytest.mark.parametrize("file, old, new, expected", [b for b in BROKEN if b[3]], ids=lambda v: str(v)[:40])
def test_each_broken_input_is_named_and_leaves_the_site_as_it_was(small_site: Path, file: str, old: str, new: str,
                                                                  expected: str) -> None:
    assert invoke(small_site, "build").exit_code == 0
    before = snapshot(small_site / "site")
    path = small_site / file
    text = path.read_text() if path.exists() else ""
    assert old in text, f"the fixture no longer has {old!r}"
    path.write_text(text.replace(old, new, 1))
    for command in ("check", "build"):
        result = invoke(small_site, command)
        assert result.exit_code == 1, result.output
        assert expected in result.output, result.output
        assert "Traceback" not in result.output
    assert snapshot(small_site / "site") == before
