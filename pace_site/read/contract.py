"""Where files belong: a file the content contract does not know is reported, not silently ignored.

A newsletter saved in `content/newsletters/`, a poster named `Poster.md` or a stray spreadsheet
in a data folder would otherwise be left out of the site without a word. Each is a warning (an
error under --strict) naming the file and where such a file is expected. Hidden files (names
starting with '.') are left alone: editors and operating systems make them.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from pace_site.model.errors import Problems

# Every file the tool reads or publishes, as patterns relative to content/ or data/ ('*' is one
# name). Adding a kind of file is one line here.
CONTENT_FILES = (
    "site.yml",
    "glossary.yml",
    "authorities/*/authority.md",
    "authorities/*/poster.md",
    "authorities/*/newsletters/*.md",
    "change-ideas/*.md",
    "learning/*.md",
    "pages/*.md",
    "reports/*.md",
    "files/**",
)
DATA_FILES = ("*/journeys.csv", "*/measures.csv")
MAX_DEPTH = 10  # content/authorities/<slug>/newsletters/ is three deep
MAX_REPORTED = 20  # per folder: a copied-in tree of thousands of files needs one line, not thousands

CONTENT_EXPECTED = ("content/ holds site.yml, glossary.yml, authorities/<slug>/authority.md, "
                    "authorities/<slug>/poster.md, authorities/<slug>/newsletters/<YYYY-MM>.md, "
                    "change-ideas/<slug>.md, "
                    "learning/<slug>.md, pages/<slug>.md, reports/<slug>.md, and images and documents in files/")
DATA_EXPECTED = "data/ holds one folder per authority, each with journeys.csv and optionally measures.csv"


def check_layout(content_dir: Path, data_dir: Path, problems: Problems) -> None:
    """Warn about every file in content/ or data/ that the build would not read or publish."""
    _report(content_dir, _stray(content_dir, CONTENT_FILES), CONTENT_EXPECTED, problems)
    _report(data_dir, _stray(data_dir, DATA_FILES), DATA_EXPECTED, problems)


def _report(root: Path, stray: list[PurePosixPath], expected: str, problems: Problems) -> None:
    for relative in stray[:MAX_REPORTED]:
        problems.warn(root / relative, None, f"this file is not read or published ({_hint(relative) or expected})")
    if len(stray) > MAX_REPORTED:
        problems.warn(root, None, f"{len(stray) - MAX_REPORTED} more files are not read or published ({expected})")


def _hint(relative: PurePosixPath) -> str | None:
    """Where a file that looks like a newsletter, poster or profile in the wrong place belongs."""
    name = relative.name.lower()
    if relative.suffix.lower() in (".md", ".markdown") and "newsletter" in str(relative).lower():
        return "a newsletter is content/authorities/<slug>/newsletters/<YYYY-MM>.md"
    if name in ("poster.md", "authority.md"):
        return f"{name} belongs in content/authorities/<slug>/, named in lower case"
    if relative.suffix.lower() in (".markdown", ".txt", ".md"):
        return "Markdown files end in .md and go in one of the folders the content contract names: " + CONTENT_EXPECTED
    return None


def _stray(root: Path, patterns: tuple[str, ...]) -> list[PurePosixPath]:
    """Files under root that match no pattern; folders that patterns give whole (files/) are not walked."""
    if not root.is_dir():
        return []
    whole = {pattern[:-3] for pattern in patterns if pattern.endswith("/**")}
    found: list[PurePosixPath] = []
    stack = [PurePosixPath()]
    while stack:  # not os.walk, which recurses once per level (a folder nested thousands deep)
        relative = stack.pop()
        if len(relative.parts) > MAX_DEPTH:
            found.append(relative / "...")
            continue
        for entry in sorted(os.scandir(root / relative), key=lambda e: e.name, reverse=True):
            child = relative / entry.name
            if entry.name.startswith(".") or (not relative.parts and entry.name in whole):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(child)
            elif not any(_matches(child, pattern) for pattern in patterns):
                found.append(child)
    return sorted(found)


def _matches(relative: PurePosixPath, pattern: str) -> bool:
    if pattern.endswith("/**"):
        return relative.parts[0] == pattern[:-3]
    return len(relative.parts) == len(PurePosixPath(pattern).parts) and relative.match(pattern)
