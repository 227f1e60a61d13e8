"""Reading each authority's anonymised data: journeys.csv and measures.csv."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd

from .errors import Problems, reading
from .fields import ISO_DATE
from .privacy import identifying_column, identifying_value
from .models import AuthorityData, Journey, MeasurePoint, SiteConfig
from .schema import FIRST_YEAR, LAST_YEAR, date_in_range, short
from .textfile import CSV_LIMIT, read_text

JOURNEYS = "journeys.csv"
MEASURES = "measures.csv"
OPTIONAL_JOURNEY_COLUMNS = ("route", "age_band", "locality")
MEASURE_COLUMNS = ("measure", "period", "value", "count")


def load_data(data_dir: Path, slugs: list[str], config: SiteConfig, problems: Problems,
              known: frozenset[str] = frozenset()) -> dict[str, AuthorityData]:
    """Read each authority's data folder; a folder for an authority with no content folder is a problem.

    The data of an authority whose profile could not be read (in `known` but not in `slugs`) is
    still read, so that its problems are listed in the same run.
    """
    if data_dir.is_dir():
        for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
            if folder.name not in slugs and folder.name not in known:
                problems.add(folder, None, f"unknown authority '{folder.name}': expected a folder named like one in content/authorities ({', '.join(slugs)})")
    for slug in sorted(known - set(slugs)):
        if (data_dir / slug).is_dir():
            _authority_data(data_dir / slug, slug, config, problems)
    return {slug: _authority_data(data_dir / slug, slug, config, problems) for slug in slugs}


def _authority_data(folder: Path, slug: str, config: SiteConfig, problems: Problems) -> AuthorityData:
    journeys_file, measures_file = folder / JOURNEYS, folder / MEASURES
    journeys: tuple[Journey, ...] = ()
    columns: frozenset[str] | None = frozenset()
    measures: tuple[MeasurePoint, ...] | None = ()
    with reading(journeys_file, problems):
        journeys, columns = _read_journeys(journeys_file, config, problems) if journeys_file.exists() else ((), frozenset())
    with reading(measures_file, problems):
        measures = _read_measures(measures_file, problems) if measures_file.exists() else ()
    unreadable = {name for name, value in ((JOURNEYS, columns), (MEASURES, measures)) if value is None}
    return AuthorityData(
        slug=slug,
        journeys=journeys,
        measures=measures or (),
        journeys_file=journeys_file if journeys_file.exists() else None,
        measures_file=measures_file if measures_file.exists() else None,
        localities=frozenset(j.locality for j in journeys if j.locality),
        milestone_columns=columns or frozenset(),
        unreadable=frozenset(unreadable),
    )


def rows_with_lines(frame: pd.DataFrame) -> Iterator[tuple[int, pd.Series]]:
    """Each row of a frame from read_csv, with the line of the file it was on."""
    for line, (_, row) in zip(frame.index.tolist(), frame.iterrows()):
        yield int(line), row


def read_csv(path: Path, problems: Problems) -> pd.DataFrame | None:
    """Every cell as text; the frame's index is each row's line in the file (the header is line 1).

    The csv module reads the rows, so a row with the wrong number of cells is
    reported with its own line, even after a quoted cell that spans lines.
    """
    text = read_text(path, problems, CSV_LIMIT)
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
                problems.add(path, reader.line_num, f"expected {len(header)} cells, as in the header line, found {len(row)}")
                continue
            rows.append([cell.strip() for cell in row])
            lines.append(reader.line_num)
    except csv.Error as error:
        problems.add(path, reader.line_num, f"this is not a readable CSV file ({error})")
        return None
    if not header or not any(h.strip() for h in header):
        problems.add(path, 1, "expected a header line naming the columns")
        return None
    columns = [h.strip() for h in header]
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    for column in duplicates:
        problems.add(path, 1, f"the column '{column}' appears more than once", column)
    if duplicates:
        return None
    return pd.DataFrame(rows, columns=columns, index=lines, dtype=str)


def unknown_column_message(column: str, expected: str) -> str:
    what = identifying_column(column)
    if what:
        return (f"the column '{column}' looks like {what}, which could identify a child: remove it "
                f"(expected only {expected})")
    return f"unknown column '{column}': expected {expected}; no other column may be published"


def check_cells(path: Path, line: int, row: pd.Series, columns: tuple[str, ...], problems: Problems) -> None:
    """Refuse text cells that look identifying; the value is not repeated in the message."""
    for column in columns:
        what = identifying_value(str(row.get(column, "")))
        if what:
            problems.add(path, line, f"this cell looks like {what}, which could identify a child: remove it", column)


def parse_date(text: str) -> date | None:
    """A date written YYYY-MM-DD from 1900 to 2100, and nothing else (not 20180101, not a week date)."""
    if not ISO_DATE.match(text.strip()):
        return None
    try:
        parsed = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed if date_in_range(parsed) else None


def _read_journeys(path: Path, config: SiteConfig, problems: Problems) -> tuple[tuple[Journey, ...], frozenset[str] | None]:
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
    identifying = [column for column in frame.columns if column not in known and identifying_column(column)]
    if identifying and (len(identifying) > 1 or not any(m in frame.columns for m in milestones)):
        problems.add(path, 1, "this looks like a case tracker export, not anonymised data: make journeys.csv from "
                              f"the tracker with 'python3 build.py import TRACKER.csv --authority {path.parent.name}', "
                              "which keeps the milestone dates and drops every identifying column")
        return (), None
    if not any(m in frame.columns for m in milestones):
        problems.add(path, 1, "expected at least one milestone column")
        return (), columns
    routes = {r.id for r in config.routes}
    journeys = tuple(j for line, row in rows_with_lines(frame)
                     if (j := _journey(path, line, row, milestones, routes, problems)))
    return journeys, columns


def _journey(path: Path, line: int, row: pd.Series, milestones: list[str], routes: set[str], problems: Problems) -> Journey | None:
    dates: dict[str, date] = {}
    for milestone in milestones:
        text = str(row.get(milestone, "")).strip()
        if not text:
            continue
        parsed = parse_date(text)
        if parsed is None:
            problems.add(path, line, f"expected a date written YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR} (or blank if "
                                     f"not reached yet), found '{short(text)}'", milestone)
        else:
            dates[milestone] = parsed
    _check_order(path, line, dates, milestones, problems)
    check_cells(path, line, row, OPTIONAL_JOURNEY_COLUMNS, problems)
    route = str(row.get("route", "")).strip() or None
    if route and route not in routes:
        problems.add(path, line, f"unknown route '{route}': expected one of {', '.join(sorted(routes))}", "route")
    if not dates:
        problems.add(path, line, "expected at least one milestone date in each row")
        return None
    return Journey(line, dates, route, str(row.get("age_band", "")).strip() or None,
                   str(row.get("locality", "")).strip() or None)


def _check_order(path: Path, line: int, dates: dict[str, date], milestones: list[str], problems: Problems) -> None:
    reached = [m for m in milestones if m in dates]
    for before, after in zip(reached, reached[1:]):
        if dates[after] < dates[before]:
            problems.add(path, line, f"'{after}' ({dates[after]}) is before '{before}' ({dates[before]}): "
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
        problems.add(path, 1, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}: expected {', '.join(MEASURE_COLUMNS)}")
        return ()
    points: dict[tuple[str, date], MeasurePoint] = {}
    for line, row in rows_with_lines(frame):
        point = _measure_point(path, line, row, problems)
        if point and (point.measure, point.period) in points:
            first = points[(point.measure, point.period)].row
            problems.add(path, point.row, f"'{point.measure}' already has a value for this period, on line {first}", "period")
        elif point:
            points[(point.measure, point.period)] = point
    return tuple(points.values())


def _measure_point(path: Path, line: int, row: pd.Series, problems: Problems) -> MeasurePoint | None:
    check_cells(path, line, row, ("measure",), problems)
    measure, period_text = row["measure"].strip(), row["period"].strip()
    period = parse_date(period_text + "-01" if len(period_text) == 7 else period_text)
    value = _number(row["value"])
    count_text = str(row.get("count", "")).strip()
    count = _number(count_text) if count_text else None
    if not measure:
        problems.add(path, line, "expected a measure name", "measure")
    if period is None:
        problems.add(path, line, f"expected a period written YYYY-MM or YYYY-MM-DD, found '{period_text}'", "period")
    if value is None:
        problems.add(path, line, f"expected a number, found '{row['value']}'", "value")
    if count_text and (count is None or count < 0 or count != int(count)):
        problems.add(path, line, f"expected a whole number of children, found '{count_text}'", "count")
        count = None
    if measure and period and value is not None:
        return MeasurePoint(measure, period, value, int(count) if count is not None else None, line)
    return None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # NaN and infinity are not numbers a reader can use
