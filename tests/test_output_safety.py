"""Crash-safe, locked, readable output: the published folder is always a complete old or new site.

A build is killed at every step (PACE_SITE_FAULT_AT makes the process die there, as a kill would,
with no clean-up), two builds are run into one folder at once, and hostile --out folders are tried.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.commands.cli import cli
from pace_site.model.errors import PaceError
from pace_site.model.output_file import OutputFile
from pace_site.write import output
from pace_site.write.output import Layout, restore_interrupted_migration, write_site

ROOT = Path(__file__).resolve().parent.parent

# Builds write through this script, in a process of their own, so that a fault kills that process.
WRITER = """
import json, sys
from pathlib import Path
from pace_site.write import output
if sys.argv[3] == "no-exchange":
    output.exchange = lambda first, second: False
site = json.loads(Path(sys.argv[2]).read_text())
try:
    output.write_site([output.OutputFile(name, text.encode(), "test") for name, text in site.items()],
                      Path(sys.argv[1]))
except output.PaceError as error:  # as the command line prints it
    sys.exit(f"Error: {error.message}")
"""

OLD = {"index.html": "old home", **{f"old/{n}.html": f"old page {n}" for n in range(40)}}
NEW = {"index.html": "new home", **{f"new/{n}/index.html": f"new page {n}" for n in range(40)}}
MARKER = {".pace-site": "This folder is built by pace-site; it is replaced by every build.\n"}

UPDATE_STEPS = ["locked", "cleaned", "writing", "written", "linked", "switched", "done"]
MIGRATION_STEPS = ["locked", "cleaned", "writing", "written", "linked", "exchanged", "switched", "done"]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a site (following the link NAME), as bytes (the search index is binary)."""
    found = {}
    for top, _, names in os.walk(folder):
        for name in names:
            path = Path(top) / name
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def run_writer(out: Path, site: dict[str, str], fault: str | None = None, mode: str = "exchange",
               ) -> subprocess.CompletedProcess[str]:
    spec = out.parent / f"site-{len(site)}-{site['index.html'][:3]}.json"
    spec.write_text(json.dumps(site))
    env = {**os.environ, "PYTHONPATH": str(ROOT)} | ({"PACE_SITE_FAULT_AT": fault} if fault else {})
    env.pop("PACE_SITE_FAULT_AT", None) if not fault else None
    return subprocess.run([sys.executable, "-c", WRITER, str(out), str(spec), mode], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def stable(files: dict[str, bytes]) -> dict[str, bytes]:
    varying = ("pagefind/filter/", "pagefind/pagefind-entry.json")  # their names carry hashes of their contents
    return {name: content for name, content in files.items()
            if not (name.startswith(varying) or name.endswith(".pf_meta"))}


def published(out: Path, site: dict[str, str]) -> bool:
    return tree(out) == {name: text.encode() for name, text in {**site, **MARKER}.items()}


def leftovers(out: Path) -> list[str]:
    """What is in .NAME-builds besides the marker, the lock and the published build."""
    builds = out.with_name(f".{out.name}-builds")
    current = os.readlink(out).rsplit("/", 1)[-1]
    return sorted(set(os.listdir(builds)) - {".pace-site-builds", "lock", current})


@pytest.fixture
def users_own(tmp_path: Path) -> Path:
    """Folders of the user's beside the site whose names look like pace-site's: they must survive."""
    for name in (".site-old", ".site-new-abc123", ".site-builds-mine"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mine.txt").write_text("mine")
    return tmp_path


def assert_users_folders_intact(folder: Path) -> None:
    for name in (".site-old", ".site-new-abc123", ".site-builds-mine"):
        assert (folder / name / "mine.txt").read_text() == "mine"


@pytest.mark.parametrize("fault", UPDATE_STEPS)
def test_a_build_killed_at_any_step_leaves_a_complete_site(users_own: Path, fault: str) -> None:
    out = users_own / "site"
    assert run_writer(out, OLD).returncode == 0
    killed = run_writer(out, NEW, fault)
    assert killed.returncode == 70, killed.stderr  # it died where it was told to
    expected = NEW if UPDATE_STEPS.index(fault) >= UPDATE_STEPS.index("switched") else OLD
    assert published(out, expected)
    again = run_writer(out, {"index.html": "newest"})
    assert again.returncode == 0, again.stderr
    assert published(out, {"index.html": "newest"})
    assert leftovers(out) == []
    assert_users_folders_intact(users_own)


def old_style_site(out: Path) -> None:
    """A real site/ folder, as pace-site wrote before builds were links."""
    for name, text in {**OLD, **MARKER}.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)


@pytest.mark.parametrize("fault", MIGRATION_STEPS)
def test_the_first_build_into_an_old_real_site_folder_is_atomic_too(users_own: Path, fault: str) -> None:
    out = users_own / "site"
    old_style_site(out)
    killed = run_writer(out, NEW, fault)
    assert killed.returncode == 70, killed.stderr
    expected = NEW if MIGRATION_STEPS.index(fault) >= MIGRATION_STEPS.index("exchanged") else OLD
    assert published(out, expected)
    assert run_writer(out, NEW).returncode == 0
    assert out.is_symlink() and published(out, NEW) and leftovers(out) == []
    assert_users_folders_intact(users_own)


@pytest.mark.parametrize("fault", ["linked", "retired", "switched"])
def test_without_renameat2_a_migration_killed_between_its_renames_is_put_back(users_own: Path, fault: str) -> None:
    out = users_own / "site"
    old_style_site(out)
    assert run_writer(out, NEW, fault, mode="no-exchange").returncode == 70
    if fault == "retired":  # the one instant without a site: the old one waits in .site-builds/retired
        assert not out.exists()
        restore_interrupted_migration(Layout(out))
    assert published(out, NEW if fault == "switched" else OLD)
    assert run_writer(out, NEW, mode="no-exchange").returncode == 0
    assert out.is_symlink() and published(out, NEW) and leftovers(out) == []
    assert_users_folders_intact(users_own)


def build_args(root: Path, out: Path | None = None) -> list[str]:
    return ["build", "--content", str(root / "content"), "--data", str(root / "data"),
            "--out", str(out or root / "site")]


def test_a_real_build_killed_between_link_and_rename_keeps_the_old_site(small_site: Path) -> None:
    assert CliRunner().invoke(cli, build_args(small_site)).exit_code == 0
    before = tree(small_site / "site")
    (small_site / "content/pages/about.md").write_text("---\ntitle: About PACE\n---\nChanged.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PACE_SITE_FAULT_AT": "linked"}
    killed = subprocess.run([sys.executable, "build.py", *build_args(small_site)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == 70, killed.stderr
    assert tree(small_site / "site") == before
    assert CliRunner().invoke(cli, build_args(small_site)).exit_code == 0
    assert "Changed." in (small_site / "site/about/index.html").read_text()
    assert leftovers(small_site / "site") == []


def test_a_second_build_while_one_is_writing_gets_a_clear_message(small_site: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert CliRunner().invoke(cli, build_args(small_site)).exit_code == 0
    before = tree(small_site / "site")
    second: list[subprocess.CompletedProcess[str]] = []

    def build_again_while_written(step: str) -> None:
        if step == "written":  # the first build holds the lock and has written its files
            # --no-cache: with the cache, a build of unchanged content would find nothing to write
            second.append(subprocess.run([sys.executable, "build.py", *build_args(small_site), "--no-cache"], cwd=ROOT,
                                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                                         timeout=120))
            assert tree(small_site / "site") == before

    monkeypatch.setattr(output, "fault_hook", build_again_while_written)
    assert CliRunner().invoke(cli, [*build_args(small_site), "--no-cache"]).exit_code == 0
    assert second[0].returncode == 1
    assert "another pace-site build is writing to" in second[0].stderr
    assert "Traceback" not in second[0].stderr
    # The same content built again: a complete site (Pagefind writes its filter and metadata tables in a
    # varying order, its issue #638, so those are left out).
    assert stable(tree(small_site / "site")) == stable(before)
    assert leftovers(small_site / "site") == []


def test_a_held_lock_refuses_the_build_and_leaves_the_site_byte_for_byte(small_site: Path) -> None:
    assert CliRunner().invoke(cli, build_args(small_site)).exit_code == 0
    before = tree(small_site / "site")
    with open(small_site / ".site-builds/lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # --no-cache: with the cache, a build of unchanged content finds nothing to write and takes no lock
        result = CliRunner().invoke(cli, [*build_args(small_site), "--no-cache"])
    assert result.exit_code == 1 and "another pace-site build is writing to" in result.output
    assert tree(small_site / "site") == before


def test_builds_racing_into_one_folder_never_fail_with_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "site"
    sites = [{"index.html": f"site {n}", **{f"p/{i}.html": f"{n}-{i}" for i in range(150)}} for n in range(2)]
    for _ in range(8):
        spec = [tmp_path / f"spec{n}.json" for n in range(2)]
        for path, site in zip(spec, sites, strict=True):
            path.write_text(json.dumps(site))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("PACE_SITE_FAULT_AT", None)
        running = [subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(path), "exchange"], env=env,
                                    cwd=ROOT, stderr=subprocess.PIPE, text=True) for path in spec]
        results = [(process.wait(60), process.stderr.read()) for process in running if process.stderr]
        assert any(code == 0 for code, _ in results)
        for code, errors in results:
            assert code == 0 or "another pace-site build is writing to" in errors, errors
            assert "Traceback" not in errors
        assert any(published(out, site) for site in sites)
    assert leftovers(out) == []


def test_output_is_readable_by_others_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        write_site([OutputFile("index.html", b"x", "a"), OutputFile("a/b/c.csv", b"y", "b")], tmp_path / "new/site")
    finally:
        os.umask(previous)
    for path in [tmp_path / "new", *(tmp_path / "new").rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


@pytest.mark.parametrize("inside", ["content", "content/files", "content/files/site", "data", "data/testshire/site",
                                    "theme/static/site"])
def test_out_inside_content_data_or_theme_is_refused(small_site: Path, inside: str) -> None:
    (small_site / "content/files").mkdir()
    (small_site / "theme/static").mkdir(parents=True)
    before = tree(small_site)
    result = CliRunner().invoke(cli, build_args(small_site, small_site / inside)
                                + ["--theme", str(small_site / "theme")])
    assert result.exit_code == 1
    assert "refusing to write the site to" in result.output and "choose an --out folder outside it" in result.output
    assert tree(small_site) == before


def test_out_reached_through_a_link_into_content_is_refused(small_site: Path) -> None:
    (small_site / "content/files").mkdir()
    (small_site / "elsewhere").symlink_to(small_site / "content/files")
    result = CliRunner().invoke(cli, build_args(small_site, small_site / "elsewhere/site"))
    assert result.exit_code == 1 and "inside the content folder" in result.output
    assert list((small_site / "content/files").iterdir()) == []


@pytest.mark.parametrize("kind", ["link to a folder of the user's", "file", "folder of the user's"])
def test_an_out_that_pace_site_did_not_make_is_never_replaced(tmp_path: Path, kind: str) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    out = tmp_path / "site"
    if kind == "file":
        out.write_text("mine")
    elif kind.startswith("link"):
        out.symlink_to(mine)
    else:
        out = mine
    with pytest.raises(PaceError, match="refusing to replace"):
        write_site([OutputFile("index.html", b"x", "a")], out)
    assert (mine / "notes.txt").read_text() == "mine" and sorted(os.listdir(mine)) == ["notes.txt"]
    assert not out.with_name(f".{out.name}-builds").exists()


def test_a_builds_folder_of_the_users_is_not_used(tmp_path: Path) -> None:
    (tmp_path / ".site-builds").mkdir()
    (tmp_path / ".site-builds/1").write_text("mine")
    with pytest.raises(PaceError, match="is not pace-site's"):
        write_site([OutputFile("index.html", b"x", "a")], tmp_path / "site")
    assert sorted(os.listdir(tmp_path / ".site-builds")) == ["1"]


def test_only_leftovers_of_pace_site_are_removed_from_its_builds_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([OutputFile("index.html", b"1", "a")], out)
    builds = tmp_path / ".site-builds"
    (builds / "7").mkdir()  # a killed build's folder
    (builds / "next").symlink_to("/etc")  # a killed build's link, never followed
    (builds / "notes.txt").write_text("mine")
    write_site([OutputFile("index.html", b"2", "a")], out)
    assert sorted(os.listdir(builds)) == [".pace-site-builds", "2", "lock", "notes.txt"]
    assert os.readlink(out) == ".site-builds/2"
    assert Path("/etc/passwd").exists()


def test_a_failed_build_leaves_the_site_and_its_builds_byte_for_byte(small_site: Path) -> None:
    assert CliRunner().invoke(cli, build_args(small_site)).exit_code == 0
    before = tree(small_site)
    (small_site / "content/site.yml").write_text("title: [broken\n")
    result = CliRunner().invoke(cli, build_args(small_site))
    assert result.exit_code == 1 and "site.yml" in result.output
    assert {k: v for k, v in tree(small_site).items() if k != "content/site.yml"} == \
        {k: v for k, v in before.items() if k != "content/site.yml"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """python3 -m http.server -d site, in a thread."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path / "site"))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_http_server_serves_the_linked_site_and_then_the_next_build(tmp_path: Path, server: str) -> None:
    write_site([OutputFile("index.html", b"first", "a")], tmp_path / "site")
    assert urllib.request.urlopen(server).read() == b"first"
    write_site([OutputFile("index.html", b"second", "a")], tmp_path / "site")
    assert urllib.request.urlopen(server).read() == b"second"
    assert (tmp_path / "site/index.html").read_bytes() == b"second"  # opening it from disk works too


def test_builds_killed_at_random_instants_leave_a_complete_site(tmp_path: Path) -> None:
    """SIGKILL at instants spread over a build's life, with no hook: always the complete old or new site."""
    out = tmp_path / "site"
    old = {"index.html": "old", **{f"o/{n}.html": "o" * 200 for n in range(800)}}
    new = {"index.html": "new", **{f"n/{n}.html": "n" * 200 for n in range(800)}}
    assert run_writer(out, old).returncode == 0
    spec = tmp_path / "new.json"
    spec.write_text(json.dumps(new))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PACE_SITE_FAULT_AT", None)
    outcomes = set()
    for tenth in range(12):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(spec), "exchange"], env=env, cwd=ROOT)
        time.sleep(tenth / 10)
        writer.kill()
        writer.wait(60)
        outcomes.add("new" if published(out, new) else "old" if published(out, old) else "broken")
        assert outcomes <= {"old", "new"}, tenth
        if "new" in outcomes:  # put the old site back, so the next kill may land anywhere again
            assert run_writer(out, old).returncode == 0
    assert run_writer(out, new).returncode == 0 and published(out, new) and leftovers(out) == []
