"""An aim's children by their route to permanence: how many reached the end, their median weeks, and how
many are still waiting, for each route (remaining home, kinship, permanence order, adoption).

A route's counts are parts of the aim's totals, which its other charts publish: small ones are [c], and
more are hidden in each column until none can be worked out by subtraction (the audit checks this too,
evidence.read_by_route).
"""

from __future__ import annotations

from statistics import median

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
    weeks = {route: [p.weeks for p in figures.points if p.route == route] for route in order}
    waiting = {route: sum(1 for w in figures.waiting if w.route == route) for route in order}
    shown = [route for route in order if weeks[route] or waiting[route]]
    title = "Children by route to permanence"
    if not shown:
        return Chart(chart_id, title, "No child in this aim has reached its start yet.", None, HEADERS, (), csv_path,
                     kind="by-route")
    hidden_reached = suppress({str(r): len(weeks[r]) for r in shown}, policy)
    hidden_waiting = suppress({str(r): waiting[r] for r in shown}, policy)
    rows = tuple((labels.get(route or "", NOT_RECORDED),
                  SUPPRESSED if hidden_reached[str(route)] else str(len(weeks[route])),
                  f"{median(weeks[route]):g}" if weeks[route] and policy.enough(len(weeks[route]))
                  and not hidden_reached[str(route)]
                  else ("–" if not weeks[route] else SUPPRESSED),
                  SUPPRESSED if hidden_waiting[str(route)] else str(waiting[route]))
                 for route in shown)
    drawn = [(label, float(weeks_shown)) for label, _, weeks_shown, _ in rows if weeks_shown not in (SUPPRESSED, "–")]
    data = [{"type": "bar", "orientation": "h", "name": "Median weeks", "y": [label for label, _ in drawn],
             "x": [value for _, value in drawn], "marker": {"color": charts.DARK_BLUE, "line": charts.BAR_BORDER},
             "hovertemplate": "%{y}: median %{x} weeks<extra></extra>"}]
    layout = charts.base_layout("Median weeks to the end of the stage", "", 120 + 50 * max(len(drawn), 1))
    layout["yaxis"].update(type="category", autorange="reversed", title={"text": ""})
    suppressed = tuple(f"{label}: {what} shown as {SUPPRESSED}" for label, reached, _, still in rows
                       for what, value in (("reached", reached), ("still waiting", still)) if value == SUPPRESSED)
    return Chart(chart_id, title, route_sentence(rows, drawn), charts.figure(data, layout) if drawn else None, HEADERS,
                 rows, csv_path, (policy.note,) if suppressed else (), suppressed, kind="by-route",
                 key=(KeyItem("Median weeks", "bar", charts.DARK_BLUE),) if drawn else ())


def route_sentence(rows: tuple[tuple[str, ...], ...], drawn: list[tuple[str, float]]) -> str:
    if not drawn:
        return ("Too few children have reached the end on any one route to give a median; the table gives the "
                "numbers by route.")
    fastest, slowest = min(drawn, key=lambda d: d[1]), max(drawn, key=lambda d: d[1])
    if fastest == slowest:
        return f"{fastest[0]}: a median of {fastest[1]:g} weeks. The table gives every route."
    return (f"The median time ranged from {fastest[1]:g} weeks ({fastest[0].lower()}) to {slowest[1]:g} weeks "
            f"({slowest[0].lower()}). The table gives every route, with the children still waiting.")
