"""Published figures as linear constraints on the true counts, and the range each count may take.

A reader who sees a total of 9, four counts shown as [c] and a percentage of 20% knows
that the true counts satisfy a small set of linear equations and inequalities. This module
holds such a set and finds, by integer linear programming (scipy's HiGHS solver), the lowest
and highest value a count can take under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

BIG = 1_000_000  # no count of children comes near this
KNOWN = "what [c] and the tables' sums mean"  # facts every reader has; never named as giving a figure away


@dataclass(frozen=True)
class Constraint:
    """low <= sum(coefficient * variable) <= high, learnt from one published source."""

    source: str
    terms: tuple[tuple[str, float], ...]
    low: float
    high: float


@dataclass(frozen=True)
class Secret:
    """A figure the page does not give: shown as [c], or in words as a band such as "fewer than five"."""

    variable: str
    shown_as: str  # "'Missed: reached late' in the progress table"
    where: str  # the chart's CSV path or id


@dataclass
class Model:
    variables: dict[str, int] = field(default_factory=dict)  # name -> upper bound (lower bound 0)
    constraints: list[Constraint] = field(default_factory=list)
    secrets: list[Secret] = field(default_factory=list)

    def add(self, source: str, terms: Mapping[str, float], low: float, high: float) -> None:
        for name in terms:
            self.variables.setdefault(name, BIG)
        self.constraints.append(Constraint(source, tuple(sorted(terms.items())), low, high))

    def equal(self, source: str, terms: Mapping[str, float], value: float) -> None:
        self.add(source, terms, value, value)

    def binary(self, name: str) -> str:
        self.variables[name] = 1
        return name

    def hide(self, variable: str, shown_as: str, where: str, low: int, high: int) -> None:
        """A secret: the page says only that the count lies between low and high."""
        self.add(KNOWN, {variable: 1}, low, high)
        if not any(s.variable == variable for s in self.secrets):
            self.secrets.append(Secret(variable, shown_as, where))

    def sources(self) -> list[str]:
        return sorted({c.source for c in self.constraints} - {KNOWN})


def value_range(model: Model, variable: str, without: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The lowest and highest value of a variable under every constraint not from `without`; None if none fits."""
    rows = connected(tuple(c for c in model.constraints if c.source not in without), variable)
    names = {name for row in rows for name, _ in row.terms} | {variable}
    return _solve(tuple((name, bound) for name, bound in model.variables.items() if name in names), rows, variable)


def connected(rows: tuple[Constraint, ...], variable: str) -> tuple[Constraint, ...]:
    """The constraints that bear on a variable: those linked to it through shared variables. The rest cannot
    change its range, and leaving them out keeps each solve small when many tables are audited together."""
    reached, frontier, kept = {variable}, [variable], set()
    by_variable: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        for name, _ in row.terms:
            by_variable.setdefault(name, []).append(index)
    while frontier:
        for index in by_variable.get(frontier.pop(), []):
            if index not in kept:
                kept.add(index)
                fresh = {name for name, _ in rows[index].terms} - reached
                reached |= fresh
                frontier += fresh
    return tuple(row for index, row in enumerate(rows) if index in kept)


@lru_cache(maxsize=20_000)  # the same figures are audited again as the policy tries each remedy, and per site
def _solve(variables: tuple[tuple[str, int], ...], rows: tuple[Constraint, ...],
           variable: str) -> tuple[int, int] | None:
    from scipy.optimize import Bounds, LinearConstraint, milp  # here: a build with nothing to recompute needs no scipy
    from scipy.sparse import coo_array

    names = [name for name, _ in variables]
    column = {name: index for index, name in enumerate(names)}
    # Sparse: a national model has thousands of rows of a few terms each; milp would search a dense one for them.
    cells = [(row, column[name], coefficient)
             for row, constraint in enumerate(rows) for name, coefficient in constraint.terms]
    matrix = coo_array(([c for _, _, c in cells], ([r for r, _, _ in cells], [k for _, k, _ in cells])),
                       shape=(len(rows), len(names))).tocsr()  # a variable twice in one row: its terms add up
    limits = [LinearConstraint(matrix, [c.low for c in rows], [c.high for c in rows])] if rows else []
    bounds = Bounds(np.zeros(len(names)), np.array([high for _, high in variables], dtype=float))
    objective = np.zeros(len(names))
    objective[column[variable]] = 1
    ends = []
    for sign in (1, -1):
        result = milp(sign * objective, integrality=np.ones(len(names), dtype=int), bounds=bounds, constraints=limits)
        if not result.success:
            return None
        ends.append(round(sign * result.fun))
    return ends[0], ends[1]


def percent_constraints(model: Model, source: str, shown: str, part: Mapping[str, float],
                        whole: Mapping[str, float]) -> None:
    """What a published whole percentage says about part/whole (see render.format_percent: 99 and 1
    stand for anything short of all and more than none)."""
    if shown == "–":
        model.equal(source, whole, 0)
        return
    if not shown.endswith("%") or not shown[:-1].isdigit():
        return
    percent = int(shown[:-1])
    model.add(source, whole, 1, BIG)
    low, high = max(percent - 0.5, 0), min(percent + 0.5, 100)
    if percent == 99:
        low, high = 98.5, 100  # 99.5 and more, short of all, is shown as 99% too (render.format_percent)
    if percent == 1:
        low = 0
        model.add(source, part, 1, BIG)  # more than none
    hundred_parts = {name: 100 * weight for name, weight in part.items()}
    model.add(source, _combine(hundred_parts, whole, -low), 0, BIG)  # 100 * part >= low * whole
    model.add(source, _combine(hundred_parts, whole, -high), -BIG, 0)  # 100 * part <= high * whole
    if percent == 99:
        model.add(source, _combine(part, whole, -1), -BIG, -1)  # short of all
    if percent == 100:
        model.add(source, _combine(part, whole, -1), 0, 0)
    if percent == 0:
        model.equal(source, part, 0)


def _combine(first: Mapping[str, float], second: Mapping[str, float], factor: float) -> dict[str, float]:
    """first + factor * second, as terms."""
    terms = dict(first)
    for name, weight in second.items():
        terms[name] = terms.get(name, 0) + factor * weight
    return terms
