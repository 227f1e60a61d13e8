"""Chart blocks: a ```chart block in a page's Markdown places a numbered figure, computed and audited
like every chart on the site; a block naming something that does not exist fails with its file and line."""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from pace_site.build.computing import compute
from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build, check
from pace_site.build.reading import read_site
from pace_site.model.errors import ContentError
from pace_site.publish.audit import audit
from pace_site.publish.audit_site import publications

ROOT = Path(__file__).resolve().parent.parent


def block(**keys: str) -> str:
    return "```chart\n" + "".join(f"{key}: {value}\n" for key, value in keys.items()) + "```\n"


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The example content, to add pages with blocks to (the data is read where it is)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def page(root: Path, body: str, name: str = "figures") -> Path:
    path = root / "content" / "pages" / f"{name}.md"
    path.write_text(f"---\ntitle: Figures\n---\nSome text.\n\n{body}", encoding="utf-8")
    return path


def opts(root: Path) -> BuildOptions:
    return BuildOptions(root / "content", ROOT / "data", root / "site")


def problems_of(root: Path) -> str:
    with pytest.raises(ContentError) as raised:
        check(opts(root))
    return str(raised.value.message)


def test_blocks_are_numbered_figures_with_their_summary_table_and_csv(example_copy: Path) -> None:
    page(example_copy, "## Run charts\n\n" + block(authority="midlothian", aim="decision-7-5-months", show="run-chart",
                                                   caption="Each dot is a child.")
         + "\nBetween the figures.\n\n" + block(authority="all", national_aim="2", show="overview")
         + "\n" + block(authority="westshire", show="stage-durations"))
    build(opts(example_copy))
    html = (example_copy / "site" / "figures" / "index.html").read_text()
    titles = re.findall(r'class="chart__number">(Figure \d+)\.</span> ([^<]+)<', html)
    assert titles == [("Figure 1", "Weeks from accommodated to permanence recommendation, child by child"),
                      ("Figure 2", "Median weeks for aim 2 by authority, last 12 months, beside each local timescale"),
                      ("Figure 3", "How long each stage of the journey took, year by year")]
    assert html.index("Figure 1.") < html.index("Between the figures") < html.index("Figure 2.")
    assert "Each dot is a child." in html
    assert "Midlothian: its local aim for national aim 2, as at 20 September 2018" in html
    assert html.count("Show the data in a table") == 3 and 'src="../assets/plotly.min.js"' in html
    # The same chart and CSV as the authority page publishes.
    authority = (example_copy / "site" / "authorities" / "midlothian" / "index.html").read_text()
    csv = "authorities/midlothian/data/current/decision-7-5-months-run-chart.csv"
    assert f'href="../{csv}"' in html and 'href="data/current/decision-7-5-months-run-chart.csv"' in authority
    assert '<script type="application/json" id="figure-1-figure">' in html


def test_a_block_in_a_newsletter_defaults_to_its_date_and_its_email_gets_the_table(example_copy: Path) -> None:
    newsletter = example_copy / "content" / "authorities" / "eastburgh" / "newsletters" / "2018-06.md"
    newsletter.write_text(newsletter.read_text() + "\n" + block(authority="eastburgh", aim="aim-2", show="progress"))
    build(opts(example_copy))
    folder = example_copy / "site" / "authorities" / "eastburgh" / "newsletters" / "2018-06"
    html, email = (folder / "index.html").read_text(), (folder / "email.html").read_text()
    assert "Eastburgh: its local aim for national aim 2, as at 29 June 2018" in html
    assert "Figure 1. Progress towards the aim" in email and "<script" not in email
    assert "\ue000" not in html + email


ERRORS = [
    ({"authority": "midlothan", "aim": "x", "show": "run-chart"}, 1, "unknown authority 'midlothan'"),
    ({"authority": "midlothian", "aim": "nope", "show": "run-chart"}, 2, "unknown aim 'nope' for midlothian"),
    ({"authority": "midlothian", "aim": "decision-7-5-months", "show": "runchart"}, 3,
     "unknown chart ('show') 'runchart'"),
    ({"authority": "midlothian", "aim": "decision-7-5-months", "show": "run-chart", "as_at": "2018-02-30"}, 4,
     "expected 'as_at' to be a date"),
    ({"authority": "midlothian", "aim": "decision-7-5-months", "show": "run-chart", "shwo": "x"}, 4,
     "unknown field 'shwo': did you mean 'show'?"),
    ({"authority": "midlothian", "aim": "decision-7-5-months", "show": "by-route"}, 3,
     "the aim 'decision-7-5-months' has no breakdown by route: add 'by_route: true'"),
    ({"authority": "midlothian", "show": "joining"}, 2, "is a national chart across authorities"),
    ({"authority": "all", "national_aim": "1", "show": "stage-durations"}, 3,
     "no national chart 'show: stage-durations' for national aim 1"),
    ({"authority": "midlothian", "aim": "decision-7-5-months", "show": "overview"}, 3, "authority: all"),
    ({"authority": "all", "national_aim": "7", "show": "overview"}, 2, "unknown national aim 7"),
    ({"authority": "all", "aim": "aim-2", "show": "overview"}, 2, "with authority: all, name the national aim"),
    ({"authority": "eastburgh", "show": "stage-durations", "as_at": "2019-01-01"}, 3,
     "stage durations are published as at 2020-09-30 only"),
]


@pytest.mark.parametrize(("keys", "key_line", "message"), ERRORS)
def test_a_block_naming_what_does_not_exist_fails_with_the_file_and_the_line_of_its_key(
        example_copy: Path, keys: dict[str, str], key_line: int, message: str) -> None:
    page(example_copy, "One.\n\nTwo.\n\n" + block(**keys))  # front matter 3 lines, body from line 4; fence on line 10
    found = problems_of(example_copy)
    assert re.search(rf"figures\.md, line {10 + key_line}: [^\n]*{re.escape(message)}", found), found


def test_yaml_aliases_duplicate_keys_bad_yaml_and_an_unclosed_block_are_refused_each_with_its_line(
        example_copy: Path) -> None:
    page(example_copy, "```chart\nauthority: &a midlothian\naim: *a\nshow: run-chart\n```\n\n"
                       "```chart\nauthority: midlothian\nauthority: midlothian\nshow: progress\n```\n\n"
                       "```chart\nshow: [oops\n```\n\n"
                       "```chart\nauthority: midlothian\n")
    found = problems_of(example_copy)
    assert "figures.md, line 7: a chart block may not use YAML anchors or aliases" in found
    assert "figures.md, line 14: the field 'authority' appears twice" in found
    assert "figures.md, line 19: this is not valid YAML" in found
    assert "figures.md, line 22: this chart block has no closing ``` line" in found


def test_a_national_chart_that_does_not_exist_says_which_ones_do(example_copy: Path) -> None:
    page(example_copy, block(authority="all", national_aim="1", show="waiting"))
    found = problems_of(example_copy)
    assert "figures.md, line 9: there is no national chart 'show: waiting' for national aim 1" in found
    assert "national_aim: 1, show: overview" in found and "national_aim: 2, show: stage-durations" in found


def test_a_chart_block_inside_a_code_example_is_left_as_code(example_copy: Path) -> None:
    page(example_copy, "````markdown\n" + block(authority="nowhere", show="nothing") + "````\n")
    build(opts(example_copy))
    html = (example_copy / "site" / "figures" / "index.html").read_text()
    assert "authority: nowhere" in html and "chart--figure" not in html


def test_the_placeholder_character_cannot_be_typed_to_forge_a_figure(example_copy: Path) -> None:
    page(example_copy, "\ue0001\ue000\n\n" + block(authority="all", national_aim="2", show="overview"))
    build(opts(example_copy))
    html = (example_copy / "site" / "figures" / "index.html").read_text()
    assert html.count("chart--figure") == 1


# The attacker: Machair Isles' aim 2 page shows its met and pending counts as [c] and withholds its run
# and waiting charts. A page of blocks asks for them at the page's date and at a day before.
ATTACK = [block(authority="machair-isles", aim="aim-2", show=show, as_at=when)
          for when in ("2020-09-30", "2020-09-29") for show in ("progress", "run-chart", "waiting")]


def test_a_block_cannot_publish_a_figure_the_authority_page_withholds(example_copy: Path) -> None:
    page(example_copy, "\n".join(ATTACK))
    site = read_site(opts(example_copy))
    computed = compute(site)
    own = {chart.kind: chart for chart in computed.reports["machair-isles"].current[0].charts}
    assert ("[c]" in dict(own["progress"].table_rows).values() and not own["run"].has_data
            and not own["waiting"].has_data)
    placed = computed.figures[str(example_copy / "content" / "pages" / "figures.md")]
    same_date = [figure.chart for figure in placed[:3]]
    assert [c.table_rows for c in same_date] == [own["progress"].table_rows, (), ()]
    assert [c.summary for c in same_date] == [own[kind].summary for kind in ("progress", "run", "waiting")]


def test_a_block_at_another_date_is_a_publication_the_audit_covers(example_copy: Path) -> None:
    page(example_copy, "\n".join(ATTACK))
    site = read_site(opts(example_copy))
    computed = compute(site)
    scopes = {(p.authority, p.as_at, p.aim.id): p
              for _, p in publications(site.content, computed.reports, computed.overview)}
    earlier = scopes[("Machair Isles", date(2020, 9, 29), "aim-2")]
    placed = computed.figures[str(example_copy / "content" / "pages" / "figures.md")]
    assert set(earlier.charts) == {replace_id(figure.chart) for figure in placed[3:]}
    policy = site.content.config.disclosure
    own = audit(scopes[("Machair Isles", date(2020, 9, 30), "aim-2")], policy)
    theirs = audit(earlier, policy)
    assert theirs and all(finding.protected for finding in theirs)  # its hidden figures, checked as a reader would
    assert sum(f.scope == earlier.scope for f in computed.audit) == len(own) + len(theirs)  # the site audit has both
    assert all(finding.protected for finding in computed.audit)
    assert "authorities/machair-isles/data/at-2020-09-29/aim-2-progress.csv" in {c.csv_path for c in computed.charts()}


def replace_id(chart):  # type: ignore[no-untyped-def]
    """The chart as its report holds it: a placed figure only gets an id of its own."""
    from dataclasses import replace

    original = chart.csv_path.rsplit("/", 1)[1].removeprefix("aim-2-").removesuffix(".csv")
    return replace(chart, id=f"aim-2-{original}")


def test_a_block_at_a_new_date_publishes_no_more_than_a_newsletter_of_that_date_would(example_copy: Path) -> None:
    """Any author can already publish an aim at any date with a newsletter; a block at that date shows exactly
    the newsletter's charts, computed and protected the same way, so it opens no new way to difference."""
    attack = [block(authority="machair-isles", aim="aim-2", show=show, as_at="2020-06-30")
              for show in ("progress", "run-chart", "waiting")]
    page(example_copy, "\n".join(attack))
    alone = compute(read_site(opts(example_copy)))
    figures = str(example_copy / "content" / "pages" / "figures.md")
    newsletter = example_copy / "content" / "authorities" / "machair-isles" / "newsletters" / "2020-06.md"
    newsletter.write_text("---\ntitle: June\ndate: 2020-06-30\naims: [aim-2]\nexample: true\n---\nNews.\n")
    beside = compute(read_site(opts(example_copy)))
    issue = beside.reports["machair-isles"].newsletters["2020-06"][0]
    assert [f.chart.table_rows for f in alone.figures[figures]] == [c.table_rows for c in issue.charts]
    assert [f.chart.summary for f in alone.figures[figures]] == [c.summary for c in issue.charts]
    assert beside.reports["machair-isles"].extra == ()  # with the newsletter there, the block shows its charts


def test_a_caption_is_text_and_a_file_holds_at_most_a_hundred_blocks(example_copy: Path) -> None:
    page(example_copy, block(authority="all", national_aim="2", show="overview", caption='"<script>alert(1)</script>"'))
    build(opts(example_copy))
    html = (example_copy / "site" / "figures" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    page(example_copy, "\n".join([block(authority="all", national_aim="2", show="overview")] * 101))
    assert "a file may hold at most 100 chart blocks" in problems_of(example_copy)


def test_a_real_authority_s_newsletter_charting_an_example_authority_carries_the_notice(small_site: Path) -> None:
    """small_site's Testshire is real (no example flag); a second authority marked example: true lends it a chart."""
    content = small_site / "content"
    profile = (content / "authorities" / "testshire" / "authority.md").read_text()
    (content / "authorities" / "madeupshire").mkdir()
    (content / "authorities" / "madeupshire" / "authority.md").write_text(
        profile.replace("name: Testshire", "name: Madeupshire\nexample: true"))
    (small_site / "data" / "madeupshire").mkdir()
    shutil.copy(small_site / "data" / "testshire" / "journeys.csv", small_site / "data" / "madeupshire")
    newsletter = content / "authorities" / "testshire" / "newsletters" / "2019-04.md"
    build(BuildOptions(content, small_site / "data", small_site / "site"))
    folder = small_site / "site" / "authorities" / "testshire" / "newsletters" / "2019-04"
    assert "example-notice" not in (folder / "index.html").read_text()
    newsletter.write_text(newsletter.read_text() + "\n" + block(authority="madeupshire", aim="aim-2", show="progress"))
    build(BuildOptions(content, small_site / "data", small_site / "site"))
    assert 'class="example-notice"' in (folder / "index.html").read_text()
    assert 'class="example-notice"' in (folder / "email.html").read_text()


def test_a_block_for_all_authorities_shows_the_pooled_stage_durations_with_its_table_and_csv(
        example_copy: Path) -> None:
    """Issue 13's first done-when: authority: all, national_aim: 2, show: stage-durations."""
    page(example_copy, block(authority="all", national_aim="2", show="stage-durations"))
    build(opts(example_copy))
    site = example_copy / "site"
    html = (site / "figures" / "index.html").read_text(encoding="utf-8")
    assert ("Figure 1. How long national aim 2&#39;s stage took, year by year, all authorities"
            in re.sub(r"<[^>]+>", "", html))
    csv_link = re.search(r'href="([^"]+aim-2-stage\.csv)"', html)
    assert csv_link, html
    rows = list(csv.reader((site / "figures" / csv_link.group(1)).open(encoding="utf-8")))
    assert rows[0] == ["Stage", "Year", "Children", "Median weeks"] and len(rows) > 2
    assert len(re.findall(r"<tr>", html.split("Figure 1.")[1])) == len(rows)  # the table shows the CSV's rows


def test_a_block_shows_an_aims_children_by_route_where_the_aim_has_them(example_copy: Path) -> None:
    page(example_copy, block(authority="eastburgh", aim="aim-2", show="by-route"))
    build(opts(example_copy))
    html = (example_copy / "site" / "figures" / "index.html").read_text(encoding="utf-8")
    assert "Figure 1. Children by route to permanence" in re.sub(r"<[^>]+>", "", html)
    assert "Remaining or returning home" in html
