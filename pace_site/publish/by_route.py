"""An aim's children by their route to permanence: how many reached the end, their median weeks, and how
many are still waiting, for each route (remaining home, kinship, permanence order, adoption).

A route's counts are parts of the aim's totals, which its other charts publish: small ones are [c], and
more are hidden in each column until none can be worked out by subtraction (the audit checks this too,
evidence.read_by_route).
"""

from __future__ import annotations

from statistics import median
from typing import Any

from pace_site.figures.metrics import AimFigures
from pace_site.model.chart import Chart, KeyItem
from pace_site.model.content import Choice
from pace_site.model.disclosure import SUPPRESSED, DisclosurePolicy, suppress
from pace_site.publish import charts

NOT_RECORDED = "Not recorded"
HEADERS = ("Route to permanence", "Reached the end", "Median weeks", "Still waiting")


def by_route_chart(chart_id: str, figures: AimFigures, routes: tuple[Choice, ...], csv_path: str,
                   policy: DisclosurePolicy) -> Chart:
    labels = {r.id: r.label for r in routes}
    order = [r.id for r in routes] + [None]
    weeks, waiting = _weeks_by_route(figures, order), _waiting_by_route(figures, order)
    shown = [route for route in order if weeks[route] or waiting[route]]
    title = "Children by route to permanence"
    if not shown:
        return Chart(chart_id, title, "No child in this aim has reached its start yet.", None, HEADERS, (), csv_path,
                     kind="by-route")
    rows = _route_rows(shown, labels, weeks, waiting, policy)
    drawn = _published_medians(rows)
    suppressed = _route_suppressed(rows)
    return Chart(chart_id, title, route_sentence(rows, drawn), _route_figure(drawn), HEADERS,
                 rows, csv_path, (policy.note,) if suppressed else (), suppressed, kind="by-route",
                 key=(KeyItem("Median weeks", "bar", charts.DARK_BLUE),) if drawn else ())


def _weeks_by_route(figures: AimFigures, order: list[str | None]) -> dict[str | None, list[int]]:
    """The weeks each child who reached the end took, by route (None: not recorded)."""
    return {route: [p.weeks for p in figures.points if p.route == route] for route in order}


def _waiting_by_route(figures: AimFigures, order: list[str | None]) -> dict[str | None, int]:
    """How many children are still waiting, by route (None: not recorded)."""
    return {route: sum(1 for w in figures.waiting if w.route == route) for route in order}


def _route_rows(shown: list[str | None], labels: dict[str, str], weeks: dict[str | None, list[int]],
                waiting: dict[str | None, int], policy: DisclosurePolicy) -> tuple[tuple[str, str, str, str], ...]:
    """The table's rows, one per route shown: counts hidden in each column until none can be worked out."""
    hidden_reached = suppress({str(r): len(weeks[r]) for r in shown}, policy)
    hidden_waiting = suppress({str(r): waiting[r] for r in shown}, policy)
    return tuple((labels.get(route or "", NOT_RECORDED),
                  SUPPRESSED if hidden_reached[str(route)] else str(len(weeks[route])),
                  _median_cell(weeks[route], hidden_reached[str(route)], policy),
                  SUPPRESSED if hidden_waiting[str(route)] else str(waiting[route]))
                 for route in shown)


def _median_cell(weeks: list[int], hidden: bool, policy: DisclosurePolicy) -> str:
    """A route's median weeks: "–" if no child reached the end, [c] if too few did or their count is hidden."""
    if not weeks:
        return "–"
    if policy.enough(len(weeks)) and not hidden:
        return f"{median(weeks):g}"
    return SUPPRESSED


def _published_medians(rows: tuple[tuple[str, str, str, str], ...]) -> list[tuple[str, float]]:
    """(route, median weeks) of each route whose median the table publishes."""
    return [(label, float(weeks_shown)) for label, _, weeks_shown, _ in rows if weeks_shown not in (SUPPRESSED, "–")]


def _route_figure(drawn: list[tuple[str, float]]) -> dict[str, Any] | None:
    """A bar for each route's published median; no figure when there is none."""
    if not drawn:
        return None
    data = [{"type": "bar", "orientation": "h", "name": "Median weeks", "y": [label for label, _ in drawn],
             "x": [value for _, value in drawn], "marker": {"color": charts.DARK_BLUE, "line": charts.BAR_BORDER},
             "hovertemplate": "%{y}: median %{x} weeks<extra></extra>"}]
    layout = charts.base_layout("Median weeks to the end of the stage", "", 120 + 50 * max(len(drawn), 1))
    layout["yaxis"].update(type="category", autorange="reversed", title={"text": ""})
    return charts.figure(data, layout)


def _route_suppressed(rows: tuple[tuple[str, str, str, str], ...]) -> tuple[str, ...]:
    """What the table shows as [c], in words: each route's reached or still-waiting count."""
    return tuple(f"{label}: {what} shown as {SUPPRESSED}" for label, reached, _, still in rows
                 for what, value in (("reached", reached), ("still waiting", still)) if value == SUPPRESSED)


def route_sentence(rows: tuple[tuple[str, ...], ...], drawn: list[tuple[str, float]]) -> str:
    if not drawn:
        return ("Too few children have reached the end on any one route to give a median; the table gives the "
                "numbers by route.")
    fastest, slowest = min(drawn, key=lambda d: d[1]), max(drawn, key=lambda d: d[1])
    if fastest == slowest:
        return f"{fastest[0]}: a median of {fastest[1]:g} weeks. The table gives every route."
    return (f"The median time ranged from {fastest[1]:g} weeks ({fastest[0].lower()}) to {slowest[1]:g} weeks "
            f"({slowest[0].lower()}). The table gives every route, with the children still waiting.")
