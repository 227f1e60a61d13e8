"""The reports' pages: a list of the reports, and each report with its contents list (and, with `pdf`, its PDF)."""

from __future__ import annotations

from typing import Any

from pace_site.model.content import Content, Heading, Report
from pace_site.render.page_paths import HOME, REPORTS, PageSpec


def report_path(slug: str) -> str:
    return f"reports/{slug}/index.html"


def report_pdf_path(slug: str) -> str:
    return f"reports/{slug}/{slug}.pdf"


def report_pages(content: Content, pdfs: bool = False) -> list[PageSpec]:
    """The list (newest first; the navigation links to it, so it is there on a site without reports), and each
    report."""
    reports = sorted(content.reports, key=lambda r: (r.date, r.title), reverse=True)
    listing = PageSpec(REPORTS.path, "reports.html", "Reports", {
        "reports": [{"report": r, "path": report_path(r.slug)} for r in reports],
    }, (HOME,), REPORTS.path, example=any(r.example for r in reports))
    return [listing] + [report_page(content, report, pdfs) for report in reports]


def report_page(content: Content, report: Report, pdfs: bool) -> PageSpec:
    return PageSpec(report_path(report.slug), "report.html", report.title, {
        "report": report, "contents": contents_tree(report.contents),
        "pdf_path": report_pdf_path(report.slug) if pdfs else None,
    }, (HOME, REPORTS), REPORTS.path, bool(report.figures), str(report.source), example=report.example,
        kind="Report", filters=report_filters(report, content))


def report_filters(report: Report, content: Content) -> tuple[tuple[str, str], ...]:
    """Search facets: the year, and each authority whose figures it shows."""
    named = {block.authority for block in report.figures}
    return (("year", str(report.date.year)),) + tuple(("authority", a.name) for a in content.authorities
                                                      if a.slug in named)


def contents_tree(headings: tuple[Heading, ...]) -> list[dict[str, Any]]:
    """Level-2 headings, each with the level-3 headings under it."""
    tree: list[dict[str, Any]] = []
    for heading in headings:
        if heading.level == 2 or not tree:
            tree.append({"heading": heading, "children": []})
        else:
            tree[-1]["children"].append(heading)
    return tree
