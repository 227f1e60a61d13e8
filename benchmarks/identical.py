"""Proof that a refactoring changed no behaviour: the same input builds the same bytes before and after it.

    python3 benchmarks/identical.py                           # HEAD against the working tree (uncommitted changes too)
    python3 benchmarks/identical.py --before d42c339 --after HEAD
    python3 benchmarks/identical.py --before main --no-scale  # only the example site (about a minute)

Two trees are compared: BEFORE, a commit exported with `git archive` into a temporary folder, and AFTER,
either another commit exported the same way or (the default) this repository's working tree as it is.
Each tree builds in a fresh `build.py build --no-cache` process whose working folder and PYTHONPATH are
that tree, so it imports its own pace_site and finds its own themes/default. The outputs are written
outside both trees. Two sites are built by each tree:

1. the example site: the tree's own content/ and data/;
2. a Scotland-scale site (32 authorities, about 25,000 children, as benchmarks/scale.py makes it),
   generated once by the BEFORE tree's benchmarks/scale.py (the AFTER tree's if BEFORE has none)
   and built from that one folder by both trees. `--no-scale` skips it.

For each site every published file (the `site` link resolved to its build folder) and the disclosure
report written beside it (`site.disclosure.txt`) must have the same relative path and the same bytes.
Only Pagefind's search index is left out (pagefind/pagefind-entry.json and the *.pf_* files: their
names and bytes change from one build to the next even with the same code); Pagefind's own scripts,
styles and WebAssembly are compared. Prints the files compared and, when they differ, the files that
differ, are missing or are extra (the first 20) with a short diff of the first difference.
Exits 0 when everything is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCALE = (32, 25_000, 150)  # authorities, children, change ideas: benchmarks/scale.py's Scotland
SHOWN = 20  # differing, missing or extra files listed at most
GENERATE = ("import sys; from pathlib import Path; sys.path.insert(0, 'benchmarks'); import scale; "
            "scale.generate(Path(sys.argv[1]), *map(int, sys.argv[2:]))")


@dataclass(frozen=True)
class Tree:
    name: str  # "before" or "after"
    label: str  # the commit or "working tree", for the summary
    root: Path


@dataclass(frozen=True)
class Comparison:
    compared: int
    ignored: tuple[int, int]  # search index files left out, before and after
    differing: list[str]
    missing: list[str]  # in before only
    extra: list[str]  # in after only

    @property
    def identical(self) -> bool:
        return not (self.differing or self.missing or self.extra)


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True).stdout.strip()


def export(revision: str, folder: Path) -> str:
    """The commit's files (no .git) in `folder`; its short hash."""
    commit = git("rev-parse", "--short", f"{revision}^{{commit}}")
    folder.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(REPO), "archive", commit], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(folder)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        sys.exit(f"git archive {commit} failed")
    return commit


def environment(tree: Tree) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree.root)}


def check_imports_own_code(tree: Tree) -> None:
    """Stop unless a process started as the builds are imports pace_site from this tree (not an installed copy)."""
    found = subprocess.run([sys.executable, "-c", "import pace_site; print(pace_site.__file__)"], cwd=tree.root,
                           env=environment(tree), check=True, capture_output=True, text=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(tree.root.resolve()):
        sys.exit(f"the {tree.name} tree imports pace_site from {found}, not from {tree.root}")


def build(tree: Tree, out: Path, jobs: int, content: Path | None = None, data: Path | None = None) -> str:
    """`build.py build` in a fresh process inside the tree; its last line of output (pages, charts, time)."""
    command = [sys.executable, "build.py", "build", "--no-cache", "--jobs", str(jobs), "--out", str(out)]
    if content and data:
        command += ["--content", str(content), "--data", str(data)]
    result = subprocess.run(command, check=False, cwd=tree.root, env=environment(tree), capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-3000:]
        sys.exit(f"the {tree.name} tree's build failed ({' '.join(command)}):\n{output}")
    lines = result.stdout.strip().splitlines() or [""]
    return lines[-1].split(": ", 1)[-1].split(". Disclosure report", 1)[0]  # "Built OUT: 184 pages, ..."


def generate_scale_site(trees: list[Tree], folder: Path) -> Tree:
    """Write the Scotland-scale content/ and data/ into `folder` with the first tree that has the generator."""
    for tree in trees:
        if (tree.root / "benchmarks" / "scale.py").is_file():
            subprocess.run([sys.executable, "-c", GENERATE, str(folder), *map(str, SCALE)], cwd=tree.root,
                           env=environment(tree), check=True)
            return tree
    sys.exit("neither tree has benchmarks/scale.py to generate the Scotland-scale site")


def is_search_index(path: str) -> bool:
    """Pagefind's index: hashed names whose bytes differ between two builds of the same site."""
    name = path.rsplit("/", 1)[-1]
    return path.startswith("pagefind/") and (name == "pagefind-entry.json" or ".pf_" in name)


def published(out: Path) -> dict[str, Path]:
    """Every file of the site at `out` (the link followed) and the disclosure report beside it, by relative path."""
    site = out.resolve()
    files = {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}
    report = out.with_name(f"{out.name}.disclosure.txt")
    if report.is_file():
        files[f"../{report.name}"] = report
    return files


def compare(before: dict[str, Path], after: dict[str, Path]) -> Comparison:
    kept_before = {path for path in before if not is_search_index(path)}
    kept_after = {path for path in after if not is_search_index(path)}
    both = sorted(kept_before & kept_after)
    return Comparison(compared=len(both), ignored=(len(before) - len(kept_before), len(after) - len(kept_after)),
                      differing=[path for path in both if before[path].read_bytes() != after[path].read_bytes()],
                      missing=sorted(kept_before - kept_after), extra=sorted(kept_after - kept_before))


def clip(line: str, column: int, width: int = 160) -> str:
    """A window of a long line around `column`."""
    if len(line) <= width:
        return line
    start = max(0, min(column - width // 2, len(line) - width))
    return ("…" if start else "") + line[start:start + width] + ("…" if start + width < len(line) else "")


def first_difference(before: bytes, after: bytes, context: int = 2) -> str:
    """A short unified diff around the first difference of two text files, or where two binary files part."""
    try:
        if b"\0" in before + after:
            raise UnicodeDecodeError("utf-8", b"", 0, 1, "a NUL byte: binary")
        old, new = before.decode("utf-8").splitlines(), after.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        offset = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
                      min(len(before), len(after)))
        return f"    binary: {len(before)} and {len(after)} bytes, first different byte at offset {offset}"
    if old == new:
        return "    the same lines: they differ only in line endings or the final newline"
    line = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    pair = (old[line] if line < len(old) else "", new[line] if line < len(new) else "")
    column = next((i for i, (a, b) in enumerate(zip(*pair, strict=False)) if a != b), min(map(len, pair)))
    window = slice(max(0, line - context), line + context + 1)
    diff = difflib.unified_diff(old[window], new[window], "before", "after", lineterm="", n=context)
    shown = [text[0] + clip(text[1:], column) for text in list(diff)[3:]]  # not ---, +++, @@: the window's numbers
    return "\n".join(f"    {text}" for text in [f"first difference: line {line + 1}, column {column + 1}", *shown])


def report(title: str, result: Comparison, before: dict[str, Path], after: dict[str, Path]) -> None:
    ignored = f"search index files left out: {result.ignored[0]} before, {result.ignored[1]} after"
    verdict = "IDENTICAL" if result.identical else "DIFFERENT"
    print(f"{title}: {verdict}: {result.compared} files compared; {ignored}")
    listed = ([("differs", p) for p in result.differing] + [("missing after", p) for p in result.missing]
              + [("extra after", p) for p in result.extra])
    for what, path in listed[:SHOWN]:
        print(f"  {what}: {path}")
    if len(listed) > SHOWN:
        print(f"  ... and {len(listed) - SHOWN} more")
    if result.differing:
        path = result.differing[0]
        print(f"  {path}:\n{first_difference(before[path].read_bytes(), after[path].read_bytes())}")


def check_site(title: str, trees: list[Tree], outputs: Path, jobs: int, source: Path | None = None) -> bool:
    """Build one site with each tree and compare the outputs; True when identical."""
    files = []
    for tree in trees:
        out = outputs / title / tree.name / "site"
        out.parent.mkdir(parents=True)
        started = time.perf_counter()
        line = build(tree, out, jobs, source and source / "content", source and source / "data")
        print(f"  {title}, {tree.name}: {time.perf_counter() - started:.1f} s  [{line}]", flush=True)
        files.append(published(out))
    result = compare(files[0], files[1])
    report(title, result, files[0], files[1])
    return result.identical


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--before", default="HEAD", metavar="REV", help="the commit before the change [HEAD]")
    after = parser.add_mutually_exclusive_group()
    after.add_argument("--after", metavar="REV", help="a commit after the change [default: the working tree]")
    after.add_argument("--after-worktree", action="store_true", help="the working tree, uncommitted changes too")
    parser.add_argument("--no-scale", action="store_true", help="skip the Scotland-scale site")
    parser.add_argument("--jobs", type=int, default=1, help="build.py's --jobs for every build [1]")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (trees and outputs)")
    return parser.parse_args()


def trees(args: argparse.Namespace, temporary: Path) -> list[Tree]:
    before = Tree("before", export(args.before, temporary / "before-tree"), temporary / "before-tree")
    if args.after:
        after = Tree("after", export(args.after, temporary / "after-tree"), temporary / "after-tree")
    else:
        after = Tree("after", f"working tree of {REPO} (HEAD {git('rev-parse', '--short', 'HEAD')})", REPO)
    return [before, after]


def main() -> int:
    args = arguments()
    temporary = Path(tempfile.mkdtemp(prefix="pace-identical-"))
    started = time.perf_counter()
    try:
        both = trees(args, temporary)
        for tree in both:
            check_imports_own_code(tree)
        print(f"before: {both[0].label}\nafter:  {both[1].label}\noutputs in {temporary}", flush=True)
        identical = check_site("example", both, temporary, args.jobs)
        if not args.no_scale:
            source = temporary / "scale-input"
            maker = generate_scale_site(both, source)
            print(f"Scotland-scale site ({SCALE[0]} authorities, {SCALE[1]} children) generated by the {maker.name} "
                  "tree's benchmarks/scale.py", flush=True)
            identical = check_site("scale", both, temporary, args.jobs, source) and identical
    finally:
        if not args.keep:
            shutil.rmtree(temporary, ignore_errors=True)
    print(f"{'IDENTICAL' if identical else 'NOT IDENTICAL'} (in {time.perf_counter() - started:.0f} s)")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
