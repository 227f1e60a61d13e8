"""content/files/: the images and documents authors publish at files/, and only those.

Nothing here is copied as it is found:
- a symbolic link is refused, never followed, so a link to /etc cannot publish /etc;
- only images (PNG, JPEG, GIF, WebP, safe SVG), PDF and office documents (DOCX, PPTX, ODT,
  ODP) are published, and each must be what its name says;
- data files (CSV, TSV, XLSX, XLS, ODS, JSON) are refused: they may hold a row per child, and
  figures reach the site only through data/ and disclosure control;
- HTML, scripts and every other type are refused: they could run on the site's origin;
- a name with control or invisible characters, or one too long, is refused;
- hidden files (`.DS_Store`, `.git`) and `Thumbs.db` or `desktop.ini` are left out, with a warning.
"""

from __future__ import annotations

import os
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from pace_site.model.errors import Problems
from pace_site.model.output_file import OutputFile
from pace_site.read.svg import svg_problem

MAX_BYTES = 50 * 1024 * 1024
MAX_NAME, MAX_PATH = 100, 200

DATA_TYPES = {"csv", "tsv", "xlsx", "xlsm", "xls", "ods", "json", "parquet", "sav", "dta", "rds", "sqlite", "db"}
RUNNABLE_TYPES = {"html", "htm", "xhtml", "xml", "js", "mjs", "svgz", "swf", "php", "shtml", "xht"}
SYSTEM_FILES = {"thumbs.db", "desktop.ini"}


def zip_holding(name: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                return name in archive.namelist()
        except (zipfile.BadZipFile, ValueError):
            return False
    return check


def open_document(kind: str) -> Callable[[bytes], bool]:
    """An OpenDocument file: a zip whose first entry, `mimetype`, names its kind."""
    def check(data: bytes) -> bool:
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                with archive.open("mimetype") as mimetype:
                    return mimetype.read(100) == f"application/vnd.oasis.opendocument.{kind}".encode()
        except (zipfile.BadZipFile, KeyError, ValueError):
            return False
    return check


# Each published type, its name for messages, and how to tell that the file is one.
PUBLISHED: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    "png": ("PNG image", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("JPEG image", lambda data: data.startswith(b"\xff\xd8\xff")),
    "jpeg": ("JPEG image", lambda data: data.startswith(b"\xff\xd8\xff")),
    "gif": ("GIF image", lambda data: data.startswith((b"GIF87a", b"GIF89a"))),
    "webp": ("WebP image", lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP"),
    "svg": ("SVG image", lambda data: True),  # checked element by element in svg.py
    "pdf": ("PDF", lambda data: b"%PDF-" in data[:1024]),
    "docx": ("Word document", zip_holding("word/document.xml")),
    "pptx": ("PowerPoint presentation", zip_holding("ppt/presentation.xml")),
    "odt": ("OpenDocument text", open_document("text")),
    "odp": ("OpenDocument presentation", open_document("presentation")),
}
ALLOWED = ", ".join(sorted(PUBLISHED))


def read_files_folder(content_dir: Path, problems: Problems) -> list[OutputFile]:
    """Every file of content/files/ that may be published, at files/; problems for the rest."""
    folder = content_dir / "files"
    if folder.is_symlink():
        problems.add(folder, None, "content/files is a symbolic link; links are not followed, so that nothing "
                                   "outside content/ is published: make it a real folder")
        return []
    if not folder.is_dir():
        return []
    found = [published for path in walk(folder, problems) if (published := read_one(path, folder, problems))]
    report_case_clashes(found, problems)
    return found


def walk(folder: Path, problems: Problems, root: Path | None = None) -> list[Path]:
    """The regular files under `folder`, sorted; links and special files are problems, hidden ones warnings."""
    files = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name.lower() in SYSTEM_FILES:
            problems.warn(path, None, "a hidden or system file is not published")
        elif entry.is_symlink():
            problems.add(path, None, "this is a symbolic link; links are not followed, so that nothing outside "
                                     "content/ is published: copy the file itself into content/files/")
        elif entry.is_dir(follow_symlinks=False):
            if not name_problem(entry.name, path, problems) and not too_deep(path, root or folder, problems):
                files += walk(path, problems, root or folder)
        elif stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
            files.append(path)
        else:
            problems.add(path, None, "this is not a regular file (a pipe, socket or device); only files are published")
    return files


def too_deep(path: Path, root: Path, problems: Problems) -> bool:
    """A folder whose path is already too long is not entered, however deep it goes."""
    relative = path.relative_to(root).as_posix()
    if len(relative) > MAX_PATH:
        problems.add(path, None, f"the path inside content/files/ is {len(relative)} characters long; "
                                 f"keep it to {MAX_PATH}")
        return True
    return False


def read_one(path: Path, folder: Path, problems: Problems) -> OutputFile | None:
    relative = path.relative_to(folder).as_posix()
    if name_problem(path.name, path, problems):
        return None
    if len(relative) > MAX_PATH:
        problems.add(path, None, f"the path inside content/files/ is {len(relative)} characters long; "
                                 f"keep it to {MAX_PATH}")
        return None
    kind = type_problem(path)
    if kind:
        problems.add(path, None, kind)
        return None
    if path.stat().st_size > MAX_BYTES:
        problems.add(path, None, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; make it smaller "
                                 "(for instance, export the PDF for the web)")
        return None
    data = path.read_bytes()
    problem = content_problem(path, data)
    if problem:
        problems.add(path, None, problem)
        return None
    return OutputFile(f"files/{relative}", data, str(path))


def name_problem(name: str, path: Path, problems: Problems) -> bool:
    """A name with control or invisible characters, characters that break a link, or too long."""
    hidden = [c for c in name if unicodedata.category(c).startswith("C")]
    if hidden or any(c in name for c in "\\#?%"):
        shown = ", ".join(f"U+{ord(c):04X}" for c in hidden) or "\\, #, ? or %"
        problems.add(path.parent / name.encode("unicode_escape").decode(), None,
                     f"the name has characters a link cannot hold ({shown}); rename it with letters, digits, "
                     "hyphens and dots")
        return True
    if len(name) > MAX_NAME:
        problems.add(path, None, f"the name is {len(name)} characters long; keep it to {MAX_NAME}")
        return True
    return False


def type_problem(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in DATA_TYPES:
        return (f"a data file ({suffix.upper()}) is not published from content/files/: it may hold a row per "
                "child. Figures reach the site only through data/ and disclosure control; to share a table, "
                "put it in a PDF or a page")
    if suffix in RUNNABLE_TYPES:
        return (f"a {suffix.upper()} file is not published from content/files/: it could run code on the site; "
                "write a page in content/pages/ instead, or make it a PDF")
    if suffix not in PUBLISHED:
        return f"the type '.{suffix}' is not published from content/files/; the types published are {ALLOWED}"
    return None


def content_problem(path: Path, data: bytes) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    what, looks_right = PUBLISHED[suffix]
    if not looks_right(data):
        return f"the file is named .{suffix} but is not a {what}; check it is the file you meant, saved in that format"
    return svg_problem(data) if suffix == "svg" else None


def report_case_clashes(files: list[OutputFile], problems: Problems) -> None:
    """Two names that differ only in case are one file on Windows and macOS, and on many web servers."""
    seen: dict[str, str] = {}
    for file in files:
        key = file.path.lower()
        if key in seen:
            problems.add(file.source, None, f"this and {seen[key]} differ only in upper and lower case; rename one")
        seen[key] = file.source
