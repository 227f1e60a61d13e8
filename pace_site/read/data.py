"""Reading each authority's anonymised data: journeys.csv and measures.csv."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pace_site.model.content import AuthorityData, Journey, MeasurePoint, SiteConfig
from pace_site.model.errors import Problems, reading
from pace_site.read.fields import ISO_DATE
from pace_site.read.identity import Vocabulary, date_refusal, fold, identifying_column, looks_like_data, refusal
from pace_site.read.schema import FIRST_YEAR, LAST_YEAR, date_in_range
from pace_site.read.textfile import CSV_LIMIT, read_text

if TYPE_CHECKING:
    import pandas as pd

JOURNEYS = "journeys.csv"
MEASURES = "measures.csv"
OPTIONAL_JOURNEY_COLUMNS = ("route", "age_band", "locality")
MEASURE_COLUMNS = ("measure", "period", "value", "count")
MEASURE_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def load_data(data_dir: Path, slugs: list[str], config: SiteConfig, problems: Problems,
              known: frozenset[str] = frozenset(), localities: Mapping[str, tuple[str, ...]] | None = None,
              ) -> dict[str, AuthorityData]:
    """Read each authority's data folder; a folder for an authority with no content folder is a problem.

    `localities` is what each authority declares in authority.md: all its locality column may hold.
    The data of an authority whose profile could not be read (in `known` but not in `slugs`) is
    still read, so that its problems are listed in the same run.
    """
    if data_dir.is_dir():
        for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
            if folder.name not in slugs and folder.name not in known:
                problems.add(folder, None, f"unknown authority '{folder.name}': expected a folder named like one "
                                           f"in content/authorities ({', '.join(slugs)})")
    declared = localities or {}
    for slug in sorted(known - set(slugs)):
        if (data_dir / slug).is_dir():
            _authority_data(data_dir / slug, journey_vocabularies(config, slug, ()), config, problems)
    return {slug: _authority_data(data_dir / slug, journey_vocabularies(config, slug, declared.get(slug, ())), config,
                                  problems) for slug in slugs}


def journey_vocabularies(config: SiteConfig, slug: str, localities: tuple[str, ...]) -> dict[str, Vocabulary]:
    """What journeys.csv's route, age_band and locality columns may hold for one authority."""
    return {
        "route": Vocabulary("route", tuple(r.id for r in config.routes), "the routes in site.yml",
                            {fold(r.label): r.id for r in config.routes}),
        "age_band": Vocabulary("age_band", config.age_bands, "the age_bands in site.yml", by_words=False),
        "locality": Vocabulary("locality", localities, f"the localities declared for {slug} in authority.md"),
    }


def _authority_data(folder: Path, vocabularies: dict[str, Vocabulary], config: SiteConfig,
                    problems: Problems) -> AuthorityData:
    journeys_file, measures_file = folder / JOURNEYS, folder / MEASURES
    journeys: tuple[Journey, ...] = ()
    columns: frozenset[str] | None = frozenset()
    measures: tuple[MeasurePoint, ...] | None = ()
    with reading(journeys_file, problems):
        journeys, columns = (_read_journeys(journeys_file, config, vocabularies, problems) if journeys_file.exists()
                             else ((), frozenset()))
    with reading(measures_file, problems):
        measures = _read_measures(measures_file, problems) if measures_file.exists() else ()
    unreadable = {name for name, value in ((JOURNEYS, columns), (MEASURES, measures)) if value is None}
    return AuthorityData(
        slug=folder.name,
        journeys=journeys,
        measures=measures or (),
        journeys_file=journeys_file if journeys_file.exists() else None,
        measures_file=measures_file if measures_file.exists() else None,
        localities=frozenset(j.locality for j in journeys if j.locality),
        milestone_columns=columns or frozenset(),
        unreadable=frozenset(unreadable),
    )


def rows_with_lines(frame: pd.DataFrame) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of a frame from read_csv, as {column: cell}, with the line of the file it was on.

    The frame is read column by column (a list per column), not row by row through pandas, which
    would build a Series for every row."""
    names = list(frame.columns)
    columns = [frame[name].tolist() for name in names]
    for line, cells in zip(frame.index.tolist(), zip(*columns, strict=True), strict=True):
        yield int(line), dict(zip(names, cells, strict=True))


def read_csv(path: Path, problems: Problems) -> pd.DataFrame | None:
    """Every cell as text; the frame's index is each row's line in the file (the header is line 1).

    The csv module reads the rows, so a row with the wrong number of cells is
    reported with its own line, even after a quoted cell that spans lines. No
    message repeats a cell: a tracker's cells may identify a child.
    """
    text = read_text(path, problems, CSV_LIMIT)  # UTF-8, size limit, and how to save an Excel file as UTF-8
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        rows, lines = [], []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header is not None and len(row) != len(header):
                problems.add(path, reader.line_num,
                             f"expected {len(header)} cells, as in the header line, found {len(row)}")
                continue
            rows.append([cell.strip() for cell in row])
            lines.append(reader.line_num)
    except csv.Error:
        problems.add(path, reader.line_num, "this CSV line cannot be read (a quote not closed, or a NUL character)")
        return None
    return _frame(path, header, rows, lines, problems)


def _frame(path: Path, header: list[str] | None, rows: list[list[str]], lines: list[int],
           problems: Problems) -> pd.DataFrame | None:
    if not header or not any(h.strip() for h in header):
        problems.add(path, 1, "expected a header line naming the columns")
        return None
    if looks_like_data(header):
        problems.add(path, 1, "the first line holds values (such as dates or ID numbers), not column names: expected "
                              "a header line naming the columns (the values are not repeated here)")
        return None
    columns = [h.strip() for h in header]
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    for column in duplicates:
        problems.add(path, 1, f"the column '{column}' appears more than once", column)
    if duplicates:
        return None
    import pandas as pd  # here: a build with nothing to read again needs no pandas

    return pd.DataFrame(rows, columns=columns, index=lines, dtype=str)


def unknown_column_message(column: str, expected: str) -> str:
    what = identifying_column(column)
    if what:
        return (f"the column '{column}' looks like {what}, which could identify a child: remove it "
                f"(expected only {expected})")
    return f"unknown column '{column}': expected {expected}; no other column may be published"


@lru_cache(maxsize=100_000)  # a site's data repeats its dates: thousands of children, a few thousand days
def parse_date(text: str) -> date | None:
    """A date written YYYY-MM-DD from 1900 to 2100, and nothing else (not 20180101, not a week date)."""
    if not ISO_DATE.match(text.strip()):
        return None
    try:
        parsed = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed if date_in_range(parsed) else None


def _read_journeys(path: Path, config: SiteConfig, vocabularies: dict[str, Vocabulary],
                   problems: Problems) -> tuple[tuple[Journey, ...], frozenset[str] | None]:
    """The children's journeys, and the columns the file has (None when it could not be read)."""
    frame = read_csv(path, problems)
    if frame is None:
        return (), None
    columns = frozenset(frame.columns)
    milestones = [m.id for m in config.milestones]
    known = set(milestones) | set(OPTIONAL_JOURNEY_COLUMNS)
    for column in frame.columns:
        if column not in known:
            problems.add(path, 1, unknown_column_message(column, f"milestone columns ({', '.join(milestones)}) "
                                                                 f"or {', '.join(OPTIONAL_JOURNEY_COLUMNS)}"), column)
    if _looks_like_a_tracker(path, list(frame.columns), known, milestones, problems):
        return (), None
    for column in OPTIONAL_JOURNEY_COLUMNS:
        if column in frame.columns and not vocabularies[column].values:
            problems.add(path, 1, f"there is a {column} column, but nothing declares what it may hold: expected "
                                  f"{vocabularies[column].declared_in}", column)
    if not any(m in frame.columns for m in milestones):
        problems.add(path, 1, "expected at least one milestone column")
        return (), columns
    journeys = tuple(j for line, row in rows_with_lines(frame)
                     if (j := _journey(path, line, row, milestones, vocabularies, problems)))
    return journeys, columns


def _looks_like_a_tracker(path: Path, columns: list[str], known: set[str], milestones: list[str],
                          problems: Problems) -> bool:
    """A raw tracker saved as journeys.csv: say which command makes journeys.csv from it."""
    identifying = [column for column in columns if column not in known and identifying_column(column)]
    if not identifying or (len(identifying) == 1 and any(m in columns for m in milestones)):
        return False
    problems.add(path, 1, "this looks like a case tracker export, not anonymised data: make journeys.csv from the "
                          f"tracker with 'python3 build.py import TRACKER.csv --authority {path.parent.name}', which "
                          "keeps the milestone dates and drops every identifying column")
    return True


def _journey(path: Path, line: int, row: Mapping[str, str], milestones: list[str], vocabularies: dict[str, Vocabulary],
             problems: Problems) -> Journey | None:
    dates: dict[str, date] = {}
    for milestone in milestones:
        text = str(row.get(milestone, "")).strip()
        if not text:
            continue
        parsed = parse_date(text)
        if parsed is None and ISO_DATE.match(text) and _valid_date(text):
            problems.add(path, line, f"expected a date from {FIRST_YEAR} to {LAST_YEAR}", milestone)
        elif parsed is None:
            problems.add(path, line, date_refusal(text), milestone)
        else:
            dates[milestone] = parsed
    _check_order(path, line, dates, milestones, problems)
    kept = {column: _vocabulary_cell(path, line, row, vocabularies[column], problems)
            for column in OPTIONAL_JOURNEY_COLUMNS}
    if not dates:
        problems.add(path, line, "expected at least one milestone date in each row")
        return None
    return Journey(line, dates, kept["route"], kept["age_band"], kept["locality"])


def _vocabulary_cell(path: Path, line: int, row: Mapping[str, str], vocabulary: Vocabulary,
                     problems: Problems) -> str | None:
    """A route, age band or locality exactly as declared; anything else is refused without being repeated."""
    text = str(row.get(vocabulary.column, "")).strip()
    if not text:
        return None
    if vocabulary.values and vocabulary.exact(text) is None:
        problems.add(path, line, refusal(text, vocabulary.expected()), vocabulary.column)
        return None
    return text


def _check_order(path: Path, line: int, dates: dict[str, date], milestones: list[str], problems: Problems) -> None:
    reached = [m for m in milestones if m in dates]
    for before, after in zip(reached, reached[1:], strict=False):
        if dates[after] < dates[before]:
            problems.add(path, line, f"'{after}' is before '{before}': "
                                     "expected milestones in the order of a child's journey", after)


def _read_measures(path: Path, problems: Problems) -> tuple[MeasurePoint, ...] | None:
    """The measures' points (None when the file could not be read)."""
    frame = read_csv(path, problems)
    if frame is None:
        return None
    for column in frame.columns:
        if column not in MEASURE_COLUMNS:
            problems.add(path, 1, unknown_column_message(column, ", ".join(MEASURE_COLUMNS)), column)
    missing = [c for c in MEASURE_COLUMNS[:3] if c not in frame.columns]
    if missing:
        problems.add(path, 1, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}: "
                              f"expected {', '.join(MEASURE_COLUMNS)}")
        return ()
    points: dict[tuple[str, date], MeasurePoint] = {}
    for line, row in rows_with_lines(frame):
        point = _measure_point(path, line, row, problems)
        if point and (point.measure, point.period) in points:
            first = points[(point.measure, point.period)].row
            problems.add(path, point.row, f"this measure already has a value for this period, on line {first}",
                         "period")
        elif point:
            points[(point.measure, point.period)] = point
    return tuple(points.values())


def _measure_point(path: Path, line: int, row: Mapping[str, str], problems: Problems) -> MeasurePoint | None:
    measure = _measure_name(path, line, row["measure"], problems)
    period = _measure_period(path, line, row["period"], problems)
    value = _number(row["value"])
    if value is None:
        problems.add(path, line, refusal(row["value"], "a number"), "value")
    count = _measure_count(path, line, row, problems)
    if measure and period and value is not None:
        return MeasurePoint(measure, period, value, count, line)
    return None


def _measure_name(path: Path, line: int, text: str, problems: Problems) -> str:
    """The row's measure name ("" when it is missing or not a name)."""
    measure = text.strip()
    if not measure:
        problems.add(path, line, "expected a measure name", "measure")
    elif not MEASURE_NAME.match(measure):
        problems.add(path, line, refusal(measure, "a measure name of lower-case letters, digits, hyphens and "
                                                  "underscores, such as peer-reviews"), "measure")
        return ""
    return measure


def _measure_period(path: Path, line: int, text: str, problems: Problems) -> date | None:
    """The row's period, written YYYY-MM (its first day) or YYYY-MM-DD."""
    period_text = text.strip()
    period = parse_date(period_text + "-01" if len(period_text) == 7 else period_text)
    if period is None:
        problems.add(path, line, refusal(period_text, "a period written YYYY-MM or YYYY-MM-DD"), "period")
    return period


def _measure_count(path: Path, line: int, row: Mapping[str, str], problems: Problems) -> int | None:
    """The row's children counted, if given: a whole number, else a problem and no count."""
    count_text = str(row.get("count", "")).strip()
    if not count_text:
        return None
    count = _number(count_text)
    if count is None or count < 0 or count != int(count):
        problems.add(path, line, refusal(count_text, "a whole number of children"), "count")
        return None
    return int(count)


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # NaN and infinity are not numbers a reader can use


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
