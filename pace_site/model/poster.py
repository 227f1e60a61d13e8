"""A poster's sheet, forcefield, timeline and tests of change (read by read/poster_design.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SIZES = ("A0", "A1", "A2", "A3")
ORIENTATIONS = ("portrait", "landscape")
DECISIONS = ("adopt", "adapt", "abandon")
# ISO 216 sheets in millimetres, portrait (width, height).
SHEET_MM = {"A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420)}
MARGIN_MM = {"A0": 24, "A1": 17, "A2": 12, "A3": 9}  # as site.css's --sheet-margin


@dataclass(frozen=True)
class Sheet:
    size: str = "A1"
    orientation: str = "portrait"

    @property
    def millimetres(self) -> tuple[int, int]:
        """(width, height) of the sheet as it is printed."""
        width, height = SHEET_MM[self.size]
        return (height, width) if self.orientation == "landscape" else (width, height)

    @property
    def margin_mm(self) -> int:
        return MARGIN_MM[self.size]

    @property
    def scale(self) -> float:
        """Text scales with the sheet: 1 at A0, 1/sqrt(2) for each size smaller."""
        return 2 ** (-SIZES.index(self.size) / 2)

    @property
    def name(self) -> str:
        return f"{self.size.lower()}-{self.orientation}"


@dataclass(frozen=True)
class Force:
    force: str
    strength: int  # 1 (weak) to 5 (strong)


@dataclass(frozen=True)
class Forcefield:
    aim_id: str
    driving: tuple[Force, ...]
    restraining: tuple[Force, ...]
    note: str = ""  # such as where the strengths came from


@dataclass(frozen=True)
class TimelineStep:
    date: date
    step: str


@dataclass(frozen=True)
class TestOfChange:
    """One Plan-Do-Study-Act cycle: what was tried, what was predicted, what happened and what was decided."""

    title: str
    aim_id: str
    start: date
    prediction: str
    end: date | None = None
    result: str = ""
    decision: str = ""
    line: int | None = None
