"""The national overview (publish/national.py): each authority's row beside the others, the sentence above it, and
the latest signal in words, showing only what each authority's own page publishes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pace_site.figures.metrics import AimFigures, AimProgress, ChildPoint, recent_median
from pace_site.figures.runchart import analyse
from pace_site.model.chart import Chart
from pace_site.model.content import Authority, Choice, Content, LocalAim, Milestone, NationalAim, SiteConfig, Timescale
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.labels import HEADLINES, OVERVIEW_CHILDREN, OVERVIEW_MET
from pace_site.publish.national import (
    OverviewRow,
    aim_scope,
    national_overview,
    overview_cells,
    overview_sentence,
    signal_in_words,
)
from pace_site.publish.report import AimReport, AuthorityReports

AS_AT = date(2019, 12, 31)
AIM_2 = NationalAim(2, "Accommodation to permanence recommendation", "", "accommodated", "recommendation")
CONFIG = SiteConfig(
    "PACE reports", "", AS_AT, "pace@example.org",
    (Milestone("accommodated", "Accommodated"), Milestone("recommendation", "Permanence recommendation"),
     Milestone("panel", "Permanence panel")),
    (NationalAim(1, "Looked after at home", "Reviews."), AIM_2),
    (Choice("data-leads", "Data leads"),),
    (Choice("kinship", "Kinship care order"), Choice("adoption", "Adoption")), ())
AIM = LocalAim(id="aim-2", statement="80% within 26 weeks", target=80, cohort_start=date(2018, 1, 1),
               deadline=date(2019, 12, 31), national_aim=2, start="accommodated", end="recommendation",
               timescale=Timescale(26, "weeks"))
BASELINE = [15, 25] * 6  # twelve children in 2018, six either side of a median of 20 weeks
SHIFT = BASELINE + [10] * 7  # then seven in a row under it, from January 2019
POLICY = DisclosurePolicy()


def month(position: int) -> date:
    """The month the child at a 1-based position reached the end: one a month from January 2018."""
    return date(2018 + (position - 1) // 12, (position - 1) % 12 + 1, 15)


def report(weeks: list[int], aim: LocalAim = AIM, run_chart: bool = True, met: str = "75%") -> AimReport:
    """An aim's report whose run chart of `weeks` is published (or withheld), with its headline share met."""
    points = tuple(ChildPoint(month(i), month(i), w, 7 * w, True) for i, w in enumerate(weeks, start=1))
    figures = AimFigures(aim, AS_AT, points, (), AimProgress(0, 0, 0, 0, 0, aim.target))
    rows = tuple((f"Child {i}", str(w)) for i, w in enumerate(weeks, start=1)) if run_chart else ()
    chart = Chart(f"{aim.id}-run-chart", "Run chart", "", None, ("Child", "Weeks"), rows, kind="run")
    return AimReport(aim, AIM_2, AS_AT, figures, analyse([float(w) for w in weeks]), (chart,), ((HEADLINES[2], met),))


def authority(slug: str, name: str, *aims: LocalAim) -> Authority:
    return Authority(slug, name, "data-leads", date(2017, 1, 1), "pace@example.org", aims, (), Path("authority.md"))


def row(name: str, aim_report: AimReport) -> OverviewRow:
    """The authority's row as the overview makes it: its median and children over the last 12 months."""
    assert aim_report.figures is not None
    median, count = recent_median(aim_report.figures)
    return OverviewRow(authority(name.lower(), name, aim_report.aim), aim_report, median, count,
                       signal_in_words(aim_report))


def overview(*authorities: tuple[Authority, tuple[AimReport, ...]]) -> Content:
    return Content(CONFIG, tuple(a for a, _ in authorities), (), (), (), ())


def reports_of(*authorities: tuple[Authority, tuple[AimReport, ...]]) -> dict[str, AuthorityReports]:
    return {a.slug: AuthorityReports(AS_AT, current, None, (), (), {}) for a, current in authorities}


# --- the latest signal in words -----------------------------------------------------------------------------


@pytest.mark.parametrize("weeks, better, words", [
    (SHIFT, "lower", "shift from January 2019 (improvement)"),
    (SHIFT, "higher", "shift from January 2019 (deterioration)"),
    (BASELINE + [24, 22, 21, 19, 18], "lower", "trend from December 2018 (improvement)"),
    (BASELINE, "lower", "none: variation is random"),
    (BASELINE[:8], "lower", "too few children to judge"),
])
def test_the_latest_signal_is_named_with_its_month_and_whether_it_is_good_news(weeks: list[int], better: str,
                                                                              words: str) -> None:
    """The overview says which rule signalled, from when, and whether it is an improvement for this aim."""
    assert signal_in_words(report(weeks, replace(AIM, better=better))) == words


def test_a_runs_signal_without_a_shift_or_trend_is_called_the_runs_test() -> None:
    """Long runs each side of the median, but no shift or trend: the overview names the runs test."""
    weeks = [60, 55, 62, 57, 61, 20, 25, 18, 24, 21, 59, 54, 63, 56, 60, 22, 26, 19, 23, 20]
    aim_report = report(weeks)
    aim_report = replace(aim_report, analysis=analyse([float(w) for w in weeks], baseline=20))
    assert signal_in_words(aim_report) == "runs test: non-random variation"


def test_the_signal_of_a_withheld_run_chart_is_not_told() -> None:
    """A run chart withheld to protect a [c] keeps its shift to itself: the overview says "not published"."""
    assert signal_in_words(report(SHIFT, run_chart=False)) == "not published"


def test_a_measured_aim_has_no_run_chart_signal() -> None:
    """An aim measured from measures.csv has no children to chart: its signal cell is a dash."""
    measured = AimReport(replace(AIM, measure="reviews"), AIM_2, AS_AT, None, None, (), ())
    assert signal_in_words(measured) == "–"


# --- an authority's row -----------------------------------------------------------------------------------


def test_a_published_run_chart_gives_the_row_its_medians_and_children() -> None:
    """Where the authority's run chart is public, the overview repeats its medians and the last year's children."""
    cells = overview_cells(row("Highland", report(SHIFT)), POLICY)
    assert cells == {"Baseline median weeks": "20", "Median weeks, last 12 months": "10", OVERVIEW_CHILDREN: "7",
                     OVERVIEW_MET: "75%"}


def test_a_withheld_run_chart_withholds_its_medians_and_a_small_count_from_the_overview() -> None:
    """With the run chart withheld, its medians are [c]; three children in the last year are [c]; [c] met stays [c]."""
    weeks = BASELINE + [10] * 3
    cells = overview_cells(row("Highland", report(weeks, run_chart=False, met="[c]")), POLICY)
    assert cells == {"Baseline median weeks": "[c]", "Median weeks, last 12 months": "[c]", OVERVIEW_CHILDREN: "[c]",
                     OVERVIEW_MET: "[c]"}


# --- the sentence above the chart ------------------------------------------------------------------------------


def test_the_sentence_counts_authorities_and_names_the_highest_published_share() -> None:
    """Three authorities; the highest share met is named with its authority, but never one shown as [c]."""
    rows = [row("Highland", report(SHIFT, met="75%")), row("Fife", report(SHIFT, met="[c]")),
            row("Angus", report(SHIFT, met="90%"))]
    text = overview_sentence(AIM_2, rows, POLICY)
    assert text.startswith("3 authorities have a local aim for national aim 2. The highest share of children within "
                           "their local timescale is 90% in Angus.")
    assert "Fife" not in text and "Local timescales differ" in text


def test_one_authority_is_singular_and_no_published_share_names_no_one() -> None:
    """"1 authority has", and with its share shown as [c], no authority is named as the highest."""
    text = overview_sentence(AIM_2, [row("Fife", report(SHIFT, met="[c]"))], POLICY)
    assert text.startswith("1 authority has a local aim for national aim 2.")
    assert "highest" not in text and "Fife" not in text


# --- the whole overview ----------------------------------------------------------------------------------------


def test_each_local_aim_joins_its_national_aim_or_is_set_apart_with_the_reason() -> None:
    """Aims measured over the national aim's stage sit side by side; one ending at the panel is set apart, saying
    why; a measured aim is listed with the measures; a local aim of no national aim goes to the whole-journey table."""
    to_panel = replace(AIM, id="aim-2b", end="panel")
    measured = replace(AIM, id="aim-1", national_aim=1, measure="reviews")
    whole = replace(AIM, id="whole", national_aim=None, end="panel")
    highland, fife = authority("highland", "Highland", AIM, to_panel), authority("fife", "Fife", AIM, measured, whole)
    found = {o.aim.id: o for o in national_overview(
        overview((highland, ()), (fife, ())),
        reports_of((highland, (report(SHIFT), report(SHIFT, to_panel))),
                   (fife, (report(BASELINE), AimReport(measured, None, AS_AT, None, None, (), ()),
                           report(BASELINE, whole)))))}
    assert [r.authority.name for r in found[2].rows] == ["Highland", "Fife"]
    assert [(r.authority.name, why) for r, why in found[2].apart] == [
        ("Highland", "measured from accommodated to permanence panel, "
                     "not from accommodated to permanence recommendation")]
    assert [(a.name, r.aim.id) for a, r in found[1].measures] == [("Fife", "aim-1")]
    assert [r.report.aim.id for r in found[0].rows] == ["whole"] and found[0].heading == "Whole-journey aims"


def test_the_overview_table_gives_each_aims_scope_and_signal() -> None:
    """A reader comparing authorities sees which children each aim counts, and its latest signal in words."""
    narrow = replace(AIM, locality="Caithness", routes=("kinship", "adoption"), age_bands=("0-4",))
    highland = authority("highland", "Highland", narrow)
    (aim_2,) = [o for o in national_overview(overview((highland, ())),
                                             reports_of((highland, (report(SHIFT, narrow),)))) if o.aim.id == 2]
    assert aim_2.chart is not None
    (table_row,) = aim_2.chart.table_rows
    assert table_row[2] == "Caithness only; kinship care order and adoption routes; aged 0-4"
    assert table_row[-1] == "shift from January 2019 (improvement)"


def test_an_aim_of_all_children_is_said_to_count_all_children() -> None:
    """No locality, route or age: the scope reads "all children", not an empty cell."""
    assert aim_scope(AIM, overview()) == "all children"
