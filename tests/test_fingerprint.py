"""Content digests for the page cache: equal objects, equal digests, in every process."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from pace_site.publish.release import Release
from pace_site.util.fingerprint import stable_digest


@dataclass(frozen=True)
class Row:
    label: str
    when: date
    tags: frozenset[str] = frozenset()


RELEASE = Release(frozenset({"met", "late", "waiting past", "pending", "cohort"}), percent_rule=True)
DIGEST_IN_A_NEW_PROCESS = (
    "from pace_site.util.fingerprint import stable_digest; from pace_site.publish.release import Release; "
    "print(stable_digest(Release(frozenset({'met', 'late', 'waiting past', 'pending', 'cohort'}), percent_rule=True)))")


def test_a_set_gives_the_same_digest_whatever_the_process_string_hashing() -> None:
    digests = {subprocess.run([sys.executable, "-c", DIGEST_IN_A_NEW_PROCESS], capture_output=True, text=True,
                              check=True, cwd=ROOT, env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout
               for seed in (1, 2, 3, 4)}
    assert digests == {stable_digest(RELEASE) + "\n"}


def test_any_change_of_any_field_changes_the_digest() -> None:
    row = Row("Waiting", date(2020, 3, 1), frozenset({"a", "b"}))
    variants = [replace(row, label="waiting"), replace(row, when=date(2020, 3, 2)), replace(row, tags=frozenset({"a"})),
                replace(row, tags=frozenset({"a", "b", "c"}))]
    assert len({stable_digest(row)} | {stable_digest(variant) for variant in variants}) == 1 + len(variants)
    assert stable_digest(row) == stable_digest(Row("Waiting", date(2020, 3, 1), frozenset({"b", "a"})))


def test_an_object_shared_twice_is_digested_as_two_equal_copies_are() -> None:
    row = Row("Waiting", date(2020, 3, 1))
    assert stable_digest([row, row]) == stable_digest([row, Row("Waiting", date(2020, 3, 1))])


def test_a_known_object_counts_as_its_digest() -> None:
    big, other = Row("a big report", date(2020, 1, 1)), Row("another", date(2020, 1, 1))
    known = {id(big): "digest of the big report"}
    assert stable_digest({"report": big}, known=known) == stable_digest({"report": big}, known=dict(known))
    assert stable_digest({"report": big}, known=known) != stable_digest({"report": other}, known=known)
    assert stable_digest({"report": big}, known=known) != stable_digest({"report": big})


def test_the_tools_digest_is_taken_over_every_module_of_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit to any module (a sentence in publish/narrative.py, a stage in build/) is another tool, so nothing
    cached by the old code is reused: the digest covers the whole package, not the cache module's own folder."""
    import pace_site
    from pace_site.util import cache

    folders: list[Path] = []
    real = cache.folder_digests

    def recorded(folder: Path) -> dict[str, str]:
        folders.append(Path(folder).resolve())
        return real(folder)

    monkeypatch.setattr(cache, "folder_digests", recorded)
    cache.tool_digest.__wrapped__()
    package = Path(pace_site.__file__).resolve().parent
    assert package in folders
    assert {"publish", "build", "render", "read", "model"} <= {p.name for p in package.iterdir() if p.is_dir()}
