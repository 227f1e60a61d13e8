"""From a case tracker with identifiers to a published site that holds none of them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pace_site.commands.cli import cli

TRACKER = """\
Case Ref,Forename,Surname,Date of Birth,CHI Number,Postcode,Social Worker,Date Accommodated,\
Permanence Recommendation,Route to permanence
SW-00123,Amelia,Brodie,03/02/2016,0302161234,EH22 1DN,Jo Smithers,01/12/2017,20/04/2018,Adoption
SW-00456,Benjamin,Grayling,11/07/2013,1107131234,EH19 2AB,Kim Jonesworth,15/01/2018,02/05/2018,Kinship care order
SW-00789,Chloe,Dunmore,21/09/2017,2109171234,EH26 8PQ,Jo Smithers,03/03/2018,30/06/2018,Permanence order
SW-00999,Daniel,Farquhar,14/02/2012,1402121234,EH20 9ZZ,Kim Jonesworth,10/04/2018,15/07/2018,Adoption
SW-01000,Erin,Galbraith,02/12/2015,0212151234,EH18 1AA,Jo Smithers,02/05/2018,01/09/2018,Adoption
SW-01001,Fraser,Hendry,30/06/2014,3006141234,EH22 3XY,Kim Jonesworth,20/06/2018,,
"""
IDENTIFIERS = ["SW-00", "Amelia", "Brodie", "Benjamin", "Grayling", "Chloe", "Daniel", "Farquhar", "Erin", "Fraser",
               "Hendry", "0302161234", "1107131234", "EH22 1DN", "Smithers", "Jonesworth", "03/02/2016", "2016-02-03",
               "2013-07-11", "Kim", "20/04/2018", "2018-04-20"]


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_a_tracker_goes_through_import_and_the_site_contains_no_identifier(small_site: Path) -> None:
    tracker = small_site / "tracker.csv"
    tracker.write_text(TRACKER)
    before = tracker.read_bytes()
    folders = ["--content", str(small_site / "content"), "--data", str(small_site / "data")]
    result = invoke("import", str(tracker), "--authority", "testshire", *folders, "--replace")
    assert result.exit_code == 0, result.output
    assert "Now set 'data_as_at' in" in result.output and "testshire/authority.md" in result.output
    assert "Dropped: Case Ref, Forename, Surname, Date of Birth, CHI Number, Postcode, Social Worker" in result.output
    assert tracker.read_bytes() == before
    journeys = (small_site / "data/testshire/journeys.csv").read_text()
    assert journeys.splitlines()[0] == "accommodated,recommendation,route,age_band"
    assert journeys.splitlines()[1] == "2017-12-01,2018-04-20,adoption,0-4"
    result = invoke("build", *folders, "--out", str(small_site / "site"))
    assert result.exit_code == 0, result.output
    for path in (small_site / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".csv", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            for identifier in IDENTIFIERS:
                assert identifier not in text, f"{identifier} in {path}"


def test_rows_do_not_follow_the_trackers_order(small_site: Path) -> None:
    lines = TRACKER.splitlines()
    (small_site / "tracker.csv").write_text("\n".join([lines[0]] + lines[1:][::-1]) + "\n")
    result = invoke("import", str(small_site / "tracker.csv"), *folders(small_site), "--replace")
    assert result.exit_code == 0, result.output
    dates = [line.split(",")[0] for line in (small_site / "data/testshire/journeys.csv").read_text().splitlines()[1:]]
    assert dates == sorted(dates)


def test_an_existing_journeys_file_is_replaced_only_with_replace(small_site: Path) -> None:
    (small_site / "tracker.csv").write_text(TRACKER)
    existing = small_site / "data/testshire/journeys.csv"
    before = existing.read_bytes()
    result = invoke("import", str(small_site / "tracker.csv"), *folders(small_site))
    assert result.exit_code == 1 and "--replace" in result.output
    assert existing.read_bytes() == before


def test_a_mapping_file_and_bad_tracker_dates_are_reported_by_line(small_site: Path) -> None:
    (small_site / "tracker.csv").write_text("Child,LA date,Rec\nAmy,01/13/2018,\nBen,2018-02-01,2018-01-01\n")
    (small_site / "map.yml").write_text("LA date: accommodated\nRec: recommendation\n")
    (small_site / "data/testshire/journeys.csv").unlink()
    result = invoke("import", str(small_site / "tracker.csv"), *folders(small_site),
                    "--mapping", str(small_site / "map.yml"))
    assert result.exit_code == 1
    assert ("tracker.csv, line 2, column LA date: looks like a date that cannot be read; expected a date"
            in result.output)
    assert "tracker.csv, line 3: 'recommendation' is before 'accommodated'" in result.output
    assert "01/13/2018" not in result.output
    assert not (small_site / "data/testshire/journeys.csv").exists()


def folders(site: Path) -> list[str]:
    return ["--authority", "testshire", "--content", str(site / "content"), "--data", str(site / "data")]
