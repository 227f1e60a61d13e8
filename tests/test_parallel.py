"""Both cores: a parallel build writes exactly the bytes a serial one does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.util.cache import CACHE_FOLDER, BuildCache
from pace_site.util.parallel import ordered_map
from tests.support.site_files import files_outside_search_index_tables


def test_a_parallel_build_is_byte_identical_to_a_serial_one(tmp_path: Path) -> None:
    """The parallel build starts with an empty cache, so its workers make the reports (BuildCache.fill)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build(BuildOptions(tmp_path / "content", tmp_path / "data", serial, jobs=1, cache=False))
    build(BuildOptions(tmp_path / "content", tmp_path / "data", parallel, jobs=2))
    authorities = list((ROOT / "content/authorities").iterdir())
    assert len(list((tmp_path / CACHE_FOLDER / "reports").iterdir())) == len(authorities)
    first, second = files_outside_search_index_tables(serial), files_outside_search_index_tables(parallel)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert len([name for name in first if name.endswith(".html")]) > 50


def test_ordered_map_keeps_the_order_and_runs_in_other_processes() -> None:
    import os

    results = ordered_map(lambda n: (n * n, os.getpid()), list(range(40)), jobs=2)
    assert [square for square, _ in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for _, pid in results}


def test_an_error_in_a_worker_reaches_the_build() -> None:
    import pytest

    from pace_site.model.errors import PaceError

    def fail_on_seven(n: int) -> int:
        if n == 7:
            raise PaceError("seven is not allowed")
        return n

    with pytest.raises(PaceError, match="seven is not allowed"):
        ordered_map(fail_on_seven, list(range(20)), jobs=2)


def test_cache_entries_made_by_workers_are_read_here_and_a_failure_is_made_again_here(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / CACHE_FOLDER, {}, {}, {}, "settings")
    wanted = {f"{n:064x}": n for n in range(6)}

    def square_but_not_three(n: int) -> tuple[int, int]:
        if n == 3:
            raise ValueError("three cannot be made")
        return n * n, os.getpid()

    cache.fill("reports", wanted, square_but_not_three, jobs=2)
    made = {n: cache.lookup("reports", key) for key, n in wanted.items()}
    assert {n: found[0] for n, found in made.items() if found} == {0: 0, 1: 1, 2: 4, 4: 16, 5: 25}
    assert os.getpid() not in {found[1] for found in made.values() if found}
    with pytest.raises(ValueError, match="three cannot be made"):
        cache.remember("reports", f"{3:064x}", lambda: square_but_not_three(3))
