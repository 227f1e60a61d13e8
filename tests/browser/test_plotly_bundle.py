"""plotly.js's basic bundle draws every chart as specified: every trace type, bar pattern, shape and
annotation the figures ask for is drawn (an unknown trace type would silently become a scatter)."""

from __future__ import annotations

from pathlib import Path

from browser_support import open_page

CHECK = """() => [...document.querySelectorAll('[data-figure]')].map(element => {
  const figure = JSON.parse(document.getElementById(element.getAttribute('data-figure')).textContent);
  const drawn = element._fullData || [];
  return {
    id: element.getAttribute('data-figure'),
    asked: figure.data.map(t => [t.type || 'scatter', !!(t.marker && t.marker.pattern && t.marker.pattern.shape)]),
    got: drawn.map(t => [t.type, !!(t.marker && t.marker.pattern && t.marker.pattern.shape)]),
    shapes: [(figure.layout.shapes || []).length, ((element._fullLayout || {}).shapes || []).length],
    notes: [(figure.layout.annotations || []).length, ((element._fullLayout || {}).annotations || []).length],
  };
})"""


def chart_pages(built_site: Path) -> list[str]:
    """One page of each folder that has charts, and every page with a patterned bar."""
    pages: dict[str, str] = {}
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        relative = path.relative_to(built_site).as_posix()
        if "data-figure" in html:
            kind = "pattern " + relative if '"pattern"' in html else "/".join(relative.split("/")[:-2])
            pages.setdefault(kind, relative)
    return sorted(set(pages.values()))


def test_every_figure_is_drawn_as_asked(page, site_url: str, built_site: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type in ("error", "warning") and not message.text.startswith("Failed to load resource")
            else None)
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    checked = 0
    for path in chart_pages(built_site):
        open_page(page, site_url + path)
        for figure in page.evaluate(CHECK):
            assert figure["got"] == figure["asked"], (path, figure)
            assert figure["shapes"][0] == figure["shapes"][1], (path, figure)
            assert figure["notes"][0] == figure["notes"][1], (path, figure)
            checked += 1
    assert checked > 50 and not errors, errors
