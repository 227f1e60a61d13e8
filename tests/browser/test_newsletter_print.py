"""Every example newsletter printed to A4 by Chromium: no aim split across pages, headings in proportion to the
body text, and no page but the last left more than a third empty unless the aim that follows could not fit there.

The PDFs go to test-artifacts/newsletters/ for people to look at (pdftoppm renders them to PNG)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import open_page

MARGIN = 12 * 72 / 25.4  # the print stylesheet's 12 mm page margin, in PDF points
AIM_HEADING = re.compile(r"^(National aim \d+:|Whole journey)")
AIMS_HEADING = re.compile(r"^Our aims at [A-Z][a-z]+ \d{4}$")
# The section's heading keeps with its first aim.
AIM_START = re.compile(r"^(National aim \d+:|Whole journey|Our aims at [A-Z][a-z]+ \d{4}$)")


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float


def pdf_pages(pdf: Path) -> list[tuple[float, list[Line]]]:
    """Each page's height and its lines of text from the top down, with their vertical extent."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run `bash scripts/test.sh`, which installs poppler-utils")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.S):
        found = re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
                           body, re.S)
        lines = [Line(" ".join(re.findall(r">([^<]*)</word>", words)), float(top), float(bottom))
                 for top, bottom, words in found]
        pages.append((float(height), sorted(lines, key=lambda line: line.top)))
    return pages


def newsletter_paths(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("authorities/*/newsletters/*/index.html"))


@pytest.fixture(scope="module")
def printed(page, site_url: str, built_site: Path, artifacts: Path) -> dict[str, list[tuple[float, list[Line]]]]:
    folder = artifacts / "newsletters"
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for path in newsletter_paths(built_site):
        open_page(page, site_url + path)
        page.emulate_media(media="print")
        try:
            pdf = folder / (path.split("/")[1] + "-" + path.split("/")[3] + ".pdf")
            page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        finally:
            page.emulate_media(media="screen")
        found[path] = pdf_pages(pdf)
    assert found, "no newsletters in the example site"
    return found


def aims_section(pages: list[tuple[float, list[Line]]]) -> list[int]:
    """The numbers of the pages from the one with "Our aims at ..." to the end."""
    start = next(i for i, (_, lines) in enumerate(pages) if any(AIMS_HEADING.match(line.text) for line in lines))
    return list(range(start, len(pages)))


def test_no_aim_is_split_across_pages(printed) -> None:  # type: ignore[no-untyped-def]
    for path, pages in printed.items():
        for number in aims_section(pages)[1:]:
            first = pages[number][1][0].text
            assert AIM_START.match(first) or first.startswith("Change ideas"), (
                f"{path}: page {number + 1} starts inside an aim, with '{first}'")


def test_no_page_but_the_last_is_more_than_a_third_empty_where_avoidable(printed) -> None:  # type: ignore[no-untyped-def]
    for path, pages in printed.items():
        for number, (height, lines) in enumerate(pages[:-1]):
            usable = height - 2 * MARGIN
            empty = (height - MARGIN - max(line.bottom for line in lines)) / usable
            if empty <= 1 / 3:
                continue
            # Allowed only when the aim that starts the next page is taller than the gap it left.
            following = pages[number + 1][1]
            assert AIM_START.match(following[0].text), (
                f"{path}: page {number + 1} is {empty:.0%} empty and the next page starts with '{following[0].text}'")
            headings = [line.top for line in following if AIM_HEADING.match(line.text)]
            later = headings[1:]
            aim_height = (later[0] if later else max(line.bottom for line in following)) - following[0].top
            assert aim_height / usable > empty, (
                f"{path}: page {number + 1} is {empty:.0%} empty, yet the aim after it takes only "
                f"{aim_height / usable:.0%} of a page")


def test_printed_headings_are_in_proportion_to_the_text(page, site_url: str, built_site: Path) -> None:
    open_page(page, site_url + newsletter_paths(built_site)[0])
    page.emulate_media(media="print")
    try:
        sizes = page.evaluate("""() => Object.fromEntries(['body', 'h1', 'h2', 'h3', '.aim__statement'].map(s =>
            [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))""")
    finally:
        page.emulate_media(media="screen")
    assert sizes["h1"] <= 2 * sizes["body"], sizes
    assert sizes["h2"] <= 1.4 * sizes["body"] and sizes["h3"] <= 1.2 * sizes["body"], sizes
    assert sizes["h1"] > sizes["h2"] > sizes["h3"] >= sizes["body"], sizes
