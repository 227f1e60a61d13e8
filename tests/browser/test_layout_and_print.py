"""Small screens and print: screenshots at three widths, no sideways scrolling at 320 px, PDFs of a poster
and a newsletter. Screenshots and PDFs go to test-artifacts/ (git-ignored) for people to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import PageType, open_page

WIDTHS = (320, 768, 1280)

# The elements that stick out past the right edge of the viewport, deepest first.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) return false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' && s.overflowX !== 'clip' || s.position === 'fixed') {
        const pr = p.getBoundingClientRect();
        if (pr.right <= width + 0.5) return false;   // clipped or scrolled inside a narrower box
      }
    }
    return !el.closest('.skip-link');
  });
  return out.filter(el => !out.some(o => o !== el && el.contains(o))).slice(0, 10)
    .map(el => el.localName + (el.id ? '#' + el.id : '')
         + (el.classList.length ? '.' + [...el.classList].join('.') : '')
         + ' right=' + Math.round(el.getBoundingClientRect().right));
}"""


def test_screenshots_and_no_sideways_scrolling(page, site_url: str, page_type: PageType, artifacts: Path) -> None:
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    overflow = {}
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            open_page(page, site_url + page_type.path)
            page.evaluate("() => window.scrollTo(0, 0)")
            scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll_width > width:
                overflow[width] = (scroll_width, page.evaluate(OVERFLOWING))
            page.screenshot(path=str(folder / f"{page_type.slug}-{width}.png"), full_page=True)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    assert 320 not in overflow, (
        f"at 320 px the page is {overflow[320][0]} px wide; sticking out: {overflow[320][1]}")


@pytest.mark.parametrize("kind", ["authorities/*/poster", "authorities/*/newsletters/*"])
def test_print_to_pdf(page, site_url: str, all_page_types, artifacts: Path, kind: str) -> None:
    page_type = next(t for t in all_page_types if t.name == kind)
    folder = artifacts / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    open_page(page, site_url + page_type.path)
    page.emulate_media(media="print")
    try:
        # Every authority of the example is illustrative: the notice must be on paper too, at the top.
        notice = page.locator('main > .example-notice[role="note"]')
        assert notice.is_visible() and "Illustrative example" in notice.inner_text()
        assert notice.bounding_box()["y"] < page.locator("main h1").first.bounding_box()["y"]
        assert_charts_fit_in_print(page)
        path = folder / f"{page_type.slug}.pdf"
        # Printing fires beforeprint, on which charts.js lets the print CSS scale each chart to the paper.
        pdf = page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    finally:
        page.emulate_media(media="screen")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    sizes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)]
    assert sizes, "no pages in the PDF"
    if kind == "authorities/*/poster":
        # The sheet its front matter names (poster.html's @page), e.g. "A1 portrait" = 594 x 841 mm.
        size, orientation = page.get_attribute(".poster", "data-sheet").split()
        width, height = {"A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420)}[size]
        expected = [x * 72 / 25.4 for x in ((height, width) if orientation == "landscape" else (width, height))]
        assert all(abs(w - expected[0]) < 2 and abs(h - expected[1]) < 2 for w, h in sizes), (
            f"not {size} {orientation}: {sizes}")
    else:
        assert all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in sizes), f"not A4 portrait: {sizes}"


# Charts whose drawing is wider than the chart's box: cut off on paper.
CHARTS_TOO_WIDE = """() => [...document.querySelectorAll('[data-figure]')].filter(plot => {
  const box = plot.getBoundingClientRect();
  return [...plot.querySelectorAll('svg.main-svg')].some(svg => svg.getBoundingClientRect().right > box.right + 1);
}).map(plot => plot.getAttribute('data-figure') + ' '
         + Math.round(plot.querySelector('svg').getBoundingClientRect().width)
         + 'px in ' + Math.round(plot.getBoundingClientRect().width) + 'px')"""


def assert_charts_fit_in_print(page) -> None:
    """With print styles, on a sheet narrower than the screen the charts were drawn for, every chart
    scales to fit its box (charts.js on beforeprint and the print CSS), and afterprint restores it."""
    style = page.add_style_tag(content="main { max-width: 650px !important; }")  # about an A4 sheet
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    too_wide = page.evaluate(CHARTS_TOO_WIDE)
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    style.evaluate("element => element.remove()")
    assert not too_wide, f"charts cut off in print: {too_wide}"
