"""Analysis results to charts: Plotly figures as plain dicts, with their table and CSV.

Figures are built as dicts and serialised with json.dumps: constructing a
plotly.graph_objects.Figure costs about 100 times more. The tests check every
emitted figure against plotly's schema instead.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .disclosure import SUPPRESSED, DisclosurePolicy, count_text
from .metrics import AimFigures, StageYear
from .models import LocalAim, MeasurePoint, NationalAim, Timescale
from .render import format_month, format_percent
from .runchart import RunChartAnalysis

if TYPE_CHECKING:  # national.py builds on this module, so its row type is for type checkers only
    from .national import OverviewRow

# Scottish Government data-visualisation palette.
DARK_BLUE, TEAL, PURPLE, ORANGE, GREY = "#002d54", "#2b9c93", "#6a2063", "#e5682a", "#5e5e5e"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"


@dataclass(frozen=True)
class ChartMarker:
    """A dated event on a run chart, at an x position between two children."""

    x: float
    label: str
    kind: str  # "phase" or "change"
    date: date


# The labels the progress table, its bar and the headline figures publish: the audit reads them back.
PROGRESS_PARTS = (("Met: reached within the timescale", "met", TEAL, ""),
                  ("Missed: reached late", "late", ORANGE, "x"),
                  ("Missed: still waiting past the timescale", "waiting past", PURPLE, "/"),
                  ("Pending: waiting, within the timescale", "pending", "#8fa8c2", "."))
COHORT_ROW = "All children in the cohort"
SUPPRESSED_BAR = "Suppressed: small numbers combined"
HEADLINES = ("Children in the cohort", "Met, of those decided", "Met, including those waiting past the timescale")
OVERVIEW_CHILDREN, OVERVIEW_MET = "Children, last 12 months", "Met, including those waiting"


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    figure: dict[str, Any] | None
    table_headers: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()
    csv_path: str | None = None
    notes: tuple[str, ...] = field(default=())
    suppressed: tuple[str, ...] = field(default=())  # what disclosure control withheld, for the report
    kind: str = ""  # progress, run, waiting, stages, overview or measure: how the audit reads its rows

    @property
    def has_data(self) -> bool:
        """Whether there is anything to download: a withheld chart has no table and no CSV."""
        return bool(self.table_rows)

    @property
    def figure_json(self) -> str:
        if self.figure is None:
            return ""
        # "</" would end the <script> element the JSON sits in.
        return json.dumps(self.figure, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")

    def csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.table_headers)
        writer.writerows(self.table_rows)
        return buffer.getvalue()


def withheld(chart_id: str, title: str, headers: tuple[str, ...], csv_path: str | None, policy: DisclosurePolicy,
             children: int, kind: str) -> Chart:
    """A chart about too few children: a sentence instead of the chart, its table and its figures."""
    return Chart(chart_id, title, policy.too_few, None, headers, (), csv_path,
                 suppressed=(f"chart withheld: {count_text(children, policy)} children",), kind=kind)


WOULD_GIVE_AWAY = ("This chart is not published: it shows each child, so counting them would give away a "
                   "figure shown as [c] above.")


def withheld_per_child(chart_id: str, title: str, headers: tuple[str, ...], csv_path: str, kind: str,
                       action: str, sentence: str = WOULD_GIVE_AWAY) -> Chart:
    """A chart that disclosure control withheld because it would undo a [c]: a sentence says why."""
    return Chart(chart_id, title, sentence, None, headers, (), csv_path, suppressed=(action,), kind=kind)


def base_layout(x_title: str, y_title: str, height: int = 380) -> dict[str, Any]:
    axis = {"gridcolor": "#ebebeb", "linecolor": GREY, "zeroline": False, "automargin": True,
            "tickfont": {"color": "#1a1a1a"}}
    return {
        "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "xaxis": {**axis, "title": {"text": x_title}},
        "yaxis": {**axis, "title": {"text": y_title}, "rangemode": "tozero"},
        "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1a1a1a"}},
    }


# plotly.js offers to upload a chart's data to Plotly Cloud: data about children must never leave the site.
PLOTLY_CONFIG = {
    "displaylogo": False, "responsive": True, "displayModeBar": False, "showSendToCloud": False, "showEditInChartStudio": False,
    "plotlyServerURL": "", "showLink": False,
    "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"],
}


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> dict[str, Any]:
    return {"data": data, "layout": layout, "config": PLOTLY_CONFIG}


def pattern(shape: str) -> dict[str, Any]:
    """A fill pattern drawn over the bar's colour, so meaning never rests on colour alone."""
    return {"shape": shape, "fillmode": "overlay", "fgcolor": "#ffffff", "fgopacity": 0.7, "size": 8}


# A white border between bars, so neighbouring colours never need 3:1 contrast with each other.
BAR_BORDER = {"color": "#ffffff", "width": 2}


def timescale_line(timescale: Timescale | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A horizontal line and its label at the aim's timescale, in weeks."""
    if timescale is None:
        return [], []
    weeks = round(timescale.weeks, 1)
    in_weeks = "" if timescale.unit == "weeks" else f" ({weeks:g} weeks)"
    shape = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": weeks, "y1": weeks,
             "line": {"color": ORANGE, "width": 2, "dash": "dashdot"}}
    label = {"xref": "paper", "x": 1, "xanchor": "right", "y": weeks, "yanchor": "bottom", "showarrow": False,
             "text": f"Timescale: {timescale}{in_weeks}", "font": {"color": "#9c3b0c"}}
    return [shape], [label]


def run_chart(chart_id: str, figures: AimFigures, analysis: RunChartAnalysis, labels: tuple[str, str],
              summary: str, csv_path: str, policy: DisclosurePolicy, markers: tuple[ChartMarker, ...] = ()) -> Chart:
    """The PACE run chart: a dot per child in the order they reached the end milestone."""
    start_label, end_label = labels
    points = figures.points
    title = run_chart_title(labels)
    headers = run_chart_headers(end_label)
    if points and not policy.enough(len(points)):
        return withheld(chart_id, title, headers, csv_path, policy, len(points), "run")
    positions = list(range(1, len(points) + 1))
    months = [format_month(p.reached) for p in points]
    data = [{
        "type": "scatter", "mode": "lines+markers", "name": "Weeks for each child",
        "x": positions, "y": [p.weeks for p in points], "customdata": months,
        "marker": {"color": DARK_BLUE, "size": 8, "symbol": "circle"}, "line": {"color": "#8fa8c2", "width": 1},
        "hovertemplate": "Child %{x}, reached in %{customdata}: %{y} weeks<extra></extra>",
    }]
    data += median_traces(analysis)
    data += signal_traces(analysis, [float(p.weeks) for p in points])
    shapes, annotations = timescale_line(figures.aim.timescale)
    layout = base_layout(f"Children in the order they reached {end_label.lower()}", "Weeks")
    layout["xaxis"].update(month_ticks(positions, [p.reached for p in points]))
    marker_shapes, marker_labels = marker_lines(markers)
    layout.update(shapes=shapes + marker_shapes, annotations=annotations + marker_labels)
    # No column says which children are in the aim's cohort: with the progress table it could undo [c].
    rows = tuple((str(i), month, str(p.weeks)) for i, month, p in zip(positions, months, points))
    notes = tuple(f"{'New phase' if m.kind == 'phase' else 'Test of change'} from {format_month(m.date)}: {m.label}"
                  for m in markers)
    return Chart(chart_id, title, summary, figure(data, layout) if points else None, headers, rows, csv_path, notes,
                 kind="run")


def run_chart_title(labels: tuple[str, str]) -> str:
    return f"Weeks from {labels[0].lower()} to {labels[1].lower()}, child by child"


def run_chart_headers(end_label: str) -> tuple[str, ...]:
    return ("Child", f"Month reached {end_label.lower()}", "Weeks")


def marker_lines(markers: tuple[ChartMarker, ...]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Vertical lines with labels: solid for a new phase, dotted for a test of change."""
    shapes, labels = [], []
    for index, marker in enumerate(markers):
        colour, dash = (GREY, "solid") if marker.kind == "phase" else (PURPLE, "dot")
        shapes.append({"type": "line", "xref": "x", "x0": marker.x, "x1": marker.x, "yref": "paper", "y0": 0, "y1": 1,
                       "line": {"color": colour, "width": 1.5, "dash": dash}})
        labels.append({"xref": "x", "x": marker.x, "yref": "paper", "y": 1 - 0.07 * (index % 3), "xanchor": "left",
                       "showarrow": False, "text": marker.label, "font": {"size": 12, "color": colour},
                       "bgcolor": "rgba(255,255,255,0.85)"})
    return shapes, labels


def month_ticks(positions: list[int], dates: list[date], most: int = 6) -> dict[str, Any]:
    """At most `most` short month labels along an axis of positions, so none need rotating."""
    step = max(1, -(-len(positions) // most))
    chosen = positions[::step]
    return {"tickmode": "array", "tickvals": chosen, "ticktext": [dates[x - 1].strftime("%b %Y") for x in chosen],
            "tickangle": 0}


def median_traces(analysis: RunChartAnalysis) -> list[dict[str, Any]]:
    """Each phase's median: solid over its baseline points, dashed where it is extended."""
    traces = []
    for number, phase in enumerate(analysis.phases, start=1):
        if phase.median is None:
            continue
        name = "Baseline median" if number == 1 else f"Median, phase {number}"
        base_end = phase.first + phase.baseline_points - 1
        traces.append(_line(name, [phase.first, base_end], phase.median, "solid", True))
        if phase.last > base_end:
            traces.append(_line(f"{name}, extended", [base_end, phase.last], phase.median, "dash", number == 1))
    return traces


def _line(name: str, xs: list[int], y: float, dash: str, legend: bool) -> dict[str, Any]:
    return {"type": "scatter", "mode": "lines", "name": name, "x": xs, "y": [y, y], "showlegend": legend,
            "line": {"color": TEAL, "width": 2, "dash": dash}, "hovertemplate": f"{name}: {y:g} weeks<extra></extra>"}


def signal_traces(analysis: RunChartAnalysis, values: list[float]) -> list[dict[str, Any]]:
    """Points in a shift or trend: a different marker shape and a text label, never colour alone."""
    traces = []
    for kind, symbol, colour in (("shift", "diamond-open", PURPLE), ("trend", "triangle-up-open", ORANGE)):
        signals = [s for s in analysis.claimed_signals if s.kind == kind]
        xs = sorted({x for s in signals for x in range(s.first, s.last + 1)})
        if not xs:
            continue
        label_at = {s.last for s in signals}
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": kind.capitalize(),
            "x": xs, "y": [values[x - 1] for x in xs],
            "text": [kind.capitalize() if x in label_at else "" for x in xs], "textposition": "top center",
            "textfont": {"color": colour},
            "marker": {"symbol": symbol, "size": 16, "color": colour, "line": {"width": 2, "color": colour}},
            "hovertemplate": f"Child %{{x}}: part of a {kind}<extra></extra>",
        })
    return traces


def waiting_chart(chart_id: str, figures: AimFigures, start_label: str, summary: str, csv_path: str,
                  policy: DisclosurePolicy) -> Chart:
    """A bar per child still waiting, longest first; bars past the timescale patterned and labelled."""
    title, headers = waiting_chart_title(figures.as_at), waiting_chart_headers(start_label)
    if figures.waiting and not policy.enough(len(figures.waiting)):
        return withheld(chart_id, title, headers, csv_path, policy, len(figures.waiting), "waiting")
    timescale = figures.aim.timescale
    limit = figures.aim.limit_days
    names = [f"Child {i}" for i in range(1, len(figures.waiting) + 1)]
    groups = (("Waiting longer than the timescale", lambda d: d > limit, ORANGE, "/"),
              ("Waiting, within the timescale", lambda d: d <= limit, TEAL, ""))
    data = []
    for name, keep, colour, shape in groups:
        chosen = [(n, w) for n, w in zip(names, figures.waiting) if keep(w.days)]
        if chosen:
            data.append({"type": "bar", "name": name, "x": [n for n, _ in chosen], "y": [w.weeks for _, w in chosen],
                         "marker": {"color": colour, "pattern": pattern(shape), "line": BAR_BORDER},
                         "text": ["past" if shape else "" for _ in chosen], "textposition": "outside",
                         "hovertemplate": "%{x}: %{y} weeks waiting<extra></extra>"})
    shapes, annotations = timescale_line(timescale)
    layout = base_layout("Children still waiting, longest first", "Weeks waiting", 320)
    layout.update(shapes=shapes, annotations=annotations, barmode="overlay")
    layout["xaxis"].update(categoryorder="array", categoryarray=names)
    rows = tuple((n, format_month(w.started), str(w.weeks), "past the timescale" if w.days > limit else "within the timescale")
                 for n, w in zip(names, figures.waiting))
    return Chart(chart_id, title, summary, figure(data, layout) if figures.waiting else None, headers, rows, csv_path,
                 kind="waiting")


def waiting_chart_title(as_at: date) -> str:
    return f"Children still waiting, as at {format_month(as_at)}"


def waiting_chart_headers(start_label: str) -> tuple[str, ...]:
    return ("Child", f"Month of {start_label.lower()}", "Weeks waiting", "Status")


def progress_chart(chart_id: str, figures: AimFigures, summary: str, csv_path: str, policy: DisclosurePolicy,
                   hidden: frozenset[str], opened: frozenset[str] = frozenset()) -> Chart:
    """Met, missed and pending children in the aim's cohort, as one stacked bar; `hidden` counts as [c].

    `opened` counts are shown although small, because a per-child chart on the page shows them anyway.
    """
    progress = figures.progress
    title, headers = "Progress towards the aim", ("Children", "Number")
    if progress.children and not policy.enough(progress.children):
        return withheld(chart_id, title, headers, csv_path, policy, progress.children, "progress")
    counts = progress.categories()
    parts = [(label, counts[name], colour, shape, name in hidden) for label, name, colour, shape in PROGRESS_PARTS]
    bars = [(label, count, colour, shape) for label, count, colour, shape, secret in parts if count and not secret]
    hidden_total = sum(count for _, count, _, _, secret in parts if secret)
    if hidden_total and "cohort" not in hidden:  # with the total hidden too, the bar's length would give it away
        bars.append((SUPPRESSED_BAR, hidden_total, GREY, "-"))
    data = [{"type": "bar", "orientation": "h", "name": label, "y": ["Children"], "x": [count],
             "text": [SUPPRESSED if label == SUPPRESSED_BAR else str(count)], "textposition": "inside",
             "insidetextanchor": "middle", "marker": {"color": colour, "pattern": pattern(shape), "line": BAR_BORDER},
             "hovertemplate": f"{label}<extra></extra>"}
            for label, count, colour, shape in bars]
    layout = base_layout("Children in the aim's cohort", "", 220)
    layout.update(barmode="stack")
    layout["yaxis"].update(showticklabels=False, title={"text": ""})
    rows = tuple((label, SUPPRESSED if secret else str(count)) for label, count, _, _, secret in parts)
    rows += ((COHORT_ROW, SUPPRESSED if "cohort" in hidden else str(progress.children)),)
    suppressed = tuple(f"{label}: shown as {SUPPRESSED}" for label, _, _, _, secret in parts if secret)
    suppressed += tuple(f"{label}: shown although small, as a per-child chart shows it" for label, name, _, _ in
                        PROGRESS_PARTS if name in opened)
    return Chart(chart_id, title, summary, figure(data, layout) if progress.children and "cohort" not in hidden else None,
                 headers, rows, csv_path, (policy.note,) if hidden else (), suppressed, kind="progress")


def measure_run_chart(chart_id: str, aim: LocalAim, all_points: list[MeasurePoint], points: list[MeasurePoint],
                      analysis: RunChartAnalysis | None, csv_path: str,
                      policy: DisclosurePolicy) -> Chart:
    """A pre-aggregated measure (such as the share of reviews done) as a run chart by period.

    `points` are those about enough children to publish; the table shows the rest as [c].
    """
    title = f"{aim.measure.replace('-', ' ').capitalize() if aim.measure else 'Measure'}, month by month"
    rows = tuple((format_month(p.period), f"{p.value:g}" if p in points else SUPPRESSED,
                  "" if p.count is None else count_text(p.count, policy, p not in points)) for p in all_points)
    suppressed = tuple(f"{format_month(p.period)}: value and count shown as {SUPPRESSED}" for p in all_points if p not in points)
    notes = (policy.note,) if suppressed else ()
    months = [format_month(p.period) for p in points]
    if not points or analysis is None:
        return Chart(chart_id, title, "No figures have been reported for this measure yet.", None,
                     ("Month", "Value", "Children"), rows, csv_path, notes, suppressed)
    positions = list(range(1, len(points) + 1))
    data = [{"type": "scatter", "mode": "lines+markers", "name": "Value", "x": positions,
             "y": [p.value for p in points], "customdata": months,
             "marker": {"color": DARK_BLUE, "size": 8}, "line": {"color": "#8fa8c2", "width": 1},
             "hovertemplate": "%{customdata}: %{y}<extra></extra>"}]
    data += median_traces(analysis) + signal_traces(analysis, [p.value for p in points])
    target = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": aim.target, "y1": aim.target,
              "line": {"color": ORANGE, "width": 2, "dash": "dashdot"}}
    label = {"xref": "paper", "x": 1, "xanchor": "right", "y": aim.target, "yanchor": "bottom",
             "showarrow": False, "text": f"Aim: {aim.target:g}", "font": {"color": "#9c3b0c"}}
    layout = base_layout("Month", "Value")
    if aim.statement:  # a measure no local aim uses has no target to draw
        layout.update(shapes=[target], annotations=[label])
    layout["xaxis"].update(month_ticks(positions, [p.period for p in points]))
    return Chart(chart_id, title, measure_sentence(points, analysis, aim), figure(data, layout),
                 ("Month", "Value", "Children"), rows, csv_path, notes, suppressed)


def measure_sentence(points: list[MeasurePoint], analysis: RunChartAnalysis, aim: LocalAim) -> str:
    latest = points[-1]
    median = analysis.phases[0].median
    text = (f"The latest figure, for {format_month(latest.period)}, is {latest.value:g} against an aim of "
            f"{aim.target:g}; the baseline median is {median:g}." if median is not None else "")
    if not any(p.enough_points for p in analysis.phases):
        return text + " With fewer than 10 points away from the median, no run chart rule can be applied yet."
    if not analysis.claimed_signals:
        return text + " The run chart rules find no shift or trend."
    return text + " The run chart rules find a signal of non-random variation, marked on the chart."


STAGE_COLOURS = (DARK_BLUE, TEAL, PURPLE, ORANGE, GREY, "#0065bd")


def stage_chart(chart_id: str, all_stages: tuple[StageYear, ...], labels: dict[str, str],
                timescales: dict[tuple[str, str], Timescale], summary: str, csv_path: str,
                policy: DisclosurePolicy) -> Chart:
    """Median weeks of each stage of the journey, year by year, against the aims' timescales.

    A year with fewer children than the minimum is left off the chart and shown as [c] in the table.
    """
    stages = tuple(s for s in all_stages if policy.enough(s.children))
    pairs = list(dict.fromkeys((s.start, s.end) for s in stages))
    data: list[dict[str, Any]] = []
    for index, pair in enumerate(pairs):
        colour = STAGE_COLOURS[index % len(STAGE_COLOURS)]
        rows = [s for s in stages if (s.start, s.end) == pair]
        name = f"{labels[pair[0]]} to {labels[pair[1]].lower()}"
        data.append({"type": "scatter", "mode": "lines+markers", "name": name, "x": [s.years for s in rows],
                     "y": [s.median_weeks for s in rows], "customdata": [s.children for s in rows],
                     "marker": {"color": colour, "size": 8, "symbol": ["circle", "square", "diamond", "triangle-up", "x", "star"][index % 6]},
                     "line": {"color": colour, "width": 2},
                     "hovertemplate": f"{name}, %{{x}}: median %{{y}} weeks (%{{customdata}} children)<extra></extra>"})
        if pair in timescales:
            weeks = round(timescales[pair].weeks, 1)
            data.append({"type": "scatter", "mode": "lines", "name": f"Aim timescale: {name.lower()}",
                         "x": [rows[0].years, rows[-1].years], "y": [weeks, weeks],
                         "line": {"color": colour, "width": 1.5, "dash": "dot"},
                         "hovertemplate": f"Aim timescale: {weeks:g} weeks<extra></extra>"})
    layout = base_layout("Year the stage ended", "Median weeks", 420)
    layout["xaxis"].update(type="category")
    table = tuple((f"{labels[s.start]} to {labels[s.end].lower()}", s.years, count_text(s.children, policy),
                   f"{s.median_weeks:g}" if s in stages else SUPPRESSED) for s in all_stages)
    suppressed = tuple(f"{labels[s.start]} to {labels[s.end].lower()}, {s.years}: children and median shown as {SUPPRESSED}"
                       for s in all_stages if s not in stages)
    return Chart(chart_id, "How long each stage of the journey took, year by year", summary,
                 figure(data, layout) if stages else None, ("Stage", "Year", "Children", "Median weeks"), table, csv_path,
                 (policy.note,) if suppressed else (), suppressed, kind="stages")


def overview_chart(chart_id: str, aim: NationalAim, rows: list[OverviewRow], summary: str, csv_path: str,
                   policy: DisclosurePolicy) -> Chart:
    """Each authority's median weeks over the last year beside its own timescale (a dot plot).

    The figures come from what the authority's own page publishes: its median and children in the
    last year are shown where its run chart is (a reader can count them off it), and withheld with
    the chart; its share met is its headline figure as published.
    """
    names = [r.authority.name for r in rows]
    medians = [r.recent_median if r.run_chart_published else None for r in rows]
    data = [
        {"type": "scatter", "mode": "markers", "name": "Median weeks, last 12 months", "y": names,
         "x": medians, "marker": {"color": DARK_BLUE, "size": 12, "symbol": "circle"},
         "hovertemplate": "%{y}: median %{x} weeks<extra></extra>"},
        {"type": "scatter", "mode": "markers", "name": "Local aim timescale", "y": names,
         "x": [round(r.report.aim.timescale.weeks, 1) if r.report.aim.timescale else None for r in rows],
         "marker": {"color": ORANGE, "size": 16, "symbol": "line-ns-open", "line": {"width": 3, "color": ORANGE}},
         "hovertemplate": "%{y}: timescale %{x} weeks<extra></extra>"},
    ]
    layout = base_layout("Weeks", "", 120 + 45 * len(rows))
    layout["yaxis"].update(type="category", autorange="reversed", title={"text": ""})
    layout["xaxis"].update(rangemode="tozero")
    table = tuple((r.authority.name, r.report.aim.statement, *overview_cells(r, policy).values(), r.signal) for r in rows)
    suppressed = tuple(f"{r.authority.name}: small figures shown as {SUPPRESSED}" for r in rows
                       if SUPPRESSED in overview_cells(r, policy).values())
    return Chart(chart_id, f"Median weeks for aim {aim.id} by authority, last 12 months, beside each local timescale",
                 summary, figure(data, layout),
                 ("Authority", "Local aim", "Median weeks, last 12 months", OVERVIEW_CHILDREN, OVERVIEW_MET,
                  "Latest signal"), table, csv_path, (policy.note,) if suppressed else (), suppressed, kind="overview")


def overview_cells(row: OverviewRow, policy: DisclosurePolicy) -> dict[str, str]:
    """An authority's figures on the national overview, as its own page publishes them."""
    if row.run_chart_published:
        median = "–" if row.recent_median is None else f"{row.recent_median:g}"
        children = str(row.recent_children)
    else:
        median = SUPPRESSED if row.recent_children else "–"
        children = count_text(row.recent_children, policy)
    met = dict(row.report.progress_lines).get(HEADLINES[2], "–")
    return {"Median weeks, last 12 months": median, OVERVIEW_CHILDREN: children, OVERVIEW_MET: met}
