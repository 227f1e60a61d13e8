"""Content digests of what the build computed: equal objects give equal digests in every process.

The page cache (render/page_cache.py) keys each page by a digest of everything it is rendered from,
and the national figures are keyed by a digest of the reports they are audited against. A plain pickle
will not do for that: a set's order changes with each process's string hashing, and pickle writes an
object shared twice differently from two equal copies. So here sets are written sorted, nothing is
shared (pickle's "fast" mode: every object is written out in full), and objects whose digest is known
already (an authority's aim reports) are written as that digest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections.abc import Callable, Mapping
from typing import Any

Reduced = tuple[Any, ...]


class _Canonical(dict[type, Callable[[Any], Reduced]]):
    """pickle's dispatch table: a dataclass is written as its class and its fields, with every set sorted."""

    def __missing__(self, cls: type) -> Callable[[Any], Reduced]:
        reducer = _dataclass_fields if dataclasses.is_dataclass(cls) else _as_pickle_would
        self[cls] = reducer
        return reducer


def _dataclass_fields(obj: Any) -> Reduced:
    return type(obj), tuple(_sorted_if_set(getattr(obj, f.name)) for f in dataclasses.fields(obj))


def _sorted_if_set(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(value, key=repr)))
    return value


def _as_pickle_would(obj: Any) -> Reduced:
    reduced: Reduced = obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    return reduced


_TABLE = _Canonical()


class _Pickler(pickle.Pickler):
    def __init__(self, out: io.BytesIO, known: Mapping[int, str]) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True  # no memo: an object shared twice is written as two equal copies are
        self.dispatch_table = _TABLE
        self.known = known

    def persistent_id(self, obj: Any) -> str | None:
        return self.known.get(id(obj))


def stable_digest(*objects: Any, known: Mapping[int, str] | None = None) -> str:
    """SHA-256 of `objects`, the same for equal objects in any process; an object whose id is in `known`
    counts as its digest there (the caller keeps it alive while the digest is taken)."""
    out = io.BytesIO()
    _Pickler(out, known or {}).dump(objects)
    return hashlib.sha256(out.getvalue()).hexdigest()
