"""From an authority's case tracker to anonymised journeys.csv.

The tracker is read, never changed. Only milestone dates, route, age band and
locality are kept; every other column (names, dates of birth, CHI numbers,
case references, addresses, workers) is dropped, and rows are sorted by their
dates so that nothing follows the tracker's order.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .data import JOURNEYS, read_csv, rows_with_lines
from .errors import PaceError, Problems
from .models import SiteConfig
from .privacy import identifying_column, identifying_value
from . import schema
from .sourcefile import read_yaml_file

# Tracker column names (lower case, spaces and punctuation folded) and what they map to.
DEFAULT_MAPPING = {
    "looked after at home": "looked_after_at_home", "laah": "looked_after_at_home", "date looked after at home": "looked_after_at_home",
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
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
AGE_BANDS = ((5, "0-4"), (12, "5-11"), (16, "12-15"), (200, "16+"))


@dataclass(frozen=True)
class ImportResult:
    path: Path
    rows: int
    kept: dict[str, str]  # tracker column -> journeys.csv column
    dropped: tuple[str, ...]
    age_band_from: str | None  # the date of birth column used to work out age bands, then dropped


def fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def parse_tracker_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


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
                 problems: Problems) -> tuple[dict[str, str], tuple[str, ...], str | None]:
    targets = {m.id for m in config.milestones} | {"route", "age_band", "locality", DROP}
    kept: dict[str, str] = {}
    dropped: list[str] = []
    birth = None
    for column in columns:
        target = mapping.get(fold(column), DROP)
        if target not in targets:
            problems.add(tracker, 1, f"the mapping sends '{column}' to '{target}': expected one of {', '.join(sorted(targets))}", column)
        elif target == DROP or identifying_column(column) and target not in {m.id for m in config.milestones}:
            dropped.append(column)
            if identifying_column(column) == "a date of birth":
                birth = column
        elif target in kept.values():
            problems.add(tracker, 1, f"two columns map to '{target}': map one of them to 'drop'", column)
        else:
            kept[column] = target
    return kept, tuple(dropped), birth if "age_band" not in kept.values() else None


def convert_rows(frame, kept: dict[str, str], birth: str | None, config: SiteConfig, tracker: Path,  # type: ignore[no-untyped-def]
                 problems: Problems) -> list[dict[str, str]]:
    milestones = [m.id for m in config.milestones]
    routes = {fold(r.id): r.id for r in config.routes} | {fold(r.label): r.id for r in config.routes}
    rows = []
    for line, record in rows_with_lines(frame):
        row: dict[str, str] = {}
        for column, target in kept.items():
            text = str(record[column]).strip()
            if not text:
                continue
            if target in milestones:
                when = parse_tracker_date(text)
                if when is None:
                    problems.add(tracker, line, "expected a date such as 2018-04-28 or 28/04/2018", column)
                row[target] = when.isoformat() if when else ""
            elif target == "route":
                row[target] = routes.get(fold(text), "")
                if not row[target]:
                    problems.add(tracker, line, f"unknown route '{text}': expected one of {', '.join(sorted(set(routes.values())))}", column)
            elif identifying_value(text):
                problems.add(tracker, line, f"this cell looks like {identifying_value(text)}: expected a {target.replace('_', ' ')}", column)
            else:
                row[target] = text
        if birth:
            row["age_band"] = age_band(str(record[birth]), row, milestones)
        dated = [m for m in milestones if row.get(m)]
        for before, after in zip(dated, dated[1:]):
            if row[after] < row[before]:
                problems.add(tracker, line, f"'{after}' is before '{before}': expected milestones in journey order")
        if dated:
            rows.append(row)
    return rows


def age_band(birth_text: str, row: dict[str, str], milestones: list[str]) -> str:
    """The child's age band when their journey started, so the date of birth itself is never kept."""
    born = parse_tracker_date(birth_text)
    start = next((row[m] for m in milestones if row.get(m)), None)
    if born is None or start is None:
        return ""
    started = date.fromisoformat(start)
    years = started.year - born.year - ((started.month, started.day) < (born.month, born.day))
    return next(band for limit, band in AGE_BANDS if years < limit)


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


def import_tracker(tracker: Path, slug: str, data_dir: Path, config: SiteConfig, mapping_file: Path | None,
                   replace: bool) -> ImportResult:
    problems = Problems(root=Path.cwd())
    target = data_dir / slug / JOURNEYS
    if target.exists() and not replace:
        raise PaceError(f"{target} already exists: pass --replace to replace it (the tracker is never changed)")
    mapping = load_mapping(mapping_file, problems)
    frame = read_csv(tracker, problems)
    problems.raise_if_any()
    assert frame is not None  # read_csv reported why it could not read the tracker
    kept, dropped, birth = plan_columns(list(frame.columns), mapping, config, tracker, problems)
    if not any(t in {m.id for m in config.milestones} for t in kept.values()):
        problems.add(tracker, 1, "no column maps to a milestone: expected columns such as 'Date accommodated', or a --mapping file")
    rows = convert_rows(frame, kept, birth, config, tracker, problems)
    problems.raise_if_any()
    write_atomically(target, journeys_text(rows, config))
    return ImportResult(target, len(rows), kept, dropped, birth)


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".journeys-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    os.replace(temporary, path)
