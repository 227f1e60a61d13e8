"""Escaping for the three places a label is written outside HTML: inline JSON, Plotly text and CSV.

Jinja escapes HTML. These are the other ways a hostile or careless label (an
authority name, a milestone label, a test of change) could do harm:

- a figure's JSON sits inside a <script> element, where `</script>` or
  `<!--<script>` would end or hide the element;
- plotly.js reads its own pseudo-HTML (`<a href>`, `<span style>`, `<b>`) in
  every string it draws;
- a spreadsheet runs a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a
  carriage return as a formula.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

# The only markup the chart builders themselves write: a hover label's secondary box and a line break.
PLOTLY_OWN_TAGS = re.compile(r"(<br>|</?extra>)")

SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no character in it can end or hide the element."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda match: SCRIPT_UNSAFE[match.group()], text)


def plotly_plain(text: str) -> str:
    """A string plotly.js draws as the text it is: its pseudo-HTML and entities are escaped.

    plotly.js turns `&lt;` back into `<` when it draws, so a reader sees the label as written.
    """
    if "<" not in text and ">" not in text and "&" not in text:  # most labels: nothing to escape
        return text
    parts = PLOTLY_OWN_TAGS.split(text)
    return "".join(part if PLOTLY_OWN_TAGS.fullmatch(part) else html.escape(part, quote=False) for part in parts)


def plain_figure(value: Any) -> Any:
    """Every string of a figure's data and layout made plain text for plotly.js (numbers, colours unchanged)."""
    if isinstance(value, str):
        return plotly_plain(value)
    if isinstance(value, dict):
        return {key: plain_figure(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):  # thousands of numbers a chart: only strings and containers are visited
        return [plain_figure(item) if isinstance(item, (str, dict, list, tuple)) else item for item in value]
    return value


def inert_csv_cell(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs (OWASP: prefix a single quote).

    A plain number such as `-2.5` is left as it is: it is not a formula, and a measure can be negative.
    """
    if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
