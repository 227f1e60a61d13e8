"""Writing the site safely: into a temporary folder, swapped in only when all is written.

As Pelican and Lektor do, two pages writing one file is an error, and no path
may escape the output folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import PaceError


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site: its path inside the site and its bytes."""

    path: str
    content: bytes
    source: str  # what produced it, for error messages


def safe_relative(path: str) -> PurePosixPath:
    """Refuse absolute paths and '..' so nothing is written outside the site folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
        raise PaceError(f"refusing to write '{path}': it is outside the site folder")
    return pure


def check_unique(files: list[OutputFile]) -> None:
    owners: dict[str, str] = {}
    clashes = []
    for file in files:
        key = str(safe_relative(file.path)).lower()
        if key in owners:
            clashes.append(f"  {file.path}: written by both {owners[key]} and {file.source}")
        owners[key] = file.source
    if clashes:
        raise PaceError("two pages would write the same file:\n" + "\n".join(clashes))


def write_site(files: list[OutputFile], out_dir: Path, before_swap: Callable[[Path], None] | None = None) -> None:
    """Write every file to a temporary folder beside `out_dir`, run `before_swap` on it (the search
    index), then swap it in: if either fails, the previous site stays as it was."""
    check_unique(files)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        for file in files:
            target = staging / safe_relative(file.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content)
        if before_swap:
            before_swap(staging)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out_dir: Path) -> None:
    if out_dir.exists() and not (out_dir / ".pace-site").exists() and any(out_dir.iterdir()):
        raise PaceError(f"refusing to replace {out_dir}: it is not empty and was not built by pace-site "
                        "(no .pace-site marker file); choose another --out folder")
    (staging / ".pace-site").write_text("This folder is built by pace-site; it is replaced by every build.\n")
    old = out_dir.with_name(f".{out_dir.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    shutil.rmtree(old, ignore_errors=True)
