"""Writing the site safely: a complete new build is switched in with one atomic rename.

Beside `--out NAME` pace-site keeps a folder of its own, `.NAME-builds/`:

    NAME                  a symbolic link to .NAME-builds/N, the published build
    .NAME-builds/
        .pace-site-builds marker: this folder is pace-site's
        lock              held (flock) by the build writing NAME; a second build is refused
        N/                a complete build; every other numbered folder is a leftover
        next              for an instant: the new link, before it is renamed over NAME

A build writes all of N+1, points `next` at it and renames `next` over `NAME`:
rename(2) replaces a symbolic link atomically, so whenever the process dies
NAME is the complete old site or the complete new one. The next build removes
whatever a killed build left in `.NAME-builds/`, and nothing outside it.

The first build into a real NAME folder that pace-site built earlier (it has a
`.pace-site` marker file) swaps the folder for the link with renameat2's
RENAME_EXCHANGE, which is atomic too; where that is not available, it renames
the folder into `.NAME-builds/retired` first, and a build killed between those
two renames puts it back.

As Pelican and Lektor do, two pages writing one file is an error, and no path
may escape the output folder. Files are 0644 and folders 0755 whatever the
umask, so a web server running as another user can read them. A power cut is
not covered: files are not fsync'ed, which would slow every build.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pace_site.model.errors import PaceError
from pace_site.model.output_file import OutputFile

Reuse = Callable[["OutputFile"], "Path | None"]  # a published file with exactly this file's bytes, if any
BUILD_MARKER = ".pace-site"  # in every build, and in folders older versions of pace-site built
BUILDS_MARKER = ".pace-site-builds"
FILE_MODE, FOLDER_MODE = 0o644, 0o755

# Fault injection for the crash tests: called with the name of each step. The environment variable
# PACE_SITE_FAULT_AT=STEP makes the process die at that step, as a kill would, with no clean-up.
fault_hook: Callable[[str], None] | None = None


def step(name: str) -> None:
    if os.environ.get("PACE_SITE_FAULT_AT") == name:
        os._exit(70)
    if fault_hook is not None:
        fault_hook(name)


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


def output_path(out: Path) -> Path:
    """The --out path made absolute without following a link in its last part (the link is the site)."""
    absolute = Path(os.path.abspath(out))
    return absolute.parent.resolve() / absolute.name if absolute.name else absolute.resolve()


def check_out_folder(out: Path, sources: dict[str, Path]) -> None:
    """Refuse an output folder inside a source folder: the site would be published into itself, or into data."""
    target = output_path(out)
    for what, folder in sources.items():
        source = folder.resolve()
        if target == source or source in target.parents:
            where = "is" if target == source else "is inside"
            raise PaceError(f"refusing to write the site to {out}: it {where} the {what} folder {folder}; "
                            "choose an --out folder outside it, such as 'site'")


@dataclass(frozen=True)
class Layout:
    """Where one site's link, builds and lock are."""

    out: Path

    @property
    def builds(self) -> Path:
        return self.out.with_name(f".{self.out.name}-builds")

    def link_text(self, number: int) -> str:
        return f"{self.builds.name}/{number}"

    def published_number(self) -> int | None:
        """The build NAME links to, or None when NAME is no link of pace-site's."""
        if not self.out.is_symlink():
            return None
        match = re.fullmatch(re.escape(self.builds.name) + r"/(\d+)", os.readlink(self.out))
        return int(match.group(1)) if match else None


def write_site(files: list[OutputFile], out_dir: Path, before_swap: Callable[[Path], None] | None = None,
               reuse: Reuse | None = None) -> None:
    """Write every file into a new build beside `out_dir`, then switch `out_dir` to it atomically.

    `before_swap` runs on the finished build folder before it is published (the search index is
    made there); if it fails, the previous site stays published. `reuse` names a published file with
    exactly a file's bytes, which is hard-linked rather than written again (incremental.py).
    """
    check_unique(files)
    layout = Layout(output_path(out_dir))
    try:
        check_replaceable(layout)  # before anything is created; again under the lock
        make_parents(layout.out.parent)
        switch_in(files, layout, before_swap, reuse)
    except OSError as error:
        raise PaceError(f"could not write the site to {out_dir}: {error}; the previous site is unchanged") from None


def switch_in(files: list[OutputFile], layout: Layout, before_swap: Callable[[Path], None] | None = None,
              reuse: Reuse | None = None) -> None:
    with locked(layout):
        step("locked")
        restore_interrupted_migration(layout)
        check_replaceable(layout)
        remove_leftovers(layout, keep=layout.published_number())
        step("cleaned")
        number = next_number(layout)
        write_build(files, layout.builds / str(number), reuse)
        if before_swap:
            before_swap(layout.builds / str(number))
            readable_by_all(layout.builds / str(number))
        step("written")
        publish(layout, number)
        step("switched")
        remove_leftovers(layout, keep=number)
        step("done")


@contextmanager
def locked(layout: Layout) -> Iterator[None]:
    """Hold the lock of this output folder, or refuse with a message when another build holds it."""
    claim_builds_folder(layout)
    descriptor = os.open(layout.builds / "lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PaceError(f"another pace-site build is writing to {layout.out} right now (it holds "
                            f"{layout.builds / 'lock'}); wait for it to finish, then build again") from None
        marker = layout.builds / BUILDS_MARKER
        if not marker.exists():
            write_file(marker, b"This folder is pace-site's: it keeps the builds of the site beside it.\n")
        yield
    finally:
        os.close(descriptor)  # releases the lock


def claim_builds_folder(layout: Layout) -> None:
    """Create .NAME-builds, or check that the one there is pace-site's."""
    builds = layout.builds
    if builds.is_symlink() or (builds.exists() and not builds.is_dir()):
        raise PaceError(f"refusing to use {builds}: pace-site keeps its builds there, and it is not a folder")
    builds.mkdir(mode=FOLDER_MODE, exist_ok=True)
    os.chmod(builds, FOLDER_MODE)
    others = {entry.name for entry in os.scandir(builds)} - {"lock"}
    if others and BUILDS_MARKER not in others:
        raise PaceError(f"refusing to use {builds}: pace-site keeps its builds there, and this folder is not "
                        f"pace-site's (no {BUILDS_MARKER} marker file); move it, or choose another --out folder")


def check_replaceable(layout: Layout) -> None:
    """NAME may be replaced only when it is absent, empty, pace-site's link, or a folder pace-site built."""
    out = layout.out
    if out.is_symlink():
        if layout.published_number() is None:
            raise PaceError(f"refusing to replace {out}: it is a symbolic link to {os.readlink(out)}, "
                            "which pace-site did not make; choose another --out folder")
    elif out.exists() and not out.is_dir():
        raise PaceError(f"refusing to replace {out}: it is a file, not a folder; choose another --out folder")
    elif out.is_dir() and not (out / BUILD_MARKER).is_file() and any(out.iterdir()):
        raise PaceError(f"refusing to replace {out}: it is not empty and was not built by pace-site "
                        f"(no {BUILD_MARKER} marker file); choose another --out folder")


def restore_interrupted_migration(layout: Layout) -> None:
    """A build killed between the two renames of a migration left NAME missing: put the old site back."""
    retired = layout.builds / "retired"
    if not os.path.lexists(layout.out) and retired.is_dir() and not retired.is_symlink():
        os.rename(retired, layout.out)


def remove_leftovers(layout: Layout, keep: int | None) -> None:
    """Remove what earlier builds left in .NAME-builds: every build but `keep`, `next` and `retired`."""
    for entry in os.scandir(layout.builds):
        ours = entry.name in ("next", "retired") or (entry.name.isdigit() and int(entry.name) != keep)
        if not ours:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def next_number(layout: Layout) -> int:
    numbers = [int(entry.name) for entry in os.scandir(layout.builds) if entry.name.isdigit()]
    return max(numbers, default=0) + 1


def write_build(files: list[OutputFile], folder: Path, reuse: Reuse | None = None) -> None:
    """Every file of the site, readable by all whatever the umask; the marker says pace-site built it."""
    make_folder(folder)
    for index, file in enumerate(files):
        target = folder / safe_relative(file.path)
        for parent in reversed(target.relative_to(folder).parents[:-1]):
            make_folder(folder / parent)
        published = reuse(file) if reuse else None
        if published is None or not link_file(published, target):
            write_file(target, file.content)
        if index == len(files) // 2:
            step("writing")
    write_file(folder / BUILD_MARKER, b"This folder is built by pace-site; it is replaced by every build.\n")


def make_parents(folder: Path) -> None:
    """The folders above the site, those that do not exist yet made readable by all."""
    for path in reversed([folder, *folder.parents]):
        if path.is_dir():
            continue
        try:
            path.mkdir()
        except FileExistsError:
            continue
        os.chmod(path, FOLDER_MODE)


def readable_by_all(folder: Path) -> None:
    """What another tool wrote into a build (the search index) gets the site's modes too."""
    for path in folder.rglob("*"):
        if not path.is_symlink():
            os.chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE)


def make_folder(path: Path) -> None:
    if not path.is_dir():
        path.mkdir()
        os.chmod(path, FOLDER_MODE)


def write_file(path: Path, content: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(descriptor, FILE_MODE)
        handle.write(content)


def link_file(published: Path, target: Path) -> bool:
    """A second name for an unchanged published file (its time and inode stay); False where links fail."""
    try:
        os.link(published, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def publish(layout: Layout, number: int) -> None:
    """Point NAME at build `number` with one atomic rename of a new link over it."""
    link = layout.builds / "next"
    os.symlink(layout.link_text(number), link)
    step("linked")
    if layout.out.is_dir() and not layout.out.is_symlink():
        migrate(layout, link)
    else:
        os.replace(link, layout.out)


def migrate(layout: Layout, link: Path) -> None:
    """Swap a real NAME folder for the link: one atomic exchange, or two renames where that is missing."""
    if exchange(link, layout.out):
        step("exchanged")  # `next` is now the old folder; remove_leftovers removes it
        return
    os.rename(layout.out, layout.builds / "retired")
    step("retired")
    os.replace(link, layout.out)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where it is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))
