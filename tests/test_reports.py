"""Reports (content/reports/<slug>.md): a contents list from the headings, numbered figures and tables,
footnotes, a list of reports in the navigation, search facets, and front matter checked like every file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build, check
from pace_site.model.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent


def options(root: Path) -> BuildOptions:
    return BuildOptions(root / "content", root / "data", root / "site")

REPORT = """\
---
title: Testshire in numbers
date: 2019-06-30
authors: Testshire data team
summary: What our data shows.
---
Opening, with a note.[^first]

## How long children wait

Run charts first.

```chart
authority: testshire
aim: aim-2
show: progress
```

### Reading the chart

Table: Stages and timescales

| Stage | Timescale |
| --- | --- |
| Accommodated to recommendation | 26 weeks |

| Unnumbered | table |
| --- | --- |
| a | b |

## Figure 2

A heading that looks like a figure's id, and another note.[^second]

Table: A second table

| x |
| --- |
| 1 |

[^first]: The first note.
[^second]: The second note.
"""


def report_site(root: Path, text: str = REPORT) -> Path:
    folder = root / "content" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "testshire-in-numbers.md").write_text(text, encoding="utf-8")
    return root


def test_a_report_has_a_contents_list_numbered_figures_and_tables_and_footnotes(small_site: Path) -> None:
    build(options(report_site(small_site)))
    html = (small_site / "site" / "reports" / "testshire-in-numbers" / "index.html").read_text()
    start = html.index('id="contents-heading"')
    contents = html[start:html.index("</nav>", start)]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
    assert links == [("how-long-children-wait", "How long children wait"), ("reading-the-chart", "Reading the chart"),
                     ("section-figure-2", "Figure 2"), ("notes", "Notes")]
    for anchor, _ in links:  # every entry leads somewhere on the page
        assert f'id="{anchor}"' in html
    assert re.findall(r'<span class="table__number">(Table \d)\.</span> ([^<]+)<', html) == [
        ("Table 1", "Stages and timescales"), ("Table 2", "A second table")]
    assert html.count("<table>") >= 3 and 'aria-label="Table 1. Stages and timescales"' in html
    assert 'class="chart__number">Figure 1.</span> Progress towards the aim' in html
    assert 'id="figure-1"' in html and html.count('id="figure-1"') == 1  # the heading did not take the figure's id
    for note in ("fn:first", "fn:second"):  # each reference leads to its note and back
        assert f'href="#{note}"' in html and f'id="{note}"' in html
        assert f'href="#fnref:{note[3:]}"' in html and f'id="fnref:{note[3:]}"' in html
    assert html.index("The first note.") > html.index('id="notes"') > html.index("A second table")


def test_the_reports_list_is_in_the_navigation_and_lists_each_report(small_site: Path) -> None:
    build(options(report_site(small_site)))
    listing = (small_site / "site" / "reports" / "index.html").read_text()
    assert 'href="testshire-in-numbers/"' in listing and "Testshire data team" in listing
    assert "What our data shows." in listing
    home = (small_site / "site" / "index.html").read_text()
    assert 'href="reports/">Reports</a>' in home


def test_a_site_without_reports_still_has_the_page_the_navigation_links_to(small_site: Path) -> None:
    build(options(small_site))
    assert "There are no reports yet" in (small_site / "site" / "reports" / "index.html").read_text()


def test_a_report_is_searchable_as_a_report_with_its_year_and_the_authorities_it_charts(small_site: Path) -> None:
    build(options(report_site(small_site)))
    html = (small_site / "site" / "reports" / "testshire-in-numbers" / "index.html").read_text()
    assert "data-pagefind-body" in html and 'data-pagefind-filter="kind:Report"' in html
    assert 'data-pagefind-filter="year:2019"' in html and 'data-pagefind-filter="authority:Testshire"' in html


def test_an_unknown_front_matter_key_is_an_error_with_the_nearest_one(small_site: Path) -> None:
    report_site(small_site, REPORT.replace("authors:", "autors:"))
    with pytest.raises(ContentError) as raised:
        check(options(small_site))
    assert ("testshire-in-numbers.md, line 4: unknown field 'autors': did you mean 'authors'?"
            in str(raised.value.message))


def test_a_report_needs_a_title_and_a_date(small_site: Path) -> None:
    report_site(small_site, "---\nsummary: No title.\n---\nText.\n")
    with pytest.raises(ContentError) as raised:
        check(options(small_site))
    message = str(raised.value.message)
    assert "the field 'title' is required" in message and "the field 'date' is required" in message


def test_an_author_cannot_take_the_page_s_ids_or_set_ids_and_classes_of_their_own(small_site: Path) -> None:
    hostile = REPORT + ('\n## Main content\n\n<h2 id="main-content">Hijack</h2>\n<p id="fn:first" class="chart">x</p>\n'
                        '<li id="evil">y</li><div class="example-notice">fake notice</div>\n')
    build(options(report_site(small_site, hostile)))
    html = (small_site / "site" / "reports" / "testshire-in-numbers" / "index.html").read_text()
    assert html.count('id="main-content"') == 1 and 'id="section-main-content"' in html
    assert html.count('id="fn:first"') == 1 and 'id="evil"' not in html
    assert 'class="example-notice"' not in html and 'class="chart"' not in html


def test_the_example_national_report_charts_the_example_data_with_national_pooled_figures() -> None:
    text = (ROOT / "content" / "reports" / "pace-national-report.md").read_text()
    assert "example: true" in text and "source:" in text and "2020" in text.split("---")[1]
    blocks = re.findall(r"```chart\n(.*?)```", text, re.S)
    assert any("authority: all" in b and "show: overview" in b for b in blocks)
    assert any("show: waiting" in b for b in blocks) and any("show: stage-durations" in b for b in blocks)
    assert "authority: all\nnational_aim: 2\nshow: stage-durations\n" in blocks


def test_the_example_national_report_is_built_with_its_figures_in_order(example_site: Path) -> None:
    html = (example_site / "reports" / "pace-national-report" / "index.html").read_text()
    numbers = re.findall(r'class="chart__number">Figure (\d+)\.', html)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) >= 8
    assert "Median weeks for aim 2 by authority" in html and "Children still waiting" in html
    assert "\ue000" not in html and "<!--" not in html  # comments in the Markdown are not published
