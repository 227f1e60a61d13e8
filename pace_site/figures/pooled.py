"""National figures pooled from every authority's journeys, for each national aim between two milestones:
how long the aim's stage took, year by year, and how long the children still waiting have waited.

What each authority adds to a national figure is never published, but each authority publishes figures
of its own, so a national figure minus what the others publish could give a withheld count away.
`pooled_audit` finds what a reader can work out; `protect_pooled` pools years or bands, or withholds
the counts, until nothing can be.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from statistics import median

from pace_site.figures.metrics import StageYear, reached, whole_weeks
from pace_site.model.content import AuthorityData, Journey, NationalAim
from pace_site.model.disclosure import DisclosurePolicy, suppress


@dataclass(frozen=True)
class WaitBand:
    shortest: int  # whole weeks
    longest: int | None  # None: no upper end
    since: str  # in words: the wait's lower end ("" for none)
    until: str  # and its upper end ("" for none)

    def holds(self, weeks: int) -> bool:
        return weeks >= self.shortest and (self.longest is None or weeks <= self.longest)


WAIT_BANDS = (WaitBand(0, 25, "", "6 months"), WaitBand(26, 51, "6 months", "1 year"),
              WaitBand(52, 103, "1 year", "2 years"), WaitBand(104, None, "2 years", ""))


@dataclass(frozen=True)
class PooledAim:
    """Every authority's children for one national aim, as at one date: what the national figures are made of.
    Kept by authority for the audit; only the national totals and medians are published."""

    aim: NationalAim
    as_at: date  # the latest authority's date: the children waiting are counted as at it
    weeks: dict[str, dict[int, tuple[int, ...]]]  # slug -> year the stage ended -> each child's weeks
    waiting: dict[str, dict[int, int]]  # slug -> index in WAIT_BANDS -> children waiting that long (latest data only)
    joined: dict[str, date] = field(default_factory=dict)  # slug -> the date it joined PACE
    before: dict[str, tuple[int, ...]] = field(default_factory=dict)  # slug -> weeks of each child who finished before

    def years(self) -> list[int]:
        return sorted({year for by_year in self.weeks.values() for year in by_year})

    def weeks_in(self, first: int, last: int) -> list[int]:
        return [w for by_year in self.weeks.values() for year, weeks in by_year.items() if first <= year <= last
                for w in weeks]

    def joining(self) -> tuple[list[int], list[int]]:
        """The weeks of every child who finished the stage before their authority joined PACE, and since."""
        before = [w for weeks in self.before.values() for w in weeks]
        every = Counter(self.weeks_in(min(self.years(), default=0), max(self.years(), default=0)))
        return before, sorted((every - Counter(before)).elements())

    def waiting_in(self, bands: tuple[int, ...]) -> int:
        return sum(by_band.get(band, 0) for by_band in self.waiting.values() for band in bands)


@dataclass(frozen=True)
class PooledRelease:
    """How the national figures are published: which years and bands are pooled, which counts hidden."""

    spans: tuple[tuple[int, int], ...]  # the stage table's rows: first and last year
    stage_counts_shown: bool = True
    bands: tuple[tuple[int, ...], ...] = tuple((i,) for i in range(len(WAIT_BANDS)))  # the waiting table's rows
    hidden_bands: frozenset[int] = frozenset()  # rows of `bands` shown as [c]
    waiting_shown: bool = True
    joining: str = "shown"  # before and since joining PACE: "shown", "medians" (counts hidden) or "withheld"
    remedies: tuple[str, ...] = ()  # what disclosure control did, for the disclosure report

    def merged_span(self, year: int) -> PooledRelease:
        """The span holding `year` joined to its neighbour (the later one, else the earlier)."""
        index = next(i for i, (first, last) in enumerate(self.spans) if first <= year <= last)
        other = index + 1 if index + 1 < len(self.spans) else index - 1
        low, high = sorted((index, other))
        joined = (self.spans[low][0], self.spans[high][1])
        return replace(self, spans=self.spans[:low] + (joined,) + self.spans[high + 1:],
                       remedies=self.remedies + (f"years {joined[0]} to {joined[1]} pooled",))

    def merged_band(self, band: int) -> PooledRelease:
        index = next(i for i, group in enumerate(self.bands) if band in group)
        other = index + 1 if index + 1 < len(self.bands) else index - 1
        low, high = sorted((index, other))
        bands = self.bands[:low] + (self.bands[low] + self.bands[high],) + self.bands[high + 1:]
        return replace(self, bands=bands, hidden_bands=frozenset(),
                       remedies=self.remedies + ("waiting bands pooled",))


def pooled_aim(aim: NationalAim, data: dict[str, AuthorityData], dates: dict[str, date],
               joined: dict[str, date] | None = None) -> PooledAim:
    """Each authority's children as at its own date (its data ends there). The children still waiting are
    counted only in the authorities whose data is the latest: a wait as at an older date may be over."""
    latest = max(dates.values())
    weeks: dict[str, dict[int, tuple[int, ...]]] = {}
    waiting: dict[str, dict[int, int]] = {}
    joined = joined or {}
    before: dict[str, tuple[int, ...]] = {}
    for slug, authority_data in data.items():
        by_year: dict[int, list[int]] = {}
        by_band: dict[int, int] = {}
        early: list[int] = []
        for journey in authority_data.journeys:
            stage = stage_weeks(journey, aim, dates[slug])
            if stage is None:
                continue
            ended, taken = stage
            if ended is None:
                band = next(i for i, b in enumerate(WAIT_BANDS) if b.holds(taken))
                by_band[band] = by_band.get(band, 0) + 1
            else:
                by_year.setdefault(ended.year, []).append(taken)
                if slug in joined and ended < joined[slug]:
                    early.append(taken)
        weeks[slug] = {year: tuple(sorted(w)) for year, w in by_year.items()}
        before[slug] = tuple(sorted(early))
        if dates[slug] == latest:
            waiting[slug] = by_band
    return PooledAim(aim, latest, weeks, waiting, {s: joined[s] for s in data if s in joined}, before)


def stage_weeks(journey: Journey, aim: NationalAim, as_at: date) -> tuple[date | None, int] | None:
    """When the child finished the aim's stage (None: still waiting) and the whole weeks it took or has taken."""
    began = reached(journey, aim.start, as_at)
    if began is None:
        return None
    ended = reached(journey, aim.end, as_at)
    return ended, whole_weeks(((ended or as_at) - began).days)


def first_release(pooled: PooledAim, policy: DisclosurePolicy) -> PooledRelease:
    """Years pooled until each row is about at least the minimum; small waiting bands hidden so that no
    [c] can be found from the total."""
    spans: list[tuple[int, int, int]] = []
    for year in pooled.years():
        count = len(pooled.weeks_in(year, year))
        if spans and spans[-1][2] < policy.minimum:
            first, _, before = spans.pop()
            spans.append((first, year, before + count))
        else:
            spans.append((year, year, count))
    if len(spans) > 1 and spans[-1][2] < policy.minimum:
        first, last, count = spans.pop()
        before_first, _, before = spans.pop()
        spans.append((before_first, last, before + count))
    return hide_small_bands(pooled, PooledRelease(tuple((first, last) for first, last, _ in spans)), policy)


def hide_small_bands(pooled: PooledAim, release: PooledRelease, policy: DisclosurePolicy) -> PooledRelease:
    """Waiting rows of 1 to threshold - 1 children shown as [c], and more where the total would give one away."""
    counts = {str(index): pooled.waiting_in(group) for index, group in enumerate(release.bands)}
    hidden = suppress(counts, policy)
    return replace(release, hidden_bands=frozenset(int(index) for index, h in hidden.items() if h))


def stage_rows(pooled: PooledAim, release: PooledRelease) -> tuple[StageYear, ...]:
    assert pooled.aim.start and pooled.aim.end
    rows = []
    for first, last in release.spans:
        weeks = pooled.weeks_in(first, last)
        if weeks:
            rows.append(StageYear(pooled.aim.start, pooled.aim.end, first, len(weeks), float(median(weeks)), last))
    return tuple(rows)


def band_label(group: tuple[int, ...]) -> str:
    """A row of the waiting table in words: "Under 6 months", "6 months to 1 year", "2 years or more"."""
    since, until = WAIT_BANDS[group[0]].since, WAIT_BANDS[group[-1]].until
    if since and until:
        return f"{since} to {until}"
    if until:
        return f"Under {until}"
    return f"{since} or more" if since else "Any length"
