"""Property-based tests: malformed CSV and front matter only ever produce the tool's own error."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pace_site.cli import cli
from pace_site.config import load_config
from pace_site.content import load_content
from pace_site.data import load_data
from pace_site.errors import Problems
from pace_site.sourcefile import read_document

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


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
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
