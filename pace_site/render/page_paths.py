"""Every page's address and its navigation links: the site map's vocabulary, which every page module uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Link:
    label: str
    path: str


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    title: str
    context: dict[str, Any]
    breadcrumbs: tuple[Link, ...] = ()
    section_path: str = ""
    has_charts: bool = False
    source: str = ""
    scripts: tuple[str, ...] = ()  # the page's own scripts, from the site's assets
    example: bool = False  # built from illustrative material: the page carries the example notice
    kind: str = ""  # what the search shows the page as ("Change idea", "Poster", ...); none: not indexed
    filters: tuple[tuple[str, str], ...] = ()  # search filters: (facet, value) pairs


HOME = Link("Home", "index.html")
AUTHORITIES = Link("Authorities", "authorities/index.html")
NEWSLETTERS = Link("Newsletters", "newsletters/index.html")
CHANGE_IDEAS = Link("Change ideas", "change-ideas/index.html")
LEARNING = Link("Key learning", "learning/index.html")
GLOSSARY = Link("Glossary", "glossary/index.html")
COMMUNITIES = Link("Communities", "communities/index.html")
SEARCH = Link("Search", "search/index.html")
NATIONAL = Link("National overview", "national/index.html")
GATHERING = Link("Gathering PACE", "gathering-pace/index.html")
REPORTS = Link("Reports", "reports/index.html")
NAVIGATION = (AUTHORITIES, COMMUNITIES, NATIONAL, REPORTS, NEWSLETTERS, GATHERING, CHANGE_IDEAS, LEARNING, GLOSSARY,
              Link("About", "about/index.html"), SEARCH)


def authority_path(slug: str) -> str:
    return f"authorities/{slug}/index.html"


def poster_path(slug: str) -> str:
    return f"authorities/{slug}/poster/index.html"


def poster_pdf_path(slug: str) -> str:
    return f"authorities/{slug}/poster/{slug}-poster.pdf"


def newsletter_pdf_path(slug: str, newsletter: str) -> str:
    return f"authorities/{slug}/newsletters/{newsletter}/{slug}-newsletter-{newsletter}.pdf"


def archive_path(slug: str) -> str:
    return f"authorities/{slug}/newsletters/index.html"


def idea_path(slug: str) -> str:
    return f"change-ideas/{slug}/index.html"


def theme_path(theme_id: str) -> str:
    return f"change-ideas/themes/{theme_id}/index.html"


def community_path(community_id: str) -> str:
    return f"communities/{community_id}/index.html"
