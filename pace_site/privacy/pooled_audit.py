"""The attacker against the national figures: a national total minus what every other authority publishes.

Each authority's contribution to each national row (a year of the stage table, a band of the waiting
table) is an unknown count. The national rows say what the contributions add up to; each authority's
own stage durations table and waiting chart say what its contributions are, exactly or at least or at
most, depending on which children each counts and at which date. A contribution of 1 to threshold - 1
children is protected while a reader can narrow it to no fewer values than [c] allows, or than the
authority's own figures already allow.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from .audit import Finding, Publication, audit_judgement, culprits_of, model_of
from ..render.charts import Chart
from .constraints import BIG, KNOWN, Model, Secret, value_range
from .disclosure import SUPPRESSED, DisclosurePolicy
from ..errors import PaceError
from ..compute.metrics import in_scope, reached
from ..models import AuthorityData, Journey, LocalAim, SiteConfig
from ..compute.pooled import WAIT_BANDS, PooledAim, PooledRelease, band_label, stage_rows
from ..render.render import format_month
from ..compute.report import AuthorityReports

NATIONAL = "the national pooled figures"
NATIONAL_STAGES, NATIONAL_WAITING = f"{NATIONAL}' stage table", f"{NATIONAL}' waiting table"
NATIONAL_JOINING = f"{NATIONAL}' before and since joining PACE"
NATIONAL_SOURCES = frozenset({NATIONAL_STAGES, NATIONAL_WAITING, NATIONAL_JOINING})
JOINED = "each authority's date of joining PACE, on its page"


@dataclass(frozen=True)
class Published:
    """What every authority publishes beside the national figures, and what it is about."""

    names: dict[str, str]  # slug -> authority name
    reports: dict[str, AuthorityReports]
    data: dict[str, AuthorityData]
    config: SiteConfig
    publications: tuple[Publication, ...] = ()  # everything each authority publishes per aim and date (audit_site)


def audit_pooled(pooled: PooledAim, release: PooledRelease, beside: Published,
                 first_leak_only: bool = False) -> list[Finding]:
    """Every authority's small contribution to a national row, and each authority's own hidden figures beside
    the national rows: how far a reader can narrow each (stopping at the first leak, if asked)."""
    policy = beside.config.disclosure
    if not policy.enabled:
        return []
    findings: list[Finding] = []
    for finding in judgements(pooled, release, beside):
        findings.append(finding)
        if first_leak_only and not finding.protected:
            break
    return findings


def judgements(pooled: PooledAim, release: PooledRelease, beside: Published) -> Iterator[Finding]:
    policy = beside.config.disclosure
    stages, waiting = stage_model(pooled, release, beside), waiting_model(pooled, release, beside)
    for model in (stages, waiting):
        yield from (judge(model, secret, policy, scope(pooled)) for secret in model.secrets)
    for publication in beside_national(pooled, beside):
        model = with_national(publication, pooled, stages, waiting, beside)
        yield from (audit_judgement(model, secret, policy, f"{publication.scope}, beside {scope(pooled)}")
                    for secret in model.secrets)


def beside_national(pooled: PooledAim, beside: Published) -> list[Publication]:
    """The authorities' aims over the national aim's own stage, as published at the national date or beside
    their stage table: the national rows count (some of) their children."""
    slugs = {name: slug for slug, name in beside.names.items()}
    return [p for p in beside.publications
            if (p.aim.start, p.aim.end) == (pooled.aim.start, pooled.aim.end) and not p.aim.end_by_route
            and (p.as_at == pooled.as_at or p.stages) and slugs.get(p.authority) in pooled.weeks]


def with_national(publication: Publication, pooled: PooledAim, stages: Model, waiting: Model,
                  beside: Published) -> Model:
    """An authority's own model of one aim beside the national models, with what ties them: its stage table's
    years are its contributions to the national years; its waiting children are among its national ones."""
    slug = {name: s for s, name in beside.names.items()}[publication.authority]
    own = model_of(publication, beside.config.disclosure)
    merged = Model(dict(stages.variables) | dict(waiting.variables),
                   list(stages.constraints) + list(waiting.constraints))
    prefix = f"{slug} aim {publication.aim.id}: "
    merged.variables.update({prefix + name: bound for name, bound in own.variables.items()})
    merged.constraints += [replace(c, terms=tuple((prefix + n, w) for n, w in c.terms)) for c in own.constraints]
    merged.secrets = [replace(s, variable=prefix + s.variable) for s in own.secrets]
    tie = f"{beside.names[slug]}'s figures counted in {NATIONAL}"
    if publication.stages:
        published_at = beside.reports[slug].as_at
        for name in own.variables:
            year = name.removeprefix("stage ")
            if name.startswith("stage ") and year.isdigit() and f"{slug} {year}" in merged.variables:
                over = published_at <= pooled.as_at or int(year) < pooled.as_at.year
                merged.add(tie, {f"{slug} {year}": 1.0, prefix + name: -1.0}, 0, 0 if over else BIG)
    if publication.as_at == pooled.as_at and "waiting" in own.variables:
        everyone = {f"{slug} b{band}": 1.0 for band in range(len(WAIT_BANDS))}
        merged.add(tie, {**everyone, prefix + "waiting": -1.0}, 0, BIG)
    return merged


def scope(pooled: PooledAim) -> str:
    return f"national aim {pooled.aim.id}, pooled, as at {format_month(pooled.as_at)}"


def judge(model: Model, secret: Secret, policy: DisclosurePolicy, where: str) -> Finding:
    """Protected while the national figures narrow the count no further than [c], or than the
    authority's own figures already do."""
    found = value_range(model, secret.variable)
    if found is not None and found[1] - found[0] + 1 >= policy.protection:
        return Finding(where, secret, found[0], found[1], True)
    before = value_range(model, secret.variable, NATIONAL_SOURCES)
    if found is None or before is None:
        raise PaceError(f"internal error: the disclosure audit found the published figures for {where} "
                        "contradict each other; nothing was written. Please report this.")
    values, values_before = found[1] - found[0] + 1, before[1] - before[0] + 1
    protected = values >= min(policy.protection, values_before)
    culprits = () if protected else culprits_of(model, secret, policy)
    return Finding(where, secret, found[0], found[1], protected, culprits)


def stage_model(pooled: PooledAim, release: PooledRelease, beside: Published) -> Model:
    model = Model()
    years = pooled.years()
    for slug in pooled.weeks:
        for year in years:
            model.variables[f"{slug} {year}"] = BIG
    if release.stage_counts_shown:
        for row in stage_rows(pooled, release):
            terms = {f"{slug} {year}": 1.0 for slug in pooled.weeks for year in years
                     if row.year <= year <= (row.last_year or row.year)}
            model.equal(NATIONAL_STAGES, terms, row.children)
    if pooled.joined:
        publish_joining(model, pooled, release, beside.config.disclosure)
    for slug in pooled.weeks:
        relate_stage_table(model, pooled, slug, beside)
        relate_joining(model, pooled, slug, beside)
        for year in years:
            if beside.config.disclosure.is_small(len(pooled.weeks[slug].get(year, ()))):
                model.secrets.append(Secret(f"{slug} {year}", f"{beside.names[slug]}'s children who finished national "
                                            f"aim {pooled.aim.id}'s stage in {year}", stage_csv(pooled)))
    return model


def publish_joining(model: Model, pooled: PooledAim, release: PooledRelease, policy: DisclosurePolicy) -> None:
    """How many children finished the stage before their authority joined PACE, and since, if shown."""
    if release.joining != "shown":
        return
    before, after = pooled.joining()
    for name, count in (("before", len(before)), ("after", len(after))):
        model.equal(NATIONAL_JOINING, {f"{slug} {name}": 1.0 for slug in pooled.weeks}, count)


def relate_joining(model: Model, pooled: PooledAim, slug: str, beside: Published) -> None:
    """An authority's children before and since joining are its children of the years before and after the
    year it joined, with that year's split between them."""
    joined = pooled.joined.get(slug)
    if joined is None:
        return
    years = {int(name.rsplit(" ", 1)[1]): name for name in model.variables if name.startswith(f"{slug} ")
             and name.rsplit(" ", 1)[1].isdigit()}
    every = {name: -1.0 for name in years.values()}
    model.equal(JOINED, {f"{slug} before": 1.0, f"{slug} after": 1.0, **every}, 0)
    model.add(JOINED, {f"{slug} before": 1.0, **{n: -1.0 for y, n in years.items() if y < joined.year}}, 0, BIG)
    last = joined.year - 1 if (joined.month, joined.day) == (1, 1) else joined.year  # joined on 1 January: no split
    model.add(JOINED, {f"{slug} before": 1.0, **{n: -1.0 for y, n in years.items() if y <= last}}, -BIG, 0)
    policy = beside.config.disclosure
    before = len(pooled.before.get(slug, ()))
    after = sum(len(w) for w in pooled.weeks[slug].values()) - before
    for name, count in (("before", before), ("after", after)):
        if policy.is_small(count):
            model.secrets.append(Secret(f"{slug} {name}", f"{beside.names[slug]}'s children who finished national aim "
                                        f"{pooled.aim.id}'s stage {name} joining PACE", stage_csv(pooled)))


def relate_stage_table(model: Model, pooled: PooledAim, slug: str, beside: Published) -> None:
    """The authority's stage durations rows ending where the national aim ends: the same children by year
    when both tables count the same children as at the same date, else at least or at most as many."""
    table, ids = beside.reports[slug].stages, [m.id for m in beside.config.milestones]
    aim = pooled.aim
    if table is None or aim.end not in ids or ids.index(aim.end) == 0:  # type: ignore[arg-type]
        return
    before = ids[ids.index(aim.end) - 1]  # type: ignore[arg-type]
    label = f"{beside.config.milestone_label(before)} to {beside.config.milestone_label(aim.end or '').lower()}"
    relation = same_children(beside.data[slug].journeys, aim.start or "", before, aim.end or "")
    published_at, national_at = beside.reports[slug].as_at, pooled.as_at
    for label_shown, years, shown, *_ in table.table_rows:
        if label_shown != label:
            continue
        first, _, last = years.partition("–")
        span = range(int(first), int(last or first) + 1)
        terms = {f"{slug} {y}": 1.0 for y in span if f"{slug} {y}" in model.variables}
        # An authority's data ends at its own date (read_site refuses anything later), so a national date
        # after it counts the same children; one before it, only those up to the national date.
        over = published_at <= national_at or span[-1] < national_at.year
        at_least = relation in ("same", "more") and over
        at_most = relation in ("same", "fewer")
        low, high = (1, beside.config.disclosure.minimum - 1) if shown == SUPPRESSED else (int(shown), int(shown))
        if terms and (at_least or at_most):
            model.add(f"{beside.names[slug]}'s stage durations table", terms, low if at_least else 0,
                      high if at_most else BIG)


def same_children(journeys: Iterable[Journey], national_start: str, table_start: str, end: str) -> str | None:
    """Whether the national aim's stage counts the same children as the table's row ending at `end`
    ("same"), more ("more"), fewer ("fewer"), or neither."""
    pairs = [(national_start in j.dates, table_start in j.dates) for j in journeys if end in j.dates]
    if all(a == b for a, b in pairs):
        return "same"
    if all(a or not b for a, b in pairs):
        return "more"
    if all(b or not a for a, b in pairs):
        return "fewer"
    return None


def waiting_model(pooled: PooledAim, release: PooledRelease, beside: Published) -> Model:
    model = Model()
    bands = range(len(WAIT_BANDS))
    for slug in pooled.waiting:
        for band in bands:
            model.variables[f"{slug} b{band}"] = BIG
    if release.waiting_shown:
        publish_waiting(model, pooled, release, beside.config.disclosure)
    for slug in pooled.waiting:
        relate_waiting_charts(model, pooled, slug, beside)
        for band in bands:
            if beside.config.disclosure.is_small(pooled.waiting[slug].get(band, 0)):
                model.secrets.append(Secret(f"{slug} b{band}", f"{beside.names[slug]}'s children waiting "
                                            f"{band_label((band,)).lower()} for national aim {pooled.aim.id}",
                                            waiting_csv(pooled)))
    return model


def publish_waiting(model: Model, pooled: PooledAim, release: PooledRelease, policy: DisclosurePolicy) -> None:
    """The national waiting rows and their total; a row shown as [c] is itself a secret."""
    everyone = {f"{slug} b{band}": 1.0 for slug in pooled.waiting for band in range(len(WAIT_BANDS))}
    model.equal(NATIONAL_WAITING, everyone, pooled.waiting_in(tuple(range(len(WAIT_BANDS)))))
    for index, group in enumerate(release.bands):
        terms = {f"{slug} b{band}": 1.0 for slug in pooled.waiting for band in group}
        if index in release.hidden_bands:
            variable = f"national {band_label(group)}"
            model.equal(KNOWN, {variable: 1.0, **{name: -1.0 for name in terms}}, 0)
            model.add(NATIONAL_WAITING, {variable: 1.0}, 1, BIG)  # [c]: small, or hidden so that no small one can be found
            if policy.is_small(pooled.waiting_in(group)):
                model.secrets.append(Secret(variable, f"'{band_label(group)}' in the national waiting table",
                                            waiting_csv(pooled)))
        else:
            model.equal(NATIONAL_WAITING, terms, pooled.waiting_in(group))


def relate_waiting_charts(model: Model, pooled: PooledAim, slug: str, beside: Published) -> None:
    """An authority's waiting chart as at the same date, for an aim over the national aim's own stage, lists
    some of the children the national rows count (all of them, when no child is outside the aim's scope)."""
    for aim, chart in waiting_charts(beside.reports[slug], pooled):
        counts = [0] * len(WAIT_BANDS)
        for _, _, weeks, _ in chart.table_rows:
            counts[next(i for i, b in enumerate(WAIT_BANDS) if b.holds(int(weeks)))] += 1
        every = all(in_scope(j, aim) for j in beside.data[slug].journeys
                    if reached(j, aim.start, pooled.as_at) and not reached(j, aim.end, pooled.as_at))
        for band, count in enumerate(counts):
            model.add(f"{beside.names[slug]}'s waiting chart ({chart.csv_path or chart.id})", {f"{slug} b{band}": 1.0},
                      count, count if every else BIG)


def waiting_charts(reports: AuthorityReports, pooled: PooledAim) -> list[tuple[LocalAim, Chart]]:
    found: dict[str, tuple[LocalAim, Chart]] = {}
    for group in (reports.current, reports.poster, *reports.newsletters.values()):
        for report in group:
            aim = report.aim
            if (report.as_at != pooled.as_at or aim.end_by_route or (aim.start, aim.end) != (pooled.aim.start, pooled.aim.end)):
                continue
            for chart in report.charts:
                if chart.kind == "waiting" and chart.table_rows:
                    found.setdefault(aim.id, (aim, chart))
    return list(found.values())


def stage_csv(pooled: PooledAim) -> str:
    return f"national/aim-{pooled.aim.id}-stage.csv"


def waiting_csv(pooled: PooledAim) -> str:
    return f"national/aim-{pooled.aim.id}-waiting.csv"
