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

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pace_site.model.content import Poster
    from pace_site.model.errors import Problems
    from pace_site.read.fields import Fields

from pace_site.model.poster import DECISIONS, ORIENTATIONS, SIZES, Force, Forcefield, Sheet, TestOfChange, TimelineStep


def read_sheet(fields: Fields) -> Sheet:
    return Sheet(fields.choice("size", SIZES, "poster size", required=False) or "A1",
                 fields.choice("orientation", ORIENTATIONS, "orientation", required=False) or "portrait")


def read_forcefield(fields: Fields | None) -> Forcefield | None:
    if fields is None:
        return None
    sides = {side: tuple(Force(item.text("force"), int(item.number("strength", 1, 5) or 1))
                         for item in fields.items(side)) for side in ("driving", "restraining")}
    if not sides["driving"] and not sides["restraining"]:
        fields.problem("driving", "a forcefield needs 'driving' or 'restraining' forces, "
                                  "each '- force: ...' with 'strength: 1' to 5")
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
        problems.add(poster.source, poster.lines.get(key),
                     f"unknown aim '{aim_id}' in '{key}': expected one of "
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
                    problems.add(poster.source,
                                 poster.lines.get(f"driver_diagram.primary.{p}.secondary.{s}.change_ideas.{i}"),
                                 f"unknown change idea '{slug}' in the driver diagram: expected the name of a file in "
                                 "content/change-ideas/ without .md")
