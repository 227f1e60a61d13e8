"""Aims that say what the seeds' aims say: an age filter, a cohort with an end, a route-dependent end."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pace_site.figures.metrics import aim_figures
from pace_site.model.content import Journey, LocalAim, Timescale
from pace_site.model.errors import Problems
from pace_site.publish.evidence import run_row_states
from pace_site.read.config import load_config
from pace_site.read.content import load_content
from pace_site.read.data import load_data

ROOT = Path(__file__).resolve().parent.parent

AIM = LocalAim(id="aim", statement="", target=75, cohort_start=date(2018, 1, 1), deadline=date(2019, 1, 1),
               start="accommodated", end="recommendation", timescale=Timescale(26, "weeks"))


def journey(row: int, started: date, ended: date | None = None, route: str | None = None,
            age_band: str | None = None, milestone: str = "recommendation") -> Journey:
    dates = {"accommodated": started} | ({milestone: ended} if ended else {})
    return Journey(row, dates, route=route, age_band=age_band)


def test_midlothian_counts_only_children_under_12_and_still_reproduces_the_poster() -> None:
    problems = Problems()
    config = load_config(ROOT / "content", problems)
    assert config is not None
    content = load_content(ROOT / "content", config, problems)
    midlothian = content.authority("midlothian")
    assert midlothian is not None and not problems.items
    data = load_data(ROOT / "data", ["midlothian"], config, problems, content.authority_folders,
                     {"midlothian": midlothian.localities})["midlothian"]
    (aim,) = midlothian.aims
    assert aim.age_bands == ("0-4", "5-11")
    progress = aim_figures(aim, data.journeys, date(2018, 9, 20)).progress
    assert (progress.children, progress.decided, progress.missed_late, progress.missed_waiting) == (32, 21, 1, 4)
    assert round(progress.percent_of_decided or 0) == 95 and round(progress.percent_overall or 0) == 80
    everyone = aim_figures(replace(aim, age_bands=()), data.journeys, date(2018, 9, 20)).progress
    assert everyone.children > 32  # the older children in the data are left out only by the age filter


def test_a_cohort_end_leaves_out_children_who_started_after_it() -> None:
    aim = replace(AIM, cohort_end=date(2018, 3, 31))
    journeys = (journey(2, date(2018, 2, 1), date(2018, 5, 1)), journey(3, date(2018, 5, 1), date(2018, 6, 1)))
    figures = aim_figures(aim, journeys, date(2019, 1, 1))
    assert figures.progress.children == 1 and len(figures.points) == 2  # the run chart still shows both


def test_the_end_milestone_can_depend_on_the_route() -> None:
    aim = replace(AIM, end_by_route=(("kinship", "order_granted"),))
    journeys = (journey(2, date(2018, 2, 1), date(2018, 4, 1), route="kinship"),  # a recommendation only
                journey(3, date(2018, 2, 1), date(2018, 5, 1), route="kinship", milestone="order_granted"),
                journey(4, date(2018, 2, 1), date(2018, 3, 1), route="adoption"))
    figures = aim_figures(aim, journeys, date(2019, 1, 1))
    assert [p.reached for p in figures.points] == [date(2018, 3, 1), date(2018, 5, 1)]
    assert len(figures.waiting) == 1  # the kinship child with only a recommendation has not reached permanence


def test_the_audit_knows_a_cohort_with_an_end() -> None:
    aim = replace(AIM, cohort_end=date(2018, 3, 31), timescale=Timescale(10, "weeks"))
    july = (date(2018, 7, 1), date(2018, 7, 31))
    assert run_row_states(july, 3, aim) == {(False, False)}  # started in June or July: after the cohort closed
    assert run_row_states(july, 15, aim) == {(True, True), (False, True)}  # late March or April: either side


def test_the_national_overview_is_fair(example_site: Path) -> None:
    """One date or each row's, only like compared with like, the scope of each row, no blank cell."""
    import csv
    import re

    html = (example_site / "national/index.html").read_text(encoding="utf-8")
    assert "figures are as at different dates</strong>" in html and "September 2018, March 2019" in html
    apart = re.search(r'id="aim-3".*?Not compared here</h3>(.*?)</ul>', html, re.S).group(1)
    assert "Highland</a>, as at September 2019: its local aim is measured from permanence recommendation to " \
           "permanence panel" in apart
    rows = list(csv.reader((example_site / "national/aim-3.csv").open(encoding="utf-8")))
    assert rows[0][:5] == ["Authority", "Local aim", "Children counted", "As at", "Baseline median weeks"]
    assert "Highland" not in [row[0] for row in rows[1:]]
    for number in (1, 2, 3, 4, 0):
        path = example_site / f"national/aim-{number}.csv"
        if path.exists():
            for row in csv.reader(path.open(encoding="utf-8")):
                assert all(cell.strip() for cell in row), (path.name, row)  # withheld cells say [c] or –
    whole = re.search(r'id="aim-0".*?</section>', html, re.S).group(0)
    assert "Whole-journey aims" in whole and "Shetland" in whole
    caithness = next(row for row in csv.reader((example_site / "national/aim-2.csv").open()) if row[0] == "Highland")
    assert caithness[2] == "Caithness only"
