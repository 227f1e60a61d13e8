"""The build's cache (util/cache.py) as the pipeline uses it: found beside the content, dropped when an input
changed while the build read it."""

from __future__ import annotations

from pace_site.build.options import BuildOptions
from pace_site.util.cache import BuildCache


def build_cache(options: BuildOptions) -> BuildCache | None:
    """The cache beside the content folder, keyed by everything that changes the output; None with --no-cache."""
    if not options.cache:
        return None
    theme = str(options.theme.resolve()) if options.theme else ""
    settings = f"strict={options.strict} pdf={options.pdf} {theme}"
    return BuildCache.of(options.content, options.data, options.theme, settings)


def kept_if_inputs_unchanged(cache: BuildCache | None, options: BuildOptions) -> BuildCache | None:
    """The cache, unless an input changed while the build read it (an editor may save while it runs): then nothing
    the build made is sure to match its key, so it is forgotten, and None is returned."""
    if cache and not unchanged_since(cache, options):
        cache.forget_used()
        return None
    return cache


def unchanged_since(cache: BuildCache, options: BuildOptions) -> bool:
    """Whether every input is still as it was when the build began."""
    now = build_cache(options)
    return now is not None and now.inputs_digest() == cache.inputs_digest()
