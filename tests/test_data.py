from datetime import date
from pathlib import Path

from pace_site.config import load_config
from pace_site.data import load_data
from pace_site.errors import Problems

ROOT = Path(__file__).resolve().parent.parent


def load(tmp_path: Path, journeys: str, measures: str | None = None):  # type: ignore[no-untyped-def]
    folder = tmp_path / "data" / "testshire"
    folder.mkdir(parents=True)
    (folder / "journeys.csv").write_text(journeys)
    if measures is not None:
        (folder / "measures.csv").write_text(measures)
    problems = Problems()
    config = load_config(ROOT / "content", problems)
    assert config is not None
    return load_data(tmp_path / "data", ["testshire"], config, problems)["testshire"], problems


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
    _, problems = load(tmp_path, "Forename,dob,CHI,postcode,accommodated\nAmy,2015-01-01,0101151234,EH1 1AA,2018-01-01\n")
    messages = {p.column: p.message for p in problems.items}
    assert "looks like a name" in messages["Forename"]
    assert "looks like a date of birth" in messages["dob"]
    assert "looks like a CHI or NHS number" in messages["CHI"]
    assert "looks like an address or postcode" in messages["postcode"]
    assert all(p.line == 1 for p in problems.items)


def test_identifying_values_in_allowed_columns_are_refused_without_repeating_them(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated,locality,age_band\n"
                                 "2018-01-01,0101151234,0-4\n"
                                 "2018-01-01,EH1 1AA,0-4\n"
                                 "2018-01-01,Caithness,lives with gran on the farm\n")
    found = {(p.line, p.column): p.message for p in problems.items}
    assert "CHI-like" in found[(2, "locality")]
    assert "postcode" in found[(3, "locality")]
    assert "free text" in found[(4, "age_band")]
    assert not any("0101151234" in str(p) or "EH1" in str(p) for p in problems.items)


def test_a_name_column_in_measures_is_refused(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "accommodated\n2018-01-01\n", "measure,period,value,name\nreviews,2019-01,50,Amy\n")
    assert [(p.file.endswith("measures.csv"), p.line, p.column) for p in problems.items] == [(True, 1, "name")]
