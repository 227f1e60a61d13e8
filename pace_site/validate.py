"""Checks across files: references between content and data that no single file can check."""

from __future__ import annotations

from datetime import date

from .errors import Problems
from .models import Authority, AuthorityData, Content


def authority_as_at(authority: Authority, site_as_at: date) -> date:
    """The date an authority's pages are computed at: its data extract date, else the site's."""
    return min(authority.data_as_at, site_as_at) if authority.data_as_at else site_as_at


def validate(content: Content, data: dict[str, AuthorityData], problems: Problems) -> None:
    slugs = {a.slug for a in content.authorities} | content.authority_folders
    _warn(content, problems)
    _check_change_idea_references(content, problems)
    for authority in content.authorities:
        _check_authority(authority, data[authority.slug], problems)
        _check_dates_not_after(authority, data[authority.slug], content.config.as_at, problems)
    for point in content.learning:
        if point.authority and point.authority not in slugs:
            problems.add(point.source, _line_of(point.source, "authority"),
                         f"unknown authority '{point.authority}': expected one of {', '.join(sorted(slugs))}")
    for idea in content.change_ideas:
        for name in idea.authorities:
            if name not in slugs:
                problems.add(idea.source, _line_of(idea.source, "authorities"),
                             f"unknown authority '{name}' in 'authorities': expected one of {', '.join(sorted(slugs))}")


def _check_change_idea_references(content: Content, problems: Problems) -> None:
    ideas = {i.slug for i in content.change_ideas}
    for authority in content.authorities:
        documents = ([authority.poster] if authority.poster else []) + list(authority.newsletters)
        for document in documents:
            for slug in document.change_ideas:
                if slug not in ideas:
                    problems.add(document.source, _line_of(document.source, "change_ideas"),
                                 f"unknown change idea '{slug}' in 'change_ideas': expected the name of a file in "
                                 "content/change-ideas/ without .md")


def _warn(content: Content, problems: Problems) -> None:
    """What a reader would miss, but which need not stop a build."""
    for authority in content.authorities:
        for aim in authority.aims:
            national = content.config.national_aim(aim.national_aim)
            if national and national.start and aim.start and aim.start != national.start:
                problems.warn(authority.source, _line_of_aim(authority, aim.id),
                              f"the aim '{aim.id}' starts at '{aim.start}', but national aim {national.id} starts at "
                              f"'{national.start}': the national overview compares it with aims that do")
    for authority in content.authorities:
        if not authority.newsletters:
            problems.warn(authority.source, None, f"{authority.name} has no newsletter yet (add one in newsletters/)")
        if authority.poster is None:
            problems.warn(authority.source, None, f"{authority.name} has no poster.md")
        if not authority.aims:
            problems.warn(authority.source, _line_of(authority.source, "aims"), f"{authority.name} has no local aims")
    if not content.glossary:
        problems.warn("glossary.yml", None, "there is no glossary")


def _line_of(path, key: str) -> int | None:  # type: ignore[no-untyped-def]
    """The line a front matter key is on, for references checked after loading."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith(f"{key}:"):
                return number
    except OSError:
        return None
    return None


def _check_authority(authority: Authority, data: AuthorityData, problems: Problems) -> None:
    aim_ids = {a.id for a in authority.aims}
    for aim in authority.aims:
        line = _line_of_aim(authority, aim.id)
        if aim.from_journeys and data.journeys_file is None:
            problems.add(authority.source, line, f"the aim '{aim.id}' is measured from journeys, but there is no "
                                                 f"data/{authority.slug}/journeys.csv")
        missing = [m for m in (aim.start, aim.end) if m and data.journeys_file and m not in data.milestone_columns]
        for milestone in missing:
            problems.add(authority.source, line, f"the aim '{aim.id}' uses the milestone '{milestone}', but "
                                                 f"data/{authority.slug}/journeys.csv has no '{milestone}' column")
        if aim.measure and aim.measure not in {p.measure for p in data.measures}:
            problems.add(authority.source, line, f"the aim '{aim.id}' uses the measure '{aim.measure}', which is not "
                                                 f"in data/{authority.slug}/measures.csv")
        if aim.locality and aim.locality not in data.localities:
            problems.add(authority.source, line, f"the aim '{aim.id}' is for the locality '{aim.locality}', but no "
                                                 f"row of data/{authority.slug}/journeys.csv has that locality")
    documents = [(authority.poster.source, authority.poster.aim_ids)] if authority.poster else []
    documents += [(n.source, n.aim_ids) for n in authority.newsletters]
    if authority.poster and authority.poster.driver_diagram:
        documents.append((authority.poster.source, (authority.poster.driver_diagram.aim_id,)))
    for source, ids in documents:
        for aim_id in ids:
            if aim_id not in aim_ids:
                problems.add(source, _line_of(source, "aims") or _line_of(source, "driver_diagram"),
                             f"unknown aim '{aim_id}': expected one of {authority.name}'s aims "
                             f"({', '.join(sorted(aim_ids)) or 'none defined'})")


def _line_of_aim(authority: Authority, aim_id: str) -> int | None:
    try:
        for number, line in enumerate(authority.source.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip().lstrip("- ").strip() in (f"id: {aim_id}", f"id: '{aim_id}'", f'id: "{aim_id}"'):
                return number
    except OSError:
        return None
    return None


def _check_dates_not_after(authority: Authority, data: AuthorityData, site_as_at: date, problems: Problems) -> None:
    as_at = authority_as_at(authority, site_as_at)
    for journey in data.journeys:
        for milestone, when in journey.dates.items():
            if when > as_at:
                problems.add(data.journeys_file or "journeys.csv", journey.row,
                             f"the date {when} is after the data's as-at date {as_at} "
                             f"(data_as_at in {authority.slug}'s authority.md, else as_at in site.yml)", milestone)
