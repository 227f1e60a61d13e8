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

from pace_site.model.content import DriverDiagram
from pace_site.model.poster import Force, Forcefield, TimelineStep

WIDTH = 1200
# A diagram is drawn 1200 units wide for a poster column: 32 units of text print at chart-text size.
FONT = 34
LINE = 42
PAD = 14
CHAR = 0.6 * FONT  # a generous average width of a character (bold included), for wrapping
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
    return (f'<svg class="diagram__picture diagram__picture--{kind}" viewBox="-3 -3 {WIDTH + 6} {height + 6:g}" '
            f'aria-hidden="true" focusable="false" font-family="system-ui, Arial, sans-serif">{"".join(body)}</svg>')


def figure(kind: str, picture: str, listing: str, caption: str = "") -> Markup:
    note = f'<figcaption class="diagram__note">{escape(caption)}</figcaption>' if caption else ""
    return Markup(f'<figure class="diagram diagram--{kind}">{picture}<div class="diagram__list">{listing}</div>'
                  f'{note}</figure>')


# --- Driver diagram -------------------------------------------------------------------------------

GAP = 40
COLUMN_TITLES = {"primary": "Primary drivers", "secondary": "Secondary drivers", "ideas": "Change ideas"}


def driver_diagram(diagram: DriverDiagram, aim_statement: str, ideas: dict[str, Idea]) -> Markup:
    return figure("drivers", _driver_svg(diagram, aim_statement, ideas), _driver_list(diagram, aim_statement, ideas))


def _columns(with_ideas: bool) -> dict[str, tuple[float, float]]:
    """The x extent of each column: primary and secondary drivers, and change ideas when any are named
    (the secondary drivers, usually the longest texts, get the widest column)."""
    shares = {"primary": 0.27, "secondary": 0.41, "ideas": 0.32} if with_ideas else {"primary": 0.4, "secondary": 0.6}
    usable, left, found = WIDTH - GAP * (len(shares) - 1), 0.0, {}
    for name, share in shares.items():
        found[name] = (left, left + usable * share)
        left += usable * share + GAP
    return found


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
    columns = _columns(any(s.change_ideas for p in diagram.primary for s in p.secondary))
    aim_lines = wrap(aim_statement, WIDTH)
    aim = Cell("aim", aim_lines, 0, len(aim_lines) * LINE + 2 * PAD)
    body = [box(0, 0, WIDTH, aim.height, DARK, DARK), text_block(aim_lines, PAD, PAD - 4, colour="#fff")]
    y = aim.height + PAD
    body += [text_block([COLUMN_TITLES[c]], (left + right) / 2, y, "middle", "bold", DARK)
             for c, (left, right) in columns.items()]
    y += LINE + PAD
    for primary in diagram.primary:
        rows, top = [], y
        for secondary in primary.secondary:
            text = wrap(secondary.text, columns["secondary"][1] - columns["secondary"][0])
            idea_lines = [line for slug in secondary.change_ideas if slug in ideas
                          for line in wrap(ideas[slug].title, columns["ideas"][1] - columns["ideas"][0])]
            height = max(len(text), len(idea_lines)) * LINE + 2 * PAD
            rows.append(Cell("secondary", text, y, height))
            if idea_lines:
                body += _cell(Cell("ideas", idea_lines, y, height), columns, "#fff", TEAL)
                body.append(connector(columns["secondary"][1], y + height / 2, columns["ideas"][0], y + height / 2))
            y += height + PAD
        lines = wrap(primary.driver, columns["primary"][1] - columns["primary"][0])
        cell = Cell("primary", lines, top, max(y - PAD - top, len(lines) * LINE + 2 * PAD))
        y = max(y, cell.y + cell.height + PAD) + PAD
        body += _cell(cell, columns, "#e6f0f9", BRAND)
        for row in rows:
            body += _cell(row, columns, LIGHT, BRAND)
            body.append(connector(columns["primary"][1], cell.middle, columns["secondary"][0], row.middle))
    return svg(y, body, "drivers")


def _cell(cell: Cell, columns: dict[str, tuple[float, float]], fill: str, stroke: str,
          colour: str = "#1a1a1a") -> list[str]:
    left, right = columns[cell.column]
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
ARROW_UNIT = 100  # SVG units of arrow per point of strength, up to 5


def forcefield(field: Forcefield, aim_statement: str) -> Markup:
    return figure("forcefield", _forcefield_svg(field, aim_statement), _forcefield_list(field, aim_statement),
                  field.note)


def _forcefield_svg(field: Forcefield, aim_statement: str) -> str:
    aim_lines = wrap(aim_statement, WIDTH - 80) if aim_statement else []
    top = len(aim_lines) * LINE + 2 * PAD if aim_lines else 0
    body = [text_block(aim_lines, CENTRE, 0, "middle", "bold", DARK)] if aim_lines else []
    body += [text_block(["Driving forces"], CENTRE - 20, top, "end", "bold", TEAL),
             text_block(["Restraining forces"], CENTRE + 20, top, "start", "bold", ORANGE)]
    heights = [_forces(body, field.driving, -1, top + LINE + PAD),
               _forces(body, field.restraining, 1, top + LINE + PAD)]
    bottom = max(heights)
    body.append(f'<line x1="{CENTRE:g}" y1="{top:g}" x2="{CENTRE:g}" y2="{bottom:g}" stroke="{DARK}" '
                'stroke-width="6"/>')
    return svg(bottom + PAD, body, "forcefield")


def _forces(body: list[str], forces: tuple[Force, ...], side: int, y: float) -> float:
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
        body.append(f'<polygon points="{head:g},{y + 10:g} {head - side * 28:g},{y - 6:g} '
                    f'{head - side * 28:g},{y + 26:g}" fill="{colour}"/>')
        y += 40 + PAD
    return y


def _forcefield_list(field: Forcefield, aim_statement: str) -> str:
    def side(title: str, forces: tuple[Force, ...]) -> str:
        items = "".join(f"<li>{escape(f.force)}: strength {f.strength} of 5</li>" for f in forces)
        return f"<li>{title}<ul>{items}</ul></li>" if forces else ""

    aim = f"<li>Aim: {escape(aim_statement)}</li>" if aim_statement else ""
    return (f"<ul>{aim}{side('Driving forces, helping us', field.driving)}"
            f"{side('Restraining forces, holding us back', field.restraining)}</ul>")


# --- Programme timeline ---------------------------------------------------------------------------

def timeline(steps: tuple[TimelineStep, ...]) -> Markup:
    return figure("timeline", _timeline_svg(steps), _timeline_list(steps))


DATE_WIDTH = 250


def _timeline_svg(steps: tuple[TimelineStep, ...]) -> str:
    """Dated steps down a line: the month on the left, the step on the right."""
    axis = DATE_WIDTH + 30
    body, y = [], PAD
    for step in steps:
        lines = wrap(step.step, WIDTH - axis - 40)
        body += [text_block([step.date.strftime("%b %Y")], DATE_WIDTH, y, "end", "bold", DARK),
                 f'<circle cx="{axis:g}" cy="{y + FONT * 0.65:g}" r="14" fill="{BRAND}" stroke="#fff" '
                 'stroke-width="4"/>',
                 text_block(lines, axis + 40, y)]
        y += len(lines) * LINE + PAD * 2
    body.insert(0, f'<line x1="{axis:g}" y1="{PAD:g}" x2="{axis:g}" y2="{y - PAD * 2:g}" stroke="{DARK}" '
                   'stroke-width="6"/>')
    return svg(y, body, "timeline")


def _timeline_list(steps: tuple[TimelineStep, ...]) -> str:
    items = "".join(f"<li>{step.date.strftime('%B %Y')}: {escape(step.step)}</li>" for step in steps)
    return f"<ol>{items}</ol>"
