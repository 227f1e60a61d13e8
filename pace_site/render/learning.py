"""Key learning: a page per point (so the search can list it), and lists by theme and by source,
each point linked to the poster, newsletter or report it came from."""

from __future__ import annotations

from typing import Any

from pace_site.model.content import Content, LearningPoint
from pace_site.read.issues import newsletter_path
from pace_site.render.page_paths import HOME, LEARNING, Link, PageSpec, authority_path, poster_path

BY_SOURCE = Link("Key learning by source", "learning/sources/index.html")


def point_path(slug: str) -> str:
    return f"learning/{slug}/index.html"


def learning_pages(content: Content) -> list[PageSpec]:
    items = [point_item(content, p) for p in content.learning]
    by_theme = [{"id": t.id, "label": t.label, "entries": [i for i in items if i["point"].theme == t.id]}
                for t in content.config.themes]
    sources: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(items, key=lambda i: i["point"].title.lower()):
        sources.setdefault(item["point"].source_text, []).append(item)
    pages = [
        PageSpec(LEARNING.path, "learning.html", "Key learning", {"groups": [g for g in by_theme if g["entries"]],
                                                                  "by_source_path": BY_SOURCE.path},
                 (HOME,), LEARNING.path, example=any(p.example for p in content.learning)),
        PageSpec(BY_SOURCE.path, "learning_sources.html", BY_SOURCE.label, {
            "groups": [{"source": s, "link": entries[0]["source_link"], "entries": entries}
                       for s, entries in sorted(sources.items(), key=lambda s: s[0].lower())],
        }, (HOME, LEARNING), LEARNING.path, example=any(p.example for p in content.learning)),
    ]
    themes = {t.id: t.label for t in content.config.themes}
    for item in items:
        point = item["point"]
        filters: tuple[tuple[str, str], ...] = (("theme", themes.get(point.theme, point.theme)),)
        if item["authority"]:
            filters += (("authority", item["authority"].name),)
        pages.append(PageSpec(item["path"], "learning_point.html", point.title,
                              {**item, "item": item, "theme": themes.get(point.theme)},
                              (HOME, LEARNING), LEARNING.path, source=str(point.source), kind="Learning point",
                              filters=filters, example=point.example))
    return pages


def point_item(content: Content, point: LearningPoint) -> dict[str, Any]:
    authority = content.authority(point.authority) if point.authority else None
    return {"point": point, "path": point_path(point.slug), "authority": authority,
            "authority_path": authority_path(authority.slug) if authority else None,
            "source_link": source_link(content, point)}


def source_link(content: Content, point: LearningPoint) -> str:
    """Where the point came from: `source_link:` if given; else the authority's poster or newsletter that its
    source text names (a newsletter by its month, such as 'April 2018'); else nothing."""
    if point.source_link:
        return point.source_link.lstrip("/") + ("index.html" if point.source_link.endswith("/") else "")
    authority = content.authority(point.authority) if point.authority else None
    text = point.source_text.lower()
    if authority is None:
        return ""
    if "poster" in text and authority.poster:
        return poster_path(authority.slug)
    if "newsletter" in text:
        named = [n for n in authority.newsletters if n.date.strftime("%B %Y").lower() in text]
        if named or len(authority.newsletters) == 1:
            return newsletter_path(authority.slug, (named or list(authority.newsletters))[0].slug)
    return ""
