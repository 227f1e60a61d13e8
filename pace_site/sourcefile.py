"""Reading YAML and Markdown-with-front-matter files, keeping line numbers.

PyYAML's composer gives every node its position; we build plain Python values
from the nodes and remember the line of every key and list item, so that a
validation problem found later can still name the line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

KeyPath = tuple[str | int, ...]
FRONT_MATTER_FENCE = "---"


@dataclass
class Located:
    """Parsed YAML data with the 1-based line of each key path in the file."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1

    def dotted_lines(self) -> dict[str, int]:
        return {".".join(str(k) for k in keys): line for keys, line in self.lines.items() if keys}

    def line(self, *keys: str | int) -> int:
        """The line of the deepest known key on `keys`, else the block's first line."""
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return self.first_line


@dataclass
class SourceDocument:
    """A Markdown file: front matter (with lines) and the body that follows it."""

    meta: Located
    body: str
    body_line: int


def _to_python(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], offset: int) -> Any:
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            child = path + (str(key),)
            result[str(key)] = _to_python(value_node, child, lines, offset)
            lines[child] = key_node.start_mark.line + 1 + offset
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path + (i,), lines, offset) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError):
        # An impossible value such as the date 2018-02-30: keep the text, so
        # the field's own check reports it with its line.
        return node.value
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path, problems: Problems, offset: int = 0) -> Located | None:
    """Parse YAML text; a syntax error becomes a problem with its line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        problems.add(path, *_yaml_error(error, offset))
        return None
    lines: dict[KeyPath, int] = {}
    data = _to_python(node, (), lines, offset) if node is not None else None
    return Located(path, data, lines, first_line=offset + 1)


def _yaml_error(error: yaml.YAMLError, offset: int) -> tuple[int, str]:
    """The line where the broken construct starts (PyYAML's context), and what is wrong."""
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None) or problem
    line = context.line + 1 + offset if context is not None else offset + 1
    reason = getattr(error, "problem", None) or str(error)
    if problem is not None and problem.line + 1 + offset != line:
        reason += f"; noticed on line {problem.line + 1 + offset}"
    return line, f"this is not valid YAML ({reason})"


def read_yaml_file(path: Path, problems: Problems) -> Located | None:
    text = read_text(path, problems)
    return None if text is None else parse_yaml(text, path, problems)


def read_text(path: Path, problems: Problems) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")  # a byte order mark, as some editors write, is not text
    except UnicodeDecodeError as error:
        problems.add(path, None, f"expected UTF-8 text, found a byte that is not ({error.reason})")
    except OSError as error:
        problems.add(path, None, f"could not be read ({error.strerror})")
    return None


def read_document(path: Path, problems: Problems) -> SourceDocument | None:
    """Split a Markdown file into its YAML front matter and its body."""
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        problems.add(path, 1, "expected front matter: a line '---', YAML fields, then another '---'")
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER_FENCE:
            meta = parse_yaml("".join(lines[1:index]), path, problems, offset=1)
            if meta is None:
                return None
            if not isinstance(meta.data, dict):
                problems.add(path, 2, "expected the front matter to be 'field: value' lines")
                return None
            return SourceDocument(meta, "".join(lines[index + 1:]), index + 2)
    problems.add(path, 1, "the front matter is not closed: expected a second '---' line")
    return None
