"""Community of practice pages: the member authorities, their local aims side by side with their latest
published figures, the change ideas they share and what they learned."""

from __future__ import annotations

from typing import Any

from pace_site.model.content import Choice, Content
from pace_site.publish.report import AuthorityReports
from pace_site.render.library import community_index_path, idea_item
from pace_site.render.page_paths import COMMUNITIES, HOME, PageSpec, authority_path, community_path


def community_pages(content: Content, reports: dict[str, AuthorityReports]) -> list[PageSpec]:
    communities = [c for c in content.config.communities if _members(content, c)]
    listing = [{"community": c, "path": community_path(c.id), "members": _members(content, c)} for c in communities]
    pages = [PageSpec(COMMUNITIES.path, "communities.html", "Communities of practice", {"communities": listing},
                      (HOME,), COMMUNITIES.path, example=any(a.example for a in content.authorities))]
    return pages + [community_page(content, c, reports) for c in communities]


def _members(content: Content, community: Choice) -> list[Any]:
    return [a for a in content.authorities if community.id in a.communities]


def community_page(content: Content, community: Choice, reports: dict[str, AuthorityReports]) -> PageSpec:
    members = _members(content, community)
    slugs = {a.slug for a in members}
    ideas = [i for i in content.change_ideas if slugs & set(i.authorities)]
    ideas.sort(key=lambda i: (-len(slugs & set(i.authorities)), i.title.lower()))
    learning = [p for p in content.learning if p.authority in slugs]
    return PageSpec(community_path(community.id), "community.html", community.label, {
        "community": community,
        "members": [{"authority": a, "path": authority_path(a.slug), "as_at": reports[a.slug].as_at} for a in members],
        "aims": aims_side_by_side(content, members, reports),
        "ideas": [{**idea_item(content, i), "shared_by": [a for a in members if a.slug in i.authorities]}
                  for i in ideas],
        "ideas_path": community_index_path(community.id),
        "learning": [{"point": p, "path": f"learning/{p.slug}/index.html"} for p in learning],
    }, (HOME, COMMUNITIES), COMMUNITIES.path, kind="Community", filters=(("community", community.label),),
        example=any(a.example for a in members) or any(i.example for i in ideas))


def aims_side_by_side(content: Content, members: list[Any],
                      reports: dict[str, AuthorityReports]) -> list[dict[str, Any]]:
    """One group per national aim (then whole-journey aims): each member's local aims with the figures its own
    page publishes now (`progress_lines`, or the chart's published sentence for a measure)."""
    keys = [(a.id, f"Aim {a.id}: {a.title}") for a in content.config.national_aims] + [(None, "Whole journey")]
    groups = []
    for key, label in keys:
        rows = [{"authority": a, "report": r, "path": authority_path(a.slug) + f"#aim-{r.aim.id}",
                 "summary": "" if r.progress_lines else next((c.summary for c in r.charts), "")}
                for a in members for r in reports[a.slug].current if (r.national.id if r.national else None) == key]
        if rows:
            groups.append({"label": label, "anchor": f"aim-{key}" if key else "whole-journey", "rows": rows})
    return groups
