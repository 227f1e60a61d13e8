"""Poster diagrams drawn by the build as inline SVG: the driver diagram, a forcefield analysis, a timeline.

Each diagram is an SVG picture hidden from assistive technology, followed by the same content as a
nested list, which is what a screen reader reads (and what a phone shows; see site.css). The SVG
carries no link, so nothing hidden can take the keyboard's focus: change ideas are linked in the list.
Text is wrapped here, by a character count for the SVG's own units, since SVG text does not wrap.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from .models import DriverDiagram
from .poster_design import Forcefield, TimelineStep

WIDTH = 1200
FONT = 22  # SVG units; the diagram is scaled to its panel's width
LINE = 28
PAD = 12
CHAR = 0.55 * FONT  # the average width of a character, for wrapping
DARK, BRAND, TEAL, ORANGE, LIGHT = "#002d54", "#0065bd", "#1d6e67", "#b34700", "#f8f8f8"


@dataclass(frozen=True)
class Idea:
    """A change idea as the driver diagram shows it: its title and its page."""

    title: str
    path: str


def wrap(text: str, width: float) -> list[str]:
    return textwrap.wrap(text, max(8, int((width - 2 * PAD) / CHAR))) or [""]


def text_block(lines: list[str], x: float, y: float, anchor: str = "start", weight: str = "normal",
               colour: str = "#1a1a1a") -> str:
    spans = "".join(f'<tspan x="{x:g}" dy="{LINE if i else 0}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return (f'<text x="{x:g}" y="{y + FONT:g}" font-size="{FONT}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{colour}">{spans}</text>')


def box(x: float, y: float, width: float, height: float, fill: str, stroke: str) -> str:
    return (f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" rx="6" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="2"/>')


def connector(x1: float, y1: float, x2: float, y2: float) -> str:
    middle = (x1 + x2) / 2
    return (f'<path d="M{x1:g} {y1:g} C{middle:g} {y1:g} {middle:g} {y2:g} {x2:g} {y2:g}" fill="none" '
            f'stroke="{DARK}" stroke-width="2"/>')


def svg(height: float, body: list[str], kind: str) -> str:
    return (f'<svg class="diagram__picture diagram__picture--{kind}" viewBox="0 0 {WIDTH} {height:g}" '
            f'aria-hidden="true" focusable="false" font-family="system-ui, Arial, sans-serif">{"".join(body)}</svg>')


def figure(kind: str, picture: str, listing: str, caption: str = "") -> Markup:
    note = f'<figcaption class="diagram__note">{escape(caption)}</figcaption>' if caption else ""
    return Markup(f'<figure class="diagram diagram--{kind}">{picture}<div class="diagram__list">{listing}</div>'
                  f'{note}</figure>')


# --- Driver diagram -------------------------------------------------------------------------------

COLUMNS = {"aim": (0, 230), "primary": (270, 540), "secondary": (580, 900), "ideas": (940, 1200)}
COLUMN_TITLES = {"aim": "Aim", "primary": "Primary drivers", "secondary": "Secondary drivers", "ideas": "Change ideas"}


def driver_diagram(diagram: DriverDiagram, aim_statement: str, ideas: dict[str, Idea]) -> Markup:
    return figure("drivers", _driver_svg(diagram, aim_statement, ideas), _driver_list(diagram, aim_statement, ideas))


def _lines(column: str, text: str) -> list[str]:
    left, right = COLUMNS[column]
    return wrap(text, right - left)


@dataclass(frozen=True)
class Cell:
    column: str
    lines: list[str]
    y: float
    height: float

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def _driver_svg(diagram: DriverDiagram, aim_statement: str, ideas: dict[str, Idea]) -> str:
    top = y = LINE + 2 * PAD
    body = [text_block([title], (COLUMNS[c][0] + COLUMNS[c][1]) / 2, 0, "middle", "bold", DARK)
            for c, title in COLUMN_TITLES.items()]
    primaries: list[Cell] = []
    for primary in diagram.primary:
        rows = []
        for secondary in primary.secondary:
            idea_lines = [line for slug in secondary.change_ideas if slug in ideas
                          for line in _lines("ideas", ideas[slug].title)]
            height = max(len(_lines("secondary", secondary.text)), len(idea_lines)) * LINE + 2 * PAD
            rows.append(Cell("secondary", _lines("secondary", secondary.text), y, height))
            if idea_lines:
                body += _cell(Cell("ideas", idea_lines, y, height), "#fff", TEAL)
                body.append(connector(COLUMNS["secondary"][1], y + height / 2, COLUMNS["ideas"][0], y + height / 2))
            y += height + PAD
        lines = _lines("primary", primary.driver)
        cell = Cell("primary", lines, rows[0].y if rows else y, max(y - PAD - (rows[0].y if rows else y),
                                                                    len(lines) * LINE + 2 * PAD))
        y = max(y, cell.y + cell.height + PAD)
        primaries.append(cell)
        body += _cell(cell, "#e6f0f9", BRAND)
        for row in rows:
            body += _cell(row, LIGHT, BRAND)
            body.append(connector(COLUMNS["primary"][1], cell.middle, COLUMNS["secondary"][0], row.middle))
    aim_lines = _lines("aim", aim_statement)
    aim = Cell("aim", aim_lines, top, max(y - PAD - top, len(aim_lines) * LINE + 2 * PAD))
    body += _cell(aim, DARK, DARK, "#fff")
    body += [connector(COLUMNS["aim"][1], aim.middle, COLUMNS["primary"][0], cell.middle) for cell in primaries]
    return svg(max(y, aim.y + aim.height + PAD), body, "drivers")


def _cell(cell: Cell, fill: str, stroke: str, colour: str = "#1a1a1a") -> list[str]:
    left, right = COLUMNS[cell.column]
    text_top = cell.y + (cell.height - len(cell.lines) * LINE) / 2 - 4
    return [box(left, cell.y, right - left, cell.height, fill, stroke),
            text_block(cell.lines, left + PAD, text_top, colour=colour)]


def _driver_list(diagram: DriverDiagram, aim_statement: str, ideas: dict[str, Idea]) -> str:
    items = []
    for primary in diagram.primary:
        secondary = []
        for driver in primary.secondary:
            links = "".join(f'<li>Change idea: <a href="/{escape(ideas[s].path)}">{escape(ideas[s].title)}</a></li>'
                            for s in driver.change_ideas if s in ideas)
            secondary.append(f"<li>Secondary driver: {escape(driver.text)}{f'<ul>{links}</ul>' if links else ''}</li>")
        inner = f"<ul>{''.join(secondary)}</ul>" if secondary else ""
        items.append(f"<li>Primary driver: {escape(primary.driver)}{inner}</li>")
    return f"<ul><li>Aim: {escape(aim_statement)}<ul>{''.join(items)}</ul></li></ul>"


# --- Forcefield analysis --------------------------------------------------------------------------

CENTRE = WIDTH / 2
ARROW_UNIT = 100  # SVG units of arrow per point of strength


def forcefield(field: Forcefield, aim_statement: str) -> Markup:
    return figure("forcefield", _forcefield_svg(field, aim_statement), _forcefield_list(field, aim_statement), field.note)


def _forcefield_svg(field: Forcefield, aim_statement: str) -> str:
    aim_lines = wrap(aim_statement, WIDTH - 80) if aim_statement else []
    top = len(aim_lines) * LINE + 2 * PAD if aim_lines else 0
    body = [text_block(aim_lines, CENTRE, 0, "middle", "bold", DARK)] if aim_lines else []
    body += [text_block(["Driving forces"], CENTRE - 20, top, "end", "bold", TEAL),
             text_block(["Restraining forces"], CENTRE + 20, top, "start", "bold", ORANGE)]
    heights = [_forces(body, field.driving, -1, top + LINE + PAD), _forces(body, field.restraining, 1, top + LINE + PAD)]
    bottom = max(heights)
    body.append(f'<line x1="{CENTRE:g}" y1="{top:g}" x2="{CENTRE:g}" y2="{bottom:g}" stroke="{DARK}" stroke-width="6"/>')
    return svg(bottom + PAD, body, "forcefield")


def _forces(body: list[str], forces: tuple, side: int, y: float) -> float:
    """Each force's label, then an arrow pointing at the centre line, as long as its strength."""
    colour = TEAL if side < 0 else ORANGE
    anchor = "end" if side < 0 else "start"
    edge = CENTRE + side * 20
    for force in forces:
        lines = wrap(f"{force.force} ({force.strength})", CENTRE - 40)
        body.append(text_block(lines, edge, y, anchor))
        y += len(lines) * LINE + 8
        tail = edge + side * force.strength * ARROW_UNIT
        head = edge + side * 4
        body.append(f'<line x1="{tail:g}" y1="{y + 10:g}" x2="{head - side * 24:g}" y2="{y + 10:g}" stroke="{colour}" '
                    f'stroke-width="12"/>')
        body.append(f'<polygon points="{head:g},{y + 10:g} {head - side * 28:g},{y - 6:g} {head - side * 28:g},{y + 26:g}" '
                    f'fill="{colour}"/>')
        y += 40 + PAD
    return y


def _forcefield_list(field: Forcefield, aim_statement: str) -> str:
    def side(title: str, forces: tuple) -> str:
        items = "".join(f"<li>{escape(f.force)}: strength {f.strength} of 5</li>" for f in forces)
        return f"<li>{title}<ul>{items}</ul></li>" if forces else ""

    aim = f"<li>Aim: {escape(aim_statement)}</li>" if aim_statement else ""
    return (f"<ul>{aim}{side('Driving forces, helping us', field.driving)}"
            f"{side('Restraining forces, holding us back', field.restraining)}</ul>")


# --- Programme timeline ---------------------------------------------------------------------------

def timeline(steps: tuple[TimelineStep, ...]) -> Markup:
    return figure("timeline", _timeline_svg(steps), _timeline_list(steps))


def _timeline_svg(steps: tuple[TimelineStep, ...]) -> str:
    spacing = WIDTH / max(len(steps), 1)
    axis = LINE + 2 * PAD
    body = [f'<line x1="0" y1="{axis:g}" x2="{WIDTH}" y2="{axis:g}" stroke="{DARK}" stroke-width="4"/>']
    bottom = axis
    for index, step in enumerate(steps):
        x = spacing * (index + 0.5)
        lines = wrap(step.step, spacing - 8)
        body += [f'<circle cx="{x:g}" cy="{axis:g}" r="12" fill="{BRAND}" stroke="#fff" stroke-width="3"/>',
                 text_block([step.date.strftime("%b %Y")], x, 0, "middle", "bold", DARK),
                 text_block(lines, x, axis + 20, "middle")]
        bottom = max(bottom, axis + 20 + len(lines) * LINE)
    return svg(bottom + PAD, body, "timeline")


def _timeline_list(steps: tuple[TimelineStep, ...]) -> str:
    items = "".join(f"<li>{step.date.strftime('%B %Y')}: {escape(step.step)}</li>" for step in steps)
    return f"<ol>{items}</ol>"
