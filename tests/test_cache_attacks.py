"""Attacks on the build cache: after each edit, an incremental build publishes exactly what a cold build does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import pace_site.build.computing
import pace_site.build.pipeline
import pace_site.build.rendering
import pace_site.util.cache
from pace_site.build.pipeline import build
from pace_site.model.errors import ContentError
from tests.conftest import write
from tests.support.site_files import assert_same_as_a_cold_build, options

NEWSLETTERS = "content/authorities/testshire/newsletters"
SECOND = """\
---
title: Testshire newsletter, summer 2019
date: 2019-06-15
summary: Our second newsletter.
---
## News

Hello again.
"""
SEVEN_CHILDREN = "".join(f"2018-0{month}-01,2018-0{month + 1}-20,\n" for month in range(1, 8))


@pytest.fixture
def built(small_site: Path) -> Path:
    build(options(small_site))
    return small_site


def rebuilt(root: Path, **settings: object) -> Path:
    """The site built again with the cache, compared with a cold build of the same inputs."""
    build(options(root, **settings))
    assert_same_as_a_cold_build(root, **settings)
    return root / "site"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def moved_behind_a_link(path: Path, elsewhere: Path) -> Path:
    """The file moved to `elsewhere`, and a link to it left in its place."""
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    return elsewhere


def test_a_newsletter_that_is_a_link_to_a_file_elsewhere(built: Path) -> None:
    elsewhere = built / "elsewhere.md"
    elsewhere.write_text(SECOND)
    (built / NEWSLETTERS / "2019-06.md").symlink_to(elsewhere)
    build(options(built))
    edit(elsewhere, "Hello again.", "Edited where the link points.")
    page = rebuilt(built) / "authorities/testshire/newsletters/2019-06/index.html"
    assert "Edited where the link points." in page.read_text()


def test_a_theme_whose_templates_folder_is_a_link(built: Path) -> None:
    shared, theme = built / "shared-templates", built / "theme"
    shared.mkdir()
    theme.mkdir()
    (theme / "templates").symlink_to(shared)
    (shared / "glossary.html").write_text(
        '{% extends "default/glossary.html" %}{% block main %}<p>First words</p>{{ super() }}{% endblock %}')
    build(options(built, theme=theme))
    (shared / "glossary.html").write_text(
        '{% extends "default/glossary.html" %}{% block main %}<p>Second words</p>{{ super() }}{% endblock %}')
    assert "Second words" in (rebuilt(built, theme=theme) / "glossary/index.html").read_text()


def test_a_journeys_file_that_is_a_link_to_a_file_elsewhere(built: Path) -> None:
    """The reports (and their disclosure control) are keyed by the data they are made from, not by a link's name."""
    elsewhere = moved_behind_a_link(built / "data/testshire/journeys.csv", built / "journeys-elsewhere.csv")
    build(options(built))
    elsewhere.write_text(elsewhere.read_text() + SEVEN_CHILDREN)
    rebuilt(built)


def test_a_site_yml_that_is_a_link_to_a_file_elsewhere(built: Path) -> None:
    elsewhere = moved_behind_a_link(built / "content/site.yml", built / "site-elsewhere.yml")
    build(options(built))
    elsewhere.write_text(elsewhere.read_text() + "disclosure:\n  threshold: 10\n  minimum: 10\n")
    rebuilt(built)


def test_a_newsletter_added_between_two_renumbers_and_relinks_its_neighbours(built: Path) -> None:
    write(built, {f"{NEWSLETTERS}/2019-06.md": SECOND})
    build(options(built))
    write(built, {f"{NEWSLETTERS}/2019-05.md": SECOND.replace("2019-06-15", "2019-05-15").replace("summer", "May")})
    site = rebuilt(built)
    assert "May" in (site / "authorities/testshire/newsletters/2019-06/index.html").read_text()


def test_a_newsletter_renamed_removed_and_given_an_issue_number(built: Path) -> None:
    write(built, {f"{NEWSLETTERS}/2019-06.md": SECOND})
    build(options(built))
    (built / NEWSLETTERS / "2019-06.md").rename(built / NEWSLETTERS / "2019-07.md")
    rebuilt(built)
    edit(built / NEWSLETTERS / "2019-07.md", "summary:", "issue: 7\nsummary:")
    rebuilt(built)
    (built / NEWSLETTERS / "2019-04.md").unlink()
    rebuilt(built)


def test_a_glossary_term_added_marks_every_page_that_uses_it(built: Path) -> None:
    write(built, {"content/glossary.yml": "- term: Recommendation\n  definition: A first definition.\n"})
    build(options(built))
    edit(built / "content/glossary.yml", "A first definition.", "A second definition.")
    rebuilt(built)
    edit(built / "content/glossary.yml", "term: Recommendation", "term: Newsletter")
    rebuilt(built)


def test_site_yml_title_and_example_flag(built: Path) -> None:
    edit(built / "content/site.yml", "title: PACE reports", "title: PACE reports, retitled")
    edit(built / "content/site.yml", "example: false", "example: true")
    rebuilt(built)


def test_an_authority_marked_example_marks_the_pages_that_chart_it(built: Path) -> None:
    write(built, {"content/pages/charted.md": "---\ntitle: Charted\n---\n```chart\nauthority: testshire\naim: aim-2\n"
                                              "show: run-chart\n```\n"})
    build(options(built))
    edit(built / "content/authorities/testshire/authority.md", "name: Testshire", "name: Testshire\nexample: true")
    site = rebuilt(built)
    assert "example" in (site / "charted/index.html").read_text().lower()


def test_a_poster_test_of_change_moves_the_markers_on_every_run_chart_of_its_aim(example: Path) -> None:
    """Tests of change on Highland's poster mark the run charts of its newsletters and its own page too."""
    edit(example / "content/authorities/highland/poster.md",
         "  - title: 72 hour child plan meeting chaired by a local manager\n    aim: aim-2\n    start: 2018-05-01",
         "  - title: A retitled test of change\n    aim: aim-2\n    start: 2018-08-01")
    site = rebuilt(example)
    assert "A retitled test of change" in (site / "authorities/highland/newsletters/2018-11/index.html").read_text()


def test_chart_blocks_follow_the_data_they_chart(built: Path) -> None:
    """A national chart block and one at a date no page computes (an extra report), in a page and a newsletter."""
    blocks = ("```chart\nauthority: all\nnational_aim: 2\nshow: waiting\n```\n\n"
              "```chart\nauthority: testshire\naim: aim-2\nshow: progress\nas_at: 2018-11-30\n```\n")
    write(built, {"content/pages/charted.md": "---\ntitle: Charted\n---\n" + blocks})
    edit(built / NEWSLETTERS / "2019-04.md", "Hello.", "Hello.\n\n" + blocks)
    build(options(built))
    more_children(built)
    rebuilt(built)
    edit(built / "content/pages/charted.md", "as_at: 2018-11-30", "as_at: 2018-10-31")
    rebuilt(built)


def more_children(root: Path) -> None:
    """Seven more children in testshire's journeys.csv, enough for its charts to be published."""
    journeys = root / "data/testshire/journeys.csv"
    journeys.write_text(journeys.read_text() + SEVEN_CHILDREN)


@pytest.mark.parametrize("folder", ["data/nowhere", "content/authorities/nowhere"])
def test_an_empty_folder_a_cold_build_refuses_is_refused_after_a_cached_build_too(built: Path, folder: str) -> None:
    (built / folder).mkdir()
    with pytest.raises(ContentError) as cold:
        build(options(built, "cold", cache=False))
    with pytest.raises(ContentError) as incremental:
        build(options(built))
    assert str(incremental.value) == str(cold.value)


def test_half_of_an_authoritys_children_removed_changes_the_national_figures(example: Path) -> None:
    journeys = example / "data/shetland/journeys.csv"
    lines = journeys.read_text().splitlines(True)
    journeys.write_text("".join(lines[: len(lines) // 2]))
    national = (example / "site/national/index.html").read_text()
    assert (rebuilt(example) / "national/index.html").read_text() != national


def test_a_change_idea_renamed_and_a_report_added(built: Path) -> None:
    ideas = built / "content/change-ideas"
    (ideas / "two-week-review.md").rename(ideas / "a-fortnightly-review.md")
    rebuilt(built)
    write(built, {"content/reports/a-report.md": "---\ntitle: A report\ndate: 2019-06-30\n---\n## Figures\n\n"
                                                 "```chart\nauthority: testshire\naim: aim-2\nshow: waiting\n```\n"})
    rebuilt(built)


def test_a_theme_override_added_then_removed(built: Path) -> None:
    theme = built / "theme"
    (theme / "templates").mkdir(parents=True)
    build(options(built, theme=theme))
    (theme / "templates/newsletter.html").write_text(
        '{% extends "default/newsletter.html" %}{% block main %}<p>Overridden</p>{{ super() }}{% endblock %}')
    page = "authorities/testshire/newsletters/2019-04/index.html"
    assert "Overridden" in (rebuilt(built, theme=theme) / page).read_text()
    (theme / "templates/newsletter.html").unlink()
    assert "Overridden" not in (rebuilt(built, theme=theme) / page).read_text()


def test_another_version_of_a_library_is_another_tool(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown, Jinja, the search index and the figures come from libraries: upgrading one may change the site."""
    link = os.readlink(built / "site")
    real = pace_site.util.cache.library_version
    monkeypatch.setattr(pace_site.util.cache, "library_version",
                        lambda name: "99.0" if name == "markdown" else real(name))
    pace_site.util.cache.tool_digest.cache_clear()
    try:
        build(options(built))
    finally:
        pace_site.util.cache.tool_digest.cache_clear()
    assert os.readlink(built / "site") != link  # a new build was published, not the last one kept


@pytest.mark.parametrize("name, old", [(f"{NEWSLETTERS}/2019-04.md", "Hello."),
                                       ("data/testshire/journeys.csv", "2018-05-01,,")])
def test_a_file_saved_while_the_build_reads_it_then_undone(built: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                                          old: str) -> None:
    """The inputs' digests are taken before they are read: a save in between must not leave what is made from
    the new bytes (the site, an authority's reports) under the old bytes' keys, to be published when it is undone."""
    more_children(built)
    changed = built / name
    edit(changed, old, old.replace("2018-05-01,,", "2018-05-01,2018-06-01,").replace("Hello.", "Edited before."))
    before = changed.read_text()
    real = pace_site.build.pipeline.read_site

    def saved_meanwhile(options):  # type: ignore[no-untyped-def]
        changed.write_text(before.replace("Edited before.", "Saved while the build ran.")
                           .replace("2018-05-01,2018-06-01,", "2018-05-01,2019-06-01,"))
        return real(options)

    monkeypatch.setattr(pace_site.build.pipeline, "read_site", saved_meanwhile)
    build(options(built))
    monkeypatch.undo()
    changed.write_text(before)
    rebuilt(built)


def test_an_authority_renamed_with_its_data_folder(built: Path) -> None:
    """Its pages, CSV files and reports move to the new slug: nothing cached under the old one is published."""
    for folder in ("content/authorities", "data"):
        (built / folder / "testshire").rename(built / folder / "newshire")
    edit(built / "content/change-ideas/two-week-review.md", "[testshire]", "[newshire]")
    site = rebuilt(built)
    assert not (site / "authorities/testshire").exists() and (site / "authorities/newshire/index.html").exists()


def test_an_authoritys_own_per_child_policy_and_a_newsletter_marked_example(built: Path) -> None:
    more_children(built)
    build(options(built))
    edit(built / "content/authorities/testshire/authority.md", "name: Testshire", "name: Testshire\nper_child: open")
    rebuilt(built)
    edit(built / NEWSLETTERS / "2019-04.md", "summary:", "example: true\nsummary:")
    rebuilt(built)


def test_a_newsletter_charting_another_authority_follows_that_authoritys_data(example: Path) -> None:
    """Midlothian's newsletter charts Shetland at a date no page of Shetland's computes: editing Shetland's data
    (not Midlothian's) must redraw it, and its audit must cover it."""
    newsletter = example / "content/authorities/midlothian/newsletters/2018-04.md"
    newsletter.write_text(newsletter.read_text() + "\n```chart\nauthority: shetland\naim: permanence-2-years\n"
                                                   "show: waiting\nas_at: 2019-02-28\n```\n")
    build(options(example))
    journeys = example / "data/shetland/journeys.csv"
    lines = journeys.read_text().splitlines(True)
    journeys.write_text("".join(lines[: len(lines) // 2]))
    page = "authorities/midlothian/newsletters/2018-04/index.html"
    before = (example / "site" / page).read_text()
    assert (rebuilt(example) / page).read_text() != before


def test_words_edited_keep_an_authoritys_reports_not_its_pages(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Words are left out of the reports' key (report_inputs), never out of the pages' keys."""
    computed: list[str] = []
    real = pace_site.build.computing.authority_reports
    monkeypatch.setattr(pace_site.build.computing, "authority_reports",
                        lambda authority, *rest: computed.append(authority.slug) or real(authority, *rest))
    edit(built / "content/authorities/testshire/authority.md", "Testshire's PACE work.", "Testshire's words, edited.")
    edit(built / "content/authorities/testshire/poster.md", "Better now.", "Better now, edited.")
    build(options(built))
    assert computed == []
    monkeypatch.undo()
    assert_same_as_a_cold_build(built)
    assert "Better now, edited." in (built / "site/authorities/testshire/poster/index.html").read_text()


def test_a_file_saved_while_a_failing_build_reads_it_then_undone(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that fails (here at the link check, after the reports are computed) keeps nothing made from bytes
    saved while it ran either."""
    more_children(built)
    journeys, about = built / "data/testshire/journeys.csv", built / "content/pages/about.md"
    edit(journeys, "2018-05-01,,", "2018-05-01,2018-06-01,")
    before = journeys.read_text()
    edit(about, "About.", "About. [Nowhere](/nowhere/)")
    real = pace_site.build.pipeline.read_site

    def saved_meanwhile(options):  # type: ignore[no-untyped-def]
        journeys.write_text(before.replace("2018-05-01,2018-06-01,", "2018-05-01,2019-06-01,"))
        return real(options)

    monkeypatch.setattr(pace_site.build.pipeline, "read_site", saved_meanwhile)
    with pytest.raises(ContentError, match="nowhere"):
        build(options(built))
    monkeypatch.undo()
    journeys.write_text(before)
    edit(about, " [Nowhere](/nowhere/)", "")
    rebuilt(built)
