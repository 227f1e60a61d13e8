"""The change ideas library and communities of practice, as a practitioner browses them without JavaScript:
plain index pages, community pages, the evidence on idea pages, webinars, the glossary and key learning."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click import ClickException

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def options(root: Path) -> BuildOptions:
    return BuildOptions(root / "content", root / "data", root / "site")


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def figures(html: str) -> list[tuple[tuple[str, str], ...]]:
    """Each list of headline figures on a page, as (label, value) pairs."""
    return [tuple(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.S))
            for block in re.findall(r'<dl class="aim__figures[^"]*">(.*?)</dl>', html, re.S)]


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def linked_pages(site: Path, path: str) -> set[str]:
    """The site paths (folder/) that the main part of a page links to."""
    parser = _Links()
    parser.feed(main_of(page(site, path)))
    found = set()
    for href in parser.links:
        if "://" in href or href.startswith(("#", "mailto:")):
            continue
        target = (site / path / href.split("#")[0]).resolve()
        found.add(target.relative_to(site.resolve()).as_posix() + "/")
    return found


def idea_slugs() -> set[str]:
    return {p.stem for p in (ROOT / "content/change-ideas").glob("*.md")}


def test_every_change_idea_is_reachable_from_the_plain_indexes(example_site: Path) -> None:
    assert "change-ideas/browse/" in linked_pages(example_site, "change-ideas")
    indexes = {p for p in linked_pages(example_site, "change-ideas/browse")
               if re.fullmatch(r"change-ideas/[a-z]+/[a-z0-9-]+/", p)}
    facets = {p.split("/")[1] for p in indexes}
    assert facets == {"aims", "themes", "authorities", "communities"}
    reached: dict[str, set[str]] = {facet: set() for facet in facets}
    for index in indexes:
        html = page(example_site, index)
        assert "<script" not in main_of(html) and "data-idea-filter" not in html, f"{index} is a plain list"
        reached[index.split("/")[1]] |= {p.split("/")[1] for p in linked_pages(example_site, index)
                                         if re.fullmatch(r"change-ideas/[a-z0-9-]+/", p)
                                         and p.split("/")[1] not in facets | {"browse"}}
    assert reached["aims"] == idea_slugs(), "every idea has a national aim"
    assert reached["themes"] | reached["authorities"] | reached["communities"] <= idea_slugs()
    assert reached["communities"] == reached["authorities"], (
        "an idea tested by an authority is in its communities' lists")


def test_each_community_has_a_page_with_its_members_aims_ideas_and_learning(example_site: Path) -> None:
    listing = linked_pages(example_site, "communities")
    assert {"communities/islands/", "communities/data-leads/"} <= listing
    islands = main_of(page(example_site, "communities/islands"))
    for name in ("Shetland", "Selkie Isles", "Machair Isles"):
        assert name in islands
    assert "Midlothian" not in islands
    assert "Local aims side by side" in islands and "<table" in islands
    assert "Without data it can just be someone with an opinion" in islands, "Shetland's learning point"
    data_leads = main_of(page(example_site, "communities/data-leads"))
    assert "Machair Isles" in data_leads and "Midlothian" in data_leads, "an authority may belong to two communities"


def test_community_figures_are_the_figures_the_authority_page_publishes(example_site: Path) -> None:
    community = main_of(page(example_site, "communities/data-leads"))
    authority = main_of(page(example_site, "authorities/midlothian"))
    published = figures(authority)
    assert published and all(block in figures(community) for block in published)


def test_an_idea_tested_by_midlothian_shows_midlothians_published_figures(example_site: Path) -> None:
    idea = main_of(page(example_site, "change-ideas/two-week-review"))
    section = idea[idea.index('id="tested-midlothian"'):]
    section = section[:section.index("</section>")]
    poster = main_of(page(example_site, "authorities/midlothian/poster"))
    glance = re.search(r'<dl class="poster__figures poster__figures--results">(.*?)</dl>', poster, re.S).group(1)
    shown = [value for _, value in figures(section)[0]]
    assert shown and all(f"<dd>{value}</dd>" in glance for value in shown if value != "75%"), \
        "as at the latest publication presenting the idea: the poster's own figures"
    assert "32" in section and "95%" in section and "80%" in section
    assert re.search(r'href="[./]*authorities/midlothian/poster/#aim-decision-7-5-months"', section)
    assert re.search(r'href="[./]*authorities/midlothian/newsletters/2018-04/"', section)
    assert "Presented in newsletter of April 2018, poster of September 2018" in section


def test_webinars_are_a_field_shown_on_the_idea_and_its_aims_index(example_site: Path) -> None:
    for path in (ROOT / "content/change-ideas").glob("*.md"):
        assert "Related webinars" not in path.read_text(), f"{path.name} still has free-text webinars"
    idea = main_of(page(example_site, "change-ideas/two-week-review"))
    assert re.search(r'<h2 id="webinars">Webinars</h2>\s*<ul class="item-list">\s*<li>Aim 2', idea)
    aim_2 = main_of(page(example_site, "change-ideas/aims/2"))
    assert "Integrated Assessment Framework" in aim_2 and "two-week-review" in aim_2


def test_glossary_has_an_a_to_z_and_terms_are_marked_once_outside_headings_and_links(example_site: Path) -> None:
    glossary = main_of(page(example_site, "glossary"))
    letters = re.findall(r'<a href="#letter-([a-z])">', glossary)
    assert letters == sorted(letters) and {"a", "p"} <= set(letters)
    newsletter = main_of(page(example_site, "authorities/eastburgh/newsletters/2019-10"))
    marked = re.findall(r'<a class="glossary-term" href="[./]*glossary/#([a-z0-9-]+)" title="[^"]+">', newsletter)
    assert marked and len(marked) == len(set(marked)), "each term is marked at its first use only"
    for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", newsletter, re.S):
        assert "glossary-term" not in heading


def test_learning_points_have_pages_and_link_to_their_source(example_site: Path) -> None:
    point = main_of(page(example_site, "learning/data-not-opinion"))
    assert re.search(r'Source: <a href="[./]*authorities/shetland/poster/">Shetland PACE poster: conclusions and key '
                     r'learning points</a>', point)
    by_source = main_of(page(example_site, "learning/sources"))
    assert "PACE programme report" in by_source
    assert "Shetland PACE poster: conclusions and key learning points" in by_source
    learned = {p.stem for p in (ROOT / "content/learning").glob("*.md")}
    assert {p.split("/")[1] for p in linked_pages(example_site, "learning/sources") if p.count("/") == 2} >= learned


def test_search_index_and_the_search_pages_content_security_policy(example_site: Path) -> None:
    assert (example_site / "pagefind/pagefind-ui.js").is_file() and (example_site / "pagefind/pagefind.js").is_file()
    assert list((example_site / "pagefind/fragment").iterdir())
    search = page(example_site, "search")
    other = page(example_site, "change-ideas")
    assert "'wasm-unsafe-eval'" in search and "connect-src 'self'" in search
    assert "'wasm-unsafe-eval'" not in other and "connect-src 'none'" in other
    assert "https://" not in re.search(r'Content-Security-Policy" content="([^"]+)"', search).group(1)
    assert "Search needs JavaScript" in search
    idea = page(example_site, "change-ideas/scra-notice-before-birth")
    assert "data-pagefind-body" in idea and 'data-pagefind-filter="kind:Change idea"' in idea
    assert 'data-pagefind-filter="status:Testing"' in idea and 'data-pagefind-filter="authority:Eastburgh"' in idea
    assert "data-pagefind-body" not in page(example_site, "change-ideas/browse"), "lists are not search results"


def test_every_page_marked_for_search_is_in_the_index(example_site: Path) -> None:
    """Pagefind reads only index.html files (search.py): no page marked for search may be named otherwise."""
    marked = [path for path in example_site.rglob("*.html") if "data-pagefind-body" in path.read_text()]
    entry = json.loads((example_site / "pagefind/pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(marked) > 50


def test_a_failing_search_index_leaves_the_previous_site(small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(options(small_site))
    before = (small_site / "site/index.html").read_bytes()
    (small_site / "content/pages/about.md").write_text("---\ntitle: About us now\n---\nChanged.\n")
    broken = small_site / "pagefind-broken"
    broken.write_text("#!/bin/sh\necho 'index exploded' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr("pace_site.write.search.pagefind_binary", lambda: broken)
    with pytest.raises(ClickException, match="index exploded"):
        build(options(small_site))
    assert (small_site / "site/index.html").read_bytes() == before
    assert "About us now" not in (small_site / "site/about/index.html").read_text()
    assert not [p for p in small_site.iterdir() if p.name.startswith(".site-new-")], "no staging folder left behind"


def test_communities_as_a_list_or_under_communities(small_site: Path) -> None:
    profile = small_site / "content/authorities/testshire/authority.md"
    text = profile.read_text()
    profile.write_text(text.replace("community: data-leads", "communities: [islands, data-leads]"))
    build(options(small_site))
    assert "Testshire" in page(small_site / "site", "communities/islands")
    assert "Testshire" in page(small_site / "site", "communities/data-leads")
    profile.write_text(text.replace("community: data-leads", "community: [islands]"))
    build(options(small_site))
    assert "Testshire" in page(small_site / "site", "communities/islands")


@pytest.mark.parametrize("front, message, line", [
    ("community: data-leads\ncommunities: [islands]", "either 'community' or 'communities'", 4),
    ("community: [islands, nowhere]", "unknown community of practice 'nowhere'", 3),
    ("community: []", "expected 'community' to name at least one", 3),
    ("communities:", "the field 'communities' is required", 3),
])
def test_bad_communities_are_refused_with_their_line(small_site: Path, front: str, message: str, line: int) -> None:
    profile = small_site / "content/authorities/testshire/authority.md"
    profile.write_text(profile.read_text().replace("community: data-leads", front))
    with pytest.raises(ClickException, match=re.escape(message)) as error:
        build(options(small_site))
    assert f"authority.md, line {line}: " in str(error.value)
    assert not (small_site / "site").exists()


IDEA_HEAD = ("---\ntitle: A two week review\naims: [2]\nthemes: [planning-meetings]\nauthorities: [testshire]\n"
             "status: adopted\n")


@pytest.mark.parametrize("extra, message", [
    ("webinars:\n  - title: Aim 2\n    link: javascript:alert(1)\n", "expected 'link' to be a site address"),
    ("webinars:\n  - link: /about/\n", "the field 'title' is required"),
    ("webinars:\n  - title: Gone\n    link: /no-such-page/\n", "goes to no page or file of the site"),
    ("tested:\n  - authority: elsewhere\n    status: adopted\n", "'tested' names 'elsewhere'"),
    ("tested:\n  - authority: testshire\n    status: finished\n", "unknown status 'finished'"),
])
def test_bad_webinars_and_trials_are_refused(small_site: Path, extra: str, message: str) -> None:
    (small_site / "content/change-ideas/two-week-review.md").write_text(IDEA_HEAD + extra + "---\nBody.\n")
    with pytest.raises(ClickException, match=re.escape(message)):
        build(options(small_site))


def test_an_authoritys_own_status_and_dates_for_an_idea(small_site: Path) -> None:
    (small_site / "content/change-ideas/two-week-review.md").write_text(
        IDEA_HEAD + "tested:\n  - authority: testshire\n    status: abandoned\n    started: 2018-03-01\n"
        "    ended: 2018-09-30\nwebinars:\n  - title: Reviews <b>live</b>\n    date: 2019-02-01\n    link: /about/\n"
        "---\nBody.\n")
    build(options(small_site))
    idea = main_of(page(small_site / "site", "change-ideas/two-week-review"))
    tested = idea[idea.index('id="tested-testshire"'):]
    assert "tag--abandoned" in tested and "Tested from March 2018 to September 2018" in tested
    assert "Reviews &lt;b&gt;live&lt;/b&gt;" in idea and "1 February 2019" in idea


def test_learning_source_link_must_be_a_page_of_the_site(small_site: Path) -> None:
    point = "---\ntitle: A lesson\ntheme: data\nsource: Our poster\nsource_link: {}\n---\nText.\n"
    write(small_site, {"content/learning/a-lesson.md": point.format("https://example.org/")})
    with pytest.raises(ClickException, match="an address on this site starting with '/'"):
        build(options(small_site))
    write(small_site, {"content/learning/a-lesson.md": point.format("/authorities/testshire/poster/")})
    build(options(small_site))
    assert re.search(r'Source: <a href="\.\./\.\./authorities/testshire/poster/">Our poster</a>',
                     page(small_site / "site", "learning/a-lesson"))


@pytest.mark.parametrize("slug", ["search", "communities", "pagefind"])
def test_a_free_page_cannot_take_the_search_or_community_addresses(small_site: Path, slug: str) -> None:
    write(small_site, {f"content/pages/{slug}.md": "---\ntitle: Mine\n---\nText.\n"})
    with pytest.raises(ClickException, match="already an address of the site"):
        build(BuildOptions(small_site / "content", small_site / "data", small_site / "site"))


def test_hostile_titles_and_text_stay_text_in_the_library_and_search_filters(small_site: Path) -> None:
    (small_site / "content/change-ideas/two-week-review.md").write_text(
        "---\ntitle: 'A \"quoted\" <b onmouseover=x()>idea</b>: with colon'\naims: [2]\nthemes: [planning-meetings]\n"
        "authorities: [testshire]\nstatus: adopted\n---\n"
        "Text \"><script>alert(1)</script> and <img src=/files/x.png onerror=y()> end.\n")
    profile = small_site / "content/authorities/testshire/authority.md"
    profile.write_text(profile.read_text().replace("name: Testshire", "name: 'Test\"shire: <i>x</i>'"))
    (small_site / "content/files").mkdir(exist_ok=True)
    (small_site / "content/files/x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))  # a PNG's signature
    build(options(small_site))
    site = small_site / "site"
    library = page(site, "change-ideas")
    assert "<script>alert" not in library and "onmouseover=x()>" not in library and "onerror" not in library
    assert 'data-text="Text “&gt; and end."' in library, "the idea's words only, as an escaped attribute"
    idea = page(site, "change-ideas/two-week-review")
    assert 'data-pagefind-filter="authority:Test&#34;shire: &lt;i&gt;x&lt;/i&gt;"' in idea
    assert "<b onmouseover" not in idea
