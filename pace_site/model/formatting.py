"""How dates, percentages and numbers are written on every page, chart and CSV."""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=8192)  # charts format every child's dates: 670,000 calls at Scotland scale, few distinct days
def format_month(value: date | None) -> str:
    return value.strftime("%B %Y") if value else ""


@lru_cache(maxsize=8192)
def format_day(value: date | None) -> str:
    return f"{value.day} {value.strftime('%B %Y')}" if value else ""


def format_percent(value: float | None) -> str:
    """Whole per cent; never "100%" unless all, nor "0%" unless none."""
    if value is None:
        return "–"
    shown = round(value)
    if shown == 100 and value < 100:
        shown = 99
    elif shown == 0 and value > 0:
        shown = 1
    return f"{shown}%"


def format_number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"
