"""A poster's optional front matter beyond the basics: its sheet, forcefield, timeline and tests of change.

    size: A1                      # A0, A1, A2 or A3 (default A1)
    orientation: portrait         # or landscape (default portrait)
    forcefield:
      aim: aim-2                  # optional: the aim the forces act on
      driving:   [{force: A full multi-agency group, strength: 4}]
      restraining: [{force: Long travel distances, strength: 3}]
    timeline:
      - {date: 2018-04-01, step: PACE launch}
    tests_of_change:              # one PDSA cycle each
      - title: 72 hour child plan meeting
        aim: aim-2                # its start is marked on this aim's run charts
        start: 2018-05-01
        end: 2018-08-31           # optional
        prediction: ...
        result: ...               # optional while it runs
        decision: adopt           # adopt, adapt or abandon; optional while it runs
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pace_site.errors import Problems
    from pace_site.read.fields import Fields
    from pace_site.models import Poster

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


def read_sheet(fields: Fields) -> Sheet:
    return Sheet(fields.choice("size", SIZES, "poster size", required=False) or "A1",
                 fields.choice("orientation", ORIENTATIONS, "orientation", required=False) or "portrait")


def read_forcefield(fields: Fields | None) -> Forcefield | None:
    if fields is None:
        return None
    sides = {side: tuple(Force(item.text("force"), int(item.number("strength", 1, 5) or 1))
                         for item in fields.items(side)) for side in ("driving", "restraining")}
    if not sides["driving"] and not sides["restraining"]:
        fields.problem("driving", "a forcefield needs 'driving' or 'restraining' forces, each '- force: ...' with 'strength: 1' to 5")
    return Forcefield(fields.text("aim", required=False), sides["driving"], sides["restraining"],
                      fields.text("note", required=False))


def read_timeline(fields: Fields) -> tuple[TimelineStep, ...]:
    steps = [(item.date("date"), item.text("step")) for item in fields.items("timeline")]
    return tuple(sorted((TimelineStep(when, step) for when, step in steps if when), key=lambda s: s.date))


def read_tests_of_change(fields: Fields) -> tuple[TestOfChange, ...]:
    tests = []
    for item in fields.items("tests_of_change"):
        start, end = item.date("start"), item.date("end", required=False)
        if start and end and end < start:
            item.problem("end", f"the test of change ends ({end}) before it starts ({start})")
        tests.append(TestOfChange(
            title=item.text("title"), aim_id=item.text("aim"), start=start or date.min,
            prediction=item.text("prediction"), end=end, result=item.text("result", required=False),
            decision=item.choice("decision", DECISIONS, "decision", required=False) or "", line=item.line()))
    return tuple(tests)


def check_references(poster: Poster, aim_ids: set[str], idea_slugs: set[str], problems: Problems) -> None:
    """The aims and change ideas a poster's diagrams and tests of change name exist."""
    def unknown_aim(key: str, aim_id: str) -> None:
        problems.add(poster.source, poster.lines.get(key), f"unknown aim '{aim_id}' in '{key}': expected one of "
                                                           f"{', '.join(sorted(aim_ids)) or 'the aims in authority.md'}")

    for index, test in enumerate(poster.tests_of_change):
        if test.aim_id and test.aim_id not in aim_ids:
            unknown_aim(f"tests_of_change.{index}.aim", test.aim_id)
    if poster.forcefield and poster.forcefield.aim_id and poster.forcefield.aim_id not in aim_ids:
        unknown_aim("forcefield.aim", poster.forcefield.aim_id)
    for p, primary in enumerate(poster.driver_diagram.primary if poster.driver_diagram else ()):
        for s, secondary in enumerate(primary.secondary):
            for i, slug in enumerate(secondary.change_ideas):
                if slug not in idea_slugs:
                    problems.add(poster.source, poster.lines.get(f"driver_diagram.primary.{p}.secondary.{s}.change_ideas.{i}"),
                                 f"unknown change idea '{slug}' in the driver diagram: expected the name of a file in "
                                 "content/change-ideas/ without .md")
