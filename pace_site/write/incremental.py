"""Incremental builds: the last build into an output folder, what it published, and what can be kept of it.

A build that finds no input changed (by digest, see util/cache.py) and the published build exactly as it
wrote it (every file's size, time and inode) writes nothing: `site` stays on the same
`.site-builds/N`. Any other build writes a complete new build as before, but a file whose bytes are
those of the published file is hard-linked to it rather than written again, so its time and inode
stay as they were. A published file changed or removed by hand is never linked: it is written anew.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pace_site.model.output_file import OutputFile
from pace_site.util.cache import KINDS, BuildCache, digest, walk_files
from pace_site.write.output import Layout, output_path


@dataclass(frozen=True)
class PublishedFile:
    digest: str  # SHA-256 of its bytes; "" for a file the build did not make itself (the search index)
    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True)
class BuildRecord:
    out: str  # the output folder it was built into
    inputs: str  # BuildCache.inputs_digest() of the build
    number: int  # the .NAME-builds/N it published
    files: dict[str, PublishedFile]  # every file of that build, by its path inside it
    result: Any  # the BuildResult it reported


def record_key(out: Path) -> str:
    return digest("build", str(output_path(out)))


def unchanged_build(cache: BuildCache, out: Path) -> Any | None:
    """The last build's result when no input changed and its published files are untouched; else None."""
    record = _published_record(cache, out)
    if record is None or record.inputs != cache.inputs_digest():
        return None
    if _stats(Layout(output_path(out)).builds / str(record.number)) != {
            path: (f.size, f.mtime_ns, f.inode) for path, f in record.files.items()}:
        return None
    cache.used["builds"].add(record_key(out))
    return record.result


def reusable_files(cache: BuildCache, out: Path) -> Callable[[OutputFile], Path | None]:
    """For the writer: the published file with exactly a new file's bytes, untouched since written, if any."""
    record = _published_record(cache, out)
    if record is None:
        return lambda file: None
    folder = Layout(output_path(out)).builds / str(record.number)

    def published_copy(file: OutputFile) -> Path | None:
        known = record.files.get(file.path)
        if known is None or not known.digest or known.size != len(file.content):
            return None
        path = folder / file.path
        try:
            stat = os.lstat(path)
        except OSError:
            return None
        unchanged = (stat.st_size, stat.st_mtime_ns, stat.st_ino) == (known.size, known.mtime_ns, known.inode)
        return path if unchanged and _content_digest(file) == known.digest else None

    return published_copy


def remember_build(cache: BuildCache, out: Path, result: Any, files: list[OutputFile]) -> None:
    """Record the build just published (its inputs, its number, each of its files), and remove from the
    cache what this build did not use, but the records of other output folders that still exist."""
    layout = Layout(output_path(out))
    number = layout.published_number()
    if number is None:
        return
    _record(cache, layout, number, result, files)
    cache.prune(kind for kind in KINDS if kind != "builds")
    forget_removed_outputs(cache)


def _record(cache: BuildCache, layout: Layout, number: int, result: Any, files: list[OutputFile]) -> None:
    made = {file.path: _content_digest(file) for file in files}
    stats = _stats(layout.builds / str(number))
    published = {path: PublishedFile(made.get(path, ""), *stat) for path, stat in stats.items()}
    key = record_key(layout.out)
    cache.used["builds"].add(key)
    cache.store("builds", key, BuildRecord(str(layout.out), cache.inputs_digest(), number, published, result))


def forget_removed_outputs(cache: BuildCache) -> None:
    """Keep the record of each output folder that still exists (site/, serve's folders while they last)."""
    for entry in list(os.scandir(cache.folder / "builds")) if (cache.folder / "builds").is_dir() else []:
        record = cache.load("builds", entry.name)
        if isinstance(record, BuildRecord) and os.path.lexists(record.out):
            cache.used["builds"].add(entry.name)
    cache.prune(["builds"])


def _published_record(cache: BuildCache, out: Path) -> BuildRecord | None:
    record = cache.load("builds", record_key(out))
    if not isinstance(record, BuildRecord) or Layout(output_path(out)).published_number() != record.number:
        return None
    return record


def _stats(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file below `folder` (not following links): its size, modification time and inode."""
    found = {}
    for path in walk_files(str(folder)):
        try:
            stat = os.lstat(path)
        except OSError:
            continue
        found[os.path.relpath(path, folder).replace(os.sep, "/")] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return found


def _content_digest(file: OutputFile) -> str:
    return hashlib.sha256(file.content).hexdigest()
