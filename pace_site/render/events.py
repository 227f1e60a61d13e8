"""Gathering PACE: one gallery page per event, of the posters that name it in their `event` field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pace_site.model.content import Authority, Content
from pace_site.model.disclosure import SUPPRESSED
from pace_site.publish.report import AuthorityReports
from pace_site.read.markup import slugify
from pace_site.render.poster_view import Figure, FigureGroup, poster_heading, result_figures

EVENTS_PATH = "gathering-pace/index.html"


NO_EVENT, NO_EVENT_KEY = "Posters not shown at a named event", "other-posters"


def event_path(event: str) -> str:
    return f"gathering-pace/{slugify(event)}/index.html"


@dataclass(frozen=True)
class GalleryPoster:
    authority: Authority
    heading: str
    aims: tuple[str, ...]  # the statements of the aims it charts
    figure: Figure | None  # its headline figure
    path: str
    pdf_path: str | None


@dataclass(frozen=True)
class Event:
    name: str
    path: str
    posters: tuple[GalleryPoster, ...]


def events(content: Content, reports: dict[str, AuthorityReports], poster_path: Callable[[str], str],
           pdf_path: Callable[[str], str] | None) -> list[Event]:
    """Every event a poster names, newest poster date first; its posters by authority name. Posters that name
    no event (a seed poster may be undated) are listed last, as their own group, so every poster is in the gallery."""
    found: dict[str, list[tuple[Any, GalleryPoster]]] = {}
    names: dict[str, str] = {}  # by slug: "Gathering PACE 2018" and "gathering pace 2018" are one event
    for authority in content.authorities:
        poster = authority.poster
        if poster is None:
            continue
        report = reports[authority.slug].poster
        groups = result_figures(report, content.config)
        item = GalleryPoster(authority, poster_heading(authority, poster.title), tuple(r.aim.statement for r in report),
                             _headline(groups), poster_path(authority.slug),
                             pdf_path(authority.slug) if pdf_path else None)
        key = slugify(poster.event) if poster.event else NO_EVENT_KEY
        names.setdefault(key, poster.event or NO_EVENT)
        found.setdefault(key, []).append((poster.date, item))
    ordered = sorted(found.items(), key=lambda kv: (kv[0] != NO_EVENT_KEY, max(d for d, _ in kv[1])), reverse=True)
    return [Event(names[key], event_path(names[key]),
                  tuple(sorted((i for _, i in items), key=lambda i: i.authority.name)))
            for key, items in ordered]


def _headline(groups: list[FigureGroup]) -> Figure | None:
    """The first aim's met percentage, else another of its figures that disclosure control left shown."""
    for group in groups[:1]:
        shown = [f for f in group.figures if f.value != SUPPRESSED]
        best = next((f for f in shown if f.label.startswith("Met, of those decided")), shown[0] if shown else None)
        if best:
            return Figure(best.value, f"{best.label} ({group.aim})")
    return None
