"""The build, top to bottom: config, sources, validation, computation, rendering, writing.

Everything is read and checked before anything is written, so a mistake in
any file leaves the previous site as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from jinja2 import Environment

from pace_site.util.cache import BuildCache, digest
from pace_site.model.errors import DisclosureLeak, Problems, reading
from pace_site.model.content import Authority, AuthorityData, Content
from pace_site.util.parallel import ordered_map
from pace_site.read.config import load_config
from pace_site.read.content import load_content
from pace_site.read.contract import check_layout
from pace_site.read.data import load_data
from pace_site.read.files_folder import read_files_folder
from pace_site.read.issues import check_issue_numbers
from pace_site.read.validate import validate
from pace_site.publish.placed_figures import (PlacedFigure, check_chart_blocks, placed_figures, with_block_reports,
    with_example_figures)
from pace_site.publish.national import NationalAimOverview, national_overview
from pace_site.figures.pdsa import with_tests_of_change
from pace_site.publish.pooled_report import NationalFigures, national_figures
from pace_site.build.keys import national_key, report_digests, report_keys
from pace_site.publish.report import AuthorityReports, authority_reports
from pace_site.publish.audit import Finding
from pace_site.publish.audit_site import audit_site, published_keys, publications
from pace_site.model.chart import Chart
from pace_site.render.feeds import feed_files, page_feeds, site_feed
from pace_site.render.figure_render import place_figures
from pace_site.render.htmltext import TermMarker
from pace_site.render.newsletter_pages import newsletter_pages
from pace_site.render.page_cache import page_key, shared_digests
from pace_site.render.page_paths import GLOSSARY, NAVIGATION, Link, PageSpec
from pace_site.render.pages import site_pages
from pace_site.render.render import make_environment, relative_url, render_page, theme_folders
from pace_site.write.incremental import remember_build, reusable_files, unchanged_build
from pace_site.write.links import Links, check_links, links_in, make_relative
from pace_site.model.output_file import OutputFile
from pace_site.write.output import check_out_folder, write_site
from pace_site.write.plotly_bundle import SOURCE as PLOTLY_SOURCE, plotly_js
from pace_site.write.search import SEARCH_FILES, index_site, uses_search

Params = ParamSpec("Params")
Returned = TypeVar("Returned")


@dataclass(frozen=True)
class BuildOptions:
    content: Path
    data: Path
    out: Path
    theme: Path | None = None
    strict: bool = False  # warnings fail the build too
    pdf: bool = False  # also print each poster and newsletter to PDF, linked from its page
    jobs: int = 0  # worker processes for rendering and checking links (0: one per core; 1: all in this process)
    cache: bool = True  # reuse what an earlier build worked out from identical inputs (.pace-cache/, util/cache.py)
    on_step: Callable[[str], None] | None = field(default=None, compare=False)  # told as each stage starts

    def step(self, name: str) -> None:
        if self.on_step is not None:
            self.on_step(name)


@dataclass(frozen=True)
class Site:
    """Everything read from the user's folders, validated."""

    content: Content
    data: dict[str, AuthorityData]
    warnings: tuple[str, ...] = ()
    files: tuple[OutputFile, ...] = ()  # content/files/, checked


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    disclosure: tuple[str, ...]
    warnings: tuple[str, ...]
    authorities: int = 0
    change_ideas: int = 0
    newsletters: int = 0
    pdfs: int = 0
    charts: int = 0


def collecting_less(function: Callable[Params, Returned]) -> Callable[Params, Returned]:
    """Python's cycle collector runs whenever 700 more objects have been made than freed, and each run of
    the oldest generation rescans every object alive. A build makes millions that live to its end (the
    reports, the pages), and rescanning them took a third of the computing. While `function` runs (its
    forked workers too), young objects are collected 30 times less often and the oldest thousands of times less;
    cycles are still collected."""
    @wraps(function)
    def less_often(*args: Params.args, **kwargs: Params.kwargs) -> Returned:
        before = gc.get_threshold()
        gc.set_threshold(20_000, 50, 1000)
        try:
            return function(*args, **kwargs)
        finally:
            gc.set_threshold(*before)
    return less_often


def read_site(options: BuildOptions) -> Site:
    """Read and validate all content and data; raise ContentError listing every problem."""
    problems = Problems(root=Path.cwd())
    config = None
    with reading(options.content / "site.yml", problems):
        config = load_config(options.content, problems)
    if config is None:
        problems.raise_if_any()
    assert config is not None
    content = load_content(options.content, config, problems)
    check_layout(options.content, options.data, problems)
    data = load_data(options.data, [a.slug for a in content.authorities], config, problems, content.authority_folders,
                     {a.slug: a.localities for a in content.authorities})
    validate(content, data, problems)
    check_chart_blocks(content, problems)
    check_issue_numbers(content, problems)
    files = read_files_folder(options.content, problems)
    problems.raise_if_any(options.strict)
    return Site(with_example_figures(content), data, tuple(str(w) for w in problems.warnings), tuple(files))


@dataclass(frozen=True)
class Computed:
    reports: dict[str, AuthorityReports]
    overview: tuple[NationalAimOverview, ...]
    audit: tuple[Finding, ...] = ()  # every hidden figure and what a reader can narrow it to
    figures: dict[str, tuple[PlacedFigure, ...]] = field(default_factory=dict)  # chart blocks' charts, by file
    national: tuple[NationalFigures, ...] = ()  # each national aim pooled across authorities
    digests: dict[int, str] = field(default_factory=dict, compare=False)  # each aim report's, by id (util/fingerprint.py)
    keys: dict[str, str] = field(default_factory=dict, compare=False)  # each authority's reports' cache key

    def charts(self) -> list[Chart]:
        """Every chart on the site: the national overview's and figures, then each authority's."""
        found: list[Chart] = self.national_charts()
        for slug in self.reports:
            found += self.authority_charts(slug, extra=True)
        return found

    def national_charts(self) -> list[Chart]:
        return ([chart for aim in self.overview for chart in aim.charts]
                + [chart for figures in self.national for chart in figures.charts])

    def authority_charts(self, slug: str, extra: bool) -> list[Chart]:
        """An authority's charts; `extra`: with those its chart blocks add (not made from its key's inputs)."""
        authority = self.reports[slug]
        groups = authority.groups() if extra else authority.groups()[:-1]  # extra is the last group
        found = [chart for group in groups for report in group for chart in report.charts]
        return found + ([authority.stages] if authority.stages else []) + list(authority.other_measures)

    def disclosure_report(self) -> tuple[str, ...]:
        """What disclosure control withheld, and where (by the chart's CSV, else its id)."""
        return tuple(f"{chart.csv_path or chart.id}: {what}" for chart in self.charts() for what in chart.suppressed)


def compute(site: Site, cache: BuildCache | None = None, jobs: int = 0) -> Computed:
    """Each authority's reports, its audit and the national figures come from the cache only when what they
    are made from is identical (util/cache.py). With a cache, reports not in it are made over `jobs` workers."""
    keys = report_keys(site.content, cache) if cache else {}

    def make(authority: Authority) -> AuthorityReports:
        return authority_reports(with_tests_of_change(authority), site.data[authority.slug], site.content.config)

    def reports_of(authority: Authority) -> AuthorityReports:
        return cache.remember("reports", keys[authority.slug], lambda: make(authority)) if cache else make(authority)

    if cache:
        cache.fill("reports", {keys[a.slug]: a for a in site.content.authorities}, make, jobs)

    reports = with_block_reports(site.content, site.data, {a.slug: reports_of(a) for a in site.content.authorities})
    overview = national_overview(site.content, reports)
    published = publications(site.content, reports, overview)

    def pooled() -> tuple[NationalFigures, ...]:
        return national_figures(site.content, site.data, reports, tuple(p for _, p in published), jobs)

    seen = published_keys(published, keys) if cache else {}  # each authority: everything a reader sees of it
    national = cache.remember("national", national_key(site.content, cache, keys, seen), pooled) if cache else pooled()
    findings = (tuple(audit_site(site.content.config.disclosure, published, cache, seen, jobs))
                + tuple(f for n in national for f in n.findings))
    return Computed(reports, overview, findings, placed_figures(site.content, reports, overview, national), national,
                    report_digests(reports, keys), keys)


def audit(options: BuildOptions) -> tuple[Finding, ...]:
    """The disclosure audit alone: every hidden figure on the site and how far a reader can narrow it."""
    return compute(read_site(options)).audit


def build(options: BuildOptions) -> BuildResult:
    """The whole build: everything is read, checked and rendered before anything is written."""
    sources = {"content": options.content, "data": options.data} | ({"theme": options.theme} if options.theme else {})
    check_out_folder(options.out, sources)
    cache = build_cache(options)
    unchanged = unchanged_build(cache, options.out) if cache else None
    if unchanged is not None:
        return unchanged  # no input changed and the published site is as it was written: nothing to write
    try:
        result, files = render_site(options, cache)
        options.step("writing")
        reuse = reusable_files(cache, options.out) if cache else None
        write_site(files, options.out, before_swap=index_site, reuse=reuse)
    finally:  # a failed build too
        if cache and not unchanged_since(cache, options):
            cache.forget_used()  # an input changed while the build read it: nothing it made is sure to match its key
            cache = None
    if cache:
        remember_build(cache, options.out, result, files)  # and forget what this build did not use
    return result


def unchanged_since(cache: BuildCache, options: BuildOptions) -> bool:
    """Whether every input is still as it was when the build began (an editor may save while it runs)."""
    now = build_cache(options)
    return now is not None and now.inputs_digest() == cache.inputs_digest()


def build_cache(options: BuildOptions) -> BuildCache | None:
    """The cache beside the content folder (see util/cache.py), keyed by everything that changes the output."""
    if not options.cache:
        return None
    theme = str(options.theme.resolve()) if options.theme else ""
    return BuildCache.of(options.content, options.data, options.theme, f"strict={options.strict} pdf={options.pdf} {theme}")


def check(options: BuildOptions) -> BuildResult:
    """Everything `build` does except writing: the same problems, warnings and disclosure report."""
    return render_site(options)[0]


@collecting_less
def render_site(options: BuildOptions, cache: BuildCache | None = None) -> tuple[BuildResult, list[OutputFile]]:
    options.step("reading")
    site = read_site(options)
    options.step("computing")
    computed = compute(site, cache, options.jobs)
    raise_if_leaks(computed.audit)
    pages = (site_pages(site.content, computed.reports, computed.overview, computed.national, pdfs=options.pdf)
             + newsletter_pages(site.content, computed.reports, pdfs=options.pdf))
    options.step("rendering")
    rendered = render_pages(pages, site, options.theme, computed, options.jobs, cache)
    others = (all_chart_files(computed, cache) + asset_files(options.theme) + list(site.files) + feed_files(site.content))
    files = [page.file for page in rendered] + [relative_links(file) for file in others]
    problems = Problems(root=Path.cwd())
    printed: list[OutputFile] = []
    if options.pdf:
        from pace_site.write.pdf import print_jobs, print_publications

        printed = print_publications(files, print_jobs(pages), problems)
    options.step("checking links")
    check_links([page.file for page in rendered] + others + printed, problems, SEARCH_FILES, options.jobs, cache,
                {page.file.path: page.links for page in rendered})
    problems.raise_if_any(options.strict)
    result = BuildResult(pages=len(pages), files=len(files) + len(printed), disclosure=computed.disclosure_report(),
                         warnings=site.warnings + tuple(str(w) for w in problems.warnings),
                         authorities=len(site.content.authorities),
                         change_ideas=len(site.content.change_ideas),
                         newsletters=sum(len(a.newsletters) for a in site.content.authorities),
                         pdfs=len(printed), charts=sum(1 for chart in computed.charts() if chart.has_data))
    return result, files + printed


@dataclass(frozen=True)
class RenderedPage:
    file: OutputFile  # its links made relative (write/links.py)
    links: Links  # as the templates wrote them, for the link check


def render_pages(pages: list[PageSpec], site: Site, theme: Path | None, computed: Computed | None = None,
                 jobs: int = 0, cache: BuildCache | None = None) -> list[RenderedPage]:
    """Every page, in page order; with a cache, a page whose key (render/page_cache.py) is known is not rendered."""
    env = make_environment(theme)
    footer = [Link("About PACE", "about/index.html"), Link("Accessibility statement", "accessibility/index.html"),
              Link("Data and privacy", "privacy/index.html")]
    shared = {"site": site.content.config, "navigation": NAVIGATION,
              "footer_links": [f for f in footer if any(p.path == f.path for p in pages)]}
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
            relative = OutputFile(page.path, make_relative(text, page.path).encode("utf-8"), page.source or page.template)
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
    return [OutputFile(c.csv_path, c.csv_text().encode("utf-8"), f"chart {c.id}") for c in charts if c.csv_path and c.has_data]


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


def raise_if_leaks(findings: tuple[Finding, ...]) -> None:
    """Nothing is published while a reader could work out a figure the site hides."""
    found = [f for f in findings if not f.protected]
    if found:
        raise DisclosureLeak([str(f) for f in found])
