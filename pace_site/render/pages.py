"""The site map: every page's output path, template, title, breadcrumbs and context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pace_site.model.content import Authority, Content, Newsletter
from pace_site.publish.national import NationalAimOverview
from pace_site.publish.pooled_report import NationalFigures
from pace_site.publish.report import AuthorityReports
from pace_site.read.issues import newsletter_path
from pace_site.render.events import Event, events
from pace_site.render.page_paths import (
    AUTHORITIES,
    CHANGE_IDEAS,
    COMMUNITIES,
    GATHERING,
    GLOSSARY,
    HOME,
    LEARNING,
    NATIONAL,
    NEWSLETTERS,
    SEARCH,
    Link,
    PageSpec,
    archive_path,
    authority_path,
    community_path,
    idea_path,
    poster_path,
    poster_pdf_path,
)
from pace_site.render.poster_view import poster_context


@dataclass(frozen=True)
class NewsletterItem:
    authority: Authority
    newsletter: Newsletter
    path: str

    @property
    def example(self) -> bool:
        return self.authority.is_example(self.newsletter)


def all_newsletters(content: Content) -> list[NewsletterItem]:
    items = [NewsletterItem(a, n, newsletter_path(a.slug, n.slug)) for a in content.authorities for n in a.newsletters]
    return sorted(items, key=lambda i: (i.newsletter.date, i.authority.name), reverse=True)


def site_pages(content: Content, reports: dict[str, AuthorityReports],
               overview: tuple[NationalAimOverview, ...], national: tuple[NationalFigures, ...] = (),
               pdfs: bool = False) -> list[PageSpec]:
    """Every page but the newsletters'; with `pdfs`, posters link to the PDFs `build.py pdf` prints of them."""
    gallery = events(content, reports, poster_path, poster_pdf_path if pdfs else None)
    pages = [home_page(content, gallery), authorities_page(content), national_page(content, overview, national),
             *event_pages(gallery)]
    for authority in content.authorities:
        pages += authority_pages(content, authority, reports[authority.slug], pdfs)
    # Imported here: these modules build on this one's paths and PageSpec.
    from pace_site.render.communities import community_pages
    from pace_site.render.learning import learning_pages
    from pace_site.render.library import change_idea_pages
    from pace_site.render.report_pages import report_pages

    pages += change_idea_pages(content, reports)
    pages += report_pages(content, pdfs)
    pages += community_pages(content, reports)
    pages += learning_pages(content) + [glossary_page(content), search_page()]
    pages += [PageSpec(f"{p.slug}/index.html", "page.html", p.title, {"page": p}, (HOME,), f"{p.slug}/index.html",
                       source=str(p.source), kind="Page", example=p.example) for p in content.pages]
    return pages


def event_pages(gallery: list[Event]) -> list[PageSpec]:
    """Gathering PACE: a list of the events, and a gallery of each event's posters."""
    def example(posters: tuple[Any, ...]) -> bool:
        return any(p.authority.is_example(p.authority.poster) for p in posters if p.authority.poster)

    pages = [PageSpec(GATHERING.path, "events.html", "Gathering PACE", {"events": gallery}, (HOME,), GATHERING.path,
                      example=any(example(e.posters) for e in gallery))]
    pages += [PageSpec(event.path, "event.html", event.name, {"event": event}, (HOME, GATHERING), GATHERING.path,
                       kind="Page", example=example(event.posters)) for event in gallery]
    return pages


def home_page(content: Content, gallery: list[Event]) -> PageSpec:
    authorities = [{"authority": a, "path": authority_path(a.slug), "poster_path": poster_path(a.slug),
                    "community": _community(content, a)} for a in content.authorities]
    latest = all_newsletters(content)[:5]
    return PageSpec("index.html", "home.html", content.config.title,
                    {"authorities": authorities, "latest_newsletters": latest, "events": gallery},
                    example=any(a.example for a in content.authorities) or any(i.example for i in latest))


def _community(content: Content, authority: Authority) -> str:
    labels = [c.label for c in content.config.communities if c.id in authority.communities]
    return ", ".join(labels) or authority.community


def authorities_page(content: Content) -> PageSpec:
    groups = []
    for community in content.config.communities:
        members = [{"authority": a, "path": authority_path(a.slug)} for a in content.authorities
                   if community.id in a.communities]
        if members:
            groups.append({"id": community.id, "label": community.label, "entries": members,
                           "path": community_path(community.id)})
    return PageSpec(AUTHORITIES.path, "authorities.html", "Local authorities", {"groups": groups},
                    (HOME,), AUTHORITIES.path, example=any(a.example for a in content.authorities))


def national_page(content: Content, overview: tuple[NationalAimOverview, ...],
                  national: tuple[NationalFigures, ...] = ()) -> PageSpec:
    dates = sorted({row.report.as_at.replace(day=1) for item in overview
                    for row in (*item.rows, *(row for row, _ in item.apart))}
                   | {when.replace(day=1) for figures in national for when in figures.dates})
    return PageSpec(NATIONAL.path, "national.html", "National overview", {
        "overview": overview, "authority_path": authority_path, "as_at_dates": dates,
        "pooled": {figures.aim.id: figures for figures in national},
    }, (HOME,), NATIONAL.path, True, kind="Page", example=any(a.example for a in content.authorities))


def authority_pages(content: Content, authority: Authority, reports: AuthorityReports,
                    pdfs: bool = False) -> list[PageSpec]:
    slug = authority.slug
    crumbs = (HOME, AUTHORITIES)
    items = [NewsletterItem(authority, n, newsletter_path(slug, n.slug)) for n in authority.newsletters]
    ideas = [{"idea": i, "path": idea_path(i.slug)} for i in content.change_ideas if slug in i.authorities]
    pages = [PageSpec(authority_path(slug), "authority.html", authority.name, {
        "authority": authority, "community": _community(content, authority), "as_at": reports.as_at,
        "community_links": [Link(c.label, community_path(c.id)) for c in content.config.communities
                            if c.id in authority.communities],
        "aim_reports": reports.current, "stages": reports.stages, "other_measures": reports.other_measures,
        "poster_path": poster_path(slug) if authority.poster else None,
        "newsletters": items, "archive_path": archive_path(slug), "change_ideas": ideas,
    }, crumbs, AUTHORITIES.path, True, str(authority.source), kind="Authority",
        filters=authority_filters(content, authority), example=authority.example)]
    own = crumbs + (Link(authority.name, authority_path(slug)),)
    if authority.poster:
        pages.append(poster_page(content, authority, reports, own, pdfs))
    return pages


def poster_page(content: Content, authority: Authority, reports: AuthorityReports, crumbs: tuple[Link, ...],
                pdfs: bool = False) -> PageSpec:
    poster = authority.poster
    assert poster is not None
    diagram_aim = authority.aim(poster.driver_diagram.aim_id) if poster.driver_diagram else None
    return PageSpec(poster_path(authority.slug), "poster.html", f"Poster: {poster.title}", {
        "authority": authority, "poster": poster, "aim_reports": reports.poster,
        "as_at": min(poster.date, reports.as_at),
        "lead_sections": [s for s in poster.sections if not s.heading],
        "sections": [s for s in poster.sections if s.heading],
        "has_results": any(s.anchor == "results" for s in poster.sections),
        "driver_aim_statement": diagram_aim.statement if diagram_aim else "",
        "change_ideas": _ideas_named(content, poster.change_ideas),
        **poster_context(authority, reports.poster, content.config, content.change_ideas, idea_path),
        "pdf_path": poster_pdf_path(authority.slug) if pdfs else None,
    }, crumbs, AUTHORITIES.path, True, str(poster.source), kind="Poster",
                    filters=authority_filters(content, authority), example=authority.is_example(poster))


def authority_filters(content: Content, authority: Authority) -> tuple[tuple[str, str], ...]:
    communities = [c.label for c in content.config.communities if c.id in authority.communities]
    return (("authority", authority.name),) + tuple(("community", c) for c in communities)


def _ideas_named(content: Content, slugs: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"idea": i, "path": idea_path(i.slug)} for slug in slugs for i in content.change_ideas if i.slug == slug]


def glossary_page(content: Content) -> PageSpec:
    """The glossary with an A–Z index: one group per first letter."""
    letters: dict[str, list[Any]] = {}
    for term in content.glossary:
        initial = term.term[:1].upper()
        letters.setdefault(initial if initial.isalpha() else "#", []).append(term)
    groups = [{"letter": letter, "anchor": f"letter-{letter.lower() if letter != '#' else 'other'}", "terms": terms}
              for letter, terms in sorted(letters.items())]
    return PageSpec(GLOSSARY.path, "glossary.html", "Glossary", {"terms": content.glossary, "letters": groups},
                    (HOME,), GLOSSARY.path, kind="Glossary")


def search_page() -> PageSpec:
    """The site-wide search; its address carries the query (search/?q=kinship)."""
    return PageSpec(SEARCH.path, "search.html", "Search", {"browse": [CHANGE_IDEAS, LEARNING, GLOSSARY, AUTHORITIES,
                                                                      NEWSLETTERS, COMMUNITIES]},
                    (HOME,), SEARCH.path, scripts=("pagefind/pagefind-ui.js", "assets/search.js"))
