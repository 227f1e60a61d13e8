"""Analysis results to charts: Plotly figures as plain dicts, with their table and CSV.

Figures are built as dicts and serialised with json.dumps: constructing a
plotly.graph_objects.Figure costs about 100 times more. The tests check every
emitted figure against plotly's schema instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pace_site.figures.metrics import AimFigures, StageYear
from pace_site.figures.runchart import RunChartAnalysis, assess
from pace_site.model.chart import Chart, ChartMarker, KeyItem, followed_by
from pace_site.model.content import LocalAim, MeasurePoint, Timescale
from pace_site.model.disclosure import SUPPRESSED, DisclosurePolicy, count_text
from pace_site.model.formatting import format_month
from pace_site.model.labels import COHORT_ROW, PROGRESS_PARTS, SUPPRESSED_BAR
from pace_site.publish import narrative

# Scottish Government data-visualisation palette.
DARK_BLUE, TEAL, PURPLE, ORANGE, GREY = "#002d54", "#2b9c93", "#6a2063", "#e5682a", "#5e5e5e"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"


def withheld(chart_id: str, title: str, headers: tuple[str, ...], csv_path: str | None, policy: DisclosurePolicy,
             children: int, kind: str) -> Chart:
    """A chart about too few children: a sentence instead of the chart, its table and its figures. A per-child
    chart says the same whether it is withheld for being small or for what it would give away, so that the
    sentence itself says nothing about how many children there are."""
    sentence = NOT_PUBLISHED if kind in ("run", "waiting") else narrative.too_few(policy)
    return Chart(chart_id, title, sentence, None, headers, (), csv_path,
                 suppressed=(f"chart withheld: {count_text(children, policy)} children",), kind=kind)


NOT_PUBLISHED = ("This chart is not published: it shows each child, and here that would show too few children, or "
                 "let a reader work out a figure shown as [c].")


def withheld_per_child(chart_id: str, title: str, headers: tuple[str, ...], csv_path: str, kind: str,
                       action: str, sentence: str = NOT_PUBLISHED) -> Chart:
    """A chart that disclosure control withheld because it would undo a [c]: a sentence says why."""
    return Chart(chart_id, title, sentence, None, headers, (), csv_path, suppressed=(action,), kind=kind)


def base_layout(x_title: str, y_title: str, height: int = 380) -> dict[str, Any]:
    axis = {"gridcolor": "#ebebeb", "linecolor": GREY, "zeroline": False, "automargin": True,
            "tickfont": {"color": "#1a1a1a"}}
    return {
        "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 24, "b": 60},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "showlegend": False,  # the key is HTML under the chart (KeyItem)
        # Pushed down a little, so the first month label cannot touch the y axis's "0".
        "xaxis": {**axis, "title": {"text": x_title}, "ticklabelstandoff": 8},
        "yaxis": {**axis, "title": {"text": y_title}, "rangemode": "tozero"},
        "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1a1a1a"}},
    }


# plotly.js offers to upload a chart's data to Plotly Cloud: data about children must never leave the site.
PLOTLY_CONFIG = {
    "displaylogo": False, "responsive": True, "displayModeBar": False, "showSendToCloud": False,
    "showEditInChartStudio": False,
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


def timescale_line(timescale: Timescale | None) -> tuple[list[dict[str, Any]], tuple[KeyItem, ...]]:
    """A horizontal line at the aim's timescale, in weeks, named in the key."""
    if timescale is None:
        return [], ()
    weeks = round(timescale.weeks, 1)
    in_weeks = "" if timescale.unit == "weeks" else f" ({weeks:g} weeks)"
    shape = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": weeks, "y1": weeks,
             "line": {"color": ORANGE, "width": 2, "dash": "dashdot"}}
    return [shape], (KeyItem(f"Timescale: {timescale}{in_weeks}", "dashdot", ORANGE),)


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
    signals, signal_key = signal_traces(analysis, [float(p.weeks) for p in points], figures.aim.better)
    data += median_traces(analysis) + signals
    shapes, timescale_key = timescale_line(figures.aim.timescale)
    layout = base_layout(f"Children in the order they reached {end_label.lower()}", "Weeks")
    layout["xaxis"].update(month_ticks(positions, [p.reached for p in points]))
    layout["xaxis"].update(range=[0.5, len(points) + 0.5])
    marker_shapes, marker_labels, top = marker_lines(markers, len(points))
    layout.update(shapes=shapes + marker_shapes, annotations=marker_labels)
    layout["margin"]["t"] = top
    # No column says which children are in the aim's cohort: with the progress table it could undo [c].
    rows = tuple((str(i), month, str(p.weeks)) for i, month, p in zip(positions, months, points, strict=True))
    notes = tuple(f"{index}. {'New phase' if m.kind == 'phase' else 'Test of change'} from {format_month(m.date)}: "
                  f"{m.label}" for index, m in enumerate(markers, start=1))
    key = ((KeyItem("Weeks for each child", "dot", DARK_BLUE),) + median_key(analysis) + signal_key + timescale_key
           + marker_key(markers) + runs_key(analysis))
    return Chart(chart_id, title, summary, figure(data, layout) if points else None, headers, rows, csv_path, notes,
                 kind="run", key=key if points else ())


def run_chart_title(labels: tuple[str, str]) -> str:
    return f"Weeks from {labels[0].lower()} to {labels[1].lower()}, child by child"


def run_chart_headers(end_label: str) -> tuple[str, ...]:
    return ("Child", f"Month reached {end_label.lower()}", "Weeks")


MARKER_ROW = 16  # pixels between the rows of numbered marker labels above the plot


def marker_lines(markers: tuple[ChartMarker, ...],
                 points: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Vertical lines (solid: a new phase; dotted: a test of change), numbered above the plot where no data
    is: the numbers are listed under the chart. Markers close together take turns on two rows."""
    shapes, labels, rows = [], [], 1
    last_x: float | None = None
    row = 0
    for index, marker in enumerate(markers, start=1):
        colour, dash = (GREY, "solid") if marker.kind == "phase" else (PURPLE, "dot")
        shapes.append({"type": "line", "xref": "x", "x0": marker.x, "x1": marker.x, "yref": "paper", "y0": 0, "y1": 1,
                       "line": {"color": colour, "width": 1.5, "dash": dash}})
        close = last_x is not None and (marker.x - last_x) < max(points, 1) * 0.06
        row = (row + 1) % 2 if close else 0
        rows = max(rows, row + 1)
        last_x = marker.x
        labels.append({"xref": "x", "x": marker.x, "yref": "paper", "y": 1, "yanchor": "bottom",
                       "yshift": 2 + row * MARKER_ROW, "showarrow": False, "text": str(index),
                       "font": {"size": 12, "color": colour}})
    return shapes, labels, 24 + (rows * MARKER_ROW if markers else 0)


def marker_key(markers: tuple[ChartMarker, ...]) -> tuple[KeyItem, ...]:
    kinds = {m.kind for m in markers}
    return ((KeyItem("New phase (numbered, listed below)", "vline", GREY),) if "phase" in kinds else ()) + \
        ((KeyItem("Test of change (numbered, listed below)", "vdotted", PURPLE),) if "change" in kinds else ())


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


def median_key(analysis: RunChartAnalysis) -> tuple[KeyItem, ...]:
    items = []
    for number, phase in enumerate(analysis.phases, start=1):
        if phase.median is None:
            continue
        name = "Baseline median" if number == 1 else f"Median, phase {number}"
        items.append(KeyItem(f"{name}: {phase.median:g}", "line", TEAL))
    extended = any(p.median is not None and p.last > p.first + p.baseline_points - 1 for p in analysis.phases)
    return tuple(items) + ((KeyItem("Median extended beyond its baseline", "dashed", TEAL),) if extended else ())


def runs_key(analysis: RunChartAnalysis) -> tuple[KeyItem, ...]:
    """The runs test has no points to mark: when it signals, the key says so."""
    if any(p.enough_points and p.runs_signal for p in analysis.phases):
        return (KeyItem("Runs test: non-random variation (see the summary)", "none", PURPLE),)
    return ()


def _line(name: str, xs: list[int], y: float, dash: str, legend: bool) -> dict[str, Any]:
    return {"type": "scatter", "mode": "lines", "name": name, "x": xs, "y": [y, y], "showlegend": legend,
            "line": {"color": TEAL, "width": 2, "dash": dash}, "hovertemplate": f"{name}: {y:g} weeks<extra></extra>"}


SIGNAL_MARKS = {("shift", "up"): ("diamond-open", "diamond"), ("shift", "down"): ("diamond-open", "diamond"),
                ("trend", "up"): ("triangle-up-open", "triangle"),
                ("trend", "down"): ("triangle-down-open", "triangle")}


def signal_traces(analysis: RunChartAnalysis, values: list[float],
                  better: str) -> tuple[list[dict[str, Any]], tuple[KeyItem, ...]]:
    """Points in a shift or trend: a marker shape and a key entry that says whether it is an improvement,
    never colour alone, and no text on the chart to sit on the data."""
    traces, key = [], []
    for kind, colour in (("shift", PURPLE), ("trend", ORANGE)):
        for verdict in ("improvement", "deterioration"):
            signals = [s for s in analysis.claimed_signals if s.kind == kind and assess(s, better) == verdict]
            xs = sorted({x for s in signals for x in range(s.first, s.last + 1)})
            if not xs:
                continue
            symbol, mark = SIGNAL_MARKS[(kind, signals[-1].direction)]
            name = f"{kind.capitalize()}: {verdict}"
            traces.append({
                "type": "scatter", "mode": "markers", "name": name, "x": xs, "y": [values[x - 1] for x in xs],
                "marker": {"symbol": symbol, "size": 16, "color": colour, "line": {"width": 2, "color": colour}},
                "hovertemplate": f"Point %{{x}}: part of a {kind} ({verdict})<extra></extra>",
            })
            key.append(KeyItem(name, mark, colour))
    return traces, tuple(key)


def waiting_chart(chart_id: str, figures: AimFigures, start_label: str, summary: str, csv_path: str,
                  policy: DisclosurePolicy) -> Chart:
    """A bar per child still waiting, longest first; bars past the timescale patterned and labelled."""
    title, headers = waiting_chart_title(figures.as_at), waiting_chart_headers(start_label)
    if figures.waiting and not policy.enough(len(figures.waiting)):
        return withheld(chart_id, title, headers, csv_path, policy, len(figures.waiting), "waiting")
    timescale = figures.aim.timescale
    limit = figures.aim.limit_days
    names = [f"Child {i}" for i in range(1, len(figures.waiting) + 1)]
    groups: tuple[tuple[str, Callable[[int], bool], str, str], ...] = (
        ("Waiting longer than the timescale", lambda d: d > limit, ORANGE, "/"),
        ("Waiting, within the timescale", lambda d: d <= limit, TEAL, ""))
    data, key = [], []
    for name, keep, colour, shape in groups:
        chosen = [(n, w) for n, w in zip(names, figures.waiting, strict=True) if keep(w.days)]
        if chosen:
            data.append({"type": "bar", "name": name, "x": [n for n, _ in chosen], "y": [w.weeks for _, w in chosen],
                         "marker": {"color": colour, "pattern": pattern(shape), "line": BAR_BORDER},
                         "hovertemplate": "%{x}: %{y} weeks waiting<extra></extra>"})
            key.append(KeyItem(name, "striped" if shape else "bar", colour))
    shapes, timescale_key = timescale_line(timescale)
    layout = base_layout("Children still waiting, longest first", "Weeks waiting", 320)
    layout.update(shapes=shapes, barmode="overlay")
    layout["xaxis"].update(categoryorder="array", categoryarray=names, showticklabels=False)  # the table names them
    rows = tuple((n, format_month(w.started), str(w.weeks),
                  "past the timescale" if w.days > limit else "within the timescale")
                 for n, w in zip(names, figures.waiting, strict=True))
    return Chart(chart_id, title, summary, figure(data, layout) if figures.waiting else None, headers, rows, csv_path,
                 kind="waiting", key=tuple(key) + timescale_key if figures.waiting else ())


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
    parts = _progress_parts(progress.categories(), hidden)
    bars = _progress_bars(parts, hidden)
    drawn = _progress_drawn(progress.children, hidden, bars)
    if progress.children and not drawn:
        summary = followed_by(summary, " Every count is small or hidden, so there is no bar to draw: the table "
                                       "shows them as [c].")
    key = tuple(KeyItem(label, "striped" if shape else "bar", colour) for label, _, colour, shape in bars)
    rows = _progress_rows(parts, progress.children, hidden)
    suppressed = _progress_suppressed(parts, opened)
    return Chart(chart_id, title, summary, _progress_figure(bars) if drawn else None, headers, rows, csv_path,
                 (policy.note,) if hidden else (), suppressed, kind="progress", key=key if drawn else ())


_ProgressPart = tuple[str, int, str, str, bool]  # label, count, colour, pattern shape, shown as [c]
_ProgressBar = tuple[str, int, str, str]  # label, count, colour, pattern shape


def _progress_parts(counts: dict[str, int], hidden: frozenset[str]) -> list[_ProgressPart]:
    """Each of the four counts that add up to the cohort, and whether it is shown as [c]."""
    return [(label, counts[name], colour, shape, name in hidden) for label, name, colour, shape in PROGRESS_PARTS]


def _progress_bars(parts: list[_ProgressPart], hidden: frozenset[str]) -> list[_ProgressBar]:
    """The bar's pieces: each count shown, then the hidden ones together as one [c] piece."""
    bars = [(label, count, colour, shape) for label, count, colour, shape, secret in parts if count and not secret]
    hidden_total = sum(count for _, count, _, _, secret in parts if secret)
    if hidden_total and "cohort" not in hidden:  # with the total hidden too, the bar's length would give it away
        bars.append((SUPPRESSED_BAR, hidden_total, GREY, "-"))
    return bars


def _progress_drawn(children: int, hidden: frozenset[str], bars: list[_ProgressBar]) -> bool:
    """Whether there is a bar to draw: not when the cohort is hidden, nor when every piece is [c]."""
    return bool(children) and "cohort" not in hidden and any(label != SUPPRESSED_BAR for label, *_ in bars)


def _progress_figure(bars: list[_ProgressBar]) -> dict[str, Any]:
    """One stacked bar, each piece labelled with its count ([c] for the hidden piece)."""
    data = [{"type": "bar", "orientation": "h", "name": label, "y": ["Children"], "x": [count],
             "text": [SUPPRESSED if label == SUPPRESSED_BAR else str(count)], "textposition": "inside",
             "insidetextanchor": "middle", "marker": {"color": colour, "pattern": pattern(shape), "line": BAR_BORDER},
             "hovertemplate": f"{label}<extra></extra>"}
            for label, count, colour, shape in bars]
    layout = base_layout("Children in the aim's cohort", "", 200)
    layout.update(barmode="stack", uniformtext={"mode": "hide", "minsize": 11})  # no number squeezed into a sliver
    layout["yaxis"].update(showticklabels=False, title={"text": ""})
    return figure(data, layout)


def _progress_rows(parts: list[_ProgressPart], children: int, hidden: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The table: each count ([c] if hidden), then the cohort."""
    rows = tuple((label, SUPPRESSED if secret else str(count)) for label, count, _, _, secret in parts)
    return rows + ((COHORT_ROW, SUPPRESSED if "cohort" in hidden else str(children)),)


def _progress_suppressed(parts: list[_ProgressPart], opened: frozenset[str]) -> tuple[str, ...]:
    """The counts shown as [c], then those shown although small, in words."""
    suppressed = tuple(f"{label}: shown as {SUPPRESSED}" for label, _, _, _, secret in parts if secret)
    return suppressed + tuple(f"{label}: shown although small, as a per-child chart shows it" for label, name, _, _ in
                              PROGRESS_PARTS if name in opened)


MEASURE_AXES = {"count": ("Children", ""), "percentage": ("Per cent", "%"), "cumulative": ("Per cent, cumulative", "%")}


def measure_run_chart(chart_id: str, aim: LocalAim, all_points: list[MeasurePoint], points: list[MeasurePoint],
                      analysis: RunChartAnalysis | None, csv_path: str,
                      policy: DisclosurePolicy) -> Chart:
    """A pre-aggregated measure (such as the share of reviews done) by month: a run chart with its rules,
    or, for a cumulative measure (which rises by construction), a line without them.

    `points` are those about enough children to publish; the table shows the rest as [c].
    """
    title = f"{aim.measure.replace('-', ' ').capitalize() if aim.measure else 'Measure'}, month by month"
    y_title, unit = MEASURE_AXES[aim.measure_kind]
    headers = ("Month", y_title, "Children counted" if aim.measure_kind == "count" else "Children")
    rows = _measure_rows(all_points, points, policy)
    suppressed = tuple(f"{format_month(p.period)}: value and count shown as {SUPPRESSED}"
                       for p in all_points if p not in points)
    notes = (policy.note,) if suppressed else ()
    if not points:
        return Chart(chart_id, title, "No figures have been reported for this measure yet.", None,
                     headers, rows, csv_path, notes, suppressed, kind="measure")
    drawn, key = _measure_figure(aim, points, analysis, y_title, unit)
    return Chart(chart_id, title, narrative.measure_sentence(points, analysis, aim, unit), drawn,
                 headers, rows, csv_path, notes, suppressed, kind="measure", key=key)


def _measure_rows(all_points: list[MeasurePoint], points: list[MeasurePoint],
                  policy: DisclosurePolicy) -> tuple[tuple[str, str, str], ...]:
    """Each month's value and children, [c] for a month not published ("" where no count was given)."""
    return tuple((format_month(p.period), f"{p.value:g}" if p in points else SUPPRESSED,
                  "" if p.count is None else count_text(p.count, policy, p not in points)) for p in all_points)


def _measure_figure(aim: LocalAim, points: list[MeasurePoint], analysis: RunChartAnalysis | None, y_title: str,
                    unit: str) -> tuple[dict[str, Any], tuple[KeyItem, ...]]:
    """The published months as a line of dots, with the run chart's medians and signals (if analysed) and the
    aim's target line (if a local aim uses the measure); and its key."""
    positions = list(range(1, len(points) + 1))
    data = [{"type": "scatter", "mode": "lines+markers", "name": y_title, "x": positions,
             "y": [p.value for p in points], "customdata": [format_month(p.period) for p in points],
             "marker": {"color": DARK_BLUE, "size": 8}, "line": {"color": "#8fa8c2", "width": 1},
             "hovertemplate": f"%{{customdata}}: %{{y}}{unit}<extra></extra>"}]
    key: tuple[KeyItem, ...] = (KeyItem(f"{y_title}, each month", "dot", DARK_BLUE),)
    if analysis is not None:
        signals, signal_key = signal_traces(analysis, [p.value for p in points], aim.better)
        data += median_traces(analysis) + signals
        key += median_key(analysis) + signal_key + runs_key(analysis)
    layout = base_layout("Month", y_title)
    layout["yaxis"].update(ticksuffix=unit)
    if aim.statement:  # a measure no local aim uses has no target to draw
        layout.update(shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": aim.target, "y1": aim.target,
                               "line": {"color": ORANGE, "width": 2, "dash": "dashdot"}}])
        key += (KeyItem(f"Aim: {aim.target:g}{unit}", "dashdot", ORANGE),)
    layout["xaxis"].update(month_ticks(positions, [p.period for p in points]))
    layout["xaxis"].update(range=[0.5, len(points) + 0.5])
    return figure(data, layout), key


STAGE_COLOURS = (DARK_BLUE, TEAL, PURPLE, ORANGE, GREY, "#0065bd")
STAGE_MARKS = (("circle", "dot"), ("square", "bar"), ("diamond", "diamond"), ("triangle-up", "triangle"))


def stage_chart(chart_id: str, all_stages: tuple[StageYear, ...], labels: dict[str, str],
                timescales: dict[tuple[str, str], Timescale], summary: str, csv_path: str,
                policy: DisclosurePolicy) -> Chart:
    """Median weeks of each stage of the journey, year by year, against the aims' timescales.

    A year with fewer children than the minimum is left off the chart and shown as [c] in the table.
    """
    stages = tuple(s for s in all_stages if policy.enough(s.children))
    data, key = _stage_lines(stages, labels, timescales)
    layout = base_layout("Year the stage ended", "Median weeks", 420)
    layout["xaxis"].update(dtick=1, tickformat="d")
    table = tuple((f"{labels[s.start]} to {labels[s.end].lower()}", s.years, count_text(s.children, policy),
                   f"{s.median_weeks:g}" if s in stages else SUPPRESSED) for s in all_stages)
    suppressed = tuple(f"{labels[s.start]} to {labels[s.end].lower()}, {s.years}: "
                       f"children and median shown as {SUPPRESSED}"
                       for s in all_stages if s not in stages)
    return Chart(chart_id, "How long each stage of the journey took, year by year", summary,
                 figure(data, layout) if stages else None, ("Stage", "Year", "Children", "Median weeks"), table,
                 csv_path,
                 (policy.note,) if suppressed else (), suppressed, kind="stages", key=tuple(key) if stages else ())


def _stage_lines(stages: tuple[StageYear, ...], labels: dict[str, str],
                 timescales: dict[tuple[str, str], Timescale]) -> tuple[list[dict[str, Any]], list[KeyItem]]:
    """A line for each stage, in its own colour and marker, with its aim's timescale (if any) dotted beside it."""
    pairs = list(dict.fromkeys((s.start, s.end) for s in stages))
    data: list[dict[str, Any]] = []
    key: list[KeyItem] = []
    for index, pair in enumerate(pairs):
        colour, (symbol, mark) = STAGE_COLOURS[index % len(STAGE_COLOURS)], STAGE_MARKS[index % len(STAGE_MARKS)]
        rows = [s for s in stages if (s.start, s.end) == pair]
        name = f"{labels[pair[0]]} to {labels[pair[1]].lower()}"
        # A span of pooled years is plotted at its last year; the table and the hover name the span.
        data.append({"type": "scatter", "mode": "lines+markers", "name": name,
                     "x": [s.last_year or s.year for s in rows],
                     "y": [s.median_weeks for s in rows], "customdata": [[s.years, s.children] for s in rows],
                     "marker": {"color": colour, "size": 8, "symbol": symbol}, "line": {"color": colour, "width": 2},
                     "hovertemplate": f"{name}, %{{customdata[0]}}: median %{{y}} weeks "
                                      "(%{customdata[1]} children)<extra></extra>"})
        key.append(KeyItem(name, mark, colour))
        if pair in timescales:
            trace, item = _stage_timescale(name, rows, colour, timescales[pair])
            data.append(trace)
            key.append(item)
    return data, key


def _stage_timescale(name: str, rows: list[StageYear], colour: str,
                     timescale: Timescale) -> tuple[dict[str, Any], KeyItem]:
    """The aim's timescale for a stage, as a dotted line across the stage's years, and its key."""
    weeks = round(timescale.weeks, 1)
    trace = {"type": "scatter", "mode": "lines", "name": f"Aim timescale: {name.lower()}",
             "x": [rows[0].last_year or rows[0].year, rows[-1].last_year or rows[-1].year], "y": [weeks, weeks],
             "line": {"color": colour, "width": 1.5, "dash": "dot"},
             "hovertemplate": f"Aim timescale: {weeks:g} weeks<extra></extra>"}
    return trace, KeyItem(f"Aim timescale: {name.lower()} ({weeks:g} weeks)", "dotted", colour)
