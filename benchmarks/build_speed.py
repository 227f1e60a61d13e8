"""How long a large site takes to build: prints figures, asserts nothing.

Makes a synthetic site of many authorities (copies of the example authorities
with their data), builds it into a temporary folder, and prints the number of
pages and charts and the time per chart. It also measures what the charts
module avoids: building each figure as a plotly.graph_objects.Figure.

    python3 benchmarks/build_speed.py [COPIES]
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import plotly.graph_objects as go

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pace_site.build.computing import compute
from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import make_site
from pace_site.build.reading import read_site
from pace_site.write.output import write_site  # noqa: E402
from pace_site.write.search import index_site  # noqa: E402


def synthetic_site(folder: Path, copies: int) -> BuildOptions:
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "data", folder / "data")
    authorities = [p.name for p in (ROOT / "content/authorities").iterdir() if p.is_dir()]
    for copy in range(1, copies):
        for slug in authorities:
            shutil.copytree(ROOT / "content/authorities" / slug, folder / f"content/authorities/{slug}-{copy}")
            shutil.copytree(ROOT / "data" / slug, folder / f"data/{slug}-{copy}")
    return BuildOptions(folder / "content", folder / "data", folder / "site")


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as temporary:
        options = synthetic_site(Path(temporary), copies)
        started = time.perf_counter()
        site = read_site(options)
        read = time.perf_counter()
        charts = compute(site).charts()
        computed = time.perf_counter()
        result, files = make_site(options)
        rendered = time.perf_counter()
        write_site(files, options.out)
        written = time.perf_counter()
        index_site(options.out)
        indexed = time.perf_counter()
        query_stored, query_sent = search_download_estimate(options.out / "pagefind")
        figures = [c.figure for c in charts if c.figure]
        dict_started = time.perf_counter()
        for figure in figures:
            json.dumps(figure)
        dict_seconds = time.perf_counter() - dict_started
        sample = figures[: min(100, len(figures))]
        figure_started = time.perf_counter()
        for figure in sample:
            go.Figure(data=figure["data"], layout=figure["layout"]).to_json()
        figure_seconds = (time.perf_counter() - figure_started) / max(1, len(sample)) * len(figures)
    print(f"authorities           {len(site.content.authorities)}")
    print(f"pages                 {result.pages}")
    print(f"charts                {len(charts)} ({len(figures)} with a figure)")
    print(f"read and validate     {read - started:.2f} s")
    print(f"compute               {computed - read:.2f} s")
    print(f"whole build (no write) {rendered - computed:.2f} s, "
          f"{1000 * (rendered - computed) / max(1, len(charts)):.2f} ms a chart")
    print(f"write the site        {written - rendered:.2f} s")
    print(f"Pagefind index        {indexed - written:.2f} s (target: under 3 s)")
    print(f"a first query fetches {query_stored / 1024:.0f} KB as stored, {query_sent / 1024:.0f} KB from a server "
          "that gzips text (target: under 300 KB)")
    print(f"figures as dicts      {1000 * dict_seconds:.1f} ms for all "
          f"({1000 * dict_seconds / max(1, len(figures)):.3f} ms each)")
    print(f"as go.Figure instead  about {figure_seconds:.1f} s for all (measured on {len(sample)})")


def search_download_estimate(bundle: Path) -> tuple[int, int]:
    """What a first query fetches (as measured in Chromium): the UI, Pagefind's script, worker and WebAssembly,
    the metadata, the largest index chunk, every filter table (for the counts) and the five largest result
    fragments; in bytes as stored, and as sent by a server that gzips text (the .pagefind and .pf_* files are
    already compressed)."""
    fixed = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "pagefind-ui.js", "pagefind-ui.css",
             "wasm.en.pagefind")
    files = [p for p in bundle.iterdir() if p.is_file() and (p.name in fixed or p.suffix == ".pf_meta")]
    files += sorted((bundle / "index").iterdir(), key=lambda p: p.stat().st_size)[-1:]
    files += list((bundle / "filter").iterdir())
    files += sorted((bundle / "fragment").iterdir(), key=lambda p: p.stat().st_size)[-5:]
    stored = sum(p.stat().st_size for p in files)
    sent = sum(len(gzip.compress(p.read_bytes())) if p.suffix in (".js", ".css", ".json") else p.stat().st_size
               for p in files)
    return stored, sent


if __name__ == "__main__":
    main()
