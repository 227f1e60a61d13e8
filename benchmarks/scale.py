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
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.commands import scaffold  # noqa: E402
from pace_site.util.parallel import usable_cores

AS_AT = date(2020, 12, 1)  # six years of data: from 1 January 2015
MONTHS = [f"{year}-{month:02d}" for year, month in [(2019, 12)] + [(2020, m) for m in range(1, 12)]]
MKDOCS_VENV = Path.home() / ".cache" / "pace-site-bench" / "mkdocs-venv"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int  # the largest total resident memory of the build and its worker processes together
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
    """One command in a fresh process: its wall time and its peak resident memory, with its workers'."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]
    sampler = threading.Thread(target=sample_memory, args=(process, peak), daemon=True)
    sampler.start()
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return Run(seconds, max(peak[0], usage.ru_maxrss * 1024), output)


def sample_memory(process: subprocess.Popen[bytes], peak: list[int]) -> None:
    """Every 20 ms, the memory of the process and its descendants (forked workers) together, each by its
    proportional share of the pages it shares with the others (PSS), so pages a fork shares are counted once.
    (wait4's ru_maxrss is the largest single process, which would leave the workers out.)"""
    while process.returncode is None and os.path.exists(f"/proc/{process.pid}"):
        peak[0] = max(peak[0], sum(proportional_bytes(pid) for pid in tree(process.pid)))
        time.sleep(0.02)


def tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def proportional_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def pace_build(folder: Path) -> Run:
    return run([sys.executable, str(ROOT / "build.py"), "build", "--content", "content", "--data", "data",
                "--out", "site"], folder)


def published_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of the published site: its inode and modification time (a file written anew changes them)."""
    published = (folder / "site").resolve()
    return {path.relative_to(published).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in published.rglob("*") if path.is_file()}


def written(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """How many files were written anew: pages and data, and files of the search index (Pagefind's)."""
    new = [path for path, stat in after.items() if before.get(path) != stat and path != ".pace-site"]  # a marker
    index = sum(1 for path in new if path.startswith("pagefind/"))
    return len(new) - index, index


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
    options = BuildOptions(folder / "content", folder / "data", folder / "profiled-site", cache=False)
    profile.runcall(build, options)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(count)
    out.write("\nBy cumulative time, pace_site's own functions (below pipeline):\n")
    stats.sort_stats("cumulative").print_stats(r"pace_site/(?!pipeline|cli)", count)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip() and "function calls" not in line)


def row(name: str, value: str, target: str, met: bool | None) -> str:
    verdict = "" if met is None else ("met" if met else "MISSED")
    return f"{name:<46} {value:>10}   {target:<32} {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--england", action="store_true", help="150 authorities, about 80,000 children")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile of one build")
    parser.add_argument("--authorities", type=int, help="another number of authorities (for a quick try)")
    parser.add_argument("--children", type=int, help="another number of children")
    args = parser.parse_args()
    authorities, children = (150, 80_000) if args.england else (32, 25_000)
    authorities, children = args.authorities or authorities, args.children or children
    with tempfile.TemporaryDirectory(prefix="pace-scale-") as temporary:
        folder = Path(temporary)
        print(f"Generating {authorities} authorities, {children} children, 12 newsletters and a poster each, "
              "150 change ideas ...", flush=True)
        slugs = generate(folder, authorities, children, 150)
        figures = measure(folder, slugs)
        mkdocs_seconds, mkdocs_note = mkdocs_time(folder)
        profile = "" if args.no_profile else profile_top(folder)
    print(f"\n{authorities} authorities, {children} children; each build a fresh `build.py build` process, "
          f"{usable_cores()} cores; the cache (.pace-cache) starts empty\n")
    print_table(figures, mkdocs_seconds, mkdocs_note, 2 if args.england else 1)
    if profile:
        print("\nProfile of one cold build (in process, --no-cache), top 5 by own time:\n" + profile)


@dataclass(frozen=True)
class Figures:
    cold: Run
    unchanged: Run
    unchanged_written: tuple[int, int]
    one_newsletter: Run
    newsletter_written: tuple[int, int]
    one_data: Run
    data_written: tuple[int, int]
    charts: int
    sizes: list[int]
    plotly_gz: int


def measure(folder: Path, slugs: list[str]) -> Figures:
    """A cold build (empty cache), then a rebuild with no change, one newsletter edited, one authority's data."""
    shutil.rmtree(folder / ".pace-cache", ignore_errors=True)
    cold = pace_build(folder)
    charts = int(re.search(r"(\d+) charts?", cold.output).group(1))  # type: ignore[union-attr]
    before = published_files(folder)
    unchanged = pace_build(folder)
    unchanged_written = written(before, after := published_files(folder))
    newsletter = folder / "content/authorities" / slugs[0] / "newsletters" / f"{MONTHS[-1]}.md"
    newsletter.write_text(newsletter.read_text() + "\nOne more sentence.\n")
    one_newsletter = pace_build(folder)
    newsletter_written = written(after, after := published_files(folder))
    journeys = folder / "data" / slugs[1] / "journeys.csv"
    journeys.write_text(journeys.read_text() + "2020-06-01,,,,,,,5-11\n")
    one_data = pace_build(folder)
    data_written = written(after, published_files(folder))
    site = (folder / "site").resolve()
    plotly = (site / "assets/plotly.min.js").read_bytes()
    return Figures(cold, unchanged, unchanged_written, one_newsletter, newsletter_written, one_data, data_written,
                   charts, page_sizes(site), len(gzip.compress(plotly, 9)))


def print_table(f: Figures, mkdocs_seconds: float | None, mkdocs_note: str, memory_target: int) -> None:
    def files(counts: tuple[int, int]) -> str:
        return f"  files written: {counts[0]} (+{counts[1]} search index)"

    peak = max(r.peak_bytes for r in (f.cold, f.unchanged, f.one_newsletter, f.one_data))
    print(row("measure", "value", "target", None))
    print(row("cold build", f"{f.cold.seconds:.1f} s",
              f"<= 0.75 x MkDocs ({0.75 * mkdocs_seconds:.1f} s)" if mkdocs_seconds else "<= 0.75 x MkDocs",
              f.cold.seconds <= 0.75 * mkdocs_seconds if mkdocs_seconds else None))
    print(row("MkDocs, same Markdown", f"{mkdocs_seconds:.1f} s" if mkdocs_seconds else "not run", mkdocs_note, None))
    if mkdocs_seconds:
        print(row("ratio pace-site / MkDocs", f"{f.cold.seconds / mkdocs_seconds:.2f}", "<= 0.75",
                  f.cold.seconds / mkdocs_seconds <= 0.75))
    print(row("no-change rebuild", f"{f.unchanged.seconds:.2f} s", "< 0.5 s", f.unchanged.seconds < 0.5))
    print(row(files(f.unchanged_written), "", "0", sum(f.unchanged_written) == 0))
    print(row("one-newsletter edit", f"{f.one_newsletter.seconds:.1f} s", "< 1 s", f.one_newsletter.seconds < 1))
    print(row(files(f.newsletter_written), "", "(its page and e-mail: 2)", None))
    print(row("one-authority data edit", f"{f.one_data.seconds:.1f} s", "(no target)", None))
    print(row(files(f.data_written), "", "", None))
    print(row("peak memory (with workers)", f"{peak / 2**20:.0f} MiB", f"< {memory_target} GB",
              peak < memory_target * 10**9))
    print(row("pages", f"{len(f.sizes)}", "", None))
    print(row("charts", f"{f.charts}", "", None))
    print(row("median page (HTML)", f"{statistics.median(f.sizes) / 1000:.0f} KB", "< 100 KB",
              statistics.median(f.sizes) < 100_000))
    print(row("largest page (HTML)", f"{f.sizes[-1] / 1000:.0f} KB", "(no target)", None))
    print(row("plotly.js, gzip -9", f"{f.plotly_gz / 1000:.0f} KB", "< 500 KB", f.plotly_gz < 500_000))


if __name__ == "__main__":
    main()
