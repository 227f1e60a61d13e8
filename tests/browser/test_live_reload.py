"""`serve` reloads an open page by itself after an edit, under the site's own Content-Security-Policy."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/serve_support.py

from serve_support import NEWSLETTER, PAGE, serving  # noqa: E402


def test_an_open_page_reloads_after_an_edit_and_after_a_mistake(context, tmp_path: Path) -> None:
    problems: list[str] = []
    tab = context.new_page()
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    try:
        with serving(tmp_path) as (base, folder):
            tab.goto(base + PAGE)
            tab.wait_for_load_state("load")
            tab.wait_for_timeout(300)  # the wait request is made after load
            newsletter = folder / NEWSLETTER
            newsletter.write_text(newsletter.read_text().replace("## Our news", "## Reloaded by itself"))
            tab.locator("h2", has_text="Reloaded by itself").wait_for(timeout=5_000)
            tab.wait_for_timeout(300)
            newsletter.write_text(newsletter.read_text().replace("title: ", "title: [unclosed ", 1))
            tab.locator("h1", has_text="The build failed").wait_for(timeout=10_000)
    finally:
        tab.close()
    assert not [p for p in problems if "Content Security Policy" in p], problems
