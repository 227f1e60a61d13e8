"""The compute stage: each local aim's figures, analysis and charts as at a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import charts, narrative
from .charts import Chart
from .disclosure import SUPPRESSED, DisclosurePolicy, count_text
from .metrics import AimFigures, aim_figures, stage_durations
from .models import Authority, AuthorityData, LocalAim, MeasurePoint, NationalAim, SiteConfig
from .render import format_percent
from .runchart import RunChartAnalysis, analyse, phase_start_positions, positions_before

DEFAULT_BASELINE = 12


@dataclass(frozen=True)
class AimReport:
    aim: LocalAim
    national: NationalAim | None
    as_at: date
    figures: AimFigures | None
    analysis: RunChartAnalysis | None
    charts: tuple[Chart, ...]
    progress_lines: tuple[tuple[str, str], ...]


def aim_reports(aims: tuple[LocalAim, ...], data: AuthorityData, config: SiteConfig, as_at: date,
                baseline_until: date, csv_folder: str) -> tuple[AimReport, ...]:
    return tuple(_aim_report(aim, data, config, as_at, baseline_until, csv_folder) for aim in aims)


def _aim_report(aim: LocalAim, data: AuthorityData, config: SiteConfig, as_at: date,
                baseline_until: date, csv_folder: str) -> AimReport:
    national = config.national_aim(aim.national_aim)
    policy = config.disclosure
    if not aim.from_journeys:
        points = tuple(p for p in data.measures if p.measure == aim.measure and p.period <= as_at)
        return AimReport(aim, national, as_at, None, None, (measure_chart(aim, points, csv_folder, policy, baseline_until),), ())
    figures = aim_figures(aim, data.journeys, as_at)
    analysis = analyse_points(aim, figures, baseline_until)
    labels = (config.milestone_label(aim.start or ""), config.milestone_label(aim.end or ""))
    prefix = f"{csv_folder}/{aim.id}"
    markers = chart_markers(aim, [p.reached for p in figures.points])
    chart_list = (
        charts.progress_chart(f"{aim.id}-progress", figures, narrative.progress_sentence(figures.progress, aim, policy),
                              f"{prefix}-progress.csv", policy),
        charts.run_chart(f"{aim.id}-run-chart", figures, analysis, labels,
                         narrative.run_chart_sentence(figures, analysis, labels[1]), f"{prefix}-run-chart.csv", policy, markers),
        charts.waiting_chart(f"{aim.id}-waiting", figures, labels[0], narrative.waiting_sentence(figures, labels[0], policy),
                             f"{prefix}-waiting.csv", policy),
    )
    return AimReport(aim, national, as_at, figures, analysis, chart_list, _progress_lines(figures, policy))


def analyse_points(aim: LocalAim, figures: AimFigures, baseline_until: date) -> RunChartAnalysis:
    """The run chart rules over the children in end-date order, with the aim's baseline and phases."""
    return analyse_dated(aim, [float(p.weeks) for p in figures.points], [p.reached for p in figures.points],
                         baseline_until)


def analyse_dated(aim: LocalAim, values: list[float], dates: list[date], baseline_until: date) -> RunChartAnalysis:
    """The rules over dated values: the baseline ends at the aim's (or the authority's) date; phases start at theirs."""
    before = positions_before(dates, aim.baseline_until or baseline_until)
    phase_starts = [p for p in phase_start_positions(dates, [m.date for m in aim.phases]) if p > 1]
    return analyse(values, baseline=DEFAULT_BASELINE, first_baseline=before or None, phase_starts=phase_starts,
                   sustained=aim.sustained)


def chart_markers(aim: LocalAim, dates: list[date]) -> tuple[charts.ChartMarker, ...]:
    """Phases and tests of change as x positions between the points either side of their date."""
    found = []
    for kind, markers in (("phase", aim.phases), ("change", aim.changes)):
        for marker in markers:
            position = positions_before(dates, marker.date) + 0.5
            if 0.5 < position < len(dates) + 0.5:
                found.append(charts.ChartMarker(position, marker.label, kind, marker.date))
    return tuple(found)


def _progress_lines(figures: AimFigures, policy: DisclosurePolicy) -> tuple[tuple[str, str], ...]:
    """The headline figures; a percentage of fewer children than the minimum is shown as [c]."""
    progress = figures.progress

    def percent(value: float | None, children: int) -> str:
        return format_percent(value) if policy.enough(children) or not children else SUPPRESSED

    return (
        ("Children in the cohort", count_text(progress.children, policy)),
        ("Met, of those decided", percent(progress.percent_of_decided, progress.decided)),
        ("Met, including those waiting past the timescale", percent(progress.percent_overall, progress.met + progress.missed)),
        ("Target", f"{progress.target:g}%"),
    )


def publishable(point: MeasurePoint, policy: DisclosurePolicy) -> bool:
    """A value about enough children, and (with a count, the value being a percentage of it) neither
    the children it counts nor the rest a small number."""
    if point.count is None:
        return True
    part = round(point.value * point.count / 100)
    return policy.enough(point.count) and not policy.is_small(part) and not policy.is_small(point.count - part)


def measure_chart(aim: LocalAim, points: tuple[MeasurePoint, ...], csv_folder: str, policy: DisclosurePolicy,
                  baseline_until: date) -> Chart:
    """A measure from measures.csv, such as Aim 1 reviews, as a run chart of its values."""
    ordered = sorted(points, key=lambda p: p.period)
    published = [p for p in ordered if publishable(p, policy)]
    analysis = analyse_dated(aim, [p.value for p in published], [p.period for p in published],
                             baseline_until) if published else None
    return charts.measure_run_chart(f"{aim.id}-measure", aim, ordered, published, analysis,
                                    f"{csv_folder}/{aim.id}-measure.csv", policy)


@dataclass(frozen=True)
class AuthorityReports:
    """An authority's aims computed for each of its publications, each at its own date."""

    as_at: date
    current: tuple[AimReport, ...]
    stages: Chart | None
    other_measures: tuple[Chart, ...]
    poster: tuple[AimReport, ...]
    newsletters: dict[str, tuple[AimReport, ...]]


def authority_reports(authority: Authority, data: AuthorityData, config: SiteConfig) -> AuthorityReports:
    as_at = authority.figures_as_at(config.as_at)
    folder = f"authorities/{authority.slug}/data"

    def at(aims: tuple[LocalAim, ...], when: date, where: str) -> tuple[AimReport, ...]:
        return aim_reports(aims, data, config, min(when, as_at), authority.joined, f"{folder}/{where}")

    poster = authority.poster
    return AuthorityReports(
        as_at=as_at,
        current=at(authority.aims, as_at, "current"),
        stages=stages_chart(authority, data, config, as_at, f"{folder}/current"),
        other_measures=other_measure_charts(authority, data, config, as_at, f"{folder}/current"),
        poster=at(chosen_aims(authority, poster.aim_ids), poster.date, "poster") if poster else (),
        newsletters={n.slug: at(chosen_aims(authority, n.aim_ids, n.date), n.date, f"newsletter-{n.slug}")
                     for n in authority.newsletters},
    )


def chosen_aims(authority: Authority, aim_ids: tuple[str, ...], when: date | None = None) -> tuple[LocalAim, ...]:
    """The aims a publication names, else every aim whose cohort had started by its date."""
    if aim_ids:
        return tuple(a for a in authority.aims if a.id in aim_ids)
    return tuple(a for a in authority.aims if when is None or a.cohort_start <= when)


def stages_chart(authority: Authority, data: AuthorityData, config: SiteConfig, as_at: date, csv_folder: str) -> Chart | None:
    if not data.journeys:
        return None
    stages = stage_durations(data.journeys, [m.id for m in config.milestones], as_at)
    labels = {m.id: m.label for m in config.milestones}
    timescales = {(a.start, a.end): a.timescale for a in authority.aims
                  if a.start and a.end and a.timescale and a.locality is None}
    return charts.stage_chart("stage-durations", stages, labels, timescales,  # type: ignore[arg-type]
                              narrative.stages_sentence(stages, labels, config.disclosure),
                              f"{csv_folder}/stage-durations.csv", config.disclosure)


def other_measure_charts(authority: Authority, data: AuthorityData, config: SiteConfig, as_at: date,
                         csv_folder: str) -> tuple[Chart, ...]:
    """Measures in measures.csv that no local aim uses, each as a run chart of its own."""
    used = {a.measure for a in authority.aims if a.measure}
    names = sorted({p.measure for p in data.measures} - used)
    return tuple(
        measure_chart(LocalAim(id=name, statement="", target=0, cohort_start=as_at, deadline=as_at, measure=name,
                               better="higher"),
                      tuple(p for p in data.measures if p.measure == name and p.period <= as_at), csv_folder,
                      config.disclosure, authority.joined)
        for name in names)
