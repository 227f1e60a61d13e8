"""A figure a page asks for with a ```chart block (read by read/chart_blocks.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class ChartBlock:
    """One figure a page asks for, numbered in the order of the page."""

    number: int
    path: Path
    line: int  # the line of the opening fence
    authority: str
    show: str
    aim: str | None = None
    national_aim: int | None = None
    as_at: date | None = None  # None: the page's own date
    caption: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # each key's line in the file

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def label(self) -> str:
        return f"Figure {self.number}"
