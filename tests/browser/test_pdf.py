"""`build.py pdf` on the example: one PDF per poster and per newsletter, each as it should print.

Posters: exactly one page at the size and orientation their front matter names, with their run charts
drawn (the run chart's line colour is found in the page rendered to pixels by poppler's pdftoppm).
Newsletters: A4, each aim's heading on the page of its figures.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.commands.cli import cli

ROOT = Path(__file__).resolve().parents[2]
POINTS_PER_MM = 72 / 25.4
SHEETS_MM = {"A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420)}
RUN_CHART_LINE = (0x8F, 0xA8, 0xC2)  # the line joining a run chart's points; nothing else on a poster has it


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "site"
    result = CliRunner().invoke(cli, ["pdf", "--content", str(ROOT / "content"), "--data", str(ROOT / "data"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def front_matter(path: Path, key: str) -> str | None:
    found = re.search(rf"^{key}: *(.+)$", path.read_text().split("\n---", 1)[0], re.M)
    return found.group(1).strip() if found else None


def page_sizes_mm(pdf: Path) -> list[tuple[int, int]]:
    from pypdf import PdfReader

    return [(round(float(p.mediabox.width) / POINTS_PER_MM), round(float(p.mediabox.height) / POINTS_PER_MM))
            for p in PdfReader(pdf).pages]


def rendered(pdf: Path, page: int, dpi: int) -> tuple[int, int, bytes]:
    """One page as raw RGB pixels (PPM from pdftoppm): width, height, bytes."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: run `bash scripts/test.sh` (it installs poppler-utils)"
    args = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
    data = subprocess.run(args + [str(pdf)], capture_output=True, check=True).stdout
    _, width, height, _, pixels = data.split(maxsplit=4)
    return int(width), int(height), pixels


def colour_count(pixels: bytes, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    return sum(1 for i in range(0, len(pixels) - 2, 3)
               if all(abs(pixels[i + c] - rgb[c]) <= tolerance for c in range(3)))


def test_every_poster_and_newsletter_has_a_pdf_linked_from_its_page(printed: Path) -> None:
    for poster in sorted((ROOT / "content/authorities").glob("*/poster.md")):
        slug = poster.parent.name
        assert (printed / f"authorities/{slug}/poster/{slug}-poster.pdf").is_file()
        assert f'href="{slug}-poster.pdf"' in (printed / f"authorities/{slug}/poster/index.html").read_text()
    for newsletter in sorted((ROOT / "content/authorities").glob("*/newsletters/*.md")):
        slug, issue = newsletter.parent.parent.name, newsletter.stem
        page = printed / f"authorities/{slug}/newsletters/{issue}"
        assert (page / f"{slug}-newsletter-{issue}.pdf").is_file()
        assert f'href="{slug}-newsletter-{issue}.pdf"' in (page / "index.html").read_text()
    galleries = "".join(p.read_text() for p in printed.glob("gathering-pace/*/index.html"))
    for poster in sorted((ROOT / "content/authorities").glob("*/poster.md")):  # every poster, with its PDF
        slug = poster.parent.name
        assert f'href="../../authorities/{slug}/poster/{slug}-poster.pdf"' in galleries, slug


def test_every_report_has_an_a4_pdf_linked_from_its_page_with_its_figures_drawn(printed: Path) -> None:
    reports = sorted((ROOT / "content/reports").glob("*.md"))
    assert reports
    for report in reports:
        folder = printed / "reports" / report.stem
        pdf = folder / f"{report.stem}.pdf"
        assert f'href="{report.stem}.pdf"' in (folder / "index.html").read_text()
        sizes = page_sizes_mm(pdf)
        assert len(sizes) > 1 and set(sizes) == {(210, 297)}, sizes
        drawn = [colour_count(rendered(pdf, page, 40)[2], RUN_CHART_LINE) for page in range(1, len(sizes) + 1)]
        assert sum(1 for count in drawn if count > 20) >= 1, drawn  # a run chart's line, drawn on paper


def test_each_poster_is_one_page_at_its_size_with_its_run_charts_drawn(printed: Path) -> None:
    for poster in sorted((ROOT / "content/authorities").glob("*/poster.md")):
        slug = poster.parent.name
        pdf = printed / f"authorities/{slug}/poster/{slug}-poster.pdf"
        width, height = SHEETS_MM[front_matter(poster, "size") or "A1"]
        expected = (height, width) if front_matter(poster, "orientation") == "landscape" else (width, height)
        assert page_sizes_mm(pdf) == [expected], slug
        html = (printed / f"authorities/{slug}/poster/index.html").read_text()
        if 'run-chart-figure"' in html:
            *_, pixels = rendered(pdf, 1, 40)
            assert colour_count(pixels, RUN_CHART_LINE) > 50, f"{slug}: no run chart is drawn in its PDF"


def test_newsletters_print_on_a4(printed: Path) -> None:
    """Every newsletter PDF is A4. (That no aim is split across pages, and no page is left more than a third
    empty, is tested on these same pages in test_newsletter_print.py.)"""
    newsletters = sorted(printed.glob("authorities/*/newsletters/*/*.pdf"))
    assert len(newsletters) == len(list((ROOT / "content/authorities").glob("*/newsletters/*.md")))
    for pdf in newsletters:
        assert set(page_sizes_mm(pdf)) == {(210, 297)}, pdf.name


def test_a_poster_too_long_for_its_sheet_is_reported_not_shrunk(small_site: Path) -> None:
    (small_site / "content/glossary.yml").write_text("- term: PDSA\n  definition: Plan, do, study, act.\n")
    poster = small_site / "content/authorities/testshire/poster.md"
    learning = "\n".join(f"- Lesson {n}: we learned that a long list of lessons takes room on a poster."
                         for n in range(80))
    poster.write_text(poster.read_text().replace("title: Our poster", "title: Our poster\nsize: A3", 1)
                      + f"\n## Key learning\n\n{learning}\n")
    args = ["pdf", "--content", str(small_site / "content"), "--data", str(small_site / "data"),
            "--out", str(small_site / "site")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    warning = re.search(r"poster\.md: the poster does not fit on one A3 portrait sheet: the section 'Key learning' "
                        r"needs about (\d+) mm more", result.output)
    assert warning and int(warning.group(1)) > 50, result.output
    assert page_sizes_mm(small_site / "site/authorities/testshire/poster/testshire-poster.pdf") == [(297, 420)]
    css = (small_site / "site/assets/site.css").read_text()
    assert "calc(28pt * var(--poster-scale))" in css  # the text keeps its size: nothing is scaled down to fit
    strict = CliRunner().invoke(cli, args + ["--strict"])
    assert strict.exit_code == 1 and "the section 'Key learning' needs about" in strict.output
