"""National figures pooled across authorities, and the attack on them: a national row minus what every
other authority publishes."""

from __future__ import annotations

import csv
import io
import shutil
import textwrap
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.figures.pooled import WAIT_BANDS, band_label
from pace_site.model.errors import DisclosureLeak

ROOT = Path(__file__).resolve().parent.parent
STAGE = "Accommodated to permanence recommendation"

def journeys(finished: dict[int, int], waiting: int = 0) -> str:
    """`finished[year]` children who had their recommendation in June of that year, 30 weeks after being
    accommodated, and `waiting` children accommodated in January 2020 and still waiting."""
    rows = ["accommodated,recommendation"]
    for year, count in finished.items():
        for child in range(count):
            ended = date(year, 6, 1 + child)
            rows.append(f"{ended - timedelta(weeks=30)},{ended}")
    rows += [f"2020-01-{1 + child:02d}," for child in range(waiting)]
    return "\n".join(rows) + "\n"


def two_authorities(small_site: Path, on_leak: str = "protect") -> Path:
    """Testshire (the small site's authority) pools 2017 (two children) with 2018 in its own table; Otherton
    publishes every year. A national 2017 row minus Otherton's 2017 would be Testshire's 2017: two."""
    site_yml = small_site / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"\ndisclosure:\n  on_leak: {on_leak}\n",
                        encoding="utf-8")
    profile = (small_site / "content/authorities/testshire/authority.md").read_text(encoding="utf-8")
    profile = profile.replace("data_as_at: 2019-06-30", "data_as_at: 2020-12-01")
    assert "joined: 2018-01-01" in profile  # the joining test below counts on it
    files = {
        "content/authorities/testshire/authority.md": profile,
        "content/authorities/otherton/authority.md":
            profile.replace("Testshire", "Otherton").replace("testshire", "otherton"),
        "data/testshire/journeys.csv": journeys({2016: 6, 2017: 2, 2018: 6}),
        "data/otherton/journeys.csv": journeys({2016: 5, 2017: 5, 2018: 7, 2019: 6}, waiting=6),
    }
    for name, text in files.items():
        path = small_site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return small_site


def built(root: Path) -> Path:
    build(BuildOptions(root / "content", root / "data", root / "site"))
    return root / "site"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def span(years: str) -> range:
    first, _, last = years.partition("–")
    return range(int(first), int(last or first) + 1)


def test_the_national_page_shows_each_aims_stage_and_waiting_children_pooled(example_site: Path) -> None:
    page = (example_site / "national" / "index.html").read_text(encoding="utf-8")
    for aim in (2, 3, 4):
        assert f'id="national-aim-{aim}-stage"' in page and f'id="national-aim-{aim}-waiting"' in page
        table = rows(example_site / "national" / f"aim-{aim}-stage.csv")
        assert table and all(int(r["Children"]) >= 5 for r in table)  # pooled up to the minimum
    waiting = rows(example_site / "national" / "aim-3-waiting.csv")  # aims 2 and 4's would give counts away
    assert [r["How long waiting"] for r in waiting][0] == band_label((0,))


def test_the_pooled_stage_counts_every_authoritys_children(small_site: Path) -> None:
    site = built(two_authorities(small_site))
    table = rows(site / "national" / "aim-2-stage.csv")
    assert sum(int(r["Children"]) for r in table) == 6 + 2 + 6 + 5 + 5 + 7 + 6
    assert all(r["Median weeks"] == "30" for r in table)


def test_a_national_year_minus_the_other_authoritys_year_gives_nothing_away(small_site: Path) -> None:
    """The attacker: for each national row that Otherton's published rows tile, take them away, then take
    away Testshire's rows inside it; what is left is part of a row Testshire pooled, and must not be pinned."""
    site = built(two_authorities(small_site))
    national = rows(site / "national" / "aim-2-stage.csv")
    other = {frozenset(span(r["Year"])): int(r["Children"])
             for r in rows(site / "authorities" / "otherton" / "data" / "current" / "stage-durations.csv")}
    own = {frozenset(span(r["Year"])): int(r["Children"])
           for r in rows(site / "authorities" / "testshire" / "data" / "current" / "stage-durations.csv")}
    assert any(len(years) > 1 for years in own)  # Testshire pooled a small year
    for row in national:
        years = frozenset(span(row["Year"]))
        inside = [covered for covered in other if covered <= years]
        if frozenset().union(*inside) != years & frozenset().union(*other):
            continue  # Otherton's rows do not tile this one
        left = int(row["Children"]) - sum(other[c] for c in inside) - sum(n for c, n in own.items() if c <= years)
        split = [c for c in own if c & years and not c <= years]
        if len(split) == 1 and 0 < left < 5:
            pytest.fail(f"Testshire's {sorted(split[0] & years)} is {left}, from the national row {row}")
    assert any(2017 in span(r["Year"]) and len(span(r["Year"])) > 1 for r in national)


def test_with_the_policy_set_to_fail_the_build_names_the_national_leak(small_site: Path) -> None:
    root = two_authorities(small_site, on_leak="fail")
    with pytest.raises(DisclosureLeak) as caught:
        built(root)
    assert "Testshire's children who finished national aim 2's stage in 2017" in str(caught.value)
    assert not (root / "site").exists()


def test_national_waiting_rows_hide_small_counts_and_never_contradict_the_total(small_site: Path) -> None:
    site = built(two_authorities(small_site))
    table = rows(site / "national" / "aim-2-waiting.csv")
    shown = [r["Children"] for r in table]
    assert all(s == "[c]" or s == "0" or int(s) >= 5 for s in shown)
    assert shown.count("[c]") != 1  # one [c] beside a total is the total minus the rest
    page = (site / "national" / "index.html").read_text(encoding="utf-8")
    assert "six children across 2 authorities were still at this stage" in page.lower()


def test_wait_bands_cover_every_whole_week_once() -> None:
    for weeks in range(0, 400):
        assert sum(band.holds(weeks) for band in WAIT_BANDS) == 1


def test_the_example_with_the_policy_set_to_fail_does_not_fail_on_a_national_figure_it_would_pool(
        tmp_path: Path) -> None:
    """Pooling only happens when the audit finds a leak: the same figures, unpooled, fail the build."""
    for name in ("content", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    site_yml = tmp_path / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "\ndisclosure:\n  on_leak: fail\n", encoding="utf-8")
    with pytest.raises(DisclosureLeak) as caught:
        build(BuildOptions(tmp_path / "content", tmp_path / "data", tmp_path / "site"))
    assert "national aim 2, pooled" in str(caught.value)


def test_national_aim_1_has_a_chart_of_each_authoritys_latest_published_figure(example_site: Path) -> None:
    """Aim 1 has no milestones: authorities measure it (Highland's share of plans peer reviewed). The chart
    repeats only the latest figure each authority's own page shows, beside its target."""
    page = (example_site / "national" / "index.html").read_text(encoding="utf-8")
    assert 'id="national-aim-1-measures"' in page
    (row,) = rows(example_site / "national" / "aim-1-measures.csv")
    own = [list(r.values())
           for r in rows(example_site / "authorities" / "highland" / "data" / "current" / "aim-1-measure.csv")]
    month, value = [(r[0], r[1]) for r in own if r[1] != "[c]"][-1]
    assert (row["Authority"], row["Month"], row["Latest value"], row["Target"]) == (
        "Highland", month, f"{value}%", "100%")


def test_before_and_since_joining_cannot_split_a_pooled_year(small_site: Path) -> None:
    """Testshire joined PACE on 1 January 2018 and pooled 2017 (two children) with 2018. The national count of
    children who finished before joining, minus Testshire's 2016 and Otherton's 2016 and 2017, is its 2017."""
    from pace_site.build.computing import compute
    from pace_site.build.reading import read_site
    from pace_site.figures.pooled import PooledRelease, pooled_aim
    from pace_site.publish.pooled_audit import Published, audit_pooled

    root = two_authorities(small_site)
    site = read_site(BuildOptions(root / "content", root / "data", root / "site"))
    computed = compute(site)
    aim = site.content.config.national_aims[1]
    beside = Published({a.slug: a.name for a in site.content.authorities}, computed.reports, site.data,
                       site.content.config)
    pooled = pooled_aim(aim, site.data, {s: computed.reports[s].as_at for s in site.data},
                        {a.slug: a.joined for a in site.content.authorities})
    one_row = PooledRelease(((min(pooled.years()), max(pooled.years())),))  # no year to subtract: only joining
    leaked = [f for f in audit_pooled(pooled, one_row, beside) if not f.protected]
    assert any(f.secret.variable == "testshire 2017" and f.low == f.high == 2 for f in leaked)
    assert not [f for f in audit_pooled(pooled, replace(one_row, joining="medians"), beside) if not f.protected]
    published = rows(built(root) / "national" / "aim-2-joining.csv")
    assert [r["Children"] for r in published] == ["[c]", "[c]"]  # the build hides them; the medians stay
