"""Checks across files: references between content and data that no single file can check."""

from __future__ import annotations

from datetime import date
from typing import Any

from pace_site.model.content import Authority, AuthorityData, Content
from pace_site.model.errors import Problems
from pace_site.read.poster_design import check_references


def validate(content: Content, data: dict[str, AuthorityData], problems: Problems) -> None:
    slugs = {a.slug for a in content.authorities} | content.authority_folders
    _warn(content, problems)
    _check_change_idea_references(content, problems)
    _check_names_unique(content, problems)
    for authority in content.authorities:
        if authority.poster:
            check_references(authority.poster, {a.id for a in authority.aims}, {i.slug for i in content.change_ideas},
                             problems)
        _check_authority(authority, data[authority.slug], problems)
        _check_dates_not_after(authority, data[authority.slug], content.config.as_at, problems)
    for point in content.learning:
        if point.authority and point.authority not in slugs:
            problems.add(point.source, point.lines.get("authority"),
                         f"unknown authority '{point.authority}': expected one of {', '.join(sorted(slugs))}")
    for idea in content.change_ideas:
        for index, name in enumerate(idea.authorities):
            if name not in slugs:
                problems.add(idea.source, idea.lines.get(f"authorities.{index}"),
                             f"unknown authority '{name}' in 'authorities': expected one of {', '.join(sorted(slugs))}")
        for index, trial in enumerate(idea.trials):
            if trial.authority not in idea.authorities:
                problems.add(idea.source, idea.lines.get(f"tested.{index}"),
                             f"'tested' names '{trial.authority}', which is not in the idea's 'authorities'")


def _check_names_unique(content: Content, problems: Problems) -> None:
    """Pages, lists and the disclosure audit tell authorities apart by name: two with one name would mix their
    figures."""
    first: dict[str, Authority] = {}
    for authority in content.authorities:
        other = first.setdefault(authority.name.strip().casefold(), authority)
        if other is not authority:
            problems.add(authority.source, authority.lines.get("name"),
                         f"the name '{authority.name}' is also the name of "
                         f"authorities/{other.source.parent.name}: expected each authority's own name")


def _check_change_idea_references(content: Content, problems: Problems) -> None:
    ideas = {i.slug for i in content.change_ideas} | content.change_idea_files
    for authority in content.authorities:
        documents = ([authority.poster] if authority.poster else []) + list(authority.newsletters)
        for document in documents:
            for index, slug in enumerate(document.change_ideas):
                if slug not in ideas:
                    problems.add(document.source, document.lines.get(f"change_ideas.{index}"),
                                 f"unknown change idea '{slug}' in 'change_ideas': expected the name of a file in "
                                 "content/change-ideas/ without .md")


def _warn(content: Content, problems: Problems) -> None:
    """What a reader would miss, but which need not stop a build."""
    for authority in content.authorities:
        for aim in authority.aims:
            national = content.config.national_aim(aim.national_aim)
            if national and national.start and aim.start and aim.start != national.start:
                problems.warn(authority.source, aim.line,
                              f"the aim '{aim.id}' starts at '{aim.start}', but national aim {national.id} starts at "
                              f"'{national.start}': the national overview compares it with aims that do")
    for authority in content.authorities:
        if not authority.newsletters:
            problems.warn(authority.source, None, f"{authority.name} has no newsletter yet (add one in newsletters/)")
        if authority.poster is None:
            problems.warn(authority.source, None, f"{authority.name} has no poster.md")
        if not authority.aims:
            problems.warn(authority.source, authority.lines.get("aims"), f"{authority.name} has no local aims")
    if not content.glossary:
        problems.warn("glossary.yml", None, "there is no glossary")


def _check_authority(authority: Authority, data: AuthorityData, problems: Problems) -> None:
    for aim in authority.aims:
        _check_aim_data(authority, aim, data, problems)
    _check_listed_aims(authority, problems)
    _check_named_aims(authority, problems)


def _check_aim_data(authority: Authority, aim: Any, data: AuthorityData, problems: Problems) -> None:
    """What the aim (a LocalAim) needs from the authority's data files and they lack: each on the aim's line."""
    journeys_read = data.journeys_file is not None and "journeys.csv" not in data.unreadable
    messages = _journeys_missing(aim, authority.slug, data, journeys_read)
    messages += _measure_missing(aim, authority.slug, data)
    messages += _locality_missing(aim, authority.slug, data, journeys_read)
    for message in messages:
        problems.add(authority.source, aim.line, message)


def _journeys_missing(aim: Any, slug: str, data: AuthorityData, journeys_read: bool) -> list[str]:
    """The journeys.csv the aim is measured from, if there is none; then each of its milestones without a column."""
    found = []
    if aim.from_journeys and data.journeys_file is None:
        found.append(f"the aim '{aim.id}' is measured from journeys, but there is no data/{slug}/journeys.csv")
    missing = [m for m in (aim.start, aim.end) if m and journeys_read and m not in data.milestone_columns]
    for milestone in missing:
        found.append(f"the aim '{aim.id}' uses the milestone '{milestone}', but "
                     f"data/{slug}/journeys.csv has no '{milestone}' column")
    return found


def _measure_missing(aim: Any, slug: str, data: AuthorityData) -> list[str]:
    """The aim's measure, if measures.csv was read and has no row of it."""
    if aim.measure and "measures.csv" not in data.unreadable and aim.measure not in {p.measure for p in data.measures}:
        return [f"the aim '{aim.id}' uses the measure '{aim.measure}', which is not in data/{slug}/measures.csv"]
    return []


def _locality_missing(aim: Any, slug: str, data: AuthorityData, journeys_read: bool) -> list[str]:
    """The aim's locality, if journeys.csv was read and no row of it has that locality."""
    if aim.locality and journeys_read and aim.locality not in data.localities:
        return [(f"the aim '{aim.id}' is for the locality '{aim.locality}', but no "
                 f"row of data/{slug}/journeys.csv has that locality")]
    return []


def _check_listed_aims(authority: Authority, problems: Problems) -> None:
    """An aim the poster lists (stated, not charted) is not one it charts too."""
    poster = authority.poster
    if poster is None:
        return
    for i, aim_id in enumerate(poster.listed_aim_ids):
        if aim_id in poster.aim_ids:
            problems.add(poster.source, poster.lines.get(f"aims_listed.{i}"),
                         f"the aim '{aim_id}' is in both 'aims' (charted) and 'aims_listed' (stated, not charted): "
                         "expected it in one of them")


def _check_named_aims(authority: Authority, problems: Problems) -> None:
    """Every aim a poster or newsletter names (charted, listed, or its driver diagram's) is one of the authority's."""
    aim_ids = {a.id for a in authority.aims}
    poster = authority.poster
    # (file, line, aim id) for every aim a poster or newsletter names
    named = [(d.source, d.lines.get(f"aims.{i}"), aim_id)
             for d in ([poster] if poster else []) + list(authority.newsletters)
             for i, aim_id in enumerate(d.aim_ids)]
    if poster:
        named += [(poster.source, poster.lines.get(f"aims_listed.{i}"), aim_id)
                  for i, aim_id in enumerate(poster.listed_aim_ids)]
        if poster.driver_diagram:
            named.append((poster.source, poster.lines.get("driver_diagram.aim"), poster.driver_diagram.aim_id))
    for source, line, aim_id in named:
        if aim_id not in aim_ids:
            problems.add(source, line, f"unknown aim '{aim_id}': expected one of {authority.name}'s aims "
                                       f"({', '.join(sorted(aim_ids)) or 'none defined'})")


def _check_dates_not_after(authority: Authority, data: AuthorityData, site_as_at: date, problems: Problems) -> None:
    as_at = authority.figures_as_at(site_as_at)
    for journey in data.journeys:
        for milestone, when in journey.dates.items():
            if when > as_at:
                problems.add(data.journeys_file or "journeys.csv", journey.row,
                             f"this date is after the data's as-at date {as_at} "
                             f"(data_as_at in {authority.slug}'s authority.md, else as_at in site.yml)", milestone)
