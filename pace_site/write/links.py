"""Internal links: written from the site root by authors, made relative, and checked.

An author links to another page as `/change-ideas/two-week-review/`; the build
turns that into a link relative to the page, so the site works under any base
address and from disk. Every internal link and image must resolve to a file
the build writes, or the build fails naming the source file and line.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from pace_site.model.errors import Problems
from pace_site.model.output_file import OutputFile
from pace_site.render.render import ROOT_LINK, relative_url
from pace_site.util.cache import BuildCache, digest
from pace_site.util.parallel import ordered_map


def make_relative(html: str, page_path: str) -> str:
    """Rewrite root-relative links ("/about/") as links relative to the page."""
    def replace(match: re.Match[str]) -> str:
        target, _, fragment = match.group(2).partition("#")
        if not target or target.endswith("/"):
            target += "index.html"
        link = relative_url(page_path, target) + (f"#{fragment}" if fragment else "")
        return f'{match.group(1)}{link}"'

    return ROOT_LINK.sub(replace, html)


# The pages are HTML this build wrote itself (templates escaped by Jinja, Markdown sanitised by nh3),
# so a tokenizer of a few regular expressions reads their links as html.parser would, many times
# faster: comments and the text of <script> and <style> hold no links (a <script>'s own src does);
# a quoted attribute value may hold '>'. tests/test_links.py checks it against html.parser.
_TOKEN = re.compile(r"""<!--.*?(?:-->|$)|<(script|style)\b((?:[^>"']|"[^"]*"|'[^']*')*)>.*?(?:</\1\s*>|$)"""
                    r"""|<[a-zA-Z][^\s/>]*((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")


def all_links(html: str) -> list[str]:
    """Every href and src of every tag, in order, with character references resolved."""
    found = []
    for token in _TOKEN.finditer(html):
        attributes = token.group(2) or token.group(3)
        if not attributes or ("href" not in attributes.lower() and "src" not in attributes.lower()):
            continue
        for attribute in _ATTRIBUTE.finditer(attributes):  # html.parser's own attribute pattern, in order
            name, value = attribute.group(1).lower(), attribute.group(3)
            if name in ("href", "src") and value:
                value = value[1:-1] if value[:1] == value[-1:] and value[:1] in "'\"" else value
                if value:
                    found.append(unescape(value) if "&" in value else value)
    return found


def internal_links(html: str) -> list[str]:
    return [link for link in all_links(html) if not urlsplit(link).scheme and not link.startswith(("//", "#"))]


Links = tuple[list[str], list[str]]  # a page's images from another host, and its internal links


def check_links(files: list[OutputFile], problems: Problems, generated: frozenset[str] = frozenset(),
                jobs: int = 0, cache: BuildCache | None = None, known: dict[str, Links] | None = None) -> None:
    """Every internal link and image in every page resolves to a file of the site (or one written after the
    pages, such as the search index's `generated` files); no image comes from elsewhere. `known`: the links
    of pages already read (by path), such as the rendered pages' (pipeline.render_pages)."""
    known = known or {}
    written = {f.path for f in files} | generated
    pages = [file for file in files if file.path.endswith(".html")]
    unread = [page for page in pages if page.path not in known]
    found = dict(known) | {page.path: links
                           for page, links in zip(unread, page_links(unread, jobs, cache), strict=True)}
    for file in pages:
        images, links = found[file.path]
        for image in images:
            problems.add(file.source, _line_in_source(file.source, image),
                         f"the image '{image}' is on another host: put it in content/files/ and link it as "
                         "/files/NAME, so that no page makes a request to another host")
        for link in links:
            target = resolve(file.path, link)
            if target not in written and posixpath.join(target, "index.html") not in written:
                problems.add(file.source, _line_in_source(file.source, link),
                             f"the link '{link}' on {file.path} goes to no page or file of the site")


def page_links(pages: list[OutputFile], jobs: int, cache: BuildCache | None) -> list[Links]:
    """Each page's images from another host and internal links; from the cache for a page of the same bytes."""
    if cache is None:
        return ordered_map(_links_of, pages, jobs)
    keys = [digest("links", page.content) for page in pages]
    found: list[Links | None] = [cache.lookup("links", key) for key in keys]
    missing = [index for index, links in enumerate(found) if links is None]
    for index, links in zip(missing, ordered_map(_links_of, [pages[i] for i in missing], jobs), strict=True):
        found[index] = links
        cache.store("links", keys[index], links)
    return cast(list[Links], found)  # each None was filled in above


def _links_of(page: OutputFile) -> Links:
    return links_in(page.content.decode("utf-8"))


def links_in(html: str) -> Links:
    """A page's images from another host, and its internal links (as written: root-relative, or not)."""
    return re.findall(r'<img[^>]*\ssrc="((?:[a-z]+:)?//[^"]*)"', html), internal_links(html)


def resolve(page: str, link: str) -> str:
    """The path inside the site a link on `page` leads to."""
    path = unquote(urlsplit(link).path)
    base = "" if path.startswith("/") else posixpath.dirname(page)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return (posixpath.normpath(posixpath.join(joined, "index.html")) if path.endswith("/") or path in ("", ".")
            else joined)


def _line_in_source(source: str, link: str) -> int | None:
    """The line of the source file the link was written on, when it was written there."""
    path = Path(source)
    if not path.is_file():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if f"({link})" in line or f'"{link}"' in line or f"({link} " in line:
            return number
    return None
