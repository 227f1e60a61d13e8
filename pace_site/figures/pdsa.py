"""Tests of change on a poster become dated markers on the run charts of their aims."""

from __future__ import annotations

from dataclasses import replace

from pace_site.model.content import Authority, LocalAim, Marker


def with_tests_of_change(authority: Authority) -> Authority:
    """The authority with each poster test of change's start added to its aim's `changes` markers,
    labelled by its number on the poster and its title ("PDSA 2: Six week reviews"): the chart shows only a number,
    and the list under it the label."""
    tests = authority.poster.tests_of_change if authority.poster else ()
    if not tests:
        return authority

    def marked(aim: LocalAim) -> LocalAim:
        starts = [Marker(t.start, f"PDSA {number}: {t.title}") for number, t in enumerate(tests, start=1)
                  if t.aim_id == aim.id]
        if not starts:
            return aim
        return replace(aim, changes=tuple(sorted((*aim.changes, *starts), key=lambda m: m.date)))

    return replace(authority, aims=tuple(marked(aim) for aim in authority.aims))
