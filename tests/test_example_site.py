"""The example site that ships with the project, built end to end."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from pace_site.figures.metrics import aim_figures
from pace_site.model.content import LocalAim
from pace_site.model.errors import Problems
from pace_site.read.config import load_config
from pace_site.read.data import load_data
from pace_site.write.links import internal_links
from tests.support.site_files import files_outside_search_index_tables

ROOT = Path(__file__).resolve().parent.parent
PAGE_TYPES = [
    "index.html", "authorities/index.html", "authorities/midlothian/index.html",
    "authorities/midlothian/poster/index.html", "authorities/midlothian/newsletters/index.html",
    "authorities/midlothian/newsletters/2018-04/index.html", "newsletters/index.html",
    "change-ideas/index.html", "change-ideas/agenda-for-72-hour-meeting/index.html", "learning/index.html",
    "glossary/index.html", "about/index.html", "national/index.html",
    "accessibility/index.html",
]


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_every_page_type_exists_with_breadcrumbs_and_a_skip_link(example_site: Path, page: str) -> None:
    html = (example_site / page).read_text(encoding="utf-8")
    assert 'class="skip-link" href="#main-content"' in html
    assert 'id="main-content"' in html
    if page != "index.html":
        assert 'aria-label="Breadcrumb"' in html


def test_midlothian_pages_state_95_and_80_percent(example_site: Path) -> None:
    for page in ("authorities/midlothian/index.html", "authorities/midlothian/poster/index.html"):
        text = text_of(example_site / page)
        assert "Met, of those decided 95%" in text
        assert "Met, including those waiting past the timescale 80%" in text
        assert "Since November 2017, 32 children started this stage." in text
        # Midlothian publishes per-child charts openly (per_child: open), as its own poster did: the one late
        # child and the four waiting past the timescale can be counted on them, so they are not shown as [c].
        assert "21 children reached the end of it; 95% did so within 7.5 months." in text
        assert "Counting the four children still waiting past 7.5 months, it is 80% overall." in text
        assert "Missed: reached late 1" in text and "Missed: still waiting past the timescale 4" in text


def test_the_newsletter_shows_the_figures_of_its_own_date(example_site: Path) -> None:
    text = text_of(example_site / "authorities/midlothian/newsletters/2018-04/index.html")
    assert "Figures as at April 2018" in text
    assert "95%" not in text


def test_highland_baselines_match_the_poster() -> None:
    """The poster's 45 and 72 weeks are averages; the run chart's centre line is a median. The example
    data is built so that both the mean and the median of the baseline are the poster's figures."""
    problems = Problems()
    config = load_config(ROOT / "content", problems)
    assert config is not None
    journeys = load_data(ROOT / "data", ["highland"], config, problems)["highland"].journeys
    from datetime import date
    from statistics import mean, median
    launch = date(2018, 4, 28)

    def baseline(locality: str | None) -> float:
        aim = LocalAim("b", "", 90, date(2018, 4, 1), date(2019, 10, 1), 2, "accommodated", "recommendation",
                       None, None, locality)
        points = aim_figures(aim, journeys, launch).points  # as at the launch: the baseline's children
        assert len(points) >= 7
        assert mean(p.days / 7 for p in points) == median(p.weeks for p in points)  # average = median
        return median(p.weeks for p in points)

    assert baseline(None) == 45
    assert baseline("Caithness") == 72


def test_caithness_had_five_children_since_april_2018_at_the_poster_date(example_site: Path) -> None:
    text = text_of(example_site / "authorities/highland/poster/index.html")
    assert ("Since April 2018, five children started this stage. Five children reached the end of it; "
            "100% did so within 45 weeks") in text


def test_plotly_js_is_written_once_and_no_page_loads_anything_from_another_host(example_site: Path) -> None:
    assert (example_site / "assets/plotly.min.js").stat().st_size > 1_000_000
    assert len(list(example_site.rglob("plotly*.js"))) == 1
    for page in example_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # Scripts, styles and images; a link a reader chooses to follow is not a request the page makes.
        resources = re.findall(r'<(?:script|img|link|iframe|source)[^>]*(?:src|href)="([^"]+)"', html)
        assert resources or page.name == "email.html", page  # an e-mail-ready page loads nothing at all
        for resource in resources:
            assert not re.match(r"^(https?:)?//", resource), f"{page} loads {resource}"
        assert "default-src 'self'" in html


def test_every_internal_link_resolves(example_site: Path) -> None:
    broken = []
    for page in example_site.rglob("*.html"):
        for target in internal_links(page.read_text(encoding="utf-8")):
            resolved = (page.parent / target.split("#")[0]).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{page.relative_to(example_site)} -> {target}")
    assert broken == []


def figures_in(site: Path) -> list[tuple[str, dict]]:
    found = []
    for page in site.rglob("*.html"):
        for match in re.finditer(r'<script type="application/json" id="([^"]+)">(.*?)</script>',
                                 page.read_text(encoding="utf-8"), re.S):
            found.append((f"{page.relative_to(site)}#{match.group(1)}",
                          json.loads(match.group(2).replace("<\\/", "</"))))
    return found


def test_every_emitted_figure_is_accepted_by_plotlys_schema(example_site: Path) -> None:
    figures = figures_in(example_site)
    assert len(figures) > 50
    for where, figure in figures:
        try:
            go.Figure(data=figure["data"], layout=figure["layout"])
        except ValueError as error:  # plotly names the bad property
            pytest.fail(f"{where}: {error}")


def test_every_chart_has_a_summary_a_table_and_a_csv_of_the_same_rows(example_site: Path) -> None:
    html = (example_site / "authorities/eastburgh/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="chart" id="([^"]+)"(.*?)</figure>', html, re.S)
    assert len(charts) == 11  # three aims with three charts each, aim 2 by route, and the stages of the journey
    for chart_id, body in charts:
        assert f'id="{chart_id}-summary"' in body
        csv_link = re.search(r'<a href="([^"]+\.csv)" download>', body)
        if "too few to publish" in body or "not published" in body:  # withheld: no figure, table or CSV
            assert not csv_link and "<table" not in body and "data-figure" not in body
            continue
        assert csv_link, chart_id
        rows = list(csv.reader((example_site / "authorities/eastburgh" / csv_link.group(1)).open()))
        assert len(re.findall(r"<tr>", body)) == len(rows), chart_id


def test_midlothian_run_chart_starts_a_new_phase_after_its_sustained_shift(example_site: Path) -> None:
    html = (example_site / "authorities/midlothian/index.html").read_text(encoding="utf-8")
    summary = re.search(r'id="decision-7-5-months-run-chart-summary"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "A new phase began in February 2018: its median is 13.5 weeks, down from 45.5." in summary
    figure = dict(figures_in(example_site))["authorities/midlothian/index.html#decision-7-5-months-run-chart-figure"]
    assert any(trace["name"] == "Median, phase 2" and trace["y"] == [13.5, 13.5] for trace in figure["data"])
    key = re.search(r'<figure class="chart" id="decision-7-5-months-run-chart"(.*?)</figure>', html, re.S).group(1)
    assert "Median, phase 2: 13.5</li>" in key and "New phase (numbered, listed below)</li>" in key


def test_signals_say_whether_they_are_an_improvement(example_site: Path) -> None:
    html = (example_site / "authorities/eastburgh/index.html").read_text(encoding="utf-8")
    summary = re.search(r'id="aim-3-run-chart-summary"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "Six or more in a row is a shift: an improvement" in summary
    figure = dict(figures_in(example_site))["authorities/eastburgh/index.html#aim-3-run-chart-figure"]
    assert any(trace["name"] == "Shift: improvement" for trace in figure["data"])
    assert not any(trace.get("mode", "").endswith("text") for trace in figure["data"])  # no labels on the data
    key = re.search(r'<figure class="chart" id="aim-3-run-chart"(.*?)</figure>', html, re.S).group(1)
    assert "Shift: improvement</li>" in key


def test_no_chart_offers_to_upload_its_data_to_another_host(example_site: Path) -> None:
    for where, figure in figures_in(example_site):
        config = figure["config"]
        assert "sendChartToCloud" in config["modeBarButtonsToRemove"], where
        assert config["displaylogo"] is False and config["plotlyServerURL"] == "", where
    script = (example_site / "assets/charts.js").read_text()
    assert '"sendChartToCloud"' in script and 'config.plotlyServerURL = ""' in script


def test_small_counts_show_c_with_the_note_explaining_it(example_site: Path) -> None:
    html = (example_site / "authorities/eastburgh/index.html").read_text(encoding="utf-8")
    progress = re.search(r'<figure class="chart" id="aim-4-progress"(.*?)</figure>', html, re.S).group(1)
    assert "<td>Missed: reached late</td><td>[c]</td>" in progress
    assert "<td>Pending: waiting, within the timescale</td><td>[c]</td>" in progress
    assert "not shown to protect children&#39;s privacy" in progress
    rows = list(csv.reader((example_site / "authorities/eastburgh/data/current/aim-4-progress.csv").open()))
    assert ["Missed: reached late", "[c]"] in rows and ["Missed: still waiting past the timescale", "0"] in rows


def test_a_run_chart_that_would_undo_a_c_is_withheld_with_a_sentence_by_default(example_site: Path) -> None:
    """Eastburgh keeps the default `per_child: withhold`: counting its aim 4 dots would give the late [c] away."""
    html = (example_site / "authorities/eastburgh/index.html").read_text(encoding="utf-8")
    run_chart = re.search(r'<figure class="chart" id="aim-4-run-chart"(.*?)</figure>', html, re.S).group(1)
    assert "not published: it shows each child" in run_chart
    assert "<table" not in run_chart and "data-figure" not in run_chart
    assert not (example_site / "authorities/eastburgh/data/current/aim-4-run-chart.csv").exists()


def test_an_aim_with_fewer_than_five_children_shows_a_sentence_not_a_chart(example_site: Path) -> None:
    html = (example_site / "authorities/selkie-isles/index.html").read_text(encoding="utf-8")
    progress = re.search(r'<figure class="chart" id="aim-4-progress"(.*?)</figure>', html, re.S).group(1)
    assert "fewer than 5 children, too few to publish" in progress
    assert "data-figure" not in progress and "<table" not in progress


def test_no_published_file_carries_a_childs_full_date(example_site: Path) -> None:
    journeys = (ROOT / "data/midlothian/journeys.csv").read_text()
    dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", journeys))
    for path in list(example_site.rglob("*.csv")) + list(example_site.rglob("*.html")):
        found = dates & set(re.findall(r"\d{4}-\d{2}-\d{2}", path.read_text(encoding="utf-8")))
        assert not found, f"{path} shows {sorted(found)[:3]}"


def test_two_builds_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    from pace_site.build.options import BuildOptions
    from pace_site.build.pipeline import build

    again = tmp_path / "again"
    build(BuildOptions(ROOT / "content", ROOT / "data", again))
    first = files_outside_search_index_tables(example_site)
    second = files_outside_search_index_tables(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.startswith("pagefind/fragment/") for name in first), "the search index's pages are compared too"


def test_markdown_with_script_and_onclick_builds_into_a_page_with_neither(small_site: Path) -> None:
    from pace_site.build.options import BuildOptions
    from pace_site.build.pipeline import build

    (small_site / "content/pages/about.md").write_text(
        '---\ntitle: About PACE\n---\n<script>alert("x")</script>\n\n<p onclick="steal()">Hello</p>\n\n'
        '<a href="javascript:alert(1)">link</a> <iframe src="https://example.org"></iframe>\n')
    build(BuildOptions(small_site / "content", small_site / "data", small_site / "site"))
    html = (small_site / "site/about/index.html").read_text()
    assert "Hello" in html
    for unsafe in ("<script>alert", "onclick", "javascript:", "<iframe"):
        assert unsafe not in html


def test_change_ideas_can_be_browsed_by_aim_theme_and_authority_without_javascript(example_site: Path) -> None:
    index = (example_site / "change-ideas/index.html").read_text(encoding="utf-8")
    assert 'data-idea-filter hidden' in index  # the filter appears only when its script runs
    assert '<script src="../assets/ideas.js" defer></script>' in index
    idea_files = list((ROOT / "content/change-ideas").glob("*.md"))
    assert len(set(re.findall(r'data-slug="([^"]+)"', index))) == len(idea_files)
    legal = text_of(example_site / "change-ideas/themes/legal/index.html")
    assert "Legal advice before a permanence recommendation is made" in legal
    highland = text_of(example_site / "authorities/highland/index.html")
    assert "Change ideas we have tested" in highland and "A set agenda for the 72-hour planning meeting" in highland
