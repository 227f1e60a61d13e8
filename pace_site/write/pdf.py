"""`build.py pdf`: each poster and newsletter printed to PDF by headless Chromium, beside its page.

The site is rendered in memory as `build` renders it, served from memory on 127.0.0.1 (the pages
need their scripts and plotly.js to draw their charts), and each publication is printed with its
print stylesheet: a poster on one sheet of its size, a newsletter on A4. Before a poster is printed,
every section is measured in the browser: one that does not fit the sheet is reported (a warning,
an error under --strict), never shrunk. The PDFs join the site's files before anything is written.
"""

from __future__ import annotations

import mimetypes
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from pace_site.model.errors import PaceError, Problems
from pace_site.model.output_file import OutputFile
from pace_site.model.poster import Sheet
from pace_site.render.page_paths import PageSpec

if TYPE_CHECKING:  # playwright is only imported where a PDF is printed
    from playwright.sync_api import Browser, Page

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("`build.py pdf` prints with headless Chromium through playwright. Install them with "
                "`python3 -m pip install -e '.[pdf]'` and `sudo apt-get install chromium` (Debian's), "
                "or set PACE_CHROMIUM to a Chromium binary.")
PX_PER_MM = 96 / 25.4
A4_PRINTED_WIDTH_MM = 210 - 2 * 12  # site.css: @page { size: A4; margin: 12mm }
CHART_TIMEOUT_MS = 20_000
CHARTS_DRAWN = "() => [...document.querySelectorAll('[data-figure]')].every(e => e.querySelector('svg.main-svg'))"
# Every poster section outside the sheet: its name and by how many millimetres it does not fit.
MEASURE_OVERFLOW = """() => {
  const poster = document.querySelector('.poster'), sheet = poster.getBoundingClientRect(), mm = 25.4 / 96;
  const found = [];
  poster.querySelectorAll('[data-poster-section]').forEach(section => {
    const box = section.getBoundingClientRect();
    const off = box.left >= sheet.right - 1 ? box.height : Math.max(box.right - sheet.right, box.bottom - sheet.bottom);
    if (off > 1) { found.push([section.dataset.posterSection, Math.round(off * mm)]); }
  });
  return found;
}"""


@dataclass(frozen=True)
class PrintJob:
    page: str  # the page's path in the site
    pdf: str  # the PDF's path in the site
    source: str  # the poster or newsletter file, for messages
    sheet: Sheet | None  # a poster's sheet; None for a newsletter (A4)


def print_jobs(pages: list[PageSpec]) -> list[PrintJob]:
    return [PrintJob(p.path, p.context["pdf_path"], p.source,
                     p.context.get("sheet") if p.template == "poster.html" else None)
            for p in pages if p.context.get("pdf_path")]


def print_publications(files: list[OutputFile], jobs: list[PrintJob], problems: Problems) -> list[OutputFile]:
    """Each job's PDF, printed from the rendered files; a poster that does not fit warns in `problems`."""
    if not jobs:
        return []
    # In a thread of its own: playwright's sync API refuses a thread where an asyncio loop runs
    # (as it does where another playwright is already open, such as in the browser tests).
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_print_all, files, jobs, problems).result()


def _print_all(files: list[OutputFile], jobs: list[PrintJob], problems: Problems) -> list[OutputFile]:
    with serve(files) as base, chromium() as browser:
        page = browser.new_context().new_page()  # one tab, so plotly.js is read once, from its cache
        page.emulate_media(media="print")
        return [OutputFile(job.pdf, print_one(page, base, job, problems), job.source) for job in jobs]


def print_one(page: Page, base: str, job: PrintJob, problems: Problems) -> bytes:
    """The page laid out for print at its sheet's width, its charts drawn, measured, then printed."""
    # The width the page is printed at (the sheet less its margins), so charts are drawn at their printed size.
    width_mm = job.sheet.millimetres[0] - 2 * job.sheet.margin_mm if job.sheet else A4_PRINTED_WIDTH_MM
    page.set_viewport_size({"width": round(width_mm * PX_PER_MM), "height": 1000})
    page.goto(base + job.page, wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=CHART_TIMEOUT_MS)
    page.evaluate("document.fonts.ready")
    if job.sheet:
        for section, millimetres in page.evaluate(MEASURE_OVERFLOW):
            problems.warn(job.source, None, f"the poster does not fit on one {job.sheet.size} {job.sheet.orientation} "
                                            f"sheet: the section '{section}' needs about {millimetres} mm more. "
                                            "Shorten it, or choose a larger size or the other orientation.")
    return page.pdf(prefer_css_page_size=True, print_background=True)


@contextmanager
def chromium() -> Iterator[Browser]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        raise PaceError(f"playwright is not installed. {INSTALL_HINT}") from error
    executable = Path(os.environ.get("PACE_CHROMIUM", "/usr/bin/chromium"))
    if not executable.exists():
        raise PaceError(f"Chromium is not at {executable}. {INSTALL_HINT}")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)
        except Error as error:
            raise PaceError(f"Chromium at {executable} did not start: {error}. {INSTALL_HINT}") from error
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def serve(files: list[OutputFile]) -> Iterator[str]:
    """The rendered site served from memory on 127.0.0.1; yields its base URL."""
    by_path = {f.path: f.content for f in files}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            path = unquote(self.path.split("?")[0].split("#")[0]).lstrip("/")
            path = path + "index.html" if path.endswith("/") or not path else path
            content = by_path.get(path)
            self.send_response(200 if content is not None else 404)
            self.send_header("Content-Type", mimetypes.guess_type(path)[0] or "application/octet-stream")
            self.end_headers()
            self.wfile.write(content or b"")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="pace-site pdf", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
