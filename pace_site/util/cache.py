"""The build cache: what an earlier build worked out, reused only when every input it depends on is identical.

It lives in `.pace-cache/` beside the content folder, never inside the site. Every entry is keyed
by a SHA-256 of the bytes of the inputs it was made from and of the tool itself (its version, its
code, its default theme, the Python version and its libraries' versions), never by file times, so:

- `builds/`: the last build into each output folder: the digest of every input, the build it
  published and each file's digest, size, time and inode. When no input changed and the published
  build is still exactly as written, the build writes nothing at all.
- `reports/`: each authority's computed reports (disclosure control included), keyed by site.yml,
  the authority's own data and the authority as its reports read it (publish/report.py's
  `report_inputs`: everything but its words): editing one authority's data recomputes only it, and
  editing a newsletter's words recomputes nothing.
- `csv/`: each authority's charts' CSV files, keyed by its reports' key.
- `audits/`: the disclosure audit of each authority's pages, keyed by the same inputs and everything
  those pages publish. A cached audit is reused only when all of those are identical.
- `national/`: the national pooled figures, keyed by all the data and everything every authority publishes.
- `pages/`: each rendered page, keyed by the digest of everything it is rendered from (its template, its
  context, the theme; util/fingerprint.py): editing one newsletter renders that page and the pages listing it.
- `links/`: the links of each page, keyed by the page's bytes.

A cache file that cannot be read (corrupt, cut short, from another version) is ignored and made
again; a cache folder that cannot be written only makes the build slower. Entries a build did not
use are removed after it, so the cache holds one build's worth. Cache files are Python pickles: like
the content folder beside them, they must be writable only by the people who build the site.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import pace_site
from pace_site import __version__
from pace_site.util.parallel import ordered_map, worker_count
from pace_site.util.theme import DEFAULT_THEME

CACHE_FOLDER = ".pace-cache"
KEY, TEMPORARY = re.compile(r"[0-9a-f]{64}"), re.compile(r"\.[0-9a-f]{64}\.\d+\.tmp")
KINDS = ("builds", "reports", "csv", "audits", "national", "pages", "links")
Value = TypeVar("Value")
Item = TypeVar("Item")


def cache_folder(content: Path) -> Path:
    return content.resolve().parent / CACHE_FOLDER


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little") + data)  # lengths too: ("ab", "c") is not ("a", "bc")
    return hasher.hexdigest()


def folder_digests(folder: Path | None) -> dict[str, str]:
    """Every file below `folder` by its path inside it: the SHA-256 of its bytes (of a link: its target)."""
    found: dict[str, str] = {}
    if folder is None or not folder.is_dir():
        return found
    for path in walk_files(str(folder), with_folders=True):  # an empty folder too: the build reads folders' names
        try:
            found[os.path.relpath(path, folder)] = _entry_digest(path)
        except OSError as error:
            found[os.path.relpath(path, folder)] = digest("unreadable", str(error))
    return found


def walk_files(top: str, with_folders: bool = False) -> list[str]:
    """Every entry below `top` that is not a folder (links not followed), and each folder too if asked, in a
    stable order; iterative, unlike os.walk in Python 3.11, so a folder nested thousands deep is walked too
    (the build then refuses it)."""
    found, folders = [], [top]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
                if with_folders:
                    found.append(entry.path)
            else:
                found.append(entry.path)
    return sorted(found)


def _entry_digest(path: str) -> str:
    """A regular file's bytes; a link's target and what is there; of anything else (a FIFO would block a reader)
    its kind and times."""
    status = os.lstat(path)
    if stat.S_ISDIR(status.st_mode):
        return digest("folder")  # its name is the input: its time changes with any save inside it
    if stat.S_ISLNK(status.st_mode):
        return digest("link", os.readlink(path), _linked_digest(path))
    if not stat.S_ISREG(status.st_mode):
        return digest("special", str(status.st_mode), str(status.st_mtime_ns), str(status.st_ino))
    return file_digest(path)


def _linked_digest(path: str) -> str:
    """The build reads through links, so a file a link leads to is an input: its bytes. A folder it leads to is
    not walked (it could be any folder, / too): it counts as changed in every build, so nothing made from it is
    reused."""
    target = os.path.realpath(path)
    if os.path.isdir(target):
        return digest("folder", os.urandom(16))
    try:
        return file_digest(target)
    except OSError as error:
        return digest("unreadable", str(error))


def file_digest(path: str | Path) -> str:
    """Opened without blocking and checked again, so a file swapped for a FIFO meanwhile cannot hang the build."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return digest("special", str(status.st_mode), str(status.st_mtime_ns), str(status.st_ino))
        return hashlib.file_digest(handle, "sha256").hexdigest()


# The libraries whose version can change what a build publishes: Markdown to HTML, its cleaning, the templates,
# the search index, the figures and the disclosure audit's solver, the PDFs.
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "pagefind", "pagefind_bin", "pandas", "numpy", "pyyaml",
             "scipy", "playwright")


@lru_cache(maxsize=1)
def tool_digest() -> str:
    """pace-site itself: a new version, an edit to its code or default theme, another Python, or another version
    of a library it publishes through is another tool."""
    package = Path(pace_site.__file__).resolve().parent  # every module of the tool, whichever folder it is in
    code = folder_digests(package)
    theme = folder_digests(DEFAULT_THEME)
    parts = [f"{name}={value}" for name, value in sorted(code.items()) if "__pycache__" not in name]
    parts += [f"theme/{name}={value}" for name, value in sorted(theme.items())]
    return digest(__version__, sys.version, *parts, *(f"{name}=={library_version(name)}" for name in LIBRARIES))


def library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


@dataclass
class BuildCache:
    """One build's view of the cache: the digests of its inputs, and the keys it used."""

    folder: Path
    content: dict[str, str]
    data: dict[str, str]
    theme: dict[str, str]
    settings: str  # the options that change the output (--strict, pdf, the theme's folder)
    used: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})

    @classmethod
    def of(cls, content: Path, data: Path, theme: Path | None, settings: str) -> BuildCache | None:
        """The cache for these folders; None (no cache) when `.pace-cache` is a link or not a folder."""
        folder = cache_folder(content)
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return None
        return cls(folder, folder_digests(content), folder_digests(data), folder_digests(theme),
                   digest(tool_digest(), str(content.resolve()), str(data.resolve()), settings))

    def inputs_digest(self) -> str:
        """Every input of the build: any change to any file in content, data or the theme changes it."""
        return digest(self.settings, *_listing("content", self.content), *_listing("data", self.data),
                      *_listing("theme", self.theme))

    def reports_key(self, slug: str, read: str) -> str:
        """What an authority's reports are made from: site.yml, its own data, and `read`: the digest of the
        authority as its reports read it (publish/report.py's report_inputs)."""
        data = {name: value for name, value in self.data.items() if name.startswith(f"{slug}{os.sep}")}
        return digest(self.settings, "reports", slug, self.content.get("site.yml", ""), read, *_listing("data", data))

    def data_key(self) -> str:
        """Every data file, and site.yml: with what is published, what the national figures are made from."""
        return digest(self.settings, "data", self.content.get("site.yml", ""), *_listing("data", self.data))

    def theme_key(self) -> str:
        """The user's theme folder (the tool's own theme is in `settings`)."""
        return digest(self.settings, "theme", *_listing("theme", self.theme))

    def remember(self, kind: str, key: str, make: Callable[[], Value]) -> Value:
        """The cached value under `key`, else `make()`, cached."""
        found: Value | None = self.lookup(kind, key)
        if found is not None:
            return found
        value = make()
        self.store(kind, key, value)
        return value

    def fill(self, kind: str, wanted: dict[str, Item], make: Callable[[Item], Any], jobs: int) -> None:
        """Make the entries of `wanted` (by key: what each is made from) not cached yet, over worker processes
        that store them here for this process to read (sending them back would cost as much as making them).
        Only worth it for two or more: otherwise, and for an entry a worker could not make, `remember` makes
        it in this process, where a mistake is reported as usual."""
        missing = [(key, item) for key, item in wanted.items() if not (self.folder / kind / key).is_file()]
        if worker_count(len(missing), jobs) < 2:
            return

        def make_and_store(entry: tuple[str, Item]) -> None:
            try:
                self.store(kind, entry[0], make(entry[1]))
            except Exception:  # noqa: BLE001 - nothing stored: `remember` makes it again and reports the error
                pass

        ordered_map(make_and_store, missing, jobs)

    def lookup(self, kind: str, key: str) -> Any | None:
        """The cached value under `key`, or None; either way the entry is kept when the cache is pruned."""
        self.used[kind].add(key)
        return self.load(kind, key)

    def load(self, kind: str, key: str) -> Any | None:
        collecting = gc.isenabled()
        gc.disable()  # an authority's reports are 150,000 objects: collecting while they are made takes 3 times longer
        try:
            with open(self.folder / kind / key, "rb") as handle:
                entry = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a missing, corrupt or foreign cache file is only a miss
            return None
        finally:
            if collecting:
                gc.enable()
        return entry[1] if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key else None

    def store(self, kind: str, key: str, value: Any) -> None:
        """Write through a temporary file and a rename, so a reader never sees half an entry."""
        folder = self.folder / kind
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as handle:
                pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / key)
        except (OSError, pickle.PicklingError):
            temporary.unlink(missing_ok=True)  # the cache only saves time: a build never fails for it

    def forget_used(self) -> None:
        """Remove every entry this build used or made (but the builds' records): for a build whose inputs changed
        while it read them, whose entries may be made from the new bytes under the old bytes' keys."""
        for kind in (kind for kind in KINDS if kind != "builds"):
            for key in self.used[kind]:
                try:
                    os.unlink(self.folder / kind / key)
                except OSError:
                    pass

    def prune(self, kinds: Iterable[str]) -> None:
        """Remove the entries of `kinds` this build did not use (and temporary files a killed build left)."""
        for kind in kinds:
            try:
                entries = list(os.scandir(self.folder / kind))
            except OSError:
                continue
            for entry in entries:  # only files named as this module names them: nothing else is ever removed
                ours = KEY.fullmatch(entry.name) or TEMPORARY.fullmatch(entry.name)
                if ours and entry.name not in self.used[kind] and entry.is_file(follow_symlinks=False):
                    try:
                        os.unlink(entry.path)
                    except OSError:
                        pass


def _listing(where: str, digests: dict[str, str]) -> list[str]:
    return [f"{where}/{name}={value}" for name, value in sorted(digests.items())]
