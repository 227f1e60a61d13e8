"""Tests for the `analyse SERIES.csv` command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from pace_site.commands.analyse_command import analyse

BASELINE = [3, 1] * 6  # median 2.0
MONTHS = [date(2020 + (m // 12), m % 12 + 1, 1) for m in range(36)]


def write_csv(path: Path, rows: list[str], header: str = "date,value") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def dated(values: list[float | None]) -> list[str]:
    return [f"{d.isoformat()},{'' if v is None else v}" for d, v in zip(MONTHS, values, strict=False)]


def run(*args: str) -> Result:
    return CliRunner().invoke(analyse, list(args))


def run_ok(*args: str) -> dict[str, Any]:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_prints_the_analysis_as_json(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "series.csv", [str(v) for v in BASELINE + [20] * 12], header="value")
    data = run_ok(str(csv_path))
    for key in ("baseline_median", "useful_points", "longest_run", "longest_run_limit", "crossings",
                "crossings_limit", "runs_signal", "shifts", "trends", "enough_points", "phases"):
        assert key in data
    assert data["baseline_median"] == 2.0
    assert data["useful_points"] == 24
    assert data["shifts"] == [[13, 24]]
    assert data["runs_signal"] is True
    assert [(p["first"], p["last"]) for p in data["phases"]] == [(1, 24)]


def test_blank_values_are_missing_points(tmp_path: Path) -> None:
    values: list[float | None] = [None, *BASELINE, None, 5, 5, 5, 5, 5, 5]
    data = run_ok(str(write_csv(tmp_path / "s.csv", dated(values))))
    assert data["points"] == 20
    assert data["useful_points"] == 18
    assert data["shifts"] == [[15, 20]]


def test_baseline_option(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", dated([1, 2, 3, 4, 10, 11, 12, 13]))
    assert run_ok(str(csv_path), "--baseline", "4")["baseline_median"] == 2.5
    assert run_ok(str(csv_path))["baseline_median"] == 7.0


def test_baseline_until_takes_the_median_of_points_before_the_date(tmp_path: Path) -> None:
    values: list[float | None] = [1, 2, None, 3, 4, 10, 11, 12, 13, 14, 15, 16, 17]
    csv_path = write_csv(tmp_path / "s.csv", dated(values))
    data = run_ok(str(csv_path), "--baseline-until", "2020-06-01")  # 5 points, 4 of them with values
    assert data["baseline_median"] == 2.5
    assert data["baseline_points"] == 4


def test_baseline_until_applies_to_the_first_phase_only(tmp_path: Path) -> None:
    values = [1, 2, 3, 4, 9, 9, 20, 21, 22, 23, 24, 25, 26]
    csv_path = write_csv(tmp_path / "s.csv", dated(values))
    data = run_ok(str(csv_path), "--baseline-until", "2020-03-01", "--phase", "2020-07-01", "--baseline", "3")
    assert [p["median"] for p in data["phases"]] == [1.5, 21.0]


def test_two_phase_dates_make_three_phases(tmp_path: Path) -> None:
    values = BASELINE + [11, 9] * 6 + [21, 19] * 6
    csv_path = write_csv(tmp_path / "s.csv", dated(values))
    data = run_ok(str(csv_path), "--phase", "2022-01-01", "--phase", "2020-12-15")
    phases = [(p["first"], p["last"], p["median"]) for p in data["phases"]]
    assert phases == [(1, 12, 2.0), (13, 24, 10.0), (25, 36, 20.0)]
    assert data["shifts"] == [] and all(p["shifts"] == [] for p in data["phases"])


def test_phase_after_the_last_point_is_ignored_with_a_warning(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", dated(BASELINE))
    result = run(str(csv_path), "--phase", "2030-01-01")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["phases"]) == 1
    assert "2030-01-01" in result.stderr


def test_sustained_option(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", dated(BASELINE + [5] * 9 + [4, 6, 4]))
    data = run_ok(str(csv_path), "--sustained", "9")
    assert [(p["first"], p["median"]) for p in data["phases"]] == [(1, 2.0), (13, 5.0)]


def test_bad_cells_are_all_reported_with_file_line_and_column(tmp_path: Path) -> None:
    rows = ["2020-01-01,1", "2020-02-01,2", "2020-03-01,abc", "2020-04-01,4", "2020-13-01,5", "2020-06-01,6%"]
    csv_path = write_csv(tmp_path / "series.csv", rows)
    result = run(str(csv_path))
    assert result.exit_code == 1
    assert f"{csv_path}, line 4, column value: expected a number" in result.output
    assert "abc" not in result.output  # a cell is never repeated: it could be about a child
    assert f"{csv_path}, line 6, column date: looks like a date; expected a date as YYYY-MM-DD" in result.output
    assert "2020-13-01" not in result.output
    assert f"{csv_path}, line 7, column value:" in result.output
    assert "Traceback" not in result.output


def test_dates_out_of_order_are_an_error(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", ["2020-02-01,1", "2020-01-01,2"])
    result = run(str(csv_path))
    assert result.exit_code == 1
    assert f"{csv_path}, line 3, column date: expected dates in ascending order" in result.output


def test_missing_value_column_names_the_file(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "rates.csv", ["2020-01-01,1"], header="date,rate")
    result = run(str(csv_path))
    assert result.exit_code == 1
    assert str(csv_path) in result.output
    assert "'value' column" in result.output


def test_date_options_need_a_date_column(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", [str(v) for v in BASELINE], header="value")
    for option in ("--phase", "--baseline-until"):
        result = run(str(csv_path), option, "2020-03-01")
        assert result.exit_code == 1
        assert f"{option} needs a 'date' column" in result.output


def test_baseline_until_before_every_point_is_an_error(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", dated(BASELINE))
    result = run(str(csv_path), "--baseline-until", "2019-01-01")
    assert result.exit_code == 1
    assert "no values are dated before 2019-01-01" in result.output


def test_header_only_file_is_an_error(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", [])
    result = run(str(csv_path))
    assert result.exit_code == 1
    assert "expected at least one data row" in result.output


def test_worked_trend_examples_of_the_reference_through_the_command(tmp_path: Path) -> None:
    """Fewer than 10 points: the patterns are reported, and flagged as too few to claim."""
    for values, trend in (([1, 2, 2, 3, 4, 5], [1, 6]), ([1, 2, 3, 3, 4, 5, 6], [1, 7])):
        path = tmp_path / "series.csv"
        path.write_text("value\n" + "\n".join(str(v) for v in values) + "\n")
        result = CliRunner().invoke(analyse, [str(path)])
        assert result.exit_code == 0, result.output
        output = json.loads(result.output)
        assert output["trends"] == [trend]
        assert output["enough_points"] is False and output["runs_signal"] is False
