"""Hostile labels through a real build: charts, tables and CSVs survive, and every label stays plain text.

A label that contains `<!--<script>` once hid the end of a chart's <script> element and lost 34 pages
their charts; Plotly's pseudo-HTML carried links into the SVG; a label starting with `=` became a
spreadsheet formula in the CSV download.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

from pace_site.model.chart import Chart
from pace_site.model.escaping import inert_csv_cell, plotly_plain, script_json
from tests.support.hostile_site import HOSTILE_CHANGE, HOSTILE_MILESTONE, HOSTILE_NAME, hostile_site


@pytest.fixture
def built(small_site: Path) -> Path:
    return hostile_site(small_site)


def json_scripts(page: str) -> dict[str, str]:
    """The raw text of each chart's JSON <script> element, by id."""
    return dict(re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', page, re.S))


def plotly_strings(value: object) -> list[str]:
    """Every string in a figure, as plotly.js shows it (it turns &lt; back into <)."""
    if isinstance(value, str):
        return [html.unescape(value)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in plotly_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in plotly_strings(item)]
    return []


def test_every_page_keeps_its_charts_and_tables(built: Path) -> None:
    pages = [p for p in built.rglob("*.html") if "assets" not in p.parts]
    with_charts = 0
    for path in pages:
        page = path.read_text(encoding="utf-8")
        scripts = json_scripts(page)
        placeholders = re.findall(r'data-figure="([^"]+)"', page)
        assert sorted(scripts) == sorted(placeholders), path
        for text in scripts.values():
            assert not re.search("[<>&\u2028\u2029]", text), path  # nothing can end or hide the element
            json.loads(text)
        assert page.count('<figure class="chart"') == page.count("</figure>"), path
        with_charts += bool(scripts)
    authority = (built / "authorities/testshire/index.html").read_text(encoding="utf-8")
    assert len(json_scripts(authority)) >= 3 and "<table>" in authority
    assert with_charts >= 3


def test_labels_reach_the_chart_as_the_text_written(built: Path) -> None:
    page = (built / "authorities/testshire/index.html").read_text(encoding="utf-8")
    shown = [s for text in json_scripts(page).values() for s in plotly_strings(json.loads(text))]
    # The test of change is numbered on the chart and named, as written, in the list under it.
    assert str(escape(HOSTILE_CHANGE)) in page and "Test of change from March 2019: " in page
    assert any(HOSTILE_MILESTONE.lower() in s for s in shown)  # in an axis title
    national = (built / "national/index.html").read_text(encoding="utf-8")
    names = [s for text in json_scripts(national).values() for s in plotly_strings(json.loads(text))]
    assert HOSTILE_NAME in names


def test_no_plotly_markup_survives_in_a_figure(built: Path) -> None:
    for path in built.rglob("*.html"):
        for text in json_scripts(path.read_text(encoding="utf-8")).values():
            raw = json.dumps(json.loads(text), ensure_ascii=False)
            assert "<" not in re.sub(r"<br>|</?extra>", "", raw), path  # plotly.js draws no tag of a label


def test_csv_cells_never_start_a_formula(built: Path) -> None:
    csvs = list(built.rglob("*.csv"))
    assert csvs
    starts = []
    for path in csvs:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            starts += [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert all(re.fullmatch(r"-\d+(\.\d+)?", cell) for cell in starts), starts
    overview = "\n".join(p.read_text(encoding="utf-8") for p in (built / "national").rglob("*.csv"))
    assert "'" + HOSTILE_NAME.replace('"', '""') in overview  # the name is kept, made inert


def test_the_html_table_shows_the_label_as_written(built: Path) -> None:
    page = (built / "national/index.html").read_text(encoding="utf-8")
    assert f"<td>{escape(HOSTILE_NAME)}</td>" in page  # as Jinja escapes it
    assert "<!--<script>" not in page


@pytest.mark.parametrize("label", ["</script>", "<!--<script>", "a & b", "\u2028", "]]>", "<\\/script>"])
def test_script_json_round_trips_and_never_holds_markup(label: str) -> None:
    text = script_json({"name": label})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"name": label}


@pytest.mark.parametrize(("label", "drawn"), [
    ('<a href="javascript:alert(1)">x</a>', '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'),
    ("Fish & chips &lt;", "Fish &amp; chips &amp;lt;"),
    ("Child %{x}<extra></extra>", "Child %{x}<extra></extra>"),  # the builders' own markup is kept
    ("line<br>break", "line<br>break"),
    ("<br/><BR>", "&lt;br/&gt;&lt;BR&gt;"),
])
def test_plotly_markup_is_escaped_but_the_builders_own_is_kept(label: str, drawn: str) -> None:
    assert plotly_plain(label) == drawn


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("-2+3", "'-2+3"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("-2", "-2"), ("-2.5", "-2.5"), ("12", "12"), ("Midlothian", "Midlothian"), ("[c]", "[c]"), ("", ""),
])
def test_csv_cells_that_could_be_formulas_are_made_inert(cell: str, written: str) -> None:
    assert inert_csv_cell(cell) == written


def test_a_chart_csv_keeps_negative_numbers_and_neutralises_headers() -> None:
    chart = Chart("c", "t", "s", None, ("=Month", "Value"), (("=cmd", "-3.5"),), "c.csv")
    assert list(csv.reader(io.StringIO(chart.csv_text()))) == [["'=Month", "Value"], ["'=cmd", "-3.5"]]
