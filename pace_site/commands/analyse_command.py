"""`analyse SERIES.csv`: run chart analysis of one series, printed as JSON.

The CSV file needs a `value` column (a blank value is a missing point) and may
have a `date` column (YYYY-MM-DD, in ascending order), which `--baseline-until`
and `--phase` need.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click

from pace_site.figures.runchart import analyse as analyse_series
from pace_site.figures.runchart import phase_start_positions, positions_before, to_json_dict
from pace_site.model.errors import Problems
from pace_site.read.identity import refusal
from pace_site.read.textfile import CSV_LIMIT, read_text

VALUE_COLUMN = "value"
DATE_COLUMN = "date"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Series:
    """Values (None when missing) and, when the file has a date column, their dates."""

    values: list[float | None]
    dates: list[date] | None


def _parse_value(text: str | None) -> float | None:
    """A number, or None for a blank cell; ValueError with what was expected otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(refusal(text, "a number (or a blank cell for a missing value)")) from None
    if not math.isfinite(number):
        raise ValueError(refusal(text, "a finite number (or a blank cell for a missing value)"))
    return number


def _parse_date(text: str | None) -> date:
    text = (text or "").strip()
    try:
        if ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(refusal(text, "a date as YYYY-MM-DD"))


def _columns(fieldnames: list[str] | None) -> dict[str, str]:
    """Lower-cased, stripped header name -> header name as written."""
    return {name.strip().lower(): name for name in fieldnames or [] if name is not None}


def read_series(path: Path) -> Series:
    """Read a series CSV file, collecting every problem before raising ContentError."""
    problems = Problems()
    text = read_text(path, problems, CSV_LIMIT)  # UTF-8 only, with a size limit, as every input file
    series = None
    if text is not None:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            series = _read_rows(reader, path, problems)
        except csv.Error as error:
            problems.add(path, reader.line_num, f"not a readable CSV file ({error})")
    problems.raise_if_any()
    assert series is not None
    return series


def _read_rows(reader: csv.DictReader[str], path: Path, problems: Problems) -> Series | None:
    columns = _columns(list(reader.fieldnames) if reader.fieldnames else None)
    if VALUE_COLUMN not in columns:
        problems.add(path, 1, f"expected a '{VALUE_COLUMN}' column in the header line")
        return None
    value_key, date_key = columns[VALUE_COLUMN], columns.get(DATE_COLUMN)
    values: list[float | None] = []
    dates: list[date] = []
    for row in reader:
        line = reader.line_num
        try:
            values.append(_parse_value(row.get(value_key)))
        except ValueError as error:
            problems.add(path, line, str(error), VALUE_COLUMN)
        if date_key is not None:
            _read_date(row.get(date_key), dates, path, line, problems)
    if not values and not problems:
        problems.add(path, None, "expected at least one data row after the header")
    return Series(values, dates if date_key is not None else None)


def _read_date(text: str | None, dates: list[date], path: Path, line: int, problems: Problems) -> None:
    try:
        when = _parse_date(text)
    except ValueError as error:
        problems.add(path, line, str(error), DATE_COLUMN)
        return
    if dates and when < dates[-1]:
        problems.add(path, line, f"expected dates in ascending order, got {when} after {dates[-1]}", DATE_COLUMN)
    dates.append(when)


def _first_baseline(series: Series, until: date, path: Path) -> int:
    """Non-missing points dated before `until` (dates are in ascending order)."""
    assert series.dates is not None
    before = positions_before(series.dates, until)
    count = sum(1 for v in series.values[:before] if v is not None)
    if count == 0:
        raise click.ClickException(f"{path}: --baseline-until {until}: no values are dated before {until}")
    return count


def _phase_starts(series: Series, phase_dates: list[date]) -> list[int]:
    assert series.dates is not None
    for phase_date in phase_dates:
        if not phase_start_positions(series.dates, [phase_date]):
            click.echo(f"warning: --phase {phase_date}: no point is dated on or after it; ignored", err=True)
    return phase_start_positions(series.dates, phase_dates)


def _need_dates(series: Series, path: Path, option: str) -> None:
    if series.dates is None:
        raise click.ClickException(f"{path}: {option} needs a '{DATE_COLUMN}' column, and this file has none")


@click.command("analyse")
@click.argument("series_csv", metavar="SERIES.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--baseline", type=click.IntRange(min=1), default=12, show_default=True,
              help="Number of points the (frozen) median of each phase is taken over.")
@click.option("--baseline-until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The first median is taken over the points dated before this date (YYYY-MM-DD).")
@click.option("--phase", "phases", type=click.DateTime(formats=["%Y-%m-%d"]), multiple=True,
              help="A new phase, with its own median, starts at the first point dated on or after this date. "
                   "Repeatable.")
@click.option("--sustained", type=click.IntRange(min=1), default=None,
              help="Start a new phase when this many points in a row fall on one side of the median "
                   "(NHS Scotland practice uses 9).")
def analyse(series_csv: Path, baseline: int, baseline_until: datetime | None,
            phases: tuple[datetime, ...], sustained: int | None) -> None:
    """Run chart analysis of SERIES.csv (columns: value, and optionally date), printed as JSON."""
    series = read_series(series_csv)
    first_baseline = None
    if baseline_until is not None:
        _need_dates(series, series_csv, "--baseline-until")
        first_baseline = _first_baseline(series, baseline_until.date(), series_csv)
    starts: list[int] = []
    if phases:
        _need_dates(series, series_csv, "--phase")
        starts = _phase_starts(series, [p.date() for p in phases])
    result = analyse_series(series.values, baseline=baseline, phase_starts=starts,
                            sustained=sustained, first_baseline=first_baseline)
    click.echo(json.dumps(to_json_dict(result), indent=2))


__all__ = ["analyse", "read_series", "Series"]
