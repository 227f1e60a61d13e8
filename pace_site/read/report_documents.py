"""Reports (content/reports/<slug>.md): one long body with a contents list, numbered figures and tables,
and footnotes.

Unlike a page, a report is rendered as one piece of Markdown (footnotes are defined anywhere and used
anywhere), with python-markdown's `toc` (heading anchors and the contents list) and `footnotes`
extensions. Its chart blocks are taken out first, as everywhere (chart_blocks.py). A table is numbered
when the paragraph just before it is its caption: `Table: What the table shows`.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import markdown
import nh3

from pace_site.model.content import Heading, Report, SiteConfig
from pace_site.model.errors import Problems
from pace_site.read import schema
from pace_site.read.chart_blocks import extract_chart_blocks
from pace_site.read.fields import Fields
from pace_site.read.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, EXTENSIONS, slugify
from pace_site.read.sourcefile import SourceDocument

REPORT_EXTENSIONS = [*EXTENSIONS, "toc", "footnotes"]
CONTENTS_LEVELS = (2, 3)
# Ids the page around the report uses, and the figures' own: a heading never takes one.
RESERVED_IDS = re.compile(r"^(main-content|example-notice-title|contents|contents-heading|notes|figure-\d+.*)$")
HEADING_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:_\d+)?$")
FOOTNOTE_ID = re.compile(r"^fn(?:ref)?(?:\d+)?:[A-Za-z0-9_-]+$")
FOOTNOTE_CLASSES = frozenset({"footnote", "footnote-ref", "footnote-backref"})
FOOTNOTES = '<div class="footnote">\n<hr>'
NOTES = '<div class="footnote">\n<h2 id="notes">Notes</h2>'  # the footnotes under a heading of their own
TABLE_CAPTION = re.compile(r"<p>Table: (.+?)</p>\s*<table>", re.DOTALL)
TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)


def read_report(slug: str, document: SourceDocument, config: SiteConfig, problems: Problems) -> Report:
    schema.check(document.meta, schema.REPORT, problems)
    fields = Fields(document.meta, problems)
    body, figures = extract_chart_blocks(document.body, document.meta.path, document.body_line, problems)
    body_html, contents = render_report_markdown(body)
    body_html, tables = number_tables(body_html)
    return Report(slug=slug, title=fields.text("title"), date=fields.date("date") or date.min, html=body_html,
                  contents=contents, source=document.meta.path,
                  authors=fields.text("authors", required=False), summary=fields.text("summary", required=False),
                  example=fields.flag("example"), source_text=fields.text("source", required=False),
                  figures=figures, tables=tables)


def heading_anchor(value: str, separator: str) -> str:
    """A heading's id: its words, never one of the page's own ids."""
    anchor = slugify(html.unescape(value))
    return f"section-{anchor}" if RESERVED_IDS.match(anchor) else anchor


def render_report_markdown(text: str) -> tuple[str, tuple[Heading, ...]]:
    """The body as safe HTML with anchored headings and footnotes, and its contents list."""
    converter = markdown.Markdown(extensions=REPORT_EXTENSIONS, output_format="html", extension_configs={
        "toc": {"slugify": heading_anchor, "toc_depth": "2-4"},
        "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"},
    })
    body = _clean(converter.convert(text))
    contents = [h for h in _headings(getattr(converter, "toc_tokens", [])) if h.level in CONTENTS_LEVELS]
    if FOOTNOTES in body:
        body = body.replace(FOOTNOTES, NOTES, 1)
        contents.append(Heading(2, "Notes", "notes"))
    return body, tuple(contents)


def _headings(tokens: list[dict[str, Any]]) -> list[Heading]:
    found = []
    for token in tokens:
        found.append(Heading(int(token["level"]), html.unescape(re.sub(r"<[^>]+>", "", token["name"])), token["id"]))
        found += _headings(token.get("children", []))
    return found


def _clean(raw: str) -> str:
    """As every page's Markdown (markup.to_html), keeping only the heading and footnote ids and classes."""
    attributes = {tag: set(allowed) for tag, allowed in ALLOWED_ATTRIBUTES.items()}
    for tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "sup"):
        attributes.setdefault(tag, set()).add("id")
    for tag in ("div", "a", "sup"):
        attributes.setdefault(tag, set()).add("class")
    return nh3.clean(raw, tags=ALLOWED_TAGS | {"div"}, attributes=attributes, attribute_filter=_keep_attribute,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        if tag in ("li", "sup"):
            return value if FOOTNOTE_ID.match(value) else None
        return value if HEADING_ID.match(value) and not RESERVED_IDS.match(value) else None
    if attribute == "class":
        return value if value in FOOTNOTE_CLASSES else None
    return value


def number_tables(body_html: str) -> tuple[str, int]:
    """Each table with a caption line before it becomes "Table N. caption"; every table scrolls on its own."""
    count = 0

    def captioned(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f'<table>\n<caption><span class="table__number">Table {count}.</span> {match.group(1)}</caption>'

    numbered = TABLE_CAPTION.sub(captioned, body_html)

    def scrolling(match: re.Match[str]) -> str:
        caption = re.search(r"<caption>(.*?)</caption>", match.group(1), re.DOTALL)
        label = html.escape(html.unescape(re.sub(r"<[^>]+>", "", caption.group(1))), quote=True) if caption else "Table"
        return f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">{match.group(0)}</div>'

    return TABLE.sub(scrolling, numbered), count
