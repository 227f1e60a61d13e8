"""The method shown in full: the runs test worded, measure kinds with their units, no empty bars."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.figures.metrics import AimFigures, AimProgress
from pace_site.model.content import LocalAim, Timescale
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.publish.charts import progress_chart


def options(root: Path) -> BuildOptions:
    return BuildOptions(root / "content", root / "data", root / "site")


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")

RUNS_AIM = """\
---
name: Testshire
community: data-leads
joined: 2016-01-01
contact: pace@testshire.example.org
data_as_at: 2019-06-30
per_child: open
aims:
  - id: aim-2
    national_aim: 2
    start: accommodated
    end: recommendation
    timescale: 40 weeks
    target: 80
    cohort_start: 2018-01-01
    deadline: 2019-12-31
    baseline_until: 2019-06-30
    statement: By December 2019, 80% of children will have a recommendation within 40 weeks.
---
Testshire.
"""


def runs_only_journeys() -> str:
    """Twenty children, in runs of five above and five below the median, zig-zagging within each run:
    no shift (six in a row) and no trend (five in a row going one way), but only three crossings."""
    weeks = [60, 55, 62, 57, 61, 20, 25, 18, 24, 21, 59, 54, 63, 56, 60, 22, 26, 19, 23, 20]
    lines = ["accommodated,recommendation"]
    for month, wait in enumerate(weeks):
        reached = date(2017, 1, 15) + timedelta(days=30 * month)
        lines.append(f"{reached - timedelta(days=7 * wait + 1)},{reached}")
    return "\n".join(lines) + "\n"


def test_a_series_whose_only_signal_is_too_few_crossings_is_called_a_runs_test_signal(small_site: Path) -> None:
    write(small_site, {"content/authorities/testshire/authority.md": RUNS_AIM,
                       "data/testshire/journeys.csv": runs_only_journeys()})
    build(options(small_site))
    html = (small_site / "site/authorities/testshire/index.html").read_text(encoding="utf-8")
    summary = re.search(r'id="aim-2-run-chart-summary"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "There is no shift or trend, but the runs test finds non-random variation: the dots cross the median " \
           "only 3 times, fewer than the 6 expected by chance." in summary
    assert "what we would expect by chance" not in summary
    chart = re.search(r'<figure class="chart" id="aim-2-run-chart"(.*?)</figure>', html, re.S).group(1)
    assert "Runs test: non-random variation (see the summary)</li>" in chart


def test_a_cumulative_measure_has_a_unit_and_no_run_chart_rules(example_site: Path) -> None:
    html = (example_site / "authorities/highland/index.html").read_text(encoding="utf-8")
    chart = re.search(r'<figure class="chart" id="aim-1-measure"(.*?)</figure>', html, re.S).group(1)
    assert "is 100% against an aim of 100%" in chart
    assert "the run chart rules (shift, trend, runs) do not apply" in chart
    assert "median" not in chart.lower() and "Aim: 100%</li>" in chart
    figure = re.search(r'<script type="application/json" id="aim-1-measure-figure">(.*?)</script>', html, re.S).group(1)
    assert '"ticksuffix":"%"' in figure and "Per cent, cumulative" in figure


def test_a_progress_bar_whose_every_part_is_c_is_a_sentence_not_an_empty_bar() -> None:
    aim = LocalAim("a", "", 75, date(2018, 1, 1), date(2019, 1, 1), 2, "accommodated", "recommendation",
                   Timescale(26, "weeks"))
    figures = AimFigures(aim, date(2019, 1, 1), (), (), AimProgress(8, 2, 2, 2, 2, 75))
    chart = progress_chart("a-progress", figures, "Summary.", "a.csv", DisclosurePolicy(),
                           frozenset({"met", "late", "waiting past", "pending"}))
    assert chart.figure is None and not chart.key
    assert "there is no bar to draw: the table shows them as [c]" in chart.summary
    assert [row[1] for row in chart.table_rows] == ["[c]", "[c]", "[c]", "[c]", "8"]
