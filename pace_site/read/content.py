"""Reading the content folder: authorities, posters, newsletters, change ideas, learning."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from pace_site.model.content import (
    MEASURE_KINDS,
    Authority,
    ChangeIdea,
    Content,
    DriverDiagram,
    GlossaryTerm,
    LearningPoint,
    LocalAim,
    Marker,
    Newsletter,
    Page,
    Poster,
    PrimaryDriver,
    SecondaryDriver,
    SiteConfig,
    Trial,
    Webinar,
)
from pace_site.model.disclosure import PER_CHILD_POLICIES
from pace_site.model.errors import Problems, reading
from pace_site.read import schema
from pace_site.read.fields import Fields
from pace_site.read.identity import looks_like_data
from pace_site.read.issues import issue_number
from pace_site.read.markup import read_body, slugify, split_sections, to_html
from pace_site.read.poster_design import read_forcefield, read_sheet, read_tests_of_change, read_timeline
from pace_site.read.report_documents import read_report
from pace_site.read.sourcefile import SourceDocument, read_document, read_yaml_file

STATUSES = ("testing", "adopted", "abandoned")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NEWSLETTER_NAME = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
Item = TypeVar("Item")


def load_content(content_dir: Path, config: SiteConfig, problems: Problems) -> Content:
    """Read every content file; problems are collected, never raised here."""
    return Content(
        config=config,
        authorities=tuple(_load_authorities(content_dir / "authorities", config, problems)),
        change_ideas=tuple(_load_each(content_dir / "change-ideas", config, problems, _change_idea)),
        learning=tuple(_load_each(content_dir / "learning", config, problems, _learning_point)),
        glossary=_load_glossary(content_dir / "glossary.yml", problems),
        pages=tuple(_load_each(content_dir / "pages", config, problems, _page)),
        reports=tuple(_load_each(content_dir / "reports", config, problems, read_report)),
        authority_folders=frozenset(p.name for p in (content_dir / "authorities").iterdir() if p.is_dir())
        if (content_dir / "authorities").is_dir() else frozenset(),
        change_idea_files=frozenset(p.stem for p in (content_dir / "change-ideas").glob("*.md")),
    )


def _markdown_files(folder: Path, problems: Problems) -> list[tuple[str, Path]]:
    """The .md files in a folder, sorted, each with its slug (the file name)."""
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if SLUG_PATTERN.match(path.stem) and len(path.stem) <= schema.ID_LENGTH:
            found.append((path.stem, path))
        else:
            problems.add(path, None, "expected a file name of lower-case letters, digits and hyphens, at most "
                                     f"{schema.ID_LENGTH} characters (it becomes the page address)")
    return found


def _load_each(folder: Path, config: SiteConfig, problems: Problems,
               reader: Callable[[str, SourceDocument, SiteConfig, Problems], Item]) -> Iterator[Item]:
    for slug, path in _markdown_files(folder, problems):
        with reading(path, problems):
            document = read_document(path, problems)
            if document is not None:
                yield reader(slug, document, config, problems)


def _load_authorities(folder: Path, config: SiteConfig, problems: Problems) -> list[Authority]:
    authorities = []
    for path in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        if not SLUG_PATTERN.match(path.name) or len(path.name) > schema.ID_LENGTH:
            problems.add(path, None, "expected a folder name of lower-case letters, digits and hyphens, at most "
                                     f"{schema.ID_LENGTH} characters (it becomes the authority's address)")
            continue
        with reading(path / "authority.md", problems):
            authority = _load_authority(path, config, problems)
            if authority is not None:
                authorities.append(authority)
    return authorities


def _load_authority(folder: Path, config: SiteConfig, problems: Problems) -> Authority | None:
    """The profile with its poster and newsletters; when the profile is broken, the others are still checked."""
    profile = folder / "authority.md"
    if not profile.is_file():
        problems.add(profile, None, "every authority folder needs an authority.md profile")
    document = read_document(profile, problems) if profile.is_file() else None
    poster = None
    with reading(folder / "poster.md", problems):
        poster = _poster(folder / "poster.md", problems)
    newsletters = tuple(_newsletters(folder / "newsletters", problems))
    if document is None:
        return None
    return replace(_authority(folder.name, document, config, problems), poster=poster, newsletters=newsletters)


def _authority(slug: str, document: SourceDocument, config: SiteConfig, problems: Problems) -> Authority:
    fields = checked_fields(document, schema.AUTHORITY, problems)
    aims = tuple(_local_aim(item, config) for item in fields.items("aims"))
    _refuse_duplicate_ids(fields, "aims", [a.id for a in aims])
    communities = _communities(fields, config)
    return Authority(
        slug=slug,
        name=fields.text("name"),
        community=communities[0] if communities else "",
        communities=communities,
        joined=fields.date("joined") or config.as_at,
        contact=fields.text("contact"),
        data_as_at=fields.date("data_as_at", required=False),
        per_child=fields.choice("per_child", PER_CHILD_POLICIES, "per-child policy", required=False),
        localities=declared_localities(fields),
        aims=aims,
        sections=split_sections(document.body),
        source=document.meta.path,
        lines=document.meta.dotted_lines(),
        example=fields.flag("example"),
    )


def declared_localities(fields: Fields) -> tuple[str, ...]:
    """`localities: [Caithness, Inverness]`: all that journeys.csv's locality column may hold."""
    names = []
    for index, name in fields.text_list("localities"):
        if looks_like_data([name]):
            fields.problems.add(fields.source.path, fields.source.line("localities", index),
                                "expected the name of a place, not a date, number, postcode or contact detail "
                                f"(item {index + 1} of 'localities')")
        elif name:
            names.append(name)
    return tuple(dict.fromkeys(names))


def read_localities(content_dir: Path, slug: str, problems: Problems) -> tuple[str, ...]:
    """The localities one authority declares, read from its authority.md alone (for `import`)."""
    document = read_document(content_dir / "authorities" / slug / "authority.md", problems)
    return declared_localities(Fields(document.meta, problems)) if document is not None else ()


def _end_by_route(fields: Fields, config: SiteConfig) -> tuple[tuple[str, str], ...]:
    """`end_by_route: {kinship: order_granted, adoption: order_granted}`: a route's own end milestone."""
    settings = fields.sub("end_by_route")
    if settings is None:
        return ()
    routes, milestones = [r.id for r in config.routes], [m.id for m in config.milestones]
    found = []
    for route in settings.values:
        end = settings.choice(str(route), milestones, "milestone")
        if str(route) not in routes:
            settings.problem(str(route), f"unknown route '{route}' in 'end_by_route': "
                                         f"expected one of {', '.join(routes)}")
        elif end:
            found.append((str(route), end))
    return tuple(found)
def _communities(fields: Fields, config: SiteConfig) -> tuple[str, ...]:
    """`community: islands`, `community: [islands, data-leads]` or `communities: [...]`: at least one."""
    allowed = [c.id for c in config.communities]
    if "communities" in fields.values and "community" in fields.values:
        fields.problem("communities", "give either 'community' or 'communities', not both")
    key = "communities" if "communities" in fields.values else "community"
    found = fields.choices(key, allowed, "community of practice", required=True)
    if fields.values.get(key) == []:
        fields.problem(key, f"expected '{key}' to name at least one community of practice: {', '.join(allowed)}")
    return tuple(dict.fromkeys(found))


def _local_aim(fields: Fields, config: SiteConfig) -> LocalAim:
    milestones = [m.id for m in config.milestones]
    measure = fields.text("measure", required=False) or None
    national = fields.choice("national_aim", [str(a.id) for a in config.national_aims], "national aim", required=False)
    aim = LocalAim(
        id=fields.text("id"),
        statement=fields.text("statement"),
        target=fields.number("target", 0, 100) or 0.0,
        cohort_start=fields.date("cohort_start") or config.as_at,
        deadline=fields.date("deadline") or config.as_at,
        national_aim=int(national) if national else None,
        start=_milestone(fields, "start", milestones, measure),
        end=_milestone(fields, "end", milestones, measure),
        timescale=None if measure else fields.timescale("timescale"),
        measure=measure,
        measure_kind=_measure_kind(fields, measure),
        locality=fields.text("locality", required=False) or None,
        routes=fields.choices("routes", [r.id for r in config.routes], "route"),
        age_bands=fields.choices("age_bands", config.age_bands, "age band"),
        cohort_end=fields.date("cohort_end", required=False),
        end_by_route=_end_by_route(fields, config),
        by_route=fields.flag("by_route"),
        better=_better(fields, measure),
        baseline_until=fields.date("baseline_until", required=False),
        phases=_markers(fields, "phases"),
        changes=_markers(fields, "changes"),
        sustained=_sustained(fields),
        line=fields.line(),
    )
    _check_milestone_order(fields, aim, milestones)
    return aim


def _milestone(fields: Fields, key: str, milestones: list[str], measure: str | None) -> str | None:
    """The aim's start or end milestone; none for an aim measured from measures.csv (its key is not read)."""
    return None if measure else fields.choice(key, milestones, "milestone")


def _measure_kind(fields: Fields, measure: str | None) -> str:
    """A measured aim's kind of measure, a percentage unless it says; a percentage for any other aim."""
    if not measure:
        return "percentage"
    return fields.choice("measure_kind", MEASURE_KINDS, "measure kind", required=False) or "percentage"


def _better(fields: Fields, measure: str | None) -> str:
    """Which way is better: as the aim says, else higher for a measured aim and lower for one in weeks."""
    chosen = fields.choice("better", ("lower", "higher"), "direction", required=False)
    return chosen or ("higher" if measure else "lower")


def _sustained(fields: Fields) -> int | None:
    """How many points on one side of the median start a new phase (None: phases are not split)."""
    return int(fields.number("sustained", 2, 100, required=False) or 0) or None


def _check_milestone_order(fields: Fields, aim: LocalAim, milestones: list[str]) -> None:
    if aim.start and aim.end and milestones.index(aim.end) <= milestones.index(aim.start):
        fields.problem("end", f"the end milestone '{aim.end}' must come after the start milestone '{aim.start}'")


def _markers(fields: Fields, key: str) -> tuple[Marker, ...]:
    """Dated labels: `- date: 2018-05-01` with `label: Two week reviews start`."""
    found = [(item.date("date"), item.text("label")) for item in fields.items(key)]
    return tuple(sorted((Marker(when, label) for when, label in found if when), key=lambda m: m.date))


def _refuse_duplicate_ids(fields: Fields, key: str, ids: list[str]) -> None:
    for index, item_id in enumerate(ids):
        if item_id and item_id in ids[:index]:
            fields.problems.add(fields.source.path, fields.source.line(key, index),
                                f"the aim id '{item_id}' is used twice: each aim needs its own id")


def checked_fields(document: SourceDocument, kind: schema.Key, problems: Problems) -> Fields:
    """A document's front matter, once its fields are checked against the schema of its kind of file."""
    schema.check(document.meta, kind, problems)
    return Fields(document.meta, problems)


def _poster(path: Path, problems: Problems) -> Poster | None:
    if not path.is_file():
        return None
    document = read_document(path, problems)
    if document is None:
        return None
    fields = checked_fields(document, schema.POSTER, problems)
    sections, figures = read_body(document, problems)
    return Poster(
        title=fields.text("title"),
        event=fields.text("event", required=False),
        date=fields.date("date") or date.min,
        aim_ids=tuple(item for _, item in fields.text_list("aims")),
        listed_aim_ids=tuple(item for _, item in fields.text_list("aims_listed")),
        sections=sections,
        figures=figures,
        driver_diagram=_driver_diagram(fields.sub("driver_diagram")),
        source=path,
        change_ideas=tuple(item for _, item in fields.text_list("change_ideas")),
        lines=document.meta.dotted_lines(),
        example=fields.flag("example"),
        source_text=fields.text("source", required=False),
        sheet=read_sheet(fields),
        forcefield=read_forcefield(fields.sub("forcefield")),
        timeline=read_timeline(fields),
        tests_of_change=read_tests_of_change(fields),
    )


def _driver_diagram(fields: Fields | None) -> DriverDiagram | None:
    if fields is None:
        return None
    primary = tuple(PrimaryDriver(item.text("driver"), _secondary_drivers(item))
                    for item in fields.items("primary", required=True))
    return DriverDiagram(fields.text("aim"), primary)


def _secondary_drivers(fields: Fields) -> tuple[SecondaryDriver, ...]:
    """Each secondary driver is a text, or `driver: ...` with the `change_ideas: [slug]` tested for it."""
    values = fields.values.get("secondary")
    if not isinstance(values, list) or not any(isinstance(v, dict) for v in values):
        return tuple(SecondaryDriver(text) for _, text in fields.text_list("secondary"))
    found = []
    for index, value in enumerate(values):
        if isinstance(value, dict):
            item = Fields(fields.source, fields.problems, fields.prefix + ("secondary", index))
            found.append(SecondaryDriver(item.text("driver"),
                                         tuple(slug for _, slug in item.text_list("change_ideas"))))
        elif value is not None:
            found.append(SecondaryDriver(str(value).strip()))
    return tuple(found)


def _newsletters(folder: Path, problems: Problems) -> list[Newsletter]:
    newsletters = []
    for slug, path in _markdown_files(folder, problems):
        if not NEWSLETTER_NAME.match(slug):
            problems.warn(path, None, "expected a newsletter's file name to be its year and month, YYYY-MM.md "
                                      "(such as 2018-04.md)")
        with reading(path, problems):
            newsletter = _newsletter(slug, path, problems)
            if newsletter is not None:
                newsletters.append(newsletter)
    return sorted(newsletters, key=lambda n: n.date, reverse=True)


def _newsletter(slug: str, path: Path, problems: Problems) -> Newsletter | None:
    document = read_document(path, problems)
    if document is None:
        return None
    fields = checked_fields(document, schema.NEWSLETTER, problems)
    sections, figures = read_body(document, problems)
    return Newsletter(
        slug=slug,
        title=fields.text("title"),
        date=fields.date("date") or date.min,
        summary=fields.text("summary", required=False),
        aim_ids=tuple(item for _, item in fields.text_list("aims")),
        sections=sections,
        figures=figures,
        source=path,
        change_ideas=tuple(item for _, item in fields.text_list("change_ideas")),
        lines=document.meta.dotted_lines(),
        example=fields.flag("example"),
        source_text=fields.text("source", required=False),
        issue=issue_number(fields),
    )


def _change_idea(slug: str, document: SourceDocument, config: SiteConfig, problems: Problems) -> ChangeIdea:
    fields = checked_fields(document, schema.CHANGE_IDEA, problems)
    aim_ids = [str(a.id) for a in config.national_aims] + ["all"]
    return ChangeIdea(
        slug=slug,
        title=fields.text("title"),
        aims=fields.choices("aims", aim_ids, "national aim", required=True),
        themes=fields.choices("themes", [t.id for t in config.themes], "theme"),
        authorities=tuple(item for _, item in fields.text_list("authorities")),
        status=fields.choice("status", STATUSES, "status") or "testing",
        html=to_html(document.body),
        source=document.meta.path,
        lines=document.meta.dotted_lines(),
        example=fields.flag("example"),
        source_text=fields.text("source", required=False),
        webinars=tuple(_webinar(item) for item in fields.items("webinars")),
        trials=tuple(_trial(item) for item in fields.items("tested")),
    )


def _webinar(fields: Fields) -> Webinar:
    link = fields.text("link", required=False)
    if link and not (link.startswith("/") or link.startswith("https://")):
        fields.problem("link", "expected 'link' to be a site address starting with '/' or an https:// address, "
                               f"found '{link}'")
        link = ""
    return Webinar(fields.text("title"), fields.date("date", required=False), link)


def _trial(fields: Fields) -> Trial:
    """`tested:` entries: `- authority: midlothian`, `status: adopted`, optional `started:` and `ended:`."""
    return Trial(fields.text("authority"), fields.choice("status", STATUSES, "status") or "testing",
                 fields.date("started", required=False), fields.date("ended", required=False))


def _learning_point(slug: str, document: SourceDocument, config: SiteConfig, problems: Problems) -> LearningPoint:
    fields = checked_fields(document, schema.LEARNING_POINT, problems)
    return LearningPoint(
        slug=slug,
        title=fields.text("title"),
        theme=fields.choice("theme", [t.id for t in config.themes], "theme") or "",
        source_text=fields.text("source"),
        authority=fields.text("authority", required=False) or None,
        html=to_html(document.body),
        source=document.meta.path,
        lines=document.meta.dotted_lines(),
        example=fields.flag("example"),
        source_link=_site_path(fields, "source_link"),
    )


def _site_path(fields: Fields, key: str) -> str:
    path = fields.text(key, required=False)
    if path and not path.startswith("/"):
        fields.problem(key, f"expected '{key}' to be an address on this site starting with '/', found '{path}'")
        return ""
    return path


# Addresses the site uses for its own pages: a free page may not take them.
RESERVED_SLUGS = ("assets", "authorities", "change-ideas", "communities", "files", "gathering-pace", "glossary",
                  "index", "learning", "national", "newsletters", "pagefind", "search")


def _page(slug: str, document: SourceDocument, config: SiteConfig, problems: Problems) -> Page:
    fields = checked_fields(document, schema.PAGE, problems)
    if slug in RESERVED_SLUGS:
        problems.add(document.meta.path, None, f"the page name '{slug}' is already an address of the site: "
                                               f"rename the file (not one of {', '.join(RESERVED_SLUGS)})")
    sections, figures = read_body(document, problems)
    return Page(slug, fields.text("title"), sections, document.meta.path, fields.flag("example"), figures)


def _load_glossary(path: Path, problems: Problems) -> tuple[GlossaryTerm, ...]:
    if not path.is_file():
        return ()
    located = read_yaml_file(path, problems)
    if located is None:
        return ()
    schema.check(located, schema.GLOSSARY, problems)
    if not isinstance(located.data, list):
        problems.add(path, 1, "expected the glossary to be a list of entries, "
                              "each '- term: ...' with a 'definition: ...'")
        return ()
    wrapper = type(located)(located.path, {"terms": located.data},
                            {("terms",) + k: v for k, v in located.lines.items()})
    terms = [(item.text("term"), item.text("definition")) for item in Fields(wrapper, problems).items("terms")]
    return tuple(GlossaryTerm(term, slugify(term), to_html(definition))
                 for term, definition in sorted(terms, key=lambda t: t[0].lower()) if term)
