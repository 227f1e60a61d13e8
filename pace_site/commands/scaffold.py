"""The starting files `pace-site new` writes: rendered from pace_site/starter/, never over a file."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import click
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pace_site.commands.sample_data import invented_journeys

STARTER = Path(str(resources.files("pace_site.starter")))
STARTER_AS_AT = date(2024, 12, 1)  # the starter's invented data is known up to here


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str


def render(template: str, **context: Any) -> str:
    env = Environment(loader=FileSystemLoader(str(STARTER)), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)  # JSON strings are YAML
    return env.get_template(template).render(**context)


def write_new(files: list[NewFile]) -> None:
    """Write every file, or none if any already exists: nothing a user wrote is overwritten."""
    existing = [f.path for f in files if f.path.exists() or f.path.is_symlink()]
    if existing:
        raise click.ClickException("not written, because these already exist (move or delete them first): "
                                   + ", ".join(str(p) for p in existing))
    for file in files:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        with open(file.path, "x", encoding="utf-8", newline="\n") as out:  # "x": never replace a file
            out.write(file.text)


def month_end(month: str) -> date:
    """'2020-10' -> 2020-10-31: a newsletter's figures are as at the end of its month."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}", month):
            raise ValueError
        year, number = (int(part) for part in month.split("-"))
        return date(year, number, calendar.monthrange(year, number)[1])
    except ValueError:
        raise click.BadParameter(f"expected a month written YYYY-MM, found '{month}'") from None


def authority_files(content: Path, data: Path, slug: str, name: str, community: str, as_at: date,
                     seed: int = 1, children: int = 90) -> list[NewFile]:
    """An authority.md with two placeholder aims, and invented data up to `as_at` so that it builds at once."""
    joined = date(as_at.year - 5, 1, 1)
    deadline = date(as_at.year - 1, 12, 31)
    context = {"slug": slug, "name": name, "community": community, "joined": joined,
               "contact": f"pace@{slug}.example.org", "as_at": as_at,
               "deadline": deadline, "deadline_month": deadline.strftime("%B %Y")}
    return [NewFile(content / "authorities" / slug / "authority.md", render("authority.md", **context)),
            NewFile(data / slug / "journeys.csv", invented_journeys(children, joined, as_at, seed))]


def newsletter_file(content: Path, slug: str, month: str, title: str) -> NewFile:
    return NewFile(content / "authorities" / slug / "newsletters" / f"{month}.md",
                   render("newsletter.md", title=title, date=month_end(month)))


def poster_file(content: Path, slug: str, title: str, day: date) -> NewFile:
    return NewFile(content / "authorities" / slug / "poster.md", render("poster.md", title=title, date=day))


def change_idea_file(content: Path, slug: str, title: str, authorities: tuple[str, ...]) -> NewFile:
    return NewFile(content / "change-ideas" / f"{slug}.md",
                   render("change-idea.md", title=title, authorities=", ".join(authorities)))


PAGES = {"about": ("About PACE", "what PACE is and what this site publishes"),
         "accessibility": ("Accessibility statement", "your accessibility statement"),
         "privacy": ("Data and privacy", "how the data on this site was anonymised and who to ask about it")}


def site_files(folder: Path, title: str) -> list[NewFile]:
    """A whole starter site: site.yml, glossary, pages, one sample authority with a poster,
    a newsletter, a change idea and a learning point. Invented files say `example: true`."""
    content, data, slug = folder / "content", folder / "data", "sample-authority"
    files = [NewFile(content / "site.yml", render("site.yml", title=title, as_at=STARTER_AS_AT,
                                                  contact="pace@example.org")),
             NewFile(content / "glossary.yml", render("glossary.yml"))]
    files += [NewFile(content / "pages" / f"{name}.md", render("page.md", title=page_title, what=what))
              for name, (page_title, what) in PAGES.items()]
    files += authority_files(content, data, slug, "Sample authority", "our-community", STARTER_AS_AT)
    files += [poster_file(content, slug, "PACE in Sample authority", STARTER_AS_AT),
              newsletter_file(content, slug, "2024-11", "PACE in Sample authority, November 2024"),
              change_idea_file(content, "replace-this-change-idea", "Replace this with a change idea you tested",
                               (slug,)),
              NewFile(content / "learning" / "replace-this-learning-point.md", render("learning.md", slug=slug))]
    return files
