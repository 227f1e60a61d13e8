"""The schemas and the loaders agree: a field a loader reads is a field its file may have."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pace_site.build.options import BuildOptions
from pace_site.build.reading import read_site
from pace_site.model.errors import Problems
from pace_site.read import schema
from pace_site.read.chart_blocks import CHART_BLOCK
from pace_site.read.fields import Fields

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {"site.yml": schema.SITE, "authority.md": schema.AUTHORITY, "poster.md": schema.POSTER,
           "newsletters": schema.NEWSLETTER, "change-ideas": schema.CHANGE_IDEA, "learning": schema.LEARNING_POINT,
           "pages": schema.PAGE, "reports": schema.REPORT, "glossary.yml": schema.GLOSSARY}
FRONT_MATTER_FIRST_LINE = 2  # a chart block's YAML (chart_blocks.CHART_BLOCK) starts further down its file


def declared(key: schema.Key, path: tuple[str, ...]) -> bool:
    """Whether the schema has a field at this path of names (list positions left out)."""
    for name in path:
        if key.fields is None or name not in key.fields:
            return False
        key = key.fields[name]
    return True


def schema_of(file: Path) -> schema.Key:
    return next(key for part, key in SCHEMAS.items() if part in file.parts or file.name == part)


def test_every_field_a_loader_reads_is_in_its_files_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    read: set[tuple[Path, bool, tuple[str, ...]]] = set()
    original = Fields.raw

    def recording_raw(self: Fields, key: str, required: bool) -> Any:
        names = tuple(part for part in self.prefix if isinstance(part, str))
        read.add((self.source.path, self.source.first_line > FRONT_MATTER_FIRST_LINE, names + (key,)))
        return original(self, key, required)

    monkeypatch.setattr(Fields, "raw", recording_raw)
    read_site(BuildOptions(ROOT / "content", ROOT / "data", ROOT / "site"))
    undeclared = sorted({(path.name, ".".join(names)) for path, in_block, names in read
                         if not declared(CHART_BLOCK if in_block else schema_of(path),
                                         names[1:] if path.name == "glossary.yml" else names)})
    assert read and undeclared == []
    assert any(in_block for _, in_block, _ in read)  # the example's chart blocks were read too


def test_a_misspelt_field_names_its_line_and_the_nearest_field(tmp_path: Path) -> None:
    from pace_site.read.sourcefile import parse_yaml

    problems = Problems()
    located = parse_yaml("title: T\ndisclosure:\n  treshold: 10\nlocalty: x\nzzz: 1\n", tmp_path / "site.yml", problems)
    assert located is not None
    schema.check(located, schema.SITE, problems)
    assert [(p.line, p.message.split(" (expected")[0].split(", ")[0]) for p in problems.items] == [
        (3, "unknown field 'treshold' in 'disclosure': did you mean 'threshold'?"),
        (4, "unknown field 'localty': expected one of age_bands"),
        (5, "unknown field 'zzz': expected one of age_bands"),
    ]
