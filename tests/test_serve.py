"""`serve`: an edit shows in the served page within 2 s; a mistake shows as an error page; it keeps serving."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_support import NEWSLETTER, PAGE, TERMINAL, fetch, serving, wait_for


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with serving(tmp_path) as found:
        yield found


def test_an_edit_shows_within_2_s_and_a_mistake_shows_as_an_error_page(served: tuple[str, Path]) -> None:
    base, folder = served
    status, page = fetch(base, PAGE)
    assert status == 200 and "Our news" in page and "/__pace_live.js?since=" in page
    newsletter = folder / NEWSLETTER
    newsletter.write_text(newsletter.read_text().replace("## Our news", "## Fresh from the editor"))
    status, page, elapsed = wait_for(base, PAGE, "Fresh from the editor", 2.0)
    assert "Fresh from the editor" in page and status == 200, f"not served after {elapsed:.1f} s"

    newsletter.write_text(newsletter.read_text().replace("title: ", "title: [unclosed ", 1))
    status, page, _ = wait_for(base, PAGE, "The build failed", 10.0)
    assert status == 500 and "The build failed" in page and "2024-11.md" in page
    assert "/__pace_live.js?since=" in page  # it reloads itself once fixed
    deadline = time.monotonic() + 5  # the reader thread may be a moment behind the page
    while not any("Build failed" in line for line in TERMINAL) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any("Build failed" in line for line in TERMINAL)  # and the terminal says so too

    newsletter.write_text(newsletter.read_text().replace("title: [unclosed ", "title: ", 1))
    status, page, _ = wait_for(base, PAGE, "Fresh from the editor", 10.0)
    assert status == 200 and "Fresh from the editor" in page


def test_the_built_files_have_no_live_script_and_reload_waits_for_a_build(served: tuple[str, Path],
                                                                        tmp_path: Path) -> None:
    base, folder = served
    built = (tmp_path / "out" / PAGE / "index.html").read_text(encoding="utf-8")
    assert "__pace_live" not in built
    status, script = fetch(base, "__pace_live.js?since=1")
    assert status == 200 and "__pace_wait.js" in script
    status, answer = fetch(base, "__pace_wait.js?since=0")  # a build after 0 is done: reload at once
    assert answer == "location.reload();"
    assert not (folder / "site").exists()  # serving never writes the published site


def test_another_host_name_is_refused(served: tuple[str, Path]) -> None:
    """DNS rebinding: a page on another site that points its name at 127.0.0.1 must not read the drafts."""
    base, _ = served
    request = urllib.request.Request(base + PAGE, headers={"Host": "attacker.example"})
    try:
        urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as error:
        assert error.code == 403
    else:
        raise AssertionError("served a page to another host name")
