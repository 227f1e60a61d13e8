"""A published chart: its figure, table, sentence and key, as the pages, CSVs and the audit read it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pace_site.model.escaping import inert_csv_cell, plain_figure, script_json


@dataclass(frozen=True)
class Stated:
    """A figure a sentence states, as its reader takes it. The audit reads these, never the sentence's words.

    `terms` are the counts it is about (("met", "late"): the children who reached the end). A "count" says they
    number `value`; a "band" ("fewer than five") that they number 1 to value - 1; a "too few" that the chart's
    own children do ("There are fewer than 5 children, too few to publish this chart"); a "percent" that `shown`
    of the children in `whole` are in `terms`. `words` are the sentence's own words for it, which the audit
    names when it judges the figure.
    """

    kind: str  # count, band, too few, percent
    terms: tuple[str, ...] = ()
    value: int = 0
    words: str = ""
    whole: tuple[str, ...] = ()
    shown: str = ""


class Sentence(str):
    """A sentence a page publishes, carrying the figures it states (`stated`): the words are rendered from
    the same numbers, and a test checks every count and percentage in the words is one of them."""

    stated: tuple[Stated, ...]

    def __new__(cls, text: str, stated: tuple[Stated, ...] = ()) -> Sentence:
        sentence = super().__new__(cls, text)
        sentence.stated = stated
        return sentence

    def __reduce__(self) -> tuple[Any, ...]:
        return Sentence, (str(self), self.stated)


def followed_by(sentence: str, words: str) -> str:
    """The sentence with more words after it, which state no figure of their own."""
    return Sentence(sentence + words, sentence.stated if isinstance(sentence, Sentence) else ())


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
    def stated(self) -> tuple[Stated, ...]:
        """The counts and percentages its sentence states, for the audit."""
        return self.summary.stated if isinstance(self.summary, Sentence) else ()

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
