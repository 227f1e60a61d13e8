from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from pace_site.commands.cli import cli
from pace_site.write.links import all_links, make_relative


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
    # A PNG signature: files/ checks the type.
    (small_site / "content/files/driver.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    page = small_site / "content/pages/about.md"
    page.write_text("---\ntitle: About PACE\n---\nSee [the idea](/change-ideas/two-week-review/).\n\n"
                    "![Driver diagram](/files/driver.png)\n")
    result = build(small_site)
    assert result.exit_code == 0, result.output
    html = (small_site / "site/about/index.html").read_text()
    assert 'href="../change-ideas/two-week-review/"' in html and 'src="../files/driver.png"' in html


def test_a_broken_link_fails_the_build_naming_the_source_file_and_line(small_site: Path) -> None:
    page = small_site / "content/pages/about.md"
    page.write_text("---\ntitle: About PACE\n---\nIntro.\n\nSee [a missing idea](/change-ideas/no-such-idea/).\n\n"
                    "![Gone](/files/gone.png)\n")
    result = build(small_site)
    assert result.exit_code == 1
    assert ("about.md, line 6: the link '/change-ideas/no-such-idea/' on about/index.html goes to no page"
            in result.output)
    assert "about.md, line 8: the link '/files/gone.png'" in result.output
    assert not (small_site / "site").exists()


def test_an_image_from_another_host_is_refused(small_site: Path) -> None:
    page = small_site / "content/pages/about.md"
    page.write_text("---\ntitle: About PACE\n---\n![Logo](https://example.org/logo.png)\n")
    result = build(small_site)
    assert result.exit_code == 1
    assert "about.md, line 4: the image 'https://example.org/logo.png' is on another host" in result.output


class _Reference(HTMLParser):
    """html.parser's reading of a page's links: what the fast extractor must agree with."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


def reference_links(html: str) -> list[str]:
    parser = _Reference()
    parser.feed(html)
    parser.close()
    return parser.links


TRICKY = [
    '<a title="a > b" href="/x/">x</a>',  # '>' inside a quoted value does not end the tag
    "<a href='/single/' title=\"it's\">s</a><img src=/bare.png alt=x>",
    '<p title="href=/not-a-link">text</p>',  # href inside another attribute's value
    '<a data-href="/no/" HREF="/upper/">u</a>',
    '<a href="/q?a=1&amp;b=2">amp</a>',  # character references resolved, as html.parser does
    '<!-- <a href="/commented/">c</a> -->',
    '<script type="application/json">{"x": "<a href=\\"/in-json/\\">"}</script><script src="/s.js"></script>',
    '<style>a[href="/in-css/"] {}</style>',
    '<pre><code>&lt;a href="/escaped/"&gt;</code></pre> text href="/in-text/"',
    '<a\nhref="/newline/"\n>n</a><a href="">empty</a><a href>none</a>',
]


def test_the_fast_link_reader_agrees_with_html_parser_on_tricky_markup() -> None:
    for html in TRICKY:
        assert all_links(html) == reference_links(html), html


def test_the_fast_link_reader_agrees_with_html_parser_on_every_page_of_the_example(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert all_links(html) == reference_links(html), page


def test_a_broken_link_in_a_newsletter_is_found_with_its_line(small_site: Path) -> None:
    newsletter = small_site / "content/authorities/testshire/newsletters/2019-04.md"
    newsletter.write_text(newsletter.read_text() + '\nRead <a title="a > b" href="/nowhere/">this</a>.\n')
    result = build(small_site)
    assert result.exit_code == 1
    assert "2019-04.md, line 10: the link '/nowhere/'" in result.output
