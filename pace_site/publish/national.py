"""The national overview: every authority against each national aim."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pace_site.figures.metrics import recent_median
from pace_site.figures.runchart import assess, latest_signal
from pace_site.model.chart import Chart, KeyItem
from pace_site.model.content import Authority, Content, LocalAim, NationalAim
from pace_site.model.disclosure import SUPPRESSED, DisclosurePolicy, count_text
from pace_site.model.formatting import format_month
from pace_site.model.labels import HEADLINES, OVERVIEW_CHILDREN, OVERVIEW_MET
from pace_site.publish import charts
from pace_site.publish.charts import DARK_BLUE, ORANGE
from pace_site.publish.report import AimReport, AuthorityReports


@dataclass(frozen=True)
class OverviewRow:
    authority: Authority
    report: AimReport
    recent_median: float | None
    recent_children: int
    signal: str
    scope: str = "all children"  # the aim's locality, routes and ages, as a reader needs to compare it

    @property
    def run_chart_published(self) -> bool:
        """Whether the authority's own page shows this aim's children dot by dot."""
        return any(chart.kind == "run" and chart.has_data for chart in self.report.charts)


@dataclass(frozen=True)
class NationalAimOverview:
    aim: NationalAim
    rows: tuple[OverviewRow, ...]
    chart: Chart | None
    measures: tuple[tuple[Authority, AimReport], ...]  # local aims measured from measures.csv
    apart: tuple[tuple[OverviewRow, str], ...] = ()  # local aims not compared with the others, and why
    heading: str = ""
    measures_chart: Chart | None = None  # each measured aim's latest value beside its target

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(chart for chart in (self.chart, self.measures_chart) if chart)


# Local aims tied to no national aim (such as Shetland's, from accommodation to an order): their own table.
WHOLE_JOURNEY = NationalAim(0, "Whole journey",
                            "Local aims over a child's whole journey to permanence, not tied to one national aim. "
                            "Their stages differ, so compare each with its own aim.")


def national_overview(content: Content, reports: dict[str, AuthorityReports]) -> tuple[NationalAimOverview, ...]:
    """Each national aim's authorities side by side, then the whole-journey aims, if any."""
    found = [_overview(aim, content, reports) for aim in content.config.national_aims]
    whole = _overview(WHOLE_JOURNEY, content, reports)
    return tuple(found) + ((whole,) if whole.rows else ())


def _overview(aim: NationalAim, content: Content, reports: dict[str, AuthorityReports]) -> NationalAimOverview:
    rows, apart, measures = [], [], []
    for authority in content.authorities:
        for report in reports[authority.slug].current:
            if (report.aim.national_aim or 0) != aim.id:
                continue
            if report.figures is None:
                measures.append((authority, report))
                continue
            median, count = recent_median(report.figures)
            row = OverviewRow(authority, report, median, count, signal_in_words(report), aim_scope(report.aim, content))
            reason = not_comparable(report.aim, aim, content)
            (apart.append((row, reason)) if reason else rows.append(row))
    policy = content.config.disclosure
    chart = overview_chart(f"national-aim-{aim.id}", aim, rows, overview_sentence(aim, rows, policy),
                                  f"national/aim-{aim.id}.csv", policy) if rows else None
    heading = "Whole-journey aims" if aim is WHOLE_JOURNEY else f"National aim {aim.id}: {aim.title}"
    return NationalAimOverview(aim, tuple(rows), chart, tuple(measures), tuple(apart), heading,
                               measures_chart(aim, measures) if measures else None)


def latest_published(report: AimReport) -> tuple[str, str] | None:
    """The month and value of a measure's latest figure its own page shows (not [c])."""
    rows = [row for chart in report.charts if chart.kind == "measure"
            for row in chart.table_rows if row[1] != SUPPRESSED]
    return (rows[-1][0], rows[-1][1]) if rows else None


def unit(report: AimReport) -> str:
    return "" if report.aim.measure_kind == "count" else "%"


def measures_chart(aim: NationalAim, measures: list[tuple[Authority, AimReport]]) -> Chart:
    """Each authority's measured aim (such as aim 1's share of plans reviewed): its latest published value
    beside its own target. Every figure is one the authority's page already shows."""
    rows = [(authority, report, latest_published(report)) for authority, report in measures]
    shown = [(a, r, latest) for a, r, latest in rows if latest]
    return Chart(f"national-aim-{aim.id}-measures",
                 f"Latest figure for national aim {aim.id} by authority, beside each target",
                 _measures_summary(aim, rows),
                 charts.figure(_measures_traces(shown), _measures_layout(rows, shown)) if shown else None,
                 ("Authority", "Local aim", "Month", "Latest value", "Target"), _measures_table(rows),
                 f"national/aim-{aim.id}-measures.csv",
                 kind="overview-measures", key=(KeyItem("Latest value", "dot", charts.DARK_BLUE),
                                                KeyItem("The authority's own target", "vline", charts.ORANGE)))


def _measures_traces(shown: list[tuple[Authority, AimReport, tuple[str, str]]]) -> list[dict[str, Any]]:
    """Two rows of markers, one per authority with a published figure: its latest value and its own target."""
    return [{"type": "scatter", "mode": "markers", "name": "Latest value", "y": [a.name for a, _, _ in shown],
             "x": [float(latest[1]) for _, _, latest in shown], "marker": {"color": charts.DARK_BLUE, "size": 12},
             "hovertemplate": "%{y}: %{x}%<extra></extra>"},
            {"type": "scatter", "mode": "markers", "name": "Local target", "y": [a.name for a, _, _ in shown],
             "x": [r.aim.target for _, r, _ in shown],
             "marker": {"color": charts.ORANGE, "size": 16, "symbol": "line-ns-open",
                        "line": {"width": 3, "color": charts.ORANGE}},
             "hovertemplate": "%{y}: target %{x}%<extra></extra>"}]


def _measures_layout(rows: list[tuple[Authority, AimReport, tuple[str, str] | None]],
                     shown: list[tuple[Authority, AimReport, tuple[str, str]]]) -> dict[str, Any]:
    """A row per authority shown; a 0-105% axis when every measure is a share, else from zero."""
    percent = all(r.aim.measure_kind != "count" for _, r, _ in rows)
    layout = charts.base_layout("Per cent" if percent else "Value", "", 120 + 45 * max(len(shown), 1))
    layout["yaxis"].update(type="category", autorange="reversed", title={"text": ""})
    layout["xaxis"].update(range=[0, 105], ticksuffix="%") if percent else layout["xaxis"].update(rangemode="tozero")
    return layout


def _measures_table(rows: list[tuple[Authority, AimReport, tuple[str, str] | None]]) -> tuple[tuple[str, ...], ...]:
    """The chart's table: every measured aim, with "–" where its page publishes no figure."""
    return tuple((a.name, r.aim.statement, latest[0] if latest else "–", f"{latest[1]}{unit(r)}" if latest else "–",
                  f"{r.aim.target:g}{unit(r)}") for a, r, latest in rows)


def _measures_summary(aim: NationalAim, rows: list[tuple[Authority, AimReport, tuple[str, str] | None]]) -> str:
    names = ", ".join(a.name for a, _, _ in rows)
    return (f"{len(rows)} authorit{'y measures' if len(rows) == 1 else 'ies measure'} a local aim for national aim "
            f"{aim.id} ({names}); each dot is its latest published figure, beside its own target.")


def not_comparable(local: LocalAim, aim: NationalAim, content: Content) -> str:
    """Why a local aim cannot sit in its national aim's comparison ("" if it can)."""
    if aim is WHOLE_JOURNEY or aim.start is None or aim.end is None:
        return ""
    label = content.config.milestone_label
    if local.start != aim.start or local.end != aim.end or local.end_by_route:
        return (f"measured from {label(local.start or '').lower()} to {label(local.end or '').lower()}, not from "
                f"{label(aim.start).lower()} to {label(aim.end).lower()}")
    return ""


def aim_scope(aim: LocalAim, content: Content) -> str:
    """Which children an aim counts, in words: its locality, routes and ages."""
    routes = {r.id: r.label.lower() for r in content.config.routes}
    parts = [f"{aim.locality} only"] if aim.locality else []
    if aim.routes:
        parts.append(" and ".join(routes.get(r, r) for r in aim.routes) + " routes")
    if aim.age_bands:
        parts.append("aged " + ", ".join(aim.age_bands))
    return "; ".join(parts) or "all children"


def signal_in_words(report: AimReport) -> str:
    """The most recent shift or trend in words, such as 'shift from May 2018 (improvement)'."""
    if report.analysis is None or report.figures is None:
        return "–"
    if not any(chart.kind == "run" and chart.has_data for chart in report.charts):
        return "not published"
    if not any(p.enough_points for p in report.analysis.phases):
        return "too few children to judge"
    signal = latest_signal(report.analysis)
    if signal is None and any(p.enough_points and p.runs_signal for p in report.analysis.phases):
        return "runs test: non-random variation"
    if signal is None:
        return "none: variation is random"
    since = format_month(report.figures.points[signal.first - 1].reached)
    return f"{signal.kind} from {since} ({assess(signal, report.aim.better)})"


def overview_sentence(aim: NationalAim, rows: list[OverviewRow], policy: DisclosurePolicy) -> str:
    """How many authorities, and the highest share met among those whose pages publish one."""
    shares = [(int(shown[:-1]), row.authority.name) for row in rows
              if (shown := overview_cells(row, policy)[OVERVIEW_MET]).endswith("%")]
    text = f"{len(rows)} authorit{'y has' if len(rows) == 1 else 'ies have'} a local aim for national aim {aim.id}."
    if shares:
        best = max(shares)
        text += f" The highest share of children within their local timescale is {best[0]}% in {best[1]}."
    return text + " Local timescales differ, so compare each authority with its own aim."


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
    layout = charts.base_layout("Weeks", "", 120 + 45 * len(rows))
    layout["yaxis"].update(type="category", autorange="reversed", title={"text": ""})
    layout["xaxis"].update(rangemode="tozero")
    table = tuple((r.authority.name, r.report.aim.statement, r.scope, format_month(r.report.as_at),
                   *overview_cells(r, policy).values(), r.signal) for r in rows)
    suppressed = tuple(f"{r.authority.name}: small figures shown as {SUPPRESSED}" for r in rows
                       if SUPPRESSED in overview_cells(r, policy).values())
    which = f"aim {aim.id}" if aim.id else "whole-journey aims"
    return Chart(chart_id, f"Median weeks for {which} by authority, last 12 months, beside each local timescale",
                 summary, charts.figure(data, layout),
                 ("Authority", "Local aim", "Children counted", "As at", "Baseline median weeks",
                  "Median weeks, last 12 months", OVERVIEW_CHILDREN, OVERVIEW_MET, "Latest signal"),
                 table, csv_path, (policy.note,) if suppressed else (), suppressed, kind="overview",
                 key=(KeyItem("Median weeks, last 12 months", "dot", DARK_BLUE),
                      KeyItem("The authority's own timescale", "vline", ORANGE)))


def overview_cells(row: OverviewRow, policy: DisclosurePolicy) -> dict[str, str]:
    """An authority's figures on the national overview, as its own page publishes them."""
    analysis = row.report.analysis
    baseline = analysis.phases[0].median if analysis and analysis.phases else None
    if row.run_chart_published:
        base = "–" if baseline is None else f"{baseline:g}"
        median = "–" if row.recent_median is None else f"{row.recent_median:g}"
        children = str(row.recent_children)
    else:  # with the run chart withheld, so are the medians of its dots
        base = "–" if baseline is None else SUPPRESSED
        median = SUPPRESSED if row.recent_children else "–"
        children = count_text(row.recent_children, policy)
    met = dict(row.report.progress_lines).get(HEADLINES[2], "–")
    return {"Baseline median weeks": base, "Median weeks, last 12 months": median, OVERVIEW_CHILDREN: children,
            OVERVIEW_MET: met}
