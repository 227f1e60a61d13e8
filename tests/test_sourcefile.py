from pathlib import Path

from pace_site.model.errors import Problems
from pace_site.read.sourcefile import parse_yaml, read_document


def test_lines_of_nested_keys_and_list_items(tmp_path: Path) -> None:
    text = "title: A\naims:\n  - id: one\n    target: 50\n  - id: two\n    target: 60\n"
    located = parse_yaml(text, tmp_path / "x.yml", Problems())
    assert located is not None
    assert located.line("aims", 1, "target") == 6
    assert located.line("aims", 0) == 3
    assert located.line("title") == 1
    assert located.line("missing", "key") == 1


def test_front_matter_lines_count_from_the_file_start(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("---\ntitle: T\ndate: 2019-01-01\n---\n# Body\n")
    document = read_document(path, Problems())
    assert document is not None
    assert document.meta.line("date") == 3
    assert document.body.startswith("# Body")
    assert document.body_line == 5


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("---\ntitle: T\naims: [one, two\ndate: 2019-01-01\n---\nBody\n")
    problems = Problems()
    assert read_document(path, problems) is None
    assert len(problems.items) == 1
    assert problems.items[0].line in (3, 4)
    assert "not valid YAML" in problems.items[0].message


def test_missing_or_unclosed_front_matter(tmp_path: Path) -> None:
    missing, unclosed = tmp_path / "a.md", tmp_path / "b.md"
    missing.write_text("No front matter here\n")
    unclosed.write_text("---\ntitle: T\n")
    problems = Problems()
    assert read_document(missing, problems) is None
    assert read_document(unclosed, problems) is None
    messages = [p.message for p in problems.items]
    assert "expected front matter" in messages[0]
    assert "not closed" in messages[1]
