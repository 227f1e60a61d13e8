"""Where files belong (read/contract.py): every file the build would not read or publish is a warning naming it
and where such a file goes. tests/test_hostile_inputs.py covers a few strays through the whole build."""

from __future__ import annotations

from pathlib import Path

from pace_site.model.errors import Problems
from pace_site.read.contract import check_layout

KNOWN = ["content/site.yml", "content/glossary.yml", "content/authorities/testshire/authority.md",
         "content/authorities/testshire/poster.md", "content/authorities/testshire/newsletters/2019-04.md",
         "content/change-ideas/two-week-review.md", "content/learning/reviews.md", "content/pages/about.md",
         "content/reports/annual.md", "content/files/reports/2019/annual report.pdf", "content/files/diagram.svg",
         "data/testshire/journeys.csv", "data/testshire/measures.csv"]


def layout(root: Path, files: list[str]) -> Problems:
    """Check a content and data folder holding `files`, as a build does."""
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    problems = Problems(root=root)
    check_layout(root / "content", root / "data", problems)
    return problems


def warnings(problems: Problems) -> dict[str, str]:
    """Each warned file and its message."""
    return {w.file: w.message for w in problems.warnings}


def test_every_file_the_contract_names_passes_without_a_word(tmp_path: Path) -> None:
    """A site laid out as the README says gets no warning, whatever is inside files/."""
    problems = layout(tmp_path, KNOWN)
    assert problems.warnings == [] and problems.items == []


def test_hidden_files_that_editors_and_systems_make_are_left_alone(tmp_path: Path) -> None:
    """.DS_Store, a .git folder or LibreOffice's lock file beside journeys.csv are not the user's to fix."""
    problems = layout(tmp_path, KNOWN + ["content/.DS_Store", "content/.git/config",
                                         "data/testshire/.~lock.journeys.csv#", "content/pages/.about.md.swp"])
    assert problems.warnings == []


def test_a_stray_file_is_a_warning_not_an_error(tmp_path: Path) -> None:
    """A spreadsheet left in a data folder does not stop a build (only --strict makes it one)."""
    problems = layout(tmp_path, KNOWN + ["data/testshire/tracker.xlsx"])
    assert not problems and list(warnings(problems)) == ["data/testshire/tracker.xlsx"]
    assert "data/ holds one folder per authority" in problems.warnings[0].message


def test_each_misplaced_file_is_told_where_its_kind_belongs(tmp_path: Path) -> None:
    """A profile one folder too high, a newsletter saved as .markdown, notes in .txt, a picture outside files/
    and journeys.csv outside an authority's folder: each warning names the file and where it should go."""
    found = warnings(layout(tmp_path, KNOWN + [
        "content/authorities/authority.md", "content/authorities/testshire/newsletters/2019-05.markdown",
        "content/authorities/testshire/notes.txt", "content/authorities/testshire/photo.png", "data/journeys.csv"]))
    assert found["content/authorities/authority.md"] == ("this file is not read or published (authority.md belongs in "
                                                         "content/authorities/<slug>/, named in lower case)")
    assert "a newsletter is content/authorities/<slug>/newsletters/<YYYY-MM>.md" in found[
        "content/authorities/testshire/newsletters/2019-05.markdown"]
    assert "Markdown files end in .md" in found["content/authorities/testshire/notes.txt"]
    assert "images and documents in files/" in found["content/authorities/testshire/photo.png"]
    assert "one folder per authority, each with journeys.csv" in found["data/journeys.csv"]
    assert len(found) == 5


def test_a_folder_of_names_in_the_wrong_case_is_not_silently_read(tmp_path: Path) -> None:
    """Pages/ is not pages/: the page would be left out of the site, so it is reported."""
    assert "content/Pages/about.md" in warnings(layout(tmp_path, KNOWN + ["content/Pages/about.md"]))


def test_a_copied_in_tree_of_many_files_is_one_line_after_twenty(tmp_path: Path) -> None:
    """Twenty-five stray files: twenty are named, then one line says how many more, not 25 lines."""
    strays = [f"content/old/photo-{i:02}.jpg" for i in range(25)]
    problems = layout(tmp_path, KNOWN + strays)
    assert len(problems.warnings) == 21
    assert [w.file for w in problems.warnings[:20]] == strays[:20]
    assert problems.warnings[-1].file == "content"
    assert problems.warnings[-1].message.startswith("5 more files are not read or published")


def test_missing_folders_are_not_this_checks_concern(tmp_path: Path) -> None:
    """A site with no data folder yet gets no warning from the layout check (other checks name what is missing)."""
    problems = Problems(root=tmp_path)
    check_layout(tmp_path / "content", tmp_path / "data", problems)
    assert problems.warnings == [] and problems.items == []
