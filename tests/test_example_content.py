"""The example content tells the truth: illustrative pages say so, and what claims a source matches it.

What the tests check the example's wording against is quoted from the source documents in tests/fixtures/seeds
(see its README): each file's first line names its source, the rest is the source's own text.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import yaml

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
REPORT = "pace-programme-report-2020.txt"
NOTICE = re.compile(r'<main[^>]*>\s*'
                    r'<div class="example-notice" role="note" aria-labelledby="example-notice-title"[^>]*>\s*'
                    r'<p[^>]*><strong id="example-notice-title"[^>]*>Illustrative example</strong>')


def seed(name: str) -> str:
    """The quoted text of a source document, without the first line that names the source."""
    path = SEEDS / name
    header, _, text = path.read_text(encoding="utf-8").partition("\n")
    assert header.startswith("Source: ") and text, f"{path}: its first line must name its source"
    return text


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1]) or {}


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def flagged(path: Path) -> bool:
    return front_matter(path).get("example") is True


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_of(path: Path) -> str:
    return one_line(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


def charts_example_data(path: Path, example_authorities: set[str]) -> bool:
    """Whether a chart block in the file charts an example authority's data (`all`: any authority's)."""
    named = set(re.findall(r"^authority: *(\S+)", body(path), re.M))
    return bool(named & example_authorities) or ("all" in named and bool(example_authorities))


def expected_example_pages(content: Path) -> dict[str, bool]:
    """Which built page should carry the notice, worked out from the content files alone."""
    if yaml.safe_load((content / "site.yml").read_text()).get("example") is True:
        return {}  # every page: checked separately
    pages: dict[str, bool] = {}
    all_newsletters, all_authorities = [], []
    for folder in sorted(p for p in (content / "authorities").iterdir() if p.is_dir()):
        authority = flagged(folder / "authority.md")
        all_authorities.append(authority)
        base = f"authorities/{folder.name}"
        pages[f"{base}/index.html"] = authority
        if (folder / "poster.md").is_file():
            pages[f"{base}/poster/index.html"] = authority or flagged(folder / "poster.md")
        letters = [(p.stem, authority or flagged(p)) for p in sorted((folder / "newsletters").glob("*.md"))]
        pages.update({f"{base}/newsletters/{slug}/index.html": example for slug, example in letters})
        pages.update({f"{base}/newsletters/{slug}/email.html": example for slug, example in letters})
        pages[f"{base}/newsletters/index.html"] = authority or any(e for _, e in letters)
        all_newsletters += [e for _, e in letters]
    example_authorities = {folder.name for folder in (content / "authorities").iterdir()
                           if folder.is_dir() and flagged(folder / "authority.md")}
    ideas = {p.stem: (front_matter(p), flagged(p)) for p in (content / "change-ideas").glob("*.md")}
    # An idea's page shows the figures of the authorities that tested it: invented ones make it illustrative.
    pages.update({f"change-ideas/{slug}/index.html":
                  example or bool(set(meta.get("authorities", [])) & example_authorities)
                  for slug, (meta, example) in ideas.items()})
    pages["change-ideas/index.html"] = any(example for _, example in ideas.values())
    pages["change-ideas/browse/index.html"] = False  # the names of the indexes only
    for theme in {t for meta, _ in ideas.values() for t in meta.get("themes", [])}:
        pages[f"change-ideas/themes/{theme}/index.html"] = any(e for meta, e in ideas.values()
                                                               if theme in meta["themes"])
    for aim in {str(a) for meta, _ in ideas.values() for a in meta.get("aims", [])}:
        pages[f"change-ideas/aims/{aim}/index.html"] = any(e for meta, e in ideas.values()
                                                          if aim in {str(a) for a in meta["aims"]})
    members: dict[str, set[str]] = {}
    for folder in (p for p in (content / "authorities").iterdir() if p.is_dir()):
        meta = front_matter(folder / "authority.md")
        for community in meta.get("communities") or ([meta["community"]] if isinstance(meta.get("community"), str)
                                                      else meta.get("community", [])):
            members.setdefault(community, set()).add(folder.name)
    for slug in {a for meta, _ in ideas.values() for a in meta.get("authorities", [])}:
        pages[f"change-ideas/authorities/{slug}/index.html"] = any(e for meta, e in ideas.values()
                                                                  if slug in meta.get("authorities", []))
    for community, slugs in members.items():
        shared = [e for meta, e in ideas.values() if slugs & set(meta.get("authorities", []))]
        if shared:
            pages[f"change-ideas/communities/{community}/index.html"] = any(shared)
        pages[f"communities/{community}/index.html"] = bool(slugs & example_authorities) or any(shared)
    pages["communities/index.html"] = bool(example_authorities)
    learning = {p.stem: flagged(p) for p in (content / "learning").glob("*.md")}
    pages.update({f"learning/{slug}/index.html": example for slug, example in learning.items()})
    pages["learning/index.html"] = pages["learning/sources/index.html"] = any(learning.values())
    pages["search/index.html"] = False
    posters = {folder.name: (front_matter(folder / "poster.md").get("event") or "posters not shown at a named event",
                             flagged(folder / "authority.md") or flagged(folder / "poster.md"))
               for folder in (content / "authorities").iterdir() if (folder / "poster.md").is_file()}
    for event in {e for e, _ in posters.values()}:
        slug = re.sub(r"[^a-z0-9]+", "-", event.lower()).strip("-")
        pages[f"gathering-pace/{slug}/index.html"] = any(x for e, x in posters.values() if e == event)
    pages["gathering-pace/index.html"] = any(x for _, x in posters.values())
    pages.update({f"{p.stem}/index.html": flagged(p) or charts_example_data(p, example_authorities)
                  for p in (content / "pages").glob("*.md")})
    # A report is illustrative when flagged, or when a chart block in it charts an example authority (or `all`).
    reports = {p.stem: flagged(p) or charts_example_data(p, example_authorities)
               for p in (content / "reports").glob("*.md")}
    pages.update({f"reports/{slug}/index.html": example for slug, example in reports.items()})
    pages["reports/index.html"] = any(reports.values())
    pages["glossary/index.html"] = False
    pages["national/index.html"] = pages["authorities/index.html"] = any(all_authorities)
    pages["newsletters/index.html"] = any(all_newsletters)
    pages["index.html"] = any(all_authorities) or any(all_newsletters)
    return pages


def pages_with_notice(site: Path) -> dict[str, bool]:
    return {str(p.relative_to(site)): bool(NOTICE.search(p.read_text(encoding="utf-8"))) for p in site.rglob("*.html")}


def test_every_page_built_from_example_content_carries_the_notice_and_no_other_does(example_site: Path) -> None:
    expected = expected_example_pages(ROOT / "content")
    found = pages_with_notice(example_site)
    assert sorted(found) == sorted(expected), "a page type the test does not know: say whether it is example material"
    wrong = {page: has for page, has in found.items() if has != expected[page]}
    assert wrong == {}, "True: carries the notice but should not; False: lacks it"
    # The example really does both: most pages are illustrative, the ones taken faithfully from the seeds are not.
    assert found["authorities/midlothian/poster/index.html"] and found["national/index.html"]
    assert found["change-ideas/two-week-review/index.html"]  # it shows Midlothian's (example) figures
    assert not found["change-ideas/court-timescales-process-map/index.html"] and not found["glossary/index.html"]


def test_the_notice_says_what_is_illustrative(example_site: Path) -> None:
    text = text_of(example_site / "authorities/highland/poster/index.html")
    assert "Illustrative example This page is built from example material, for demonstration." in text
    assert "Any figures on it come from invented data" in text and "does not report any council's real results" in text


def test_the_flags_put_the_notice_only_where_the_example_material_is(small_site: Path) -> None:
    newsletter = small_site / "content/authorities/testshire/newsletters/2019-04.md"
    newsletter.write_text(newsletter.read_text().replace("---\n", "---\nexample: true\n", 1))
    build(BuildOptions(small_site / "content", small_site / "data", small_site / "site"))
    marked = {page for page, has in pages_with_notice(small_site / "site").items() if has}
    assert marked == {"authorities/testshire/newsletters/2019-04/index.html",
                      "authorities/testshire/newsletters/index.html",
                      "authorities/testshire/newsletters/2019-04/email.html",  # its e-mail version too
                      "newsletters/index.html", "index.html"}  # the newsletter, and the lists that show its summary

    site_yml = small_site / "content/site.yml"
    site_yml.write_text(site_yml.read_text().replace("example: false", "example: true"))
    build(BuildOptions(small_site / "content", small_site / "data", small_site / "site"))
    assert all(pages_with_notice(small_site / "site").values())


def test_a_real_site_without_any_flag_carries_no_notice(small_site: Path) -> None:
    site_yml = small_site / "content/site.yml"
    site_yml.write_text(site_yml.read_text().replace("example: false\n", ""))
    build(BuildOptions(small_site / "content", small_site / "data", small_site / "site"))
    found = pages_with_notice(small_site / "site")
    assert found and not any(found.values())


def seed_aims() -> dict[int, str]:
    """Each national aim's wording in change-ideas-by-aim.txt: the line after its 'Aim N' heading."""
    lines = [line.strip() for line in seed("change-ideas-by-aim.txt").splitlines() if line.strip()]
    aims = {}
    for index, line in enumerate(lines):
        heading = re.fullmatch(r"#+\s*\**Aim (\d)\**", line)
        if heading:
            aims[int(heading.group(1))] = lines[index + 1]
    return aims


def test_the_national_aims_are_worded_as_in_the_seed() -> None:
    aims = seed_aims()
    assert sorted(aims) == [1, 2, 3, 4]
    config = yaml.safe_load((ROOT / "content/site.yml").read_text())
    ours = {aim["id"]: aim for aim in config["national_aims"]}
    assert sorted(ours) == [1, 2, 3, 4]
    for number, wording in aims.items():
        aim = ours[number]
        # The seed words aim 1 as a sentence (our statement; the title is a short label) and aims 2 to 4 as headings.
        shown = one_line(aim["statement"]) if aim.get("statement") else aim["title"]
        assert shown == wording, f"national aim {number}"
    assert "Permanence Panel or Agency Decision Maker's Decision" in ours[3]["title"]


def report_key_learning() -> list[tuple[str, str, str]]:
    """(section, title, text) of every point in the report's 'Key learning' lists, read from the report."""
    text = seed(REPORT)
    contents = re.findall(r"^(.+?)\.*\t\d+$", text.split("Introduction\n\nAbout this report")[0], re.M)
    sections = [title.strip() for title in contents]
    found = []
    for before, title in zip(sections, sections[1:], strict=False):
        if title != "Key learning":
            continue
        start = text.index("\n" + before + "\n", text.index("About this report"))
        block = text[text.index("\nKey learning\n", start) + len("\nKey learning\n"):]
        for paragraph in block.split("\n\n"):
            point = re.fullmatch(r"([^:\n]{3,120}): (.+)", paragraph.strip())
            if not paragraph.strip():
                continue
            if not point or paragraph.strip() in sections:  # the next section's heading ends the list
                break
            found.append((before, point.group(1), point.group(2)))
    return found


def test_every_key_learning_point_of_the_national_report_is_published_with_its_source(example_site: Path) -> None:
    points = report_key_learning()
    assert len(points) == 16 and ("Setting up PACE: Building an organisational approach to improvement",
                                  "Identify a need to bring in additional expertise") in [(s, t) for s, t, _ in points]
    files = {front_matter(p)["title"]: p for p in (ROOT / "content/learning").glob("*.md")}
    page = text_of(example_site / "learning/index.html").replace("\u2019", "'")  # Markdown's typographic apostrophe
    for section, title, text in points:
        assert title in files, f"missing learning point: {title}"
        meta = front_matter(files[title])
        assert "PACE programme report" in meta["source"] and section in meta["source"], title
        assert one_line(body(files[title])) == text, title
        assert f"{title} {one_line(re.sub(r'[*_]', '', text))} Source: {meta['source']}" in page


def test_what_claims_a_source_shows_it_and_what_has_none_is_marked_illustrative(example_site: Path) -> None:
    content = ROOT / "content"
    for folder in (p for p in (content / "authorities").iterdir() if p.is_dir()):
        authority = flagged(folder / "authority.md")
        for path, page in [(folder / "poster.md", f"authorities/{folder.name}/poster/index.html")] + [
                (p, f"authorities/{folder.name}/newsletters/{p.stem}/index.html")
                for p in (folder / "newsletters").glob("*.md")]:
            if not path.is_file():
                continue
            source = front_matter(path).get("source")
            assert source or authority or flagged(path), f"{path}: neither a source nor example: true"
            if source:
                assert f"Source: {source}" in text_of(example_site / page), page
    for path in (content / "change-ideas").glob("*.md"):
        source = front_matter(path).get("source")
        assert source or flagged(path), path
        if source:
            assert f"Source {source}" in text_of(example_site / f"change-ideas/{path.stem}/index.html"), path
    for path in (content / "learning").glob("*.md"):
        assert front_matter(path).get("source") or flagged(path), path


def test_no_change_idea_names_a_real_council_the_seeds_do_not_name_for_it() -> None:
    # The only councils with published material among the seeds; the other example authorities are fictional.
    seeded = {"highland": "highland-poster.txt", "midlothian": "midlothian-poster-and-newsletter.txt",
              "shetland": "shetland-poster.txt"}
    for path in (ROOT / "content/change-ideas").glob("*.md"):
        meta = front_matter(path)
        for slug in meta.get("authorities", []):
            if slug in seeded:
                assert not flagged(path) and seeded[slug].split("-")[0].title() in meta["source"], (
                    f"{path.name}: attributed to {slug} without citing its poster")
            else:
                assert flagged(path) and flagged(ROOT / f"content/authorities/{slug}/authority.md"), path.name


# The Shetland poster's contact is a person's address; the repository keeps only its digests (fixtures/seeds/README.md).
PERSONAL_ADDRESS_SHA256 = "5accdc52fa6d9145237eb6c81432d3584fa11e6028871140f4278a4d874515f9"
PERSONAL_LOCAL_PART_SHA256 = "165fbbbabb271a081c3e37285ceb4122d833af5b417ad06eb0281aba94effcc8"
ADDRESS = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_no_personal_e_mail_address_from_the_seeds_is_published(example_site: Path) -> None:
    seeds = ("shetland-poster.txt", "highland-poster.txt", "midlothian-poster-and-newsletter.txt", REPORT,
             "change-ideas-by-aim.txt")
    addresses = {a.lower() for name in seeds
                 for a in re.findall(ADDRESS, seed(name))}
    assert addresses  # the report's and the programme's own addresses
    hidden = {PERSONAL_ADDRESS_SHA256, PERSONAL_LOCAL_PART_SHA256}
    for path in list(example_site.rglob("*.html")) + list(example_site.rglob("*.csv")):
        text = path.read_text(encoding="utf-8").lower()
        assert not any(address in text for address in addresses), path
        local_parts = {a.split("@")[0] for a in addresses}
        assert not any(part in text for part in local_parts if "." in part), path  # a person's first.last
        assert not published_digests(text) & hidden, path


def published_digests(text: str) -> set[str]:
    """The digest of every address and every word.word in a page, lower case, as the check above takes them."""
    text = text.lower()
    return {sha256(token) for token in set(re.findall(ADDRESS, text)) | set(re.findall(r"[a-z]+\.[a-z]+", text))}


def test_an_address_on_a_page_is_found_by_its_digest() -> None:
    """An invented address stands in for the person's: the check finds it, and its first.last, in any case."""
    page = "<p>Further information: Jo.Bloggs@Example.gov.uk</p>"
    assert {sha256("jo.bloggs@example.gov.uk"), sha256("jo.bloggs")} <= published_digests(page)


def seed_ideas_by_aim() -> dict[str, set[str]]:
    """The change ideas of each section of change-ideas-by-aim.txt ('Aim 2', 'All aims'), without a final full stop."""
    ideas: dict[str, set[str]] = {}
    section = ""
    for line in seed("change-ideas-by-aim.txt").splitlines():
        heading = re.fullmatch(r"#+\s*\**(Aim \d|All Aims)\**", line.strip())
        if heading:
            section = heading.group(1).replace("Aims", "aims")
        elif line.startswith("- ") and section:
            ideas.setdefault(section, set()).add(line[2:].strip().rstrip("."))
    return ideas


def test_a_change_idea_not_marked_illustrative_opens_with_its_words_in_the_seed() -> None:
    ideas = seed_ideas_by_aim()
    faithful = [p for p in (ROOT / "content/change-ideas").glob("*.md") if not flagged(p)]
    assert len(faithful) >= 10
    for path in faithful:
        meta = front_matter(path)
        sections = re.findall(r"\b(Aim \d|All aims)\b", meta["source"].split(";")[0])
        assert sections, f"{path.name}: its source names no section of the list"
        first = one_line(body(path).strip().split("\n\n")[0]).rstrip(".")
        # One line of the list runs two ideas together ("Introduce a wellbeing baby tool Use of Family Group ...").
        assert any(idea == first or idea.startswith(first + " ") for s in sections for idea in ideas[s]), (
            f"{path.name}: '{first}' is not in {sections} of the list")
