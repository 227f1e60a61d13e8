"""What a poster page shows, worked out from the poster and its aims' reports: its heading, the
baseline figure, the headline result boxes, the two or three charts, the diagrams and the sections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from pace_site.model.chart import Chart
from pace_site.model.content import Authority, ChangeIdea, LocalAim, SiteConfig
from pace_site.publish.report import AimReport, listed_aims
from pace_site.render import diagrams

MAX_CHARTS = 3
# Sections that the poster lays out in their own places; any other heading is a panel of the story.
PLACED = ("baseline", "results", "key-learning", "next-steps")


@dataclass(frozen=True)
class Figure:
    """A number shown large, with what it counts."""

    value: str
    label: str


def poster_heading(authority: Authority, title: str) -> str:
    """The title, with the authority's name in front unless the title already says it."""
    return title if authority.name.lower() in title.lower() else f"{authority.name}: {title}"


def aim_label(aim: LocalAim, config: SiteConfig) -> str:
    """A short name for an aim, for diagrams: the statement is printed once, at the top of the poster."""
    national = config.national_aim(aim.national_aim)
    name = f"Aim {national.id}: {national.title}" if national else "Our aim"
    return f"{name}, {aim.target:g}% within {aim.timescale}" if aim.timescale else name


def baseline_figures(reports: tuple[AimReport, ...], config: SiteConfig) -> list[Figure]:
    """Each journey aim's baseline median in weeks, from its run chart analysis (when about enough children)."""
    found = []
    for report in reports:
        phases = report.analysis.phases if report.analysis else ()
        if not phases or phases[0].median is None or not config.disclosure.enough(phases[0].baseline_points):
            continue
        stage = (f"{config.milestone_label(report.aim.start or '')} to "
                 f"{config.milestone_label(report.aim.end or '').lower()}")
        found.append(Figure(f"{phases[0].median:g} weeks", f"Baseline median, {stage.lower()}"))
    return found


@dataclass(frozen=True)
class FigureGroup:
    """The headline figures of one aim, under a short name for it."""

    aim: str
    figures: tuple[Figure, ...]


def result_figures(reports: tuple[AimReport, ...], config: SiteConfig) -> list[FigureGroup]:
    """The headline figures of each journey aim, as disclosure control left them; the target is in the aim."""
    groups = []
    for report in reports:
        figures = []
        for label, value in report.progress_lines:
            if label == "Children in the cohort":
                label = f"children since {report.aim.cohort_start:%B %Y}"
            if label != "Target":
                figures.append(Figure(value, label))
        if figures:
            groups.append(FigureGroup(aim_label(report.aim, config), tuple(figures)))
    return groups


def poster_charts(reports: tuple[AimReport, ...]) -> list[Chart]:
    """Two or three large charts: each aim's run chart first, then its progress, then what waits."""
    ranked = sorted(((index, report_index, chart) for report_index, report in enumerate(reports)
                     for index, chart in enumerate(_by_importance(report.charts))), key=lambda c: (c[0], c[1]))
    return [chart for _, _, chart in ranked][:MAX_CHARTS]


def _by_importance(charts: tuple[Chart, ...]) -> list[Chart]:
    run = [c for c in charts if c.id.endswith(("-run-chart", "-measure"))]
    return run + [c for c in charts if c not in run]


def poster_context(authority: Authority, reports: tuple[AimReport, ...], config: SiteConfig,
                   ideas: tuple[ChangeIdea, ...], idea_path: Any) -> dict[str, Any]:
    poster = authority.poster
    assert poster is not None
    sections = {s.anchor: s for s in poster.sections if s.heading}
    return {
        "heading": poster_heading(authority, poster.title),
        "sheet": poster.sheet,
        "baseline_figures": baseline_figures(reports, config),
        "result_figures": result_figures(reports, config),
        "poster_charts": poster_charts(reports),
        "placed": {anchor: sections.get(anchor) for anchor in PLACED},
        "story_sections": [s for s in poster.sections if s.heading and s.anchor not in PLACED],
        "diagrams": _diagrams(authority, config, ideas, idea_path),
        "tests_of_change": poster.tests_of_change,
        "listed_aims": listed_aims(authority),
    }


def _diagrams(authority: Authority, config: SiteConfig, ideas: tuple[ChangeIdea, ...],
              idea_path: Any) -> dict[str, Markup]:
    poster = authority.poster
    assert poster is not None

    def label(aim_id: str) -> str:
        aim = authority.aim(aim_id)
        return aim_label(aim, config) if aim else ""

    found = {}
    if poster.driver_diagram:
        linked = {i.slug: diagrams.Idea(i.title, idea_path(i.slug)) for i in ideas}
        found["drivers"] = diagrams.driver_diagram(poster.driver_diagram, label(poster.driver_diagram.aim_id), linked)
    if poster.forcefield:
        found["forcefield"] = diagrams.forcefield(poster.forcefield, label(poster.forcefield.aim_id))
    if poster.timeline:
        found["timeline"] = diagrams.timeline(poster.timeline)
    return found

