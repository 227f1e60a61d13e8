"""The charts that chart blocks ask for: checked once everything is read, computed with every other chart.

An authority's chart is the one its own pages publish at that date (the same AimReport, so the same
disclosure control); at a date none of its pages uses, the aim is computed by report.aim_reports, with
its protect loop, and joins the authority's reports (`extra`) so that the site audit covers it. A
national chart comes from one function, `national_chart`, keyed by (national aim, show).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from pace_site.model.chart import Chart
from pace_site.model.chart_block import ChartBlock
from pace_site.model.content import Authority, AuthorityData, Content, LocalAim
from pace_site.model.errors import Problems
from pace_site.model.formatting import format_day
from pace_site.publish.national import NationalAimOverview
from pace_site.publish.pooled_report import NationalFigures
from pace_site.publish.report import AimReport, AuthorityReports, aim_reports, authority_config
from pace_site.read.chart_blocks import AIM_SHOWS, ALL, shows_example_data

# A chart block's show: the Chart.kind it places.
SHOW_KINDS = {"progress": "progress", "run-chart": "run", "waiting": "waiting", "by-route": "by-route"}


@dataclass(frozen=True)
class BlockDocument:
    """A file with chart blocks, and the date its blocks default to."""

    source: Path
    as_at: date
    blocks: tuple[ChartBlock, ...]


@dataclass(frozen=True)
class PlacedFigure:
    """A block's chart, ready to render: its number, its chart (with an id of its own) and caption."""

    number: int
    chart: Chart
    about: str  # whose figures, as at when: "Midlothian: its aim for national aim 2, as at 20 September 2018"
    caption: str = ""

    @property
    def label(self) -> str:
        return f"Figure {self.number}"


class MissingChart(LookupError):
    """No such chart: the message says what there is instead."""


def block_documents(content: Content) -> list[BlockDocument]:
    found = [BlockDocument(p.source, content.config.as_at, p.figures) for p in content.pages]
    for authority in content.authorities:
        if authority.poster:
            found.append(BlockDocument(authority.poster.source, authority.poster.date, authority.poster.figures))
        found += [BlockDocument(n.source, n.date, n.figures) for n in authority.newsletters]
    found += [BlockDocument(r.source, r.date, r.figures) for r in content.reports]
    return [document for document in found if document.blocks]


def with_example_figures(content: Content) -> Content:
    """A page, report, newsletter or poster whose chart blocks chart an `example: true` authority's data is
    example material too, and carries the notice."""
    def marked(document: Any) -> Any:
        return (replace(document, example=True) if shows_example_data(document.figures, content.authorities)
                else document)

    authorities = tuple(replace(a, poster=marked(a.poster) if a.poster else None,
                                newsletters=tuple(marked(n) for n in a.newsletters)) for a in content.authorities)
    return replace(content, authorities=authorities, pages=tuple(marked(p) for p in content.pages),
                   reports=tuple(marked(r) for r in content.reports))


def block_date(block: ChartBlock, document: BlockDocument, authority: Authority, content: Content) -> date:
    """As its own pages do, an authority's figures are never computed past its latest data."""
    return min(block.as_at or document.as_at, authority.figures_as_at(content.config.as_at))


def check_chart_blocks(content: Content, problems: Problems) -> None:
    """What each block names exists, and its chart is one the site can draw: each problem on its key's line."""
    for document in block_documents(content):
        for block in document.blocks:
            message, key = (_check_national(block, content) if block.authority == ALL
                            else _check_authority(block, document, content))
            if message:
                problems.add(block.path, block.line_of(key), message)


def _check_national(block: ChartBlock, content: Content) -> tuple[str, str]:
    aims = ", ".join(str(a.id) for a in content.config.national_aims)
    if block.aim:
        return ("'aim' names an authority's local aim: with authority: all, name the national aim instead "
                f"(national_aim: one of {aims})", "aim")
    if block.national_aim is None:
        return f"a chart block for authority: all needs national_aim: one of {aims}", "authority"
    if content.config.national_aim(block.national_aim) is None:
        return f"unknown national aim {block.national_aim}: expected one of {aims}", "national_aim"
    if block.as_at:
        return ("'as_at' cannot be given for authority: all: the national charts are as at each authority's "
                "latest data", "as_at")
    return "", ""


def _check_authority(block: ChartBlock, document: BlockDocument, content: Content) -> tuple[str, str]:
    authority = content.authority(block.authority)
    if authority is None:
        return _check_unknown_authority(block, content)
    if block.national_aim is not None:
        return ("'national_aim' is for authority: all; for an authority, name its local aim with aim: "
                f"({_aim_ids(authority)})", "national_aim")
    if block.show in ("overview", "joining"):
        return _unavailable(block), "show"
    if block.show == "stage-durations":
        return _check_stages(block, document, authority, content)
    return _check_aim(block, authority)


def _check_unknown_authority(block: ChartBlock, content: Content) -> tuple[str, str]:
    """A block naming no authority that was read: silent when its folder is there but could not be read."""
    if block.authority in content.authority_folders:
        return "", ""  # its authority.md could not be read: that problem is reported, and is the one to fix
    known = ", ".join([ALL] + [a.slug for a in content.authorities])
    return f"unknown authority '{block.authority}': expected one of {known}", "authority"


def _check_aim(block: ChartBlock, authority: Authority) -> tuple[str, str]:
    """The block's aim is one of the authority's, and has the chart the block shows."""
    aim = authority.aim(block.aim or "")
    if aim is None:
        what = f"unknown aim '{block.aim}' for {block.authority}" if block.aim else f"a {block.show} chart needs 'aim'"
        return f"{what}: expected one of {_aim_ids(authority)}", "aim" if block.aim else "show"
    if not aim.from_journeys and block.show != "run-chart":
        return (f"the aim '{aim.id}' is measured from measures.csv: it has a run chart only (show: run-chart)",
                "show")
    if block.show == "by-route" and not aim.by_route:
        return (f"the aim '{aim.id}' has no breakdown by route: add 'by_route: true' to the aim in "
                f"{authority.slug}'s authority.md", "show")
    return "", ""


def _unavailable(block: ChartBlock) -> str:
    return (f"show: {block.show} is a national chart across authorities: write authority: all with "
            "national_aim: N")


def _check_stages(block: ChartBlock, document: BlockDocument, authority: Authority,
                  content: Content) -> tuple[str, str]:
    if block.aim:
        return "stage durations count all of an authority's children: leave out 'aim'", "aim"
    latest = authority.figures_as_at(content.config.as_at)
    if block_date(block, document, authority, content) != latest:
        return (f"{authority.name}'s stage durations are published as at {latest.isoformat()} only (its latest "
                f"data): give as_at: {latest.isoformat()}", "as_at" if block.as_at else "show")
    return "", ""


def _aim_ids(authority: Authority) -> str:
    return ", ".join(a.id for a in authority.aims) or "(it has no aims)"


def with_block_reports(content: Content, data: dict[str, AuthorityData],
                       reports: dict[str, AuthorityReports]) -> dict[str, AuthorityReports]:
    """Each authority's reports, with the aims its blocks ask for at dates none of its pages computes."""
    wanted: dict[str, dict[date, list[LocalAim]]] = {}
    for block, document, owner in _aim_blocks(content):
        when, aim = block_date(block, document, owner, content), owner.aim(block.aim or "")
        dates = wanted.setdefault(owner.slug, {})
        if aim and find_report(reports[owner.slug], aim.id, when) is None and aim not in dates.get(when, []):
            dates.setdefault(when, []).append(aim)
    found = dict(reports)
    for slug, dates in wanted.items():
        authority = content.authority(slug)
        assert authority is not None
        config = authority_config(authority, content.config)
        extra = tuple(report for when, aims in sorted(dates.items())
                      for report in aim_reports(tuple(aims), data[slug], config, when, authority.joined,
                                                f"authorities/{slug}/data/at-{when.isoformat()}", authority.name))
        found[slug] = replace(reports[slug], extra=reports[slug].extra + extra)
    return found


def _aim_blocks(content: Content) -> Iterator[tuple[ChartBlock, BlockDocument, Authority]]:
    for document in block_documents(content):
        for block in document.blocks:
            authority = content.authority(block.authority)
            if authority is not None and block.show in AIM_SHOWS:
                yield block, document, authority


def find_report(reports: AuthorityReports, aim_id: str, when: date) -> AimReport | None:
    """The report of an aim that a page already publishes as at this date."""
    return next((report for group in reports.groups() for report in group
                 if report.aim.id == aim_id and report.as_at == when), None)


def national_chart(overview: tuple[NationalAimOverview, ...], national: tuple[NationalFigures, ...],
                   national_aim: int, show: str) -> Chart:
    """The national chart a block asks for, by (national aim, show); MissingChart says which ones exist:
    each aim's overview (aim 1's: its measures), and the figures pooled across authorities."""
    charts = {(item.aim.id, "overview"): item.chart or item.measures_chart for item in overview
              if (item.chart or item.measures_chart) is not None and item.aim.id}
    for figures in national:
        charts |= {(figures.aim.id, "stage-durations"): figures.stages, (figures.aim.id, "waiting"): figures.waiting,
                   (figures.aim.id, "joining"): figures.joining}
    found = charts.get((national_aim, show))
    if found is None:
        there = "; ".join(f"national_aim: {aim}, show: {kind}" for aim, kind in sorted(charts)) or "none"
        raise MissingChart(f"there is no national chart 'show: {show}' for national aim {national_aim} yet. "
                           f"The national charts there are: {there}")
    return found


def placed_figures(content: Content, reports: dict[str, AuthorityReports], overview: tuple[NationalAimOverview, ...],
                   national: tuple[NationalFigures, ...] = ()) -> dict[str, tuple[PlacedFigure, ...]]:
    """Each file's figures, by its path (as PageSpec.source names it); a chart that is not there fails the build."""
    problems = Problems(root=Path.cwd())
    found: dict[str, tuple[PlacedFigure, ...]] = {}
    for document in block_documents(content):
        placed = []
        for block in document.blocks:
            try:
                chart, about = _block_chart(block, document, content, reports, overview, national)
            except MissingChart as error:
                problems.add(block.path, block.line_of("show"), str(error))
                continue
            placed.append(PlacedFigure(block.number, replace(chart, id=f"figure-{block.number}"), about, block.caption))
        found[str(document.source)] = tuple(placed)
    problems.raise_if_any()
    return found


def _block_chart(block: ChartBlock, document: BlockDocument, content: Content, reports: dict[str, AuthorityReports],
                 overview: tuple[NationalAimOverview, ...], national: tuple[NationalFigures, ...]) -> tuple[Chart, str]:
    """The chart, and in words whose figures it shows as at when."""
    if block.authority == ALL:
        return (national_chart(overview, national, block.national_aim or 0, block.show),
                f"All authorities: national aim {block.national_aim}, each authority as at its latest data")
    authority = content.authority(block.authority)
    assert authority is not None  # check_chart_blocks refused any other
    own = reports[authority.slug]
    if block.show == "stage-durations":
        if own.stages is None:
            raise MissingChart(f"{authority.name} has no journeys.csv, so no stage durations chart")
        return own.stages, f"{authority.name}: all children, as at {format_day(own.as_at)}"
    when = block_date(block, document, authority, content)
    report = find_report(own, block.aim or "", when)
    assert report is not None  # with_block_reports computed every one
    about = f"{authority.name}: {aim_in_words(report.aim)}, as at {format_day(when)}"
    if report.figures is None:
        return report.charts[0], about
    return next(chart for chart in report.charts if chart.kind == SHOW_KINDS[block.show]), about


def aim_in_words(aim: LocalAim) -> str:
    return f"its local aim for national aim {aim.national_aim}" if aim.national_aim else "its whole-journey aim"
