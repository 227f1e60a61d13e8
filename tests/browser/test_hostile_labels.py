"""Hostile labels in a real browser: every chart is drawn, and plotly.js shows each label as the text written."""

from __future__ import annotations

from pathlib import Path

from browser_support import open_page, wait_for_charts

from tests.support.hostile_site import HOSTILE_MILESTONE, hostile_site

FACTS = """() => ({
  placeholders: document.querySelectorAll('[data-figure]').length,
  drawn: document.querySelectorAll('[data-figure] svg.main-svg').length,
  links: document.querySelectorAll('[data-figure] svg a').length,
  styled: [...document.querySelectorAll('[data-figure] svg [style*="99px"]')].length,
  text: [...document.querySelectorAll('[data-figure] svg text')].map(t => t.textContent).join('\\n'),
  notes: [...document.querySelectorAll('.chart__notes li')].map(li => li.textContent).join('\\n'),
  noteMarkup: document.querySelectorAll('.chart__notes span, .chart__notes a').length,
})"""


def test_charts_with_hostile_labels_are_drawn_with_the_labels_as_text(small_site: Path, serve, page) -> None:
    base = serve(hostile_site(small_site))
    texts, notes = {}, ""
    for path in ("authorities/testshire/index.html", "national/index.html"):
        open_page(page, base + path)
        assert wait_for_charts(page), f"{path}: plotly.js did not draw every chart"
        facts = page.evaluate(FACTS)
        assert facts["placeholders"] >= 1 and facts["drawn"] >= facts["placeholders"], (path, facts)
        assert facts["links"] == 0 and facts["styled"] == 0, (path, facts)  # no markup of a label was obeyed
        assert facts["noteMarkup"] == 0, (path, facts)
        texts[path] = facts["text"]
        notes = facts["notes"] if path.startswith("authorities") else notes
    authority = texts["authorities/testshire/index.html"]
    assert '<span style="font-size:99px">huge</span>' in notes  # the test of change, as written, under its chart
    assert '<a href="javascript:alert(1)">' in authority.lower()  # the milestone, in an axis title
    assert HOSTILE_MILESTONE.lower().split("<a")[0] in authority.lower()
    assert "<!--<script> </script><b>&amp;" in texts["national/index.html"]  # the authority's name
