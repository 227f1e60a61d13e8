"""The Jinja environment (render/render.py): links between pages that work from disk and on any host, table rows
escaped as a template would escape them, and a user's theme before the default."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from pace_site.model.errors import PaceError
from pace_site.render.render import make_environment, relative_url, render_page, table_body, theme_folders
from pace_site.util.theme import DEFAULT_THEME


@pytest.mark.parametrize("page, target, link", [
    ("index.html", "authorities/highland/index.html", "authorities/highland/"),
    ("authorities/highland/index.html", "index.html", "../../"),
    ("authorities/highland/index.html", "authorities/highland/index.html", "./"),
    ("authorities/highland/index.html", "authorities/highland/data/current/aim-2.csv", "data/current/aim-2.csv"),
    ("national/index.html", "authorities/highland/poster/index.html", "../authorities/highland/poster/"),
    ("404.html", "static/site.css", "static/site.css"),
])
def test_a_link_is_relative_and_names_a_folder_not_its_index(page: str, target: str, link: str) -> None:
    """A reader opening the site from disk or under any path follows every link; folders read as folders."""
    assert relative_url(page, target) == link


segment = st.sampled_from(["authorities", "highland", "poster", "data", "national", "a b", "é"])
path = st.tuples(st.lists(segment, max_size=4), st.sampled_from(["index.html", "aim-2.csv", "site.css"]))


@given(page=path, target=path)
def test_every_link_followed_from_its_page_reaches_its_target(page: tuple[list[str], str],
                                                            target: tuple[list[str], str]) -> None:
    """From any page to any file: the link, read from the page's folder, lands on the file (a folder on its index)."""
    source, wanted = "/".join([*page[0], page[1]]), "/".join([*target[0], target[1]])
    link = relative_url(source, wanted)
    assert not link.startswith("/") and not link.endswith("index.html")
    landed = posixpath.join(posixpath.dirname(source), link)
    if link.endswith("/"):
        landed += "index.html"
    assert posixpath.normpath(landed) == posixpath.normpath(wanted)


HOSTILE_CELLS: list[list[Any]] = [
    ["<script>alert(1)</script>", 'say "hi"', "Tom & Jerry's", "plain"],
    [12, 7.5, None, Markup("<em>kept</em>")],
    ["", "[c]", "–", "\u202eevil"],
]


def test_table_rows_are_escaped_exactly_as_a_template_loop_escapes_them() -> None:
    """A table of a thousand children is written without a template loop, yet reads the same as if it had one."""
    env = make_environment(None)
    loop = env.from_string('{% for row in rows %}{{ indent }}<tr>{% for cell in row %}<td{{ style }}>{{ cell }}</td>'
                           '{% endfor %}</tr>\n{% endfor %}')
    style = 'color: "red" & <b>'
    assert str(table_body(HOSTILE_CELLS)) == loop.render(rows=HOSTILE_CELLS, indent="      ", style="")
    assert str(table_body(HOSTILE_CELLS, "  ", style)) == loop.render(rows=HOSTILE_CELLS, indent="  ",
                                                                      style=Markup(' style="%s"') % style)


def test_no_author_text_in_a_table_becomes_markup() -> None:
    """A label with <script> or a quote is shown as text: no new element or attribute appears in the page."""
    html = str(table_body([["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_the_search_path_puts_the_users_theme_first_and_the_default_once() -> None:
    """The user's theme is searched before the default, and naming the default as one's theme does not list it twice."""
    assert theme_folders(None) == [DEFAULT_THEME]
    assert theme_folders(DEFAULT_THEME) == [DEFAULT_THEME]
    assert theme_folders(Path("my-theme")) == [Path("my-theme"), DEFAULT_THEME]


def user_theme(tmp_path: Path, templates: dict[str, str]) -> Path:
    for name, text in templates.items():
        (tmp_path / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "templates" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_users_template_replaces_the_defaults_and_the_rest_come_from_the_default(tmp_path: Path) -> None:
    """A theme with only page.html: its pages use the user's page.html, every other page the default's."""
    env = make_environment(user_theme(tmp_path, {"page.html": "Mine: <a href=\"{{ url('index.html') }}\">home</a>"}))
    html = render_page(env, "page.html", "pages/about/index.html", {}).decode("utf-8")
    assert html == 'Mine: <a href="../../">home</a>'
    home = env.get_template("home.html").filename
    assert home is not None and Path(home).is_relative_to(DEFAULT_THEME)


def test_default_slash_reaches_the_default_of_a_template_the_user_replaces(tmp_path: Path) -> None:
    """`{% extends "default/page.html" %}` in the user's page.html extends the default one, not itself."""
    env = make_environment(user_theme(tmp_path, {"page.html": '{% extends "default/page.html" %}'}))
    mine, default = env.get_template("page.html").filename, env.get_template("default/page.html").filename
    assert mine is not None and Path(mine).is_relative_to(tmp_path)
    assert default is not None and Path(default).is_relative_to(DEFAULT_THEME)


def test_the_defaults_own_pages_use_a_partial_the_user_replaces(tmp_path: Path) -> None:
    """A user's partial is what the default templates include: one small file changes every page's part."""
    partials = sorted(p.name for p in (DEFAULT_THEME / "templates" / "partials").glob("*.html"))
    assert partials, "the default theme has no partials to replace"
    env = make_environment(user_theme(tmp_path, {f"partials/{partials[0]}": "mine"}))
    assert env.get_template(f"partials/{partials[0]}").render() == "mine"


@pytest.mark.parametrize("template, text, expected", [
    ("page.html", "Hello {{ nobody }}", ("the template page.html could not be rendered for pages/about/index.html: "
                                         "'nobody' is undefined")),
    ("page.html", "{% if x %}\nunclosed", "page.html, line 2 could not be rendered for pages/about/index.html"),
])
def test_a_broken_user_template_names_itself_the_page_and_the_fault(tmp_path: Path, template: str, text: str,
                                                                   expected: str) -> None:
    """A typo in a theme is an error naming the template (and line), the page being made and what Jinja found."""
    env = make_environment(user_theme(tmp_path, {template: text}))
    with pytest.raises(PaceError) as raised:
        render_page(env, template, "pages/about/index.html", {})
    assert expected in raised.value.message
