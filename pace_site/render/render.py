"""The Jinja environment: the user's theme before the default theme, as Pelican does.

A user theme folder may hold any one template; every other template comes
from the default theme. `{% extends "default/NAME.html" %}` reaches the
default version of the template it replaces.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from markupsafe import Markup, escape

from pace_site.model.errors import PaceError
from pace_site.model.formatting import format_day, format_month, format_number, format_percent
from pace_site.util.theme import DEFAULT_THEME

# A link from the site's root (/page/), made relative by the link stage and in e-mails.
ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)([^"]*)"')


def theme_folders(user_theme: Path | None) -> list[Path]:
    """The theme search path, the user's theme first."""
    folders = [user_theme] if user_theme and user_theme.resolve() != DEFAULT_THEME else []
    return folders + [DEFAULT_THEME]


def make_environment(user_theme: Path | None) -> Environment:
    folders = [str(folder / "templates") for folder in theme_folders(user_theme)]
    loader = ChoiceLoader([
        FileSystemLoader(folders),
        PrefixLoader({"default": FileSystemLoader(str(DEFAULT_THEME / "templates"))}),
    ])
    env = Environment(loader=loader, autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(month=format_month, day=format_day, percent=format_percent, number=format_number,
                       table_body=table_body)
    return env


def relative_url(from_path: str, to_path: str) -> str:
    """A link from one output file to another that works on any host and from disk."""
    start = posixpath.dirname(from_path) or "."
    target = posixpath.relpath(to_path, start)
    if target.endswith("index.html"):
        target = target[: -len("index.html")] or "./"
    return target


def render_page(env: Environment, template: str, output_path: str, context: dict[str, Any]) -> bytes:
    def url(target: str) -> str:
        return relative_url(output_path, target)

    try:
        html = env.get_template(template).render(url=url, output_path=output_path, **context)
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f"{getattr(error, 'filename', template)}, line {line}" if line else template
        raise PaceError(f"the template {where} could not be rendered for {output_path}: {error.message}") from error
    return html.encode("utf-8")


def table_body(rows: Iterable[Iterable[Any]], indent: str = "      ", cell_style: str = "") -> Markup:
    """A data table's rows as a template loop of `<tr><td>{{ cell }}</td></tr>` lines writes them, escaped as
    Jinja escapes: a run chart's table has a row per child, too many to loop over in a template."""
    td = f'<td style="{_escaped(cell_style)}">' if cell_style else "<td>"
    return Markup("".join(indent + "<tr>" + "".join(f"{td}{_escaped(cell)}</td>" for cell in row) + "</tr>\n"
                          for row in rows))


def _escaped(cell: Any) -> str:
    if isinstance(cell, str) and not _MARKUP_SPECIAL.search(cell):
        return cell
    return str(escape(cell))


_MARKUP_SPECIAL = re.compile(r"[&<>\"']")


