"""The render stage: every page through Jinja (or the page cache), and every other file the site publishes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from pace_site.build.computing import Computed
from pace_site.build.reading import Site
from pace_site.model.chart import Chart
from pace_site.model.output_file import OutputFile
from pace_site.publish.placed_figures import PlacedFigure
from pace_site.render.feeds import feed_files, page_feeds, site_feed
from pace_site.render.figure_render import place_figures
from pace_site.render.htmltext import TermMarker
from pace_site.render.newsletter_pages import newsletter_pages
from pace_site.render.page_cache import page_key, shared_digests
from pace_site.render.page_paths import GLOSSARY, NAVIGATION, Link, PageSpec
from pace_site.render.pages import site_pages
from pace_site.render.render import make_environment, relative_url, render_page, theme_folders
from pace_site.util.cache import BuildCache, digest
from pace_site.util.parallel import ordered_map
from pace_site.write.links import Links, links_in, make_relative, resolve
from pace_site.write.plotly_bundle import SOURCE as PLOTLY_SOURCE
from pace_site.write.plotly_bundle import plotly_js
from pace_site.write.search import uses_search

FOOTER = (Link("About PACE", "about/index.html"), Link("Accessibility statement", "accessibility/index.html"),
          Link("Data and privacy", "privacy/index.html"))


def site_map(site: Site, computed: Computed, pdfs: bool) -> list[PageSpec]:
    """Every page the site has, in page order, with what each is rendered from."""
    return (site_pages(site.content, computed.reports, computed.overview, computed.national, pdfs=pdfs)
            + newsletter_pages(site.content, computed.reports, pdfs=pdfs))


@dataclass(frozen=True)
class RenderedPage:
    file: OutputFile  # its links made relative (write/links.py)
    links: Links  # as the templates wrote them, for the link check


def render_pages(pages: list[PageSpec], site: Site, theme: Path | None, computed: Computed | None = None,
                 jobs: int = 0, cache: BuildCache | None = None) -> list[RenderedPage]:
    """Every page, in page order; with a cache, a page whose key (render/page_cache.py) is known is not rendered."""
    env = make_environment(theme)
    shared = {"site": site.content.config, "navigation": NAVIGATION,
              "footer_links": [f for f in FOOTER if any(p.path == f.path for p in pages)]}
    site_wide_feed = site_feed(site.content)
    figures = computed.figures if computed else {}
    known = shared_digests(site.content, computed.digests if computed else {}) if cache else {}
    theme_key = cache.theme_key() if cache else ""

    def render_one(page: PageSpec) -> tuple[RenderedPage, str | None]:
        glossary = relative_url(page.path, GLOSSARY.path)
        context = {
            **shared, **page.context, "title": page.title, "breadcrumbs": page.breadcrumbs,
            "section_path": page.section_path, "charts_on_page": page.has_charts, "page_scripts": page.scripts,
            "example": page.example or site.content.config.example,
            "feeds": page_feeds(site.content, page.path, site_wide_feed),
            "search_kind": page.kind, "search_filters": page.filters, "uses_search": uses_search(page),
        }
        placed = figures.get(page.source, ())

        def render() -> RenderedPage:
            html = render_charted(env, page, {**context, "terms": TermMarker(site.content.glossary, glossary)}, placed)
            text = html.decode("utf-8")
            relative = OutputFile(page.path, make_relative(text, page.path).encode("utf-8"),
                                  page.source or page.template)
            return RenderedPage(relative, links_in(text))

        key = page_key(theme_key, known, page.template, page.path, context, placed,
                       site.content.glossary, glossary) if cache else None
        return (cache.remember("pages", key, render) if cache and key else render()), key

    rendered = ordered_map(render_one, pages, jobs)  # in page order, whichever worker renders each
    if cache:
        cache.used["pages"].update(key for _, key in rendered if key)  # a worker's use is not seen here
    return [page for page, _ in rendered]


def render_charted(env: Environment, page: PageSpec, context: dict[str, Any],
                   figures: tuple[PlacedFigure, ...] = ()) -> bytes:
    """The page with its chart blocks' figures; one whose every chart was withheld draws nothing, so it is
    rendered again without plotly.js."""
    charted = page.has_charts or bool(figures)
    html = place_figures(env, page.template, page.path,
                         render_page(env, page.template, page.path, {**context, "charts_on_page": charted}), figures)
    if charted and b"data-figure=" not in html:
        html = place_figures(env, page.template, page.path,
                             render_page(env, page.template, page.path, {**context, "charts_on_page": False}), figures)
    return html


def other_files(site: Site, computed: Computed, theme: Path | None, cache: BuildCache | None,
                rendered: list[RenderedPage]) -> list[OutputFile]:
    """Every file that is not a page: the CSVs of the charts pages show, the theme's assets and plotly.js,
    content/files/, feeds."""
    csvs = linked_only(all_chart_files(computed, cache), rendered)
    return csvs + asset_files(theme) + list(site.files) + feed_files(site.content)


def linked_only(files: list[OutputFile], rendered: list[RenderedPage]) -> list[OutputFile]:
    """The files some page links to. A chart no page shows (a poster shows three of its aims' charts) publishes
    no data: a file nobody is shown is still read by whoever lists the folder, and is not what the pages say."""
    linked = {resolve(page.file.path, link) for page in rendered for link in page.links[1]}
    return [file for file in files if file.path in linked]


def all_chart_files(computed: Computed, cache: BuildCache | None = None) -> list[OutputFile]:
    """Every chart's CSV; with a cache, an authority's come from it while its reports' key is unchanged."""
    files = chart_files(computed.national_charts())
    for slug in computed.reports:
        def made(slug: str = slug) -> list[OutputFile]:
            return chart_files(computed.authority_charts(slug, extra=False))
        files += cache.remember("csv", digest(computed.keys[slug], "csv"), made) if cache and computed.keys else made()
        files += chart_files(list(chart for report in computed.reports[slug].extra for chart in report.charts))
    return files


def chart_files(charts: list[Chart]) -> list[OutputFile]:
    """A CSV of exactly the data each chart shows."""
    return [OutputFile(c.csv_path, c.csv_text().encode("utf-8"), f"chart {c.id}")
            for c in charts if c.csv_path and c.has_data]


def relative_links(file: OutputFile) -> OutputFile:
    if not file.path.endswith(".html"):
        return file
    return OutputFile(file.path, make_relative(file.content.decode("utf-8"), file.path).encode("utf-8"), file.source)


def asset_files(theme: Path | None) -> list[OutputFile]:
    """Theme static files (the user's theme wins) and plotly.js's basic bundle (plotly_bundle)."""
    found: dict[str, Path] = {}
    for folder in reversed(theme_folders(theme)):
        static = folder / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else []:
            if path.is_file():
                found[path.relative_to(static).as_posix()] = path
    files = [OutputFile(f"assets/{name}", path.read_bytes(), str(path)) for name, path in sorted(found.items())]
    return files + [OutputFile("assets/plotly.min.js", plotly_js(), PLOTLY_SOURCE)]
