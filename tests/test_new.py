"""`new site|authority|newsletter|poster|change-idea`: files that build at once, never over a user's file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.commands.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def example(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def in_folder(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    """The command line run from `folder`, as a user runs it from their site's folder."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)


def build_in(folder: Path) -> Path:
    build(BuildOptions(folder / "content", folder / "data", folder / "site"))
    return folder / "site"


def test_new_newsletter_builds_without_edits_and_its_page_appears(example: Path) -> None:
    result = in_folder(example, "new", "newsletter", "--authority", "shetland", "--date", "2020-10",
                       "--title", "Shetland news, October 2020")
    assert result.exit_code == 0, result.output
    written = example / "content/authorities/shetland/newsletters/2020-10.md"
    assert "date: 2020-10-31" in written.read_text()
    page = build_in(example) / "authorities/shetland/newsletters/2020-10/index.html"
    assert "Shetland news, October 2020" in page.read_text(encoding="utf-8")
    assert "Illustrative example" in page.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite_and_leaves_the_file_as_it_was(example: Path) -> None:
    existing = example / "content/authorities/shetland/newsletters/2019-03.md"
    before = existing.read_bytes()
    result = in_folder(example, "new", "newsletter", "--authority", "shetland", "--date", "2019-03", "--title", "X")
    assert result.exit_code == 1
    assert "already exist" in result.output and "2019-03.md" in result.output
    assert existing.read_bytes() == before


def test_new_authority_poster_and_change_idea_build_without_edits(example: Path) -> None:
    for args in (("new", "authority", "east-lothian", "--name", "East Lothian"),
                 ("new", "poster", "--authority", "east-lothian", "--date", "2020-06-30", "--title", "Our poster"),
                 ("new", "newsletter", "--authority", "east-lothian", "--date", "2020-11", "--title", "News"),
                 ("new", "change-idea", "early-family-meeting", "--title", "An early family meeting",
                  "--authority", "east-lothian")):
        result = in_folder(example, *args)
        assert result.exit_code == 0, result.output
    site = build_in(example)
    assert "East Lothian" in (site / "authorities/east-lothian/index.html").read_text(encoding="utf-8")
    assert (site / "authorities/east-lothian/poster/index.html").is_file()
    idea = (site / "change-ideas/early-family-meeting/index.html").read_text(encoding="utf-8")
    assert "An early family meeting" in idea


def test_a_hostile_title_is_written_as_text_not_as_yaml(example: Path) -> None:
    title = 'Break: out\nexample: false\n"quoted" {x}'
    result = in_folder(example, "new", "newsletter", "--authority", "shetland", "--date", "2020-10", "--title", title)
    assert result.exit_code == 0, result.output
    text = (example / "content/authorities/shetland/newsletters/2020-10.md").read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == title and meta["example"] is True  # the title added no key and changed none
    page = build_in(example) / "authorities/shetland/newsletters/2020-10/index.html"
    html = page.read_text(encoding="utf-8")
    assert "&#34;quoted&#34;" in html or "&quot;quoted&quot;" in html


@pytest.mark.parametrize("args, expected", [
    (("new", "newsletter", "--authority", "nowhere", "--date", "2020-10", "--title", "X"), "no authority 'nowhere'"),
    (("new", "newsletter", "--authority", "../etc", "--date", "2020-10", "--title", "X"), "lower-case letters"),
    (("new", "newsletter", "--authority", "shetland", "--date", "2020-13", "--title", "X"), "YYYY-MM"),
    (("new", "newsletter", "--authority", "shetland", "--date", "../../x", "--title", "X"), "YYYY-MM"),
    (("new", "newsletter", "--authority", "shetland", "--date", "2020-1", "--title", "X"), "YYYY-MM"),
    (("new", "poster", "--authority", "shetland", "--date", "2020-02-30", "--title", "X"), "YYYY-MM-DD"),
    (("new", "change-idea", "../../escape", "--title", "X"), "lower-case letters"),
    (("new", "authority", "Bad Slug", "--name", "X"), "lower-case letters"),
])
def test_bad_options_are_refused_with_a_reason_and_nothing_is_written(example: Path, args: tuple[str, ...],
                                                                     expected: str) -> None:
    before = sorted(p for p in example.rglob("*"))
    result = in_folder(example, *args)
    assert result.exit_code != 0 and expected in result.output
    assert sorted(p for p in example.rglob("*")) == before


def test_a_missing_option_is_an_error_without_a_terminal(example: Path) -> None:
    result = in_folder(example, "new", "newsletter", "--date", "2020-10")
    assert result.exit_code == 2 and "--authority" in result.output


def test_new_site_builds_and_marks_its_invented_pages(tmp_path: Path) -> None:
    assert in_folder(tmp_path, "new", "site", "starter", "--title", "Our PACE").exit_code == 0
    site = build_in(tmp_path / "starter")
    authority = (site / "authorities/sample-authority/index.html").read_text(encoding="utf-8")
    assert "Illustrative example" in authority
    assert "Our PACE" in (site / "index.html").read_text(encoding="utf-8")
    again = in_folder(tmp_path, "new", "site", "starter", "--title", "Again")
    assert again.exit_code == 1 and "already exist" in again.output
    assert "Our PACE" in (tmp_path / "starter/content/site.yml").read_text()


def test_on_a_terminal_missing_options_are_asked_for(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pace_site.commands.new_command.on_terminal", lambda: True)
    before = os.getcwd()
    os.chdir(example)
    try:
        result = CliRunner().invoke(cli, ["new", "newsletter"], input="shetland\n2020-10\nAsked for\n")
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output
    assert "Authority slug" in result.output
    assert "title: \"Asked for\"" in (example / "content/authorities/shetland/newsletters/2020-10.md").read_text()
