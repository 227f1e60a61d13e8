"""The attacker against the national figures: a national total minus what every other authority publishes.

Each authority's contribution to each national row (a year of the stage table, a band of the waiting
table) is an unknown count. The national rows say what the contributions add up to; each authority's
own stage durations table and waiting chart say what its contributions are, exactly or at least or at
most, depending on which children each counts and at which date. A contribution of 1 to threshold - 1
children is protected while a reader can narrow it to no fewer values than [c] allows, or than the
authority's own figures already allow.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pace_site.figures.metrics import in_scope, reached
from pace_site.figures.pooled import WAIT_BANDS, PooledAim, PooledRelease, WaitBand, band_label, stage_rows
from pace_site.model.chart import Chart
from pace_site.model.content import AuthorityData, Journey, LocalAim, SiteConfig
from pace_site.model.disclosure import SUPPRESSED, DisclosurePolicy
from pace_site.model.errors import PaceError
from pace_site.model.formatting import format_month
from pace_site.publish.audit import Finding, Publication, culprits_of, model_of
from pace_site.publish.constraints import BIG, KNOWN, Model, Secret, value_range
from pace_site.publish.evidence import cohort_states, month_span
from pace_site.publish.report import AuthorityReports

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
    for finding in judgements(pooled, release, beside, brief=first_leak_only):
        findings.append(finding)
        if first_leak_only and not finding.protected:
            break
    return findings


def judgements(pooled: PooledAim, release: PooledRelease, beside: Published, brief: bool = False) -> Iterator[Finding]:
    """Every small count, judged against one model of everything a reader has: the national rows and every linked
    authority's own figures together, since one authority's published total narrows what the others add."""
    policy = beside.config.disclosure
    stages, waiting = stage_model(pooled, release, beside), waiting_model(pooled, release, beside)
    model = Model(dict(stages.variables) | dict(waiting.variables),
                  list(stages.constraints) + list(waiting.constraints))
    own = [with_national(model, publication, pooled, beside) for publication in beside_national(pooled, beside)]
    tie_run_charts(model, pooled, beside)
    for slug in pooled.waiting:
        tie_start_rows(model, pooled, slug, beside)
    # Against each authority's own tables, as a reader of the national page sees them.
    for national in (stages, waiting):
        yield from (judge(national, secret, policy, scope(pooled), brief) for secret in national.secrets)
    beside_own = (judge(model, secret, policy, scope(pooled), brief) for secret in stages.secrets + waiting.secrets)
    yield from (finding for finding in beside_own if not finding.protected)  # each figure is counted once, above
    for publication, secrets in own:  # what the national rows add; its own page is audited on its own (audit_site)
        beside_national_rows = (judge(model, secret, policy, f"{publication.scope}, beside {scope(pooled)}", brief)
                                for secret in secrets)
        yield from (finding for finding in beside_national_rows if not finding.protected)


def beside_national(pooled: PooledAim, beside: Published) -> list[Publication]:
    """The authorities' aims over the national aim's own stage, as published at the national date or beside
    their stage table: the national rows count (some of) their children."""
    slugs = {name: slug for slug, name in beside.names.items()}
    return [p for p in beside.publications
            if (p.aim.start, p.aim.end) == (pooled.aim.start, pooled.aim.end) and not p.aim.end_by_route
            and (p.as_at == pooled.as_at or p.stages) and slugs.get(p.authority) in pooled.weeks]


def with_national(merged: Model, publication: Publication, pooled: PooledAim,
                  beside: Published) -> tuple[Publication, list[Secret]]:
    """Adds an authority's own model of one aim to the national model, with what ties them: its stage table's
    years are its contributions to the national years; its waiting children are among its national ones.
    Returns its own secrets, renamed as in the merged model."""
    slug = {name: s for s, name in beside.names.items()}[publication.authority]
    own = model_of(publication, beside.config.disclosure)
    prefix = f"{slug} aim {publication.aim.id} {publication.as_at}: "
    merged.variables.update({prefix + name: bound for name, bound in own.variables.items()})
    merged.constraints += [replace(c, terms=tuple((prefix + n, w) for n, w in c.terms)) for c in own.constraints]
    tie = f"{beside.names[slug]}'s figures counted in {NATIONAL}"
    if publication.stages:
        published_at = beside.reports[slug].as_at
        for name in own.variables:
            year = name.removeprefix("stage ")
            if name.startswith("stage ") and year.isdigit() and f"{slug} {year}" in merged.variables:
                over = published_at <= pooled.as_at or int(year) < pooled.as_at.year
                merged.add(tie, {f"{slug} {year}": 1.0, prefix + name: -1.0}, 0, 0 if over else BIG)
    if publication.as_at == pooled.as_at and f"{slug} b0" in merged.variables:
        tie_waiting_bands(merged, prefix, publication.aim, slug, pooled.as_at, tie)
    return publication, [replace(s, variable=prefix + s.variable) for s in own.secrets]


def tie_start_rows(model: Model, pooled: PooledAim, slug: str, beside: Published) -> None:
    """Every child who reached the national stage's start has finished it (by year) or is waiting (by band); the
    authority's stage durations rows into that start count them (all, when each of them reached the milestone
    before it too). So its rows into the start, less its rows out of the end, give its children waiting."""
    table = beside.reports[slug].stages
    start = pooled.aim.start or ""
    row_into = _stage_into(beside.config, start)
    if table is None or row_into is None or beside.reports[slug].as_at != pooled.as_at:
        return
    before, label = row_into
    low, high = _rows_bounds(table, label, beside.config.disclosure)
    every = all(before in j.dates for j in beside.data[slug].journeys if reached(j, start, pooled.as_at))
    model.add(f"{beside.names[slug]}'s stage durations table", _past_start(model, pooled, slug), low,
              high if every else BIG)


def _stage_into(config: SiteConfig, milestone: str | None) -> tuple[str, str] | None:
    """The milestone before `milestone`, and the label of the stage durations row from it to `milestone`
    (None for the first milestone, or one the site does not list)."""
    ids = [m.id for m in config.milestones]
    if milestone not in ids or ids.index(milestone) == 0:
        return None
    before = ids[ids.index(milestone) - 1]
    return before, f"{config.milestone_label(before)} to {config.milestone_label(milestone).lower()}"


def _rows_bounds(table: Chart, label: str, policy: DisclosurePolicy) -> tuple[int, int]:
    """The fewest and the most children a stage durations table's rows of one stage count together."""
    bounds = [_count_bounds(count, policy) for stage, _, count, *_ in table.table_rows if stage == label]
    return sum(low for low, _ in bounds), sum(high for _, high in bounds)


def _count_bounds(shown: str, policy: DisclosurePolicy) -> tuple[int, int]:
    """The fewest and the most children a count in a stage durations table may be: [c] is 1 to minimum - 1."""
    return (1, policy.minimum - 1) if shown == SUPPRESSED else (int(shown), int(shown))


def _past_start(model: Model, pooled: PooledAim, slug: str) -> dict[str, float]:
    """The authority's national counts of children past the stage's start: waiting, by band, and finished, by year."""
    terms = {f"{slug} b{band}": 1.0 for band in range(len(WAIT_BANDS))}
    terms |= {name: 1.0 for name in (f"{slug} {year}" for year in pooled.years()) if name in model.variables}
    return terms


def tie_run_charts(model: Model, pooled: PooledAim, beside: Published) -> None:
    """Every run chart over the national aim's stage, at any date (an older newsletter's too), has a dot per child
    who finished it, by month: at least that many of the authority's children finished it in each year, and
    exactly that many in a year over before the chart's date, for an aim that keeps every child."""
    slugs = {name: slug for slug, name in beside.names.items()}
    for publication in beside.publications:
        slug = slugs.get(publication.authority, "")
        if ((publication.aim.start, publication.aim.end) != (pooled.aim.start, pooled.aim.end)
                or publication.aim.end_by_route):
            continue
        for chart in publication.charts:
            if chart.kind == "run" and chart.table_rows:
                _tie_run_chart(model, pooled, slug, publication, chart)


def _tie_run_chart(model: Model, pooled: PooledAim, slug: str, publication: Publication, chart: Chart) -> None:
    """One run chart's dots, counted by year, as the authority's children who finished the stage in each year;
    and by the date it joined PACE."""
    source = f"{publication.authority}'s run chart ({chart.csv_path or chart.id})"
    months = [month_span(month, publication.as_at) for _, month, _ in chart.table_rows]
    dots = Counter(first.year for first, _ in months)
    for year in pooled.years():  # a year with no dot has none of the chart's children
        over = publication.aim.keeps_every_child and year < publication.as_at.year
        if f"{slug} {year}" in model.variables and (dots[year] or over):
            model.add(source, {f"{slug} {year}": 1.0}, dots[year], dots[year] if over else BIG)
    tie_joining(model, slug, pooled.joined.get(slug), months, publication, source)


def tie_joining(model: Model, slug: str, joined: date | None, months: list[tuple[date, date]],
                publication: Publication, source: str) -> None:
    """A run chart's dots in months before the authority joined PACE are children who finished before it; all of
    them, for a chart dated after it that keeps every child (the month it joined in may hold either)."""
    if joined is None or f"{slug} before" not in model.variables:
        return
    certain = sum(1 for _, last in months if last < joined)
    possible = sum(1 for first, _ in months if first < joined)
    every = publication.aim.keeps_every_child and publication.as_at >= joined
    model.add(source, {f"{slug} before": 1.0}, certain, possible if every else BIG)


AIM_WAITING: dict[str, Callable[[bool, bool], bool]] = {
    "waiting past": lambda inside, past: inside and past, "pending": lambda inside, past: inside and not past,
    "waiting": lambda inside, past: True, "past": lambda inside, past: past}


def tie_waiting_bands(merged: Model, prefix: str, aim: LocalAim, slug: str, as_at: date, source: str) -> None:
    """An authority's national waiting children, band by band, are split by what a reader can tell of each from
    how long they have waited: whether they started in the aim's cohort, and whether they are past its timescale.
    The aim's own waiting counts are among them (all of them, for an aim that keeps every child)."""
    totals: dict[str, dict[str, float]] = {target: {} for target in AIM_WAITING}
    for index, band in enumerate(WAIT_BANDS):
        parts = [f"{prefix}band {index} {inside} {past}" for inside, past in sorted(band_states(band, as_at, aim))]
        merged.equal(source, {f"{slug} b{index}": 1.0, **{part: -1.0 for part in parts}}, 0)
        for part, (inside, past) in zip(parts, sorted(band_states(band, as_at, aim)), strict=True):
            for target, counts in AIM_WAITING.items():
                if counts(inside, past):
                    totals[target][part] = 1.0
    for target, terms in totals.items():
        if prefix + target in merged.variables:
            merged.add(source, {**terms, prefix + target: -1.0}, 0, 0 if aim.keeps_every_child else BIG)


def band_states(band: WaitBand, as_at: date, aim: LocalAim) -> set[tuple[bool, bool]]:
    """The (in the cohort, past the timescale) pairs a child waiting this long, as at this date, may be in."""
    shortest, longest = 7 * band.shortest, 7 * band.longest + 6 if band.longest is not None else 366 * 100
    limit = math.floor(aim.limit_days) if not math.isinf(aim.limit_days) else longest
    states = set()
    for past, low, high in ((False, shortest, min(longest, limit)), (True, max(shortest, limit + 1), longest)):
        if low <= high:
            earliest, latest = as_at - timedelta(days=min(high, (as_at - date.min).days)), as_at - timedelta(days=low)
            states |= {(inside, past) for inside in cohort_states(earliest, latest, aim)}
    return states


def scope(pooled: PooledAim) -> str:
    return f"national aim {pooled.aim.id}, pooled, as at {format_month(pooled.as_at)}"


def judge(model: Model, secret: Secret, policy: DisclosurePolicy, where: str, brief: bool = False) -> Finding:
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
    needed = min(policy.protection, values_before)
    protected = values >= needed
    if protected:
        return Finding(where, secret, found[0], found[1], True)
    # `brief`: the protect loop needs only the national tables to blame, not the smallest set of every source
    culprits = tuple(sorted((set() if brief else set(culprits_of(model, secret, policy)))
                            | national_culprits(model, secret, needed)))
    return Finding(where, secret, found[0], found[1], protected, culprits)


def national_culprits(model: Model, secret: Secret, needed: int) -> set[str]:
    """The national tables without which the count would keep as many values as the authority's own figures
    leave it (culprits_of asks for as many as [c] allows, so it may name only the authority's own figures)."""
    found: set[str] = set()
    for source in NATIONAL_SOURCES & set(model.sources()):
        bounds = value_range(model, secret.variable, frozenset({source}))
        if bounds is not None and bounds[1] - bounds[0] + 1 >= needed:
            found.add(source)
    return found or set(model.sources()) & NATIONAL_SOURCES  # none alone: they give it away together


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
    years = _year_variables(model, slug)
    every = {name: -1.0 for name in years.values()}
    model.equal(JOINED, {f"{slug} before": 1.0, f"{slug} after": 1.0, **every}, 0)
    model.add(JOINED, {f"{slug} before": 1.0, **{n: -1.0 for y, n in years.items() if y < joined.year}}, 0, BIG)
    last = joined.year - 1 if (joined.month, joined.day) == (1, 1) else joined.year  # joined on 1 January: no split
    model.add(JOINED, {f"{slug} before": 1.0, **{n: -1.0 for y, n in years.items() if y <= last}}, -BIG, 0)
    _joining_secrets(model, pooled, slug, beside)
    if last == joined.year and joined.year in years:
        split_joining_year(model, pooled, slug, joined, years, beside)


def _year_variables(model: Model, slug: str) -> dict[int, str]:
    """The model's counts of the authority's children who finished the stage in each year, by year."""
    return {int(name.rsplit(" ", 1)[1]): name for name in model.variables if name.startswith(f"{slug} ")
            and name.rsplit(" ", 1)[1].isdigit()}


def _joining_secrets(model: Model, pooled: PooledAim, slug: str, beside: Published) -> None:
    """The authority's children who finished the stage before joining PACE, and since: secrets when small."""
    policy = beside.config.disclosure
    before = len(pooled.before.get(slug, ()))
    after = sum(len(w) for w in pooled.weeks[slug].values()) - before
    for name, count in (("before", before), ("after", after)):
        if policy.is_small(count):
            model.secrets.append(Secret(f"{slug} {name}", f"{beside.names[slug]}'s children who finished national aim "
                                        f"{pooled.aim.id}'s stage {name} joining PACE", stage_csv(pooled)))


def split_joining_year(model: Model, pooled: PooledAim, slug: str, joined: date, years: dict[int, str],
                       beside: Published) -> None:
    """The year an authority joined, split at the day it joined: the national counts before and since joining,
    less its other years, count its children in each part, which no table publishes."""
    earlier = {name: 1.0 for year, name in years.items() if year < joined.year}
    within = len(pooled.before.get(slug, ())) - sum(len(w) for y, w in pooled.weeks[slug].items() if y < joined.year)
    parts = ((f"{slug} {joined.year} before joining", within, "before"),
             (f"{slug} {joined.year} since joining", len(pooled.weeks[slug].get(joined.year, ())) - within, "since"))
    model.equal(KNOWN, {parts[0][0]: 1.0, f"{slug} before": -1.0, **earlier}, 0)
    model.equal(KNOWN, {parts[1][0]: 1.0, parts[0][0]: 1.0, years[joined.year]: -1.0}, 0)
    for variable, count, side in parts:
        if beside.config.disclosure.is_small(count):
            model.secrets.append(Secret(variable, f"{beside.names[slug]}'s children who finished national aim "
                                        f"{pooled.aim.id}'s stage in {joined.year}, {side} joining PACE on "
                                        f"{joined:%-d %B %Y}", stage_csv(pooled)))


def relate_stage_table(model: Model, pooled: PooledAim, slug: str, beside: Published) -> None:
    """The authority's stage durations rows ending where the national aim ends: the same children by year
    when both tables count the same children as at the same date, else at least or at most as many."""
    table, aim = beside.reports[slug].stages, pooled.aim
    row_into = _stage_into(beside.config, aim.end)
    if table is None or row_into is None:
        return
    before, label = row_into
    relation = same_children(beside.data[slug].journeys, aim.start or "", before, aim.end or "")
    published_at, national_at = beside.reports[slug].as_at, pooled.as_at
    for label_shown, years, shown, *_ in table.table_rows:
        if label_shown != label:
            continue
        span = _year_span(years)
        terms = {f"{slug} {y}": 1.0 for y in span if f"{slug} {y}" in model.variables}
        # An authority's data ends at its own date (read_site refuses anything later), so a national date
        # after it counts the same children; one before it, only those up to the national date.
        over = published_at <= national_at or span[-1] < national_at.year
        bounds = _row_bounds(relation, over, _count_bounds(shown, beside.config.disclosure))
        if terms and bounds:
            model.add(f"{beside.names[slug]}'s stage durations table", terms, *bounds)


def _year_span(years: str) -> range:
    """The years of a stage durations row: "2018", or a pooled span such as "2016–2018"."""
    first, _, last = years.partition("–")
    return range(int(first), int(last or first) + 1)


def _row_bounds(relation: str | None, over: bool, shown: tuple[int, int]) -> tuple[float, float] | None:
    """What a stage durations row of `shown` children says of the national count of its years, as (low, high): at
    least as many when the national stage counts the same children or more and, `over`, its date leaves none of the
    row's children out; at most as many when it counts the same or fewer; None when it says neither."""
    at_least = relation in ("same", "more") and over
    at_most = relation in ("same", "fewer")
    if not (at_least or at_most):
        return None
    low, high = shown
    return low if at_least else 0, high if at_most else BIG


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
    if release.waiting_shown or not pooled.waiting_in(tuple(bands)):  # no child waiting is said even when withheld
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
            # [c]: small, or hidden so that no small one can be found
            model.add(NATIONAL_WAITING, {variable: 1.0}, 1, BIG)
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
    for group in reports.groups():
        for report in group:
            aim = report.aim
            if (report.as_at != pooled.as_at or aim.end_by_route
                    or (aim.start, aim.end) != (pooled.aim.start, pooled.aim.end)):
                continue
            for chart in report.charts:
                if chart.kind == "waiting" and chart.table_rows:
                    found.setdefault(aim.id, (aim, chart))
    return list(found.values())


def stage_csv(pooled: PooledAim) -> str:
    return f"national/aim-{pooled.aim.id}-stage.csv"


def waiting_csv(pooled: PooledAim) -> str:
    return f"national/aim-{pooled.aim.id}-waiting.csv"
