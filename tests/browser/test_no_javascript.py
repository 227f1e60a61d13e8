"""Without JavaScript nothing is lost: every chart's summary and data table are in the page."""

from __future__ import annotations

from browser_support import PageType, open_page


def test_pages_work_without_javascript(no_js_page, site_url: str, page_type: PageType) -> None:
    open_page(no_js_page, site_url + page_type.path, charts=False)
    assert no_js_page.locator("main#main-content").count() == 1
    assert no_js_page.locator("main h1").count() == 1
    assert no_js_page.locator("main h1").inner_text().strip()
    assert len(no_js_page.locator("main").inner_text().strip()) > 100


def test_authority_charts_without_javascript(no_js_page, site_url: str, all_page_types) -> None:
    authority = next(t for t in all_page_types if t.name == "authorities/*")
    open_page(no_js_page, site_url + authority.path, charts=False)
    charts = no_js_page.evaluate("""() => [...document.querySelectorAll('figure.chart')].map(f => ({
        id: f.id,
        summary: (f.querySelector('.chart__summary') || {}).textContent || '',
        rows: f.querySelectorAll('.chart__data table tbody tr').length,
        headers: f.querySelectorAll('.chart__data table th').length,
        plotted: !!f.querySelector('[data-figure]'),
    }))""")
    assert charts, f"no charts on {authority.path}"
    for chart in charts:
        assert chart["summary"].strip(), f"chart {chart['id']} has no summary"
        if chart["plotted"]:
            assert chart["rows"] and chart["headers"], f"chart {chart['id']} is drawn but has no data table"
    # Nothing was drawn: the page did not depend on JavaScript to show these.
    assert no_js_page.locator("figure.chart .chart__plot svg").count() == 0
