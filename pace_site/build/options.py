"""What a build is asked to do, and what it tells the user when it is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    content: Path
    data: Path
    out: Path
    theme: Path | None = None
    strict: bool = False  # warnings fail the build too
    pdf: bool = False  # also print each poster and newsletter to PDF, linked from its page
    jobs: int = 0  # worker processes for rendering and checking links (0: one per core; 1: all in this process)
    cache: bool = True  # reuse what an earlier build worked out from identical inputs (.pace-cache/, util/cache.py)
    on_step: Callable[[str], None] | None = field(default=None, compare=False)  # told as each stage starts

    def step(self, name: str) -> None:
        if self.on_step is not None:
            self.on_step(name)

    def sources(self) -> dict[str, Path]:
        """The folders the build reads, which the output folder must not be nor contain."""
        return {"content": self.content, "data": self.data} | ({"theme": self.theme} if self.theme else {})


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    disclosure: tuple[str, ...]
    warnings: tuple[str, ...]
    authorities: int = 0
    change_ideas: int = 0
    newsletters: int = 0
    pdfs: int = 0
    charts: int = 0
