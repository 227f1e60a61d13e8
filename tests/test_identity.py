"""What counts as an identifying column name or value, and the vocabularies kept columns are held to."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pace_site.commands.cli import cli
from pace_site.commands.importer import DEFAULT_MAPPING
from pace_site.model.errors import Problems
from pace_site.read.config import load_config
from pace_site.read.identity import Vocabulary, identifying_column, refusal, value_kind

ROOT = Path(__file__).resolve().parent.parent

IDENTIFYING_HEADINGS = [
    "Child ID", "D.O.B.", "DOB", "Date of birth", "DateOfBirth", "date_of_birth", "Carer name", "Mosaic ID", "UPN",
    "NI number", "National Insurance", "Initials", "Forename", "Surname", "Name", "CHI", "CHI No.", "NHS number",
    "Case ref", "Address", "Post Code", "Postcode", "Phone", "Tel.", "Email", "E-mail", "Worker", "Social worker",
    "Allocated SW", "Notes", "Comments", "SWIFT ID", "Carefirst ID", "Eclipse ID", "Person ID", "Client ID",
    "ChildForename", "CHILD_SURNAME", "Mother's name", "School", "Ethnicity", "Gender", "Key worker", "First Name",
]
KEPT_HEADINGS = list(DEFAULT_MAPPING) + ["accommodated", "adm_decision", "looked_after_at_home", "application_lodged",
                                         "order_granted", "age_band", "Age Band", "Locality", "Route", "Panel Date"]


@pytest.mark.parametrize("heading", IDENTIFYING_HEADINGS)
def test_identifying_headings_are_recognised_however_they_are_written(heading: str) -> None:
    assert identifying_column(heading) is not None


@pytest.mark.parametrize("heading", KEPT_HEADINGS)
def test_the_headings_import_keeps_are_not_taken_for_identifying_ones(heading: str) -> None:
    assert identifying_column(heading) is None


@pytest.mark.parametrize("value, kind", [
    ("0101011234", "a CHI or NHS number"), ("010 101 1234", "a CHI or NHS number"),
    ("010101-1234", "a CHI or NHS number"),
    ("943 476 5919", "a CHI or NHS number"), ("AB 12 34 56 C", "a national insurance number"),
    ("AB123456C", "a national insurance number"), ("KW1 4AB", "a postcode"), ("jo@example.org", "an e-mail address"),
    ("07700 900123", "a phone number"), ("+44 1463 123456", "a phone number"), ("03/04/2012", "a date"),
    ("3 April 2012", "a date"), ("2012-04-03", "a date"), ("12 High Street", "a street address"),
    ("Flat 3/2", "a street address"), ("SW-00123", "a case or client reference"), ("Jane Smith", "a person's name"),
    ("Smith, Jane", "a person's name"), ("Mrs Smith", "a person's name"), ("J.S.", "a person's name"),
    ("lives with gran on the farm", "free text"),
])
def test_what_a_refused_value_looked_like(value: str, kind: str) -> None:
    assert value_kind(value) == kind
    message = refusal(value, "one of the routes in site.yml")
    assert message.startswith(f"looks like {kind}; expected one of the routes") and value not in message


def test_a_value_of_no_known_kind_is_still_refused_without_being_repeated() -> None:
    assert value_kind("xyzzy") is None
    assert refusal("xyzzy", "a number") == "expected a number (the value is not repeated here)"


def test_import_matches_declared_values_loosely_and_age_bands_exactly() -> None:
    localities = Vocabulary("locality", ("Skye and Lochalsh", "Caithness"), "the localities")
    assert localities.loose("skye  and LOCHALSH") == "Skye and Lochalsh"
    assert localities.loose("Jane Smith") is None
    bands = Vocabulary("age_band", ("0-4", "16+"), "the age_bands", by_words=False)
    assert bands.loose(" 0 - 4 ") == "0-4"
    assert bands.loose("16") is None and bands.loose("04") is None


@pytest.mark.parametrize("bands", ["[0-4, 3-11]", "[0-4, 5-11, 12+, 16+]", "[under five]", "[11-5]",
                                   "[0-4, 03/04/2012]"])
def test_age_bands_in_site_yml_must_be_in_order_and_well_formed(tmp_path: Path, bands: str) -> None:
    (tmp_path / "site.yml").write_text((ROOT / "content/site.yml").read_text().replace(
        "age_bands: [0-4, 5-11, 12-15, 16+]", f"age_bands: {bands}"))
    problems = Problems()
    load_config(tmp_path, problems)
    assert problems and all("age band" in p.message for p in problems.items)
    assert all("03/04/2012" not in p.message for p in problems.items)


def test_build_refuses_a_hand_edited_journeys_file_with_a_name_in_locality(small_site: Path) -> None:
    profile = small_site / "content/authorities/testshire/authority.md"
    profile.write_text(profile.read_text().replace("data_as_at: 2019-06-30\n",
                                                   "data_as_at: 2019-06-30\nlocalities: [North]\n"))
    journeys = small_site / "data/testshire/journeys.csv"
    journeys.write_text("accommodated,recommendation,locality\n2018-02-01,2018-06-01,North\n"
                        "2018-03-01,,Jane Smith\n2018-04-01,,0-4\n")
    args = ["build", "--content", str(small_site / "content"), "--data", str(small_site / "data"),
            "--out", str(small_site / "site")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert ("journeys.csv, line 3, column locality: looks like a person's name; expected one of the localities "
            "declared for testshire in authority.md (North)") in result.output
    assert "journeys.csv, line 4, column locality: expected one of the localities" in result.output
    assert "Jane" not in result.output and not (small_site / "site").exists()


def test_a_declared_locality_that_looks_like_data_is_refused(small_site: Path) -> None:
    profile = small_site / "content/authorities/testshire/authority.md"
    profile.write_text(profile.read_text().replace("data_as_at: 2019-06-30\n",
                                                   "data_as_at: 2019-06-30\nlocalities: [North, KW1 4AB]\n"))
    result = CliRunner().invoke(cli, ["check", "--content", str(small_site / "content"),
                                      "--data", str(small_site / "data")])
    assert result.exit_code == 1
    assert "authority.md, line 7: expected the name of a place" in result.output and "KW1" not in result.output
