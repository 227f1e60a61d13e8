"""One file of the built site."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site: its path inside the site and its bytes."""

    path: str
    content: bytes
    source: str  # what produced it, for error messages
