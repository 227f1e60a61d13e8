"""Charts that read right on a phone and on a desk: no text drawn over another text or over the data.

For every chart drawn on the pages of the authorities whose charts the example publishes in full
(Midlothian, Highland, Westshire), the bounding boxes of Plotly's text (tick labels, axis titles,
annotations such as the numbered markers) must not overlap each other, and no annotation may sit
on a data point.
"""

from __future__ import annotations

import pytest
from browser_support import open_page, wait_for_charts

PAGES = ("authorities/midlothian/index.html", "authorities/highland/index.html", "authorities/westshire/index.html",
         "authorities/midlothian/poster/index.html")

# Every text box and every point of every drawn chart, in page coordinates.
BOXES = """() => [...document.querySelectorAll('figure.chart')].filter(f => f.querySelector('svg.main-svg')).map(f => {
  const box = e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height,
    text: (e.textContent || '').trim()}; };
  const visible = b => b.w > 0 && b.h > 0;
  const texts = [...f.querySelectorAll('.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .annotation-text')]
    .map(box).filter(visible).filter(b => b.text);
  const notes = [...f.querySelectorAll('.annotation-text')].map(box).filter(visible);
  const points = [...f.querySelectorAll('.scatterlayer .point, .barlayer .point')].map(box).filter(visible);
  return {id: f.id, texts, notes, points};
})"""


def overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"]
            and a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"])


def layout_problems(charts: list[dict]) -> list[str]:
    problems = []
    for chart in charts:
        texts = chart["texts"]
        for i, first in enumerate(texts):
            for second in texts[i + 1:]:
                if overlap(first, second):
                    problems.append(f"{chart['id']}: '{first['text']}' overlaps '{second['text']}'")
        for note in chart["notes"]:
            if any(overlap(note, point) for point in chart["points"]):
                problems.append(f"{chart['id']}: the label '{note['text']}' sits on a data point")
    return problems


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_chart_text_overlaps_text_or_data(browser, site_url: str, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    try:
        open_page(page, site_url + path)
        assert wait_for_charts(page), "Plotly did not draw every chart within 10 s"
        charts = page.evaluate(BOXES)
        assert charts, f"no chart drawn on {path}"
        assert not layout_problems(charts), "\n".join(layout_problems(charts))
    finally:
        context.close()


def test_the_overlap_check_finds_an_overlap() -> None:
    """The check itself can fail: two labels drawn on one spot are reported."""
    label = {"x": 10, "y": 10, "w": 40, "h": 12, "text": "May 2018"}
    charts = [{"id": "c", "texts": [label, {**label, "x": 30, "text": "Jan 2016"}], "notes": [], "points": []}]
    assert layout_problems(charts) == ["c: 'May 2018' overlaps 'Jan 2016'"]
