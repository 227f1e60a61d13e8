from pathlib import Path

import pytest

from pace_site.model.errors import PaceError
from pace_site.model.output_file import OutputFile
from pace_site.write.output import write_site


def test_writes_files_and_replaces_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([OutputFile("index.html", b"one", "a"), OutputFile("old/page.html", b"x", "b")], out)
    write_site([OutputFile("index.html", b"two", "a")], out)
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-builds", "site"]
    assert sorted(p.name for p in (tmp_path / ".site-builds").iterdir()) == [".pace-site-builds", "2", "lock"]


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b.html", ""])
def test_paths_outside_the_site_are_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(PaceError, match="outside the site folder"):
        write_site([OutputFile(path, b"x", "evil")], tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_two_pages_writing_one_file_is_an_error(tmp_path: Path) -> None:
    files = [OutputFile("a/index.html", b"1", "first.md"), OutputFile("a/index.html", b"2", "second.md")]
    with pytest.raises(PaceError, match="first.md and second.md"):
        write_site(files, tmp_path / "site")


def test_a_folder_not_built_by_pace_site_is_never_replaced(tmp_path: Path) -> None:
    precious = tmp_path / "content"
    precious.mkdir()
    (precious / "notes.md").write_text("mine")
    with pytest.raises(PaceError, match="not built by pace-site"):
        write_site([OutputFile("index.html", b"x", "a")], precious)
    assert (precious / "notes.md").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["content"]
