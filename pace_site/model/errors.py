"""Problems found in the user's files, collected and reported once.

Every problem names where it is (file, line, and for CSV files the column) and
what was expected. Loaders add problems to a `Problems` collector instead of
raising, so one run of `check` lists everything that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: str
    line: int | None
    message: str
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class PaceError(click.ClickException):
    """The root of the tool's own errors: the CLI prints the message, no traceback."""


class ContentError(PaceError):
    """Raised once, after loading, when any problem was found."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} found:"] + [f"  {p}" for p in self.problems]
        if warnings:  # listed too, so that one run shows everything to fix
            lines += ([f"and {len(warnings)} warning{'s' if len(warnings) != 1 else ''}:"]
                      + [f"  {w}" for w in sorted(warnings)])
        super().__init__("\n".join(lines))


class DisclosureLeak(PaceError):
    """The audit found a hidden figure that the published ones give away: nothing is written."""

    def __init__(self, leaks: list[str]) -> None:
        count = len(leaks)
        heading = (f"Disclosure control: {count} hidden figure{'s' if count != 1 else ''} could be worked out from "
                   "what the site would publish, so nothing was written:")
        advice = ("Set `disclosure: {on_leak: protect}` in site.yml to withhold or suppress more automatically, "
                  "or change what these pages publish.")
        super().__init__("\n".join([heading] + [f"  {leak}" for leak in leaks] + [advice]))


@dataclass
class Problems:
    """Collects problems while files are read; `raise_if_any` fails once at the end."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, file: Path | str, line: int | None, message: str, column: str | None = None) -> None:
        self.items.append(Problem(self.display(file), line, message, column))

    def warn(self, file: Path | str, line: int | None, message: str) -> None:
        """Something worth fixing that does not stop a build, unless the build is --strict."""
        self.warnings.append(Problem(self.display(file), line, message))

    def display(self, file: Path | str) -> str:
        path = Path(file)
        if self.root is not None:
            try:
                # the folders resolved, not the file: a link is named as the user wrote it, not its target
                return str((path.parent.resolve() / path.name).relative_to(self.root.resolve()))
            except ValueError:
                pass
        return str(path)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, strict: bool = False) -> None:
        found = self.items + (self.warnings if strict else [])
        if found:
            raise ContentError(found, [] if strict else self.warnings)


REPORT = "this is a bug in pace-site, not in your files: please report it, with the command you ran and this message"


@contextmanager
def reading(path: Path | str, problems: Problems) -> Iterator[None]:
    """While one file is read: an unexpected exception becomes a problem naming that file, not a traceback."""
    try:
        yield
    except PaceError:
        raise
    except Exception as error:  # noqa: BLE001 - the last guard around a user's file
        problems.add(path, None, f"pace-site failed while reading this file ({type(error).__name__}: "
                                 f"{str(error)[:200]}); {REPORT}")


class InternalError(PaceError):
    """An exception no stage expected: reported as a bug, without a traceback."""

    exit_code = 70  # EX_SOFTWARE

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"internal error ({type(error).__name__}: {str(error)[:300]}); {REPORT}")
