"""An aim's children by route to permanence: shown where the aim asks, suppressed, and audited."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pace_site.figures.metrics import AimFigures, AimProgress, ChildPoint, WaitingChild
from pace_site.model.chart import Chart
from pace_site.model.content import AuthorityData, Choice, Journey, LocalAim, SiteConfig, Timescale
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.errors import Problems
from pace_site.publish.audit import Publication, audit, leaks
from pace_site.publish.by_route import by_route_chart
from pace_site.publish.report import aim_reports
from pace_site.read.config import load_config

ROOT = Path(__file__).resolve().parent.parent
AIM = LocalAim(id="aim-2", statement="80% within 26 weeks", target=80, cohort_start=date(2018, 4, 1),
               deadline=date(2020, 3, 31), start="accommodated", end="recommendation",
               timescale=Timescale(26, "weeks"), by_route=True)
ROUTES = ["home", "kinship", "permanence_order", "adoption", None]


def config(per_child: str = "withhold") -> SiteConfig:
    found = load_config(ROOT / "content", Problems())
    assert found is not None
    return replace(found, disclosure=DisclosurePolicy(per_child=per_child))


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_an_aim_with_by_route_shows_its_children_by_route(example_site: Path) -> None:
    page = (example_site / "authorities" / "eastburgh" / "index.html").read_text(encoding="utf-8")
    assert 'id="aim-2-by-route"' in page and "Children by route to permanence" in page
    rows = rows_of(example_site / "authorities" / "eastburgh" / "data" / "current" / "aim-2-by-route.csv")
    assert [r["Route to permanence"] for r in rows][:2] == ["Remaining or returning home", "Kinship care order"]
    for column in ("Reached the end", "Still waiting"):
        values = [r[column] for r in rows]
        assert all(v == "[c]" or v == "0" or int(v) >= 5 for v in values)
        assert values.count("[c]") != 1  # one [c] is the aim's total minus the others
    other = (example_site / "authorities" / "westshire" / "index.html").read_text(encoding="utf-8")
    assert "-by-route" not in other  # only where the aim asks


def test_a_single_c_in_a_route_column_beside_the_aims_total_is_caught() -> None:
    """A hand-made breakdown with one [c]: the run chart's rows count the children who reached the end."""
    run = Chart("run", "run", "", None, (), tuple(("Child", "June 2019", "20") for _ in range(9)), "run.csv",
                kind="run")
    routes = Chart("routes", "routes", "", None, (),
                   (("Adoption", "6", "–", "0"), ("Kinship care order", "[c]", "–", "0")),
                   "routes.csv", kind="by-route")
    found = leaks(audit(Publication("Testshire", AIM, date(2020, 3, 15), (run, routes)), DisclosurePolicy()))
    assert any(f.secret.variable == "route Kinship care order: reached" and f.low == f.high == 3 for f in found)


def journeys_strategy() -> st.SearchStrategy[tuple[Journey, ...]]:
    day = st.integers(min_value=0, max_value=900)
    wait = st.one_of(st.none(), st.integers(min_value=1, max_value=200))

    def journey(row: int, start: int, waited: int | None, route: str | None) -> Journey:
        began = date(2017, 6, 1) + timedelta(days=start)
        dates = {"accommodated": began}
        if waited is not None:
            dates["recommendation"] = began + timedelta(days=waited)
        return Journey(row, dates, route)

    return st.lists(st.tuples(day, wait, st.sampled_from(ROUTES)), min_size=0, max_size=30).map(
        lambda rows: tuple(journey(i + 2, *row) for i, row in enumerate(rows)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys=journeys_strategy(), per_child=st.sampled_from(["withhold", "open"]))
def test_whatever_the_routes_the_breakdown_leaks_nothing(journeys: tuple[Journey, ...], per_child: str) -> None:
    as_at = date(2020, 3, 15)
    journeys = tuple(j for j in journeys if all(d <= as_at for d in j.dates.values()))
    site = config(per_child)
    (report,) = aim_reports((AIM,), AuthorityData("x", journeys), site, as_at, date(2018, 4, 1), "x", "Testshire")
    assert any(chart.kind == "by-route" for chart in report.charts)
    publication = Publication("Testshire", AIM, as_at, report.charts, report.progress_lines)
    assert not leaks(audit(publication, site.disclosure))


# --- the chart itself (by_route_chart), without a build --------------------------------------------------------

CHOICES = (Choice("home", "Remaining or returning home"), Choice("kinship", "Kinship care order"),
           Choice("permanence_order", "Permanence order"), Choice("adoption", "Adoption"))
POLICY = DisclosurePolicy()


def by_route(reached: dict[str | None, list[int]], waiting: dict[str | None, int],
             policy: DisclosurePolicy = POLICY) -> Chart:
    """The by-route chart of children who reached the end after `reached[route]` weeks, and `waiting[route]` more."""
    points = tuple(ChildPoint(date(2019, 6, 1), date(2018, 6, 1), w, 7 * w, True, route)
                   for route, weeks in reached.items() for w in weeks)
    still = tuple(WaitingChild(date(2019, 6, 1), 10, 70, True, route) for route, n in waiting.items() for _ in range(n))
    figures = AimFigures(AIM, date(2020, 3, 15), points, still, AimProgress(0, 0, 0, 0, 0, 80))
    return by_route_chart("aim-2-by-route", figures, CHOICES, "aim-2-by-route.csv", policy)


def column(chart: Chart, index: int) -> dict[str, str]:
    return {row[0]: row[index] for row in chart.table_rows}


def test_small_route_counts_are_c_with_a_second_so_neither_can_be_worked_out() -> None:
    """Two children by kinship: [c], and the next smallest route too, so the total does not give the two away."""
    chart = by_route({"home": [20] * 6, "kinship": [30, 31], "adoption": [50] * 9, None: [40] * 5}, {})
    reached = column(chart, 1)
    assert reached == {"Remaining or returning home": "6", "Kinship care order": "[c]", "Adoption": "9",
                       "Not recorded": "[c]"}
    assert column(chart, 2)["Kinship care order"] == "[c]" and column(chart, 2)["Not recorded"] == "[c]"
    assert chart.notes == (POLICY.note,)
    assert "Kinship care order: reached shown as [c]" in chart.suppressed


def test_routes_follow_the_sites_order_with_children_of_no_route_last_and_empty_routes_left_out() -> None:
    """The table lists the routes as site.yml does, leaves out a route with no child, and ends with "Not recorded"."""
    chart = by_route({None: [40] * 6, "adoption": [50] * 6, "home": [20] * 6}, {"kinship": 6})
    assert [row[0] for row in chart.table_rows] == ["Remaining or returning home", "Kinship care order", "Adoption",
                                                    "Not recorded"]
    assert column(chart, 3)["Kinship care order"] == "6" and column(chart, 2)["Kinship care order"] == "–"
    assert chart.notes == () and chart.suppressed == ()


def test_the_sentence_gives_the_fastest_and_slowest_published_medians_only() -> None:
    """The range runs from the fastest to the slowest route drawn; a route shown as [c] is never named with a median."""
    chart = by_route({"home": [20] * 6, "kinship": [5, 6], "adoption": [50] * 9, None: [40] * 5}, {})
    assert chart.summary.startswith("The median time ranged from 20 weeks (remaining or returning home) to 50 weeks "
                                    "(adoption).")
    assert "kinship" not in chart.summary.lower() and "5 weeks" not in chart.summary
    assert chart.figure is not None and chart.figure["data"][0]["y"] == ["Remaining or returning home", "Adoption"]


def test_a_route_above_the_threshold_but_below_the_minimum_shows_its_count_but_not_its_median() -> None:
    """With threshold 3 and minimum 7, six children by home are counted, but their median is [c] and not drawn."""
    chart = by_route({"home": [20] * 6, "kinship": [9] * 7}, {}, DisclosurePolicy(threshold=3, minimum=7))
    assert column(chart, 1)["Remaining or returning home"] == "6"
    assert column(chart, 2)["Remaining or returning home"] == "[c]"
    assert chart.summary.startswith("Kinship care order: a median of 9 weeks.")


def test_with_no_median_to_draw_the_sentence_points_to_the_table_and_there_is_no_figure() -> None:
    """Too few children on every route for a median: no empty chart, and the sentence says where the numbers are."""
    chart = by_route({"home": [20] * 3}, {"adoption": 8})
    assert chart.figure is None and not chart.key
    assert chart.summary.startswith("Too few children have reached the end on any one route to give a median")


def test_an_aim_no_child_has_started_has_a_sentence_and_no_table() -> None:
    """Before any child starts, the reader is told so: no figure, no rows, no CSV to download."""
    chart = by_route({}, {})
    assert chart.summary == "No child in this aim has reached its start yet."
    assert chart.figure is None and not chart.has_data
