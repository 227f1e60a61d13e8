"""`pace-site serve`: build, serve on 127.0.0.1, rebuild on every change and reload open pages.

The served HTML gets one extra tag, `<script src="/__pace_live.js" defer>`, added as it is sent
(never to the built files). That script loads `/__pace_wait.js?since=N` after the page has loaded:
the server holds that request until a build after N is done (or ~25 s pass), then answers
`location.reload()` (or "wait again"). Both are scripts from the page's own origin, so the site's
Content-Security-Policy (`script-src 'self'; connect-src 'none'`) is unchanged. A build that fails
is shown as an error page, with its problem list, in place of every page until it is fixed.
"""

from __future__ import annotations

import html
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import click

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.util.theme import DEFAULT_THEME

LIVE_TAG = '<script src="/__pace_live.js?since={}" defer></script>'
WAIT_SECONDS = 25.0
BUILD_LOCK = threading.Lock()  # one build at a time: the first build and the watcher's may overlap
LIVE_SCRIPT = """(function () {
  var since = %d;
  function wait() {
    var tag = document.createElement("script");
    tag.src = "/__pace_wait.js?since=" + since + "&t=" + Date.now();
    tag.onerror = function () { tag.remove(); setTimeout(wait, 1000); };
    tag.onload = function () { tag.remove(); };
    document.head.appendChild(tag);
  }
  window.__paceWait = wait;
  if (document.readyState === "complete") { wait(); } else { window.addEventListener("load", wait); }
})();
"""


@dataclass
class LiveState:
    """The number of the latest build (failed or not) and its problems, shared by the threads."""

    generation: int = 0
    problems: str | None = None
    changed: threading.Condition = field(default_factory=threading.Condition)

    def finished(self, problems: str | None) -> None:
        with self.changed:
            self.generation += 1
            self.problems = problems
            self.changed.notify_all()

    def wait_past(self, since: int, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.generation > since, timeout)


def rebuild(options: BuildOptions, state: LiveState) -> None:
    """One full build; its outcome goes to the terminal and to every open page."""
    started = time.perf_counter()
    try:
        with BUILD_LOCK:
            result = build(options)
    except click.ClickException as error:
        click.echo(f"Build failed:\n{error.format_message()}", err=True)
        state.finished(error.format_message())
        return
    except Exception as error:  # a bug must not stop the server: show it and keep watching
        click.echo(f"Build failed: {error!r}", err=True)
        state.finished(repr(error))
        return
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Built {result.pages} pages in {time.perf_counter() - started:.1f} s")
    state.finished(None)


class LiveHandler(SimpleHTTPRequestHandler):
    """Serves the built site, the two live-reload scripts, and the error page while a build fails."""

    state: LiveState

    def __init__(self, *args: Any, state: LiveState, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal is for builds
        pass

    def do_GET(self) -> None:
        if not self.host_is_local():
            return self.send(403, "text/plain; charset=utf-8", b"This preview answers only to 127.0.0.1 and localhost.")
        url = urlsplit(self.path)
        if url.path == "/__pace_live.js":
            since = parse_qs(url.query).get("since", ["0"])[0]
            return self.send(200, "text/javascript", (LIVE_SCRIPT % (int(since) if since.isdigit() else 0)).encode())
        if url.path == "/__pace_wait.js":
            return self.wait(parse_qs(url.query).get("since", ["0"])[0])
        page, generation, problems = self.html_file(url.path), self.state.generation, self.state.problems
        if problems is not None and (page is not None or url.path.endswith("/")):
            return self.send(500, "text/html; charset=utf-8", error_page(problems, generation))
        if page is not None:
            return self.send(200, "text/html; charset=utf-8", with_live_tag(page.read_bytes(), generation))
        super().do_GET()

    def host_is_local(self) -> bool:
        """Refuse another host name (DNS rebinding): a web page elsewhere must not read unpublished drafts."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in ("127.0.0.1", "localhost")

    def do_HEAD(self) -> None:
        if not self.host_is_local():
            return self.send(403, "text/plain; charset=utf-8", b"")
        super().do_HEAD()

    def html_file(self, url_path: str) -> Path | None:
        found = Path(self.translate_path(url_path))
        if found.is_dir():
            found = found / "index.html"
        return found if found.suffix == ".html" and found.is_file() else None

    def wait(self, since: str) -> None:
        changed = self.state.wait_past(int(since) if since.isdigit() else 0, WAIT_SECONDS)
        self.send(200, "text/javascript", b"location.reload();" if changed else b"window.__paceWait();")

    def send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def with_live_tag(page: bytes, generation: int) -> bytes:
    """The page with the live-reload script; `generation` is the build it was read from, or an earlier one."""
    tag, at = LIVE_TAG.format(generation).encode(), page.rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def error_page(problems: str, generation: int) -> bytes:
    return (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>'
            b'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; style-src \'unsafe-inline\'">'
            b"</head><body style=\"font-family:sans-serif;max-width:60rem;margin:2rem auto\">"
            b"<h1>The build failed</h1><p>Fix these problems and save: this page reloads by itself.</p>"
            + f"<pre style=\"white-space:pre-wrap\">{html.escape(problems)}</pre>".encode()
            + LIVE_TAG.format(generation).encode() + b"</body></html>")


def watched_folders(options: BuildOptions) -> list[Path]:
    folders = [options.content, options.data, *([options.theme] if options.theme else []), DEFAULT_THEME]
    return [folder for folder in folders if folder.is_dir()]


def watch(options: BuildOptions, state: LiveState, stop: threading.Event) -> None:
    from watchfiles import watch as watch_files

    for changes in watch_files(*watched_folders(options), stop_event=stop, debounce=400, step=30):
        names = sorted({Path(path).name for _, path in changes})
        click.echo(f"Changed: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}")
        rebuild(options, state)


def serve(options: BuildOptions, port: int) -> None:
    """Build, then serve until interrupted, rebuilding on every change."""
    state, stop = LiveState(), threading.Event()
    # Watch first, so that an edit saved during the first build is not missed.
    threading.Thread(target=watch, args=(options, state, stop), daemon=True).start()
    rebuild(options, state)
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(LiveHandler, state=state, directory=str(options.out)))
    server.daemon_threads = True
    click.echo(f"Serving {options.out} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        stop.set()
        server.server_close()


def default_out() -> Path:
    """A fresh folder outside the working tree, so serving never touches the published site/."""
    return Path(tempfile.mkdtemp(prefix="pace-site-serve-")) / "site"
