"""content/files/ as an attacker or a careless author fills it: each case is refused naming the file,
with the previous site left byte for byte, or published safely."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.commands.cli import cli

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
SAFE_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
            b'<defs><linearGradient id="g"><stop offset="0" stop-color="#002d54"/></linearGradient></defs>'
            b'<style>rect { fill: url(#g); }</style>'
            b'<a href="#r"><rect id="r" width="10" height="10" fill="url(#g)"/></a>'
            b'<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/><use href="#r"/></svg>')


def svg(inner: str, attributes: str = "") -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}>{inner}</svg>'.encode()


def zipped(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


SAFE = {
    "poster.png": PNG,
    "photos/team photo.jpg": b"\xff\xd8\xff\xe0rest",
    "logo.gif": b"GIF89a rest",
    "chart.webp": b"RIFF\x10\x00\x00\x00WEBPVP8 ",
    "driver-diagram.svg": SAFE_SVG,
    "report.pdf": b"%PDF-1.7\n%rest",
    "newsletter.docx": zipped({"[Content_Types].xml": "<x/>", "word/document.xml": "<x/>"}),
    "slides.pptx": zipped({"ppt/presentation.xml": "<x/>"}),
    "notes.odt": zipped({"mimetype": "application/vnd.oasis.opendocument.text"}),
    "talk.odp": zipped({"mimetype": "application/vnd.oasis.opendocument.presentation"}),
    "Banner.PNG": PNG,  # upper-case extensions are fine
}

# (name, how to make it, what the message must say)
Maker = Callable[[Path], None]


def link_to(target: str) -> Maker:
    return lambda path: path.symlink_to(target)


def containing(data: bytes) -> Maker:
    return lambda path: path.write_bytes(data)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;'
                  b'&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                  b'<svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>')

HOSTILE: list[tuple[str, Maker, str]] = [
    ("etc", link_to("/etc"), "symbolic link; links are not followed"),
    ("passwd.png", link_to("/etc/passwd"), "symbolic link; links are not followed"),
    ("up.pdf", link_to("../../data/testshire/journeys.csv"), "symbolic link"),
    ("script.svg", containing(svg("<script>alert(document.cookie)</script>")), "has a <script> element"),
    ("cdata.svg", containing(svg("<script><![CDATA[alert(1)]]></script>")), "has a <script> element"),
    ("onload.svg", containing(svg("<rect/>", 'onload="alert(1)"')), "event handler (onload="),
    ("onclick.svg", containing(svg('<rect ONCLICK="alert(1)"/>')), "event handler (onclick="),
    ("foreign.svg", containing(svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>')),
     "has a <foreignObject> element"),
    ("xhtml.svg", containing(svg('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example"/>')),
     "has a <iframe> element"),
    ("jslink.svg", containing(svg('<a href="javascript:alert(1)"><text>x</text></a>')),
     "links to 'javascript:alert(1)'"),
    ("jslink-tab.svg", containing(svg('<a href=" java&#9;script:alert(1)"><text>x</text></a>')), "outside the image"),
    ("xlink.svg", containing(svg('<a xlink:href="javascript:alert(1)"><text>x</text></a>',
                                 'xmlns:xlink="http://www.w3.org/1999/xlink"')), "links to 'javascript:alert(1)'"),
    ("remote.svg", containing(svg('<image href="https://tracker.example/pixel.png"/>')), "outside the image"),
    ("relative.svg", containing(svg('<use href="other.svg#x"/>')), "outside the image"),
    ("animate.svg", containing(svg('<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>')),
     "changes a link"),
    ("style-url.svg", containing(svg("<style>rect { fill: url(https://tracker.example/x) }</style>")),
     "<style> refers to something outside"),
    ("import.svg", containing(svg('<style>@import "https://evil.example/x.css";</style>')), "<style> refers to"),
    ("fill-url.svg", containing(svg('<rect fill="url(https://tracker.example/x#g)"/>')), "fill= on <rect>"),
    ("stylesheet.svg", containing(b'<?xml-stylesheet href="https://evil.example/x.css"?>' + svg("<rect/>")),
     "loads a stylesheet"),
    ("bomb.svg", containing(BILLION_LAUGHS), "declares XML entities"),
    ("broken.svg", containing(b"<svg xmlns='http://www.w3.org/2000/svg'><rect>"), "not well-formed XML"),
    ("html.svg", containing(b"<html><script>alert(1)</script></html>"), "not an SVG image"),
    ("journeys.csv", containing(b"accommodated,recommendation\n2018-01-05,2018-06-01\n"), "a data file (CSV)"),
    ("children.xlsx", containing(zipped({"xl/workbook.xml": "<x/>"})), "a data file (XLSX)"),
    ("rows.XLS", containing(b"\xd0\xcf\x11\xe0"), "a data file (XLS)"),
    ("rows.ods", containing(b"PK"), "a data file (ODS)"),
    ("rows.tsv", containing(b"a\tb\n"), "a data file (TSV)"),
    ("rows.json", containing(b"[]"), "a data file (JSON)"),
    ("page.html", containing(b"<script>alert(1)</script>"), "a HTML file is not published"),
    ("app.js", containing(b"alert(1)"), "a JS file is not published"),
    ("tool.exe", containing(b"MZ"), "the type '.exe' is not published"),
    ("no-extension", containing(b"x"), "the type '.' is not published"),
    ("rows.png", containing(b"accommodated,recommendation\n2018-01-05,2018-06-01\n"), "is named .png but is not a PNG"),
    ("workbook.docx", containing(zipped({"xl/workbook.xml": "<x/>"})), "is named .docx but is not a Word document"),
    ("fake.pdf", containing(b"<html>"), "is named .pdf but is not a PDF"),
    ("new\nline.png", containing(PNG), "characters a link cannot hold (U+000A)"),
    ("photo\u202egnp.exe.png", containing(PNG), "characters a link cannot hold (U+202E)"),
    ("report#1.pdf", containing(b"%PDF-1.7"), "characters a link cannot hold"),
    ("x" * 120 + ".png", containing(PNG), "the name is 124 characters long"),
    ("pipe.png", lambda path: os.mkfifo(path), "not a regular file"),
    ("huge.pdf", lambda path: os.truncate(path.open("wb").name, 51 * 1024 * 1024), "larger than 50 MB"),
]


def build(root: Path, *extra: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["build", "--content", str(root / "content"), "--data", str(root / "data"),
                                    "--out", str(root / "site"), *extra])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def built(small_site: Path) -> Path:
    (small_site / "content/files").mkdir()
    assert build(small_site).exit_code == 0
    return small_site


def test_there_are_forty_hostile_files() -> None:
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize(("name", "make", "expected"), HOSTILE, ids=[repr(h[0])[:30] for h in HOSTILE])
def test_each_hostile_file_is_refused_naming_it_and_the_site_is_left_as_it_was(built: Path, name: str, make: Maker,
                                                                               expected: str) -> None:
    before = snapshot(built / "site")
    make(built / "content/files" / name)
    started = time.monotonic()
    result = build(built)
    assert time.monotonic() - started < 30  # an entity bomb or a pipe does not hang the build
    assert result.exit_code == 1, result.output
    assert expected in result.output
    shown = name.encode("unicode_escape").decode()  # a control character is shown escaped
    assert f"files/{shown}" in result.output or f"files/{shown[:40]}" in result.output
    assert "Traceback" not in result.output
    assert snapshot(built / "site") == before
    assert not (built / "site/files").exists()  # nothing of /etc, data/ or the rest was published


def test_safe_files_are_published_byte_for_byte(small_site: Path) -> None:
    for name, data in SAFE.items():
        (small_site / "content/files" / name).parent.mkdir(parents=True, exist_ok=True)
        (small_site / "content/files" / name).write_bytes(data)
    result = build(small_site)
    assert result.exit_code == 0, result.output
    assert snapshot(small_site / "site/files") == {name: data for name, data in SAFE.items()}


def test_a_folder_of_content_files_that_is_a_link_is_refused(small_site: Path) -> None:
    (small_site / "content/files").symlink_to("/etc")
    result = build(small_site)
    assert result.exit_code == 1 and "content/files is a symbolic link" in result.output
    assert not (small_site / "site").exists()


def test_every_bad_file_is_listed_in_one_run(built: Path) -> None:
    files = built / "content/files"
    (files / "a.csv").write_text("x")
    (files / "b.svg").write_bytes(svg("<script/>"))
    (files / "c").symlink_to("/etc")
    (files / "ok.png").write_bytes(PNG)
    result = CliRunner().invoke(cli, ["check", "--content", str(built / "content"), "--data", str(built / "data")])
    assert result.exit_code == 1
    assert "3 problems found" in result.output
    for name in ("files/a.csv", "files/b.svg", "files/c"):
        assert name in result.output


def test_names_differing_only_in_case_are_refused(built: Path) -> None:
    (built / "content/files/Logo.png").write_bytes(PNG)
    (built / "content/files/logo.png").write_bytes(PNG)
    result = build(built)
    assert result.exit_code == 1 and "differ only in upper and lower case" in result.output


def test_hidden_and_system_files_are_left_out_with_a_warning(built: Path) -> None:
    (built / "content/files/.DS_Store").write_bytes(b"\x00\x00")
    (built / "content/files/.git").mkdir()
    (built / "content/files/.git/config").write_text("[core]")
    (built / "content/files/Thumbs.db").write_bytes(b"\xd0\xcf")
    (built / "content/files/ok.png").write_bytes(PNG)
    result = build(built)
    assert result.exit_code == 0, result.output
    assert "files/.DS_Store: a hidden or system file is not published" in result.output
    assert sorted(p.name for p in (built / "site/files").iterdir()) == ["ok.png"]
    assert build(built, "--strict").exit_code == 1


def test_a_nested_folder_with_a_link_inside_is_refused(built: Path) -> None:
    (built / "content/files/photos").mkdir()
    (built / "content/files/photos/secrets").symlink_to(built / "data")
    result = build(built)
    assert result.exit_code == 1 and "files/photos/secrets" in result.output and "symbolic link" in result.output


def test_a_site_built_into_content_files_is_refused_not_republished(built: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--content", str(built / "content"), "--data", str(built / "data"),
                                      "--out", str(built / "content/files/site")])
    assert result.exit_code == 1 and "inside the content folder" in result.output
    assert list((built / "content/files").iterdir()) == []


def test_a_folder_nested_thousands_deep_is_refused_without_a_traceback(built: Path) -> None:
    deep = built / "content/files"
    for _ in range(1500):  # deeper than Python's recursion limit
        deep = deep / "d"
        deep.mkdir()
    (deep / "x.png").write_bytes(PNG)
    try:
        result = build(built)
    finally:  # removed from the bottom up: shutil.rmtree would itself go too deep
        (deep / "x.png").unlink()
        while deep != built / "content/files":
            deep.rmdir()
            deep = deep.parent
    assert result.exit_code == 1 and "characters long; keep it to 200" in result.output
    assert "Traceback" not in result.output
