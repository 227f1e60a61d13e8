"""From an authority's case tracker to anonymised journeys.csv.

The tracker is read, never changed. Only milestone dates, route, age band and
locality are kept, and each kept cell must be a date or a declared value
(site.yml's routes and age_bands, the authority's localities); every other
column (names, dates of birth, CHI numbers, case references, addresses,
workers) is dropped, and rows are sorted by their dates so that nothing follows
the tracker's order. No message repeats a cell of the tracker.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pace_site.model.content import SiteConfig
from pace_site.model.errors import PaceError, Problems
from pace_site.read import schema
from pace_site.read.config import age_band_range
from pace_site.read.content import SLUG_PATTERN, read_localities
from pace_site.read.data import JOURNEYS, journey_vocabularies, read_csv, rows_with_lines
from pace_site.read.identity import Vocabulary, fold, identifying_column, refusal, value_kind
from pace_site.read.sourcefile import read_yaml_file

if TYPE_CHECKING:
    import pandas as pd

# Tracker column names (lower case, spaces and punctuation folded) and what they map to.
DEFAULT_MAPPING = {
    "looked after at home": "looked_after_at_home", "laah": "looked_after_at_home",
    "date looked after at home": "looked_after_at_home",
    "accommodated": "accommodated", "date accommodated": "accommodated", "laac": "accommodated",
    "date looked after away from home": "accommodated", "accommodation date": "accommodated",
    "permanence recommendation": "recommendation", "recommendation": "recommendation",
    "date of permanence recommendation": "recommendation", "recommendation date": "recommendation",
    "permanence panel": "panel", "panel": "panel", "panel date": "panel", "date of panel": "panel",
    "adm": "adm_decision", "adm decision": "adm_decision", "adm date": "adm_decision",
    "agency decision maker": "adm_decision", "date of adm decision": "adm_decision",
    "application lodged": "application_lodged", "date lodged": "application_lodged", "lodged": "application_lodged",
    "order granted": "order_granted", "date of order": "order_granted", "order date": "order_granted",
    "route": "route", "route to permanence": "route", "permanence route": "route", "plan": "route",
    "age band": "age_band", "locality": "locality", "area": "locality",
}
DROP = "drop"
FOUR_DIGIT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
TWO_DIGIT_FORMATS = ("%d/%m/%y", "%d-%m-%y", "%d.%m.%y")
TRACKER_DATE = "a date like 2018-04-28 or 28/04/2018 (day before month)"


@dataclass(frozen=True)
class ImportRequest:
    tracker: Path
    slug: str
    content: Path  # holds site.yml and authorities/<slug>/authority.md
    data: Path  # journeys.csv is written to data/<slug>/, and nowhere else
    mapping: Path | None = None
    replace: bool = False


@dataclass(frozen=True)
class ColumnPlan:
    kept: dict[str, str]  # tracker column -> journeys.csv column
    dropped: tuple[str, ...]
    birth: str | None  # a date of birth column: dropped, but used to check dates and work out age bands

    @property
    def derive_age_band(self) -> bool:
        """An age band is worked out from the date of birth unless the tracker has its own age band column."""
        return bool(self.birth) and "age_band" not in self.kept.values()


@dataclass(frozen=True)
class ImportResult:
    path: Path
    rows: int
    kept: dict[str, str]
    dropped: tuple[str, ...]
    age_band_from: str | None  # the date of birth column age bands were worked out from
    skipped: int  # tracker rows with no milestone date
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class TrackerDate:
    when: date | None
    two_digit_year: bool = False


def parse_tracker_date(text: str) -> TrackerDate:
    for formats, two_digit in ((FOUR_DIGIT_FORMATS, False), (TWO_DIGIT_FORMATS, True)):
        for pattern in formats:
            try:
                return TrackerDate(datetime.strptime(text.strip(), pattern).date(), two_digit)
            except ValueError:
                continue
    return TrackerDate(None)


def journeys_target(request: ImportRequest) -> Path:
    """data/<slug>/journeys.csv for an existing authority; never a path outside --data."""
    if not SLUG_PATTERN.match(request.slug):
        raise PaceError("--authority must be an authority's slug: lower-case letters, digits and hyphens, "
                        "the name of its folder in content/authorities/")
    authorities = request.content / "authorities"
    if not (authorities / request.slug / "authority.md").is_file():
        known = (sorted(p.name for p in authorities.iterdir() if (p / "authority.md").is_file())
                 if authorities.is_dir() else [])
        raise PaceError(f"there is no authority '{request.slug}' in {authorities}: expected one of "
                        f"{', '.join(known) or 'none (add content/authorities/<slug>/authority.md first)'}")
    root = request.data.resolve()
    target = (request.data / request.slug / JOURNEYS).resolve()
    if target != root / request.slug / JOURNEYS:
        raise PaceError(f"{request.data / request.slug / JOURNEYS} leads outside {request.data} (a link?): "
                        "import writes only to DATA/SLUG/journeys.csv")
    return target


def load_mapping(path: Path | None, problems: Problems) -> dict[str, str]:
    """The default mapping, with the user's mapping file (tracker column: target) on top."""
    mapping = dict(DEFAULT_MAPPING)
    if path is None:
        return mapping
    located = read_yaml_file(path, problems)
    if located is not None and not isinstance(located.data, dict):
        problems.add(path, 1, "expected lines of 'tracker column: milestone id, route, age_band, locality or drop'")
    elif located is not None:
        schema.check(located, schema.IMPORT_MAPPING, problems)
        mapping.update({fold(str(k)): str(v).strip() for k, v in located.data.items()})
    return mapping


def plan_columns(columns: list[str], mapping: dict[str, str], config: SiteConfig, tracker: Path,
                 problems: Problems) -> ColumnPlan:
    """Which tracker columns become which journeys.csv columns. An identifying column is only ever dropped."""
    targets = {m.id for m in config.milestones} | {"route", "age_band", "locality", DROP}
    kept: dict[str, str] = {}
    dropped: list[str] = []
    birth = None
    for column in columns:
        target, what = mapping.get(fold(column), DROP), identifying_column(column)
        if target not in targets:
            problems.add(tracker, 1, f"the mapping sends this column to something that is not a column of "
                                     f"journeys.csv: expected one of {', '.join(sorted(targets))}", column)
        elif what and target != DROP:
            problems.add(tracker, 1, f"this column looks like {what}, which could identify a child, so it cannot "
                                     f"become '{target}': map it to 'drop', or rename it", column)
        elif target == DROP:
            dropped.append(column)
            birth = column if what == "a date of birth" else birth
        elif target in kept.values():
            problems.add(tracker, 1, f"two columns map to '{target}': map one of them to 'drop'", column)
        else:
            kept[column] = target
    return ColumnPlan(kept, tuple(dropped), birth)


def check_vocabularies(plan: ColumnPlan, vocabularies: dict[str, Vocabulary], tracker: Path,
                       problems: Problems) -> None:
    """A kept route, age band or locality column needs a declared list of what it may hold."""
    for column, target in plan.kept.items():
        if target in vocabularies and not vocabularies[target].values:
            problems.add(tracker, 1, f"this column would become '{target}', but nothing declares what it may hold: "
                                     f"expected {vocabularies[target].declared_in}, or map it to 'drop'", column)


@dataclass
class Conversion:
    """The rows for journeys.csv, and what converting them found besides problems."""

    rows: list[dict[str, str]] = field(default_factory=list)
    skipped: int = 0  # tracker rows with no milestone date
    two_digit_years: dict[str, list[int]] = field(default_factory=dict)  # tracker column -> lines


@dataclass
class RowConverter:
    """Turns each tracker row into a journeys.csv row; every refusal names its line and column, never the cell."""

    tracker: Path
    plan: ColumnPlan
    vocabularies: dict[str, Vocabulary]
    config: SiteConfig
    problems: Problems
    found: Conversion = field(default_factory=Conversion)

    def convert(self, frame: pd.DataFrame) -> Conversion:
        milestones = [m.id for m in self.config.milestones]
        for line, record in rows_with_lines(frame):
            row = {target: value for column, target in self.plan.kept.items()
                   if (value := self.cell(str(record[column]).strip(), target, line, column))}
            if self.plan.birth:
                self.check_birth(str(record[self.plan.birth]).strip(), row, line)
            check_order(row, milestones, self.tracker, line, self.problems)
            if any(row.get(m) for m in milestones):
                self.found.rows.append(row)
            else:
                self.found.skipped += 1
        return self.found

    def cell(self, text: str, target: str, line: int, column: str) -> str | None:
        """A kept cell as journeys.csv holds it, or None (blank, or refused)."""
        if not text:
            return None
        if target in self.vocabularies:
            value = self.vocabularies[target].loose(text)
            if value is None:
                self.problems.add(self.tracker, line, refusal(text, self.vocabularies[target].expected()), column)
            return value
        when = self.date(text, line, column)
        if when is None:
            self.problems.add(self.tracker, line, refusal(text, TRACKER_DATE) if value_kind(text) != "a date" else
                              f"looks like a date that cannot be read; expected {TRACKER_DATE}", column)
        return when.isoformat() if when else None

    def date(self, text: str, line: int, column: str) -> date | None:
        parsed = parse_tracker_date(text)
        if parsed.two_digit_year:
            self.found.two_digit_years.setdefault(column, []).append(line)
        return parsed.when

    def check_birth(self, text: str, row: dict[str, str], line: int) -> None:
        """Warn about a journey that starts before birth; work out the age band, so the date of birth is not kept."""
        column = self.plan.birth
        born = self.date(text, line, column) if text and column else None
        start = next(((m.id, date.fromisoformat(row[m.id])) for m in self.config.milestones if row.get(m.id)), None)
        if text and born is None:
            self.problems.warn(self.tracker, line, f"the date of birth (column {column}) is not {TRACKER_DATE}, "
                                                   "so this child has no age band")
        if born is None or start is None:
            return
        if start[1] < born:
            self.problems.warn(self.tracker, line, f"'{start[0]}' is before the date of birth (column {column}): "
                                                   "check both dates")
        elif self.plan.derive_age_band:
            years = start[1].year - born.year - ((start[1].month, start[1].day) < (born.month, born.day))
            band = band_for_age(years, self.config.age_bands)
            if band:
                row["age_band"] = band


def band_for_age(years: int, bands: tuple[str, ...]) -> str | None:
    for band in bands:
        span = age_band_range(band)
        if span and span[0] <= years and (span[1] is None or years <= span[1]):
            return band
    return None


def check_order(row: dict[str, str], milestones: list[str], tracker: Path, line: int, problems: Problems) -> None:
    dated = [m for m in milestones if row.get(m)]
    for before, after in zip(dated, dated[1:], strict=False):
        if row[after] < row[before]:
            problems.add(tracker, line, f"'{after}' is before '{before}': expected milestones in journey order")


def journeys_text(rows: list[dict[str, str]], config: SiteConfig) -> str:
    columns = [m.id for m in config.milestones] + ["route", "age_band", "locality"]
    columns = [c for c in columns if any(row.get(c) for row in rows)]
    # Sorted by the dates and the rest, never in the tracker's order.
    ordered = sorted(rows, key=lambda r: tuple(r.get(c) or "9999" for c in columns))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[row.get(c, "") for c in columns] for row in ordered])
    return buffer.getvalue()


def import_tracker(request: ImportRequest, config: SiteConfig) -> ImportResult:
    """Read and check the whole tracker; write journeys.csv only when nothing is wrong."""
    problems = Problems(root=Path.cwd())
    target = journeys_target(request)
    if target.exists() and not request.replace:
        raise PaceError(f"{target} already exists: pass --replace to replace it (the tracker is never changed)")
    vocabularies = journey_vocabularies(config, request.slug, read_localities(request.content, request.slug, problems))
    mapping = load_mapping(request.mapping, problems)
    frame = read_csv(request.tracker, problems)
    problems.raise_if_any()
    assert frame is not None  # read_csv reported why it could not read the tracker
    plan = plan_columns(list(frame.columns), mapping, config, request.tracker, problems)
    check_vocabularies(plan, vocabularies, request.tracker, problems)
    if plan.birth and plan.derive_age_band and not config.age_bands:
        problems.warn(request.tracker, 1, f"site.yml declares no age_bands, so no age band is worked out from "
                                          f"column {plan.birth}")
    if not any(t in {m.id for m in config.milestones} for t in plan.kept.values()):
        problems.add(request.tracker, 1, "no column maps to a milestone: expected columns such as "
                                         "'Date accommodated', or a --mapping file; nothing was written")
        problems.raise_if_any()
    converted = RowConverter(request.tracker, plan, vocabularies, config, problems).convert(frame)
    if not converted.rows and not problems:
        problems.add(request.tracker, None, "no row has a milestone date, so there is no child to import; "
                                            "nothing was written")
    problems.raise_if_any()
    write_atomically(target, journeys_text(converted.rows, config))
    return ImportResult(target, len(converted.rows), plan.kept, plan.dropped,
                        plan.birth if plan.derive_age_band and config.age_bands else None, converted.skipped,
                        tuple(str(w) for w in problems.warnings) + two_digit_warnings(converted, request.tracker))


def two_digit_warnings(converted: Conversion, tracker: Path) -> tuple[str, ...]:
    return tuple(f"{tracker}, column {column}: {len(lines)} date{'s' if len(lines) > 1 else ''} written with a "
                 f"two-digit year (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines[:10]))}"
                 f"{', ...' if len(lines) > 10 else ''}), read as 2000-2068 or 1969-1999: check them, or export "
                 "four-digit years" for column, lines in converted.two_digit_years.items())


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".journeys-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    os.replace(temporary, path)
