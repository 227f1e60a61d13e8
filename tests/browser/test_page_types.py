"""The browser tests cover every kind of page the example site has."""

from __future__ import annotations

from pathlib import Path

from browser_support import PageType


def test_page_types_include_every_section(built_site: Path, all_page_types: list[PageType]) -> None:
    names = {t.name for t in all_page_types}
    wanted = {"home", "authorities", "authorities/*", "authorities/*/poster", "authorities/*/newsletters",
              "authorities/*/newsletters/*", "newsletters", "change-ideas", "change-ideas/*", "learning",
              "glossary", "accessibility"}
    if (built_site / "national" / "index.html").exists():
        wanted.add("national")
    assert wanted <= names, f"page types found: {sorted(names)}"


def test_each_page_type_is_one_real_page(built_site: Path, all_page_types: list[PageType]) -> None:
    for page_type in all_page_types:
        assert (built_site / page_type.path).is_file(), page_type
