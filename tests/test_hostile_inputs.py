"""Hostile and careless inputs, each alone on a copy of the example site.

Each ends in a clean message naming the file (and the line where there is one), never a
traceback or a hang, and the previously built site is left byte for byte as it was. Inputs
that are harmless (a byte order mark, Windows line endings) must simply be accepted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.build.options import BuildOptions
from pace_site.build.pipeline import build
from pace_site.commands.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SITE = "content/site.yml"
GLOSSARY = "content/glossary.yml"
MIDLOTHIAN = "content/authorities/midlothian/authority.md"
HIGHLAND = "content/authorities/highland/authority.md"
NEWSLETTER = "content/authorities/midlothian/newsletters/2018-04.md"
POSTER = "content/authorities/midlothian/poster.md"
IDEA = "content/change-ideas/two-week-review.md"
LEARNING = "content/learning/data-not-opinion.md"
PAGE = "content/pages/about.md"
JOURNEYS = "data/midlothian/journeys.csv"
MEASURES = "data/highland/measures.csv"

Action = Callable[[Path], None]


def replace(file: str, old: str, new: str) -> Action:
    def act(root: Path) -> None:
        text = (root / file).read_text(encoding="utf-8")
        assert old in text, f"the example no longer has {old!r} in {file}"
        (root / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return act


def write(file: str, content: str | bytes) -> Action:
    def act(root: Path) -> None:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / file).write_bytes(data)
    return act


def append(file: str, text: str) -> Action:
    def act(root: Path) -> None:
        with (root / file).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return act


def transform(file: str, change: Callable[[bytes], bytes]) -> Action:
    def act(root: Path) -> None:
        (root / file).write_bytes(change((root / file).read_bytes()))
    return act


def make_fifo(file: str) -> Action:
    def act(root: Path) -> None:
        os.mkfifo(root / file)
    return act


def make_folder(file: str) -> Action:
    return lambda root: (root / file).mkdir(parents=True)


@dataclass(frozen=True)
class Hostile:
    name: str
    actions: tuple[Action, ...]
    expected: tuple[str, ...]  # each must appear in the output; {line} is the line of `at`
    mode: str = "fails"  # "fails": build fails; "strict": build --strict fails; "accepted": check passes
    at: tuple[str, str] | None = None  # (file, text): the line of the changed file the message must name

    def messages(self, root: Path) -> list[str]:
        line = line_of(root / self.at[0], self.at[1]) if self.at else None
        return [expected.format(line=line) for expected in self.expected]


def case(name: str, action: Action | tuple[Action, ...], *expected: str, mode: str = "fails",
         at: tuple[str, str] | None = None) -> Hostile:
    return Hostile(name, action if isinstance(action, tuple) else (action,), expected, mode, at)


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line holding `text`, in the file as the hostile input left it."""
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
LONG_ID = "a" * 300
TRACKER = "Name,DOB,CHI,Date accommodated\nAnn Example,2012-03-04,0403121234,2018-01-01\n"

HOSTILE = [
    # YAML that would hang, eat memory or end in a traceback
    case("alias bomb", write(GLOSSARY, BOMB),
         "glossary.yml, line", "more than 20,000 values, counting every use of an alias"),
    case("recursive alias", write(GLOSSARY, "- &a [*a]\n"),
         "glossary.yml, line 1: an alias (*name) refers to the value"),
    case("5,000 nested brackets", replace(SITE, "title: PACE reports", "title: " + "[" * 5000 + "]" * 5000),
         "site.yml, line 2: this file has more than 1,000 '[' characters"),
    case("500 nested brackets", replace(SITE, "title: PACE reports", "title: " + "[" * 500 + "]" * 500),
         "site.yml, line 2: the values are nested more than 40 levels deep"),
    case("5,000 nested braces", replace(SITE, "title: PACE reports", "title: " + "{a: " * 5000 + "}" * 5000),
         "site.yml, line 2: the values are nested more than 40 levels deep"),
    case("recursive alias in front matter", replace(NEWSLETTER, "summary:", "loop: &l [*l]\nsummary:"),
         "2018-04.md, line {line}: an alias (*name) refers to the value", at=(NEWSLETTER, "loop:")),
    case("!!python/object tag",
         replace(POSTER, "title: A two", "event: !!python/object/apply:os.system [ls]\ntitle: A two"),
         "poster.md, line {line}: the tag '!!python/object/apply:os.system' is not allowed", at=(POSTER, "event:")),
    case("complex key", replace(MIDLOTHIAN, "name: Midlothian", "name: Midlothian\n? [a, b]\n: c"),
         "midlothian/authority.md, line {line}: expected a field name before ':'", at=(MIDLOTHIAN, "? [a, b]")),
    # dates, numbers, ids and lengths out of range
    case("as-at date in year 1", replace(SITE, "as_at: 2020-12-01", "as_at: 0001-01-01"),
         "site.yml, line 8: expected 'as_at' to be a date from 1900 to 2100, found '0001-01-01'"),
    case("data_as_at in year 9999", replace(MIDLOTHIAN, "data_as_at: 2018-09-20", "data_as_at: 9999-09-20"),
         "midlothian/authority.md, line {line}: expected 'data_as_at' to be a date from 1900 to 2100",
         at=(MIDLOTHIAN, "data_as_at:")),
    case("journey date in year 1", replace(JOURNEYS, "2015-01-23,2016-02-13", "0001-01-23,2016-02-13"),
         "journeys.csv, line 2, column accommodated: expected a date from 1900 to 2100"),
    case("measure period in year 1", replace(MEASURES, "peer-reviews,2018-09,", "peer-reviews,0001-09,"),
         "measures.csv, line 2, column period: expected a period written YYYY-MM"),
    case("300-character aim id", replace(MIDLOTHIAN, "id: decision-7-5-months", f"id: {LONG_ID}"),
         "midlothian/authority.md, line {line}: expected 'id' to be at most 64 characters, found 300",
         at=(MIDLOTHIAN, "id: aaa")),
    case("aim id that is a path", replace(MIDLOTHIAN, "id: decision-7-5-months", "id: ../../../etc/passwd"),
         "midlothian/authority.md, line {line}: expected 'id' to be an id of letters, digits",
         at=(MIDLOTHIAN, "id: ../")),
    case("milestone id with spaces", replace(SITE, "id: accommodated", "id: date accommodated"),
         "site.yml, line {line}: expected 'id' to be an id of letters", at=(SITE, "id: date accommodated")),
    case("huge float target", replace(MIDLOTHIAN, "target: 75", "target: 1e999"),
         "midlothian/authority.md, line {line}: expected 'target' to be a number from 0 to 100",
         at=(MIDLOTHIAN, "target:")),
    case("5,000-digit target", replace(MIDLOTHIAN, "target: 75", "target: " + "9" * 5000),
         "midlothian/authority.md, line {line}: expected 'target' to be a number from 0 to 100, found '999",
         at=(MIDLOTHIAN, "target:")),
    case("negative timescale", replace(MIDLOTHIAN, "timescale: 7.5 months", "timescale: -7.5 months"),
         "midlothian/authority.md, line {line}: expected 'timescale' to be a number of weeks or months",
         at=(MIDLOTHIAN, "timescale:")),
    case("timescale of a billion weeks", replace(MIDLOTHIAN, "timescale: 7.5 months", "timescale: 1000000000 weeks"),
         "midlothian/authority.md, line {line}: expected 'timescale'", "at most 520 weeks",
         at=(MIDLOTHIAN, "timescale:")),
    case("100,000-character title on one line", replace(PAGE, "title: About PACE", "title: " + "x" * 100_000),
         "about.md, line 2: expected 'title' to be at most 200 characters, found 100,000"),
    case("100-character authority folder",
         write("content/authorities/" + "a" * 100 + "/authority.md", "---\nname: A\n---\n"),
         "expected a folder name of lower-case letters, digits and hyphens, at most 64 characters"),
    # misspelt, unknown and duplicate fields
    case("treshold", append(SITE, "disclosure:\n  treshold: 10\n"),
         "site.yml, line {line}: unknown field 'treshold' in 'disclosure': did you mean 'threshold'?",
         at=(SITE, "treshold:")),
    case("localty", replace(HIGHLAND, "    locality: Caithness", "    localty: Caithness"),
         "highland/authority.md, line {line}: unknown field 'localty' in 'aims': did you mean 'locality'?",
         at=(HIGHLAND, "localty:")),
    case("titel in site.yml", replace(SITE, "title: PACE reports", "titel: PACE reports"),
         "site.yml, line 2: unknown field 'titel': did you mean 'title'?"),
    case("statuss in a change idea", replace(IDEA, "status: adopted", "status: adopted\nstatuss: adopted"),
         "two-week-review.md, line 7: unknown field 'statuss': did you mean 'status'?"),
    case("sorce in a learning point", replace(LEARNING, "source: ", "sorce: "),
         "data-not-opinion.md, line {line}: unknown field 'sorce': did you mean 'source'?", at=(LEARNING, "sorce:")),
    case("defintion in the glossary", replace(GLOSSARY, "  definition: >-", "  defintion: >-"),
         "glossary.yml, line 4: unknown field 'defintion' in entry 1: did you mean 'definition'?"),
    case("primery in a driver diagram",
         replace(POSTER, "aims: [decision-7-5-months]", "aims: [decision-7-5-months]\n"
                 "driver_diagram:\n  aim: decision-7-5-months\n  primery:\n    - driver: X"),
         "poster.md, line {line}: unknown field 'primery' in 'driver_diagram': did you mean 'primary'?",
         at=(POSTER, "primery:")),
    case("summery in a newsletter", replace(NEWSLETTER, "summary:", "summery:"),
         "2018-04.md, line {line}: unknown field 'summery': did you mean 'summary'?", at=(NEWSLETTER, "summery:")),
    case("example that is not true or false", replace(PAGE, "title: About PACE", "title: About PACE\nexample: maybe"),
         "about.md, line 3: expected 'example' to be true or false, found 'maybe'"),
    case("duplicate key in a profile", replace(MIDLOTHIAN, "name: Midlothian", "name: Midlothian\nname: Other"),
         "midlothian/authority.md, line {line}: the field 'name' appears twice, on lines",
         at=(MIDLOTHIAN, "name: Other")),
    case("duplicate key in site.yml", replace(SITE, "contact: pace@celcis.example.org",
                                              "contact: pace@celcis.example.org\nas_at: 2019-01-01"),
         "site.yml, line 10: the field 'as_at' appears twice, on lines 8 and 10"),
    # YAML a careless author writes
    case("colon in a value", replace(NEWSLETTER, "title: Midlothian PACE newsletter, April 2018",
                                     "title: Midlothian PACE newsletter: April 2018"),
         "2018-04.md, line {line}: this is not valid YAML (mapping values are not allowed",
         "put the whole value in quotes", at=(NEWSLETTER, "title:")),
    case("value starting with *", replace(IDEA, "title: A review", "title: *Two week* review: A review"),
         "two-week-review.md, line 2: this is not valid YAML", "put the whole value in quotes"),
    case("tab indentation", replace(SITE, "  - id: accommodated", "\t- id: accommodated"),
         "site.yml, line {line}: this is not valid YAML", "indent with spaces, not tabs", at=(SITE, "\t- id")),
    case("empty site.yml", write(SITE, ""),
         "site.yml, line 1: expected the site configuration to be 'field: value' lines"),
    case("site.yml that is a list", write(SITE, "- title: PACE\n- as_at: 2020-01-01\n"),
         "site.yml, line 1: expected the site configuration to be 'field: value' lines"),
    case("empty authority.md", write(MIDLOTHIAN, ""), "midlothian/authority.md, line 1: expected front matter"),
    case("front matter never closed", replace(POSTER, "---\n## Baseline", "## Baseline"),
         "poster.md, line 1: the front matter is not closed"),
    case("front matter that is a list", write(IDEA, "---\n- title: x\n- aims: [2]\n---\nBody\n"),
         "two-week-review.md, line 2: expected the front matter to be 'field: value' lines"),
    # bytes that are not UTF-8 text
    case("Latin-1 profile, no knock-on errors",
         transform(MIDLOTHIAN, lambda b: b.replace(b"name: Midlothian", "name: Midlöthian".encode("latin-1"))),
         "1 problem found", "midlothian/authority.md, line {line}: expected UTF-8 text", "Latin-1", "encoding 'UTF-8'",
         at=(MIDLOTHIAN, "name: Midl")),
    case("Latin-1 change idea, no knock-on errors", transform(IDEA, lambda b: b.replace(b"adopted", b"adopt\xe9")),
         "1 problem found", "two-week-review.md, line 6: expected UTF-8 text"),
    case("Latin-1 journeys.csv, no knock-on errors",
         transform(JOURNEYS, lambda b: b + b"2018-01-01,,,,,,kinship,caf\xe9\n"),
         "1 problem found", "journeys.csv, line {line}: expected UTF-8 text", "'CSV UTF-8 (Comma delimited)",
         at=(JOURNEYS, "\ufffd")),
    case("UTF-16 measures.csv, no knock-on errors", transform(MEASURES, lambda b: b.decode().encode("utf-16")),
         "1 problem found", "measures.csv, line 1: expected UTF-8 text; this file looks like UTF-16"),
    case("UTF-16 newsletter", transform(NEWSLETTER, lambda b: b.decode("utf-8").encode("utf-16")),
         "2018-04.md, line 1: expected UTF-8 text; this file looks like UTF-16"),
    case("Windows-1252 CSV from Excel", transform(JOURNEYS, lambda b: b + b"2018-01-01,,,,,,kinship,\x930-4\x94\n"),
         "journeys.csv, line {line}: expected UTF-8 text; this file looks like Windows-1252",
         "'CSV UTF-8 (Comma delimited)", at=(JOURNEYS, "\ufffd")),
    case("NUL byte in a page", transform(PAGE, lambda b: b.replace(b"PACE set", b"PACE\x00 set")),
         "about.md, line 6: expected UTF-8 text; this file looks like binary, not text"),
    case("NUL byte in a CSV", transform(MEASURES, lambda b: b + b"peer-reviews,2019-11,5\x00,3\n"),
         "measures.csv, line 15: expected UTF-8 text"),
    case("20,000 brackets in a newsletter (minutes in Markdown)", append(NEWSLETTER, "\n" + "[" * 20_000 + "\n"),
         "2018-04.md, line {line}: this file has more than 1,000 '[' characters", at=(NEWSLETTER, "[[[[")),
    case("HTML tags by the thousand in a page", append(PAGE, "\n" + "<a " * 5_000 + "\n"),
         "about.md, line {line}: this file has more than 2,000 '<' characters", at=(PAGE, "<a <a")),
    case("a list nested 200 levels deep", append(PAGE, "\n" + "".join("  " * i + "- x\n" for i in range(200))),
         "about.md, line {line}: this line is indented by more than 100 spaces", at=(PAGE, " " * 101 + "- x")),
    case("brackets by the thousand in the glossary",
         append(GLOSSARY, "- term: X\n  definition: \"" + "[" * 1500 + "\"\n"),
         "glossary.yml, line {line}: this file has more than 1,000 '[' characters", at=(GLOSSARY, "[[[[")),
    case("10 MB newsletter", append(NEWSLETTER, ("All work and no play. " * 50 + "\n") * 9000),
         "2018-04.md: this file is 9.5 MB; expected at most 2 MB"),
    # files that are not where, or what, the contract expects
    case("raw tracker saved as journeys.csv", write(JOURNEYS, TRACKER),
         "journeys.csv, line 1: this looks like a case tracker export",
         "python3 build.py import TRACKER.csv --authority midlothian"),
    case("newsletter that is a folder", make_folder("content/authorities/midlothian/newsletters/2018-05.md"),
         "2018-05.md: expected a regular file"),
    case("newsletter that is a named pipe", make_fifo("content/authorities/midlothian/newsletters/2018-05.md"),
         "2018-05.md: expected a regular file"),
    case("newsletter in content/newsletters/", write("content/newsletters/x.md", "---\ntitle: X\n---\n"),
         "content/newsletters/x.md: this file is not read or published (a newsletter is "
         "content/authorities/<slug>/newsletters/<YYYY-MM>.md)", mode="strict"),
    case("newsletter named october-2020.md", write("content/authorities/midlothian/newsletters/october-2020.md",
                                                   "---\ntitle: October\ndate: 2020-10-31\n---\nNews.\n"),
         "october-2020.md: expected a newsletter's file name to be its year and month, YYYY-MM.md", mode="strict"),
    case("spreadsheet left in a data folder", write("data/midlothian/tracker.xlsx", b"PK\x03\x04"),
         "data/midlothian/tracker.xlsx: this file is not read or published (data/ holds one folder", mode="strict"),
    case("poster with a capital letter", write("content/authorities/midlothian/Poster.md", "---\ntitle: X\n---\n"),
         "midlothian/Poster.md: this file is not read or published (poster.md belongs in", mode="strict"),
    case("a folder nested 12 deep", make_folder("content/notes/" + "a/" * 12),
         "content/notes/a/a/a/a/a/a/a/a/a/a/...: this file is not read or published", mode="strict"),
    # harmless variations that must be accepted
    case("byte order mark", transform(SITE, lambda b: b"\xef\xbb\xbf" + b), mode="accepted"),
    case("Windows line endings", transform(NEWSLETTER, lambda b: b.replace(b"\n", b"\r\n")), mode="accepted"),
    case("CSV with Windows line endings", transform(JOURNEYS, lambda b: b.replace(b"\n", b"\r\n")), mode="accepted"),
    case("hidden editor files",
         (write("content/.DS_Store", b"\x00\x01"), write("data/midlothian/.~lock.journeys.csv#", "x")),
         mode="accepted"),
]


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A copy of the example's content and data with its site built once; and that site's bytes."""
    base = tmp_path_factory.mktemp("hostile-base")
    shutil.copytree(ROOT / "content", base / "content")
    shutil.copytree(ROOT / "data", base / "data")
    build(BuildOptions(base / "content", base / "data", base / "site"))
    return base, snapshot(base / "site")


def copy_of(base: Path, tmp_path: Path) -> Path:
    """Content and data copied; the built site hard-linked, since a build replaces files and never edits them."""
    root = tmp_path / "copy"
    shutil.copytree(base / "content", root / "content")
    shutil.copytree(base / "data", root / "data")
    shutil.copytree(base / "site", root / "site", copy_function=os.link)
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(root: Path, command: str, *extra: str):  # type: ignore[no-untyped-def]
    args = [command, "--content", str(root / "content"), "--data", str(root / "data"), *extra]
    return CliRunner().invoke(cli, args + (["--out", str(root / "site")] if command == "build" else []))


def test_there_are_at_least_forty_hostile_inputs() -> None:
    assert len({h.name for h in HOSTILE}) == len(HOSTILE) >= 40


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.name for h in HOSTILE])
def test_hostile_input_gets_a_clean_message_and_leaves_the_site(built_example: tuple[Path, dict[str, bytes]],
                                                                 tmp_path: Path, hostile: Hostile) -> None:
    base, site_before = built_example
    root = copy_of(base, tmp_path)
    for action in hostile.actions:
        action(root)
    if hostile.mode == "accepted":
        result = run(root, "check", "--strict")
        assert result.exit_code == 0, result.output
        return
    result = run(root, "build", *(["--strict"] if hostile.mode == "strict" else []))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    for expected in hostile.messages(root):
        assert expected in result.output, result.output[:3000]
    assert snapshot(root / "site") == site_before


def test_a_broken_profile_does_not_hide_its_poster_newsletters_and_data(built_example: tuple[Path, dict[str, bytes]],
                                                                         tmp_path: Path) -> None:
    root = copy_of(built_example[0], tmp_path)
    replace(MIDLOTHIAN, "aims:\n", "aims: [\n")(root)
    replace(NEWSLETTER, "date: 2018-04-30", "date: 30/04/2018")(root)
    replace(POSTER, "title: A two", "evnt: Gathering PACE 2018\ntitle: A two")(root)
    replace(JOURNEYS, "2015-01-23,2016-02-13", "2015-01-23,Feb 2016")(root)
    result = run(root, "check")
    assert result.exit_code == 1
    for expected in (f"midlothian/authority.md, line {line_of(root / MIDLOTHIAN, 'aims: [') + 1}: "
                     "this is not valid YAML",
                     f"2018-04.md, line {line_of(root / NEWSLETTER, 'date:')}: expected 'date' to be a date",
                     f"poster.md, line {line_of(root / POSTER, 'evnt:')}: unknown field 'evnt': did you mean 'event'?",
                     "journeys.csv, line 2, column recommendation: expected a date"):
        assert expected in result.output, result.output
    assert "4 problems found" in result.output, result.output


def test_an_unexpected_exception_is_reported_as_a_bug_without_a_traceback(
        small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("pace_site.build.pipeline.compute", explode)
    result = run(small_site, "check")
    assert result.exit_code == 70
    assert "internal error (ZeroDivisionError: a bug)" in result.output
    assert "please report it" in result.output and "Traceback" not in result.output


def test_an_exception_while_reading_one_file_names_that_file(small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr("pace_site.read.content._change_idea", explode)
    result = run(small_site, "check")
    assert result.exit_code == 1
    assert "two-week-review.md: pace-site failed while reading this file (KeyError" in result.output
    assert "Traceback" not in result.output


def test_a_stray_file_is_only_a_warning_without_strict(small_site: Path) -> None:
    write("content/newsletters/2019-05.md", "---\ntitle: May\n---\n")(small_site)
    result = run(small_site, "check")
    assert result.exit_code == 0, result.output
    assert "Warning: " in result.output
    assert "newsletters/2019-05.md: this file is not read or published" in result.output


def test_an_import_mapping_file_is_checked_like_the_others(tmp_path: Path) -> None:
    from pace_site.commands.importer import load_mapping
    from pace_site.model.errors import Problems

    mapping = tmp_path / "map.yml"
    mapping.write_text("LAAC date: accommodated\nNotes: drop\nLAAC date: panel\nBig: " + "x" * 100 + "\n"
                       "bomb: &a [*a]\n")
    problems = Problems()
    load_mapping(mapping, problems)
    assert [p.line for p in problems.items] == [3, 5]  # the recursive alias stops reading: no value is used
    mapping.write_text("LAAC date: accommodated\nNotes: drop\nLAAC date: panel\nBig: " + "x" * 100 + "\n")
    problems = Problems()
    load_mapping(mapping, problems)
    assert [(p.line, p.message[:40]) for p in problems.items] == [
        (3, "the field 'LAAC date' appears twice, on "), (4, "expected 'Big' to be at most 64 characte")]


def test_analyse_names_the_encoding_of_an_excel_csv(tmp_path: Path) -> None:
    series = tmp_path / "series.csv"
    series.write_bytes(b"date,value\n2019-01-01,3\n2019-02-01,4\x96\n")
    result = CliRunner().invoke(cli, ["analyse", str(series)])
    assert result.exit_code == 1
    assert "series.csv, line 3: expected UTF-8 text; this file looks like Windows-1252" in result.output
    assert "CSV UTF-8" in result.output and "Traceback" not in result.output


def test_warnings_are_listed_with_the_problems_when_a_build_fails(small_site: Path) -> None:
    write("content/newsletters/2019-05.md", "---\ntitle: May\n---\n")(small_site)
    replace("content/change-ideas/two-week-review.md", "status: adopted", "statuss: adopted")(small_site)
    result = run(small_site, "check")
    assert result.exit_code == 1
    assert "problems found" in result.output and "unknown field 'statuss'" in result.output
    assert "warning" in result.output and "newsletters/2019-05.md: this file is not read or published" in result.output
