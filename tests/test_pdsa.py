"""Tests of change on a poster become dated markers on their aims' run charts (figures/pdsa.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pace_site.figures.pdsa import with_tests_of_change
from pace_site.model.content import Authority, LocalAim, Marker, Poster
from pace_site.model.poster import TestOfChange as Cycle  # not "Test...": pytest would try to collect it


def aim(aim_id: str, **changes: object) -> LocalAim:
    made = LocalAim(id=aim_id, statement="s", target=80, cohort_start=date(2018, 1, 1), deadline=date(2019, 12, 31))
    return replace(made, **changes)  # type: ignore[arg-type]


def authority(aims: tuple[LocalAim, ...], tests: tuple[Cycle, ...] | None) -> Authority:
    poster = None if tests is None else Poster("Our poster", "Gathering", date(2019, 3, 31), (), (), None,
                                                 Path("poster.md"), tests_of_change=tests)
    return Authority("testshire", "Testshire", "data-leads", date(2018, 1, 1), "pace@testshire.example.org", aims, (),
                     Path("authority.md"), poster=poster)


def pdsa(title: str, aim_id: str, start: date) -> Cycle:
    return Cycle(title, aim_id, start, "Fewer children wait.")


def changes(found: Authority, aim_id: str) -> list[tuple[date, str]]:
    chosen = found.aim(aim_id)
    assert chosen is not None
    return [(m.date, m.label) for m in chosen.changes]


def test_each_test_of_change_marks_its_own_aim_numbered_as_on_the_poster() -> None:
    """PDSA 1 and 3 are on aim 2's chart and PDSA 2 on aim 3's, each numbered as the poster lists them."""
    tests = (pdsa("Two week reviews", "aim-2", date(2018, 3, 15)), pdsa("Panel dates", "aim-3", date(2018, 5, 1)),
             pdsa("A tracker", "aim-2", date(2018, 9, 1)))
    found = with_tests_of_change(authority((aim("aim-2"), aim("aim-3")), tests))
    assert changes(found, "aim-2") == [(date(2018, 3, 15), "PDSA 1: Two week reviews"),
                                       (date(2018, 9, 1), "PDSA 3: A tracker")]
    assert changes(found, "aim-3") == [(date(2018, 5, 1), "PDSA 2: Panel dates")]


def test_tests_of_change_join_the_aims_own_changes_in_date_order() -> None:
    """A change the profile already marks keeps its place, in date order among the poster's tests of change."""
    own = Marker(date(2018, 6, 1), "New panel process")
    tests = (pdsa("Later", "aim-2", date(2018, 9, 1)), pdsa("Earlier", "aim-2", date(2018, 2, 1)))
    found = with_tests_of_change(authority((aim("aim-2", changes=(own,)),), tests))
    assert [label for _, label in changes(found, "aim-2")] == ["PDSA 2: Earlier", "New panel process", "PDSA 1: Later"]


def test_an_aim_without_a_test_of_change_and_its_phases_are_left_as_they_were() -> None:
    """Aim 3 has no test of change, and aim 2's phases are not tests of change: the charts show them unchanged."""
    phases = (Marker(date(2018, 4, 1), "New phase"),)
    aims = (aim("aim-2", phases=phases), aim("aim-3", changes=(Marker(date(2018, 1, 1), "Own"),)))
    found = with_tests_of_change(authority(aims, (pdsa("Reviews", "aim-2", date(2018, 3, 15)),)))
    assert found.aims[1] == aims[1]
    assert found.aims[0].phases == phases


def test_an_authority_without_a_poster_or_tests_of_change_is_unchanged() -> None:
    """No poster, or a poster with no tests of change: no marker appears on any chart."""
    for tests in (None, ()):
        plain = authority((aim("aim-2"),), tests)
        assert with_tests_of_change(plain) == plain


def test_a_test_of_change_for_an_aim_the_authority_does_not_have_marks_nothing() -> None:
    """A poster naming an aim the profile lacks adds no marker to the other aims' charts."""
    found = with_tests_of_change(authority((aim("aim-2"),), (pdsa("Reviews", "aim-9", date(2018, 3, 15)),)))
    assert changes(found, "aim-2") == []
