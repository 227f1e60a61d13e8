"""The attacker in the build: how far a reader can narrow every figure the site hides.

For each aim, as at each date its figures are published, the audit gathers what every page
shows about it (the authority page, the poster, newsletters of that date, the stage durations
and the national overview) exactly as published, and for each figure shown as [c] (or in
words, "fewer than five") finds the lowest and highest value all of it allows. A figure is
protected while it can still take at least threshold - 1 values, as many as [c] itself
allows. A leak names the published figures without which it would not have happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pace_site.model.chart import Chart
from pace_site.model.content import LocalAim, SiteConfig
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.errors import PaceError
from pace_site.model.formatting import format_month
from pace_site.publish.constraints import Model, Secret, value_range
from pace_site.publish.evidence import (
    read_by_route,
    read_headlines,
    read_overview,
    read_progress,
    read_recent,
    read_run_rows,
    read_sentence,
    read_stage_rows,
    read_too_few,
    read_waiting_rows,
    relate_cohort_to_all,
    relate_stage_to_aim,
    relate_waiting_to_stages,
)


@dataclass(frozen=True)
class Publication:
    """Everything published about one aim as at one date, from every page that shows it."""

    authority: str
    aim: LocalAim
    as_at: date
    charts: tuple[Chart, ...]
    headlines: tuple[tuple[str, str], ...] = ()
    stages: tuple[Chart, str] | None = None  # the stage durations chart and the label of the rows of this aim's stage
    overview: tuple[tuple[str, str], ...] = ()  # the national overview row: (column, as shown)
    # the stage table's rows into the aim's start, and whether they count every child
    into: tuple[str, bool] | None = None
    alone: bool = False  # a chart block's date of its own: judged on its own, as the protect loop made it

    @property
    def scope(self) -> str:
        return f"{self.authority}, as at {format_month(self.as_at)}, aim {self.aim.id}"


@dataclass(frozen=True)
class Finding:
    """One hidden figure and the values a reader can narrow it to."""

    scope: str
    secret: Secret
    low: int
    high: int
    protected: bool
    culprits: tuple[str, ...] = ()

    def __str__(self) -> str:
        values = f"{self.low}" if self.low == self.high else f"{self.low} to {self.high}"
        given = f", given {'; '.join(self.culprits)}" if self.culprits else ""
        verdict = "protected" if self.protected else "LEAK"
        return f"{verdict}: {self.scope}: {self.secret.shown_as} ({self.secret.where}) can be {values}{given}"


def audit(publication: Publication, policy: DisclosurePolicy, first_leak_only: bool = False,
          only: Secret | None = None) -> list[Finding]:
    """Each hidden figure's range (or, with `only`, that one's); stop at the first leak if asked."""
    model = model_of(publication, policy)
    findings = []
    for secret in model.secrets:
        if only is not None and secret != only:
            continue
        finding = audit_judgement(model, secret, policy, publication.scope)
        findings.append(finding)
        if first_leak_only and not finding.protected:
            break
    return findings


def audit_judgement(model: Model, secret: Secret, policy: DisclosurePolicy, scope: str) -> Finding:
    """How far a reader of everything in the model can narrow one hidden figure."""
    found = value_range(model, secret.variable)
    if found is None:
        raise PaceError(f"internal error: the disclosure audit found the published figures for {scope} "
                        "contradict each other; nothing was written. Please report this.")
    low, high = found
    protected = high - low + 1 >= policy.protection
    culprits = () if protected else culprits_of(model, secret, policy)
    return Finding(scope, secret, low, high, protected, culprits)


def culprits_of(model: Model, secret: Secret, policy: DisclosurePolicy) -> tuple[str, ...]:
    """A smallest set of published figures that together give the secret away (a deletion filter:
    each source is dropped for good if the secret still leaks without it)."""
    needed = model.sources()
    for source in list(needed):
        rest = frozenset(model.sources()) - (frozenset(needed) - {source})
        bounds = value_range(model, secret.variable, rest)
        if bounds is not None and bounds[1] - bounds[0] + 1 < policy.protection:
            needed.remove(source)
    return tuple(needed)


def model_of(publication: Publication, policy: DisclosurePolicy) -> Model:
    model = Model()
    aim, as_at = publication.aim, publication.as_at
    where = f"aim {aim.id}"
    months = None
    for chart in publication.charts:
        if chart.kind == "progress" and chart.table_rows:
            read_progress(model, chart)
        elif chart.kind == "run" and chart.table_rows:
            months = read_run_rows(model, chart, aim, as_at)
        elif chart.kind == "waiting" and chart.table_rows:
            read_waiting_rows(model, chart, aim, as_at)
        elif chart.kind == "by-route" and chart.table_rows:
            read_by_route(model, chart)
        read_sentence(model, chart)
        read_too_few(model, chart)
    read_headlines(model, publication.headlines, where)
    relate_cohort_to_all(model)
    if publication.stages:
        spans = read_stage_rows(model, *publication.stages, policy.minimum - 1)
        relate_stage_to_aim(model, spans, aim, months, where)
        if publication.into:
            relate_waiting_to_stages(model, publication.stages[0], *publication.into, spans, aim, policy.minimum - 1)
    if publication.overview:
        read_overview(model, publication.overview)
        if months is not None:
            read_recent(model, months, as_at, where)
    return model


def leaks(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if not finding.protected]


def into_row(config: SiteConfig, aim: LocalAim, complete: frozenset[str]) -> tuple[str, bool] | None:
    """The stage durations rows into the aim's start milestone (which count its children who reached the start,
    all of them when the start is in `complete`), for an aim the stage table counts."""
    ids = [m.id for m in config.milestones]
    if aim.start is None or stage_row_label(config, aim) is None or ids.index(aim.start) == 0:
        return None
    before = ids[ids.index(aim.start) - 1]
    label = f"{config.milestone_label(before)} to {config.milestone_label(aim.start or '').lower()}"
    return label, aim.start in complete


def stage_row_label(config: SiteConfig, aim: LocalAim) -> str | None:
    """The stage durations rows that count (a superset of) this aim's children: the aim runs between two
    consecutive milestones, with one end for every route."""
    ids = [m.id for m in config.milestones]
    if aim.end_by_route or aim.start not in ids or aim.end not in ids:
        return None
    if ids.index(aim.end) != ids.index(aim.start) + 1:
        return None
    return f"{config.milestone_label(aim.start or '')} to {config.milestone_label(aim.end or '').lower()}"
