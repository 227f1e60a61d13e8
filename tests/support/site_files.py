"""Helpers several test modules share: the files of a built site, and a build compared with a cold one."""

from __future__ import annotations

import re
from pathlib import Path

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build


def options(root: Path, out: str = "site", **settings: object) -> BuildOptions:
    return BuildOptions(root / "content", root / "data", root / out, **settings)  # type: ignore[arg-type]


def files_outside_search_index_tables(site: Path) -> dict[str, bytes]:
    """Every file but Pagefind's filter and metadata tables, which Pagefind writes in a varying order
    (Pagefind/pagefind#638: its page fragments are stable, those tables are not)."""
    varying = re.compile(r"^pagefind/(filter/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json)$")
    return {name: p.read_bytes() for p in site.rglob("*") if p.is_file()
            and not varying.match(name := p.relative_to(site).as_posix())}


def assert_same_as_a_cold_build(root: Path, **settings: object) -> None:
    build(options(root, "cold", cache=False, **settings))
    incremental, cold = (files_outside_search_index_tables(root / name) for name in ("site", "cold"))
    assert incremental.keys() == cold.keys()
    assert [name for name in incremental if incremental[name] != cold[name]] == []
