"""Posters as designed sheets: their front matter, diagrams, tests of change, and the Gathering PACE gallery."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.commands.cli import cli
from pace_site.model.content import DriverDiagram, PrimaryDriver, SecondaryDriver
from pace_site.model.poster import Force, Forcefield, Sheet, TimelineStep
from pace_site.render.diagrams import Idea, driver_diagram, forcefield, timeline

ROOT = Path(__file__).resolve().parent.parent
POSTER = "content/authorities/testshire/poster.md"
HEAD = "---\ntitle: Our poster"


def invoke(root: Path, command: str = "build"):  # type: ignore[no-untyped-def]
    args = [command, "--content", str(root / "content"), "--data", str(root / "data")]
    return CliRunner().invoke(cli, args + (["--out", str(root / "site")] if command == "build" else []))


def add_to_poster(root: Path, front_matter: str) -> None:
    path = root / POSTER
    path.write_text(path.read_text().replace(HEAD, f"---\n{front_matter}title: Our poster", 1))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- Front matter -------------------------------------------------------------------------------

@pytest.mark.parametrize("front_matter, expected", [
    ("size: B2\n", "poster.md, line 2: unknown poster size 'B2': expected one of A0, A1, A2, A3"),
    ("orientation: sideways\n", "poster.md, line 2: unknown orientation 'sideways'"),
    ("tests_of_change:\n  - {title: T, aim: aim-9, start: 2019-01-01, prediction: P}\n",
     "poster.md, line 3: unknown aim 'aim-9' in 'tests_of_change.0.aim'"),
    ("tests_of_change:\n  - {title: T, aim: aim-2, start: 2019-01-01, prediction: P, decision: keep}\n",
     "poster.md, line 3: unknown decision 'keep': expected one of abandon, adapt, adopt"),
    ("tests_of_change:\n  - title: T\n    aim: aim-2\n    start: 2019-02-01\n    end: 2019-01-01\n    prediction: P\n",
     "poster.md, line 6: the test of change ends (2019-01-01) before it starts (2019-02-01)"),
    ("tests_of_change:\n  - {title: T, aim: aim-2, prediction: P}\n", "the field 'start' is required"),
    ("forcefield:\n  driving:\n    - {force: Good will, strength: 7}\n",
     "poster.md, line 4: expected 'strength' to be a number from 1 to 5, found '7'"),
    ("forcefield:\n  aim: aim-2\n", "a forcefield needs 'driving' or 'restraining' forces"),
    ("timeline:\n  - {date: May 2018, step: Launch}\n",
     "poster.md, line 3: expected 'date' to be a date written YYYY-MM-DD"),
    ("driver_diagram:\n  aim: aim-2\n  primary:\n    - driver: D\n      secondary:\n        - driver: S\n"
     "          change_ideas: [no-such-idea]\n",
     "poster.md, line 8: unknown change idea 'no-such-idea' in the driver diagram"),
    ("aims_listed: [aim-9]\n", "poster.md, line 2: unknown aim 'aim-9': expected one of Testshire's aims (aim-2)"),
    ("aims: [aim-2]\naims_listed: [aim-2]\n", "poster.md, line 3: the aim 'aim-2' is in both 'aims' (charted) and "
                                              "'aims_listed' (stated, not charted)"),
])
def test_a_broken_poster_key_is_named_with_its_line(small_site: Path, front_matter: str, expected: str) -> None:
    add_to_poster(small_site, front_matter)
    result = invoke(small_site, "check")
    assert result.exit_code == 1
    assert expected in result.output, result.output


def test_the_sheet_sets_the_printed_page_and_the_text_scale(small_site: Path) -> None:
    add_to_poster(small_site, "size: A3\norientation: landscape\n")
    assert invoke(small_site).exit_code == 0
    html = (small_site / "site/authorities/testshire/poster/index.html").read_text()
    assert "@page { size: 420mm 297mm; margin: 9mm; }" in html
    assert 'class="page-poster page-poster--a3 page-poster--landscape"' in html
    css = (small_site / "site/assets/site.css").read_text()
    assert ".page-poster--a3 { --poster-scale: 0.3536;" in css
    assert "calc(28pt * var(--poster-scale))" in css and "calc(20pt * var(--poster-scale))" in css


def test_sheets_and_text_scale() -> None:
    assert Sheet().millimetres == (594, 841)  # A1 portrait by default
    assert Sheet("A0", "landscape").millimetres == (1189, 841)
    # Body text 28 pt at A0 is 10 pt at A3; chart text 20 pt at A0 is 7 pt at A3.
    assert round(28 * Sheet("A3").scale) == 10 and round(20 * Sheet("A3").scale) == 7


# --- Tests of change ------------------------------------------------------------------------------

MORE_JOURNEYS = """accommodated,recommendation,panel
2017-01-10,2017-09-01,
2017-02-10,2017-10-01,2017-12-01
2017-03-10,2017-11-01,
2017-04-10,2018-01-10,
2018-01-05,2018-04-01,
2018-02-01,2018-06-01,
2018-03-01,2018-12-20,
2018-04-01,2019-01-20,
2018-05-01,,
"""


def test_a_test_of_change_is_shown_and_marked_on_its_aims_run_charts(small_site: Path) -> None:
    (small_site / "data/testshire/journeys.csv").write_text(MORE_JOURNEYS)
    profile = small_site / "content/authorities/testshire/authority.md"  # run charts published as they are
    profile.write_text(profile.read_text().replace("joined:", "per_child: open\njoined:", 1))
    add_to_poster(small_site, "tests_of_change:\n  - title: Two week reviews\n    aim: aim-2\n    start: 2018-03-15\n"
                              "    prediction: Fewer children wait.\n    result: They did.\n    decision: adopt\n")
    assert invoke(small_site).exit_code == 0
    poster = (small_site / "site/authorities/testshire/poster/index.html").read_text()
    assert "PDSA 1: Two week reviews" in text_of(poster)
    assert "Fewer children wait." in poster and "They did." in poster and ">Adopt<" in poster
    for page in ("poster/index.html", "index.html"):
        html = (small_site / f"site/authorities/testshire/{page}").read_text()
        figure = json.loads(re.search(r'id="aim-2-run-chart-figure">(.*?)</script>', html, re.S).group(1))
        numbers = [a["text"] for a in figure["layout"]["annotations"]]
        assert numbers == ["1"], numbers  # numbered on the chart, named in the list under it
        assert re.search(r'<ul class="chart__notes"><li>1\. '
                         r'Test of change from March 2018: PDSA 1: Two week reviews</li>',
                         html.split('id="aim-2-run-chart"')[1]), page
        # Between the fourth child (recommendation January 2018) and the fifth (April 2018).
        lines = [s for s in figure["layout"]["shapes"] if s.get("x0") == s.get("x1") and s.get("yref") == "paper"]
        assert [s["x0"] for s in lines] == [4.5], lines


# --- Diagrams -------------------------------------------------------------------------------------

class _Structure(HTMLParser):
    """The nested lists a screen reader reads, and whether each SVG is hidden from it."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.items: list[tuple[int, str]] = []
        self.svgs: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svgs.append(dict(attrs))
            self._in_svg += 1
        elif tag in ("ul", "ol") and not self._in_svg:
            self.depth += 1
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg -= 1
        elif tag in ("ul", "ol") and not self._in_svg:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if data.strip() and not self._in_svg:
            self.items.append((self.depth, data.strip()))


def structure(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    return parser


def test_the_driver_diagram_is_a_hidden_picture_and_a_nested_list_with_linked_change_ideas() -> None:
    diagram = DriverDiagram("aim-2", (PrimaryDriver("Early planning", (
        SecondaryDriver("A review two weeks after accommodation", ("two-week-review",)),
        SecondaryDriver("Dates agreed at 72 hours"))),))
    html = str(driver_diagram(diagram, "Aim 2: 80% within 26 weeks",
                              {"two-week-review": Idea("A two week review",
                                                       "change-ideas/two-week-review/index.html")}))
    found = structure(html)
    assert found.svgs and all(s.get("aria-hidden") == "true" for s in found.svgs)
    depths = {text: depth for depth, text in found.items}
    assert depths["Aim: Aim 2: 80% within 26 weeks"] == 1
    assert depths["Primary driver: Early planning"] == 2
    assert depths["Secondary driver: A review two weeks after accommodation"] == 3
    assert depths["A two week review"] == 4
    assert found.links == ["/change-ideas/two-week-review/index.html"]
    # The picture shows every box's text too.
    picture = text_of(html.split("</svg>")[0])
    assert "Early planning" in picture and "A two week review" in picture


def test_an_authors_markup_in_a_diagram_is_text_not_html() -> None:
    hostile = '<script>alert(1)</script><a href="javascript:x">x</a>'
    html = str(driver_diagram(DriverDiagram("a", (PrimaryDriver(hostile, (SecondaryDriver(hostile),)),)), hostile, {}))
    html += str(forcefield(Forcefield("a", (Force(hostile, 3),), ()), hostile))
    html += str(timeline((TimelineStep(__import__("datetime").date(2018, 4, 1), hostile),)))
    tags: list[tuple[str, dict[str, str | None]]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append((tag, dict(attrs)))  # type: ignore[method-assign]
    parser.feed(html)
    assert not [t for t, _ in tags if t == "script"]
    assert not [a for t, a in tags if t == "a"]  # the author's link is text, not a link
    assert "&lt;script&gt;" in html


def test_forcefield_arrows_grow_with_strength_and_the_list_gives_each_strength() -> None:
    html = str(forcefield(Forcefield("a", (Force("Strong", 5), Force("Weak", 1)), (Force("Distance", 3),)), ""))
    lengths = [abs(float(a) - float(b)) for a, b in re.findall(r'<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"', html)
               if a != b]
    assert len(lengths) == 3 and lengths[0] > lengths[2] > lengths[1]
    items = [text for _, text in structure(html).items]
    assert "Strong: strength 5 of 5" in items and "Distance: strength 3 of 5" in items


def test_highland_poster_draws_its_diagrams_from_front_matter(example_site: Path) -> None:
    html = (example_site / "authorities/highland/poster/index.html").read_text()
    assert html.count('<figure class="diagram diagram--') == 3  # driver diagram, forcefield, timeline
    items = [text for _, text in structure(html).items]
    assert "April 2018: PACE launch" in items
    assert "Difficulty recruiting and keeping social workers: strength 5 of 5" in items
    assert "Primary driver: A workforce that can meet rural challenges" in items
    assert "A set agenda for the 72-hour planning meeting" in items
    assert 'href="../../../change-ideas/agenda-for-72-hour-meeting/"' in html


# --- The poster's content -------------------------------------------------------------------------

def test_the_poster_states_its_aim_once_and_does_not_repeat_its_title(example_site: Path) -> None:
    html = (example_site / "authorities/shetland/poster/index.html").read_text()
    assert "<h1>PACE in Shetland</h1>" in html
    statement = "By March 2018, 75% of our looked after and accommodated children"
    assert text_of(html).count(statement) == 1


def test_the_baseline_panel_shows_the_baseline_median_from_the_data(example_site: Path) -> None:
    html = (example_site / "authorities/midlothian/poster/index.html").read_text()
    start = html.index('id="baseline"')
    baseline = html[start:html.index("</section>", start)]
    # Midlothian's run chart baseline: the median of the children before it joined PACE.
    assert "45.5 weeks" in text_of(baseline)
    figure = json.loads(re.search(r'id="decision-7-5-months-run-chart-figure">(.*?)</script>', html, re.S).group(1))
    medians = {y for trace in figure["data"] if trace.get("name") == "Baseline median" for y in trace["y"]}
    assert medians == {45.5}


def test_the_poster_has_two_or_three_charts(example_site: Path) -> None:
    for poster in sorted(example_site.glob("authorities/*/poster/index.html")):
        html = poster.read_text()
        charts = html.count('<figure class="chart"')  # a chart, or the sentence that replaces a withheld one
        assert 1 <= charts <= 3, poster
    first = re.search(r'<figure class="chart" id="([^"]+)"',
                      (example_site / "authorities/midlothian/poster/index.html").read_text())
    assert first and first.group(1).endswith("-run-chart")  # the run chart leads


# --- Gathering PACE -------------------------------------------------------------------------------

def test_each_event_has_a_gallery_of_every_poster_that_names_it(example_site: Path) -> None:
    events: dict[str, set[str]] = {}
    for poster in sorted((ROOT / "content/authorities").glob("*/poster.md")):
        event = re.search(r"^event: (.+)$", poster.read_text(), re.M)
        if event:
            events.setdefault(event.group(1).strip(), set()).add(poster.parent.name)
    assert events, "the example posters name their events"
    index = (example_site / "gathering-pace/index.html").read_text()
    for event, slugs in events.items():
        slug = re.sub(r"[^a-z0-9]+", "-", event.lower()).strip("-")
        assert f'href="{slug}/"' in index
        gallery = (example_site / f"gathering-pace/{slug}/index.html").read_text()
        linked = set(re.findall(r'href="\.\./\.\./authorities/([a-z-]+)/poster/"', gallery))
        assert linked == slugs
    home = (example_site / "index.html").read_text()
    assert 'href="gathering-pace/"' in home


def test_pdf_without_chromium_says_how_to_install_it_and_writes_nothing(small_site: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACE_CHROMIUM", str(small_site / "no-chromium-here"))
    result = CliRunner().invoke(cli, ["pdf", "--content", str(small_site / "content"), "--data",
                                      str(small_site / "data"), "--out", str(small_site / "site")])
    assert result.exit_code == 1
    assert "Chromium is not at" in result.output and "apt-get install chromium" in result.output
    assert "Traceback" not in result.output
    assert not (small_site / "site").exists()


def test_a_poster_states_the_aims_it_lists_without_charting_them(example_site: Path) -> None:
    """Highland's seed poster charts aim 2 and lists aims 1, 3 and 4 under "PACE Highland Aims"."""
    html = (example_site / "authorities" / "highland" / "poster" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'aim__statement--listed">(.*?) <span', html)
    assert [text.split(",")[0] for text in listed] == ["By 1st October 2019"] * 3
    assert any("peer review" in text for text in listed) and any("permanence panel" in text for text in listed)
    charted = set(re.findall(r'data-figure="([^"]+)"', html)) | set(re.findall(r'id="(aim-\d)-[a-z-]+"', html))
    assert not any(name.startswith(("aim-1", "aim-3", "aim-4")) for name in charted)
    assert "aim-2" in " ".join(charted)
