"""Site-wide search: Pagefind indexes the written site, in its staging folder, before it is swapped in.

Pagefind (the `pagefind[bin]` package ships its binary) writes its index and its search UI into
`pagefind/` inside the site, so searching makes no request to any other host. Only pages that a
template marks with `data-pagefind-body` (those with a search kind) are indexed; charts are left out.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pace_site.model.errors import PaceError
from pace_site.render.page_paths import PageSpec

INDEX_FOLDER = "pagefind"
# What Pagefind writes that pages link to, so the link check (before Pagefind runs) knows they will exist.
SEARCH_FILES = frozenset({f"{INDEX_FOLDER}/pagefind-ui.js", f"{INDEX_FOLDER}/pagefind-ui.css"})


def uses_search(page: PageSpec) -> bool:
    """Whether the page runs Pagefind, and so needs WebAssembly and fetching from its own site in its CSP."""
    return any(script.startswith(f"{INDEX_FOLDER}/") for script in page.scripts)


def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise PaceError("the search index needs Pagefind: run `python3 -m pip install -e .` "
                        "(it installs pagefind[bin])") from error
    return Path(get_executable())


def index_site(folder: Path) -> None:
    """Write Pagefind's index and UI into `folder`/pagefind; fail the build, naming the reason, if it fails."""
    # Only index.html files are read: the others are the e-mail versions of newsletters, never indexed (no
    # data-pagefind-body) and the largest files of the site; reading them took 60% of Pagefind's time.
    command = [str(pagefind_binary()), "--site", str(folder), "--glob", "**/index.html",
               "--output-subdir", INDEX_FOLDER, "--exclude-selectors", ".chart", "--force-language", "en", "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PaceError(f"the search index could not be built: {error}") from error
    if result.returncode != 0:
        raise PaceError("the search index could not be built (pagefind failed):\n"
                        + (result.stderr or result.stdout).strip())
