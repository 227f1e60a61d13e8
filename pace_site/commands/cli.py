"""The command line: a thin click layer over the pipeline."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import audit as run_audit
from pace_site.build.pipeline import audit_with_utility as run_audit_with_utility
from pace_site.build.pipeline import build as run_build
from pace_site.build.pipeline import check as run_check
from pace_site.commands.analyse_command import analyse
from pace_site.commands.console import STEPS, disclosure_text, progress, summary_line, write_disclosure
from pace_site.commands.importer import ImportRequest, import_tracker
from pace_site.commands.new_command import new
from pace_site.commands.serve import default_out
from pace_site.commands.serve import serve as run_serve
from pace_site.model.errors import DisclosureLeak, InternalError, Problems
from pace_site.publish.audit import Finding
from pace_site.publish.utility import utility_table
from pace_site.read.config import load_config

Command = TypeVar("Command", bound=Callable[..., Any])


def folder_options(function: Command) -> Command:
    """--content, --data and --theme, shared by build and check."""
    function = click.option("--strict", is_flag=True,
                            help="Treat warnings (such as an authority with no newsletter) as errors.")(function)
    function = click.option("--theme", type=click.Path(file_okay=False, path_type=Path), default=None,
                            help="A theme folder whose templates/ and static/ override the default theme.")(function)
    function = click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
                            show_default=True,
                            help="The folder of anonymised data, one folder per authority.")(function)
    function = click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
                            show_default=True, help="The content folder holding site.yml.")(function)
    return function


class GuardedGroup(click.Group):
    """The last guard: an exception no stage turned into a problem is reported as a bug, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - the last resort, by design
            raise InternalError(error) from None


@click.group(cls=GuardedGroup)
@click.version_option(package_name="pace-site")
def cli() -> None:
    """Build the PACE reports site: newsletters, posters, run charts and change ideas."""


@cli.command()
@folder_options
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True,
              help="Where the site is written. It is replaced only when the whole build succeeds.")
@click.option("--verbose", is_flag=True,
              help="Print the disclosure report too (it is always written to OUT.disclosure.txt).")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for rendering and checking links (0: one per core; 1: none).")
@click.option("--no-cache", is_flag=True, help="Build everything again: neither read nor write .pace-cache/.")
def build(content: Path, data: Path, theme: Path | None, strict: bool, out: Path, verbose: bool, jobs: int,
          no_cache: bool) -> None:
    """Read content and data, and write the static site."""
    build_and_report(BuildOptions(content, data, out, theme, strict, jobs=jobs, cache=not no_cache), verbose)


def build_and_report(options: BuildOptions, verbose: bool) -> None:
    """Build with a progress bar on a terminal, then the warnings, the disclosure report's file and one line."""
    started = time.perf_counter()
    with progress() as on_step:
        result = run_build(replace(options, on_step=on_step))
    echo_warnings(result.warnings)
    report = write_disclosure(options.out, result.disclosure)
    if verbose:
        click.echo(disclosure_text(result.disclosure), nl=False)
    printed = f" with {result.pdfs} PDFs" if options.pdf else ""
    click.echo(f"Built {options.out}{printed}: {summary_line(result, time.perf_counter() - started)}. "
               f"Disclosure report: {report}")


@cli.command("serve")
@folder_options
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the served build is written (default: a new temporary folder, never site/).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="The port on 127.0.0.1; 0 picks a free one.")
def serve_(content: Path, data: Path, theme: Path | None, strict: bool, out: Path | None, port: int) -> None:
    """Build, serve on 127.0.0.1, rebuild on every change and reload open pages."""
    # One process: serve's watcher and server are threads, and forking a threaded process is not safe.
    run_serve(BuildOptions(content, data, out or default_out(), theme, strict, jobs=1), port)


@cli.command()
@folder_options
@click.option("--verbose", is_flag=True, help="Print the disclosure report too.")
def check(content: Path, data: Path, theme: Path | None, strict: bool, verbose: bool) -> None:
    """Load and validate everything; write nothing. Exits 1 listing every problem."""
    started = time.perf_counter()
    with progress(STEPS[:-1]) as on_step:
        result = run_check(BuildOptions(content, data, Path("site"), theme, strict, on_step=on_step))
    echo_warnings(result.warnings)
    if verbose:
        click.echo(disclosure_text(result.disclosure), nl=False)
    click.echo(f"Checked: {summary_line(result, time.perf_counter() - started)}.")
    click.echo(f"No problems found in {result.authorities} authorities, {result.change_ideas} change ideas "
               f"and {result.newsletters} newsletters ({result.pages} pages).")


@cli.command("audit")
@folder_options
@click.option("--utility", is_flag=True,
              help="Also print what a reader can still learn about each aim at each date: each count and "
                   "percentage as shown, and whether each per-child chart is published.")
def audit_(content: Path, data: Path, theme: Path | None, strict: bool, utility: bool) -> None:
    """Try to work out every hidden figure as an outsider would; exit 1 if any can be."""
    options = BuildOptions(content, data, Path("site"), theme, strict)
    if utility:
        findings, rows = run_audit_with_utility(options)
        click.echo("\n".join(utility_table(rows)) + "\n")
    else:
        findings = run_audit(options)
    echo_audit_table(findings)
    leaks = [f for f in findings if not f.protected]
    if leaks:
        raise DisclosureLeak([str(f) for f in leaks])
    if not findings:
        click.echo("No leak: no figure is hidden.")
        return
    click.echo(f"No leak: each of the {len(findings)} hidden figures can still take at least "
               f"{min(f.high - f.low + 1 for f in findings)} values.")


def echo_audit_table(findings: tuple[Finding, ...]) -> None:
    """One row per hidden figure: where it is, what the published figures allow, and the verdict."""
    rows = [("Verdict", "Could be", "Aim, as at", "Hidden figure")]
    rows += [("protected" if f.protected else "LEAK", f"{f.low}" if f.low == f.high else f"{f.low}–{f.high}",
              f.scope, f"{f.secret.shown_as} ({f.secret.where})") for f in findings]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3])
@cli.command()
@folder_options
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True,
              help="Where the site is written. It is replaced only when the whole build succeeds.")
@click.option("--verbose", is_flag=True,
              help="Print the disclosure report too (it is always written to OUT.disclosure.txt).")
def pdf(content: Path, data: Path, theme: Path | None, strict: bool, out: Path, verbose: bool) -> None:
    """Build the site, with each poster and newsletter printed to PDF beside its page (needs Chromium)."""
    build_and_report(BuildOptions(content, data, out, theme, strict, pdf=True), verbose)


cli.add_command(analyse)
cli.add_command(new)


@cli.command("import")
@click.argument("tracker", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--authority", "slug", required=True,
              help="The authority's slug (its folder in CONTENT/authorities/): the data is written to "
                   "DATA/SLUG/journeys.csv.")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"), show_default=True,
              help="The content folder: site.yml (milestones, routes, age bands) and the authority's localities.")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("data"), show_default=True,
              help="The data folder; nothing is written outside it.")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A YAML file of 'tracker column: milestone id, route, age_band, locality or drop'.")
@click.option("--replace", is_flag=True, help="Replace an existing journeys.csv.")
def import_(tracker: Path, slug: str, content: Path, data: Path, mapping: Path | None, replace: bool) -> None:
    """Turn a case tracker export into anonymised DATA/SLUG/journeys.csv."""
    problems = Problems(root=Path.cwd())
    config = load_config(content, problems)
    problems.raise_if_any()
    assert config is not None
    result = import_tracker(ImportRequest(tracker, slug, content, data, mapping, replace), config)
    echo_warnings(result.warnings)
    click.echo(f"Kept: {', '.join(f'{k} -> {v}' for k, v in result.kept.items())}")
    click.echo(f"Dropped: {', '.join(result.dropped) or 'nothing'}")
    if result.age_band_from:
        click.echo(f"Age bands worked out from '{result.age_band_from}', which is not kept.")
    if result.skipped:
        click.echo(f"Skipped {result.skipped} row{'s' if result.skipped != 1 else ''} with no milestone date.")
    click.echo(f"Wrote {result.rows} children to {result.path}, sorted by date (not in the tracker's order).")
    click.echo(f"Now set 'data_as_at' in {content / 'authorities' / slug / 'authority.md'} to the date of this "
               "extract: figures are computed as at that date.")


def echo_warnings(lines: tuple[str, ...]) -> None:
    for line in lines:
        click.echo(f"Warning: {line}", err=True)


def main() -> None:
    cli()
