"""The newsletter pages: each issue, its e-mail-ready page, each authority's archive, and the latest list."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from pace_site.model.content import Authority, Content, Section
from pace_site.publish.report import AimReport, AuthorityReports
from pace_site.read.issues import Issue, authority_issues, latest_issues
from pace_site.render.feeds import SITE_FEED, authority_feed_path
from pace_site.render.page_paths import (
    AUTHORITIES,
    HOME,
    NEWSLETTERS,
    Link,
    PageSpec,
    archive_path,
    authority_path,
    newsletter_pdf_path,
)
from pace_site.render.pages import _ideas_named as ideas_named
from pace_site.render.pages import authority_filters
from pace_site.render.render import ROOT_LINK


def newsletter_pages(content: Content, reports: dict[str, AuthorityReports], pdfs: bool = False) -> list[PageSpec]:
    """The newsletters, their e-mail versions, archives and the latest list; with `pdfs`, each newsletter
    links to the PDF `build.py pdf` prints of it."""
    pages = [latest_page(content)]
    for authority in content.authorities:
        pages += authority_newsletter_pages(content, authority, reports[authority.slug], pdfs)
    return pages


def latest_page(content: Content) -> PageSpec:
    issues = latest_issues(content)
    years = sorted({i.newsletter.date.year for i in issues}, reverse=True)
    archives = [{"authority": a, "path": archive_path(a.slug), "count": len(a.newsletters)}
                for a in content.authorities if a.newsletters]
    return PageSpec(NEWSLETTERS.path, "newsletter_latest.html", "Latest newsletters", {
        "years": [(year, [i for i in issues if i.newsletter.date.year == year]) for year in years],
        "archives": archives, "feed_path": SITE_FEED,
    }, (HOME,), NEWSLETTERS.path, example=any(i.example for i in issues))


def authority_newsletter_pages(content: Content, authority: Authority, reports: AuthorityReports,
                               pdfs: bool = False) -> list[PageSpec]:
    slug = authority.slug
    own = (HOME, AUTHORITIES, Link(authority.name, authority_path(slug)))
    issues = authority_issues(authority)
    pages = [PageSpec(archive_path(slug), "newsletter_archive.html", f"{authority.name} newsletters", {
        "authority": authority, "issues": issues, "feed_path": authority_feed_path(slug),
        "authority_path": authority_path(slug), "newsletters": issues, "show_authority": False,  # as before issues
    }, own, NEWSLETTERS.path, example=authority.example or any(i.example for i in issues))]
    crumbs = own + (Link("Newsletters", archive_path(slug)),)
    for index, issue in enumerate(issues):
        newer = issues[index - 1] if index > 0 else None
        older = issues[index + 1] if index + 1 < len(issues) else None
        context = issue_context(content, issue, reports)
        # `newer` and `older` keep a theme's newsletter.html from before issues working.
        neighbours = {"next_issue": newer, "previous_issue": older, "newer": newer, "older": older,
                      "pdf_path": newsletter_pdf_path(slug, issue.newsletter.slug) if pdfs else None}
        pages.append(PageSpec(issue.path, "newsletter.html", issue.newsletter.title, {**context, **neighbours},
                              crumbs, NEWSLETTERS.path, True, str(issue.newsletter.source), example=issue.example,
                              kind="Newsletter", filters=authority_filters(content, authority)))
        pages.append(PageSpec(issue.email_path, "newsletter_email.html", issue.newsletter.title, {
            **context, "sections": email_sections(issue.newsletter.sections, content.config.url),
            "address": partial(address, content.config.url),
        }, source=str(issue.newsletter.source), example=issue.example))
    return pages


def issue_context(content: Content, issue: Issue, reports: AuthorityReports) -> dict[str, Any]:
    aim_reports = reports.newsletters[issue.newsletter.slug]
    return {
        "authority": issue.authority, "newsletter": issue.newsletter, "issue": issue, "aim_reports": aim_reports,
        "glance": [glance(report) for report in aim_reports], "as_at": min(issue.newsletter.date, reports.as_at),
        "archive_path": archive_path(issue.authority.slug), "authority_path": authority_path(issue.authority.slug),
        "feed_path": authority_feed_path(issue.authority.slug),
        "change_ideas": ideas_named(content, issue.newsletter.change_ideas),
    }


def glance(report: AimReport) -> dict[str, Any]:
    """An aim's headline figures exactly as published in its progress lines: never a figure computed here."""
    heading = f"National aim {report.national.id}: {report.national.title}" if report.national else "Whole journey"
    return {"id": report.aim.id, "heading": heading, "figures": report.progress_lines,
            "withheld": any("[c]" in value for _, value in report.progress_lines)}


def address(base_url: str, path: str) -> str:
    """A page's address for an e-mail: absolute under the site's `url`, else from the site root (made relative)."""
    page = path[: -len("index.html")] if path.endswith("index.html") else path
    return f"{base_url}{page}" if base_url else f"/{page}"


def email_sections(sections: tuple[Section, ...], base_url: str) -> tuple[Section, ...]:
    """With the site's `url`, the author's links from the site root become absolute, so they work in an inbox."""
    if not base_url:
        return sections

    def absolute(match: re.Match[str]) -> str:
        return f'{match.group(1)}{base_url}{match.group(2)}"'

    return tuple(Section(s.heading, s.anchor, ROOT_LINK.sub(absolute, s.html)) for s in sections)
