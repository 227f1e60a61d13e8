"""Markdown to safe HTML, split into sections at each level-2 heading."""

from __future__ import annotations

import re

import markdown
import nh3

from pace_site.model.chart_block import ChartBlock
from pace_site.model.content import Section
from pace_site.model.errors import Problems
from pace_site.read.chart_blocks import extract_chart_blocks
from pace_site.read.sourcefile import SourceDocument

EXTENSIONS = ["tables", "sane_lists", "smarty", "fenced_code"]
HEADING = re.compile(r"^##(?!#)\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^(```|~~~)")

# Tags an author may use in Markdown; scripts, iframes, forms and event
# handlers are not on the list, so nh3 drops them.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p",
    "pre", "small", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "abbr": {"title"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def to_html(text: str) -> str:
    """Render Markdown and remove anything unsafe from the result."""
    html = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


def read_body(document: SourceDocument, problems: Problems) -> tuple[tuple[Section, ...], tuple[ChartBlock, ...]]:
    """A page's sections, with its chart blocks taken out (each leaves a placeholder) and numbered."""
    body, blocks = extract_chart_blocks(document.body, document.meta.path, document.body_line, problems)
    return split_sections(body), blocks


def split_sections(text: str) -> tuple[Section, ...]:
    """Split Markdown at each '## heading' outside code blocks; the lead part has no heading."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    in_fence = False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match:
            parts.append((match.group(1), []))
        else:
            parts[-1][1].append(line)
    return tuple(
        Section(heading, slugify(heading) if heading else "", to_html("\n".join(lines)))
        for heading, lines in parts
        if heading or "".join(lines).strip()
    )
