"""An outsider's attack on a built site across dates: one integer program per aim over every date it is published.

This is an attacker written for the tests, **independent of the code it attacks**: it imports nothing from
pace_site. It reads only what a reader of the built site folder can read, and (optionally) the aims'
definitions from the content folder, which the pages state in words as well (the aim's statement, "Since
September 2017", "Timescale: 26 weeks").

What it reads, per authority and aim, at every as-at date the aim is published at
--------------------------------------------------------------------------------------
* Every chart CSV in ``authorities/<slug>/data/<date>/`` (linked from a page or not): the progress table (met,
  late, waiting past, pending, cohort, each a number or ``[c]``), the run chart (one row per child who reached
  the end: month reached, whole weeks taken), the waiting chart (one row per child still waiting: month
  started, whole weeks waiting, past or within the timescale) and children by route (reached the end, still
  waiting).
* The pages (authority page, poster, newsletters, their report chart blocks): the headline figures beside each
  aim (cohort, "met, of those decided", "met, including those waiting past the timescale"; "–" says no child
  is in the denominator), the charts' sentences ("15 children started this stage", "fewer than five children
  have waited longer than ...", "There are fewer than 5 children, too few to publish this chart") and the
  tables in the HTML. The communities' "local aims side by side" rows, which restate an authority page's
  headline figures, are read as that page's.
* The national overview's row for the aim (children in the last 12 months, met including those waiting).
* The aims: from the content folder's ``authority.md`` when given one (cohort start and end, timescale);
  otherwise from the pages: the statement's "on or after 1st September 2017" (or "Since September 2017", read
  as its first day) and "Timescale: 26 weeks". From the pages a cohort's end date is not read.
* The dates: a folder ``current``, ``poster``, ``newsletter-YYYY-MM`` or ``at-YYYY-MM-DD`` is one as-at date.
  Its day is taken from the most precise thing published: the folder name, the Atom feed's entry for a
  newsletter, or a report chart block ("as at 30 September 2020") whose CSV link names the folder; otherwise
  it is only known to lie in the month the page names ("Figures as at October 2019").

The model
---------
Each child is one entity with a start day ``s`` and an end day ``e`` (or none yet), the same child at every
date. At an as-at day ``d`` the child has not started (``d < s``), is waiting (within the timescale while
``d - s <= limit``, past it after), or has reached the end (``e <= d``); a reached child was late if
``e - s > limit``; a child is in the cohort if ``s`` lies in the aim's cohort window. Whole weeks are
``days // 7``, so a run chart row (month reached, weeks) says ``e`` lies in the month and ``e - s`` lies in
``[7w, 7w + 6]``; a waiting row says the same of ``s`` and ``d - s``.

* The longest published run chart lists the children who reached the end by its date, in order; every run
  chart published at an earlier date is a prefix of it (checked), so row ``i`` is the same child at every
  date, and it is reached at a date exactly when the chart of that date has at least ``i`` rows.
* Every child still waiting at a date whose waiting chart is published is one of its rows, and every row is
  one child: a run chart row who reached the end later, a row of an earlier waiting chart (a child still
  waiting), or a child not seen before. Matching variables link them.
* Every other child (not in any published per-child row) is counted in aggregate, by its *signature*: in the
  cohort or not, late or not, and its state at each date.

A child's possible signatures are enumerated from the days its rows allow (every day pair for a run chart
row; the breakpoints of the piecewise-constant state functions, +-1 day, for children never shown), so the
per-child part is exact. Every count published at a date (a number: equal; ``[c]``: at least 1, as the
site's note says zero is shown; "fewer than N": 1 to N - 1), every percentage (its rounding as an interval),
and every by-route column (its cells add up to the children who reached the end, or are still waiting) is a
linear constraint on the signature variables. For every figure shown as ``[c]`` or "fewer than N" at any
date, ``scipy.optimize.milp`` finds the lowest and highest value all of it allows. The figure is
**protected** while it can take at least ``threshold - 1`` values (as many as ``[c]`` itself allows);
otherwise it has **leaked**.

What it does not model (so it may miss attacks that use these, but never claims a leak they would refute)
----------------------------------------------------------------------------------------------------
* Medians (run chart baselines, stage durations, by-route medians, the overview's medians) and run chart
  signals; routes of individual children (only the by-route columns' totals are used).
* Stage duration tables, national pooled figures, and aims whose children overlap (a locality inside an
  authority-wide aim): each aim is attacked on its own.
* An as-at day known only to a month is relaxed: each child may take, at that date, any state some day of the
  month allows (a relaxation: sound, slightly weaker than fixing one day for every child).
* The order of run chart rows within a month (they are sorted by end day) beyond the prefix rule.
* The e-mail versions of newsletters and the Gathering PACE lists of posters (they restate the web page's and
  the poster's figures), and PDFs.
* A timescale in months is converted at 365.25 / 12 days a month, as a reader would guess.
* Whether ``[c]`` hides a primary (1 to threshold - 1) or a secondary count: every ``[c]`` is "at least 1".
"""

from __future__ import annotations

import argparse
import csv
import html
import itertools
import math
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import yaml
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

# ---------------------------------------------------------------------------------------------------------
# What a reader learns: the aim, and what is published about it at each date
# ---------------------------------------------------------------------------------------------------------

QUANTITIES = ("met", "late", "past", "pending", "cohort", "reached", "waiting", "waiting past (all)",
              "reached in the last 12 months")
"""The counts the attacker links, at one date. The first five are the aim's progress table (cohort children
only); "reached", "waiting" and "waiting past (all)" count every child of the aim (the run chart's dots, the
waiting chart's bars, its "N children have waited longer than"); the last is the national overview's."""

BIG = 10_000  # more children than any cohort: a figure that can reach it has no upper limit
UNBOUNDED = 1_000  # a largest value at or above this is reported as "no upper limit"


@dataclass(frozen=True)
class AimDefinition:
    """An aim as its page states it: whose, the cohort window, and the timescale in whole days."""

    authority: str  # the authority's folder name (slug)
    aim: str  # the aim's id
    cohort_start: date
    limit_days: int  # a child met the timescale if it took at most this many days
    cohort_end: date | None = None
    statement: str = ""
    authority_name: str = ""

    def in_cohort(self, start: int) -> bool:
        return start >= self.cohort_start.toordinal() and (
            self.cohort_end is None or start <= self.cohort_end.toordinal())


@dataclass(frozen=True)
class RunRow:
    """One dot of a run chart: the month the child reached the end, and whole weeks taken."""

    month: date  # any day of the month
    weeks: int


@dataclass(frozen=True)
class WaitingRow:
    """One bar of a waiting chart: the month the child started, whole weeks waiting, and whether past."""

    month: date
    weeks: int
    past: bool


@dataclass(frozen=True)
class CountFigure:
    """A count as published: a number, ``[c]`` or "fewer than N"."""

    quantity: str  # one of QUANTITIES
    shown: str
    where: str

    @property
    def hidden(self) -> bool:
        return not self.shown.isdigit()

    def prior(self) -> tuple[int, int]:
        """The values the figure allows on its own."""
        if self.shown.isdigit():
            return int(self.shown), int(self.shown)
        band = re.fullmatch(r"fewer than (\d+)", self.shown)
        if band:
            return 1, int(band[1]) - 1
        return 1, BIG


@dataclass(frozen=True)
class PercentFigure:
    """A whole or rounded percentage ``part`` of ``whole`` (each a sum of quantities)."""

    part: tuple[str, ...]
    whole: tuple[str, ...]
    value: float | None  # None: shown as "–", no child in the denominator
    half_unit: float  # half the last digit shown: the rounding interval
    where: str


@dataclass(frozen=True)
class Partition:
    """A table column whose cells add up to one quantity: children by route (reached, still waiting)."""

    quantity: str
    cells: tuple[tuple[str, str], ...]  # (row label, shown)
    column: str
    where: str


@dataclass
class DatePublications:
    """Everything published about one aim at one as-at date, whose day lies in [first, last]."""

    key: str  # the data folder's name: current, poster, newsletter-2019-10, at-2020-03-31
    first: date
    last: date
    run_chart: tuple[RunRow, ...] | None = None
    waiting: tuple[WaitingRow, ...] | None = None
    counts: list[CountFigure] = field(default_factory=list)
    percents: list[PercentFigure] = field(default_factory=list)
    partitions: list[Partition] = field(default_factory=list)

    @property
    def label(self) -> str:
        when = (f"{self.first.day} {self.first:%B %Y}" if self.first == self.last
                else f"{self.first:%B %Y}" if (self.first.year, self.first.month) == (self.last.year, self.last.month)
                else f"{self.first.isoformat()} to {self.last.isoformat()}")
        return f"{self.key} ({when})"


@dataclass(frozen=True)
class Finding:
    """What everything published allows a hidden figure to be."""

    authority: str
    aim: str
    date: str
    figure: str
    shown: str
    low: int
    high: int | None  # None: no upper limit
    threshold: int
    where: tuple[str, ...]
    key: str = ""  # the date's folder name: current, poster, newsletter-2019-10

    @property
    def values(self) -> int | None:
        return None if self.high is None else self.high - self.low + 1

    @property
    def leaked(self) -> bool:
        return self.values is not None and self.values < self.threshold - 1

    @property
    def narrowed_to(self) -> str:
        if self.high is None:
            return f"{self.low} or more"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


class ModelError(Exception):
    """The published figures contradict the attacker's model (a bug in the model, or an inconsistent site)."""


# ---------------------------------------------------------------------------------------------------------
# The model: signatures of children, and one integer program per aim
# ---------------------------------------------------------------------------------------------------------

NS, WP, WX, RD, RR = range(5)  # not started, waiting within, waiting past, reached, reached in the last 12 months
REACHED = frozenset({RD, RR})
WAITING = frozenset({WP, WX})
ANY = frozenset({NS, WP, WX, RD, RR})


@dataclass(frozen=True)
class Signature:
    """What one child contributes to every count: in the cohort, late, its state at each date, and for each
    published waiting chart the rows it can be (empty unless it is waiting there)."""

    cohort: bool
    late: bool
    states: tuple[int, ...]
    rows: tuple[frozenset[int], ...]


def _state(start: int, end: int | None, day: int, limit: int, recent: bool) -> frozenset[int]:
    """A child's possible states on one day ("last 12 months" is read as 365 days, give or take two)."""
    if day < start:
        return frozenset({NS})
    if end is not None and end <= day:
        if not recent:
            return frozenset({RD})
        if end >= day - 364:
            return frozenset({RR})
        if end <= day - 367:
            return frozenset({RD})
        return frozenset({RD, RR})
    return frozenset({WX}) if day - start > limit else frozenset({WP})


def _states_over(start: int, end: int | None, first: int, last: int, limit: int, recent: bool) -> frozenset[int]:
    """The states a child can be in on some day of [first, last]: the state changes only at a few days."""
    days = {first, last}
    marks = [start - 1, start, start + limit, start + limit + 1]
    if end is not None:
        marks += [end - 1, end] + [end + k for k in range(363, 368)]
    days.update(x for x in marks if first <= x <= last)
    out: set[int] = set()
    for day in days:
        out |= _state(start, end, day, limit, recent)
    return frozenset(out)


@dataclass(frozen=True)
class _Date:
    first: int
    last: int
    recent: bool  # a count of children in the last 12 months is published at this date
    run_rows: int | None  # rows of its published run chart
    waiting: tuple[tuple[int, int, int], ...] | None  # its waiting chart's rows: (first start, last start, state)


class _Program:
    """A mixed-integer program built term by term, solved with HiGHS for each objective."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self._matrix: csr_array | None = None

    def var(self, lower: float = 0, upper: float = 1) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        return len(self.lower) - 1

    def constrain(self, terms: dict[int, float], lower: float, upper: float) -> None:
        self.rows.append(({k: v for k, v in terms.items() if v}, lower, upper))

    def _solve(self, objective: dict[int, float]) -> float | None:
        n = len(self.lower)
        if self._matrix is None:
            data: list[float] = []
            cols: list[int] = []
            indptr = [0]
            for terms, _, _ in self.rows:
                cols.extend(terms)
                data.extend(terms.values())
                indptr.append(len(cols))
            self._matrix = csr_array((np.array(data, dtype=np.float64), np.array(cols, dtype=np.int64),
                                      np.array(indptr, dtype=np.int64)), shape=(len(self.rows), n))
        c = np.zeros(n)
        for k, v in objective.items():
            c[k] = v
        constraints = [LinearConstraint(self._matrix, np.array([r[1] for r in self.rows]),
                                        np.array([r[2] for r in self.rows]))] if self.rows else []
        result = milp(c, constraints=constraints, integrality=np.ones(n, dtype=np.int64),
                      bounds=Bounds(self.lower, self.upper), options={"time_limit": 60})
        if result.status != 0 or result.x is None:
            return None
        return float(result.fun)

    def feasible(self) -> bool:
        return self._solve({}) is not None

    def range_of(self, expression: dict[int, float]) -> tuple[int, int]:
        low = self._solve(expression)
        high = self._solve({k: -v for k, v in expression.items()})
        if low is None or high is None:
            raise ModelError("the program became infeasible while bounding a figure")
        return round(low), round(-high)


def _quantity_of(signature: Signature, t: int, quantity: str) -> bool:
    state = signature.states[t]
    cohort = signature.cohort
    return {
        "met": cohort and state in REACHED and not signature.late,
        "late": cohort and state in REACHED and signature.late,
        "past": cohort and state == WX,
        "pending": cohort and state == WP,
        "cohort": cohort and state != NS,
        "reached": state in REACHED,
        "waiting": state in WAITING,
        "waiting past (all)": state == WX,
        "reached in the last 12 months": state == RR,
    }[quantity]


class _AimProgram:
    """The children of one aim at all its dates, as variables of one integer program."""

    def __init__(self, aim: AimDefinition, dates: Sequence[DatePublications]) -> None:
        self.aim = aim
        self.limit = aim.limit_days
        self.pubs = sorted(dates, key=lambda p: (p.first, p.last, p.key))
        self.dots = self._dots()
        self.dates = [self._date(p) for p in self.pubs]
        self.waiting_ts = [t for t, d in enumerate(self.dates) if d.waiting is not None]
        self.program = _Program()
        self._links: dict[tuple[int, int], list[int]] = {}  # (run chart row, waiting chart): its row variables
        self._fresh_links: dict[tuple[int, int, int], list[int]] = {}  # (date, row, later waiting chart): same
        # per entity: list of (variable, signature)
        self.entities: list[list[tuple[int, Signature]]] = []
        self.aggregates: list[tuple[int, Signature]] = []
        self._build()

    # -- what the publications say -------------------------------------------------------------------
    def _dots(self) -> tuple[RunRow, ...]:
        charts = [(p, p.run_chart) for p in self.pubs if p.run_chart is not None]
        longest: tuple[RunRow, ...] = ()
        for _pub, rows in charts:
            if len(rows) > len(longest):
                longest = rows
        for pub, rows in charts:
            if longest[:len(rows)] != rows:
                raise ModelError(f"{self.aim.authority} {self.aim.aim}: the run chart at {pub.label} is not a "
                                 "prefix of the longest one")
        return longest

    def _date(self, pub: DatePublications) -> _Date:
        first, last = pub.first.toordinal(), pub.last.toordinal()
        rows = None
        if pub.waiting is not None:
            found = []
            for row in pub.waiting:
                month_first, month_last = _month_span(row.month)
                lo = max(month_first, first - 7 * row.weeks - 6)
                hi = min(month_last, last - 7 * row.weeks)
                if row.past:
                    hi = min(hi, last - self.limit - 1)
                else:
                    lo = max(lo, first - self.limit)
                if lo > hi:
                    raise ModelError(f"{self.aim.authority} {self.aim.aim}: a waiting row at {pub.label} is impossible")
                found.append((lo, hi, WX if row.past else WP))
            rows = tuple(found)
        recent = any(c.quantity == "reached in the last 12 months" for c in pub.counts)
        return _Date(first, last, recent, None if pub.run_chart is None else len(pub.run_chart), rows)

    # -- signatures --------------------------------------------------------------------------------------
    def _signatures(self, pairs: Iterable[tuple[int, int | None]], allowed: Sequence[frozenset[int]],
                    with_rows: bool) -> list[Signature]:
        found: dict[Signature, None] = {}
        for start, end in pairs:
            options = []
            for t, d in enumerate(self.dates):
                states = _states_over(start, end, d.first, d.last, self.limit, d.recent) & allowed[t]
                if not states:
                    break
                options.append(sorted(states))
            else:
                late = end is not None and end - start > self.limit
                cohort = self.aim.in_cohort(start)
                for combo in itertools.product(*options):
                    rows = tuple(self._rows_for(t, start, combo[t]) if with_rows else frozenset()
                                 for t in self.waiting_ts)
                    pairs = zip(self.waiting_ts, rows, strict=False)
                    if with_rows and any(combo[t] in WAITING and not r for t, r in pairs):
                        continue  # waiting at a date whose waiting chart lists no row it can be
                    found[Signature(cohort, late, combo, rows)] = None
        return list(found)

    def _rows_for(self, t: int, start: int, state: int) -> frozenset[int]:
        rows = self.dates[t].waiting
        if state not in WAITING or rows is None:
            return frozenset()
        return frozenset(r for r, (lo, hi, status) in enumerate(rows) if lo <= start <= hi and status == state)

    def _ends(self, start: int, earliest: int) -> list[int | None]:
        marks: set[int] = {start + self.limit, start + self.limit + 1, start}
        for d in self.dates:
            for x in (d.first, d.last):
                marks.update({x - 1, x, x + 1, x - 367, x - 366, x - 365, x - 364, x - 363})
        ends: list[int | None] = []
        ends.extend(sorted(x for x in marks if x >= max(start, earliest)))
        return [*ends, None]

    def _starts(self) -> list[int]:
        marks: set[int] = {self.aim.cohort_start.toordinal()}
        if self.aim.cohort_end is not None:
            marks.add(self.aim.cohort_end.toordinal() + 1)
        for d in self.dates:
            for x in (d.first, d.last):
                marks.update({x, x + 1, x - self.limit, x - self.limit + 1})
        starts = {x + k for x in marks for k in (-1, 0, 1)}
        starts.add(min(starts) - 2)
        latest = max(d.last for d in self.dates)
        return sorted(x for x in starts if x <= latest)

    # -- the program -----------------------------------------------------------------------------------
    def _build(self) -> None:
        p = self.program
        n_dates = len(self.dates)
        # the children of the longest run chart
        dot_vars: list[list[tuple[int, Signature]]] = []
        for i, dot in enumerate(self.dots):
            allowed = [ANY if d.run_rows is None else (REACHED if i < d.run_rows else ANY - REACHED)
                       for d in self.dates]
            month_first, month_last = _month_span(dot.month)
            pairs: list[tuple[int, int | None]] = [(end - gap, end) for end in range(month_first, month_last + 1)
                     for gap in range(7 * dot.weeks, 7 * dot.weeks + 7)]
            sigs = self._signatures(pairs, allowed, with_rows=True)
            if not sigs:
                raise ModelError(f"{self.aim.authority} {self.aim.aim}: run chart row {i + 1} fits no date")
            variables = [(p.var(), s) for s in sigs]
            p.constrain({v: 1 for v, _ in variables}, 1, 1)
            dot_vars.append(variables)
        # the children first seen in a waiting chart, not in the longest run chart
        fresh: dict[tuple[int, int], list[tuple[int, Signature]]] = {}
        for w, t in enumerate(self.waiting_ts):
            rows = self.dates[t].waiting or ()
            for r, (lo, hi, status) in enumerate(rows):
                allowed = []
                for u, d in enumerate(self.dates):
                    states = ANY if d.run_rows is None else ANY - REACHED
                    if u == t:
                        states = frozenset({status})
                    elif d.waiting is not None and u in self.waiting_ts[:w]:
                        states = states - WAITING  # it would have been listed there: that row is this child
                    allowed.append(states)
                pairs = [(start, end) for start in range(lo, hi + 1)
                         for end in self._ends(start, self.dates[t].first + 1)]
                sigs = [s for s in self._signatures(pairs, allowed, with_rows=True)
                        if r in s.rows[w]]
                fresh[(t, r)] = [(p.var(), s) for s in sigs]
        # each row of each waiting chart is exactly one child
        for w, t in enumerate(self.waiting_ts):
            rows = self.dates[t].waiting or ()
            for r in range(len(rows)):
                terms: dict[int, float] = {v: 1 for v, _ in fresh[(t, r)]}
                for i, variables in enumerate(dot_vars):
                    can = {v: -1.0 for v, s in variables if r in s.rows[w]}
                    if can:
                        y = p.var()
                        terms[y] = 1
                        p.constrain({y: 1, **can}, -math.inf, 0)
                        self._links.setdefault((i, w), []).append(y)
                for (t0, r0), variables in fresh.items():
                    if t0 in self.waiting_ts[:w]:
                        can = {v: -1.0 for v, s in variables if r in s.rows[w]}
                        if can:
                            y = p.var()
                            terms[y] = 1
                            p.constrain({y: 1, **can}, -math.inf, 0)
                            self._fresh_links.setdefault((t0, r0, w), []).append(y)
                p.constrain(terms, 1, 1)
        # a child waiting at a date with a published waiting chart is one of its rows
        for w, t in enumerate(self.waiting_ts):
            for i, variables in enumerate(dot_vars):
                terms = {v: -1.0 for v, s in variables if s.states[t] in WAITING}
                terms.update({y: 1.0 for y in self._links.get((i, w), [])})
                p.constrain(terms, 0, 0)
            for (t0, r0), variables in fresh.items():
                if t0 in self.waiting_ts[:w]:
                    terms = {v: -1.0 for v, s in variables if s.states[t] in WAITING}
                    terms.update({y: 1.0 for y in self._fresh_links.get((t0, r0, w), [])})
                    p.constrain(terms, 0, 0)
        self.entities = dot_vars + list(fresh.values())
        # every other child, counted by signature
        allowed = [(ANY if d.run_rows is None else ANY - REACHED) - (WAITING if d.waiting is not None else frozenset())
                   for d in self.dates]
        latest_run = max((d.first for d in self.dates if d.run_rows is not None), default=-math.inf)
        pairs = [(start, end) for start in self._starts()
                 for end in self._ends(start, int(latest_run) + 1 if latest_run != -math.inf else start)]
        for sig in self._signatures(pairs, allowed, with_rows=False):
            if any(state != NS for state in sig.states[:n_dates]):
                self.aggregates.append((p.var(0, BIG), sig))

    def expression(self, t: int, quantity: str) -> dict[int, float]:
        """The count at date t, as a sum of variables; "met+late" is a sum of two counts."""
        terms: dict[int, float] = {}
        for part in quantity.split("+"):
            for variables in [*self.entities, self.aggregates]:
                for v, s in variables:
                    if _quantity_of(s, t, part):
                        terms[v] = terms.get(v, 0) + 1
        return terms


def _month_span(day: date) -> tuple[int, int]:
    first = day.replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first.toordinal(), following.toordinal() - 1


def _percent_interval(percent: PercentFigure) -> tuple[float, float]:
    """The values a shown percentage can stand for. A reader cannot know whether the site writes 99.6% as
    100% or 99%, or 0.4% as 0% or 1%, so 99% may be anything up to 100% and 1% anything down to 0%."""
    assert percent.value is not None
    low = max(percent.value - percent.half_unit, 0.0)
    high = min(percent.value + percent.half_unit, 100.0)
    if percent.half_unit == 0.5 and percent.value == 99:
        high = 100.0
    if percent.half_unit == 0.5 and percent.value == 1:
        low = 0.0
    return low, high


def attack_aim(aim: AimDefinition, dates: Sequence[DatePublications], threshold: int = 5) -> list[Finding]:
    """Every hidden figure about one aim, at every date, with the values everything published allows."""
    model = _AimProgram(aim, dates)
    program = model.program
    hidden: dict[tuple[int, str], list[CountFigure]] = {}
    for t, pub in enumerate(model.pubs):
        for count in pub.counts:
            low, high = count.prior()
            program.constrain(model.expression(t, count.quantity), low, high)
            if count.hidden:
                hidden.setdefault((t, count.quantity), []).append(count)
        for percent in pub.percents:
            part = model.expression(t, "+".join(percent.part))
            whole = model.expression(t, "+".join(percent.whole))
            if percent.value is None:  # "–": no percentage, as no child is in its denominator
                program.constrain(whole, 0, 0)
                continue
            least, most = _percent_interval(percent)
            for sign, bound in ((1, least), (-1, most)):  # low * whole <= 100 * part <= high * whole
                terms = {k: sign * 100 * part.get(k, 0) - sign * bound * whole.get(k, 0)
                         for k in set(part) | set(whole)}
                program.constrain(terms, 0, math.inf)
            program.constrain(whole, 1, math.inf)
    cells: list[tuple[int, Partition, str, str, int]] = []
    for t, pub in enumerate(model.pubs):
        for partition in pub.partitions:
            terms = {k: -v for k, v in model.expression(t, partition.quantity).items()}
            known = 0
            for label, shown in partition.cells:
                if shown.isdigit():
                    known += int(shown)
                else:
                    v = program.var(1, BIG)
                    terms[v] = 1
                    cells.append((t, partition, label, shown, v))
            program.constrain(terms, -known, -known)
    if not program.feasible():
        raise ModelError(f"{aim.authority} {aim.aim}: what the site publishes contradicts the attacker's model")
    findings = []
    for (t, quantity), shown_as in sorted(hidden.items()):
        low, high = program.range_of(model.expression(t, quantity))
        findings.append(Finding(aim.authority, aim.aim, model.pubs[t].label, quantity,
                                " / ".join(sorted({c.shown for c in shown_as})), low,
                                None if high >= UNBOUNDED else high, threshold,
                                tuple(sorted({c.where for c in shown_as})), model.pubs[t].key))
    for t, partition, label, shown, v in cells:
        low, high = program.range_of({v: 1})
        findings.append(Finding(aim.authority, aim.aim, model.pubs[t].label,
                                f"{partition.column}: {label}", shown, low, None if high >= UNBOUNDED else high,
                                threshold, (partition.where,), model.pubs[t].key))
    return findings


# ---------------------------------------------------------------------------------------------------------
# Reading the built site
# ---------------------------------------------------------------------------------------------------------

MONTHS = {name: n for n, name in enumerate(("January", "February", "March", "April", "May", "June", "July", "August",
                                            "September", "October", "November", "December"), start=1)}
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})"
WORDS = {w: n for n, w in enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                     "ten", "eleven", "twelve"))}
NUMBER = r"(?<!fewer than )\b(\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
BAND = r"(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
PROGRESS_ROWS = {
    "Met: reached within the timescale": "met",
    "Missed: reached late": "late",
    "Missed: still waiting past the timescale": "past",
    "Pending: waiting, within the timescale": "pending",
    "All children in the cohort": "cohort",
}
DECIDED = (("met",), ("met", "late"))
OVERALL = (("met",), ("met", "late", "past"))
HEADLINES = {"Met, of those decided": DECIDED, "Met, including those waiting past the timescale": OVERALL,
             "Met, including those waiting": OVERALL}
SENTENCES: tuple[tuple[str, str, bool], ...] = (  # (pattern, quantity, a band): counts the charts' sentences state
    (rf"{NUMBER} child(?:ren)? started this stage", "cohort", False),
    (rf"fewer than {BAND} children started this stage", "cohort", True),
    (rf"{NUMBER} child(?:ren)? reached the end of it", "met+late", False),
    (rf"Counting the {NUMBER} child(?:ren)? still waiting past", "past", False),
    (rf"{NUMBER} child(?:ren)? reached [^.]* between", "reached", False),
    (rf"{NUMBER} child(?:ren)? (?:is|are) still waiting", "waiting", False),
    (r"No child is waiting()", "waiting", False),
    (rf"{NUMBER} child(?:ren)? (?:has|have) waited longer than", "waiting past (all)", False),
    (rf"fewer than {BAND} children (?:has|have) waited longer than", "waiting past (all)", True),
)
PERCENT_SENTENCES = ((r"(\d+(?:\.\d+)?)% did so within", DECIDED), (r"it is (\d+(?:\.\d+)?)% overall", OVERALL))
TOO_FEW = re.compile(r"There are fewer than (\d+) children, too few to publish this chart")
TOO_FEW_COUNTS = {"progress": "cohort", "run-chart": "reached", "waiting": "waiting"}
KINDS = ("progress", "run-chart", "waiting", "by-route")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _number(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word.lower()]


def _month(text: str) -> date:
    name, year = text.split()
    return date(int(year), MONTHS[name], 1)


def _month_dates(day: date) -> tuple[date, date]:
    first, last = _month_span(day)
    return date.fromordinal(first), date.fromordinal(last)


class Element:
    """An HTML element: enough of a DOM to find a page's figures."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return re.sub(r"\s+", " ", " ".join(parts)).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag not in ("script", "style"):
            self.stack[-1].children.append(data)


def parse_html(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def _table(element: Element) -> list[list[str]]:
    """A table's rows (header included) as text cells."""
    return [[cell.text() for cell in row.iter() if cell.tag in ("td", "th")] for row in element.find_all("tr")]


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row]


def _percent(shown: str, part_whole: tuple[tuple[str, ...], tuple[str, ...]], where: str) -> PercentFigure | None:
    """A percentage as shown: "95%" (rounded), or "–" (no child in its denominator)."""
    if shown.strip() == "–":
        return PercentFigure(part_whole[0], part_whole[1], None, 0, where)
    match = re.fullmatch(r"(\d+(?:\.(\d+))?)%", shown.strip())
    if not match:
        return None
    decimals = len(match[2] or "")
    return PercentFigure(part_whole[0], part_whole[1], float(match[1]), 0.5 * 10 ** -decimals, where)


@dataclass
class _Authority:
    slug: str
    name: str
    aims: dict[str, AimDefinition]
    dates: dict[str, dict[str, DatePublications]] = field(default_factory=dict)  # aim -> key -> publications
    months: dict[str, date] = field(default_factory=dict)  # key -> a day of the month its pages name
    exact: dict[str, date] = field(default_factory=dict)  # key -> the day, where something publishes it

    def publications(self, aim: str, key: str) -> DatePublications:
        by_key = self.dates.setdefault(aim, {})
        if key not in by_key:
            by_key[key] = DatePublications(key, date.min, date.max)
        return by_key[key]


def _aims_from_content(content: Path, slug: str) -> tuple[str, dict[str, AimDefinition]]:
    text = (content / "authorities" / slug / "authority.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1]) or {}
    aims = {}
    for aim in front.get("aims") or []:
        timescale = aim.get("timescale")
        if not timescale or aim.get("measure"):
            continue
        aims[str(aim["id"])] = AimDefinition(
            slug, str(aim["id"]), _as_date(aim["cohort_start"]), _limit_days(str(timescale)),
            _as_date(aim["cohort_end"]) if aim.get("cohort_end") else None, str(aim.get("statement", "")).strip(),
            str(front.get("name", slug)))
    return str(front.get("name", slug)), aims


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _limit_days(timescale: str) -> int:
    amount, unit = timescale.split()
    days = float(amount) * (365.25 / 12 if unit.startswith("month") else 7)
    return math.floor(days)


def _aims_from_page(page: Element, slug: str, name: str) -> dict[str, AimDefinition]:
    """The aims as the authority page states them: 'on or after 1st September 2017' (or 'Since September
    2017', read as its first day) and 'Timescale: 26 weeks'."""
    aims = {}
    for section in page.find_all("section", "aim"):
        aim_id = section.attrs.get("id", "").removeprefix("aim-")
        text = section.text()
        statement = next((p.text() for p in section.find_all("p", "aim__statement")), "")
        timescale = re.search(r"Timescale: (\d+(?:\.\d+)?) (weeks?|months?)", text) or re.search(
            r"within (\d+(?:\.\d+)?) (weeks|months)", statement)
        exact = re.search(r"on or after (\d{1,2})(?:st|nd|rd|th)? " + MONTH, statement)
        since = re.search(r"Since " + MONTH, text)
        if not timescale or not (exact or since):
            continue
        start = (date(int(exact[3]), MONTHS[exact[2]], int(exact[1])) if exact
                 else _month(f"{since[1]} {since[2]}") if since else date.min)
        aims[aim_id] = AimDefinition(slug, aim_id, start, _limit_days(f"{timescale[1]} {timescale[2]}"),
                                     None, statement, name)
    return aims


def _figure_kind(figure_id: str, aims: Iterable[str]) -> tuple[str, str] | None:
    for aim in aims:
        for kind in KINDS:
            if figure_id == f"{aim}-{kind}":
                return aim, kind
    return None


def _read_table(authority: _Authority, aim: str, key: str, kind: str, rows: list[list[str]], where: str) -> None:
    """A chart's table, from its CSV or its page."""
    pub = authority.publications(aim, key)
    body = rows[1:]
    if kind == "progress":
        for row in body:
            if len(row) >= 2 and row[0] in PROGRESS_ROWS:
                pub.counts.append(CountFigure(PROGRESS_ROWS[row[0]], row[1].strip(), where))
    elif kind == "run-chart":
        chart = tuple(RunRow(_month(row[1]), int(row[2])) for row in body)
        if pub.run_chart is not None and pub.run_chart != chart:
            raise ModelError(f"two run charts for {aim} at {key} differ ({where})")
        pub.run_chart = chart
    elif kind == "waiting":
        waiting = tuple(WaitingRow(_month(row[1]), int(row[2]), row[3].strip().startswith("past")) for row in body)
        if pub.waiting is not None and pub.waiting != waiting:
            raise ModelError(f"two waiting charts for {aim} at {key} differ ({where})")
        pub.waiting = waiting
    elif kind == "by-route":
        header = rows[0]
        for column, quantity in (("Reached the end", "reached"), ("Still waiting", "waiting")):
            if column in header:
                c = header.index(column)
                cells = tuple((row[0], row[c].strip()) for row in body if len(row) > c)
                if not any((p.quantity, p.cells) == (quantity, cells) for p in pub.partitions):
                    pub.partitions.append(Partition(quantity, cells, f"by route, {column.lower()}", where))


def _read_sentences(pub: DatePublications, kind: str, text: str, where: str) -> None:
    too_few = TOO_FEW.search(text)
    if too_few and kind in TOO_FEW_COUNTS:
        pub.counts.append(CountFigure(TOO_FEW_COUNTS[kind], f"fewer than {too_few[1]}", where))
    for pattern, quantity, band in SENTENCES:
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            value = match[1] or ""
            shown = f"fewer than {_number(value)}" if band else str(_number(value)) if value else "0"
            pub.counts.append(CountFigure(quantity, shown, where))
    for pattern, part_whole in PERCENT_SENTENCES:
        for match in re.finditer(pattern, text):
            figure = _percent(match[1] + "%", part_whole, where)
            if figure:
                pub.percents.append(figure)

def _headline(pub: DatePublications, label: str, shown: str, where: str) -> None:
    """One of the figures beside an aim: its cohort, or a percentage met."""
    if label == "Children in the cohort" or re.fullmatch(r"children since " + MONTH, label, flags=re.IGNORECASE):
        pub.counts.append(CountFigure("cohort", shown, where))
    elif label in HEADLINES:
        figure = _percent(shown, HEADLINES[label], where)
        if figure:
            pub.percents.append(figure)


def _pairs(dl: Element) -> list[tuple[str, str]]:
    terms = [e.text() for e in dl.find_all("dt")]
    values = [e.text() for e in dl.find_all("dd")]
    return list(zip(terms, values, strict=False))


def _normal(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _read_page(authority: _Authority, path: Path, key: str, where: str) -> None:
    page = parse_html(path)
    as_at = re.search(r"as at " + MONTH, " ".join(p.text() for p in page.iter() if p.tag == "p" and any(
        c in p.classes for c in ("aim__as-at", "glance__as-at", "poster__as-at"))), flags=re.IGNORECASE)
    if as_at:
        authority.months[key] = _month(f"{as_at[1]} {as_at[2]}")
    aims = list(authority.aims)
    for figure in page.find_all("figure", "chart"):
        found = _figure_kind(figure.attrs.get("id", ""), aims)
        if not found:
            continue
        aim, kind = found
        tables = figure.find_all("table")
        if tables:
            _read_table(authority, aim, key, kind, _table(tables[0]), f"{where}#{figure.attrs['id']}")
        for summary in figure.find_all("p", "chart__summary"):
            _read_sentences(authority.publications(aim, key), kind, summary.text(), f"{where}#{figure.attrs['id']}")
    for section in page.find_all("section"):
        section_id = section.attrs.get("id", "")
        for prefix in ("aim-", "glance-"):
            aim = section_id.removeprefix(prefix)
            if section_id.startswith(prefix) and aim in authority.aims:
                for dl in section.find_all("dl"):
                    for label, shown in _pairs(dl):
                        _headline(authority.publications(aim, key), label, shown, f"{where}#{section_id}")
    # a poster's results at a glance: one heading and list per aim, in the order of the poster's aims
    headline = [e for e in page.iter() if e.attrs.get("id") == "headline"]
    if headline:
        statements = [_normal(p.text()) for p in page.find_all("p", "aim__statement")]
        by_statement = {_normal(a.statement): a.aim for a in authority.aims.values()}
        lists = headline[0].find_all("dl")
        if len(lists) == len(statements):
            for statement, dl in zip(statements, lists, strict=False):
                matched = by_statement.get(statement)
                if matched:
                    for label, shown in _pairs(dl):
                        _headline(authority.publications(matched, key), label, shown, f"{where}#headline")


def _key_of(link: str, slug: str) -> tuple[str, str] | None:
    """The date folder and file a link to an authority's data names."""
    match = re.search(rf"authorities/{re.escape(slug)}/data/([^/]+)/([^/]+\.csv)$", link)
    return (match[1], match[2]) if match else None


def read_site(site: Path, content: Path | None = None) -> tuple[list[tuple[AimDefinition, list[DatePublications]]],
                                                                  int]:
    """Every aim's publications at every date, and the threshold the site's note states."""
    threshold = 5
    authorities: dict[str, _Authority] = {}
    for folder in sorted((site / "authorities").iterdir()):
        index = folder / "index.html"
        if not folder.is_dir() or not index.exists():
            continue
        page = parse_html(index)
        name = next((h.text() for h in page.find_all("h1")), folder.name)
        if content is not None and (content / "authorities" / folder.name / "authority.md").exists():
            name, aims = _aims_from_content(content, folder.name)
        else:
            aims = _aims_from_page(page, folder.name, name)
        authorities[folder.name] = _Authority(folder.name, name, aims)
    for slug, authority in authorities.items():
        folder = site / "authorities" / slug
        pages = [(folder / "index.html", "current"), (folder / "poster" / "index.html", "poster")]
        pages += [(p / "index.html", f"newsletter-{p.name}") for p in sorted((folder / "newsletters").glob("*"))
                  if (p / "index.html").exists() and re.fullmatch(r"\d{4}-\d{2}", p.name)]
        for path, key in pages:
            if path.exists():
                note = re.search(r"a number from 1 to (\d+)", path.read_text(encoding="utf-8"))
                if note:
                    threshold = int(note[1]) + 1
                _read_page(authority, path, key, str(path.relative_to(site)))
        for csv_path in sorted((folder / "data").glob("*/*.csv")):
            found = _figure_kind(csv_path.stem, authority.aims)
            if found:
                _read_table(authority, found[0], csv_path.parent.name, found[1], _read_csv(csv_path),
                            str(csv_path.relative_to(site)))
        feed = folder / "newsletters" / "feed.xml"
        if feed.exists():
            for entry in re.findall(r"<entry>(.*?)</entry>", feed.read_text(encoding="utf-8"), flags=re.DOTALL):
                issue = re.search(r'href="(?:[^"]*/)?(\d{4}-\d{2})/"', entry)
                updated = re.search(r"<updated>(\d{4}-\d{2}-\d{2})", entry)
                if issue and updated:
                    authority.exact[f"newsletter-{issue[1]}"] = date.fromisoformat(updated[1])
    # report chart blocks: "Eastburgh: its local aim for national aim 2, as at 30 September 2020", with a link
    # to the CSV of the date folder they show
    for path in sorted(site.rglob("*.html")):
        if path.is_relative_to(site / "authorities"):
            continue
        text = path.read_text(encoding="utf-8")
        if "authorities/" not in text:
            continue
        page = parse_html(path)
        # rows that restate an authority page's headline figures (communities: "Local aims side by side")
        for row in page.find_all("tr"):
            for a in row.find_all("a"):
                row_of = re.search(r"authorities/([^/]+)/index\.html#aim-(.+)$", a.attrs.get("href", ""))
                if row_of and row_of[1] in authorities and row_of[2] in authorities[row_of[1]].aims:
                    for dl in row.find_all("dl"):
                        for label, shown in _pairs(dl):
                            _headline(authorities[row_of[1]].publications(row_of[2], "current"), label, shown,
                                      str(path.relative_to(site)))
        for figure in page.find_all("figure", "chart"):
            about = " ".join(p.text() for p in figure.find_all("p", "chart__about"))
            day = re.search(r"as at (\d{1,2}) " + MONTH, about)
            links = [a.attrs.get("href", "") for a in figure.find_all("a")]
            for slug, authority in authorities.items():
                for link in links:
                    found = _key_of(link, slug)
                    if not found or not about.startswith(authority.name + ":"):
                        continue
                    key, file = found
                    if day:
                        authority.exact[key] = date(int(day[3]), MONTHS[day[2]], int(day[1]))
                    aim_kind = _figure_kind(file.removesuffix(".csv"), authority.aims)
                    if aim_kind:
                        for summary in figure.find_all("p", "chart__summary"):
                            _read_sentences(authority.publications(aim_kind[0], key), aim_kind[1], summary.text(),
                                            f"{path.relative_to(site)}#{figure.attrs.get('id', '')}")
    _read_overview(site, authorities)
    result = []
    for slug, authority in authorities.items():
        for aim_id, aim in authority.aims.items():
            dates = []
            for key, pub in sorted(authority.dates.get(aim_id, {}).items()):
                at = re.fullmatch(r"at-(\d{4}-\d{2}-\d{2})", key)
                exact = date.fromisoformat(at[1]) if at else authority.exact.get(key)
                month = authority.months.get(key)
                named = re.fullmatch(r"newsletter-(\d{4})-(\d{2})", key)
                if month is None and named:
                    month = date(int(named[1]), int(named[2]), 1)
                if exact is not None:
                    if month is not None and (exact.year, exact.month) != (month.year, month.month):
                        raise ModelError(f"{slug} {key}: the day {exact} is not in the month {month:%B %Y}")
                    pub.first = pub.last = exact
                elif month is not None:
                    pub.first, pub.last = _month_dates(month)
                else:
                    continue  # no date a reader can give it
                dates.append(pub)
            if dates:
                result.append((aim, dates))
    return result, threshold


def _read_overview(site: Path, authorities: dict[str, _Authority]) -> None:
    """The national overview's row for each aim: as at the authority's latest data (its page's date)."""
    by_name = {a.name: a for a in authorities.values()}
    for path in sorted((site / "national").glob("*.csv")):
        rows = _read_csv(path)
        if not rows or rows[0][:2] != ["Authority", "Local aim"]:
            continue
        header = rows[0]
        for row in rows[1:]:
            record = dict(zip(header, row, strict=False))
            authority = by_name.get(record.get("Authority", ""))
            if authority is None:
                continue
            aim = next((a.aim for a in authority.aims.values()
                        if _normal(a.statement) == _normal(record.get("Local aim", ""))), None)
            month = authority.months.get("current")
            as_at = record.get("As at", "")
            if aim is None or month is None or not re.fullmatch(MONTH, as_at) or _month(as_at) != month:
                continue
            pub = authority.publications(aim, "current")
            where = str(path.relative_to(site))
            recent = record.get("Children, last 12 months", "").strip()
            if recent:
                pub.counts.append(CountFigure("reached in the last 12 months", recent, where))
            figure = _percent(record.get("Met, including those waiting", ""), OVERALL, where)
            if figure:
                pub.percents.append(figure)


# ---------------------------------------------------------------------------------------------------------
# The attack on a whole site, and what it prints
# ---------------------------------------------------------------------------------------------------------

def attack_site(site: Path, content: Path | None = None) -> list[Finding]:
    """Every hidden figure of every aim the site publishes, narrowed as far as everything published allows."""
    aims, threshold = read_site(site, content)
    findings: list[Finding] = []
    for aim, dates in aims:
        findings.extend(attack_aim(aim, dates, threshold))
    return findings


def leaks(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.leaked]


def format_table(findings: Sequence[Finding]) -> str:
    """authority, aim, date, figure, shown as, narrowed to: one line per figure."""
    header = ("authority", "aim", "date", "figure", "shown as", "narrowed to", "")
    lines = [header] + [(f.authority, f.aim, f.date, f.figure, f.shown, f.narrowed_to, "LEAKED" if f.leaked else "")
                        for f in findings]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)).rstrip() for line in lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tests.support.cross_date_attacker",
                                     description="Attack a built PACE site across dates; exit 1 if a hidden "
                                                 "figure can be narrowed below what [c] allows.")
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--content", type=Path, default=None,
                        help="the content folder, for the aims' exact definitions (default: read from the pages)")
    parser.add_argument("--all", action="store_true", help="print every hidden figure, not only those leaked")
    args = parser.parse_args(argv)
    findings = attack_site(args.site, args.content)
    shown = findings if args.all else leaks(findings)
    print(format_table(shown))
    print(f"{len(leaks(findings))} of {len(findings)} hidden figures leaked.")
    return 1 if leaks(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
