"""Both cores: a parallel build writes exactly the bytes a serial one does."""

from __future__ import annotations

from pathlib import Path

from pace_site.parallel import ordered_map
from pace_site.pipeline import BuildOptions, build

from conftest import ROOT
from test_example_site import _files_outside_search_index_tables


def test_a_parallel_build_is_byte_identical_to_a_serial_one(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build(BuildOptions(ROOT / "content", ROOT / "data", serial, jobs=1))
    build(BuildOptions(ROOT / "content", ROOT / "data", parallel, jobs=2))
    first, second = _files_outside_search_index_tables(serial), _files_outside_search_index_tables(parallel)
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

    from pace_site.errors import PaceError

    def fail_on_seven(n: int) -> int:
        if n == 7:
            raise PaceError("seven is not allowed")
        return n

    with pytest.raises(PaceError, match="seven is not allowed"):
        ordered_map(fail_on_seven, list(range(20)), jobs=2)
