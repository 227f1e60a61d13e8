"""The change ideas library: the index with its facets, plain index pages by aim, theme, authority and
community (complete without JavaScript), and each idea's page with the evidence from the authorities
that tested it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pace_site.model.content import Authority, ChangeIdea, Content, Webinar
from pace_site.publish.report import AimReport, AuthorityReports
from pace_site.read.content import STATUSES
from pace_site.read.issues import newsletter_path
from pace_site.render.htmltext import plain_text
from pace_site.render.page_paths import (
    CHANGE_IDEAS,
    HOME,
    Link,
    PageSpec,
    authority_path,
    idea_path,
    poster_path,
    theme_path,
)

BROWSE = Link("Browse change ideas", "change-ideas/browse/index.html")


def aim_index_path(key: str) -> str:
    return f"change-ideas/aims/{key}/index.html"


def authority_index_path(slug: str) -> str:
    return f"change-ideas/authorities/{slug}/index.html"


def community_index_path(community_id: str) -> str:
    return f"change-ideas/communities/{community_id}/index.html"


def idea_communities(content: Content, idea: ChangeIdea) -> tuple[str, ...]:
    """The communities of practice of the authorities that tested the idea, in site.yml's order."""
    members = {c for a in content.authorities if a.slug in idea.authorities for c in a.communities}
    return tuple(c.id for c in content.config.communities if c.id in members)


def idea_item(content: Content, idea: ChangeIdea) -> dict[str, Any]:
    """What a list entry shows and filters on: labels, and the idea's words for the text search."""
    return {"idea": idea, "path": idea_path(idea.slug),
            "themes": [t.label for t in content.config.themes if t.id in idea.themes],
            "authorities": [a for a in content.authorities if a.slug in idea.authorities],
            "communities": idea_communities(content, idea),
            "text": plain_text(idea.html)}


def aim_groups(content: Content) -> list[dict[str, Any]]:
    groups = [{"key": str(a.id), "anchor": f"aim-{a.id}", "label": f"Aim {a.id}: {a.title}", "statement": a.statement}
              for a in content.config.national_aims]
    return groups + [{"key": "all", "anchor": "all-aims", "label": "All aims",
                      "statement": "Ideas that help every stage of a child's journey."}]


def _sorted(ideas: Any) -> list[ChangeIdea]:
    return sorted(ideas, key=lambda i: i.title.lower())


@dataclass(frozen=True)
class IdeaIndex:
    """One plain list of change ideas: the ideas of one aim, theme, authority or community."""

    facet: str  # "aim", "theme", "authority" or "community"
    key: str
    label: str
    path: str
    ideas: tuple[ChangeIdea, ...]
    intro: str = ""


def idea_indexes(content: Content) -> list[IdeaIndex]:
    ideas = content.change_ideas
    found = [IdeaIndex("aim", g["key"], g["label"], aim_index_path(g["key"]),
                       tuple(_sorted(i for i in ideas if g["key"] in i.aims)), g["statement"])
             for g in aim_groups(content)]
    found += [IdeaIndex("theme", t.id, t.label, theme_path(t.id), tuple(_sorted(i for i in ideas if t.id in i.themes)))
              for t in content.config.themes]
    found += [IdeaIndex("authority", a.slug, a.name, authority_index_path(a.slug),
                        tuple(_sorted(i for i in ideas if a.slug in i.authorities))) for a in content.authorities]
    found += [IdeaIndex("community", c.id, c.label, community_index_path(c.id),
                        tuple(_sorted(i for i in ideas if c.id in idea_communities(content, i))))
              for c in content.config.communities]
    return [index for index in found if index.ideas]


FACET_NAMES = {"aim": "National aim", "theme": "Theme", "authority": "Tested by", "community": "Community of practice"}


def change_idea_pages(content: Content, reports: dict[str, AuthorityReports]) -> list[PageSpec]:
    indexes = idea_indexes(content)
    pages = [library_page(content, indexes), browse_page(indexes)]
    pages += [index_page(content, index) for index in indexes]
    pages += [idea_page(content, idea, reports) for idea in content.change_ideas]
    return pages


def library_page(content: Content, indexes: list[IdeaIndex]) -> PageSpec:
    return PageSpec(CHANGE_IDEAS.path, "change_ideas.html", "Change ideas", {
        "groups": _library_groups(content), "facets": _library_facets(content, indexes), "browse_path": BROWSE.path,
    }, (HOME,), CHANGE_IDEAS.path, scripts=("assets/ideas.js",), example=any(i.example for i in content.change_ideas))


def _library_groups(content: Content) -> list[dict[str, Any]]:
    """Each national aim's group of ideas, as the library lists them."""
    return [{**g, "entries": [idea_item(content, i)
                              for i in _sorted(i for i in content.change_ideas if g["key"] in i.aims)]}
            for g in aim_groups(content)]


def _library_facets(content: Content, indexes: list[IdeaIndex]) -> dict[str, list[tuple[str, str]]]:
    """The library's filters, (key, label) by facet: only the aims, themes, authorities and communities with ideas."""
    used = {(index.facet, index.key) for index in indexes}
    return {
        "aims": [(g["key"], g["label"]) for g in aim_groups(content) if ("aim", g["key"]) in used],
        "themes": [(t.id, t.label) for t in content.config.themes if ("theme", t.id) in used],
        "authorities": [(a.slug, a.name) for a in content.authorities if ("authority", a.slug) in used],
        "communities": [(c.id, c.label) for c in content.config.communities if ("community", c.id) in used],
        "status": [(s, s.capitalize()) for s in STATUSES],
    }


def browse_page(indexes: list[IdeaIndex]) -> PageSpec:
    sections = [{"facet": facet, "label": label, "indexes": [i for i in indexes if i.facet == facet]}
                for facet, label in FACET_NAMES.items()]
    return PageSpec(BROWSE.path, "change_idea_browse.html", "Browse change ideas", {"sections": sections},
                    (HOME, CHANGE_IDEAS), CHANGE_IDEAS.path)  # names the indexes only: no idea's text


def index_page(content: Content, index: IdeaIndex) -> PageSpec:
    title = f"Change ideas: {index.label}" if index.facet != "authority" else f"Change ideas tested by {index.label}"
    webinars = _webinars(index.ideas) if index.facet == "aim" else []
    return PageSpec(index.path, "change_idea_index.html", title, {
        "index": index, "facet_name": FACET_NAMES[index.facet], "browse_path": BROWSE.path, "webinars": webinars,
        "entries": [idea_item(content, i) for i in index.ideas],
    }, (HOME, CHANGE_IDEAS, BROWSE), CHANGE_IDEAS.path, example=any(i.example for i in index.ideas))


def _webinars(ideas: tuple[ChangeIdea, ...]) -> list[dict[str, Any]]:
    """Each webinar once, with the ideas that name it."""
    found: dict[tuple[str, date | None, str], list[ChangeIdea]] = {}
    for idea in ideas:
        for webinar in idea.webinars:
            found.setdefault((webinar.title, webinar.date, webinar.link), []).append(idea)
    return [{"webinar": Webinar(*key), "ideas": [{"idea": i, "path": idea_path(i.slug)} for i in named]}
            for key, named in sorted(found.items(), key=lambda item: item[0][0].lower())]


def idea_page(content: Content, idea: ChangeIdea, reports: dict[str, AuthorityReports]) -> PageSpec:
    item = idea_item(content, idea)
    by_key = {g["key"]: g for g in aim_groups(content)}
    aims = [{**by_key[a], "path": aim_index_path(a)} for a in idea.aims if a in by_key]
    evidence = [authority_evidence(idea, a, reports[a.slug]) for a in item["authorities"]]
    return PageSpec(idea_path(idea.slug), "change_idea.html", idea.title, {
        "idea": idea, "aims": aims, "themes": item["themes"], "evidence": evidence,
        "theme_links": [(t.label, theme_path(t.id)) for t in content.config.themes if t.id in idea.themes],
    }, (HOME, CHANGE_IDEAS), CHANGE_IDEAS.path, False, str(idea.source), kind="Change idea",
        filters=idea_filters(content, idea), example=idea.example or any(a.example for a in item["authorities"]))


def idea_filters(content: Content, idea: ChangeIdea) -> tuple[tuple[str, str], ...]:
    """The library's facets as search filters, by label."""
    item = idea_item(content, idea)
    labels = {c.id: c.label for c in content.config.communities}
    return (tuple(("aim", g["label"]) for g in aim_groups(content) if g["key"] in idea.aims)
            + tuple(("theme", t) for t in item["themes"])
            + tuple(("authority", a.name) for a in item["authorities"])
            + tuple(("community", labels[c]) for c in item["communities"])
            + (("status", idea.status.capitalize()),))


@dataclass(frozen=True)
class Publication:
    """A poster or newsletter that presents a change idea."""

    kind: str  # "Poster" or "Newsletter"
    title: str
    date: date
    path: str
    reports: tuple[AimReport, ...]


def publications(idea: ChangeIdea, authority: Authority, reports: AuthorityReports) -> list[Publication]:
    """The authority's posters and newsletters that present the idea, oldest first."""
    found = []
    poster = authority.poster
    if poster and idea.slug in poster.change_ideas:
        found.append(Publication("Poster", poster.title, poster.date, poster_path(authority.slug), reports.poster))
    for newsletter in authority.newsletters:
        if idea.slug in newsletter.change_ideas:
            found.append(Publication("Newsletter", newsletter.title, newsletter.date,
                                     newsletter_path(authority.slug, newsletter.slug),
                                     reports.newsletters.get(newsletter.slug, ())))
    return sorted(found, key=lambda p: p.date)


def authority_evidence(idea: ChangeIdea, authority: Authority, reports: AuthorityReports) -> dict[str, Any]:
    """Its status and dates there, the aims the idea served with their published figures, and where it was presented."""
    presented = publications(idea, authority, reports)
    latest = presented[-1] if presented else None
    served = [r for r in reports.current if "all" in idea.aims or (r.national and str(r.national.id) in idea.aims)]
    figures = []
    for current in served:
        shown = next((r for r in latest.reports if r.aim.id == current.aim.id), None) if latest else None
        where = latest.path if shown and latest else authority_path(authority.slug)
        figures.append(_aim_figures(shown or current, where))
    return {"authority": authority, "path": authority_path(authority.slug), "trial": idea.trial(authority.slug),
            "publications": presented, "figures": figures}


def _aim_figures(report: AimReport, page: str) -> dict[str, Any]:
    """The headline figures as published on `page` (never a new figure), and a link to the aim's charts there."""
    summary = "" if report.progress_lines else next((c.summary for c in report.charts), "")
    return {"report": report, "lines": report.progress_lines, "summary": summary, "path": page,
            "anchor": f"aim-{report.aim.id}"}
