"""The progress bar is drawn on a terminal only, and moves through the build's stages in order."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.commands import console


def test_no_progress_bar_when_output_is_not_a_terminal() -> None:
    with console.progress() as on_step:
        assert on_step is None


def test_on_a_terminal_the_bar_goes_through_every_stage(small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdout", terminal)
    seen: list[str] = []
    with console.progress() as on_step:
        assert on_step is not None
        build(BuildOptions(small_site / "content", small_site / "data", small_site / "site",
                           on_step=lambda step: (seen.append(step), on_step(step))))
    assert seen == list(console.STEPS)
    assert "Building" in terminal.getvalue() and "writing" in terminal.getvalue()
