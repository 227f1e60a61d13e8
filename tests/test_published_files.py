"""Nothing unlinked is published: every file of the site is one a page, a feed or a style sheet refers to.

A file no page links is still read by whoever lists the folder or guesses its name (the chart CSVs sit
at predictable paths), and it says what no page says: a chart's CSV whose chart is withheld undoes the
withholding. The reader here is independent of the build's own link code: html.parser and two regexes.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Files no page needs to link: the build's marker, and the search index, which the search page's script loads.
NOT_LINKED_BY_DESIGN = re.compile(r"^(\.pace-site|pagefind/.*)$")


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def references(path: str, text: str) -> set[str]:
    """The site paths a page, feed or style sheet at `path` refers to."""
    if path.endswith(".html"):
        parser = _References()
        parser.feed(text)
        links = parser.found
    elif path.endswith(".css"):
        links = re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
    else:  # feeds: Atom links and entries
        links = re.findall(r'href="([^"]+)"', text)
    return {target for link in links if (target := site_path(path, link))}


def site_path(page: str, link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or link.startswith("//") or not parts.path:
        return None
    path = unquote(parts.path)
    base = "" if path.startswith("/") else posixpath.dirname(page)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return posixpath.join(joined, "index.html") if path.endswith("/") or joined == "." else joined


def unreferenced(site: Path) -> list[str]:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    referred: set[str] = set()
    for path in files:
        if path.endswith((".html", ".css", ".xml")):
            found = references(path, (site / path).read_text(encoding="utf-8"))
            referred |= found | {posixpath.join(target, "index.html") for target in found}
    return sorted(f for f in files if f not in referred and f != "index.html" and not NOT_LINKED_BY_DESIGN.match(f))


def test_every_file_of_the_example_site_is_one_a_page_refers_to(example_site: Path) -> None:
    assert unreferenced(example_site.resolve()) == []


def test_a_withheld_posters_chart_publishes_no_csv(example_site: Path) -> None:
    """Westshire's poster withholds its aim 2 waiting chart: the CSV of its rows, which gave the "fewer than 5"
    away as exactly 4, is not written either."""
    site = example_site.resolve()
    assert (site / "authorities/westshire/poster/index.html").is_file()
    assert not (site / "authorities/westshire/data/poster/aim-2-waiting.csv").exists()


def test_an_unlinked_file_is_found(tmp_path: Path) -> None:
    """The check itself: a CSV no page links is reported, one a page links is not."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data/shown.csv").write_text("a\n1\n")
    (tmp_path / "data/hidden.csv").write_text("a\n1\n")
    (tmp_path / "index.html").write_text('<a href="data/shown.csv">CSV</a>')
    assert unreferenced(tmp_path) == ["data/hidden.csv"]
