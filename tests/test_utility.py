"""`audit --utility`: what a reader can still learn about each aim at each date, as the site publishes it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import audit_with_utility
from pace_site.commands.cli import cli
from pace_site.model.disclosure import SUPPRESSED
from pace_site.publish.utility import COLUMNS, WITHHELD, Utility
from tests.conftest import ROOT

SLUGS = {"Eastburgh": "eastburgh", "Highland": "highland", "Machair Isles": "machair-isles", "Midlothian": "midlothian",
         "Selkie Isles": "selkie-isles", "Shetland": "shetland", "Westshire": "westshire"}


@pytest.fixture(scope="module")
def latest_rows() -> dict[tuple[str, str], dict[str, str]]:
    """Each example aim at its authority's latest date, column by column."""
    _, rows = audit_with_utility(BuildOptions(ROOT / "content", ROOT / "data", ROOT / "site"))
    latest: dict[tuple[str, str], Utility] = {}
    for row in rows:
        key = (SLUGS[row.authority], row.aim)
        if key not in latest or row.as_at > latest[key].as_at:
            latest[key] = row
    return {key: dict(zip(COLUMNS, row.cells, strict=True)) for key, row in latest.items()}


def published_rows(site: Path, slug: str, name: str) -> list[list[str]] | None:
    """The rows of a chart's CSV as the site publishes it (None: no such file), without the header."""
    path = site.resolve() / f"authorities/{slug}/data/current/{name}.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as file:
        return list(csv.reader(file))[1:]


def published(site: Path, slug: str, name: str) -> dict[str, str] | None:
    rows = published_rows(site, slug, name)
    return None if rows is None else {row[0]: row[1] for row in rows}


def test_each_count_is_as_the_published_progress_table_shows_it(
        example_site: Path, latest_rows: dict[tuple[str, str], dict[str, str]]) -> None:
    """The table is what the site says, not what the data holds: a [c] on the page is a [c] here, and a
    progress table the site does not publish is 'withheld'."""
    assert any(SUPPRESSED in shown.values() for shown in latest_rows.values())
    for (slug, aim), shown in latest_rows.items():
        table = published(example_site, slug, f"{aim}-progress")
        if table is None:
            assert shown["Cohort"] == shown["Met"] == WITHHELD, (slug, aim)
            continue
        assert shown["Cohort"] == table["All children in the cohort"], (slug, aim)
        assert shown["Met"] == table["Met: reached within the timescale"], (slug, aim)
        assert shown["Late"] == table["Missed: reached late"], (slug, aim)
        assert shown["Pending"] == table["Pending: waiting, within the timescale"], (slug, aim)


def test_a_per_child_chart_is_withheld_exactly_where_the_site_publishes_no_data_for_it(
        example_site: Path, latest_rows: dict[tuple[str, str], dict[str, str]]) -> None:
    for (slug, aim), shown in latest_rows.items():
        for column, name in (("Run chart", "run-chart"), ("Waiting chart", "waiting")):
            rows = published_rows(example_site, slug, f"{aim}-{name}")
            if shown[column] == WITHHELD:
                assert rows is None, (slug, aim, column)
            elif rows is not None:
                assert shown[column].split()[0] == str(len(rows)), (slug, aim, column)


def test_the_command_prints_the_table_then_the_audit(small_site: Path) -> None:
    result = CliRunner().invoke(cli, ["audit", "--utility", "--content", str(small_site / "content"),
                                      "--data", str(small_site / "data")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["Authority", "Aim", "As"]
    assert any(line.startswith("Testshire") for line in lines)
    closing = next(index for index, line in enumerate(lines) if line.startswith("A reader sees"))
    assert closing < next(index for index, line in enumerate(lines) if line.startswith(("Verdict", "No leak")))
