"""A published chart: its figure, table, sentence and key, as the pages, CSVs and the audit read it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pace_site.model.escaping import inert_csv_cell, plain_figure, script_json


@dataclass(frozen=True)
class ChartMarker:
    """A dated event on a run chart, at an x position between two children."""

    x: float
    label: str
    kind: str  # "phase" or "change"
    date: date


@dataclass(frozen=True)
class KeyItem:
    """One entry of a chart's key. The key is HTML under the chart, not a Plotly legend, so that on a
    phone or on paper it wraps like text and never covers the data or another label."""

    label: str
    mark: str  # dot, diamond, triangle, line, dashed, dashdot, dotted, bar, striped, vline, vdotted, none
    colour: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    figure: dict[str, Any] | None
    table_headers: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()
    csv_path: str | None = None
    notes: tuple[str, ...] = field(default=())
    suppressed: tuple[str, ...] = field(default=())  # what disclosure control withheld, for the report
    kind: str = ""  # progress, run, waiting, stages, overview or measure: how the audit reads its rows
    key: tuple[KeyItem, ...] = ()

    @property
    def has_data(self) -> bool:
        """Whether there is anything to download: a withheld chart has no table and no CSV."""
        return bool(self.table_rows)

    @property
    def figure_json(self) -> str:
        if self.figure is None:
            return ""
        # Labels are plain text to plotly.js, and nothing in the JSON can end the <script> element it sits in.
        plain = {key: value if key == "config" else plain_figure(value) for key, value in self.figure.items()}
        return script_json(plain)

    def csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        # No cell may start a formula when the CSV is opened in a spreadsheet.
        writer.writerow([inert_csv_cell(cell) for cell in self.table_headers])
        writer.writerows([inert_csv_cell(cell) for cell in row] for row in self.table_rows)
        return buffer.getvalue()
