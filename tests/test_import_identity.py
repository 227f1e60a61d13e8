"""`import` as an attacker, or a careless export, would try it: nothing identifying is kept or printed.

Each test runs the real command line in a subprocess and greps everything it printed (stdout and
stderr) and every file it wrote for each value planted in the tracker.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pace_site.commands.cli import cli

ROOT = Path(__file__).resolve().parent.parent

# Identifying values, each planted somewhere in the trackers below.
NAMES = ["Amelia Brodie", "Brodie, Amelia", "Benjamin", "Grayling", "Chloe Dunmore", "Mrs Elspeth Dunmore", "J.S."]
BIRTHS = ["03/02/2016", "11/07/13", "21.09.2017", "14-02-2012", "3rd April 2012", "2015-12-02"]
ADDRESSES = ["12 High Street", "Flat 3/2", "KW1 4AB", "IV2 3XX", "4 Mill Wynd, Wick"]
IDENTIFIERS = ["SW-00123", "MOS998877", "A123456789012", "PN-77-1201", "amelia.b@example.com", "07700 900123"]
CHI_NUMBERS = ["0302161234", "110 713 1234", "210917-1234", "1402 12 1234", "AB 12 34 56 C"]
PLANTED = NAMES + BIRTHS + ADDRESSES + IDENTIFIERS + CHI_NUMBERS


def run(site: Path, tracker: str, *extra: str, in_process: bool = True) -> tuple[int, str]:
    """Import the tracker; everything printed, stdout and stderr. `in_process=False` runs build.py itself."""
    (site / "tracker.csv").write_text(tracker, encoding="utf-8")
    args = ["import", str(site / "tracker.csv"), "--authority", "testshire", "--content", str(site / "content"),
            "--data", str(site / "data"), "--replace", *extra]
    if in_process:
        result = CliRunner().invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, result.output
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, cwd=site,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.returncode, done.stdout + done.stderr


def declare_localities(site: Path, *names: str) -> None:
    profile = site / "content/authorities/testshire/authority.md"
    text = profile.read_text().replace("data_as_at: 2019-06-30\n",
                                       f"data_as_at: 2019-06-30\nlocalities: [{', '.join(names)}]\n")
    profile.write_text(text)


def assert_nothing_planted_in(text: str, where: str) -> None:
    for value in PLANTED:
        assert value not in text, f"{value!r} in {where}:\n{text}"


# Identifying columns under unusual headings, all dropped; the kept columns are clean.
DROPPED_EVERYWHERE = """\
Kid,Ref#,Born On,Where,Number,Contact,Date Accommodated,Permanence Recommendation,Route to permanence,Area
Amelia Brodie,SW-00123,03/02/2016,12 High Street,0302161234,amelia.b@example.com,01/12/2017,20/04/2018,Adoption,north
"Brodie, Amelia",MOS998877,11/07/13,Flat 3/2,110 713 1234,07700 900123,15/01/2018,02/05/2018,Kinship care order,North
Chloe Dunmore,A123456789012,21.09.2017,KW1 4AB,210917-1234,,03/03/2018,30/06/2018,permanence order,South
Mrs Elspeth Dunmore,PN-77-1201,14-02-2012,"4 Mill Wynd, Wick",1402 12 1234,AB 12 34 56 C,10/04/2018,,,
J.S.,,2015-12-02,IV2 3XX,,,02/05/2018,,,south
"""


def test_identifying_columns_under_unusual_headings_are_dropped_and_never_printed(small_site: Path) -> None:
    declare_localities(small_site, "North", "South")
    code, output = run(small_site, DROPPED_EVERYWHERE, in_process=False)
    assert code == 0, output
    journeys = (small_site / "data/testshire/journeys.csv").read_text()
    assert journeys.splitlines()[0] == "accommodated,recommendation,route,age_band,locality"
    assert "2017-12-01,2018-04-20,adoption,0-4,North" in journeys
    assert_nothing_planted_in(journeys, "journeys.csv")
    assert_nothing_planted_in(output, "the output")
    assert "column Born On: 1 date written with a two-digit year (line 3)" in output
    assert "Dropped: Kid, Ref#, Born On, Where, Number, Contact" in output
    assert "Age bands worked out from 'Born On', which is not kept." in output


# Identifying values in every kept column: milestone dates, route, age band and locality.
IN_KEPT_COLUMNS = """\
Date Accommodated,Permanence Recommendation,Route,Age band,Locality
0302161234,20/04/2018,Amelia Brodie,03/02/2016,12 High Street
01/12/2017,Chloe Dunmore,SW-00123,11/07/13,KW1 4AB
01/12/2017,3rd April 2012,Adoption,MOS998877,"Brodie, Amelia"
110 713 1234,,07700 900123,A123456789012,"4 Mill Wynd, Wick"
01/12/2017,,210917-1234,0-4,amelia.b@example.com
Mrs Elspeth Dunmore,,AB 12 34 56 C,J.S.,PN-77-1201
"""


def test_identifying_values_in_kept_columns_are_refused_by_line_and_column_and_never_printed(small_site: Path) -> None:
    declare_localities(small_site, "North", "South")
    before = (small_site / "data/testshire/journeys.csv").read_bytes()
    code, output = run(small_site, IN_KEPT_COLUMNS, in_process=False)
    assert code == 1
    assert_nothing_planted_in(output, "the output")
    assert (small_site / "data/testshire/journeys.csv").read_bytes() == before
    expected = {
        (2, "Date Accommodated", "a CHI or NHS number"), (2, "Route", "a person's name"), (2, "Age band", "a date"),
        (2, "Locality", "a street address"), (3, "Permanence Recommendation", "a person's name"),
        (3, "Route", "a case or client reference"), (3, "Locality", "a postcode"),
        (4, "Locality", "a person's name"), (5, "Route", "a phone number"), (6, "Locality", "an e-mail address"),
        (6, "Route", "a CHI or NHS number"), (7, "Route", "a national insurance number"),
        (7, "Date Accommodated", "a person's name"), (7, "Age band", "a person's name"),
    }
    for line, column, kind in expected:
        assert f"tracker.csv, line {line}, column {column}: looks like {kind}; expected" in output, (line, column)
    assert "expected one of the localities declared for testshire in authority.md (North, South)" in output


def test_a_mapping_from_an_identifying_column_to_a_kept_one_is_refused(small_site: Path) -> None:
    declare_localities(small_site, "North")
    (small_site / "map.yml").write_text("Child name: locality\nD.O.B.: accommodated\nKid: locality\n")
    tracker = "Child name,D.O.B.,Date accommodated\nAmelia Brodie,03/02/2016,01/12/2017\n"
    code, output = run(small_site, tracker, "--mapping", str(small_site / "map.yml"))
    assert code == 1
    assert ("column Child name: this column looks like a name, which could identify a child, "
            "so it cannot become 'locality'") in output
    assert "column D.O.B.: this column looks like a date of birth" in output
    assert_nothing_planted_in(output, "the output")


def test_a_harmless_heading_mapped_to_locality_still_cannot_carry_a_name(small_site: Path) -> None:
    declare_localities(small_site, "North")
    (small_site / "map.yml").write_text("Kid: locality\n")
    code, output = run(small_site, "Kid,Date accommodated\nAmelia Brodie,01/12/2017\nNorth,02/12/2017\n",
                       "--mapping", str(small_site / "map.yml"))
    assert code == 1
    assert ("line 2, column Kid: looks like a person's name; expected one of the localities declared for testshire"
            in output)
    assert "line 3" not in output
    assert_nothing_planted_in(output, "the output")


def test_a_locality_column_needs_declared_localities(small_site: Path) -> None:
    code, output = run(small_site, "Date accommodated,Locality\n01/12/2017,North\n")
    assert code == 1
    assert "column Locality: this column would become 'locality', but nothing declares what it may hold" in output


def test_a_tracker_without_its_header_line_is_refused_without_printing_it(small_site: Path) -> None:
    code, output = run(small_site, "Amelia Brodie,0302161234,03/02/2016,01/12/2017\n"
                                   "Chloe Dunmore,2109171234,21.09.2017,03/03/2018\n")
    assert code == 1
    assert "line 1: the first line holds values" in output
    assert_nothing_planted_in(output, "the output")


def test_an_unreadable_tracker_names_its_line_only(small_site: Path) -> None:
    (small_site / "tracker.csv").write_bytes(b"Date accommodated,Locality\n01/12/2017,Wick\n"
                                             b"01/12/2017,Br\xf6die Amelia\n")
    args = ["import", str(small_site / "tracker.csv"), "--authority", "testshire",
            "--content", str(small_site / "content"), "--data", str(small_site / "data"), "--replace"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "tracker.csv, line 3: expected UTF-8 text" in result.output and "Br" not in result.output
    assert "Amelia" not in result.output and "Wick" not in result.output


def test_no_milestone_column_is_an_error_and_the_existing_journeys_file_is_untouched(small_site: Path) -> None:
    existing = small_site / "data/testshire/journeys.csv"
    before = existing.read_bytes()
    code, output = run(small_site, "Surname,Placement start\nBrodie,01/12/2017\n")
    assert code == 1
    assert "no column maps to a milestone" in output and "nothing was written" in output
    assert existing.read_bytes() == before
    assert [p.name for p in existing.parent.iterdir()] == ["journeys.csv"]


def test_a_tracker_with_no_child_is_an_error_and_nothing_is_written(small_site: Path) -> None:
    existing = small_site / "data/testshire/journeys.csv"
    before = existing.read_bytes()
    code, output = run(small_site, "Surname,Date accommodated\nBrodie,\n")
    assert code == 1
    assert "no row has a milestone date, so there is no child to import" in output
    assert existing.read_bytes() == before


@pytest.mark.parametrize("slug", ["atlantis", "../testshire", "Testshire", "testshire/../../x", "/tmp/x", ""])
def test_the_authority_must_be_an_existing_authority_slug(small_site: Path, slug: str) -> None:
    (small_site / "tracker.csv").write_text("Date accommodated\n01/12/2017\n")
    args = ["import", str(small_site / "tracker.csv"), "--authority", slug,
            "--content", str(small_site / "content"), "--data", str(small_site / "data"), "--replace"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert ("--authority must be an authority's slug" in result.output
            or "there is no authority 'atlantis'" in result.output)
    written = sorted(p.relative_to(small_site) for p in small_site.rglob("journeys.csv"))
    assert written == [Path("data/testshire/journeys.csv")]
    assert not Path("/tmp/x").exists() or not (Path("/tmp/x") / "journeys.csv").exists()


def test_a_data_folder_that_links_outside_data_is_refused(small_site: Path,
                                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (small_site / "content/authorities/linked").mkdir()
    (small_site / "content/authorities/linked/authority.md").write_text(
        (small_site / "content/authorities/testshire/authority.md").read_text())
    (small_site / "data/linked").symlink_to(outside, target_is_directory=True)
    (small_site / "tracker.csv").write_text("Date accommodated\n01/12/2017\n")
    args = ["import", str(small_site / "tracker.csv"), "--authority", "linked",
            "--content", str(small_site / "content"), "--data", str(small_site / "data"), "--replace"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "leads outside" in result.output
    assert list(outside.iterdir()) == []


def test_a_journeys_file_linked_to_another_authoritys_is_not_overwritten(small_site: Path) -> None:
    other = small_site / "data/other-journeys.csv"
    other.write_text("accommodated\n2019-01-01\n")
    target = small_site / "data/testshire/journeys.csv"
    target.unlink()
    target.symlink_to(other)
    code, output = run(small_site, "Date accommodated\n01/12/2017\n")
    assert code == 1 and "leads outside" in output
    assert other.read_text() == "accommodated\n2019-01-01\n"


def test_two_digit_years_accommodated_before_birth_and_the_reminder_are_printed(small_site: Path) -> None:
    tracker = ("Date of birth,Date accommodated,Permanence recommendation\n"
               "03/04/12,01/05/2017,01/09/2017\n"
               "05/06/2018,01/12/2017,\n"
               "01/01/2015,03/04/17,\n")
    code, output = run(small_site, tracker)
    assert code == 0, output
    assert re.search(r"column Date of birth: 1 date written with a two-digit year \(line 2\)", output)
    assert re.search(r"column Date accommodated: 1 date written with a two-digit year \(line 4\)", output)
    assert "line 3: 'accommodated' is before the date of birth (column Date of birth): check both dates" in output
    assert "Now set 'data_as_at' in" in output
    for value in ("03/04/12", "05/06/2018", "2018-06-05", "2012-04-03", "01/01/2015"):
        assert value not in output
    journeys = (small_site / "data/testshire/journeys.csv").read_text().splitlines()
    assert journeys == ["accommodated,recommendation,age_band", "2017-04-03,,0-4", "2017-05-01,2017-09-01,5-11",
                        "2017-12-01,,"]


# Any tracker built from planted values under any of these headings, with or without a mapping.
HEADINGS = ["Date Accommodated", "Permanence Recommendation", "Route", "Age band", "Locality", "Area", "Kid",
            "Ref#", "Born On", "Where", "Child name", "UPN", "Misc", "LA date"]
NOT_DATES = [v for v in PLANTED if v not in BIRTHS]  # a date in a milestone column cannot be told from a milestone


@st.composite
def trackers(draw: st.DrawFn) -> str:
    headings = draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=6, unique=True))
    # Mostly valid dates under date headings, so that a planted value elsewhere is often the only thing wrong.
    dates = st.sampled_from(["01/12/2017", "2018-05-02", "03/03/18", ""] * 6 + PLANTED)
    others = st.sampled_from(PLANTED + ["North", "Adoption", "0-4", ""])
    columns = [dates if h in ("Date Accommodated", "Permanence Recommendation", "LA date") else others
               for h in headings]
    rows = draw(st.lists(st.tuples(*columns), min_size=1, max_size=4))
    quoted = [",".join(f'"{cell}"' for cell in row) for row in [headings, *rows]]
    return "\n".join(quoted) + "\n"


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(tracker=trackers(), mapped=st.booleans())
def test_no_tracker_gets_a_planted_value_into_journeys_or_the_output(small_site: Path, tracker: str,
                                                                     mapped: bool) -> None:
    if "localities:" not in (small_site / "content/authorities/testshire/authority.md").read_text():
        declare_localities(small_site, "North", "South")  # once: hypothesis reuses the site between examples
    (small_site / "tracker.csv").write_text(tracker, encoding="utf-8")
    (small_site / "map.yml").write_text("Kid: locality\nMisc: route\nLA date: accommodated\nWhere: age_band\n")
    args = ["import", str(small_site / "tracker.csv"), "--authority", "testshire",
            "--content", str(small_site / "content"), "--data", str(small_site / "data"), "--replace"]
    args += ["--mapping", str(small_site / "map.yml")] if mapped else []
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1) and result.exception is None or isinstance(result.exception, SystemExit)
    assert_nothing_planted_in(result.output, "the output")
    journeys = (small_site / "data/testshire/journeys.csv").read_text()
    for value in NOT_DATES:
        assert value not in journeys, value


def test_dates_of_birth_are_checked_even_when_the_tracker_has_its_own_age_bands(small_site: Path) -> None:
    tracker = ("DOB,Date accommodated,Age band\n"
               "05/06/2018,01/12/2017,0-4\n"
               "Amelia Brodie,02/12/2017,5 - 11\n")
    code, output = run(small_site, tracker)
    assert code == 0, output
    assert "line 2: 'accommodated' is before the date of birth (column DOB)" in output
    assert "line 3: the date of birth (column DOB) is not a date like 2018-04-28" in output
    assert "Age bands worked out" not in output
    assert_nothing_planted_in(output, "the output")
    assert "05/06/2018" not in output
    assert (small_site / "data/testshire/journeys.csv").read_text().splitlines() == [
        "accommodated,age_band", "2017-12-01,0-4", "2017-12-02,5-11"]
