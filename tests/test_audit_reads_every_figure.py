"""Guard: every count of children and every percentage the example site publishes is a figure the audit reads.

The disclosure audit (publish/audit.py `model_of`) reads each page back as an outsider would: table rows,
the figures each sentence states (its `Stated` parts: the words are rendered from them), headline figures, the
national overview. A number put into a sentence's words without stating it as a figure, or a new table column,
would publish a number the audit never sees, and the audit would then pass figures it cannot judge. This test
takes exactly the publications the build audits (audit_site.publications
over the build's own reports), extracts every number a reader sees in them (each chart's summary sentence,
title, notes, key and table cells, the headline figures, the national overview cells), classifies each by the
words around it, and for each count of children and each percentage checks that the audit reads it **from
that very place**: a sentence's number must be one of the figures the sentence states, with the same value
(or band, or percentage); any other number is changed by one (51 -> 52, "five" -> "six", 56% -> 57%) and the
audit's model must change, in constraints whose source is that table (by its CSV), those headline figures or
that overview row, or in the band of a figure it hides there ([c], "fewer than five"). So a number counts as
read only if the audit's conclusions depend on it. A per-child table (run chart, waiting
chart), whose rows are its count, must change the model when a row is dropped.

Other numbers are allowed by kind, not by value (NOT_MODELLED below): dates, durations and timescales,
medians, the aim's target, the run chart rules' constants, positions along a published run chart, labels
(Child N, a marker's or phase's number), the disclosure policy's own numbers and words the authority wrote.
The audit does not model medians or durations today (it reads the run chart's and waiting chart's weeks
only to place each child in or out of the cohort, late or in time). A digit the classification does not
know fails the test, so a new kind of sentence must be classified here.

Numbers the audit genuinely does not read today are listed, each with why, in KNOWN_GAPS and CHART_GAPS;
the test fails if a listed gap no longer occurs, so the list shrinks as the audit learns to read them.

A second test checks the publications are what the pages show: every chart checked here is on a page (same
id and summary; a poster shows only three charts, its others are published as CSV files only), every table
is the CSV the site publishes, every headline figure is on a page, and every chart on any page is either in
the publications or listed (by kind) as outside the per-aim audit, or as a gap.

Time: 6 to 8 s (2 s of it checking numbers) when the example site's .pace-cache is warm; 35 to 65 s when
it is cold (the session's `example_site` build, shared with other tests). The reports come from that
build's own cache, as the build took them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from pace_site.build.caching import build_cache
from pace_site.build.computing import Computed, compute
from pace_site.build.options import BuildOptions
from pace_site.build.reading import read_site
from pace_site.model.chart import Chart
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.labels import HEADLINES, OVERVIEW_CHILDREN, OVERVIEW_MET
from pace_site.publish.audit import Publication, model_of
from pace_site.publish.audit_site import publications
from pace_site.publish.constraints import KNOWN, Constraint, Model

ROOT = Path(__file__).resolve().parent.parent

CHILDREN, PERCENT = "count of children", "percentage"
MUST_BE_READ = (CHILDREN, PERCENT)
NOT_MODELLED = {
    "date": "a month or a year: when, not how many",
    "duration": "a length of time (weeks, months, days): an aim's timescale, how long a child waited",
    "median": "a median in weeks (run chart, by route, stage durations, national overview)",
    "target": "the aim's target percentage, which the authority set, not a share of children",
    "rule": "a run chart rule's constant (six in a row, five in a trend, ten points either side)",
    "run position": "how many dots along a run chart whose every dot its table publishes (the first N, N in a row)",
    "label": "a number used as a name: Child N, a marker's or a phase's number",
    "policy": "the disclosure policy's own numbers ([c] stands for 1 to 4)",
    "authority's words": "a marker label the authority wrote (such as 'PDSA 1: 72 hour meeting')",
}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WORD_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
WORD = rf"(?:{'|'.join(WORD_NUMBERS)})"
NUM = rf"(?:\d+|{WORD})"
DECIMAL = r"\d+(?:\.\d+)?"
# Every digit is a number; a number word only where it counts something ("five children", "Six or more").
TOKEN = re.compile(rf"\d+(?:\.\d+)?%?|\b(?i:{WORD})\b(?=\s+(?:child|children|or more)\b)")
# The kinds of number in a sentence, by the words around it: the first pattern to cover a number decides.
SENTENCE_KINDS: tuple[tuple[str, str], ...] = (
    ("authority's words", rf"^\d+\. (?:New phase|Test of change) from {MONTH} \d{{4}}: .*$"),
    ("rule", r"\b(?:Six|Five) or more\b|fewer than \d+ (?:children|points) (?:on either side of|away from) the median"),
    ("rule", r"the \d+ expected by chance"),
    ("run position", rf"\bthe first \d+\b|\b{NUM} children in a row\b|\b\d+ (?:dots|points) in a row\b|only \d+ times"),
    ("policy", r"a number from \d+ to \d+"),
    ("label", r"\bphase \d+\b|\bChild \d+\b"),
    ("date", rf"{MONTH} \d{{4}}|\bIn \d{{4}}(?:–\d{{4}})?\b"),
    ("target", r"The aim is \d+% by|against an aim of \d+%|^Target$"),
    ("median", (rf"(?i:median)(?:, phase \d+:| of the first \d+ was| of| is|:) {DECIMAL}\b|"
                rf"\b(?:down|up) from {DECIMAL}\b|"
                rf"median time ranged from {DECIMAL} weeks \([^)]*\) to {DECIMAL} weeks")),
    ("duration", rf"\b{DECIMAL} (?:weeks?|months?|days?|years?|hours?)\b"),
    (CHILDREN, rf"\b(?i:{NUM}) child(?:ren)?\b"),
    (PERCENT, r"\b\d+%"),
)
# A table cell's kind, by its column header ("Month ..." columns are dates).
CELL_KINDS = {"Number": CHILDREN, "Reached the end": CHILDREN, "Still waiting": CHILDREN, "Children": CHILDREN,
              "Weeks": "duration", "Weeks waiting": "duration", "Median weeks": "median", "Year": "date",
              "Child": "label"}
HEADLINE_KINDS = {HEADLINES[0]: CHILDREN, HEADLINES[1]: PERCENT, HEADLINES[2]: PERCENT, "Target": "target"}
OVERVIEW_KINDS = {OVERVIEW_CHILDREN: CHILDREN, OVERVIEW_MET: PERCENT, "Baseline median weeks": "median",
                  "Median weeks, last 12 months": "median"}
# What each table reader names as its source, before the chart's CSV path (privacy/evidence.py).
TABLE_SOURCES = {"progress": "the progress table", "by-route": "the by-route table",
                 "stages": "the stage durations table",
                 "run": "the run chart's rows", "waiting": "the waiting chart's rows"}
PER_CHILD = ("run", "waiting")
STAGES = -1  # the chart index of the stage durations chart (Publication.stages)


@dataclass(frozen=True)
class KnownGap:
    """Numbers the audit does not read today: where they are (a chart kind and a field: "summary" or a column
    header), the phrase around them (its group 1 is the number), and why they matter."""

    name: str
    chart_kind: str
    field: str
    phrase: str
    why: str

    def covers(self, number: Shown) -> bool:
        if (number.chart_kind, number.field) != (self.chart_kind, self.field):
            return False
        return any(m.span(1) == number.span for m in re.finditer(self.phrase, number.context))


KNOWN_GAPS = (
    KnownGap("the stage durations sentence's children", "stages", "summary",
             rf"a median of {DECIMAL} weeks for ({NUM}) child(?:ren)?\b",
             "model_of reads the summary sentences of a publication's charts, not that of its stage durations chart "
             "(Publication.stages): 'a median of 20 weeks for five children' is never read. The same count is in "
             "the table, where it is read only if the row is the aim's own stage (see the next gap)."),
    KnownGap("the stage durations table's other rows", "stages", "Children", r"^(\d+)$",
             "model_of reads only the rows of the aim's own stage (read_stage_rows) and of the stage into its start "
             "(relate_waiting_to_stages). privacy/pooled_audit.py ties the rows of a national aim's stage to the "
             "national figures; the rows of other stages (such as 'Permanence recommendation to permanence panel' or "
             "'Application lodged in court to order granted' where no aim runs over them) are read by neither, so "
             "their counts, and any [c] among them, are judged by no audit."),
    KnownGap("an empty cohort in words", "progress", "summary",
             r"^(No) child in this aim's cohort has reached the start of this stage yet\.$",
             "no SENTENCES pattern matches it (the progress table's zeros, which the audit reads, say the same)."),
)
# Charts on the pages that no publication carries, by family (chart_family): outside the per-aim audit by design.
AUDITED_ELSEWHERE = {
    "national overview": "the national overview: each authority's children and share met in it are read into that "
                         "authority's publication (Publication.overview), checked here",
    "national overview-measures": "the national overview of measures: each authority's latest measure value",
    "national stages": "pooled national figures: audited by privacy/pooled_audit.py, not by model_of",
    "national pooled-waiting": "pooled national figures: audited by privacy/pooled_audit.py, not by model_of",
    "national pooled-joining": "pooled national figures: audited by privacy/pooled_audit.py, not by model_of",
}
CHART_GAPS = {
    "measure": "a measure reported as a figure a month (measures.csv, such as aim 1's reviews): its percentages and "
               "its counts of children are published under compute.report.publishable's rules, never audited.",
    "stages": "an authority's stage durations chart that no publication carries (no aim of the authority runs between "
              "two consecutive milestones, such as Shetland's whole-journey aim): model_of never reads it, and "
              "pooled_audit only the rows of national aims' stages (see KNOWN_GAPS).",
}


@dataclass(frozen=True)
class Place:
    """Where a reader sees a text in a publication."""

    part: str  # "chart", "headline" or "overview"
    chart: int = 0  # the chart's index in Publication.charts, or STAGES
    field: str = ""  # "summary", "title", "note", "key" or "cell"
    index: int = 0  # the note's, key entry's, table row's, headline's or overview cell's index
    column: int = 0


@dataclass(frozen=True)
class Shown:
    """One number as published: its text, its span in its place's text, and what it is about."""

    text: str
    span: tuple[int, int]
    kind: str
    place: Place
    context: str  # the sentence, or the cell's text
    field: str  # "summary", "title", "note", "key", a column header, a headline label or an overview column
    chart_kind: str  # the chart's kind, or "headline" / "overview"
    where: str  # the chart's CSV path or id, else the aim


@dataclass(frozen=True)
class Example:
    published: tuple[Publication, ...]
    computed: Computed
    policy: DisclosurePolicy
    site: Path


@pytest.fixture(scope="module")
def example(example_site: Path) -> Example:
    """The example site's publications, as the build that wrote `example_site` audited them (from its cache)."""
    options = BuildOptions(ROOT / "content", ROOT / "data", example_site)
    site = read_site(options)
    computed = compute(site, build_cache(options))
    published = tuple(p for _, p in publications(site.content, computed.reports, computed.overview))
    return Example(published, computed, site.content.config.disclosure, example_site)


# Reading the texts of a publication, and changing one.

def chart_at(publication: Publication, index: int) -> Chart:
    if index == STAGES:
        assert publication.stages is not None
        return publication.stages[0]
    return publication.charts[index]


def with_chart(publication: Publication, index: int, chart: Chart) -> Publication:
    if index == STAGES:
        assert publication.stages is not None
        return replace(publication, stages=(chart, publication.stages[1]))
    return replace(publication, charts=publication.charts[:index] + (chart,) + publication.charts[index + 1:])


def text_at(publication: Publication, place: Place) -> str:
    if place.part == "headline":
        return publication.headlines[place.index][1]
    if place.part == "overview":
        return publication.overview[place.index][1]
    chart = chart_at(publication, place.chart)
    if place.field in ("summary", "title"):
        return chart.summary if place.field == "summary" else chart.title
    if place.field == "note":
        return chart.notes[place.index]
    if place.field == "key":
        return chart.key[place.index].label
    return chart.table_rows[place.index][place.column]


def with_text(publication: Publication, place: Place, text: str) -> Publication:
    """The publication with the text at `place` replaced (only the places the audit could read)."""
    if place.part in ("headline", "overview"):
        cells = list(publication.headlines if place.part == "headline" else publication.overview)
        cells[place.index] = (cells[place.index][0], text)
        if place.part == "headline":
            return replace(publication, headlines=tuple(cells))
        return replace(publication, overview=tuple(cells))
    chart = chart_at(publication, place.chart)
    if place.field == "summary":
        return with_chart(publication, place.chart, replace(chart, summary=text))
    if place.field == "cell":
        row = chart.table_rows[place.index]
        rows = list(chart.table_rows)
        rows[place.index] = row[:place.column] + (text,) + row[place.column + 1:]
        return with_chart(publication, place.chart, replace(chart, table_rows=tuple(rows)))
    return publication  # a title, note or key entry: no reader reads them, so the model cannot change


# Finding and classifying the numbers.

def sentence_numbers(text: str) -> Iterator[tuple[str, tuple[int, int], str]]:
    """Each number in a sentence with its kind; "unclassified" for one no pattern covers."""
    kinds: dict[tuple[int, int], str] = {}
    tokens = [(m[0], m.span()) for m in TOKEN.finditer(text)]
    for kind, pattern in SENTENCE_KINDS:
        for match in re.finditer(pattern, text):
            for _, span in tokens:
                if span not in kinds and match.start() <= span[0] and span[1] <= match.end():
                    kinds[span] = kind
    for token, span in tokens:
        yield token, span, kinds.get(span, "unclassified")


def cell_kind(header: str) -> str:
    return "date" if header.startswith("Month") else CELL_KINDS.get(header, "unclassified")


def shown_numbers(publication: Publication) -> Iterator[Shown]:
    """Every number a reader sees in a publication."""
    aim = f"aim {publication.aim.id}"
    indexes = list(range(len(publication.charts))) + ([STAGES] if publication.stages else [])
    for index in indexes:
        chart = chart_at(publication, index)
        where = chart.csv_path or chart.id
        texts = [("summary", 0, chart.summary), ("title", 0, chart.title)]
        texts += [("note", i, note) for i, note in enumerate(chart.notes)]
        texts += [("key", i, item.label) for i, item in enumerate(chart.key)]
        for field, i, text in texts:
            for token, span, kind in sentence_numbers(text):
                yield Shown(token, span, kind, Place("chart", index, field, i), text, field, chart.kind, where)
        for r, row in enumerate(chart.table_rows):
            for c, (header, cell) in enumerate(zip(chart.table_headers, row, strict=False)):
                if re.search(r"\d", cell):
                    yield Shown(cell, (0, len(cell)), cell_kind(header), Place("chart", index, "cell", r, c), cell,
                                header, chart.kind, where)
    for part, cells, kinds in (("headline", publication.headlines, HEADLINE_KINDS),
                               ("overview", publication.overview, OVERVIEW_KINDS)):
        for i, (label, value) in enumerate(cells):
            if re.search(r"\d", value):
                yield Shown(value, (0, len(value)), kinds.get(label, "unclassified"), Place(part, index=i), value,
                            label, part, aim)


# Whether the audit reads a number: change it, and see what the audit's model makes of it.

def changed(token: str) -> str:
    """The number one more (one less for 100%), written the same way."""
    if token.endswith("%"):
        percent = int(token[:-1])
        return f"{percent - 1 if percent == 100 else percent + 1}%"
    if token.lower() in WORD_NUMBERS:
        more = WORD_NUMBERS.index(token.lower()) + 1
        word = WORD_NUMBERS[more] if more < len(WORD_NUMBERS) else str(more)
        return word.capitalize() if token[0].isupper() else word
    return f"{float(token) + 1:g}"


def quoted(publication: Publication, place: Place, text: str) -> str:
    """How the audit's sources quote the text at a place: a whole sentence, or a percentage after its label."""
    if place.part == "chart":
        return f"the sentence '{text}' (" if place.field == "summary" else ""
    labels = publication.headlines if place.part == "headline" else publication.overview
    return f"'{labels[place.index][0]}' {text}"


def restored(model: Model, old: str, new: str) -> Model:
    """The model with the changed text put back where its sources quote it, so that only what the audit
    concluded from the number differs."""
    if not new:
        return model
    constraints = [replace(c, source=c.source.replace(new, old)) for c in model.constraints]
    return Model(model.variables, constraints, model.secrets)


def difference(before: Model, after: Model) -> list[tuple[Constraint, Model]]:
    """The constraints one model has and the other has not (as many times as they differ), with their model."""
    counts = [Counter(model.constraints) for model in (before, after)]
    found = []
    for model, mine, theirs in ((before, counts[0], counts[1]), (after, counts[1], counts[0])):
        found += [(constraint, model) for constraint, times in (mine - theirs).items() for _ in range(times)]
    return found


def owned(constraint: Constraint, model: Model, publication: Publication, number: Shown) -> bool:
    """Whether a constraint comes from the number's own place: that sentence, that table, those headline figures,
    that overview row, or the band of a figure hidden there."""
    if constraint.source == KNOWN:
        hidden = {s.variable for s in model.secrets if s.where == number.where}
        return any(name in hidden for name, _ in constraint.terms)
    place = number.place
    if place.part == "headline":
        label = publication.headlines[place.index][0]
        return (constraint.source.startswith(("the headline figures", f"'{label}'"))
                and constraint.source.endswith(f"({number.where})"))
    if place.part == "overview":
        return constraint.source.startswith("the national overview")
    if place.field == "cell":
        return (constraint.source.startswith(TABLE_SOURCES.get(number.chart_kind, "?"))
                and constraint.source.endswith(f"({number.where})"))
    return constraint.source == f"the sentence '{chart_at(publication, place.chart).summary}' ({number.where})"


def stated_reading(chart: Chart, number: Shown) -> str:
    """A sentence's number is read when the sentence states it as a figure (its Stated), with the same value:
    the audit reads a sentence's Stated figures, never its words."""
    token = number.text.lower()
    value = WORD_NUMBERS.index(token) if token in WORD_NUMBERS else None
    if value is None and not token.endswith("%"):
        value = int(float(token))
    for fact in chart.stated:
        if fact.kind == "percent" and fact.shown == number.text:
            return "read"
        if fact.kind == "count" and fact.value == value:
            return "read"
        if fact.kind in ("band", "too few") and fact.value == value and number.text in fact.words:
            return "read"
    return "not read"


def reading(publication: Publication, number: Shown, policy: DisclosurePolicy) -> str:
    """"read", "not read", or which other sources the number changes."""
    if number.place.part == "chart" and number.place.field == "summary":
        return stated_reading(chart_at(publication, number.place.chart), number)
    text = text_at(publication, number.place)
    start, end = number.span
    new = text[:start] + changed(number.text) + text[end:]
    after = restored(model_of(with_text(publication, number.place, new), policy),
                     quoted(publication, number.place, text), quoted(publication, number.place, new))
    found = difference(model_of(publication, policy), after)
    if not found:
        return "not read"
    others = sorted({c.source for c, model in found if not owned(c, model, publication, number)})
    return f"read from elsewhere: {others}" if others else "read"


def rows_counted(publication: Publication, index: int, policy: DisclosurePolicy) -> bool:
    """Whether dropping the last row of a per-child table changes what the audit reads from that table."""
    chart = chart_at(publication, index)
    altered = with_chart(publication, index, replace(chart, table_rows=chart.table_rows[:-1]))
    found = difference(model_of(publication, policy), model_of(altered, policy))
    source = f"{TABLE_SOURCES[chart.kind]} ({chart.csv_path or chart.id})"
    return any(c.source == source for c, _ in found)


def identity(publication: Publication, number: Shown) -> tuple[object, ...]:
    """The same number on the same chart, whichever publication carries it (a stage table is in several)."""
    if number.place.part != "chart":
        return (publication.scope, number.place, number.span)
    chart = chart_at(publication, number.place.chart)
    return (number.where, chart.summary, number.place.field, number.place.index, number.place.column, number.span)


def describe(publication: Publication, number: Shown) -> str:
    at = {"summary": "the sentence", "title": "the title", "note": "the note", "key": "the key entry"}
    if number.place.part == "chart" and number.field in at:
        return (f"{publication.scope}: '{number.text}' ({number.kind}) in {at[number.field]} "
                f"'{number.context}' ({number.where})")
    return (f"{publication.scope}: '{number.text}' ({number.kind}) in the {number.chart_kind} "
            f"{'table' if number.place.part == 'chart' else 'figures'}, '{number.field}' ({number.where})")


def chart_family(chart: Chart) -> str:
    return f"national {chart.kind}" if (chart.csv_path or "").startswith("national/") else chart.kind


# The tests.

def test_every_count_and_percentage_published_is_read_by_the_audit(example: Example) -> None:
    verdicts: dict[tuple[object, ...], tuple[Publication, Shown, list[str]]] = {}
    unclassified, positions, uncounted = [], [], []
    for publication in example.published:
        for number in shown_numbers(publication):
            if number.kind == "unclassified":
                unclassified.append(describe(publication, number))
            elif number.kind == "run position" and not chart_at(publication, number.place.chart).table_rows:
                positions.append(describe(publication, number))
            elif number.kind in MUST_BE_READ:
                entry = verdicts.setdefault(identity(publication, number), (publication, number, []))
                entry[2].append(reading(publication, number, example.policy))
        for index, chart in enumerate(publication.charts):
            if chart.kind in PER_CHILD and chart.table_rows and not rows_counted(publication, index, example.policy):
                uncounted.append(f"{publication.scope}: {chart.kind} chart rows ({chart.csv_path})")
    unread = [(publication, number, said) for publication, number, said in verdicts.values() if "read" not in said]
    gaps = {gap.name: [n for _, n, _ in unread if gap.covers(n)] for gap in KNOWN_GAPS}
    new = [f"{describe(p, n)}: {said[0]}" for p, n, said in unread if not any(gap.covers(n) for gap in KNOWN_GAPS)]
    stale = [name for name, covered in gaps.items() if not covered]
    assert not unclassified, "numbers of a kind this test does not know (classify them):\n" + "\n".join(unclassified)
    assert not positions, "run chart positions in a chart whose dots are not published:\n" + "\n".join(positions)
    assert not uncounted, "per-child tables whose rows the audit does not count:\n" + "\n".join(uncounted)
    assert not new, "published numbers the disclosure audit does not read:\n" + "\n".join(new)
    assert not stale, f"known gaps that no longer occur (remove them from KNOWN_GAPS): {stale}"
    assert len(verdicts) > 300  # the example site publishes hundreds: the extraction found them


def page_charts(site: Path) -> dict[tuple[str, str], list[str]]:
    """Every chart on every page, as (chart id, summary as a reader reads it): the pages it is on."""
    found: dict[tuple[str, str], list[str]] = {}
    pattern = re.compile(r'<p id="([^"]+)-summary" class="chart__summary">(.*?)</p>', re.DOTALL)
    for page in sorted(site.rglob("*.html")):
        for chart_id, summary in pattern.findall(page.read_text(encoding="utf-8")):
            found.setdefault((chart_id, plain(summary)), []).append(str(page.relative_to(site)))
    return found


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def page_figures(site: Path) -> set[tuple[str, str]]:
    """Every (label, value) pair of the headline figures on any page."""
    pattern = re.compile(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", re.DOTALL)
    return {(plain(label), plain(value)) for page in site.rglob("*.html")
            for label, value in pattern.findall(page.read_text(encoding="utf-8"))}


def headline_on_pages(publication: Publication, line: tuple[str, str], figures: set[tuple[str, str]]) -> bool:
    """A headline figure as an aim block or newsletter shows it, or as a poster does (render/poster_view.py
    calls the cohort "children since <month>")."""
    label, value = line
    poster = f"children since {publication.aim.cohort_start:%B %Y}" if label == HEADLINES[0] else label
    return (label, value) in figures or (poster, value) in figures


def test_the_publications_checked_are_the_pages_published(example: Example) -> None:
    on_pages = page_charts(example.site)
    figures = page_figures(example.site)
    checked: set[tuple[str, str]] = set()
    missing = []
    for publication in example.published:
        charts = list(publication.charts) + ([publication.stages[0]] if publication.stages else [])
        for chart in charts:
            checked.add((chart.id, chart.summary))
            csv = example.site / chart.csv_path if chart.csv_path else None
            shown = (chart.id, chart.summary) in on_pages
            # A CSV is written only where a page links it (tests/test_published_files.py); where it is, it is the table.
            if chart.table_rows and csv is not None and csv.is_file():
                if csv.read_text(encoding="utf-8") != chart.csv_text():
                    missing.append(f"{publication.scope}: {chart.csv_path} is not the table checked")
            # A poster shows three charts (render/poster_view.py MAX_CHARTS): the others are audited as if published,
            # which is cautious, but neither shown nor written (tests/test_published_files.py).
            on_poster = "/poster/" in (chart.csv_path or "")
            if not shown and not on_poster:
                missing.append(f"{publication.scope}: chart {chart.id} '{chart.summary}' is on no page")
        missing += [f"{publication.scope}: headline {line} is on no page" for line in publication.headlines
                    if not headline_on_pages(publication, line, figures)]
    assert not missing, "\n".join(missing)

    # A chart block renumbers the chart it places ("figure-3"): from a page back to a chart, its summary says which.
    summaries = {summary for _, summary in checked}
    known = {chart.summary: chart for chart in example.computed.charts()}
    shown = {summary for _, summary in on_pages if summary not in summaries}
    unknown = [summary for summary in shown if summary not in known]
    assert not unknown, "charts on pages the build's computation does not know:\n" + "\n".join(unknown)
    outside = Counter(chart_family(known[summary]) for summary in shown)
    unexplained = set(outside) - set(AUDITED_ELSEWHERE) - set(CHART_GAPS)
    assert not unexplained, f"charts on pages that no publication carries, of kinds not listed: {unexplained}"
    assert set(CHART_GAPS) <= set(outside), "a chart gap no longer occurs: remove it from CHART_GAPS"
