"""The site map: every page's output path, template, title, breadcrumbs and context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .content import STATUSES
from .models import Authority, ChangeIdea, Content, Newsletter
from .events import Event, events
from .national import NationalAimOverview
from .poster_view import poster_context
from .report import AuthorityReports


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


HOME = Link("Home", "index.html")
AUTHORITIES = Link("Authorities", "authorities/index.html")
NEWSLETTERS = Link("Newsletters", "newsletters/index.html")
CHANGE_IDEAS = Link("Change ideas", "change-ideas/index.html")
LEARNING = Link("Key learning", "learning/index.html")
GLOSSARY = Link("Glossary", "glossary/index.html")
NATIONAL = Link("National overview", "national/index.html")
GATHERING = Link("Gathering PACE", "gathering-pace/index.html")
NAVIGATION = (AUTHORITIES, NATIONAL, NEWSLETTERS, GATHERING, CHANGE_IDEAS, LEARNING, GLOSSARY, Link("About", "about/index.html"))


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


def newsletter_path(slug: str, newsletter: str) -> str:
    return f"authorities/{slug}/newsletters/{newsletter}/index.html"


def idea_path(slug: str) -> str:
    return f"change-ideas/{slug}/index.html"


def theme_path(theme_id: str) -> str:
    return f"change-ideas/themes/{theme_id}/index.html"


@dataclass(frozen=True)
class NewsletterItem:
    authority: Authority
    newsletter: Newsletter
    path: str


def all_newsletters(content: Content) -> list[NewsletterItem]:
    items = [NewsletterItem(a, n, newsletter_path(a.slug, n.slug)) for a in content.authorities for n in a.newsletters]
    return sorted(items, key=lambda i: (i.newsletter.date, i.authority.name), reverse=True)


def site_pages(content: Content, reports: dict[str, AuthorityReports],
               overview: tuple[NationalAimOverview, ...], pdfs: bool = False) -> list[PageSpec]:
    """Every page; with `pdfs`, posters and newsletters link to the PDFs `build.py pdf` prints of them."""
    gallery = events(content, reports, poster_path, poster_pdf_path if pdfs else None)
    pages = [home_page(content, gallery), authorities_page(content), newsletters_page(content),
             national_page(content, overview), *event_pages(gallery)]
    for authority in content.authorities:
        pages += authority_pages(content, authority, reports[authority.slug], pdfs)
    pages += change_idea_pages(content)
    pages += [learning_page(content), glossary_page(content)]
    pages += [PageSpec(f"{p.slug}/index.html", "page.html", p.title, {"page": p}, (HOME,), f"{p.slug}/index.html",
                       source=str(p.source)) for p in content.pages]
    return pages


def event_pages(gallery: list[Event]) -> list[PageSpec]:
    """Gathering PACE: a list of the events, and a gallery of each event's posters."""
    pages = [PageSpec(GATHERING.path, "events.html", "Gathering PACE", {"events": gallery}, (HOME,), GATHERING.path)]
    pages += [PageSpec(event.path, "event.html", event.name, {"event": event}, (HOME, GATHERING), GATHERING.path)
              for event in gallery]
    return pages


def home_page(content: Content, gallery: list[Event]) -> PageSpec:
    authorities = [{"authority": a, "path": authority_path(a.slug), "poster_path": poster_path(a.slug),
                    "community": _community(content, a)} for a in content.authorities]
    return PageSpec("index.html", "home.html", content.config.title,
                    {"authorities": authorities, "latest_newsletters": all_newsletters(content)[:5], "events": gallery})


def _community(content: Content, authority: Authority) -> str:
    community = content.config.community(authority.community)
    return community.label if community else authority.community


def authorities_page(content: Content) -> PageSpec:
    groups = []
    for community in content.config.communities:
        members = [{"authority": a, "path": authority_path(a.slug)} for a in content.authorities
                   if a.community == community.id]
        if members:
            groups.append({"id": community.id, "label": community.label, "entries": members})
    return PageSpec(AUTHORITIES.path, "authorities.html", "Local authorities", {"groups": groups},
                    (HOME,), AUTHORITIES.path)


def newsletters_page(content: Content) -> PageSpec:
    return PageSpec(NEWSLETTERS.path, "newsletter_archive.html", "All newsletters",
                    {"newsletters": all_newsletters(content), "show_authority": True}, (HOME,), NEWSLETTERS.path)


def national_page(content: Content, overview: tuple[NationalAimOverview, ...]) -> PageSpec:
    return PageSpec(NATIONAL.path, "national.html", "National overview", {
        "overview": overview, "authority_path": authority_path,
    }, (HOME,), NATIONAL.path, True)


def authority_pages(content: Content, authority: Authority, reports: AuthorityReports, pdfs: bool = False) -> list[PageSpec]:
    slug = authority.slug
    crumbs = (HOME, AUTHORITIES)
    items = [NewsletterItem(authority, n, newsletter_path(slug, n.slug)) for n in authority.newsletters]
    ideas = [{"idea": i, "path": idea_path(i.slug)} for i in content.change_ideas if slug in i.authorities]
    pages = [PageSpec(authority_path(slug), "authority.html", authority.name, {
        "authority": authority, "community": _community(content, authority), "as_at": reports.as_at,
        "aim_reports": reports.current, "stages": reports.stages, "other_measures": reports.other_measures,
        "poster_path": poster_path(slug) if authority.poster else None,
        "newsletters": items, "archive_path": archive_path(slug), "change_ideas": ideas,
    }, crumbs, AUTHORITIES.path, True, str(authority.source))]
    own = crumbs + (Link(authority.name, authority_path(slug)),)
    if authority.poster:
        pages.append(poster_page(content, authority, reports, own, pdfs))
    pages.append(PageSpec(archive_path(slug), "newsletter_archive.html", f"{authority.name} newsletters",
                          {"newsletters": items, "show_authority": False}, own, NEWSLETTERS.path))
    archive = own + (Link("Newsletters", archive_path(slug)),)
    for index, item in enumerate(items):
        pages.append(PageSpec(item.path, "newsletter.html", item.newsletter.title, {
            "authority": authority, "newsletter": item.newsletter,
            "aim_reports": reports.newsletters[item.newsletter.slug], "archive_path": archive_path(slug),
            "as_at": min(item.newsletter.date, reports.as_at),
            "change_ideas": _ideas_named(content, item.newsletter.change_ideas),
            "pdf_path": newsletter_pdf_path(slug, item.newsletter.slug) if pdfs else None,
            "newer": items[index - 1] if index > 0 else None, "older": items[index + 1] if index + 1 < len(items) else None,
        }, archive, NEWSLETTERS.path, True, str(item.newsletter.source)))
    return pages


def poster_page(content: Content, authority: Authority, reports: AuthorityReports, crumbs: tuple[Link, ...],
                pdfs: bool = False) -> PageSpec:
    poster = authority.poster
    assert poster is not None
    diagram_aim = authority.aim(poster.driver_diagram.aim_id) if poster.driver_diagram else None
    return PageSpec(poster_path(authority.slug), "poster.html", f"Poster: {poster.title}", {
        "authority": authority, "poster": poster, "aim_reports": reports.poster, "as_at": min(poster.date, reports.as_at),
        "lead_sections": [s for s in poster.sections if not s.heading],
        "sections": [s for s in poster.sections if s.heading],
        "has_results": any(s.anchor == "results" for s in poster.sections),
        "driver_aim_statement": diagram_aim.statement if diagram_aim else "",
        "change_ideas": _ideas_named(content, poster.change_ideas),
        **poster_context(authority, reports.poster, content.config, content.change_ideas, idea_path),
        "pdf_path": poster_pdf_path(authority.slug) if pdfs else None,
    }, crumbs, AUTHORITIES.path, True, str(poster.source))


def _aim_groups(content: Content) -> list[dict[str, Any]]:
    groups = [{"key": str(a.id), "anchor": f"aim-{a.id}", "label": f"Aim {a.id}: {a.title}", "statement": a.statement}
              for a in content.config.national_aims]
    return groups + [{"key": "all", "anchor": "all-aims", "label": "All aims", "statement": "Ideas that help every stage of a child's journey."}]


def change_idea_pages(content: Content) -> list[PageSpec]:
    groups = []
    for group in _aim_groups(content):
        ideas = sorted((i for i in content.change_ideas if group["key"] in i.aims), key=lambda i: i.title.lower())
        groups.append({**group, "entries": [_idea_item(content, i) for i in ideas]})
    themes = [t for t in content.config.themes if any(t.id in i.themes for i in content.change_ideas)]
    pages = [PageSpec(CHANGE_IDEAS.path, "change_ideas.html", "Change ideas", {
        "groups": groups, "themes": themes, "theme_path": theme_path, "statuses": STATUSES,
        "authorities": [a for a in content.authorities if any(a.slug in i.authorities for i in content.change_ideas)],
    }, (HOME,), CHANGE_IDEAS.path, scripts=("assets/ideas.js",))]
    for theme in themes:
        ideas = sorted((i for i in content.change_ideas if theme.id in i.themes), key=lambda i: i.title.lower())
        pages.append(PageSpec(theme_path(theme.id), "change_idea_theme.html", f"Change ideas: {theme.label.lower()}", {
            "theme": theme, "entries": [_idea_item(content, i) for i in ideas],
        }, (HOME, CHANGE_IDEAS), CHANGE_IDEAS.path))
    by_key = {g["key"]: g for g in _aim_groups(content)}
    for idea in content.change_ideas:
        item = _idea_item(content, idea)
        pages.append(PageSpec(idea_path(idea.slug), "change_idea.html", idea.title, {
            "idea": idea, "aims": [by_key[a] for a in idea.aims if a in by_key], "themes": item["themes"],
            "authorities": [{"authority": a, "path": authority_path(a.slug)} for a in item["authorities"]],
        }, (HOME, CHANGE_IDEAS), CHANGE_IDEAS.path, False, str(idea.source)))
    return pages


def _ideas_named(content: Content, slugs: tuple[str, ...]) -> list[dict[str, Any]]:
    return [_idea_item(content, i) for slug in slugs for i in content.change_ideas if i.slug == slug]


def _idea_item(content: Content, idea: ChangeIdea) -> dict[str, Any]:
    themes = [t.label for t in content.config.themes if t.id in idea.themes]
    authorities = [a for a in content.authorities if a.slug in idea.authorities]
    return {"idea": idea, "path": idea_path(idea.slug), "themes": themes, "authorities": authorities}


def learning_page(content: Content) -> PageSpec:
    groups = []
    for theme in content.config.themes:
        points = [p for p in content.learning if p.theme == theme.id]
        if points:
            items = [{"point": p, "authority": content.authority(p.authority) if p.authority else None,
                      "path": authority_path(p.authority) if p.authority and content.authority(p.authority) else None}
                     for p in points]
            groups.append({"id": theme.id, "label": theme.label, "entries": items})
    return PageSpec(LEARNING.path, "learning.html", "Key learning", {"groups": groups}, (HOME,), LEARNING.path)


def glossary_page(content: Content) -> PageSpec:
    return PageSpec(GLOSSARY.path, "glossary.html", "Glossary", {"terms": content.glossary}, (HOME,), GLOSSARY.path)
