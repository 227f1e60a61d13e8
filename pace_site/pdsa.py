"""Tests of change on a poster become dated markers on the run charts of their aims."""

from __future__ import annotations

from dataclasses import replace

from .models import Authority, LocalAim, Marker


def with_tests_of_change(authority: Authority) -> Authority:
    """The authority with each poster test of change's start added to its aim's `changes` markers."""
    tests = authority.poster.tests_of_change if authority.poster else ()
    if not tests:
        return authority

    def marked(aim: LocalAim) -> LocalAim:
        starts = [Marker(t.start, f"PDSA: {t.title}") for t in tests if t.aim_id == aim.id]
        if not starts:
            return aim
        return replace(aim, changes=tuple(sorted((*aim.changes, *starts), key=lambda m: m.date)))

    return replace(authority, aims=tuple(marked(aim) for aim in authority.aims))
