"""A Scotland-scale site, built as a user builds it, measured beside MkDocs on the same Markdown.

    python3 benchmarks/scale.py              # 32 authorities, about 25,000 children over six years
    python3 benchmarks/scale.py --england    # 150 authorities, about 80,000 children

Generates the site (each authority: invented journeys, a poster and 12 newsletters; 150 change
ideas) in a temporary folder, runs `build.py build` in a fresh process for each measurement,
and prints one table with each figure beside the issue's target. Prints figures, asserts nothing.
MkDocs is installed with pip into the benchmark's own virtual environment (kept in
~/.cache/pace-site-bench) and builds the same Markdown files; if it cannot be installed the
reason is printed instead.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pace_site.commands import scaffold  # noqa: E402
from pace_site.pipeline import BuildOptions, build  # noqa: E402

AS_AT = date(2020, 12, 1)  # six years of data: from 1 January 2015
MONTHS = [f"{year}-{month:02d}" for year, month in [(2019, 12)] + [(2020, m) for m in range(1, 12)]]
MKDOCS_VENV = Path.home() / ".cache" / "pace-site-bench" / "mkdocs-venv"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int
    output: str


def generate(folder: Path, authorities: int, children: int, ideas: int) -> list[str]:
    """Write the whole site; the authorities' slugs."""
    content, data = folder / "content", folder / "data"
    files = [scaffold.NewFile(content / "site.yml", scaffold.render("site.yml", title="Scale test",
                                                                    as_at=AS_AT, contact="pace@example.org")),
             scaffold.NewFile(content / "glossary.yml", scaffold.render("glossary.yml"))]
    files += [scaffold.NewFile(content / "pages" / f"{name}.md", scaffold.render("page.md", title=title, what=what))
              for name, (title, what) in scaffold.PAGES.items()]
    slugs = [f"authority-{number:03d}" for number in range(1, authorities + 1)]
    per_authority = children // authorities
    for seed, slug in enumerate(slugs, start=1):
        files += scaffold.authority_files(content, data, slug, slug.replace("-", " ").title(), "our-community",
                                          AS_AT, seed=seed, children=per_authority)
        files.append(scaffold.poster_file(content, slug, f"PACE in {slug}", date(2020, 6, 30)))
        files += [scaffold.newsletter_file(content, slug, month, f"News from {slug}, {month}") for month in MONTHS]
    chance = random.Random(0)
    files += [scaffold.change_idea_file(content, f"change-idea-{n:03d}", f"Change idea {n}",
                                        tuple(sorted(chance.sample(slugs, chance.randint(1, 3)))))
              for n in range(1, ideas + 1)]
    scaffold.write_new(files)
    return slugs


def run(command: list[str], cwd: Path) -> Run:
    """One command in a fresh process: its wall time and its peak resident memory (from wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return Run(seconds, usage.ru_maxrss * 1024, output)


def pace_build(folder: Path) -> Run:
    return run([sys.executable, str(ROOT / "build.py"), "build", "--content", "content", "--data", "data",
                "--out", "site"], folder)


def written_files(folder: Path, since: float) -> int:
    published = (folder / "site").resolve()
    return sum(1 for path in published.rglob("*") if path.is_file() and path.stat().st_mtime >= since)


def page_sizes(site: Path) -> list[int]:
    return sorted(path.stat().st_size for path in site.rglob("*.html"))


def mkdocs_time(folder: Path) -> tuple[float | None, str]:
    """MkDocs building the same Markdown (every .md of content/), in its own venv; or why not."""
    mkdocs = MKDOCS_VENV / "bin" / "mkdocs"
    if not mkdocs.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(MKDOCS_VENV)], check=True, capture_output=True)
            subprocess.run([str(MKDOCS_VENV / "bin" / "pip"), "install", "-q", "mkdocs"], check=True,
                           capture_output=True, timeout=600)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            shutil.rmtree(MKDOCS_VENV, ignore_errors=True)
            return None, f"MkDocs could not be installed: {error}"
    project = folder / "mkdocs"
    for source in (folder / "content").rglob("*.md"):
        target = project / "docs" / source.relative_to(folder / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    (project / "docs" / "index.md").write_text("# Scale test\n")
    (project / "mkdocs.yml").write_text("site_name: Scale test\n")
    result = run([str(mkdocs), "build", "-q", "--site-dir", "out"], project)
    version = subprocess.run([str(mkdocs), "--version"], capture_output=True, text=True).stdout
    found = re.search(r"version (\S+)", version)
    return result.seconds, f"MkDocs {found.group(1) if found else '(version unknown)'}"


def profile_top(folder: Path, count: int = 5) -> str:
    """The build in this process under cProfile: the functions that take the most time of their own."""
    profile = cProfile.Profile()
    options = BuildOptions(folder / "content", folder / "data", folder / "profiled-site")
    profile.runcall(build, options)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(count)
    out.write("\nBy cumulative time, pace_site's own functions (below pipeline):\n")
    stats.sort_stats("cumulative").print_stats(r"pace_site/(?!pipeline|cli)", count)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip() and "function calls" not in line)


def row(name: str, value: str, target: str, met: bool | None) -> str:
    verdict = "" if met is None else ("met" if met else "MISSED")
    return f"{name:<32} {value:>16}   {target:<34} {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--england", action="store_true", help="150 authorities, about 80,000 children")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile of one build")
    parser.add_argument("--authorities", type=int, help="another number of authorities (for a quick try)")
    parser.add_argument("--children", type=int, help="another number of children")
    args = parser.parse_args()
    authorities, children = (150, 80_000) if args.england else (32, 25_000)
    authorities, children = args.authorities or authorities, args.children or children
    memory_target = 2 if args.england else 1
    with tempfile.TemporaryDirectory(prefix="pace-scale-") as temporary:
        folder = Path(temporary)
        print(f"Generating {authorities} authorities, {children} children, 12 newsletters and a poster each, "
              "150 change ideas ...", flush=True)
        slugs = generate(folder, authorities, children, 150)
        cold = pace_build(folder)
        charts = int(re.search(r"(\d+) charts?", cold.output).group(1))  # type: ignore[union-attr]
        since = time.time()
        unchanged = pace_build(folder)
        unchanged_written = written_files(folder, since - 1)
        newsletter = folder / "content/authorities" / slugs[0] / "newsletters" / f"{MONTHS[-1]}.md"
        newsletter.write_text(newsletter.read_text() + "\nOne more sentence.\n")
        one_newsletter = pace_build(folder)
        journeys = folder / "data" / slugs[1] / "journeys.csv"
        journeys.write_text(journeys.read_text() + "2020-06-01,,,,,,,5-11\n")
        one_data = pace_build(folder)
        site = (folder / "site").resolve()
        sizes = page_sizes(site)
        plotly = (site / "assets/plotly.min.js").read_bytes()
        mkdocs_seconds, mkdocs_note = mkdocs_time(folder)
        profile = "" if args.no_profile else profile_top(folder)

    peak = max(r.peak_bytes for r in (cold, unchanged, one_newsletter, one_data))
    plotly_gz = len(gzip.compress(plotly, 9))
    print(f"\n{authorities} authorities, {children} children, {len(sizes)} pages, {charts} charts "
          f"(each build a fresh `build.py build` process; no incremental builds yet)\n")
    print(row("measure", "value", "target", None))
    print(row("cold build", f"{cold.seconds:.1f} s",
              f"<= 0.75 x MkDocs ({0.75 * mkdocs_seconds:.1f} s)" if mkdocs_seconds else "<= 0.75 x MkDocs",
              cold.seconds <= 0.75 * mkdocs_seconds if mkdocs_seconds else None))
    print(row("MkDocs, same Markdown", f"{mkdocs_seconds:.1f} s" if mkdocs_seconds else "not run", mkdocs_note, None))
    if mkdocs_seconds:
        print(row("ratio pace-site / MkDocs", f"{cold.seconds / mkdocs_seconds:.2f}", "<= 0.75",
                  cold.seconds / mkdocs_seconds <= 0.75))
    print(row("no-change rebuild", f"{unchanged.seconds:.1f} s", "< 0.5 s", unchanged.seconds < 0.5))
    print(row("  files it wrote", f"{unchanged_written}", "0", unchanged_written == 0))
    print(row("one-newsletter edit", f"{one_newsletter.seconds:.1f} s", "< 1 s", one_newsletter.seconds < 1))
    print(row("one-authority data edit", f"{one_data.seconds:.1f} s", "(no target)", None))
    print(row("peak memory", f"{peak / 2**20:.0f} MiB", f"< {memory_target} GB", peak < memory_target * 10**9))
    print(row("pages", f"{len(sizes)}", "", None))
    print(row("charts", f"{charts}", "", None))
    print(row("median page (HTML)", f"{statistics.median(sizes) / 1000:.0f} KB", "< 100 KB",
              statistics.median(sizes) < 100_000))
    print(row("largest page (HTML)", f"{sizes[-1] / 1000:.0f} KB", "(no target)", None))
    print(row("plotly.js, gzip -9", f"{plotly_gz / 1000:.0f} KB", "< 500 KB", plotly_gz < 500_000))
    if profile:
        print("\nProfile of one cold build (in process), top 5 by own time:\n" + profile)


if __name__ == "__main__":
    main()
