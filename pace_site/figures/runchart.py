"""Run chart analytics: medians, runs, crossings, shifts and trends.

No plotting here: this module only decides where the centre line is and which
run chart rules signal. The rules and their sources are collected in
shared/reference/run-chart-rules.md:

- Perla, Provost & Murray (2011), BMJ Qual Saf 20:46-51: the IHI shift and
  trend rules.
- Anhøj & Olesen (2014), PLOS ONE 9(11): e113825, as implemented by the R
  package qicharts2 (`runs.analysis`): the longest run and crossings rules.
- NHS Scotland practice (R packages runchart, runcharter): a sustained run on
  one side of the median starts a new median.

Positions are 1-based and always count every input point, missing or not.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

# Perla et al. 2011 and Anhøj & Olesen 2014: the rules are not meant for fewer
# than 10 useful observations.
MIN_USEFUL_POINTS = 10
# Perla et al. 2011 (IHI): a shift is 6 or more consecutive useful points on
# one side of the median; a trend is 5 or more points all going up or down.
SHIFT_LENGTH = 6
TREND_LENGTH = 5

UP = "up"
DOWN = "down"

Point = tuple[int, float]  # (1-based position in the whole series, value)


@dataclass(frozen=True)
class Signal:
    """A shift or trend between two 1-based positions (inclusive)."""

    kind: str  # "shift" or "trend"
    first: int
    last: int
    direction: str  # "up" (above median / increasing) or "down"


@dataclass(frozen=True)
class PhaseAnalysis:
    """One phase: its own frozen median and the run chart rules applied to its points."""

    first: int
    last: int
    median: float | None
    baseline_points: int
    useful_points: int
    longest_run: int
    longest_run_limit: int | None
    crossings: int
    crossings_limit: int | None
    runs_signal: bool
    enough_points: bool
    shifts: tuple[Signal, ...]
    trends: tuple[Signal, ...]


@dataclass(frozen=True)
class RunChartAnalysis:
    """The whole series (missing values as None) and its phases in order."""

    values: tuple[float | None, ...]
    phases: tuple[PhaseAnalysis, ...]

    @property
    def baseline_median(self) -> float | None:
        """The first phase's centre line."""
        return self.phases[0].median

    @property
    def signals(self) -> tuple[Signal, ...]:
        """Every shift and trend in every phase, in order of position."""
        found = [s for p in self.phases for s in (*p.shifts, *p.trends)]
        return tuple(sorted(found, key=lambda s: (s.first, s.last, s.kind)))

    @property
    def claimed_signals(self) -> tuple[Signal, ...]:
        """The signals a chart may claim: those in phases with at least 10 useful points."""
        found = [s for p in self.phases if p.enough_points for s in (*p.shifts, *p.trends)]
        return tuple(sorted(found, key=lambda s: (s.first, s.last, s.kind)))


# --- values and medians ----------------------------------------------------


def is_missing(value: float | None) -> bool:
    """None and NaN are missing values."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean(values: Sequence[float | None]) -> tuple[float | None, ...]:
    return tuple(None if is_missing(v) else float(v) for v in values)  # type: ignore[arg-type]


def _points(values: Sequence[float | None], first: int = 1) -> list[Point]:
    """Non-missing values with their positions, numbering from `first`."""
    return [(first + i, float(v)) for i, v in enumerate(values) if not is_missing(v)]  # type: ignore[arg-type]


def baseline_median(points: Sequence[Point], baseline: int) -> float | None:
    """Median of the first `baseline` points: the frozen centre line (qicharts2 `freeze`)."""
    head = [value for _, value in points[:baseline]]
    return float(statistics.median(head)) if head else None


# --- runs (Anhøj & Olesen 2014; qicharts2 runs.analysis) -------------------


def _sides(points: Sequence[Point], centre: float) -> list[tuple[int, int]]:
    """(position, +1/-1) of each useful point: points on the centre line are dropped."""
    return [(pos, 1 if value > centre else -1) for pos, value in points if value != centre]


def _runs(sides: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Maximal groups of consecutive useful points on the same side."""
    runs: list[list[tuple[int, int]]] = []
    for pos, side in sides:
        if runs and runs[-1][-1][1] == side:
            runs[-1].append((pos, side))
        else:
            runs.append([(pos, side)])
    return runs


def longest_run_limit(useful: int) -> int | None:
    """Anhøj: signal when the longest run is longer than round(log2(n)) + 3.

    Python's round() is half-to-even like R's; log2 of a whole number is never
    exactly x.5, so the two agree anyway.
    """
    return round(math.log2(useful)) + 3 if useful > 0 else None


def crossings_limit(useful: int) -> int | None:
    """Anhøj: signal when crossings < qbinom(0.05, n - 1, 0.5)."""
    from scipy.stats import binom  # here: importing scipy.stats takes half a second a build may not need

    return int(binom.ppf(0.05, useful - 1, 0.5)) if useful > 0 else None


# --- shifts and trends (Perla, Provost & Murray 2011) ----------------------


def _shifts(points: Sequence[Point], centre: float) -> tuple[Signal, ...]:
    """Maximal runs of SHIFT_LENGTH or more useful points on one side of `centre`."""
    return tuple(
        Signal("shift", run[0][0], run[-1][0], UP if run[0][1] > 0 else DOWN)
        for run in _runs(_sides(points, centre))
        if len(run) >= SHIFT_LENGTH
    )


def _drop_repeats(points: Sequence[Point]) -> list[Point]:
    """Keep only the first of consecutive equal values: a repeat neither extends nor breaks a trend."""
    kept: list[Point] = []
    for point in points:
        if not kept or point[1] != kept[-1][1]:
            kept.append(point)
    return kept


def counted_points(analysis: RunChartAnalysis, signal: Signal) -> int:
    """How many points count towards a signal: in a shift, those off the median; in a trend, not repeats."""
    inside = [(p, v) for p, v in enumerate(analysis.values, start=1)
              if signal.first <= p <= signal.last and not is_missing(v)]
    if signal.kind == "trend":
        return len(_drop_repeats(inside))  # type: ignore[arg-type]
    phase = next(ph for ph in analysis.phases if ph.first <= signal.first <= ph.last)
    return sum(1 for _, value in inside if value != phase.median)


def latest_signal(analysis: RunChartAnalysis) -> Signal | None:
    """The most recent signal a chart may claim; a shift before a trend that ends on the same point."""
    return max(analysis.claimed_signals, key=lambda s: (s.last, s.kind == "shift"), default=None)


def _trends(points: Sequence[Point]) -> tuple[Signal, ...]:
    """Maximal runs of TREND_LENGTH or more points all going up or all going down."""
    distinct = _drop_repeats(points)
    steps = [1 if b[1] > a[1] else -1 for a, b in zip(distinct, distinct[1:], strict=False)]
    found: list[Signal] = []
    i = 0
    while i < len(steps):
        j = i
        while j + 1 < len(steps) and steps[j + 1] == steps[i]:
            j += 1
        # steps i..j join distinct[i]..distinct[j + 1]: j - i + 2 points
        if j - i + 2 >= TREND_LENGTH:
            found.append(Signal("trend", distinct[i][0], distinct[j + 1][0], UP if steps[i] > 0 else DOWN))
        i = j + 1  # the turning point distinct[j + 1] also starts the next stretch
    return tuple(found)


def find_shifts(values: Sequence[float | None], centre: float) -> tuple[Signal, ...]:
    """Shifts in `values` (positions from 1) around a given centre line, with no minimum length check."""
    return _shifts(_points(values), centre)


def find_trends(values: Sequence[float | None]) -> tuple[Signal, ...]:
    """Trends in `values` (positions from 1), with no minimum length check."""
    return _trends(_points(values))


# --- one phase ---------------------------------------------------------------


def _analyse_phase(points: Sequence[Point], first: int, last: int, baseline: int) -> PhaseAnalysis:
    centre = baseline_median(points, baseline)
    sides = _sides(points, centre) if centre is not None else []
    runs = _runs(sides)
    useful = len(sides)
    longest, longest_limit = max((len(r) for r in runs), default=0), longest_run_limit(useful)
    crossings, cross_limit = max(len(runs) - 1, 0), crossings_limit(useful)
    enough = useful >= MIN_USEFUL_POINTS
    signal = enough and (longest > longest_limit or crossings < cross_limit)  # type: ignore[operator]
    return PhaseAnalysis(
        first=first,
        last=last,
        median=centre,
        baseline_points=min(baseline, len(points)),
        useful_points=useful,
        longest_run=longest,
        longest_run_limit=longest_limit,
        crossings=crossings,
        crossings_limit=cross_limit,
        runs_signal=bool(signal),
        enough_points=enough,
        # Shifts and trends are reported whatever the count, as the worked
        # examples are; `enough_points` says whether a chart may claim them.
        shifts=_shifts(points, centre) if centre is not None else (),
        trends=_trends(points),
    )


# --- phases --------------------------------------------------------------------


def _declared_phases(count: int, phase_starts: Sequence[int]) -> list[tuple[int, int]]:
    """(first, last) of each declared phase; phase 1 starts at position 1."""
    for start in phase_starts:
        if not 1 <= start <= count:
            raise ValueError(f"phase start {start} is outside positions 1..{count}")
    starts = [1] + sorted(set(phase_starts) - {1})
    ends = [s - 1 for s in starts[1:]] + [count]
    return list(zip(starts, ends, strict=True))


def _sustained_start(points: Sequence[Point], baseline: int, sustained: int) -> int | None:
    """Position where the first run of `sustained` useful points after the baseline begins.

    NHS Scotland practice (runchart / runcharter): a sustained run on one side
    of the median starts a new phase. Like runcharter, only points after the
    phase's baseline are searched, so a new phase always starts after it.
    """
    centre = baseline_median(points, baseline)
    if centre is None:
        return None
    for run in _runs(_sides(points[baseline:], centre)):
        if len(run) >= sustained:
            return run[0][0]
    return None


def _split_sustained(
    points: Sequence[Point], first: int, last: int, baselines: tuple[int, int], sustained: int
) -> list[tuple[int, int]]:
    """Split one declared phase wherever a sustained run starts a new median.

    `baselines`: the baseline length of the first part, then of every later part.
    """
    bounds: list[tuple[int, int]] = []
    baseline = baselines[0]
    while (start := _sustained_start([p for p in points if p[0] >= first], baseline, sustained)) is not None:
        bounds.append((first, start - 1))
        first, baseline = start, baselines[1]
    bounds.append((first, last))
    return bounds


def analyse(
    values: Sequence[float | None],
    *,
    baseline: int = 12,
    phase_starts: Sequence[int] = (),
    sustained: int | None = None,
    first_baseline: int | None = None,
) -> RunChartAnalysis:
    """Analyse a series as a run chart.

    `baseline`: each phase's median is taken over its first `baseline`
    non-missing points. `first_baseline`, when given, overrides that for the
    first phase only (used for "baseline until a date"). `phase_starts`:
    1-based positions where declared phases begin. `sustained`: a run of that
    many useful points on one side of the median starts a new phase.
    """
    _check_lengths(baseline, first_baseline, sustained)
    clean = _clean(values)
    points = _points(clean)
    phases: list[PhaseAnalysis] = []
    for first, last in _declared_phases(len(clean), phase_starts) if clean else [(1, 0)]:
        head = first_baseline if not phases and first_baseline is not None else baseline
        phases.extend(_analyse_declared_phase(points, first, last, (head, baseline), sustained))
    return RunChartAnalysis(values=clean, phases=tuple(phases))


def _check_lengths(baseline: int, first_baseline: int | None, sustained: int | None) -> None:
    """Refuse a baseline or sustained run shorter than one point."""
    if baseline < 1 or (first_baseline is not None and first_baseline < 1):
        raise ValueError("the baseline must be at least 1 point")
    if sustained is not None and sustained < 1:
        raise ValueError("sustained must be at least 1 point")


def _analyse_declared_phase(
    points: Sequence[Point], first: int, last: int, baselines: tuple[int, int], sustained: int | None
) -> list[PhaseAnalysis]:
    """One declared phase, split wherever a sustained run starts a new median (if `sustained` is set).

    `baselines`: the baseline length of the first part, then of every later part.
    """
    inside = [p for p in points if first <= p[0] <= last]
    parts = [(first, last)]
    if sustained is not None:
        parts = _split_sustained(inside, first, last, baselines, sustained)
    analysed: list[PhaseAnalysis] = []
    for part_first, part_last in parts:
        part = [p for p in inside if part_first <= p[0] <= part_last]
        analysed.append(_analyse_phase(part, part_first, part_last, baselines[1] if analysed else baselines[0]))
    return analysed


# --- dates -------------------------------------------------------------------


def positions_before(dates: Sequence[date], until: date) -> int:
    """How many points are dated before `until`."""
    return sum(1 for d in dates if d < until)


def phase_start_positions(dates: Sequence[date], phase_dates: Sequence[date]) -> list[int]:
    """1-based position of the first point dated on or after each phase date.

    Phase dates after every point match nothing and are dropped.
    """
    positions: list[int] = []
    for phase_date in phase_dates:
        match = next((i for i, d in enumerate(dates, start=1) if d >= phase_date), None)
        if match is not None:
            positions.append(match)
    return positions


# --- reporting ---------------------------------------------------------------


def assess(signal: Signal, better: str) -> str:
    """"improvement" or "deterioration", given whether "lower" or "higher" is better."""
    if better not in ("lower", "higher"):
        raise ValueError(f"better must be 'lower' or 'higher', not {better!r}")
    good = UP if better == "higher" else DOWN
    return "improvement" if signal.direction == good else "deterioration"


def _signal_dict(signal: Signal) -> dict[str, Any]:
    return {"kind": signal.kind, "first": signal.first, "last": signal.last, "direction": signal.direction}


def _phase_dict(phase: PhaseAnalysis) -> dict[str, Any]:
    return {
        "first": phase.first,
        "last": phase.last,
        "median": phase.median,
        "baseline_points": phase.baseline_points,
        "useful_points": phase.useful_points,
        "longest_run": phase.longest_run,
        "longest_run_limit": phase.longest_run_limit,
        "crossings": phase.crossings,
        "crossings_limit": phase.crossings_limit,
        "runs_signal": phase.runs_signal,
        "enough_points": phase.enough_points,
        "shifts": [[s.first, s.last] for s in phase.shifts],
        "trends": [[s.first, s.last] for s in phase.trends],
        "signals": [_signal_dict(s) for s in (*phase.shifts, *phase.trends)],
    }


def to_json_dict(analysis: RunChartAnalysis) -> dict[str, Any]:
    """A JSON-serialisable summary: top-level keys describe the first phase."""
    phases = [_phase_dict(p) for p in analysis.phases]
    top = {key: value for key, value in phases[0].items() if key not in ("first", "last", "median")}
    return {"baseline_median": analysis.baseline_median, "points": len(analysis.values), **top, "phases": phases}
