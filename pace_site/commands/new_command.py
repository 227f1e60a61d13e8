"""`pace-site new site|authority|newsletter|poster|change-idea`: filled-in starting files."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import click

from pace_site.commands import scaffold
from pace_site.model.content import SiteConfig
from pace_site.model.errors import Problems
from pace_site.read.config import load_config

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CONTENT = click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
                       show_default=True, help="The content folder holding site.yml.")


def on_terminal() -> bool:
    return sys.stdin.isatty()


def ask(value: str | None, option: str, question: str, default: str | None = None) -> str:
    """An option's value; when it is missing, a prompt on a terminal, else its default or an error."""
    if value:
        return value
    if on_terminal():
        return str(click.prompt(question, default=default))
    if default is not None:
        return default
    raise click.UsageError(f"give {option} (or run this in a terminal to be asked)")


def slug_of(value: str, what: str) -> str:
    if not SLUG.match(value):
        raise click.BadParameter(f"expected lower-case letters, digits and hyphens for {what}, found '{value}'")
    return value


def existing_authority(content: Path, slug: str) -> str:
    slug_of(slug, "--authority")
    if not (content / "authorities" / slug / "authority.md").is_file():
        raise click.ClickException(f"there is no authority '{slug}': {content / 'authorities' / slug / 'authority.md'} "
                                   "does not exist (make it with `pace-site new authority`)")
    return slug


def wrote(files: list[scaffold.NewFile]) -> None:
    scaffold.write_new(files)
    for file in files:
        click.echo(f"Wrote {file.path}")


@click.group()
def new() -> None:
    """Write a filled-in starting file (or a whole starter site); never over an existing file."""


@new.command("site")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The site's title.")
def new_site(folder: Path, title: str | None) -> None:
    """A starter site in FOLDER: `cd FOLDER && pace-site build` builds it."""
    wrote(scaffold.site_files(folder, ask(title, "--title", "Site title", "Our PACE reports")))
    click.echo(f"Now: cd {folder} && pace-site build. Replace every 'Replace this', and the sample authority's "
               "invented data, before publishing.")


@new.command("authority")
@click.argument("slug", required=False)
@click.option("--name", default=None, help="The authority's name, as pages show it.")
@CONTENT
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("data"), show_default=True)
def new_authority(slug: str | None, name: str | None, content: Path, data: Path) -> None:
    """A new authority: its authority.md and, until you import yours, invented data."""
    slug = slug_of(ask(slug, "SLUG", "Authority slug (its address, e.g. east-lothian)"), "the slug")
    name = ask(name, "--name", "Authority name", slug.replace("-", " ").title())
    config = site_config(content)
    if not config.communities:
        raise click.ClickException(f"{content / 'site.yml'} declares no communities: add one first")
    wrote(scaffold.authority_files(content, data, slug, name, config.communities[0].id, config.as_at))
    click.echo(f"The data is invented: replace it with `pace-site import TRACKER.csv --authority {slug} --replace`.")


def site_config(content: Path) -> SiteConfig:
    """site.yml, checked: a new authority's data ends at its as_at, and joins its first community."""
    problems = Problems(root=Path.cwd())
    config = load_config(content, problems)
    problems.raise_if_any()
    assert config is not None
    return config


@new.command("newsletter")
@click.option("--authority", default=None, help="The authority's slug.")
@click.option("--date", "month", default=None, help="The newsletter's month, YYYY-MM (default: this month).")
@click.option("--title", default=None)
@CONTENT
def new_newsletter(authority: str | None, month: str | None, title: str | None, content: Path) -> None:
    """A newsletter: content/authorities/SLUG/newsletters/YYYY-MM.md."""
    slug = existing_authority(content, ask(authority, "--authority", "Authority slug"))
    month = ask(month, "--date", "Month (YYYY-MM)", date.today().strftime("%Y-%m"))
    day = scaffold.month_end(month)
    title = ask(title, "--title", "Title", f"PACE news, {day.strftime('%B %Y')}")
    wrote([scaffold.newsletter_file(content, slug, month, title)])


@new.command("poster")
@click.option("--authority", default=None, help="The authority's slug.")
@click.option("--date", "day", default=None, help="The date its figures are computed at, YYYY-MM-DD (default: today).")
@click.option("--title", default=None)
@CONTENT
def new_poster(authority: str | None, day: str | None, title: str | None, content: Path) -> None:
    """The authority's Gathering PACE poster: content/authorities/SLUG/poster.md."""
    slug = existing_authority(content, ask(authority, "--authority", "Authority slug"))
    text = ask(day, "--date", "Date (YYYY-MM-DD)", date.today().isoformat())
    try:
        when = date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"expected a date written YYYY-MM-DD, found '{text}'") from None
    wrote([scaffold.poster_file(content, slug, ask(title, "--title", "Title", "Our PACE poster"), when)])


@new.command("change-idea")
@click.argument("slug", required=False)
@click.option("--title", default=None)
@click.option("--authority", "authorities", multiple=True, help="An authority that tested it (repeatable).")
@CONTENT
def new_change_idea(slug: str | None, title: str | None, authorities: tuple[str, ...], content: Path) -> None:
    """A change idea: content/change-ideas/SLUG.md."""
    slug = slug_of(ask(slug, "SLUG", "Change idea slug (e.g. two-week-review)"), "the slug")
    for authority in authorities:
        existing_authority(content, authority)
    title = ask(title, "--title", "Title", slug.replace("-", " ").capitalize())
    wrote([scaffold.change_idea_file(content, slug, title, authorities)])
