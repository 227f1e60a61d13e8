"""An aim's children by route to permanence: shown where the aim asks, suppressed, and audited."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pace_site.model.chart import Chart
from pace_site.model.content import AuthorityData, Journey, LocalAim, SiteConfig, Timescale
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.errors import Problems
from pace_site.publish.audit import Publication, audit, leaks
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
