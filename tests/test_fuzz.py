"""Property-based tests: malformed CSV and front matter only ever produce the tool's own error."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pace_site.commands.cli import cli
from pace_site.commands.importer import load_mapping
from pace_site.model.errors import Problems
from pace_site.read.config import load_config
from pace_site.read.content import load_content
from pace_site.read.data import load_data
from pace_site.read.schema import AIM, AUTHORITY, CHANGE_IDEA, LEARNING_POINT, NEWSLETTER, PAGE, POSTER, SITE
from pace_site.read.sourcefile import read_document

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "content", Problems())

csv_cells = st.one_of(st.just(""), st.dates().map(str), st.text(max_size=12),
                      st.sampled_from(["2018-02-30", "01/02/2018", "NaN", "\"", "0101151234", "EH1 1AA", ",", "\n"]))
csv_headers = st.lists(st.sampled_from(["accommodated", "recommendation", "panel", "route", "age_band", "locality",
                                        "name", "", "Accommodated ", "measure"]), min_size=1, max_size=5)
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=10), st.dates()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
front_matter_keys = st.sampled_from(["name", "community", "joined", "contact", "data_as_at", "aims", "id", "start",
                                     "end", "timescale", "target", "cohort_start", "deadline", "statement", "phases"])


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    headers = draw(csv_headers)
    rows = draw(st.lists(st.lists(csv_cells, min_size=len(headers), max_size=len(headers) + 1), max_size=6))
    return "\n".join(",".join(row) for row in [headers, *rows]) + draw(st.sampled_from(["", "\n", "\r\n"]))


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    import yaml

    fields = draw(st.dictionaries(front_matter_keys, yaml_values, max_size=8))
    aims = draw(st.lists(st.dictionaries(front_matter_keys, yaml_values, max_size=6), max_size=2))
    if aims:
        fields["aims"] = aims
    text = yaml.safe_dump(fields, default_flow_style=False)
    noise = draw(st.sampled_from(["", "  bad: [", "\t:", "---", "- x", "key: 'unclosed"]))
    return "---\n" + text + noise + "\n---\nBody\n"


# PACE_FUZZ_EXAMPLES=5000 for a longer hunt than CI's
EXAMPLES = int(os.environ.get("PACE_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_as_a_markdown_file_is_read_or_reported(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.md"
        path.write_text(text, encoding="utf-8")
        problems = Problems()
        document = read_document(path, problems)
        assert document is not None or problems.items
        assert all(p.message for p in problems.items)


@SETTINGS
@given(text=front_matter())
def test_malformed_authority_front_matter_gives_only_problems(text: str) -> None:
    assert CONFIG is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "authorities" / "testshire" / "authority.md"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        problems = Problems()
        load_content(Path(folder), CONFIG, problems)
        assert all(p.file.endswith("authority.md") and p.message for p in problems.items)


@SETTINGS
@given(journeys=csv_texts(), measures=csv_texts())
def test_malformed_csv_gives_only_problems_with_a_line(journeys: str, measures: str) -> None:
    assert CONFIG is not None
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "testshire"
        data.mkdir()
        (data / "journeys.csv").write_text(journeys, encoding="utf-8")
        (data / "measures.csv").write_text(measures, encoding="utf-8")
        problems = Problems()
        load_data(Path(folder), ["testshire"], CONFIG, problems)
        for problem in problems.items:
            assert problem.message and (problem.line is not None or "CSV" in problem.message)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(journeys=csv_texts())
def test_check_on_a_site_with_a_malformed_csv_exits_cleanly(small_site: Path, journeys: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(small_site / "content", root / "content")
        shutil.copytree(small_site / "data", root / "data")
        (root / "data/testshire/journeys.csv").write_text(journeys, encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", "--content", str(root / "content"), "--data", str(root / "data")])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# Every loader and a whole build, under generated YAML, Markdown and CSV: only the tool's own problems.

SCHEMA_KEYS = sorted({*(SITE.fields or {}), *(AUTHORITY.fields or {}), *(AIM.fields or {}), *(POSTER.fields or {}),
                      *(NEWSLETTER.fields or {}), *(CHANGE_IDEA.fields or {}), *(LEARNING_POINT.fields or {}),
                      *(PAGE.fields or {}), "term", "definition", "threshold", "treshold", "localty"})
YAML_ALPHABET = ":-[]{}&*!|>'\"#%@,?~ \n\tabcxyz019._\\/\u2028\u00e9\x00"
yaml_noise = st.text(alphabet=YAML_ALPHABET, max_size=120)
yaml_snippets = st.sampled_from([
    "&a [*a]", "&x {k: *x}", "!!python/object:os.system ls", "!!binary aGk=", "0001-01-01", "9999-12-31",
    "2018-02-30", "1e999", "-7.5 months", "9" * 400, "[" * 60, "{a: 1, a: 2}", "? [a]\n: b", "off", "~", "'unclosed",
    "*undefined", "<<: *a", "@at", "%percent", "|\n  block", ">-\n  folded", "\t", "a: b: c",
])


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """YAML from well-formed mappings of the schemas' keys to odd values, with noise and hostile snippets mixed in."""
    import yaml

    keys = st.one_of(st.sampled_from(SCHEMA_KEYS), st.text(max_size=6))
    document = draw(st.dictionaries(keys, yaml_values, max_size=6))
    lines = yaml.safe_dump(document, default_flow_style=draw(st.booleans()), allow_unicode=True).splitlines()
    for _ in range(draw(st.integers(0, 3))):
        extra = (f"{draw(st.sampled_from(SCHEMA_KEYS))}: {draw(yaml_snippets)}" if draw(st.booleans())
                 else draw(yaml_noise))
        lines.insert(draw(st.integers(0, len(lines))), extra)
    return "\n".join(lines) + "\n"


@st.composite
def markdown_texts(draw: st.DrawFn) -> str:
    fence = draw(st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "", "--- \n"]))
    closing = draw(st.sampled_from(["---\n", "---\r\n", "", "...\n"]))
    body = draw(st.one_of(st.text(max_size=80), st.sampled_from([
        "[" * 1200, "![" * 600, "<a " * 2100, "".join("  " * i + "- x\n" for i in range(60)), ">" * 500 + " x",
        "<script>alert(1)</script>", "[x](javascript:alert(1))", "## \n## \n", "\x00", "\r\n" * 50,
    ])))
    return fence + draw(yaml_texts()) + closing + body


MARKDOWN_PLACES = ["authorities/testshire/authority.md", "authorities/testshire/poster.md",
                   "authorities/testshire/newsletters/2019-04.md", "change-ideas/an-idea.md", "learning/a-point.md",
                   "pages/about.md"]


def only_problems(run) -> Problems:  # type: ignore[no-untyped-def]
    """Run a loader; any exception fails the test, and every problem must say something."""
    problems = Problems()
    run(problems)
    assert all(p.message and p.file for p in problems.items + problems.warnings)
    return problems


@SETTINGS
@given(text=yaml_texts(), encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"]))
def test_generated_yaml_as_site_yml_glossary_or_mapping_gives_only_problems(text: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        data = text.encode(encoding, errors="replace")
        for name in ("site.yml", "glossary.yml", "mapping.yml"):
            (content / name).write_bytes(data)
        only_problems(lambda problems: load_config(content, problems))
        assert CONFIG is not None
        only_problems(lambda problems: load_content(content, CONFIG, problems))
        only_problems(lambda problems: load_mapping(content / "mapping.yml", problems))


@SETTINGS
@given(text=markdown_texts(), place=st.sampled_from(MARKDOWN_PLACES))
def test_generated_markdown_in_every_place_gives_only_problems(text: str, place: str) -> None:
    assert CONFIG is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / place
        path.parent.mkdir(parents=True)
        path.write_bytes(text.encode("utf-8", errors="replace"))  # a lone surrogate cannot be written as UTF-8
        if place.startswith("authorities/") and not place.endswith("authority.md"):
            (path.parents[1 if "newsletters" in place else 0] / "authority.md").write_text(
                "---\nname: T\ncommunity: islands\njoined: 2018-01-01\ncontact: t@example.org\n---\n")
        only_problems(lambda problems: load_content(Path(folder), CONFIG, problems))


csv_bytes = st.one_of(
    csv_texts().map(lambda text: text.encode("utf-8")),
    csv_texts().map(lambda text: text.encode("utf-16")),
    csv_texts().map(lambda text: text.encode("cp1252", errors="replace") + b"\x93\x94"),
    st.binary(max_size=200),
)


@SETTINGS
@given(journeys=csv_bytes, measures=csv_bytes)
def test_generated_csv_bytes_give_only_problems(journeys: bytes, measures: bytes) -> None:
    assert CONFIG is not None
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "testshire"
        data.mkdir()
        (data / "journeys.csv").write_bytes(journeys)
        (data / "measures.csv").write_bytes(measures)
        only_problems(lambda problems: load_data(Path(folder), ["testshire"], CONFIG, problems))


@settings(max_examples=max(20, EXAMPLES // 20), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(["content/site.yml", "content/glossary.yml", *(f"content/{p}" for p in MARKDOWN_PLACES)]),
       text=st.one_of(yaml_texts(), markdown_texts()), journeys=csv_bytes)
def test_a_whole_build_under_generated_input_ends_cleanly(small_site: Path, place: str, text: str,
                                                         journeys: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(small_site / "content", root / "content")
        shutil.copytree(small_site / "data", root / "data")
        path = root / place
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", errors="replace"))
        (root / "data/testshire/journeys.csv").write_bytes(journeys)
        result = CliRunner().invoke(cli, ["build", "--content", str(root / "content"), "--data", str(root / "data"),
                                          "--out", str(root / "site")])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "internal error" not in result.output, result.output
