"""Reading a user's text file (read/textfile.py): UTF-8 or a problem that names the file, the line of the first
bad byte, what the file looks like, and how to save it as UTF-8."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pace_site.model.errors import Problems
from pace_site.read.textfile import MEGABYTE, read_text

EXCEL_ADVICE = "in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'"
EDITOR_ADVICE = "in your editor choose Save As with the encoding 'UTF-8'"


def read(tmp_path: Path, name: str, data: bytes, limit: int = 2 * MEGABYTE) -> tuple[str | None, list[str]]:
    """The text read from a file holding `data`, and each problem as the user sees it."""
    path = tmp_path / name
    path.write_bytes(data)
    problems = Problems(root=tmp_path)
    text = read_text(path, problems, limit)
    return text, [str(problem) for problem in problems.items]


def test_utf8_text_is_read_as_written_and_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    """A file saved by Notepad with a byte order mark reads like any other: its first key is not "\\ufefftitle"."""
    text, problems = read(tmp_path, "page.md", "\ufefftitle: Café – 2019\n".encode())
    assert (text, problems) == ("title: Café – 2019\n", [])


def test_a_windows_1252_file_names_the_line_of_its_first_bad_byte(tmp_path: Path) -> None:
    """Curly quotes from Word on line 3: the problem names the file and line 3, the encoding, and asks for UTF-8."""
    text, problems = read(tmp_path, "notes.md", b"---\ntitle: x\nsaid \x93hello\x94\n")
    assert text is None
    assert problems == [("notes.md, line 3: expected UTF-8 text; this file looks like Windows-1252 (as Excel and Word "
                         f"save on Windows). Save it as UTF-8: {EDITOR_ADVICE} (in Notepad: Encoding: UTF-8)")]


def test_a_latin1_file_without_windows_only_characters_is_called_latin1_or_windows_1252(tmp_path: Path) -> None:
    """An é saved as one byte, with nothing only Windows-1252 has: the message offers both names."""
    _, problems = read(tmp_path, "idea.md", b"title: x\nstatus: adopt\xe9\n")
    assert len(problems) == 1
    assert problems[0].startswith("idea.md, line 2: expected UTF-8 text; this file looks like Latin-1 (ISO-8859-1) or "
                                  "Windows-1252.")


@pytest.mark.parametrize("name, advice, other", [("journeys.csv", EXCEL_ADVICE, EDITOR_ADVICE),
                                                 ("authority.md", EDITOR_ADVICE, EXCEL_ADVICE)])
def test_the_advice_fits_the_kind_of_file(tmp_path: Path, name: str, advice: str, other: str) -> None:
    """A CSV is saved again from Excel or LibreOffice; a Markdown file from an editor: each is told its own way."""
    _, problems = read(tmp_path, name, b"a\n\xe9\n")
    assert len(problems) == 1 and advice in problems[0] and other not in problems[0]


@pytest.mark.parametrize("data", ["accommodated,recommendation\n".encode("utf-16"),
                                  "accommodated,recommendation\n".encode("utf-16-le")])
def test_utf16_with_or_without_a_byte_order_mark_is_called_utf16(tmp_path: Path, data: bytes) -> None:
    """Excel's "Unicode Text" is UTF-16: the message says so, at line 1, rather than calling it binary."""
    _, problems = read(tmp_path, "journeys.csv", data)
    assert len(problems) == 1
    assert problems[0].startswith("journeys.csv, line 1: expected UTF-8 text; this file looks like UTF-16")


def test_a_nul_byte_means_binary_and_its_line_is_named(tmp_path: Path) -> None:
    """A stray NUL on line 2 of otherwise plain text: the file is called binary, at line 2."""
    _, problems = read(tmp_path, "page.md", b"title: x\nbody\x00more\n" + b"plain text\n" * 20)
    assert len(problems) == 1
    assert problems[0].startswith("page.md, line 2: expected UTF-8 text; this file looks like binary, not text")


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(tmp_path: Path) -> None:
    """A file of 1.5 MB where 1 MB is allowed: refused, saying how big it is and what is allowed."""
    text, problems = read(tmp_path, "big.md", b"x" * (MEGABYTE + MEGABYTE // 2), limit=MEGABYTE)
    assert text is None
    assert len(problems) == 1 and problems[0].startswith("big.md: this file is 1.5 MB; expected at most 1 MB")


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    """Exactly the limit is allowed: the limit is a maximum, not one byte less."""
    text, problems = read(tmp_path, "edge.md", b"x" * MEGABYTE, limit=MEGABYTE)
    assert problems == [] and text is not None and len(text) == MEGABYTE


def test_a_folder_or_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    """A folder named like a page, or a pipe that would block a read forever: each is a problem, not a hang."""
    (tmp_path / "folder.md").mkdir()
    os.mkfifo(tmp_path / "pipe.csv")
    for name in ("folder.md", "pipe.csv"):
        problems = Problems(root=tmp_path)
        assert read_text(tmp_path / name, problems) is None
        expected = f"{name}: expected a regular file (this is a folder, a pipe or a device)"
        assert [str(p) for p in problems.items] == [expected]


def test_a_missing_file_is_not_called_a_folder(tmp_path: Path) -> None:
    """A page that is a link to a deleted file: the message should not say it is a folder, a pipe or a device."""
    (tmp_path / "page.md").symlink_to(tmp_path / "deleted.md")
    problems = Problems(root=tmp_path)
    assert read_text(tmp_path / "page.md", problems) is None
    assert "folder" not in str(problems.items[0])
