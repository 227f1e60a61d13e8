"""The national pooled figures as published: audited against every authority's own figures, protected,
and drawn."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from statistics import median
from typing import Any

from pace_site.figures.metrics import StageYear
from pace_site.figures.pooled import (
    WAIT_BANDS,
    PooledAim,
    PooledRelease,
    band_label,
    first_release,
    hide_small_bands,
    pooled_aim,
    stage_rows,
)
from pace_site.model.chart import Chart, KeyItem
from pace_site.model.content import AuthorityData, Content, NationalAim
from pace_site.model.disclosure import SUPPRESSED, DisclosurePolicy
from pace_site.model.errors import PaceError
from pace_site.model.formatting import format_month
from pace_site.publish import charts
from pace_site.publish.audit import Finding, Publication
from pace_site.publish.narrative import children
from pace_site.publish.pooled_audit import (
    NATIONAL_JOINING,
    NATIONAL_STAGES,
    Published,
    audit_pooled,
    stage_csv,
    waiting_csv,
)
from pace_site.publish.report import MAX_ROUNDS, AuthorityReports
from pace_site.util.parallel import ordered_map


@dataclass(frozen=True)
class NationalFigures:
    """One national aim's figures pooled from every authority with data, each as at its own latest data."""

    aim: NationalAim
    as_at: date  # the latest authority's date
    authorities: int
    stages: Chart
    waiting: Chart
    joining: Chart
    findings: tuple[Finding, ...]
    dates: tuple[date, ...] = ()  # each authority's date, as its children are counted

    @property
    def counted(self) -> str:
        """The authorities counted, in words: "1 authority", "3 authorities"."""
        return authorities(self.authorities)

    @property
    def charts(self) -> tuple[Chart, Chart, Chart]:
        return self.stages, self.waiting, self.joining


def national_figures(content: Content, data: dict[str, AuthorityData], reports: dict[str, AuthorityReports],
                     publications: tuple[Publication, ...] = (), jobs: int = 1) -> tuple[NationalFigures, ...]:
    """Each national aim between two milestones, pooled across authorities (aim 1 has no milestones), each
    aim over one of `jobs` workers; `publications` is what each authority publishes (audit_site), for the audit."""
    beside = Published({a.slug: a.name for a in content.authorities}, reports, data, content.config, publications)
    with_data = {slug: d for slug, d in data.items() if d.journeys}
    if not with_data:
        return ()
    dates = {slug: reports[slug].as_at for slug in with_data}
    joined = {a.slug: a.joined for a in content.authorities}
    aims = [aim for aim in content.config.national_aims if aim.start and aim.end]
    return tuple(ordered_map(lambda aim: _figures(pooled_aim(aim, with_data, dates, joined), beside), aims, jobs))


def _figures(pooled: PooledAim, beside: Published) -> NationalFigures:
    release, findings = protected_release(pooled, beside)
    policy = beside.config.disclosure
    labels = {m.id: m.label for m in beside.config.milestones}
    older = tuple(sorted((beside.names[slug], beside.reports[slug].as_at) for slug in pooled.weeks
                         if slug not in pooled.waiting))
    dates = tuple(sorted({beside.reports[slug].as_at for slug in pooled.weeks}))
    return NationalFigures(pooled.aim, pooled.as_at, len(pooled.weeks), stage_chart(pooled, release, labels, policy),
                           waiting_chart(pooled, release, labels, policy, older),
                           joining_chart(pooled, release, policy), tuple(findings), dates)


def protected_release(pooled: PooledAim, beside: Published) -> tuple[PooledRelease, list[Finding]]:
    """The first release, pooled or withheld further while a reader could work out an authority's count."""
    policy = beside.config.disclosure
    release = first_release(pooled, policy)
    for _ in range(MAX_ROUNDS * 4):
        if not policy.protects:
            return release, audit_pooled(pooled, release, beside)
        leak = next((f for f in audit_pooled(pooled, release, beside, first_leak_only=True) if not f.protected), None)
        if leak is None:
            return release, audit_pooled(pooled, release, beside)
        release = remedy(pooled, release, leak, policy)
    raise PaceError(f"internal error: no safe release of the national figures for aim {pooled.aim.id}. "
                    "Please report this.")


def remedy(pooled: PooledAim, release: PooledRelease, leak: Finding, policy: DisclosurePolicy) -> PooledRelease:
    """Close a leak in the national table to blame: pool the leaking year or band with its neighbour, or hide
    the counts; when nothing is left to pool or hide there, withhold that table."""
    variable, blamed = leak.secret.variable, leak.culprits
    *_, which = variable.split(" ")
    if which in ("before", "after", "joining") and NATIONAL_JOINING in blamed and release.joining != "withheld":
        return joining_remedy(release)  # a count before or since joining: the joining table says it
    if NATIONAL_STAGES in blamed and release.stage_counts_shown:
        return stage_remedy(release, int(which) if which.isdigit() else release.spans[0][0])
    if NATIONAL_JOINING in blamed and release.joining != "withheld":
        return joining_remedy(release)
    if release.waiting_shown:
        band = int(which[1:]) if which.startswith("b") and which[1:].isdigit() else band_of(release, variable)
        return band_remedy(pooled, release, band, policy)
    return replace(release, stage_counts_shown=False, joining="withheld",
                   remedies=release.remedies + ("every national count withheld",))


def joining_remedy(release: PooledRelease) -> PooledRelease:
    if release.joining == "shown":
        return replace(release, joining="medians",
                       remedies=release.remedies + ("children before and since joining withheld",))
    return replace(release, joining="withheld", remedies=release.remedies + ("before and since joining withheld",))


def stage_remedy(release: PooledRelease, year: int) -> PooledRelease:
    if len(release.spans) > 1:
        return release.merged_span(year)
    return replace(release, stage_counts_shown=False, remedies=release.remedies + ("children by year withheld",))


def band_remedy(pooled: PooledAim, release: PooledRelease, band: int, policy: DisclosurePolicy) -> PooledRelease:
    if len(release.bands) > 1 and release.waiting_shown:
        return hide_small_bands(pooled, release.merged_band(band), policy)
    return replace(release, waiting_shown=False, remedies=release.remedies + ("children waiting withheld",))


def band_of(release: PooledRelease, variable: str) -> int:
    """The first band of the national waiting row a secret names ("national 6 months to 1 year"), else the first."""
    label = variable.removeprefix("national ")
    return next((group[0] for group in release.bands if band_label(group) == label), release.bands[0][0])


def stage_chart(pooled: PooledAim, release: PooledRelease, labels: dict[str, str], policy: DisclosurePolicy) -> Chart:
    rows = stage_rows(pooled, release)
    chart = charts.stage_chart(f"national-aim-{pooled.aim.id}-stage", rows, labels, {},
                               stage_sentence(pooled, rows, labels, release, policy), stage_csv(pooled),
                               policy)
    chart = replace(chart, title=f"How long national aim {pooled.aim.id}'s stage took, year by year, all authorities",
                    suppressed=chart.suppressed + tuple(f"national: {r}" for r in release.remedies if "year" in r))
    if release.stage_counts_shown:
        return chart
    return replace(chart, figure=without_counts(chart.figure),
                   table_rows=tuple((stage, years, SUPPRESSED, weeks) for stage, years, _, weeks in chart.table_rows),
                   notes=(policy.note,))


def without_counts(figure: dict[str, Any] | None) -> dict[str, Any] | None:
    """The chart's hover text names each year's children: not when the counts are withheld."""
    if figure is None:
        return None
    data = [{**trace, "customdata": [[years, SUPPRESSED] for years, _ in trace["customdata"]]}
            if "customdata" in trace else trace for trace in figure["data"]]
    return {**figure, "data": data}


def stage_sentence(pooled: PooledAim, rows: tuple[StageYear, ...], labels: dict[str, str], release: PooledRelease,
                   policy: DisclosurePolicy) -> str:
    """The latest median against the first; only of rows about enough children (the table hides the others')."""
    stage = f"{labels[pooled.aim.start or '']} to {labels[pooled.aim.end or ''].lower()}"
    if not rows:
        return f"No child has yet finished this stage ({stage.lower()}) in the authorities' data."
    rows = tuple(row for row in rows if policy.enough(row.children))
    if not rows:
        return f"Too few children have finished this stage ({stage.lower()}) to publish its median."
    first, latest = rows[0], rows[-1]
    who = f" for {children(latest.children)}" if release.stage_counts_shown else ""
    text = (f"Across {authorities(len(pooled.weeks))}, {stage.lower()} took a median "
            f"of {latest.median_weeks:g} weeks in {latest.years}{who}")
    if first is latest:
        return text + "."
    return text + f", against {first.median_weeks:g} weeks in {first.years}."


def waiting_chart(pooled: PooledAim, release: PooledRelease, labels: dict[str, str], policy: DisclosurePolicy,
                  older: tuple[tuple[str, date], ...] = ()) -> Chart:
    """Children still waiting by how long, in the authorities whose data is the latest; `older`: the others."""
    start, end = labels[pooled.aim.start or ""], labels[pooled.aim.end or ""]
    title = (f"Children still waiting for national aim {pooled.aim.id}, by how long, all authorities, "
             f"as at {format_month(pooled.as_at)}")
    headers = ("How long waiting", "Children")
    total = pooled.waiting_in(tuple(range(len(WAIT_BANDS))))
    left_out = _not_counted(older)
    if total == 0:  # zero identifies no child (the audit reads it: pooled_audit.waiting_model)
        return Chart(f"national-aim-{pooled.aim.id}-waiting", title,
                     f"As at {format_month(pooled.as_at)}, no child in the {authorities(len(pooled.waiting))} counted "
                     f"was still at this stage ({start.lower()} to {end.lower()}).{left_out}", None, headers, (),
                     waiting_csv(pooled), kind="pooled-waiting")
    if not release.waiting_shown or not policy.enough(total):
        return Chart(f"national-aim-{pooled.aim.id}-waiting", title, NOT_PUBLISHED, None, headers, (),
                     waiting_csv(pooled), suppressed=("national: children waiting withheld",), kind="pooled-waiting")
    rows = _waiting_rows(pooled, release)
    summary = (f"As at {format_month(pooled.as_at)}, {children(total)} across {authorities(len(pooled.waiting))} were "
               f"still at this stage ({start.lower()} to {end.lower()}). The table gives them by how long.")
    summary += left_out
    hidden = tuple(f"national: '{label}' shown as {SUPPRESSED}" for label, count in rows if count == SUPPRESSED)
    drawn = _waiting_figure(rows)
    return Chart(f"national-aim-{pooled.aim.id}-waiting", title, summary, drawn, headers, rows,
                 waiting_csv(pooled), (policy.note,) if hidden else (), hidden, kind="pooled-waiting",
                 key=(KeyItem("Children still waiting", "bar", charts.TEAL),) if drawn else ())


def _not_counted(older: tuple[tuple[str, date], ...]) -> str:
    """A sentence naming the authorities left out as their latest data is older ("" if none is)."""
    if not older:
        return ""
    return (" Not counted, as their latest data is older: "
            + "; ".join(f"{name} ({format_month(when)})" for name, when in older) + ".")


def _waiting_rows(pooled: PooledAim, release: PooledRelease) -> tuple[tuple[str, str], ...]:
    """Each released band of waiting time and its children, or [c] where the band is hidden."""
    return tuple((band_label(group), SUPPRESSED if index in release.hidden_bands else str(pooled.waiting_in(group)))
                 for index, group in enumerate(release.bands))


def _waiting_figure(rows: tuple[tuple[str, str], ...]) -> dict[str, Any] | None:
    """A bar for each band shown; no figure when no band shown has a child (the table says it)."""
    shown = [(label, int(count)) for label, count in rows if count != SUPPRESSED]
    if not any(count for _, count in shown):
        return None
    data = [{"type": "bar", "name": "Children still waiting", "x": [label for label, _ in shown],
             "y": [count for _, count in shown], "marker": {"color": charts.TEAL, "line": charts.BAR_BORDER},
             "hovertemplate": "%{x}: %{y} children<extra></extra>"}]
    layout = charts.base_layout("How long waiting", "Children", 320)
    layout["xaxis"].update(type="category")
    return charts.figure(data, layout)


def joining_chart(pooled: PooledAim, release: PooledRelease, policy: DisclosurePolicy) -> Chart:
    """The stage's median weeks for children who finished it before their authority joined PACE, and since."""
    chart_id, csv_path = f"national-aim-{pooled.aim.id}-joining", f"national/aim-{pooled.aim.id}-joining.csv"
    title = f"National aim {pooled.aim.id}'s stage before and since each authority joined PACE"
    headers = ("Children who finished the stage, by their authority", "Children", "Median weeks")
    if release.joining == "withheld":
        return Chart(chart_id, title, JOINING_WITHHELD, None, headers, (), csv_path,
                     suppressed=("national: before and since joining withheld",), kind="pooled-joining")
    groups = list(zip(("Before joining PACE", "Since joining PACE"), pooled.joining(), strict=False))
    medians = _joining_medians(groups, policy)
    rows = _joining_rows(groups, medians, release)
    summary = joining_sentence(medians, len(pooled.weeks))
    hidden = ("national: children before and since joining shown as [c]",) if release.joining == "medians" else ()
    drawn = _joining_figure(medians)
    return Chart(chart_id, title, summary, drawn, headers, rows, csv_path,
                 (policy.note,) if hidden else (), hidden, kind="pooled-joining",
                 key=(KeyItem("Median weeks", "bar", charts.DARK_BLUE),) if drawn else ())


def _joining_medians(groups: list[tuple[str, list[int]]], policy: DisclosurePolicy) -> list[tuple[str, float | None]]:
    """Each group's median weeks, or None when it has too few children to publish one."""
    return [(label, float(median(weeks)) if weeks and policy.enough(len(weeks)) else None) for label, weeks in groups]


def _joining_rows(groups: list[tuple[str, list[int]]], medians: list[tuple[str, float | None]],
                  release: PooledRelease) -> tuple[tuple[str, str, str], ...]:
    """Each group's children ([c] unless the counts are shown) and median weeks ("–" if none is published)."""
    return tuple((label, str(len(weeks)) if release.joining == "shown" else SUPPRESSED,
                  "–" if m is None else f"{m:g}") for (label, weeks), (_, m) in zip(groups, medians, strict=False))


def _joining_figure(medians: list[tuple[str, float | None]]) -> dict[str, Any] | None:
    """A bar for each published median; no figure when there is none."""
    drawn = [(label, m) for label, m in medians if m is not None]
    if not drawn:
        return None
    data = [{"type": "bar", "orientation": "h", "name": "Median weeks", "y": [label for label, _ in drawn],
             "x": [m for _, m in drawn], "marker": {"color": charts.DARK_BLUE, "line": charts.BAR_BORDER},
             "hovertemplate": "%{y}: median %{x} weeks<extra></extra>"}]
    layout = charts.base_layout("Median weeks", "", 220)
    layout["yaxis"].update(type="category", autorange="reversed", title={"text": ""})
    return charts.figure(data, layout)


def joining_sentence(medians: list[tuple[str, float | None]], counted: int) -> str:
    (_, before), (_, since) = medians
    if before is None or since is None:
        return ("Too few children finished this stage before or since their authority joined PACE to compare; "
                "the table gives what can be shown.")
    change = "less" if since < before else "more"
    return (f"Across {authorities(counted)}, children who finished this stage since their authority joined PACE "
            f"took a median of {since:g} weeks, {abs(before - since):g} weeks {change} than the {before:g} weeks "
            "of those who finished it before.")


JOINING_WITHHELD = ("The national figures before and since joining PACE are not published: with the figures each "
                    "authority publishes, they would let a reader work out a number small enough to identify children.")


NOT_PUBLISHED = ("The national count of children still waiting is not published: it is too small, or with the figures "
                 "each authority publishes it would let a reader work out a number small enough to identify children.")


def authorities(count: int) -> str:
    return f"{count} authorit{'y' if count == 1 else 'ies'}"
