from datetime import date
from pathlib import Path

from pace_site.model.errors import Problems
from pace_site.read.config import load_config
from pace_site.read.data import load_data

ROOT = Path(__file__).resolve().parent.parent


def load(tmp_path: Path, journeys: str, measures: str | None = None,  # type: ignore[no-untyped-def]
         localities: tuple[str, ...] = ("Caithness", "Skye and Lochalsh")):
    folder = tmp_path / "data" / "testshire"
    folder.mkdir(parents=True)
    (folder / "journeys.csv").write_text(journeys)
    if measures is not None:
        (folder / "measures.csv").write_text(measures)
    problems = Problems()
    config = load_config(ROOT / "content", problems)
    assert config is not None
    data = load_data(tmp_path / "data", ["testshire"], config, problems, localities={"testshire": localities})
    return data["testshire"], problems


def test_blank_milestones_are_not_reached(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "accommodated,recommendation,route\n2018-01-01,,\n2018-02-01,2018-05-01,adoption\n")
    assert not problems
    assert data.journeys[0].dates == {"accommodated": date(2018, 1, 1)}
    assert data.journeys[1].route == "adoption"
    assert data.journeys[1].row == 3


def test_each_bad_cell_is_named_by_line_and_column(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated,recommendation,route\n"
                                 "2018-01-01,2018-13-01,\n"
                                 "2018-03-01,2018-02-01,\n"
                                 "2018-03-01,2018-04-01,boarding school\n")
    found = [(p.line, p.column) for p in problems.items]
    assert (2, "recommendation") in found
    assert (3, "recommendation") in found
    assert (4, "route") in found
    assert "before 'accommodated'" in str(problems.items[1])


def test_unknown_columns_are_refused_so_nothing_identifying_is_published(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "name,accommodated\nA Child,2018-01-01\n")
    assert len(problems.items) == 1
    assert problems.items[0].column == "name" and problems.items[0].line == 1


def test_measures_are_read_and_checked(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "accommodated\n2018-01-01\n",
                          "measure,period,value,count\nreviews,2019-01,50,4\nreviews,2019-02,lots,\nreviews,Feb,3,2.5\n")
    assert len(data.measures) == 1 and data.measures[0].period == date(2019, 1, 1)
    found = {(p.line, p.column) for p in problems.items}
    assert found == {(3, "value"), (4, "period"), (4, "count")}


def test_data_folder_for_an_unknown_authority_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "data" / "atlantis").mkdir(parents=True)
    problems = Problems()
    config = load_config(ROOT / "content", problems)
    assert config is not None
    load_data(tmp_path / "data", ["testshire"], config, problems)
    assert "unknown authority 'atlantis'" in problems.items[0].message


def test_identifying_columns_are_refused_naming_what_they_look_like(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "Forename,dob,CHI,postcode,accommodated\n"
                                 "Amy,2015-01-01,0101151234,EH1 1AA,2018-01-01\n")
    messages = {p.column: p.message for p in problems.items}
    assert "looks like a name" in messages["Forename"]
    assert "looks like a date of birth" in messages["dob"]
    assert "looks like a CHI, NHS or national insurance number" in messages["CHI"]
    assert "looks like an address or contact detail" in messages["postcode"]
    assert all(p.line == 1 for p in problems.items)


def test_identifying_values_in_allowed_columns_are_refused_without_repeating_them(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated,locality,age_band,route\n"
                                 "2018-01-01,010 115 1234,0-4,\n"
                                 "2018-01-01,EH1 1AA,0-4,\n"
                                 "2018-01-01,Caithness,lives with gran on the farm,\n"
                                 "2018-01-01,Jane Smith,0-4,\n"
                                 "2018-01-01,Skye and Lochalsh,03/04/2012,\n"
                                 "2018-01-01,Caithness,0-4,Jane Smith DOB 03/04/2012\n"
                                 "0101011234,Caithness,0-4,adoption\n")
    found = {(p.line, p.column): p.message for p in problems.items}
    assert found[(2, "locality")].startswith("looks like a CHI or NHS number; expected one of the localities "
                                             "declared for testshire in authority.md (Caithness, Skye and Lochalsh)")
    assert "looks like a postcode" in found[(3, "locality")]
    assert ("looks like free text; expected one of the age_bands in site.yml (0-4, 5-11, 12-15, 16+)"
            in found[(4, "age_band")])
    assert "looks like a person's name" in found[(5, "locality")]
    assert "looks like a date" in found[(6, "age_band")]
    assert "looks like a date; expected one of the routes in site.yml" in found[(7, "route")]
    assert "looks like a CHI or NHS number; expected a date like 2018-04-28" in found[(8, "accommodated")]
    assert len(problems.items) == 8  # and line 8 has no milestone date left
    for planted in ("010 115 1234", "EH1", "gran", "Jane", "Smith", "03/04/2012", "0101011234"):
        assert not any(planted in str(p) for p in problems.items), planted


def test_a_locality_or_age_band_column_needs_a_declared_list(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated,locality\n2018-01-01,Caithness\n", localities=())
    assert [(p.line, p.column) for p in problems.items] == [(1, "locality")]
    assert ("nothing declares what it may hold: expected the localities declared for testshire"
            in problems.items[0].message)


def test_no_message_about_dates_or_measures_repeats_the_cell(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated,recommendation\n2018-03-01,2018-02-01\n2018-13-01,\n",
                       "measure,period,value,count\nJane Smith,2019-01,50,4\nreviews,0101011234,EH1 1AA,AB123456C\n")
    text = "\n".join(str(p) for p in problems.items)
    assert "line 2, column recommendation: 'recommendation' is before 'accommodated'" in text
    assert "line 3, column accommodated: looks like a date" in text
    assert "measures.csv, line 2, column measure: looks like a person's name" in text
    assert "measures.csv, line 3, column period: looks like a CHI or NHS number" in text
    assert "measures.csv, line 3, column value: looks like a postcode" in text
    for planted in ("2018-03-01", "2018-02-01", "2018-13-01", "Jane", "0101011234", "EH1", "AB123456C"):
        assert planted not in text, planted


def test_an_unreadable_journeys_file_names_its_line_not_its_bytes(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated\n2018-01-01\n")
    (tmp_path / "data/testshire/journeys.csv").write_bytes(
        b"accommodated,locality\n2018-01-01,Caithness\n2018-01-01,Br\xf6die\n")
    problems = Problems()
    config = load_config(ROOT / "content", problems)
    assert config is not None
    load_data(tmp_path / "data", ["testshire"], config, problems, localities={"testshire": ("Caithness",)})
    assert [p.line for p in problems.items] == [3]
    assert "expected UTF-8 text" in problems.items[0].message and "'CSV UTF-8" in problems.items[0].message
    assert "Br" not in problems.items[0].message


def test_a_name_column_in_measures_is_refused(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated\n2018-01-01\n", "measure,period,value,name\nreviews,2019-01,50,Amy\n")
    assert [(p.file.endswith("measures.csv"), p.line, p.column) for p in problems.items] == [(True, 1, "name")]
