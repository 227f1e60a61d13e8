"""What a reader can learn about an aim's counts from its published charts, as constraints.

Every reader here works from what a page shows (table rows as in the CSV, bar lengths in the
chart's JSON, sentences as worded), never from the numbers behind them, as an outsider would.
The variables are the aim's cohort counts ("met", "late", "waiting past", "pending", "cohort")
and counts about every child on the charts ("reached", "waiting", "past", "recent", "stage YEAR").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence, Set
from datetime import date, datetime, timedelta
from functools import lru_cache

from pace_site.model.chart import Chart, Stated
from pace_site.model.content import LocalAim
from pace_site.model.disclosure import SUPPRESSED
from pace_site.model.labels import (
    COHORT_ROW,
    HEADLINES,
    OVERVIEW_CHILDREN,
    OVERVIEW_MET,
    PROGRESS_PARTS,
    SUPPRESSED_BAR,
)
from pace_site.publish.constraints import BIG, KNOWN, Model, percent_constraints

CATEGORIES = tuple(variable for _, variable, _, _ in PROGRESS_PARTS)
VARIABLE_OF = {label: variable for label, variable, _, _ in PROGRESS_PARTS} | {COHORT_ROW: "cohort"}


def read_count(model: Model, variable: str, shown: str, source: str, label: str, where: str) -> None:
    """A count as a table shows it: a number, or [c] (at least one; the reader cannot tell a small
    count from one hidden so that it cannot be worked out by subtraction)."""
    if shown == SUPPRESSED:
        model.hide(variable, f"'{label}' in {source}", where, 1, BIG)
    elif shown.isdigit():
        model.equal(f"{source} ({where})", {variable: 1}, int(shown))


def read_progress(model: Model, chart: Chart) -> None:
    """The progress table (and CSV), the stacked bar, and that the four parts add up to the cohort."""
    where = chart.csv_path or chart.id
    for label, shown in chart.table_rows:
        read_count(model, VARIABLE_OF[label], shown, "the progress table", label, where)
    model.equal(KNOWN, {**{c: 1 for c in CATEGORIES}, "cohort": -1}, 0)
    hidden = [VARIABLE_OF[label] for label, shown in chart.table_rows if shown == SUPPRESSED and label != COHORT_ROW]
    for trace in (chart.figure or {}).get("data", []):
        length = trace.get("x", [None])[0]
        if trace.get("name") == SUPPRESSED_BAR and hidden:
            model.equal(f"the progress bar ({where})", {v: 1 for v in hidden}, length)
        elif trace.get("name") in VARIABLE_OF:
            model.equal(f"the progress bar ({where})", {VARIABLE_OF[trace["name"]]: 1}, length)


def read_headlines(model: Model, lines: Iterable[tuple[str, str]], where: str) -> None:
    """The figures beside an aim: the cohort and the two percentages met."""
    children, of_decided, overall = HEADLINES
    for label, shown in lines:
        if label == children:
            read_count(model, "cohort", shown, "the headline figures", label, where)
        elif label == of_decided:
            percent_constraints(model, f"'{label}' {shown} ({where})", shown, {"met": 1}, {"met": 1, "late": 1})
        elif label == overall:
            percent_constraints(model, f"'{label}' {shown} ({where})", shown, {"met": 1},
                                {"met": 1, "late": 1, "waiting past": 1})


# The order sentences were read in when they were read by pattern, so that the audit's findings stay in order.
READING_ORDER = {("count", ("cohort",)): 0, ("band", ("cohort",)): 1, ("count", ("met", "late")): 2,
                 ("count", ("waiting past",)): 3, ("count", ("reached",)): 4, ("count", ("waiting",)): 5,
                 ("count", ("past",)): 7, ("band", ("past",)): 8, ("percent", ("met", "late")): 9,
                 ("percent", ("met", "late", "waiting past")): 10}


def _reading_order(fact: Stated) -> int:
    return READING_ORDER.get((fact.kind, fact.whole if fact.kind == "percent" else fact.terms), 11)


def read_sentence(model: Model, chart: Chart) -> None:
    """Counts and percentages a chart's sentence states (its Stated figures, not its words). A band ("fewer
    than five") is a secret like [c]."""
    where = chart.csv_path or chart.id
    source = f"the sentence '{chart.summary}' ({where})"
    for fact in sorted(chart.stated, key=_reading_order):
        if fact.kind == "band":
            (variable,) = fact.terms
            model.hide(variable, f"'{fact.words}' in a sentence", where, 1, fact.value - 1)
        elif fact.kind == "count":
            model.equal(source, _each(fact.terms), fact.value)
        elif fact.kind == "percent":
            percent_constraints(model, source, fact.shown, _each(fact.terms), _each(fact.whole))


def _each(terms: tuple[str, ...]) -> dict[str, float]:
    return {term: 1 for term in terms}


KIND_COUNTS = {"run": "reached", "waiting": "waiting", "progress": "cohort"}


def read_too_few(model: Model, chart: Chart) -> None:
    """A chart replaced by "fewer than N children" says its children number 1 to N - 1."""
    for fact in chart.stated:
        if fact.kind == "too few" and chart.kind in KIND_COUNTS:
            model.hide(KIND_COUNTS[chart.kind], f"'{fact.words}'", chart.csv_path or chart.id, 1, fact.value - 1)


# The national audit reads every authority's run chart rows: half a million at Scotland scale.
@lru_cache(maxsize=100_000)
def month_span(text: str, latest: date) -> tuple[date, date]:
    first = _first_day(text)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, min(following - timedelta(days=1), latest)


@lru_cache(maxsize=4096)  # a run chart's rows name a few dozen months, each thousands of times
def _first_day(month: str) -> date:
    return datetime.strptime(month, "%B %Y").date()


def run_row_states(month: tuple[date, date], weeks: int, aim: LocalAim) -> frozenset[tuple[bool, bool]]:
    """The (in the cohort, late) pairs a run chart dot allows: it reached the end in that month,
    after whole weeks that stand for 7 to 13 days short of the next week."""
    return _run_row_states(month, weeks, aim.limit_days, aim.cohort_start, aim.cohort_end)


@lru_cache(maxsize=100_000)  # a site's run charts have a million rows, and a few thousand distinct ones
def _run_row_states(month: tuple[date, date], weeks: int, limit: float, cohort_start: date,
                    cohort_end: date | None) -> frozenset[tuple[bool, bool]]:
    states = set()
    for late in (False, True):
        low, high = 7 * weeks, 7 * weeks + 6
        if math.isinf(limit):
            if late:
                continue
        elif late:
            low = max(low, math.floor(limit) + 1)
        else:
            high = min(high, math.floor(limit))
        if low > high:
            continue
        for inside in _cohort_states(month[0] - timedelta(days=high), month[1] - timedelta(days=low), cohort_start,
                                     cohort_end):
            states.add((inside, late))
    return frozenset(states)


def cohort_states(earliest: date, latest: date, aim: LocalAim) -> set[bool]:
    """Whether a child who started between these dates may be in the aim's cohort, and may be outside it."""
    return _cohort_states(earliest, latest, aim.cohort_start, aim.cohort_end)


def _cohort_states(earliest: date, latest: date, cohort_start: date, cohort_end: date | None) -> set[bool]:
    end = cohort_end or date.max
    inside = latest >= cohort_start and earliest <= end
    outside = earliest < cohort_start or latest > end
    return {state for state, possible in ((True, inside), (False, outside)) if possible}


def waiting_row_states(month: tuple[date, date], weeks: int, as_at: date, aim: LocalAim,
                       past: bool | None = None) -> set[bool]:
    """Whether a waiting child may be in the cohort: they started in that month, `weeks` whole weeks ago, and
    have waited longer than the timescale (`past`) or not."""
    longest, shortest = 7 * weeks + 6, 7 * weeks
    if past is not None and not math.isinf(aim.limit_days):
        if past:
            shortest = max(shortest, math.floor(aim.limit_days) + 1)
        else:
            longest = min(longest, math.floor(aim.limit_days))
    earliest = max(month[0], as_at - timedelta(days=longest))
    latest = min(month[1], as_at - timedelta(days=shortest))
    if earliest > latest:  # inconsistent rows: trust the month alone
        earliest, latest = month
    return cohort_states(earliest, latest, aim)


def count_rows(model: Model, source: str, prefix: str, states: Sequence[Set[tuple[bool, bool]]],
               targets: dict[str, Callable[[tuple[bool, bool]], bool]]) -> None:
    """Counts over rows whose state the reader may not know exactly: one 0/1 choice per possible state."""
    terms: dict[str, dict[str, float]] = {target: {target: 1.0} for target in targets}
    known = Counter(next(iter(possible)) for possible in states if len(possible) == 1)  # rows whose state is known
    constants = {target: sum(n for state, n in known.items() if counts(state)) for target, counts in targets.items()}
    for index, possible in enumerate(states):
        if len(possible) == 1:
            continue
        choices = {state: model.binary(f"{prefix} {index} {state}") for state in sorted(possible)}
        model.equal(source, {choice: 1 for choice in choices.values()}, 1)
        for target, counts in targets.items():
            for state, choice in choices.items():
                if counts(state):
                    terms[target][choice] = -1
    for target in targets:
        model.equal(source, terms[target], constants[target])


def read_run_rows(model: Model, chart: Chart, aim: LocalAim, as_at: date) -> list[tuple[date, date]]:
    """A run chart's rows: one child each, with the month they reached the end and their weeks."""
    source = f"the run chart's rows ({chart.csv_path or chart.id})"
    months, states = [], []
    limit, cohort = aim.limit_days, (aim.cohort_start, aim.cohort_end)  # run_row_states, without a million lookups
    for _, month, weeks in chart.table_rows:
        span = month_span(month, as_at)
        months.append(span)
        states.append(_run_row_states(span, int(weeks), limit, *cohort))
    count_rows(model, source, f"run {chart.id}", states, {
        "met": lambda s: s[0] and not s[1], "late": lambda s: s[0] and s[1], "reached": lambda s: True})
    model.add(KNOWN, {"met": 1, "late": 1, "reached": -1}, -BIG, 0)
    return months


def read_waiting_rows(model: Model, chart: Chart, aim: LocalAim, as_at: date) -> None:
    """A waiting chart's rows: the month each child started, their weeks waiting and whether past the timescale."""
    source = f"the waiting chart's rows ({chart.csv_path or chart.id})"
    states = []
    known: dict[tuple[str, str, bool], set[tuple[bool, bool]]] = {}
    for _, month, weeks, status in chart.table_rows:
        past = status.startswith("past")
        if (month, weeks, past) not in known:
            known[(month, weeks, past)] = {(inside, past) for inside in waiting_row_states(
                month_span(month, as_at), int(weeks), as_at, aim, past)}
        states.append(known[(month, weeks, past)])
    count_rows(model, source, f"waiting {chart.id}", states, {
        "waiting past": lambda s: s[0] and s[1], "pending": lambda s: s[0] and not s[1],
        "waiting": lambda s: True, "past": lambda s: s[1]})


def read_by_route(model: Model, chart: Chart) -> None:
    """The children by route: each route's reached and waiting counts are parts of the aim's own."""
    where = chart.csv_path or chart.id
    parts: dict[str, dict[str, float]] = {"reached": {"reached": -1.0}, "waiting": {"waiting": -1.0}}
    for route, reached, _, waiting in chart.table_rows:
        for total, shown in (("reached", reached), ("waiting", waiting)):
            variable = f"route {route}: {total}"
            read_count(model, variable, shown, "the by-route table", f"{route}, {total}", where)
            parts[total][variable] = 1.0
    for terms in parts.values():
        model.equal(KNOWN, terms, 0)


def relate_cohort_to_all(model: Model) -> None:
    """The cohort's children are among all the children the charts show."""
    model.add(KNOWN, {"met": 1, "late": 1, "reached": -1}, -BIG, 0)
    model.add(KNOWN, {"waiting past": 1, "past": -1}, -BIG, 0)
    model.add(KNOWN, {"waiting past": 1, "pending": 1, "waiting": -1}, -BIG, 0)


def relate_stage_to_aim(model: Model, spans: list[tuple[int, int, str]], aim: LocalAim,
                        months: list[tuple[date, date]] | None, where: str) -> None:
    """The stage durations rows count every child who finished the aim's stage, by year: the aim's children
    (all of them, for an aim that keeps every child) are among them, and so are its run chart's dots."""
    source = f"the stage durations table and the aim's milestones ({where})"
    every = aim.keeps_every_child
    since = [variable for first, last, variable in spans if last >= aim.cohort_start.year]
    model.add(source, {"met": 1, "late": 1, **{v: -1 for v in since}}, -BIG, 0)
    model.add(source, {"reached": 1, **{v: -1 for _, _, v in spans}}, 0 if every else -BIG, 0)
    for year in sorted({m[0].year for m in months or []}):
        dots = sum(1 for m in months or [] if m[0].year == year)
        model.add(f"the run chart's rows ({where})", {f"stage {year}": 1}, dots, dots if every else BIG)


def relate_waiting_to_stages(model: Model, chart: Chart, label: str, every: bool, spans: list[tuple[int, int, str]],
                             aim: LocalAim, most_hidden: int) -> None:
    """The stage table's rows into the aim's start count the children who reached it (all of them, when every one
    reached the milestone before too); less the rows out of its stage, that is the children still waiting at the
    stage, among whom are the aim's waiting children (all of them, for an aim that keeps every child)."""
    shown = [count for stage, _, count, *_ in chart.table_rows if stage == label]
    if not shown:
        return
    low = sum(1 if count == SUPPRESSED else int(count) for count in shown)
    high = sum(most_hidden if count == SUPPRESSED else int(count) for count in shown)
    source = f"the stage durations table's rows into and out of the aim's stage ({chart.csv_path or chart.id})"
    model.add(source, {"stage waiting": 1, **{variable: 1 for _, _, variable in spans}}, low, high if every else BIG)
    model.add(source, {"waiting": 1, "stage waiting": -1}, -BIG if not aim.keeps_every_child else 0, 0)


def read_recent(model: Model, months: list[tuple[date, date]], as_at: date, where: str) -> None:
    """How many dots fall in the last 12 months: the national overview's children."""
    since = as_at - timedelta(days=365)
    certain = sum(1 for first, _ in months if first > since)
    possible = sum(1 for _, last in months if last > since)
    model.add(f"the run chart's rows ({where})", {"recent": 1}, certain, possible)


def read_stage_rows(model: Model, chart: Chart, stage: str, most_hidden: int) -> list[tuple[int, int, str]]:
    """The stage durations table's rows for one stage: children by year, or by a span of years pooled.
    A row shown as [c] is about fewer children than the minimum (1 to `most_hidden`): the table hides no
    other row. Returns each row's first and last year and its variable."""
    where = chart.csv_path or chart.id
    spans = []
    for label, years, shown, _ in chart.table_rows:
        if label != stage:
            continue
        first, _, last = years.partition("–")
        variable = f"stages {years}"
        span = range(int(first), int(last or first) + 1)
        model.equal(KNOWN, {variable: 1, **{f"stage {year}": -1 for year in span}}, 0)
        if shown == SUPPRESSED:
            model.hide(variable, f"'{stage}, {years}' in the stage durations table", where, 1, most_hidden)
        else:
            read_count(model, variable, shown, "the stage durations table", f"{stage}, {years}", where)
        spans.append((span[0], span[-1], variable))
    return spans


def read_overview(model: Model, row: Iterable[tuple[str, str]]) -> None:
    """An authority's row of the national overview: its children in the last 12 months and its share met."""
    for column, shown in row:
        if column == OVERVIEW_CHILDREN:
            read_count(model, "recent", shown, "the national overview", column, "national overview")
        elif column == OVERVIEW_MET:
            percent_constraints(model, f"the national overview's '{column}' {shown}", shown, {"met": 1},
                                {"met": 1, "late": 1, "waiting past": 1})
