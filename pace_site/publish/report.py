"""The compute stage: each local aim's figures, analysis and charts as at a date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pace_site.figures.metrics import AimFigures, aim_figures, complete_starts, stage_durations
from pace_site.figures.runchart import RunChartAnalysis, analyse, phase_start_positions, positions_before
from pace_site.model.chart import Chart, ChartMarker
from pace_site.model.content import Authority, AuthorityData, LocalAim, MeasurePoint, NationalAim, SiteConfig
from pace_site.model.disclosure import SUPPRESSED, DisclosurePolicy, count_text
from pace_site.model.formatting import format_percent
from pace_site.model.labels import HEADLINES
from pace_site.publish import charts, narrative
from pace_site.publish.across_dates import audit_latest, untagged
from pace_site.publish.audit import Finding, Publication, into_row, leaks, stage_row_label
from pace_site.publish.by_route import HEADERS, by_route_chart
from pace_site.publish.release import Release, first_release, remedies, withhold_everything

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
    release: Release | None = None  # what disclosure control let it publish (journey aims only)


MAX_ROUNDS = 12  # each round withholds or hides more, so a handful always ends in a safe release


Earlier = dict[str, tuple[Publication, ...]]  # each aim's publications at earlier dates, in time order


def aim_reports(aims: tuple[LocalAim, ...], data: AuthorityData, config: SiteConfig, as_at: date,
                baseline_until: date, csv_folder: str, authority: str = "",
                stages: Chart | None = None, earlier: Earlier | None = None) -> tuple[AimReport, ...]:
    """Each aim's report; `stages` is the stage durations chart published at the same date, if any; `earlier`
    what each aim published at earlier dates, which a reader puts beside this one."""
    complete = complete_starts(data.journeys, [m.id for m in config.milestones]) if stages else frozenset()
    return tuple(_aim_report(aim, data, config, as_at, baseline_until, csv_folder,
                             Beside(authority, stages, complete, (earlier or {}).get(aim.id, ())))
                 for aim in aims)


@dataclass(frozen=True)
class Beside:
    """What else is published about an aim's children at the same date: the authority's name and stage table."""

    authority: str
    stages: Chart | None = None
    complete: frozenset[str] = frozenset()  # milestones the stage table's rows into count every child of (metrics)
    earlier: tuple[Publication, ...] = ()  # the aim at earlier dates, as published

    def publication(self, report: AimReport, config: SiteConfig) -> Publication:
        label = stage_row_label(config, report.aim) if self.stages else None
        return Publication(self.authority, report.aim, report.as_at, report.charts, report.progress_lines,
                           (self.stages, label) if self.stages and label else None,
                           into=into_row(config, report.aim, self.complete) if self.stages and label else None)


def _aim_report(aim: LocalAim, data: AuthorityData, config: SiteConfig, as_at: date,
                baseline_until: date, csv_folder: str, beside: Beside) -> AimReport:
    national = config.national_aim(aim.national_aim)
    policy = config.disclosure
    if not aim.from_journeys:
        points = tuple(p for p in data.measures if p.measure == aim.measure and p.period <= as_at)
        return AimReport(aim, national, as_at, None, None,
                         (measure_chart(aim, points, csv_folder, policy, baseline_until),), ())
    figures = aim_figures(aim, data.journeys, as_at)
    analysis = analyse_points(aim, figures, baseline_until)
    report = AimReport(aim, national, as_at, figures, analysis, (), (), first_release(figures.progress, policy))
    for _ in range(MAX_ROUNDS):
        report = publish(report, config, csv_folder)
        leak = first_leak(report, beside, config)
        if leak is None:
            return report
        report = replace(report, release=best_remedy(report, leak, config, csv_folder, beside))
    assert report.release is not None
    return publish(replace(report, release=withhold_everything(report.release)), config, csv_folder)


def best_remedy(report: AimReport, leak: Finding, config: SiteConfig, csv_folder: str, beside: Beside) -> Release:
    """The first way of closing the leak that closes it (see release.remedies), else the last one."""
    assert report.release is not None and report.figures is not None
    options = remedies(report.release, untagged(leak.secret.variable), leak.culprits, report.figures.progress,
                       config.disclosure)
    for option in options:
        trial = publish(replace(report, release=option), config, csv_folder)
        trial_at = (*beside.earlier, beside.publication(trial, config))
        if not leaks(audit_latest(trial_at, config.disclosure, only=leak.secret)):
            return option
    return options[-1]


def first_leak(report: AimReport, beside: Beside, config: SiteConfig) -> Finding | None:
    """The first figure a reader could work out from this aim's pages, where the policy acts on leaks."""
    if not config.disclosure.protects:
        return None
    published = (*beside.earlier, beside.publication(report, config))
    return next(iter(leaks(audit_latest(published, config.disclosure, first_leak_only=True))), None)


def publish(report: AimReport, config: SiteConfig, csv_folder: str) -> AimReport:
    """The aim's charts, sentences and headline figures, as its release allows."""
    aim, figures, release, policy = report.aim, report.figures, report.release, config.disclosure
    assert figures is not None and report.analysis is not None and release is not None
    labels = (config.milestone_label(aim.start or ""), config.milestone_label(aim.end or ""))
    prefix = f"{csv_folder}/{aim.id}"
    summary = narrative.progress_sentence(figures.progress, aim, policy, release.hidden, release.percents_withheld)
    progress = (charts.progress_chart(f"{aim.id}-progress", figures, summary, f"{prefix}-progress.csv", policy,
                                      release.hidden, release.opened)
                if release.progress else charts.withheld_per_child(
                    f"{aim.id}-progress", "Progress towards the aim", ("Children", "Number"),
                    f"{prefix}-progress.csv", "progress", "progress withheld", WITHHELD_FIGURES))
    progress = replace(progress, suppressed=progress.suppressed + release.actions)
    routes = (_by_route_chart(report, config, prefix),) if aim.by_route else ()
    return replace(report, charts=(progress, _run_chart(report, labels, prefix, policy),
                                   _waiting_chart(report, labels[0], prefix, policy), *routes),
                   progress_lines=_progress_lines(figures, policy, release))


def _by_route_chart(report: AimReport, config: SiteConfig, prefix: str) -> Chart:
    assert report.figures is not None and report.release is not None
    chart_id, csv_path = f"{report.aim.id}-by-route", f"{prefix}-by-route.csv"
    if not report.release.by_route:
        return charts.withheld_per_child(chart_id, "Children by route to permanence", HEADERS, csv_path, "by-route",
                                         "breakdown by route withheld", ROUTES_WITHHELD)
    return by_route_chart(chart_id, report.figures, config.routes, csv_path, config.disclosure)


ROUTES_WITHHELD = ("The breakdown by route is not published: beside this aim's other figures it would let a reader "
                   "work out a figure shown as [c].")


WITHHELD_FIGURES = "The figures for this aim are not published: no way was found to publish them safely."


def _run_chart(report: AimReport, labels: tuple[str, str], prefix: str, policy: DisclosurePolicy) -> Chart:
    figures, analysis, release = report.figures, report.analysis, report.release
    assert figures is not None and analysis is not None and release is not None
    chart_id, csv_path = f"{report.aim.id}-run-chart", f"{prefix}-run-chart.csv"
    if not release.run_chart and figures.points:
        return charts.withheld_per_child(chart_id, charts.run_chart_title(labels), charts.run_chart_headers(labels[1]),
                                         csv_path, "run", "run chart withheld: it would undo a [c]")
    markers = chart_markers(report.aim, [p.reached for p in figures.points])
    return charts.run_chart(chart_id, figures, analysis, labels,
                            narrative.run_chart_sentence(figures, analysis, labels[1]), csv_path, policy, markers)


def _waiting_chart(report: AimReport, start_label: str, prefix: str, policy: DisclosurePolicy) -> Chart:
    figures, release = report.figures, report.release
    assert figures is not None and release is not None
    chart_id, csv_path = f"{report.aim.id}-waiting", f"{prefix}-waiting.csv"
    if not release.waiting_chart and figures.waiting:
        return charts.withheld_per_child(chart_id, charts.waiting_chart_title(figures.as_at),
                                         charts.waiting_chart_headers(start_label), csv_path, "waiting",
                                         "waiting chart withheld: it would undo a [c]")
    summary = narrative.waiting_sentence(figures, start_label, policy, exact=policy.protects)
    return charts.waiting_chart(chart_id, figures, start_label, summary, csv_path, policy)


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


def chart_markers(aim: LocalAim, dates: list[date]) -> tuple[ChartMarker, ...]:
    """Phases and tests of change as x positions between the points either side of their date."""
    found = []
    for kind, markers in (("phase", aim.phases), ("change", aim.changes)):
        for marker in markers:
            position = positions_before(dates, marker.date) + 0.5
            if 0.5 < position < len(dates) + 0.5:
                found.append(ChartMarker(position, marker.label, kind, marker.date))
    return tuple(found)


def _progress_lines(figures: AimFigures, policy: DisclosurePolicy, release: Release) -> tuple[tuple[str, str], ...]:
    """The headline figures; a percentage of fewer children than the minimum, or withheld, is shown as [c]."""
    progress = figures.progress
    children, of_decided, overall = HEADLINES

    def percent(label: str, value: float | None, denominator: int) -> str:
        if label in release.percents_withheld or (denominator and not policy.enough(denominator)):
            return SUPPRESSED
        return format_percent(value)

    return (
        (children, SUPPRESSED if "cohort" in release.hidden else count_text(progress.children, policy)),
        (of_decided, percent(of_decided, progress.percent_of_decided, progress.decided)),
        (overall, percent(overall, progress.percent_overall, progress.met + progress.missed)),
        ("Target", f"{progress.target:g}%"),
    )


def publishable(point: MeasurePoint, policy: DisclosurePolicy, kind: str = "percentage") -> bool:
    """A value about enough children, and (with a count, the value being a percentage of it) neither
    the children it counts nor the rest a small number. A count measure's value is itself a number of children."""
    if kind == "count" and policy.is_small(round(point.value)):
        return False
    if point.count is None:
        return True
    part = round(point.value * point.count / 100)
    return policy.enough(point.count) and not policy.is_small(part) and not policy.is_small(point.count - part)


def measure_chart(aim: LocalAim, points: tuple[MeasurePoint, ...], csv_folder: str, policy: DisclosurePolicy,
                  baseline_until: date) -> Chart:
    """A measure from measures.csv, such as Aim 1 reviews, as a run chart of its values."""
    ordered = sorted(points, key=lambda p: p.period)
    published = [p for p in ordered if publishable(p, policy, aim.measure_kind)]
    analysis = analyse_dated(aim, [p.value for p in published], [p.period for p in published],
                             baseline_until) if published and aim.measure_kind != "cumulative" else None
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
    extra: tuple[AimReport, ...] = ()  # aims that chart blocks publish at dates no other page of theirs does
    complete: frozenset[str] = frozenset()  # milestones the stage table's rows into count every child of (metrics)

    def groups(self) -> tuple[tuple[AimReport, ...], ...]:
        """Every group of aim reports this authority publishes, each group at one date."""
        return (self.current, self.poster, *self.newsletters.values(), self.extra)


def authority_config(authority: Authority, config: SiteConfig) -> SiteConfig:
    """The site's configuration with the authority's own per-child chart policy, if it has one."""
    if authority.per_child:
        return replace(config, disclosure=replace(config.disclosure, per_child=authority.per_child))
    return config


def report_inputs(authority: Authority) -> Authority:
    """The authority as its reports read it: without its words (sections, a newsletter's summary, where each
    field sits in its file), which no figure, chart or disclosure decision reads, so the cache (util/cache.py)
    keeps its reports when only its words change. A report that comes to read one of these must keep it
    here, or a cached report would not change with it."""
    poster = authority.poster and replace(authority.poster, sections=(), lines={}, source_text="")
    newsletters = tuple(replace(n, sections=(), summary="", lines={}, source_text="") for n in authority.newsletters)
    return replace(authority, sections=(), lines={}, poster=poster, newsletters=newsletters)


def authority_reports(authority: Authority, data: AuthorityData, config: SiteConfig) -> AuthorityReports:
    config = authority_config(authority, config)
    as_at = authority.figures_as_at(config.as_at)
    folder = f"authorities/{authority.slug}/data"

    stages = stages_chart(authority, data, config, as_at, f"{folder}/current")

    earlier: dict[str, list[Publication]] = {}

    def at(aims: tuple[LocalAim, ...], when: date, where: str) -> tuple[AimReport, ...]:
        # The stage table is published at the authority's current date: only reports at that date are beside it.
        beside = stages if when >= as_at else None
        reports = aim_reports(aims, data, config, min(when, as_at), authority.joined, f"{folder}/{where}",
                              authority.name, beside, {aim: tuple(pubs) for aim, pubs in earlier.items()})
        for report in reports:
            if report.figures is not None:
                earlier.setdefault(report.aim.id, []).append(Beside(authority.name).publication(report, config))
        return reports

    poster = authority.poster
    made: dict[str, tuple[AimReport, ...]] = {}
    for when, where, aims in sorted(_publications_of(authority, as_at), key=lambda p: min(p[0], as_at)):
        made[where] = at(aims, when, where)  # in time order: each date is judged beside the dates before it
    return AuthorityReports(
        as_at=as_at,
        current=made["current"],
        stages=stages,
        other_measures=other_measure_charts(authority, data, config, as_at, f"{folder}/current"),
        poster=made["poster"] if poster else (),
        newsletters={n.slug: made[f"newsletter-{n.slug}"] for n in authority.newsletters},
        complete=complete_starts(data.journeys, [m.id for m in config.milestones]),
    )


def _publications_of(authority: Authority, as_at: date) -> list[tuple[date, str, tuple[LocalAim, ...]]]:
    """Each dated publication of the authority: its date, its data folder and the aims it charts."""
    found = [(as_at, "current", authority.aims)]
    if authority.poster:
        found.append((authority.poster.date, "poster", charted_aims(authority)))
    found += [(n.date, f"newsletter-{n.slug}", chosen_aims(authority, n.aim_ids, n.date))
              for n in authority.newsletters]
    return found


def chosen_aims(authority: Authority, aim_ids: tuple[str, ...], when: date | None = None) -> tuple[LocalAim, ...]:
    """The aims a publication names, else every aim whose cohort had started by its date."""
    if aim_ids:
        return tuple(a for a in authority.aims if a.id in aim_ids)
    return tuple(a for a in authority.aims if when is None or a.cohort_start <= when)


def charted_aims(authority: Authority) -> tuple[LocalAim, ...]:
    """The aims a poster charts: those it names in `aims`, else all but those it only states (`aims_listed`)."""
    assert authority.poster is not None
    poster = authority.poster
    return tuple(a for a in chosen_aims(authority, poster.aim_ids) if a.id not in poster.listed_aim_ids)


def listed_aims(authority: Authority) -> tuple[LocalAim, ...]:
    """The aims a poster states without charting."""
    return tuple(a for a in authority.aims if authority.poster and a.id in authority.poster.listed_aim_ids)


def stages_chart(authority: Authority, data: AuthorityData, config: SiteConfig, as_at: date,
                 csv_folder: str) -> Chart | None:
    if not data.journeys:
        return None
    pool_until = config.disclosure.minimum if config.disclosure.protects else 1
    stages = stage_durations(data.journeys, [m.id for m in config.milestones], as_at, pool_until)
    labels = {m.id: m.label for m in config.milestones}
    timescales = {(a.start, a.end): a.timescale for a in authority.aims
                  if a.start and a.end and a.timescale and a.keeps_every_child}
    return charts.stage_chart("stage-durations", stages, labels, timescales,
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
