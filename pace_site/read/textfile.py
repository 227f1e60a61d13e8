"""Reading a user's text file safely: a size limit, UTF-8 only, and a helpful message when it is not.

Every content and data file passes through `read_text`, so a file that is too big, not a regular
file, or saved in another encoding (Latin-1, Windows-1252 from Excel, UTF-16) is refused once,
naming the line of the first bad byte and how to save it as UTF-8.
"""

from __future__ import annotations

import os
from pathlib import Path

from pace_site.model.errors import Problems

MEGABYTE = 1024 * 1024
TEXT_LIMIT = 2 * MEGABYTE  # a Markdown or YAML file; images and documents belong in content/files/
CSV_LIMIT = 50 * MEGABYTE  # one row per child: far more than any authority's children
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_text(path: Path, problems: Problems, limit: int = TEXT_LIMIT) -> str | None:
    """The file's text, or None with a problem naming what is wrong and how to fix it."""
    data = read_bytes(path, problems, limit)
    if data is None:
        return None
    if data.startswith(UTF16_BOMS) or b"\x00" in data:
        line = 1 if data.startswith(UTF16_BOMS) else data[:data.index(b"\x00")].count(b"\n") + 1
        problems.add(path, line, _not_utf8(path, "UTF-16 (Excel's 'Unicode Text' and some editors save it)"
                                           if _looks_utf16(data) else "binary, not text (it has a NUL byte)"))
        return None
    try:
        return data.decode("utf-8-sig")  # a byte order mark, as some editors write, is not text
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        problems.add(path, line, _not_utf8(path, _single_byte_guess(data)))
        return None


def read_bytes(path: Path, problems: Problems, limit: int) -> bytes | None:
    try:
        if not path.exists():  # gone since the folder was listed, or a link to nothing
            what = f"a link to {os.readlink(path)}, which does not exist" if path.is_symlink() else "no such file"
            problems.add(path, None, f"expected a regular file ({what})")
            return None
        if not path.is_file():  # a folder, a named pipe or a device would hang or fail the read
            problems.add(path, None, "expected a regular file (this is a folder, a pipe or a device)")
            return None
        size = path.stat().st_size
        if size > limit:
            problems.add(path, None, f"this file is {size / MEGABYTE:.1f} MB; expected at most {limit // MEGABYTE} MB "
                                     "(images and documents belong in content/files/)")
            return None
        with path.open("rb") as file:
            data = file.read(limit + 1)  # the file may have grown since stat()
    except OSError as error:
        problems.add(path, None, f"could not be read ({error.strerror or error})")
        return None
    if len(data) > limit:
        problems.add(path, None, f"this file is larger than {limit // MEGABYTE} MB")
        return None
    return data


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    return sample.startswith(UTF16_BOMS) or sample.count(b"\x00") * 4 >= len(sample)


def _single_byte_guess(data: bytes) -> str:
    # Windows-1252 puts curly quotes, dashes and the euro sign at 0x80-0x9F, where Latin-1 has
    # only control characters that no one types: so those bytes mean Windows-1252.
    if any(0x80 <= byte <= 0x9F for byte in data):
        return "Windows-1252 (as Excel and Word save on Windows)"
    return "Latin-1 (ISO-8859-1) or Windows-1252"


def _not_utf8(path: Path, guess: str) -> str:
    if path.suffix.lower() == ".csv":
        how = ("in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice tick "
               "'Edit filter settings' and choose 'Unicode (UTF-8)'")
    else:
        how = "in your editor choose Save As with the encoding 'UTF-8' (in Notepad: Encoding: UTF-8)"
    return f"expected UTF-8 text; this file looks like {guess}. Save it as UTF-8: {how}"
