"""After rendering: PDFs printed from the pages, every link checked, and the build's summary."""

from __future__ import annotations

from pace_site.build.computing import Computed
from pace_site.build.options import BuildResult
from pace_site.build.reading import Site
from pace_site.build.rendering import RenderedPage
from pace_site.model.errors import Problems
from pace_site.model.output_file import OutputFile
from pace_site.render.page_paths import PageSpec
from pace_site.util.cache import BuildCache
from pace_site.write.links import check_links
from pace_site.write.search import SEARCH_FILES


def print_pdfs(files: list[OutputFile], pages: list[PageSpec], problems: Problems) -> list[OutputFile]:
    """Each poster, newsletter and report printed to PDF by headless Chromium (`build.py pdf`)."""
    from pace_site.write.pdf import print_jobs, print_publications  # playwright is an optional extra

    return print_publications(files, print_jobs(pages), problems)


def check_site_links(rendered: list[RenderedPage], others: list[OutputFile], problems: Problems, jobs: int,
                     cache: BuildCache | None) -> None:
    """Every link of every page and file leads to a file of the site (or outside it, as allowed)."""
    check_links([page.file for page in rendered] + others, problems, SEARCH_FILES, jobs, cache,
                {page.file.path: page.links for page in rendered})


def summary(site: Site, computed: Computed, pages: list[PageSpec], files: list[OutputFile],
            printed: list[OutputFile], problems: Problems) -> BuildResult:
    return BuildResult(pages=len(pages), files=len(files) + len(printed), disclosure=computed.disclosure_report(),
                       warnings=site.warnings + tuple(str(w) for w in problems.warnings),
                       authorities=len(site.content.authorities),
                       change_ideas=len(site.content.change_ideas),
                       newsletters=sum(len(a.newsletters) for a in site.content.authorities),
                       pdfs=len(printed), charts=sum(1 for chart in computed.charts() if chart.has_data))
