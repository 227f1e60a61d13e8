"""Incremental builds: a rebuild reuses only what was made from identical inputs, and writes only what changed."""

from __future__ import annotations

import os
from pathlib import Path

import pace_site.build.computing
import pace_site.build.pipeline
import pace_site.build.rendering
import pace_site.publish.audit_site
import pace_site.util.cache
from pace_site.build.pipeline import build
from pace_site.util.cache import CACHE_FOLDER
from tests.support.site_files import assert_same_as_a_cold_build, options

NEWSLETTER = "content/authorities/midlothian/newsletters/2018-04.md"
NEWSLETTER_PAGES = {"authorities/midlothian/newsletters/2018-04/index.html",
                    "authorities/midlothian/newsletters/2018-04/email.html"}


def stats(site: Path) -> dict[str, tuple[int, int]]:
    """Every file of the published build (search index included): its inode and modification time."""
    folder = site.resolve()
    return {path.relative_to(folder).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in folder.rglob("*") if path.is_file()}


def changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    """Files written anew (another inode) or added, leaving out the search index, which Pagefind rewrites."""
    return {path for path in after if before.get(path) != after[path]
            and not path.startswith("pagefind/") and path != ".pace-site"}


def test_a_rebuild_with_no_change_writes_nothing(example: Path) -> None:
    link, before = os.readlink(example / "site"), stats(example / "site")
    builds = sorted(os.listdir(example / ".site-builds"))
    result = build(options(example))
    assert os.readlink(example / "site") == link
    assert stats(example / "site") == before  # not one file written again: the same inodes and times
    assert sorted(os.listdir(example / ".site-builds")) == builds
    assert result.pages > 50 and result.charts > 0  # the summary is the last build's


def test_editing_one_newsletter_writes_its_page_and_e_mail_only(example: Path) -> None:
    before = stats(example / "site")
    newsletter = example / NEWSLETTER
    newsletter.write_text(newsletter.read_text() + "\nA sentence added after the first build.\n")
    build(options(example))
    assert changed(before, stats(example / "site")) == NEWSLETTER_PAGES
    page = (example / "site/authorities/midlothian/newsletters/2018-04/index.html").read_text()
    assert "A sentence added after the first build." in page
    assert_same_as_a_cold_build(example)


def test_editing_one_newsletters_words_renders_only_the_pages_that_hold_it(example: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Nothing is computed again, and of the pages only those whose context holds the newsletter or its
    authority are rendered again (render/page_cache.py)."""
    rendered: list[str] = []
    computed: list[str] = []
    real_render = pace_site.build.rendering.render_charted
    monkeypatch.setattr(pace_site.build.rendering, "render_charted",
                        lambda env, page, *rest: rendered.append(page.path) or real_render(env, page, *rest))
    monkeypatch.setattr(pace_site.build.computing, "authority_reports",
                        lambda authority, *rest: computed.append(authority.slug))
    monkeypatch.setattr(pace_site.build.computing, "national_figures", lambda *given: computed.append("national"))
    newsletter = example / NEWSLETTER
    newsletter.write_text(newsletter.read_text() + "\nA sentence added after the first build.\n")
    result = build(options(example, jobs=1))  # rendered in this process, where the spy sees it
    assert computed == []
    assert NEWSLETTER_PAGES <= set(rendered) and "newsletters/index.html" in rendered
    others = [path for path in rendered if path.startswith("authorities/") and "/midlothian/" not in path
              and path != "authorities/index.html"]
    assert others == [] and "glossary/index.html" not in rendered
    assert len(rendered) < result.pages / 4
    monkeypatch.undo()
    assert_same_as_a_cold_build(example)


def test_retitling_a_newsletter_rewrites_the_pages_that_list_it(example: Path) -> None:
    before = stats(example / "site")
    newsletter = example / NEWSLETTER
    text = newsletter.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    newsletter.write_text(text.replace(title, "title: A new title for April"))
    build(options(example))
    written = changed(before, stats(example / "site"))
    assert NEWSLETTER_PAGES | {"newsletters/index.html", "authorities/midlothian/newsletters/index.html",
                               "newsletters/feed.xml"} <= written
    assert "change-ideas/index.html" not in written
    assert_same_as_a_cold_build(example)


def test_editing_one_authoritys_data_recomputes_only_that_authority(example: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    computed: list[str] = []
    audited: list[str] = []
    real_reports, real_audit = pace_site.build.computing.authority_reports, pace_site.publish.audit_site.audit_dates
    monkeypatch.setattr(pace_site.build.computing, "authority_reports",
                        lambda authority, *rest: computed.append(authority.slug) or real_reports(authority, *rest))
    monkeypatch.setattr(pace_site.publish.audit_site, "audit_dates",
                        lambda publications, *rest: (audited.append(publications[0].authority)
                                                     or real_audit(publications, *rest)))
    journeys = example / "data/shetland/journeys.csv"
    header = journeys.read_text().splitlines()[0]
    journeys.write_text(journeys.read_text() + ",".join(["2019-01-07"] + [""] * (header.count(","))) + "\n")
    build(options(example))
    assert computed == ["shetland"]
    assert set(audited) == {"Shetland"}
    assert_same_as_a_cold_build(example)


def test_a_new_tool_version_recomputes_everything(example: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    computed: list[str] = []
    real_reports = pace_site.build.computing.authority_reports
    monkeypatch.setattr(pace_site.build.computing, "authority_reports",
                        lambda authority, *rest: computed.append(authority.slug) or real_reports(authority, *rest))
    link = os.readlink(example / "site")
    monkeypatch.setattr(pace_site.util.cache, "__version__", "99.0.0")
    pace_site.util.cache.tool_digest.cache_clear()
    try:
        build(options(example, jobs=1))  # every report made in this process, where the spy sees it
    finally:
        pace_site.util.cache.tool_digest.cache_clear()
    assert os.readlink(example / "site") != link  # a new build was published
    assert len(computed) == len(list((example / "content/authorities").iterdir()))


def test_a_changed_theme_file_is_a_change(example: Path) -> None:
    theme = example / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates/glossary.html").write_text(
        '{% extends "default/glossary.html" %}{% block main %}<p>First words</p>{{ super() }}{% endblock %}')
    build(options(example, theme=theme))
    before = stats(example / "site")
    (theme / "templates/glossary.html").write_text(
        '{% extends "default/glossary.html" %}{% block main %}<p>Second words</p>{{ super() }}{% endblock %}')
    build(options(example, theme=theme))
    assert "Second words" in (example / "site/glossary/index.html").read_text()
    assert changed(before, stats(example / "site")) == {"glossary/index.html"}


def test_a_corrupt_cache_is_ignored(example: Path) -> None:
    newsletter = example / NEWSLETTER
    newsletter.write_text(newsletter.read_text() + "\nAnother sentence.\n")
    cache = example / CACHE_FOLDER
    entries = [path for path in cache.rglob("*") if path.is_file()]
    assert {path.parent.name for path in entries} >= {"builds", "reports", "audits", "national", "pages"}
    for number, path in enumerate(entries):
        path.write_bytes(b"" if number % 2 else b"\x80\x04not a pickle at all")
    build(options(example))
    assert "Another sentence." in (example / "site/authorities/midlothian/newsletters/2018-04/index.html").read_text()
    assert_same_as_a_cold_build(example)


def test_a_published_file_changed_by_hand_is_written_again(example: Path) -> None:
    page = example / "site/glossary/index.html"
    page.write_text("defaced")
    build(options(example))  # no input changed, but the published site is not as it was written
    assert "defaced" not in page.read_text()
    assert_same_as_a_cold_build(example)


def test_a_leak_is_caught_after_a_cached_build(example: Path) -> None:
    """The cache never carries a disclosure decision over to inputs it was not made from: a threshold
    raised in site.yml recomputes every authority's disclosure control and audit."""
    site = example / "content/site.yml"
    first = build(options(example))
    assert "disclosure:" not in site.read_text()  # the default policy: a threshold of 5
    site.write_text(site.read_text() + "disclosure:\n  threshold: 10\n  minimum: 10\n")
    raised = build(options(example))
    assert raised.disclosure != first.disclosure
    assert_same_as_a_cold_build(example)


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path, small_site: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "reports").mkdir(parents=True)
    (elsewhere / "reports" / ("a" * 64)).write_text("a file of the user's")
    (small_site / CACHE_FOLDER).symlink_to(elsewhere)
    build(options(small_site))
    assert [path.name for path in elsewhere.rglob("*")] == ["reports", "a" * 64]


def test_two_output_folders_each_keep_their_record(example: Path) -> None:
    build(options(example, "other"))
    link, before = os.readlink(example / "site"), stats(example / "site")
    build(options(example))
    assert os.readlink(example / "site") == link and stats(example / "site") == before
