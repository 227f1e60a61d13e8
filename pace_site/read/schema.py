"""The fields every input file may have: one declarative table per kind of file.

A loader calls `check(located, SCHEMA, problems)` once; it reports, each with its file and line,
an unknown field (with the nearest known one: "did you mean 'threshold'?"), an id that is not a
short slug, and a text too long. Required fields, yes/no flags, dates,
numbers and references are read, and checked, by the loaders through `fields.Fields`.

Adding a field is one line in the table of its file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pace_site.model.errors import Problems
from pace_site.read.sourcefile import KeyPath, Located

Kind = Literal["text", "texts", "id", "ids", "date", "number", "flag", "mapping", "entries", "any"]

ID_LENGTH = 64
ID_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$")
FIRST_YEAR, LAST_YEAR = 1900, 2100
SHORT, LINE, PARAGRAPH, ARTICLE = 200, 500, 2_000, 20_000


def date_in_range(value: date) -> bool:
    """Dates from 1900 to 2100: outside that, a date is a typing mistake (and breaks date arithmetic)."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


@dataclass(frozen=True)
class Key:
    """What one field holds. `fields` are the keys of a mapping, or of each entry of a list."""

    kind: Kind
    max_length: int = SHORT
    fields: dict[str, Key] | None = None
    each: Key | None = None  # for a mapping whose keys are the user's own (an import mapping)


def text(max_length: int = SHORT) -> Key:
    return Key("text", max_length)


def mapping(**fields: Key) -> Key:
    return Key("mapping", fields=fields)


def entries(**fields: Key) -> Key:
    return Key("entries", fields=fields)


ID, IDS, DATE, NUMBER, FLAG = Key("id"), Key("ids"), Key("date"), Key("number"), Key("flag")
TEXT, TEXTS, ANY = text(), Key("texts"), Key("any")
# Keys every document may have: an example file, and where its content came from.
PROVENANCE = {"example": FLAG, "source": text(LINE)}

MARKERS = entries(date=DATE, label=TEXT)

SITE = mapping(
    title=TEXT, description=text(PARAGRAPH), as_at=DATE, contact=TEXT, url=text(LINE),
    milestones=entries(id=ID, label=TEXT),
    national_aims=entries(id=NUMBER, title=TEXT, statement=text(PARAGRAPH), start=ID, end=ID),
    communities=entries(id=ID, name=TEXT),
    routes=entries(id=ID, label=TEXT),
    themes=entries(id=ID, label=TEXT),
    age_bands=TEXTS,
    disclosure=mapping(threshold=NUMBER, minimum=NUMBER, per_child=ID, on_leak=ID),  # or `disclosure: off`
    **PROVENANCE,
)

AIM = entries(
    id=ID, statement=text(PARAGRAPH), target=NUMBER, cohort_start=DATE, deadline=DATE, national_aim=NUMBER,
    start=ID, end=ID, timescale=TEXT, measure=TEXT, measure_kind=ID, locality=TEXT, routes=IDS, better=ID,
    baseline_until=DATE, phases=MARKERS, changes=MARKERS, sustained=NUMBER, age_bands=TEXTS, cohort_end=DATE,
    end_by_route=Key("mapping", each=ID),  # route id: end milestone id
    by_route=FLAG,
)

AUTHORITY = mapping(
    name=TEXT, community=IDS, communities=IDS, joined=DATE, contact=TEXT, data_as_at=DATE, aims=AIM, per_child=ID,
    localities=TEXTS,
    **PROVENANCE,
)

FORCES = entries(force=text(LINE), strength=NUMBER)

POSTER = mapping(
    title=TEXT, event=TEXT, date=DATE, aims=IDS, aims_listed=IDS, change_ideas=IDS, size=ID, orientation=ID,
    # A secondary driver is a line of text, or `driver:` with the `change_ideas:` it tested.
    driver_diagram=mapping(aim=ID, primary=entries(driver=text(LINE),
                                                   secondary=entries(driver=text(LINE), change_ideas=IDS))),
    forcefield=mapping(aim=ID, note=text(LINE), driving=FORCES, restraining=FORCES),
    timeline=entries(date=DATE, step=text(LINE)),
    tests_of_change=entries(title=text(LINE), aim=ID, start=DATE, end=DATE, prediction=text(PARAGRAPH),
                            result=text(PARAGRAPH), decision=ID),
    **PROVENANCE,
)

NEWSLETTER = mapping(
    title=TEXT, date=DATE, summary=text(LINE), aims=IDS, change_ideas=IDS, issue=NUMBER,
    **PROVENANCE,
)

CHANGE_IDEA = mapping(
    title=TEXT, aims=IDS, themes=IDS, authorities=IDS, status=ID,
    webinars=entries(title=TEXT, date=DATE, link=text(LINE)),
    tested=entries(authority=ID, status=ID, started=DATE, ended=DATE),
    **PROVENANCE,
)

LEARNING_POINT = mapping(
    title=text(LINE), theme=ID, authority=ID, source_link=text(LINE),
    **PROVENANCE,
)

PAGE = mapping(title=TEXT, **PROVENANCE)

# A long document: `source` names the document it follows, `authors` who wrote it.
REPORT = mapping(title=TEXT, date=DATE, authors=text(LINE), summary=text(LINE), **PROVENANCE)

GLOSSARY = entries(term=TEXT, definition=text(PARAGRAPH))

# `Tracker column: target` for `import --mapping`: the keys are the tracker's own column names.
IMPORT_MAPPING = Key("mapping", each=text(ID_LENGTH))


def check(located: Located, schema: Key, problems: Problems) -> None:
    """Report every field the schema does not know, and every value of the wrong shape, with its line."""
    _Checker(located, problems).value(located.data, schema, ())


@dataclass
class _Checker:
    located: Located
    problems: Problems

    def problem(self, path: KeyPath, message: str) -> None:
        self.problems.add(self.located.path, self.located.line(*path), message)

    def value(self, value: Any, key: Key, path: KeyPath) -> None:
        if value is None:
            return  # a missing value is for the loader to require or not
        if key.kind == "mapping" and isinstance(value, dict):
            self.mapping(value, key, path)
        elif key.kind == "entries" and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    self.mapping(item, key, path + (index,))
        elif key.kind in ("ids", "texts"):  # a list, or a single value standing for a list of one
            item_key = ID if key.kind == "ids" else text(key.max_length)
            items: Iterable[tuple[int | None, Any]] = enumerate(value) if isinstance(value, list) else [(None, value)]
            for position, item in items:
                self.scalar(item, item_key, path if position is None else path + (position,))
        elif key.kind in ("id", "text", "flag"):
            self.scalar(value, key, path)

    def mapping(self, value: dict[str, Any], key: Key, path: KeyPath) -> None:
        for name, item in value.items():
            if key.each is not None:
                self.value(item, key.each, path + (name,))
            elif key.fields is not None and name in key.fields:
                self.value(item, key.fields[name], path + (name,))
            elif key.fields is not None:
                self.problem(path + (name,), unknown_field(name, list(key.fields), path))

    def scalar(self, value: Any, key: Key, path: KeyPath) -> None:
        name = _name(path)
        if isinstance(value, (dict, list)):
            return  # the loader says what it expected instead
        if key.kind == "id" and not isinstance(value, bool) and len(str(value)) > ID_LENGTH:
            self.problem(path, f"expected '{name}' to be at most {ID_LENGTH} characters, found {len(str(value))}")
        elif key.kind == "id" and isinstance(value, str) and value.strip() and not ID_PATTERN.match(value.strip()):
            self.problem(path, f"expected '{name}' to be an id of letters, digits, '-' and '_' (no spaces), "
                               f"found '{short(value)}'")
        elif key.kind == "text" and isinstance(value, str) and len(value) > key.max_length:
            self.problem(path, f"expected '{name}' to be at most {key.max_length:,} characters, found {len(value):,}")


def unknown_field(name: str, known: list[str], path: KeyPath) -> str:
    where = f" in '{_name(path)}'" if any(isinstance(p, str) for p in path) else ""
    where = f" in entry {int(path[0]) + 1}" if path and not where else where
    nearest = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    expected = f"expected one of {', '.join(sorted(known))}"
    hint = f"did you mean '{nearest[0]}'? ({expected})" if nearest else expected
    return f"unknown field '{short(name)}'{where}: {hint}"


def _name(path: KeyPath) -> str:
    """The field a path ends at: 'aims' for ('aims', 2), 'threshold' for ('disclosure', 'threshold')."""
    names = [str(part) for part in path if isinstance(part, str)]
    return names[-1] if names else "the file"


def short(value: Any) -> str:
    """A value quoted in a message, cut short so a huge value does not flood the terminal."""
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
