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

from pace_site.model.errors import Problems
from pace_site.read.textfile import read_text

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


MAX_DEPTH = 40  # nesting of lists and mappings: content files need four or five
MAX_VALUES = 20_000  # values, aliases expanded: a glossary has hundreds; an "alias bomb" stops here
TOO_MANY_VALUES = (f"this holds more than {MAX_VALUES:,} values, counting every use of an alias (*name) in full: "
                   "split it up, or write the values out instead of repeating an alias")
ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}"
                for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
QUOTE_CAUSES = ("mapping values are not allowed", "cannot start any token", "undefined alias", "expected alphabetic")
QUOTE_HINT = ("; if a value contains ': ' or starts with a character such as '[', '{', '*', '&', '!', '%' or '@', "
              "put the whole value in quotes, for example title: \"Aim 2: decisions\"")
TAB_HINT = "; indent with spaces, not tabs"


class YamlTooLarge(Exception):
    """Raised while composing or converting a document that is nested too deep or expands too far."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's composer recurses once per level, and is slow: stop it at a depth and a number of values."""

    depth = 0
    nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        self.nodes += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlTooLarge(self._next_line(), f"the values are nested more than {MAX_DEPTH} levels deep")
            if self.nodes > MAX_VALUES:
                raise YamlTooLarge(self._next_line(), TOO_MANY_VALUES)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _next_line(self) -> int:
        """The line (from 1) of the node about to be composed."""
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # types-PyYAML leaves it unannotated
        assert event.start_mark is not None  # PyYAML's parser marks every event it makes
        return event.start_mark.line + 1


@dataclass
class _Converter:
    """Plain Python values from nodes, remembering lines; duplicate keys and foreign tags are problems."""

    path: Path
    problems: Problems
    offset: int
    lines: dict[KeyPath, int] = field(default_factory=dict)
    values: int = 0

    def convert(self, node: yaml.Node, path: KeyPath) -> Any:
        self.values += 1
        line = node.start_mark.line + 1  # in the YAML text; parse_yaml adds the offset
        if self.values > MAX_VALUES:
            raise YamlTooLarge(line, TOO_MANY_VALUES)
        if len(path) > MAX_DEPTH:
            raise YamlTooLarge(line, "an alias (*name) refers to the value that contains it, or the values are "
                                     f"nested more than {MAX_DEPTH} levels deep")
        self.lines.setdefault(path, line + self.offset)
        if node.tag not in ALLOWED_TAGS:
            self.problems.add(self.path, line + self.offset,
                              f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed: "
                              "write plain values (text, numbers, dates, lists, 'field: value')")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return _scalar(node)

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + self.offset
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add(self.path, line, "expected a field name before ':', found a list or mapping")
                continue
            key = str(key_node.value)
            child = path + (key,)
            if key in result:
                self.problems.add(self.path, line, f"the field '{key}' appears twice, on lines {self.lines[child]} "
                                                   f"and {line}: keep one")
                continue
            self.lines[child] = line  # the key's line, not its value's
            result[key] = self.convert(value_node, child)
        return result


def _scalar(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        # An impossible value such as the date 2018-02-30: keep the text, so
        # the field's own check reports it with its line.
        return node.value
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path, problems: Problems, offset: int = 0) -> Located | None:
    """Parse YAML text; a syntax error, or a document too deep or too large, becomes a problem with its line."""
    try:
        loader = _LimitedLoader(text)
    except yaml.reader.ReaderError as error:  # a control character, found before parsing starts
        line = text[:error.position].count("\n") + 1 + offset
        problems.add(path, line, f"this is not valid YAML (the control character #x{error.character:04x} is not "
                                 "allowed: delete it, or retype the line)")
        return None
    try:
        node = loader.get_single_node()
        converter = _Converter(path, problems, offset)
        data = converter.convert(node, ()) if node is not None else None
    except yaml.YAMLError as error:
        problems.add(path, *_yaml_error(error, offset))
        return None
    except YamlTooLarge as error:
        problems.add(path, error.line + offset, error.message)
        return None
    finally:
        loader.dispose()
    return Located(path, data, converter.lines if node is not None else {}, first_line=offset + 1)


def _yaml_error(error: yaml.YAMLError, offset: int) -> tuple[int, str]:
    """The line where the broken construct starts (PyYAML's context), and what is wrong."""
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None) or problem
    line = context.line + 1 + offset if context is not None else offset + 1
    reason = getattr(error, "problem", None) or str(error)
    if problem is not None and problem.line + 1 + offset != line:
        reason += f"; noticed on line {problem.line + 1 + offset}"
    if "'\\t'" in reason:
        reason += TAB_HINT
    elif any(cause in reason for cause in QUOTE_CAUSES):
        reason += QUOTE_HINT
    return line, f"this is not valid YAML ({reason})"


def read_yaml_file(path: Path, problems: Problems) -> Located | None:
    text = read_text(path, problems)
    if text is None or not within_markdown_limits(text, path, problems):
        return None
    return parse_yaml(text, path, problems)


# Python-Markdown takes time that grows with the cube of the brackets in a paragraph, and the
# square of its HTML tags, and recurses once per level of a nested list: a hostile file of a few
# kilobytes would take minutes or end in RecursionError. Real pages use a handful of each.
MARKDOWN_LIMITS = {"[": 1_000, "<": 2_000}
MAX_INDENT = 100


def within_markdown_limits(text: str, path: Path, problems: Problems) -> bool:
    """Whether a file that holds Markdown stays within what the Markdown reader handles quickly."""
    for character, limit in MARKDOWN_LIMITS.items():
        if text.count(character) > limit:
            line = text[:_nth(text, character, limit + 1)].count("\n") + 1
            problems.add(path, line, f"this file has more than {limit:,} '{character}' characters (from here on): "
                                     "the Markdown reader would take minutes; split the file up")
            return False
    for number, line_text in enumerate(text.splitlines(), start=1):
        if len(line_text) - len(line_text.lstrip()) > MAX_INDENT:
            problems.add(path, number, f"this line is indented by more than {MAX_INDENT} spaces: expected lists "
                                       "and quotes nested a few levels deep at most")
            return False
    return True


def _nth(text: str, character: str, count: int) -> int:
    position = -1
    for _ in range(count):
        position = text.index(character, position + 1)
    return position


def read_document(path: Path, problems: Problems) -> SourceDocument | None:
    """Split a Markdown file into its YAML front matter and its body."""
    text = read_text(path, problems)
    if text is None or not within_markdown_limits(text, path, problems):
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
