"""What a build says: one summary line, the warnings, a progress bar on a terminal, and the
disclosure report, kept in a file beside the published folder and printed with --verbose."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pace_site.build.options import BuildResult

STEPS = ("reading", "computing", "rendering", "checking links", "writing")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: BuildResult, seconds: float) -> str:
    return (f"{plural(result.pages, 'page')}, {plural(result.charts, 'chart')}, "
            f"{plural(len(result.disclosure), 'figure')} suppressed or withheld, "
            f"{plural(len(result.warnings), 'warning')}, in {seconds:.1f} s")


def disclosure_path(out: Path) -> Path:
    """`site` -> `site.disclosure.txt`, beside the published folder and never inside it."""
    return out.with_name(f"{out.name}.disclosure.txt")


def write_disclosure(out: Path, lines: tuple[str, ...]) -> Path:
    """Write the report beside `out` through a temporary file, so a link at its name is replaced, not followed."""
    path = disclosure_path(out)
    text = disclosure_text(lines)
    if not path.is_symlink() and path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
        return path  # as it is: a build with nothing to write writes nothing here either
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    with open(temporary, "x", encoding="utf-8") as report:
        report.write(text)
    os.replace(temporary, path)
    return path


def disclosure_text(lines: tuple[str, ...]) -> str:
    """The disclosure report: what was suppressed to protect children, and where."""
    head = f"Disclosure control: {plural(len(lines), 'figure')} suppressed or withheld"
    return "\n".join([head, *(f"  {line}" for line in lines)]) + "\n"


@contextmanager
def progress(steps: tuple[str, ...] = STEPS) -> Iterator[Callable[[str], None] | None]:
    """A progress bar through the build's stages on a terminal; nothing otherwise (logs stay clean)."""
    if not sys.stdout.isatty():
        yield None
        return
    with click.progressbar(length=len(steps), label="Building", show_eta=False,
                           item_show_func=lambda step: step) as bar:
        seen: list[str] = []

        def on_step(name: str) -> None:
            if seen:
                bar.update(1, name)
            else:
                bar.update(0, name)
            seen.append(name)

        yield on_step
        bar.update(len(steps) - bar.pos)
