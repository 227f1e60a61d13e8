from pathlib import Path

from click.testing import CliRunner

from pace_site.commands.cli import cli
from pace_site.write.links import make_relative


def test_root_relative_links_become_relative_to_the_page() -> None:
    html = '<a href="/change-ideas/two-week-review/">x</a><img src="/files/d.png" alt="d"><a href="/#aims">h</a>'
    result = make_relative(html, "authorities/testshire/index.html")
    assert 'href="../../change-ideas/two-week-review/"' in result
    assert 'src="../../files/d.png"' in result
    assert 'href="../../#aims"' in result


def build(root: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["build", "--content", str(root / "content"), "--data", str(root / "data"),
                                    "--out", str(root / "site")])


def test_links_and_images_that_resolve_build(small_site: Path) -> None:
    (small_site / "content/files").mkdir()
    (small_site / "content/files/driver.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # a PNG signature: files/ checks the type
    page = small_site / "content/pages/about.md"
    page.write_text("---\ntitle: About PACE\n---\nSee [the idea](/change-ideas/two-week-review/).\n\n![Driver diagram](/files/driver.png)\n")
    result = build(small_site)
    assert result.exit_code == 0, result.output
    html = (small_site / "site/about/index.html").read_text()
    assert 'href="../change-ideas/two-week-review/"' in html and 'src="../files/driver.png"' in html


def test_a_broken_link_fails_the_build_naming_the_source_file_and_line(small_site: Path) -> None:
    page = small_site / "content/pages/about.md"
    page.write_text("---\ntitle: About PACE\n---\nIntro.\n\nSee [a missing idea](/change-ideas/no-such-idea/).\n\n![Gone](/files/gone.png)\n")
    result = build(small_site)
    assert result.exit_code == 1
    assert "about.md, line 6: the link '/change-ideas/no-such-idea/' on about/index.html goes to no page" in result.output
    assert "about.md, line 8: the link '/files/gone.png'" in result.output
    assert not (small_site / "site").exists()


def test_an_image_from_another_host_is_refused(small_site: Path) -> None:
    page = small_site / "content/pages/about.md"
    page.write_text("---\ntitle: About PACE\n---\n![Logo](https://example.org/logo.png)\n")
    result = build(small_site)
    assert result.exit_code == 1
    assert "about.md, line 4: the image 'https://example.org/logo.png' is on another host" in result.output
