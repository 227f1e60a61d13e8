"""Reading and rewriting the sanitised HTML of Markdown sections with a real HTML parser.

`plain_text` gives the words of a fragment (for the change ideas filter); `TermMarker` links the first
use of each glossary term on a page to its entry, with the definition as the link's description,
and never inside a heading, a link, code, an abbreviation or a chart.
"""

from __future__ import annotations

import functools
import re
from html import escape
from html.parser import HTMLParser

from pace_site.model.content import GlossaryTerm

# Text inside these is never marked: headings, links, code, abbreviations and charts.
NO_MARKING = {"a", "abbr", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "svg",
              "script", "style", "button", "label", "summary", "dt"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


INLINE = {"a", "abbr", "b", "code", "del", "em", "i", "small", "span", "strong", "sub", "sup", "kbd", "samp"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.parts.append(" ")  # words in two paragraphs or cells are two words

    def handle_endtag(self, tag: str) -> None:
        self.handle_starttag(tag, [])

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """The words of an HTML fragment, with runs of white space made single spaces."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())


def term_variants(term: str) -> list[str]:
    """'Agency Decision Maker (ADM)' is used as itself, as 'Agency Decision Maker' and as 'ADM'."""
    match = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", term)
    variants = [term.strip()] + ([match.group(1), match.group(2)] if match else [])
    return sorted({v for v in variants if len(v) >= 2}, key=len, reverse=True)


def _pattern(variant: str) -> re.Pattern[str]:
    # An abbreviation (all capitals) must match exactly; a phrase matches in any case.
    flags = 0 if variant.upper() == variant else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(variant) + r"(?![\w-])", flags)


@functools.lru_cache(maxsize=4)
def _prepared(terms: tuple[GlossaryTerm, ...]) -> tuple[list[tuple[re.Pattern[str], GlossaryTerm]], dict[str, str]]:
    """The patterns and plain-text definitions, once per glossary rather than once per page."""
    return ([(_pattern(v), t) for t in terms for v in term_variants(t.term)],
            {t.anchor: plain_text(t.definition) for t in terms})


class TermMarker:
    """Marks the first use of each term on one page; make one per page, call `mark` in reading order."""

    def __init__(self, terms: tuple[GlossaryTerm, ...], glossary_href: str) -> None:
        self.glossary_href = glossary_href
        self.entries, self.definitions = _prepared(terms)
        self.seen: set[str] = set()

    def mark(self, html: str) -> str:
        if not self.entries or len(self.seen) == len(self.definitions):
            return html
        rewriter = _Rewriter(self)
        rewriter.feed(html)
        rewriter.close()
        return "".join(rewriter.out)

    def mark_text(self, text: str) -> str:
        """Escaped text with its first unseen term (each at most once per page) made a link to the glossary."""
        out: list[str] = []
        position = 0
        while True:
            found = self._first_unseen(text, position)
            if found is None:
                return "".join(out) + escape(text[position:], quote=False)
            match, term = found
            self.seen.add(term.anchor)
            out.append(escape(text[position:match.start()], quote=False))
            out.append(f'<a class="glossary-term" href="{escape(self.glossary_href)}#{escape(term.anchor)}" '
                       f'title="{escape(self.definitions[term.anchor])}">{escape(match.group(0), quote=False)}</a>')
            position = match.end()

    def _first_unseen(self, text: str, start: int) -> tuple[re.Match[str], GlossaryTerm] | None:
        best: tuple[re.Match[str], GlossaryTerm] | None = None
        for pattern, term in self.entries:
            if term.anchor in self.seen:
                continue
            match = pattern.search(text, start)
            if match and (best is None or match.start() < best[0].start()
                          or (match.start() == best[0].start() and match.end() > best[0].end())):
                best = (match, term)
        return best


class _Rewriter(HTMLParser):
    """Copies a fragment tag by tag, marking terms only in text outside NO_MARKING elements."""

    def __init__(self, marker: TermMarker) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if any(tag in NO_MARKING for tag in self.open):
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self.marker.mark_text(data))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_entityref(self, name: str) -> None:  # only with convert_charrefs off; kept for safety
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")
