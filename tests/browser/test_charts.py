"""Charts for screen readers: named by their heading, described by their summary, the drawing hidden."""

from __future__ import annotations

from browser_support import PageType, open_page, wait_for_charts

CHART_FACTS = """() => [...document.querySelectorAll('figure.chart')].map(f => {
  const ids = attr => (f.getAttribute(attr) || '').split(/\\s+/).filter(Boolean);
  const named = ids('aria-labelledby').map(id => document.getElementById(id));
  const described = ids('aria-describedby').map(id => document.getElementById(id));
  return {
    id: f.id,
    name: named.map(e => e ? e.localName + ':' + e.textContent.trim() : 'missing').join(' '),
    namedByHeading: named.length > 0 && named.every(e => e && /^h[1-6]$/.test(e.localName) && e.textContent.trim()),
    describedBySummary: described.length > 0 &&
      described.every(e => e && e.classList.contains('chart__summary') && e.textContent.trim()),
    svgs: [...f.querySelectorAll('svg')].map(s => s.getAttribute('aria-hidden')),
    plots: f.querySelectorAll('[data-figure]').length,
  };
})"""

SVGS_HIDDEN = """() => [...document.querySelectorAll('[data-figure]')].every(e =>
  e.querySelector('svg') && [...e.querySelectorAll('svg')].every(s => s.getAttribute('aria-hidden') === 'true'))"""


def test_charts_are_named_described_and_hidden(page, site_url: str, page_type: PageType) -> None:
    open_page(page, site_url + page_type.path)
    if page.locator("figure.chart").count() == 0:
        return  # a page without charts: nothing to check here
    assert wait_for_charts(page), "Plotly did not draw every chart within 10 s"
    try:
        page.wait_for_function(SVGS_HIDDEN, timeout=5_000)
    except Exception:
        pass
    problems = []
    for chart in page.evaluate(CHART_FACTS):
        if not chart["namedByHeading"]:
            problems.append(f"{chart['id']}: aria-labelledby does not point at a heading ({chart['name']})")
        if not chart["describedBySummary"]:
            problems.append(f"{chart['id']}: aria-describedby does not point at its .chart__summary")
        if chart["plots"] and not chart["svgs"]:
            problems.append(f"{chart['id']}: the chart was not drawn")
        if any(hidden != "true" for hidden in chart["svgs"]):
            problems.append(f"{chart['id']}: an svg is not aria-hidden: {chart['svgs']}")
    assert not problems, "\n".join(problems)


def test_some_page_has_charts(page, site_url: str, all_page_types) -> None:
    counts = {}
    for page_type in all_page_types:
        if page_type.name.startswith("authorities/*"):
            open_page(page, site_url + page_type.path, charts=False)
            counts[page_type.name] = page.locator("figure.chart").count()
    assert counts.get("authorities/*"), counts
