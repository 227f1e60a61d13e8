"""Figures computed from journeys as at a date: run chart points, waiting children, aim progress.

A milestone dated after the as-at date counts as not reached yet, so a
publication keeps the figures of its own day while the data file grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from pace_site.model.content import DAYS_PER_WEEK, Journey, LocalAim


@dataclass(frozen=True)
class ChildPoint:
    """A child who reached the end milestone: when (month only is ever shown) and how long it took."""

    reached: date
    started: date
    weeks: int
    days: int
    in_cohort: bool
    route: str | None = None  # never shown per child: only counted by route, where the aim asks (by_route.py)


@dataclass(frozen=True)
class WaitingChild:
    started: date
    weeks: int
    days: int
    in_cohort: bool
    route: str | None = None


@dataclass(frozen=True)
class AimProgress:
    children: int  # in the cohort and past the start milestone
    met: int
    missed_late: int
    missed_waiting: int
    pending: int
    target: float

    def categories(self) -> dict[str, int]:
        """The four counts that add up to the cohort, as the progress chart and table show them."""
        return {"met": self.met, "late": self.missed_late, "waiting past": self.missed_waiting, "pending": self.pending}

    @property
    def decided(self) -> int:
        return self.met + self.missed_late

    @property
    def missed(self) -> int:
        return self.missed_late + self.missed_waiting

    @property
    def percent_of_decided(self) -> float | None:
        """Met, of the children who reached the end milestone."""
        return _percent(self.met, self.decided)

    @property
    def percent_overall(self) -> float | None:
        """Met, of met plus missed (late, or still waiting past the timescale)."""
        return _percent(self.met, self.met + self.missed)


@dataclass(frozen=True)
class AimFigures:
    """Everything computed for one journey-based aim as at one date."""

    aim: LocalAim
    as_at: date
    points: tuple[ChildPoint, ...]
    waiting: tuple[WaitingChild, ...]
    progress: AimProgress


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def whole_weeks(days: int) -> int:
    return int(days // DAYS_PER_WEEK)


def reached(journey: Journey, milestone: str | None, as_at: date) -> date | None:
    """The date a milestone was reached, or None if not reached by the as-at date."""
    when = journey.dates.get(milestone) if milestone else None
    return when if when is not None and when <= as_at else None


def in_scope(journey: Journey, aim: LocalAim) -> bool:
    """Whether a child belongs to the aim's locality, routes and age bands (a child with no route recorded
    counts; a child with no age band recorded does not count towards an aim for some ages only)."""
    if aim.locality is not None and journey.locality != aim.locality:
        return False
    if aim.age_bands and journey.age_band not in aim.age_bands:
        return False
    return not aim.routes or journey.route is None or journey.route in aim.routes


def aim_figures(aim: LocalAim, journeys: tuple[Journey, ...], as_at: date) -> AimFigures:
    points, waiting = [], []
    ends = dict(aim.end_by_route)  # aim.end_for(route), made once rather than once per child
    for journey in journeys:
        start = reached(journey, aim.start, as_at)
        if start is None or not in_scope(journey, aim):
            continue
        end = reached(journey, ends.get(journey.route or "", aim.end), as_at)
        days = ((end or as_at) - start).days
        in_cohort = aim.in_cohort(start)
        if end is not None:
            points.append(ChildPoint(end, start, whole_weeks(days), days, in_cohort, journey.route))
        else:
            waiting.append(WaitingChild(start, whole_weeks(days), days, in_cohort, journey.route))
    points.sort(key=lambda p: (p.reached, p.started))
    waiting.sort(key=lambda w: (-w.days, w.started))
    return AimFigures(aim, as_at, tuple(points), tuple(waiting), _progress(aim, points, waiting))


def _progress(aim: LocalAim, points: list[ChildPoint], waiting: list[WaitingChild]) -> AimProgress:
    limit = aim.limit_days
    cohort_points = [p for p in points if p.in_cohort]
    cohort_waiting = [w for w in waiting if w.in_cohort]
    met = sum(1 for p in cohort_points if p.days <= limit)
    past = sum(1 for w in cohort_waiting if w.days > limit)
    return AimProgress(
        children=len(cohort_points) + len(cohort_waiting),
        met=met,
        missed_late=len(cohort_points) - met,
        missed_waiting=past,
        pending=len(cohort_waiting) - past,
        target=aim.target,
    )


@dataclass(frozen=True)
class StageYear:
    """The median weeks one stage of the journey took, for children who finished it in one year
    (or, pooled so that no row is about fewer children than the minimum, in a span of years)."""

    start: str
    end: str
    year: int
    children: int
    median_weeks: float
    last_year: int | None = None  # the span's last year, when years are pooled

    @property
    def years(self) -> str:
        return str(self.year) if self.last_year in (None, self.year) else f"{self.year}–{self.last_year}"


def stage_durations(journeys: tuple[Journey, ...], milestones: list[str], as_at: date,
                    pool_until: int = 1) -> tuple[StageYear, ...]:
    """Median weeks for each consecutive pair of milestones, by the year the later one was reached.

    Consecutive years are pooled until each row is about at least `pool_until` children: a year
    shown as [c] beside a run chart whose dots can be counted by year would give the [c] away.
    """
    found: dict[tuple[str, str], dict[int, list[int]]] = {}
    for journey in journeys:
        for start, end in zip(milestones, milestones[1:], strict=False):
            began, ended = reached(journey, start, as_at), reached(journey, end, as_at)
            if began and ended:
                found.setdefault((start, end), {}).setdefault(ended.year, []).append(whole_weeks((ended - began).days))
    order = {pair: index for index, pair in enumerate(zip(milestones, milestones[1:], strict=False))}
    return tuple(stage for pair in sorted(found, key=order.__getitem__)
                 for stage in _pooled(pair, found[pair], pool_until))


def _pooled(pair: tuple[str, str], by_year: dict[int, list[int]], pool_until: int) -> list[StageYear]:
    groups: list[tuple[int, int, list[int]]] = []
    for year in sorted(by_year):
        if groups and len(groups[-1][2]) < pool_until:
            first, _, weeks = groups.pop()
            groups.append((first, year, weeks + by_year[year]))
        else:
            groups.append((year, year, list(by_year[year])))
    if len(groups) > 1 and len(groups[-1][2]) < pool_until:  # a short last span joins the one before
        first, last, weeks = groups.pop()
        before_first, _, before = groups.pop()
        groups.append((before_first, last, before + weeks))
    return [StageYear(pair[0], pair[1], first, len(weeks), float(median(weeks)), last) for first, last, weeks in groups]


def complete_starts(journeys: tuple[Journey, ...], milestones: list[str]) -> frozenset[str]:
    """The milestones every child who reached also reached the one before: the stage durations rows into such a
    milestone count every child who reached it (the audit reads its children still waiting from them)."""
    return frozenset(milestone for before, milestone in zip(milestones, milestones[1:], strict=False)
                     if all(before in journey.dates for journey in journeys if milestone in journey.dates))


def recent_median(figures: AimFigures, days: int = 365) -> tuple[float | None, int]:
    """The median weeks of the children who reached the end milestone in the last year, and how many."""
    since = figures.as_at - timedelta(days=days)
    weeks = [p.weeks for p in figures.points if p.reached > since]
    return (float(median(weeks)) if weeks else None), len(weeks)
