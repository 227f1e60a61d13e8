"""The build, stage after stage: read, compute, lay out, render, print, check, write.

Everything is read and checked before anything is written, so a mistake in any file leaves the
previous site as it was. Each stage is one call, and lives in the module it is imported from.
"""

from __future__ import annotations

from pathlib import Path

from pace_site.build.caching import build_cache, kept_if_inputs_unchanged
from pace_site.build.checking import check_site_links, print_pdfs, summary
from pace_site.build.collecting import collecting_less
from pace_site.build.computing import compute, raise_if_leaks
from pace_site.build.options import BuildOptions, BuildResult
from pace_site.build.reading import read_site
from pace_site.build.rendering import other_files, relative_links, render_pages, site_map
from pace_site.model.errors import Problems
from pace_site.model.output_file import OutputFile
from pace_site.publish.audit import Finding
from pace_site.publish.audit_site import publications
from pace_site.publish.utility import Utility, utility
from pace_site.util.cache import BuildCache
from pace_site.write.incremental import remember_build, reusable_files, unchanged_build
from pace_site.write.output import check_out_folder, write_site
from pace_site.write.search import index_site


def build(options: BuildOptions) -> BuildResult:
    """The whole build: everything is read, checked and rendered before anything is written."""
    check_out_folder(options.out, options.sources())
    cache = build_cache(options)
    unchanged = unchanged_build(cache, options.out) if cache else None
    if isinstance(unchanged, BuildResult):
        return unchanged  # no input changed and the published site is as it was written: nothing to write
    try:
        result, files = make_site(options, cache)
        options.step("writing")
        reuse = reusable_files(cache, options.out) if cache else None
        write_site(files, options.out, before_swap=index_site, reuse=reuse)
    finally:  # a failed build too
        cache = kept_if_inputs_unchanged(cache, options)
    if cache:
        remember_build(cache, options.out, result, files)  # and forget what this build did not use
    return result


def check(options: BuildOptions) -> BuildResult:
    """Everything `build` does except writing: the same problems, warnings and disclosure report."""
    return make_site(options)[0]


def audit(options: BuildOptions) -> tuple[Finding, ...]:
    """The disclosure audit alone: every hidden figure on the site and how far a reader can narrow it."""
    return compute(read_site(options)).audit


def audit_with_utility(options: BuildOptions) -> tuple[tuple[Finding, ...], list[Utility]]:
    """The audit, and what a reader can still learn about each aim at each date."""
    site = read_site(options)
    computed = compute(site)
    return computed.audit, utility(publications(site.content, computed.reports, computed.overview))


@collecting_less
def make_site(options: BuildOptions, cache: BuildCache | None = None) -> tuple[BuildResult, list[OutputFile]]:
    """Every file of the site, checked, and the build's summary."""
    options.step("reading")
    site = read_site(options)
    options.step("computing")
    computed = compute(site, cache, options.jobs)
    raise_if_leaks(computed.audit)
    pages = site_map(site, computed, options.pdf)
    options.step("rendering")
    rendered = render_pages(pages, site, options.theme, computed, options.jobs, cache)
    others = other_files(site, computed, options.theme, cache, rendered)
    files = [page.file for page in rendered] + [relative_links(file) for file in others]
    problems = Problems(root=Path.cwd())
    printed = print_pdfs(files, pages, problems) if options.pdf else []
    options.step("checking links")
    check_site_links(rendered, others + printed, problems, options.jobs, cache)
    problems.raise_if_any(options.strict)
    return summary(site, computed, pages, files, printed, problems), files + printed
