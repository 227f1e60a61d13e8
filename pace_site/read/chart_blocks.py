"""Chart blocks: a fenced ```chart block with a YAML body places a chart inside a page's Markdown.

    ```chart
    authority: midlothian        # an authority's slug, or `all` for national charts
    aim: decision-7-5-months     # a local aim of that authority (or, with `all`, national_aim: 2)
    show: run-chart              # progress, run-chart, waiting, stage-durations, by-route, overview, joining
    as_at: 2018-09-20            # optional: default the page's own date
    caption: What the chart shows   # optional
    ```

Reading takes each block out of the Markdown, leaving a placeholder paragraph that the render stage
replaces with the numbered figure (figure_render.py). The block's own YAML is checked here, with the
line of each key in the file; what it names (authority, aim) is checked once everything is read
(`check_chart_blocks`); its chart is computed with every other chart (figures.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from pace_site.model.chart_block import ChartBlock
from pace_site.model.errors import Problems
from pace_site.read import schema
from pace_site.read.fields import Fields
from pace_site.read.sourcefile import Located, parse_yaml

ALL = "all"
SHOWS = ("progress", "run-chart", "waiting", "stage-durations", "by-route", "overview", "joining")
AIM_SHOWS = ("progress", "run-chart", "waiting", "by-route")  # an authority's charts of one local aim
# A character an author cannot usefully type (Unicode private use): it marks where a figure goes.
MARK = "\ue000"
PLACEHOLDER = re.compile(f"<p>{MARK}(\\d+){MARK}</p>")
# Figures in one file: each at a date of its own is computed and audited, so a bound keeps builds quick.
MAX_BLOCKS = 100
OPENING = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)[^`]*$")

CHART_BLOCK = schema.mapping(authority=schema.ID, aim=schema.ID, national_aim=schema.NUMBER, show=schema.ID,
                             as_at=schema.DATE, caption=schema.text(schema.LINE))


def shows_example_data(blocks: tuple[ChartBlock, ...], authorities: Iterable[Any]) -> bool:
    """Whether any block charts the data of an authority marked `example: true` (`all`: any authority's)."""
    named = {block.authority for block in blocks}
    return any(a.example for a in authorities if ALL in named or a.slug in named)


def placeholder(number: int) -> str:
    return f"\n\n{MARK}{number}{MARK}\n\n"


def extract_chart_blocks(body: str, path: Path, first_line: int,
                         problems: Problems) -> tuple[str, tuple[ChartBlock, ...]]:
    """The Markdown with each chart block replaced by a placeholder, and the blocks, numbered from 1."""
    lines = body.replace(MARK, "").splitlines()
    kept: list[str] = []
    blocks: list[ChartBlock] = []
    index = 0
    while index < len(lines):
        opening = OPENING.match(lines[index])
        if opening is None:
            kept.append(lines[index])
            index += 1
            continue
        end = _closing(lines, index, opening.group(2))
        if opening.group(3) != "chart":
            kept += lines[index:end + 1]
        elif end == len(lines):
            problems.add(path, first_line + index, "this chart block has no closing ``` line")
        elif len(blocks) == MAX_BLOCKS:
            problems.add(path, first_line + index, f"a file may hold at most {MAX_BLOCKS} chart blocks: split it up")
            return "\n".join(kept), tuple(blocks)
        else:
            block = read_block("\n".join(lines[index + 1:end]), path, first_line + index, len(blocks) + 1, problems)
            if block is not None:
                blocks.append(block)
                kept.append(placeholder(block.number))
        index = end + 1
    return "\n".join(kept), tuple(blocks)


def _closing(lines: list[str], opening: int, fence: str) -> int:
    """The index of the line closing a fence (as CommonMark: the same character, at least as long)."""
    for index in range(opening + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence) and set(stripped) == {fence[0]}:
            return index
    return len(lines)


def read_block(text: str, path: Path, fence_line: int, number: int, problems: Problems) -> ChartBlock | None:
    """One block's YAML: plain keys and values only, each problem on the line of its key."""
    before = len(problems.items)
    if not _refuse_aliases(text, path, fence_line, problems):
        return None
    located = parse_yaml(text, path, problems, offset=fence_line)
    if located is None or len(problems.items) > before:
        return None
    if not isinstance(located.data, dict):
        problems.add(path, fence_line, "expected a chart block to hold 'key: value' lines, such as "
                                       "authority: midlothian, aim: ..., show: run-chart")
        return None
    schema.check(located, CHART_BLOCK, problems)
    return _block(Fields(located, problems), located, path, fence_line, number)


def _refuse_aliases(text: str, path: Path, fence_line: int, problems: Problems) -> bool:
    """Anchors and aliases (&name, *name) have no use in a block of four keys: refused, never expanded."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                assert event.start_mark is not None  # PyYAML's parser marks every event it makes
                problems.add(path, fence_line + event.start_mark.line + 1,
                             "a chart block may not use YAML anchors or aliases (&name, *name): write the value out")
                return False
    except yaml.YAMLError:
        return True  # parse_yaml reports it, with its line
    return True


def _block(fields: Fields, located: Located, path: Path, fence_line: int, number: int) -> ChartBlock | None:
    authority = fields.text("authority")
    show = fields.choice("show", SHOWS, "chart ('show')")
    national = fields.number("national_aim", 1, 99, required=False)
    block = ChartBlock(number, path, fence_line, authority, show or "", fields.text("aim", required=False) or None,
                       int(national) if national is not None else None, fields.date("as_at", required=False),
                       fields.text("caption", required=False),
                       {str(keys[0]): line for keys, line in located.lines.items() if len(keys) == 1})
    return block if authority and show else None
