"""Start `build.py serve` on a starter site in a subprocess, and read what it serves (for the serve tests)."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pace_site.commands.scaffold import site_files, write_new

ROOT = Path(__file__).resolve().parent.parent
NEWSLETTER = "content/authorities/sample-authority/newsletters/2024-11.md"
PAGE = "authorities/sample-authority/newsletters/2024-11/"


def fetch(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(base: str, path: str, text: str, seconds: float) -> tuple[int, str, float]:
    """Poll until the served page holds `text`; the status, the page, and how long it took."""
    started = time.monotonic()
    while True:
        status, page = fetch(base, path)
        elapsed = time.monotonic() - started
        if text in page or elapsed > seconds:
            return status, page, elapsed
        time.sleep(0.05)


@contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A starter site served by `build.py serve` on a free port; stopped (bounded) at the end."""
    write_new(site_files(tmp_path / "s", "Served site"))
    folder = tmp_path / "s"
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--out", str(tmp_path / "out")],
                              cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{served_port(server)}/", folder
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


TERMINAL: list[str] = []  # what the running server printed, line by line


def served_port(server: subprocess.Popen[str]) -> int:
    """The port from serve's "Serving ... on http://127.0.0.1:PORT/" line; its output is read by a thread."""
    lines: queue.Queue[str] = queue.Queue()
    TERMINAL.clear()

    def read() -> None:
        for line in server.stdout:  # type: ignore[union-attr]
            TERMINAL.append(line)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", lines.get(timeout=1))
        except queue.Empty:
            assert server.poll() is None, "serve stopped before serving"
            continue
        if found:
            return int(found.group(1))
    raise AssertionError("serve did not say where it serves within 60 s")
