"""The typed objects that pass between the stages of a build."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.poster import Forcefield, Sheet, TestOfChange, TimelineStep

if TYPE_CHECKING:  # chart_blocks reads fields, which builds on this module
    from pace_site.model.chart_block import ChartBlock

# The line each front matter key is on, by dotted path ("aims", "driver_diagram.aim", "authorities.1"),
# so that problems found after loading still name their line.
Lines = dict[str, int]

MEASURE_KINDS = ("count", "percentage", "cumulative")
DAYS_PER_MONTH = 365.25 / 12
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class Milestone:
    id: str
    label: str


@dataclass(frozen=True)
class NationalAim:
    id: int
    title: str
    statement: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Choice:
    """An id and its label: a community of practice, a route or a theme."""

    id: str
    label: str


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    as_at: date
    contact: str
    milestones: tuple[Milestone, ...]
    national_aims: tuple[NationalAim, ...]
    communities: tuple[Choice, ...]
    routes: tuple[Choice, ...]
    themes: tuple[Choice, ...]
    disclosure: DisclosurePolicy = DisclosurePolicy()
    age_bands: tuple[str, ...] = ()  # journeys.csv's age_band vocabulary, such as 0-4, 5-11, 12-15, 16+
    example: bool = False  # every page is illustrative example material
    url: str = ""  # the address the site is published at, ending in "/"; empty when not given

    def milestone_label(self, milestone_id: str) -> str:
        return next((m.label for m in self.milestones if m.id == milestone_id), milestone_id)

    def national_aim(self, aim_id: int | None) -> NationalAim | None:
        return next((a for a in self.national_aims if a.id == aim_id), None)

    def community(self, community_id: str) -> Choice | None:
        return next((c for c in self.communities if c.id == community_id), None)



@dataclass(frozen=True)
class Timescale:
    """How long a stage should take, as the author wrote it: '45 weeks', '7.5 months'."""

    amount: float
    unit: str  # "weeks" or "months"

    @property
    def days(self) -> float:
        return self.amount * (DAYS_PER_MONTH if self.unit == "months" else DAYS_PER_WEEK)

    @property
    def weeks(self) -> float:
        return self.days / DAYS_PER_WEEK

    def __str__(self) -> str:
        amount = f"{self.amount:g}"
        return f"{amount} {self.unit[:-1] if amount == '1' else self.unit}"



@dataclass(frozen=True)
class Marker:
    """A dated event drawn on a run chart: a new phase of the process, or a test of change."""

    date: date
    label: str


@dataclass(frozen=True)
class LocalAim:
    """An authority's own aim, measured from journeys (start/end) or from a measure."""

    id: str
    statement: str
    target: float
    cohort_start: date
    deadline: date
    national_aim: int | None = None
    start: str | None = None
    end: str | None = None
    timescale: Timescale | None = None
    measure: str | None = None
    locality: str | None = None
    routes: tuple[str, ...] = ()  # only children on these routes to permanence; empty means all
    better: str = "lower"  # which way is an improvement: "lower" or "higher"
    baseline_until: date | None = None  # default: the date the authority joined PACE
    phases: tuple[Marker, ...] = ()
    changes: tuple[Marker, ...] = ()
    sustained: int | None = None  # start a new phase after this many points on one side (NHS Scotland: 9)
    line: int | None = None  # where the aim starts in authority.md
    measure_kind: str = "percentage"  # count, percentage or cumulative (a running percentage: no run chart rules)
    age_bands: tuple[str, ...] = ()  # only children in these age bands (at the start milestone); empty means all
    cohort_end: date | None = None  # the cohort: children whose start milestone is on or before this date too
    end_by_route: tuple[tuple[str, str], ...] = ()  # (route, milestone): where "permanence" is reached on that route
    by_route: bool = False  # also publish its children by route to permanence (by_route.py)

    def end_for(self, route: str | None) -> str | None:
        """The end milestone of a child's stage: by their route to permanence where the aim says so."""
        return dict(self.end_by_route).get(route or "", self.end)

    def in_cohort(self, started: date) -> bool:
        return started >= self.cohort_start and (self.cohort_end is None or started <= self.cohort_end)

    @property
    def keeps_every_child(self) -> bool:
        """No locality, route or age filter and one end milestone: its run chart counts a whole stage's children."""
        return not (self.locality or self.routes or self.age_bands or self.end_by_route)

    @property
    def limit_days(self) -> float:
        """The timescale in days: a child who took longer missed the aim (no timescale: none missed)."""
        return self.timescale.days if self.timescale else float("inf")

    @property
    def from_journeys(self) -> bool:
        return self.measure is None


@dataclass(frozen=True)
class Section:
    """A part of a document under one H2 heading (the lead part has no heading)."""

    heading: str
    anchor: str
    html: str


@dataclass(frozen=True)
class SecondaryDriver:
    text: str
    change_ideas: tuple[str, ...] = ()  # slugs of the change ideas tested for it

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class PrimaryDriver:
    driver: str
    secondary: tuple[SecondaryDriver, ...]


@dataclass(frozen=True)
class DriverDiagram:
    aim_id: str
    primary: tuple[PrimaryDriver, ...]


@dataclass(frozen=True)
class Poster:
    title: str
    event: str
    date: date
    aim_ids: tuple[str, ...]
    sections: tuple[Section, ...]
    driver_diagram: DriverDiagram | None
    source: Path
    change_ideas: tuple[str, ...] = ()  # slugs of the change ideas the poster presents
    lines: Lines = field(default_factory=dict)
    example: bool = False  # illustrative material, not a real authority's poster
    source_text: str = ""  # the document it comes from, shown as "Source: ..."
    sheet: Sheet = Sheet()
    forcefield: Forcefield | None = None
    timeline: tuple[TimelineStep, ...] = ()
    tests_of_change: tuple[TestOfChange, ...] = ()
    figures: tuple[ChartBlock, ...] = ()  # the chart blocks in its Markdown, in order
    listed_aim_ids: tuple[str, ...] = ()  # aims the poster states without charting them (aims_listed)


@dataclass(frozen=True)
class Newsletter:
    slug: str
    title: str
    date: date
    summary: str
    aim_ids: tuple[str, ...]
    sections: tuple[Section, ...]
    source: Path
    change_ideas: tuple[str, ...] = ()
    lines: Lines = field(default_factory=dict)
    example: bool = False
    source_text: str = ""
    issue: int | None = None  # the author's issue number; without it, one more than the previous issue's
    figures: tuple[ChartBlock, ...] = ()


@dataclass(frozen=True)
class Authority:
    slug: str
    name: str
    community: str
    joined: date
    contact: str
    aims: tuple[LocalAim, ...]
    sections: tuple[Section, ...]
    source: Path
    data_as_at: date | None = None
    per_child: str | None = None  # this authority's own choice for its per-child charts, over site.yml's
    localities: tuple[str, ...] = ()  # journeys.csv's locality vocabulary for this authority
    poster: Poster | None = None
    newsletters: tuple[Newsletter, ...] = ()
    communities: tuple[str, ...] = ()  # every community of practice it belongs to; `community` is the first

    def figures_as_at(self, site_as_at: date) -> date:
        """The date its pages are computed at: its data extract's date, else the site's."""
        return min(self.data_as_at, site_as_at) if self.data_as_at else site_as_at

    def aim(self, aim_id: str) -> LocalAim | None:
        return next((a for a in self.aims if a.id == aim_id), None)
    lines: Lines = field(default_factory=dict)
    example: bool = False  # its data and profile are illustrative; so are its poster and newsletters

    def is_example(self, document: Poster | Newsletter) -> bool:
        """Whether a page of this authority's shows illustrative material: the authority's or the document's."""
        return self.example or document.example


@dataclass(frozen=True)
class Webinar:
    title: str
    date: date | None = None
    link: str = ""  # a site path or an https address, as the author wrote it


@dataclass(frozen=True)
class Trial:
    """How one authority tested a change idea: its own status and dates, where the author gave them."""

    authority: str
    status: str
    started: date | None = None
    ended: date | None = None


@dataclass(frozen=True)
class ChangeIdea:
    slug: str
    title: str
    aims: tuple[str, ...]  # national aim ids as text, or "all"
    themes: tuple[str, ...]
    authorities: tuple[str, ...]
    status: str
    html: str
    source: Path
    lines: Lines = field(default_factory=dict)
    example: bool = False
    source_text: str = ""
    webinars: tuple[Webinar, ...] = ()
    trials: tuple[Trial, ...] = ()  # per-authority status and dates (`tested:`); others take the idea's status

    def trial(self, authority: str) -> Trial:
        found = next((t for t in self.trials if t.authority == authority), None)
        return found or Trial(authority, self.status)


@dataclass(frozen=True)
class LearningPoint:
    slug: str
    title: str
    theme: str
    source_text: str
    authority: str | None
    html: str
    source: Path
    lines: Lines = field(default_factory=dict)
    example: bool = False
    source_link: str = ""  # the site path of the poster, newsletter or report it came from (`source_link:`)


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    anchor: str
    definition: str


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    sections: tuple[Section, ...]
    source: Path
    example: bool = False
    figures: tuple[ChartBlock, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A heading of a report, for its contents list."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Report:
    """A long document (content/reports/<slug>.md): one body with its contents list, figures, tables and footnotes."""

    slug: str
    title: str
    date: date
    html: str
    contents: tuple[Heading, ...]
    source: Path
    authors: str = ""
    summary: str = ""
    example: bool = False
    source_text: str = ""
    figures: tuple[ChartBlock, ...] = ()
    tables: int = 0  # numbered tables


@dataclass(frozen=True)
class Content:
    config: SiteConfig
    authorities: tuple[Authority, ...]
    change_ideas: tuple[ChangeIdea, ...]
    learning: tuple[LearningPoint, ...]
    glossary: tuple[GlossaryTerm, ...]
    pages: tuple[Page, ...]
    reports: tuple[Report, ...] = ()
    # Every authority folder, including any whose profile had a problem, so that one broken
    # authority.md does not also make its data folder and the change ideas naming it "unknown".
    authority_folders: frozenset[str] = frozenset()
    # Every change idea file, read or not, so that one unreadable idea is not also "unknown" where it is named.
    change_idea_files: frozenset[str] = frozenset()

    def authority(self, slug: str) -> Authority | None:
        return next((a for a in self.authorities if a.slug == slug), None)


@dataclass(frozen=True)
class Journey:
    """One child's milestone dates: no identifier of any kind."""

    row: int
    dates: dict[str, date]  # only the milestones reached
    route: str | None = None
    age_band: str | None = None
    locality: str | None = None


@dataclass(frozen=True)
class MeasurePoint:
    measure: str
    period: date
    value: float
    count: int | None
    row: int


@dataclass(frozen=True)
class AuthorityData:
    slug: str
    journeys: tuple[Journey, ...] = ()
    measures: tuple[MeasurePoint, ...] = ()
    journeys_file: Path | None = None
    measures_file: Path | None = None
    localities: frozenset[str] = field(default_factory=frozenset)
    milestone_columns: frozenset[str] = field(default_factory=frozenset)  # the milestones journeys.csv has
    unreadable: frozenset[str] = field(default_factory=frozenset)  # files present but not read: no knock-on checks
