"""Code gates that pytest runs: no function in pace_site has more paths through it than a reader can follow.

The other gates (lint-imports, mypy, ruff check) run in scripts/test.sh before pytest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

PACKAGE = Path(__file__).resolve().parent.parent / "pace_site"
MAX_COMPLEXITY = 15  # radon's cyclomatic complexity: 1 plus one for each if, loop, boolean operator, except...


def functions(blocks: Iterable[Function | Class]) -> Iterator[Function]:
    """Every function and method in what cc_visit found, each once: nested functions and the methods of nested
    classes too, which cc_visit lists only inside the block they are in (and does not count towards it)."""
    seen: set[tuple[int, int]] = set()

    def walk(blocks: Iterable[Function | Class]) -> Iterator[Function]:
        for block in blocks:
            if isinstance(block, Class):
                yield from walk([*block.methods, *block.inner_classes])
            elif (block.lineno, block.col_offset) not in seen:
                seen.add((block.lineno, block.col_offset))
                yield block
                yield from walk(block.closures)

    return walk(blocks)


def too_complex(limit: int = MAX_COMPLEXITY) -> list[str]:
    return [f"{path.relative_to(PACKAGE.parent)}:{function.lineno} {function.fullname} ({function.complexity})"
            for path in sorted(PACKAGE.rglob("*.py"))
            for function in functions(cc_visit(path.read_text(encoding="utf-8")))
            if function.complexity > limit]


def test_no_function_in_pace_site_is_more_complex_than_15() -> None:
    found = too_complex()
    assert not found, (f"{len(found)} functions have a cyclomatic complexity over {MAX_COMPLEXITY} "
                       "(radon cc); split each into steps with names:\n  " + "\n  ".join(found))


def test_the_gate_sees_methods_nested_functions_and_nested_classes_once_each() -> None:
    source = ("class A:\n"
              "    class B:\n"
              "        def n(self, x):\n"
              "            return 1 if x else 2\n"
              "    def m(self, x):\n"
              "        def inner(y):\n"
              "            return y if y and x else 0\n"
              "        return x\n")
    found = sorted((f.fullname, f.complexity) for f in functions(cc_visit(source)))
    assert found == [("A.m", 1), ("B.n", 2), ("inner", 3)]
