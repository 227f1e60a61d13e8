"""Newsletters as newsletters: masthead, figures at a glance, issues in order, lists, Atom feeds, e-mail pages."""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.build.computing import compute
from pace_site.build.options import BuildOptions
from pace_site.build.reading import read_site
from pace_site.commands.cli import cli
from pace_site.read.issues import issue_numbers

ROOT = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"
NEWSLETTER = "content/authorities/testshire/newsletters/2019-04.md"
SECOND = "content/authorities/testshire/newsletters/2019-06.md"


def options_for(root: Path) -> BuildOptions:
    return BuildOptions(root / "content", root / "data", root / "site")


def example_newsletters() -> list[tuple[str, str]]:
    """(authority slug, newsletter slug) of every example newsletter, from the content folder itself."""
    return sorted((p.parent.parent.name, p.stem) for p in (ROOT / "content/authorities").glob("*/newsletters/*.md"))


class _Elements(HTMLParser):
    """Every element's tag, attributes and the text inside it (nested text included)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.found.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in ("meta", "link", "br", "img", "input"):
            self.open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag not in ("meta", "link", "br", "img", "input"):
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for text in self.open:
            text.append(data)


def elements(path: Path) -> list[tuple[str, dict[str, str], str]]:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return [(tag, attrs, " ".join("".join(text).split())) for tag, attrs, text in parser.found]


def with_class(path: Path, name: str) -> list[tuple[str, dict[str, str], str]]:
    return [e for e in elements(path) if name in e[1].get("class", "").split()]


def parse_feed(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def resolve(base: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), href))
    return target + "/index.html" if href.endswith("/") else target


# --- Atom feeds ---------------------------------------------------------------------------------

def feed_paths(site: Path) -> list[Path]:
    return [site / "newsletters/feed.xml"] + sorted(site.glob("authorities/*/newsletters/feed.xml"))


def test_every_feed_is_atom_with_its_required_elements_and_entries_newest_first(example_site: Path) -> None:
    assert len(feed_paths(example_site)) == 1 + len(list((ROOT / "content/authorities").glob("*/authority.md")))
    for path in feed_paths(example_site):
        feed = parse_feed(path)
        assert feed.tag == f"{A}feed", path
        for tag in ("id", "title", "updated"):
            assert (feed.findtext(f"{A}{tag}") or "").strip(), f"{path}: no {tag}"
        assert feed.find(f"{A}author/{A}name") is not None
        self_link = [link for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
        assert len(self_link) == 1 and self_link[0].get("href") == "feed.xml", path
        entries = feed.findall(f"{A}entry")
        dates = []
        for entry in entries:
            for tag in ("id", "title", "updated", "summary"):
                assert (entry.findtext(f"{A}{tag}") or "").strip(), f"{path}: an entry has no {tag}"
            dates.append(datetime.strptime(entry.findtext(f"{A}updated") or "", "%Y-%m-%dT%H:%M:%SZ"))
            link = entry.find(f"{A}link")
            assert link is not None and link.get("rel") == "alternate"
            page = resolve(path.relative_to(example_site).as_posix(), link.get("href") or "")
            assert (example_site / page).is_file(), f"{path}: the entry links to {page}, which is not in the site"
        assert dates == sorted(dates, reverse=True), f"{path}: entries not newest first"
        if dates:
            assert feed.findtext(f"{A}updated") == max(dates).strftime("%Y-%m-%dT%H:%M:%SZ")
        ids = [e.findtext(f"{A}id") for e in entries] + [feed.findtext(f"{A}id")]
        assert len(set(ids)) == len(ids), f"{path}: ids are not unique"
        assert all(i and i.startswith("tag:pace@celcis.example.org,") for i in ids), ids


def test_the_site_feed_has_every_newsletter_and_each_authority_feed_its_own(example_site: Path) -> None:
    site_feed = parse_feed(example_site / "newsletters/feed.xml")
    assert len(site_feed.findall(f"{A}entry")) == len(example_newsletters())
    for authority in {a for a, _ in example_newsletters()}:
        feed = parse_feed(example_site / f"authorities/{authority}/newsletters/feed.xml")
        hrefs = sorted((e.find(f"{A}link").get("href") or "").strip("/") for e in feed.findall(f"{A}entry"))  # type: ignore[union-attr]
        assert hrefs == sorted(n for a, n in example_newsletters() if a == authority)


def test_pages_announce_the_feeds_in_their_head(example_site: Path) -> None:
    def feeds_of(page: str) -> list[str]:
        return [resolve(page, attrs["href"]) for tag, attrs, _ in elements(example_site / page)
                if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == "application/atom+xml"]

    assert feeds_of("index.html") == ["newsletters/feed.xml"]
    assert feeds_of("authorities/midlothian/newsletters/2018-04/index.html") == [
        "newsletters/feed.xml", "authorities/midlothian/newsletters/feed.xml"]


def site_with_second_issue(small_site: Path, front_matter: str = "") -> Path:
    (small_site / SECOND).write_text(f"---\ntitle: Testshire newsletter, summer 2019\ndate: 2019-06-28\n{front_matter}"
                                     "summary: Our second newsletter.\n---\n## News\n\nMore.\n", encoding="utf-8")
    return small_site


def test_with_the_site_url_feeds_use_absolute_addresses(small_site: Path) -> None:
    config = small_site / "content/site.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nurl: https://pace.example.org/reports\n",
                      encoding="utf-8")
    run = CliRunner().invoke(cli, ["build", "--content", str(small_site / "content"),
                                   "--data", str(small_site / "data"), "--out", str(small_site / "site")])
    assert run.exit_code == 0, run.output
    feed = parse_feed(small_site / "site/authorities/testshire/newsletters/feed.xml")
    assert feed.findtext(f"{A}id") == "https://pace.example.org/reports/authorities/testshire/newsletters/"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links["self"] == "https://pace.example.org/reports/authorities/testshire/newsletters/feed.xml"
    entry = feed.find(f"{A}entry")
    assert entry is not None
    assert entry.findtext(f"{A}id") == "https://pace.example.org/reports/authorities/testshire/newsletters/2019-04/"
    email = (small_site / "site/authorities/testshire/newsletters/2019-04/email.html").read_text(encoding="utf-8")
    assert 'href="https://pace.example.org/reports/authorities/testshire/newsletters/2019-04/"' in email


@pytest.mark.parametrize("url", ["javascript:alert(1)", "pace.example.org", "ftp://pace.example.org/",
                                 "https://pace.example.org/?next=evil"])
def test_a_site_url_that_is_not_an_address_is_refused(small_site: Path, url: str) -> None:
    config = small_site / "content/site.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nurl: '{url}'\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["check", "--content", str(small_site / "content"),
                                   "--data", str(small_site / "data")])
    assert run.exit_code == 1 and "site.yml" in run.output and "expected 'url' to be the site's address" in run.output


def test_hostile_newsletter_text_cannot_break_the_feed_or_the_pages(small_site: Path) -> None:
    hostile = '"Issue </title><script>alert(1)</script> & ]]> \\x01\\x0b done"'
    path = small_site / NEWSLETTER
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("title: Testshire newsletter, spring 2019", f"title: {hostile}")
                    .replace("summary: Our first newsletter.", f"summary: {hostile}"), encoding="utf-8")
    run = CliRunner().invoke(cli, ["build", "--content", str(small_site / "content"),
                                   "--data", str(small_site / "data"), "--out", str(small_site / "site")])
    assert run.exit_code == 0, run.output
    for feed in ("newsletters/feed.xml", "authorities/testshire/newsletters/feed.xml"):
        entry = parse_feed(small_site / "site" / feed).find(f"{A}entry")
        assert entry is not None
        assert entry.findtext(f"{A}title") == "Issue </title><script>alert(1)</script> & ]]>  done"
    for page in ("authorities/testshire/newsletters/2019-04/index.html",
                 "authorities/testshire/newsletters/2019-04/email.html",
                 "newsletters/index.html", "authorities/testshire/newsletters/index.html"):
        assert "<script>alert" not in (small_site / "site" / page).read_text(encoding="utf-8"), page


# --- Issue numbers ------------------------------------------------------------------------------

def test_issues_are_numbered_in_date_order_or_from_the_authors_number(small_site: Path) -> None:
    site = read_site(options_for(site_with_second_issue(small_site)))
    assert issue_numbers(site.content.authorities[0]) == {"2019-04": 1, "2019-06": 2}
    path = small_site / NEWSLETTER
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2019-04-30", "date: 2019-04-30\nissue: 12"),
                    encoding="utf-8")
    assert issue_numbers(read_site(options_for(small_site)).content.authorities[0]) == {"2019-04": 12, "2019-06": 13}


@pytest.mark.parametrize("issue, message", [
    ("1", "2019-06.md, line 4: issue 1 comes after issue 1 (2019-04.md, 2019-04-30)"),
    ("2.5", "2019-06.md, line 4: expected 'issue' to be a whole number, such as 12, found '2.5'"),
    ("next", "2019-06.md, line 4: expected 'issue' to be a number from 1 to 100000, found 'next'"),
    ("0", "2019-06.md, line 4: expected 'issue' to be a number from 1 to 100000, found '0'"),
])
def test_a_wrong_issue_number_is_refused_with_its_file_and_line(small_site: Path, issue: str, message: str) -> None:
    site_with_second_issue(small_site, f"issue: {issue}\n")
    run = CliRunner().invoke(cli, ["check", "--content", str(small_site / "content"),
                                   "--data", str(small_site / "data")])
    assert run.exit_code == 1 and message in run.output, run.output


# --- The newsletter pages -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_reports():  # type: ignore[no-untyped-def]
    return compute(read_site(BuildOptions(ROOT / "content", ROOT / "data", ROOT / "unused"))).reports


@pytest.mark.parametrize("authority, slug", example_newsletters())
def test_every_newsletter_has_a_masthead_and_the_published_figures_at_a_glance(
        example_site: Path, example_reports, authority: str, slug: str) -> None:  # type: ignore[no-untyped-def]
    page = example_site / f"authorities/{authority}/newsletters/{slug}/index.html"
    masthead = with_class(page, "masthead")
    assert masthead, "no masthead"
    name = next(text for _, _, text in with_class(page, "masthead__authority"))
    issue = next(text for _, _, text in with_class(page, "masthead__issue"))
    assert name and name in masthead[0][2]
    month = datetime.strptime(slug, "%Y-%m").strftime("%B %Y")
    assert re.fullmatch(rf"Issue \d+ · {month}", issue), issue
    # Every aim's figures exactly as its progress lines publish them: no other number, [c] stays [c].
    reports = example_reports[authority].newsletters[slug]
    shown = [(e[1]["id"], e[2]) for e in elements(page)
             if e[1].get("id", "").startswith("glance-") and e[0] == "section"]
    assert [s[0] for s in shown] == [f"glance-{r.aim.id}" for r in reports]
    boxes = re.findall(r'<div class="glance__figure[^"]*"><dt>(.*?)</dt><dd>(.*?)</dd></div>',
                       page.read_text(encoding="utf-8"))
    expected = [(label, value) for r in reports for label, value in r.progress_lines]
    assert [(html.unescape(label), html.unescape(value)) for label, value in boxes] == expected
    assert any(r.progress_lines for r in reports), "no figures to show"


def test_issues_link_to_the_previous_and_next_where_they_exist(example_site: Path) -> None:
    for authority in {a for a, _ in example_newsletters()}:
        slugs = sorted(n for a, n in example_newsletters() if a == authority)
        for index, slug in enumerate(slugs):
            page = f"authorities/{authority}/newsletters/{slug}/index.html"
            links = {attrs["rel"]: resolve(page, attrs["href"]) for tag, attrs, _ in elements(example_site / page)
                     if tag == "a" and attrs.get("rel") in ("prev", "next")}
            expected = {}
            if index > 0:
                expected["prev"] = f"authorities/{authority}/newsletters/{slugs[index - 1]}/index.html"
            if index + 1 < len(slugs):
                expected["next"] = f"authorities/{authority}/newsletters/{slugs[index + 1]}/index.html"
            assert links == expected, page


def test_the_archives_and_the_latest_list_have_every_newsletter_newest_first(example_site: Path) -> None:
    latest = "newsletters/index.html"
    titles = [e for e in elements(example_site / latest) if e[0] == "a" and "/newsletters/20" in e[1].get("href", "")]
    listed = [resolve(latest, attrs["href"]) for _, attrs, _ in titles]
    expected = {f"authorities/{a}/newsletters/{n}/index.html" for a, n in example_newsletters()}
    assert set(listed) == expected and len(listed) == len(expected)
    months = [datetime.strptime(p.split("/")[3], "%Y-%m") for p in listed]
    assert months == sorted(months, reverse=True)
    summaries = [text for _, _, text in with_class(example_site / latest, "issue-list__summary")]
    assert len(summaries) == len(expected) and all(summaries)
    assert len(with_class(example_site / latest, "issue-list__authority")) == len(expected)
    for authority in {a for a, _ in example_newsletters()}:
        archive = f"authorities/{authority}/newsletters/index.html"
        links = [resolve(archive, attrs["href"]) for tag, attrs, _ in elements(example_site / archive)
                 if tag == "a" and re.match(r"^\d{4}-\d{2}/$", attrs.get("href", ""))]
        assert links == [f"authorities/{authority}/newsletters/{n}/index.html"
                         for n in sorted((n for a, n in example_newsletters() if a == authority), reverse=True)]


def test_an_email_links_a_long_table_to_the_web_page_and_its_csv_instead_of_carrying_it(
        example_site: Path, example_reports) -> None:  # type: ignore[no-untyped-def]
    """Gmail cuts off a message over 102 KB: a table of one row per child goes by link."""
    linked = 0
    for authority, slug in example_newsletters():
        path = f"authorities/{authority}/newsletters/{slug}/email.html"
        email = (example_site / path).read_text(encoding="utf-8")
        hrefs = {resolve(path, target) + (f"#{fragment}" if fragment else "")
                 for tag, attrs, _ in elements(example_site / path) if tag == "a"
                 for target, _, fragment in [attrs["href"].partition("#")]}
        assert max(len(table.split("<tr")) - 2 for table in re.findall(r"<table.*?</table>", email, re.S)) <= 20
        for chart in (chart for report in example_reports[authority].newsletters[slug] for chart in report.charts):
            if len(chart.table_rows) > 20:
                linked += 1
                assert {chart.csv_path, f"authorities/{authority}/newsletters/{slug}/index.html#{chart.id}"} <= hrefs
                assert (example_site / chart.csv_path).is_file()
        assert len(email.encode("utf-8")) < 102_000
    assert linked > 5


@pytest.mark.parametrize("authority, slug", example_newsletters())
def test_the_email_page_is_linked_and_has_no_script_and_every_chart_in_words(
        example_site: Path, example_reports, authority: str, slug: str) -> None:  # type: ignore[no-untyped-def]
    folder = example_site / f"authorities/{authority}/newsletters/{slug}"
    page = folder / "index.html"
    assert "email.html" in [attrs.get("href") for tag, attrs, _ in elements(page) if tag == "a"]
    email = folder / "email.html"
    assert "<script" not in email.read_text(encoding="utf-8").lower()
    tags = elements(email)
    assert not [t for t in tags if t[0] in ("script", "img", "iframe", "object", "svg")]
    assert not [t for t in tags if t[0] == "link"], "an e-mail cannot load a stylesheet"
    assert not [a for t, a, _ in tags if any(k.startswith("on") for k in a)]
    text = " ".join(t[2] for t in tags if t[0] == "body")
    for report in example_reports[authority].newsletters[slug]:
        for chart in report.charts:
            assert chart.summary in text, chart.id
        for label, value in report.progress_lines:
            assert f"{value} {label}" in text
