"""Typed access to the fields of a YAML mapping, reporting each problem with its line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pace_site.model.content import Timescale
from pace_site.model.errors import Problems
from pace_site.read.schema import FIRST_YEAR, LAST_YEAR, date_in_range, short
from pace_site.read.sourcefile import KeyPath, Located

MISSING = object()
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TIMESCALE = {"week": 520, "month": 120}  # ten years: anything longer is a typing mistake
TIMESCALE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(weeks?|months?)\s*$", re.IGNORECASE)


class Fields:
    """Reads fields at `prefix` in a Located document; problems go to `problems`."""

    def __init__(self, source: Located, problems: Problems, prefix: KeyPath = ()) -> None:
        self.source = source
        self.problems = problems
        self.prefix = prefix
        value = source.data
        for key in prefix:
            value = value[key]
        self.values: dict[str, Any] = value if isinstance(value, dict) else {}

    def problem(self, key: str | int, message: str) -> None:
        self.problems.add(self.source.path, self.source.line(*self.prefix, key), message)

    def raw(self, key: str, required: bool) -> Any:
        value = self.values.get(key, MISSING)
        if value is MISSING or value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key, f"the field '{key}' is required and is missing or empty")
            return MISSING
        return value

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self.raw(key, required)
        if value is MISSING:
            return default
        if isinstance(value, (dict, list)):
            self.problem(key, f"expected '{key}' to be text, "
                              f"found a {'list' if isinstance(value, list) else 'mapping'}")
            return default
        return str(value).strip()

    def date(self, key: str, required: bool = True) -> date | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        if isinstance(value, datetime):  # a time of day is more than the contract asks for; keep the day
            value = value.date()
        if not isinstance(value, date):
            try:
                if not ISO_DATE.match(str(value).strip()):
                    raise ValueError
                value = date.fromisoformat(str(value).strip())
            except ValueError:
                self.problem(key, f"expected '{key}' to be a date written YYYY-MM-DD, found '{short(value)}'")
                return None
        if not date_in_range(value):
            self.problem(key, f"expected '{key}' to be a date from {FIRST_YEAR} to {LAST_YEAR}, found '{value}'")
            return None
        return value

    def number(self, key: str, low: float, high: float, required: bool = True) -> float | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.problem(key, f"expected '{key}' to be a number from {low:g} to {high:g}, found '{short(value)}'")
            return None
        try:
            number = float(str(value).strip().rstrip("%"))
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            self.problem(key, f"expected '{key}' to be a number from {low:g} to {high:g}, found '{short(value)}'")
            return None
        return number

    def flag(self, key: str) -> bool:
        """An optional `key: true` or `key: false` (off when missing)."""
        value = self.raw(key, False)
        if value is MISSING:
            return False
        if not isinstance(value, bool):
            self.problem(key, f"expected '{key}' to be true or false, found '{value}'")
            return False
        return value

    def choice(self, key: str, allowed: Iterable[str], what: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        options = sorted(allowed)
        if value and value not in options:
            self.problem(key, f"unknown {what} '{value}': expected one of {', '.join(options)}")
            return None
        return value or None

    def text_list(self, key: str, required: bool = False) -> list[tuple[int, str]]:
        """A list of short texts, each with its index (a single text counts as a list of one)."""
        value = self.raw(key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            value = [value]
        items = []
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)) or item is None:
                self.problems.add(self.source.path, self.source.line(*self.prefix, key, index),
                                  f"expected each item of '{key}' to be a single value")
            else:
                items.append((index, str(item).strip()))
        return items

    def choices(self, key: str, allowed: Iterable[str], what: str, required: bool = False) -> tuple[str, ...]:
        options = sorted(allowed)
        chosen = []
        for index, item in self.text_list(key, required):
            if item in options:
                chosen.append(item)
            else:
                self.problems.add(self.source.path, self.source.line(*self.prefix, key, index),
                                  f"unknown {what} '{item}' in '{key}': expected one of {', '.join(options)}")
        return tuple(chosen)

    def timescale(self, key: str, required: bool = True) -> Timescale | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        match = TIMESCALE_PATTERN.match(str(value))
        if not match or not 0 < float(match.group(1)) <= MAX_TIMESCALE[match.group(2).lower().rstrip("s")]:
            self.problem(key, f"expected '{key}' to be a number of weeks or months, such as '45 weeks' or "
                              f"'7.5 months' (at most 520 weeks or 120 months), found '{short(value)}'")
            return None
        unit = match.group(2).lower()
        return Timescale(float(match.group(1)), unit if unit.endswith("s") else unit + "s")

    def items(self, key: str, required: bool = False) -> list[Fields]:
        """The mappings in a list field, each as Fields of its own."""
        value = self.raw(key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.problem(key, f"expected '{key}' to be a list of entries, each starting with '- '")
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                result.append(Fields(self.source, self.problems, self.prefix + (key, index)))
            else:
                self.problems.add(self.source.path, self.source.line(*self.prefix, key, index),
                                  f"expected each entry of '{key}' to be a set of 'field: value' lines")
        return result

    def sub(self, key: str) -> Fields | None:
        value = self.raw(key, False)
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.problem(key, f"expected '{key}' to be a set of 'field: value' lines")
            return None
        return Fields(self.source, self.problems, self.prefix + (key,))

    def line(self, key: str | int | None = None) -> int:
        return self.source.line(*self.prefix, *(() if key is None else (key,)))

