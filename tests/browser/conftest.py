"""Real-browser tests: the example site built once, served on 127.0.0.1, and one Chromium.

Page types are found from the built site, not listed here: every HTML page's path
is turned into a pattern (``authorities/*/poster``), and the first page of each
pattern is tested. A new kind of page is covered as soon as the site has one.

Chromium is Debian's (/usr/bin/chromium, or $PACE_CHROMIUM); scripts/test.sh
installs it. Without it, or without playwright, these tests fail: they are never
skipped.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, PageType, page_types

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path(os.environ.get("PACE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

_built: dict[str, object] = {}


def _build_site() -> Path:
    """Build the example site once per run (at collection: the page types parametrize the tests)."""
    if "site" not in _built:
        from pace_site.build.options import BuildOptions
        from pace_site.build.pipeline import build

        folder = Path(tempfile.mkdtemp(prefix="pace-browser-"))
        _built["folder"] = folder
        try:
            build(BuildOptions(ROOT / "content", ROOT / "data", folder / "site"))
        except Exception as error:  # reported by the tests that need the site, not as a collection error
            _built["error"] = error
        _built["site"] = folder / "site"
    return _built["site"]  # type: ignore[return-value]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_type" in metafunc.fixturenames:
        site = _build_site()
        types = page_types(site) if "error" not in _built else []
        metafunc.parametrize("page_type", types or [PageType("no-pages", "index.html")],
                             ids=[t.name for t in types] or ["no-pages"])


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = _built.get("folder")
    if isinstance(folder, Path):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def built_site() -> Path:
    site = _build_site()
    if "error" in _built:
        pytest.fail(f"the example site did not build: {_built['error']}")
    return site


@pytest.fixture(scope="session")
def all_page_types(built_site: Path) -> list[PageType]:
    return page_types(built_site)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """serve(folder) -> base URL ending in '/'; every server is stopped at the end of the session."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name=f"http {folder}", daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site)


@pytest.fixture(scope="session")
def fixtures_url(serve) -> str:
    return serve(FIXTURES)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `bash scripts/test.sh` (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run `bash scripts/test.sh`, which installs Debian's "
                    "chromium (apt-get install chromium), or set PACE_CHROMIUM to a Chromium binary")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Exception as error:
        playwright.stop()
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def context(browser):
    """The site as a visitor gets it: JavaScript on, the pages' Content-Security-Policy honoured."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    yield context
    context.close()


@pytest.fixture(scope="session")
def page(context):
    """One tab reused by the tests; each test navigates it where it needs."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    page.close()


@pytest.fixture(scope="session")
def axe_page(browser):
    """A tab that may inject axe-core: the site's CSP allows no inline script, so this context bypasses it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
