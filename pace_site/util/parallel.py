"""Both cores where it pays: an ordered map over forked worker processes.

The workers are forked, so they start with everything the build has read and computed so
far; only each item's index goes to a worker and only its result comes back (pickled). The
results come back in the order of the items, so a parallel build writes exactly the bytes a
serial one does (tests/test_parallel.py compares every file). Where fork is not available,
with one job, or for one item, the map runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 2
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what the forked workers inherit


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def ordered_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int = 0) -> list[Result]:
    """[function(item) for item in items], over `jobs` processes (0: one per usable core)."""
    jobs = worker_count(len(items), jobs)
    if jobs < 2:
        return [function(item) for item in items]
    global _work
    _work = (function, items)
    gc.freeze()  # a worker's garbage collector leaves what it inherited alone, so those pages stay shared
    try:
        chunks = _chunks(len(items), jobs * 4)  # several chunks a worker, so an unlucky slow one evens out
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_run_chunk, chunks) for result in chunk]
    finally:
        _work = None
        gc.unfreeze()


def worker_count(items: int, jobs: int) -> int:
    """How many processes ordered_map uses for `items` items: 1 means this process alone."""
    if items < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(jobs or usable_cores(), items))


def _chunks(count: int, pieces: int) -> list[tuple[int, int]]:
    size = -(-count // pieces)
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _work is not None, "a worker of ordered_map runs only in a process forked by it"
    function, items = _work
    return [function(items[index]) for index in range(*bounds)]
