"""The render stage's part for chart blocks: each placeholder a block left in a page becomes its figure."""

from __future__ import annotations

import re

from jinja2 import Environment

from pace_site.publish.placed_figures import PlacedFigure
from pace_site.read.chart_blocks import MARK, PLACEHOLDER
from pace_site.render.render import render_page

HEADING = re.compile(r"<h([1-6])[\s>]")
EMAIL_TEMPLATES = frozenset({"newsletter_email.html"})  # no scripts there: a figure is its summary and table


def place_figures(env: Environment, template: str, output_path: str, html: bytes,
                  figures: tuple[PlacedFigure, ...]) -> bytes:
    """The page with each block's figure where the block was (a placeholder with no figure leaves nothing)."""
    text = html.decode("utf-8")
    if MARK not in text:
        return html
    partial = "partials/figure_email.html" if template in EMAIL_TEMPLATES else "partials/figure.html"
    numbered = {figure.number: figure for figure in figures}

    def figure_html(match: re.Match[str]) -> str:
        figure = numbered.get(int(match.group(1)))
        if figure is None:
            return ""
        context = {"figure": figure, "level": heading_level(text[:match.start()])}
        return render_page(env, partial, output_path, context).decode("utf-8")

    return PLACEHOLDER.sub(figure_html, text).replace(MARK, "").encode("utf-8")


def heading_level(before: str) -> int:
    """A figure's title is a heading one level below the heading it follows, so the outline stays whole."""
    levels = HEADING.findall(before)
    return min(int(levels[-1]) + 1, 6) if levels else 2
