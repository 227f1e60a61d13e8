"""plotly.js is loaded by the pages that draw charts and by no other page; it is the basic bundle."""

from __future__ import annotations

import gzip
from pathlib import Path


def test_only_pages_with_charts_load_plotly(example_site: Path) -> None:
    with_charts = without = 0
    for page in example_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        draws = "data-figure=" in html
        assert ("plotly.min.js" in html) == draws, page
        with_charts += draws
        without += not draws
    assert with_charts > 10 and without > 10


def test_the_shipped_plotly_is_the_basic_bundle_under_500_kb_compressed(example_site: Path) -> None:
    script = (example_site / "assets/plotly.min.js").read_bytes()
    assert b"plotly.js (basic - minified) v4.1.1" in script[:200]
    assert len(gzip.compress(script, 9)) < 500_000
