"""Tests for pace_site.figures.runchart against shared/reference/run-chart-rules.md."""

from __future__ import annotations

import json
import math
from datetime import date
from fractions import Fraction
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pace_site.figures.runchart import (
    Signal,
    analyse,
    assess,
    crossings_limit,
    find_shifts,
    find_trends,
    longest_run_limit,
    phase_start_positions,
    positions_before,
    to_json_dict,
)

ALTERNATING = [3, 1] * 6  # 12 baseline points, median 2.0, all useful, 11 crossings, ends below


def spans(signals: tuple[Signal, ...]) -> list[tuple[int, int, str]]:
    return [(s.first, s.last, s.direction) for s in signals]


# --- worked example 1: trends with equal neighbours --------------------------------


def test_repeated_value_is_skipped_inside_a_trend() -> None:
    assert spans(find_trends([1, 2, 2, 3, 4, 5])) == [(1, 6, "up")]


def test_six_distinct_rising_values_with_a_repeat() -> None:
    assert spans(find_trends([1, 2, 3, 3, 4, 5, 6])) == [(1, 7, "up")]


def test_repeats_do_not_count_towards_the_five_points() -> None:
    # Only 4 distinct values: 1, 2, 3, 4.
    assert find_trends([1, 2, 2, 2, 3, 4]) == ()


def test_four_steps_is_not_enough_for_a_falling_trend_but_five_points_is() -> None:
    assert find_trends([5, 4, 3, 2]) == ()
    assert spans(find_trends([5, 4, 3, 2, 1])) == [(1, 5, "down")]


def test_trend_ending_in_a_repeat_ends_at_the_last_counted_point() -> None:
    assert spans(find_trends([1, 2, 3, 4, 5, 5])) == [(1, 5, "up")]


def test_up_and_down_trends_share_their_turning_point() -> None:
    assert spans(find_trends([1, 2, 3, 4, 5, 4, 3, 2, 1])) == [(1, 5, "up"), (5, 9, "down")]


# --- worked example 2: shifts with points on the centre line ------------------------


def test_points_on_the_centre_line_are_inside_a_shift_but_do_not_count() -> None:
    assert spans(find_shifts([1, 1, 1, 1, 1, 0, 0, 1], 0)) == [(1, 8, "up")]


def test_five_points_on_one_side_is_not_a_shift() -> None:
    assert find_shifts([1, 1, 1, 1, 1], 0) == ()
    assert find_shifts([1, 1, 1, 1, 1, 0, 0], 0) == ()


def test_crossing_the_centre_line_ends_the_shift() -> None:
    assert spans(find_shifts([1, 2, 3, 4, 5, 6, -1, 1, 2], 0)) == [(1, 6, "up")]


def test_shift_below_the_centre_line() -> None:
    assert spans(find_shifts([-1] * 7, 0)) == [(1, 7, "down")]


def test_worked_shift_example_inside_a_full_analysis() -> None:
    # Baseline of 4 points with median 0, then example 2: 10 useful points in all.
    result = analyse([1, -1, 1, -1, 1, 1, 1, 1, 1, 0, 0, 1], baseline=4)
    phase = result.phases[0]
    assert phase.median == 0.0
    assert phase.useful_points == 10
    assert phase.enough_points
    assert spans(phase.shifts) == [(5, 12, "up")]
    assert phase.longest_run == 6


def test_worked_trend_example_inside_a_full_analysis_crossing_the_median() -> None:
    values = [5, 6] * 5 + [1, 2, 2, 3, 4, 5, 6, 7]
    phase = analyse(values, baseline=10).phases[0]
    assert phase.median == 5.5
    # 1, 2, 2, 3, 4, 5, 6, 7: one rising trend from position 11 to 18, across the median.
    assert spans(phase.trends) == [(11, 18, "up")]
    assert spans(phase.shifts) == [(11, 16, "down")]


# --- worked example 3 and the limits table -------------------------------------------


def test_all_values_equal_has_no_useful_points_no_limits_no_signal() -> None:
    phase = analyse([7.0] * 20).phases[0]
    assert phase.median == 7.0
    assert phase.useful_points == 0
    assert phase.longest_run == 0
    assert phase.crossings == 0
    assert phase.longest_run_limit is None
    assert phase.crossings_limit is None
    assert not phase.runs_signal
    assert phase.shifts == () and phase.trends == ()


@pytest.mark.parametrize(
    ("useful", "longest", "crossings"),
    [(10, 6, 2), (13, 7, 3), (24, 8, 8), (46, 9, 17), (100, 10, 41)],
)
def test_limits_match_the_qicharts2_table(useful: int, longest: int, crossings: int) -> None:
    assert longest_run_limit(useful) == longest
    assert crossings_limit(useful) == crossings


def exact_qbinom_05(trials: int) -> int:
    """Smallest k with P(X <= k) >= 0.05 for X ~ Binomial(trials, 1/2), in exact arithmetic."""
    total = 0
    for k in range(trials + 1):
        total += comb(trials, k)
        if Fraction(total, 2**trials) >= Fraction(1, 20):
            return k
    return trials


@pytest.mark.parametrize("useful", range(1, 301))
def test_crossings_limit_equals_exact_binomial_quantile(useful: int) -> None:
    assert crossings_limit(useful) == exact_qbinom_05(useful - 1)


def test_limits_in_a_full_analysis() -> None:
    phase = analyse([1] * 8 + [3] * 8, baseline=16).phases[0]
    assert phase.median == 2.0
    assert (phase.useful_points, phase.longest_run, phase.crossings) == (16, 8, 1)
    assert (phase.longest_run_limit, phase.crossings_limit) == (7, 4)
    assert phase.runs_signal


def test_random_looking_series_has_no_runs_signal() -> None:
    phase = analyse(ALTERNATING).phases[0]
    assert (phase.useful_points, phase.longest_run, phase.crossings) == (12, 1, 11)
    assert (phase.longest_run_limit, phase.crossings_limit) == (7, 3)
    assert not phase.runs_signal
    assert phase.shifts == () and phase.trends == ()


# --- ties on the median -----------------------------------------------------------------


def test_points_on_the_median_neither_count_nor_break_a_run() -> None:
    values = [1, 1, 1, 2, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 2, 3]
    phase = analyse(values, baseline=16).phases[0]
    assert phase.median == 2.0
    assert phase.useful_points == 14
    assert phase.longest_run == 7  # not 4: the 2 at position 4 does not break the run
    assert phase.crossings == 1
    assert phase.longest_run_limit == 7 and not phase.longest_run > phase.longest_run_limit
    assert phase.crossings_limit == 4
    assert phase.runs_signal  # by crossings
    assert spans(phase.shifts) == [(1, 8, "down"), (9, 16, "up")]


# --- too few points ---------------------------------------------------------------------


def test_fewer_than_ten_useful_points_claims_no_rule() -> None:
    phase = analyse([1, 3, 5, 5, 5, 5, 5, 5, 5], baseline=2).phases[0]
    assert phase.median == 2.0
    assert phase.useful_points == 9
    assert not phase.enough_points
    assert phase.longest_run == 8
    assert phase.longest_run_limit == 6  # still computed
    assert phase.crossings_limit == 2
    assert not phase.runs_signal
    # The patterns are still reported, flagged as too few to claim.
    assert spans(phase.shifts) == [(2, 9, "up")]


def test_ten_useful_points_is_enough() -> None:
    phase = analyse([1, 3] + [5] * 8, baseline=2).phases[0]
    assert phase.enough_points
    assert phase.runs_signal
    assert spans(phase.shifts) == [(2, 10, "up")]


def test_points_on_the_median_do_not_count_towards_the_minimum() -> None:
    # 12 points but 3 lie on the median (2): 9 useful points.
    phase = analyse([1, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3, 3], baseline=12).phases[0]
    assert phase.median == 2.0
    assert phase.useful_points == 9
    assert not phase.enough_points


def test_no_points_at_all() -> None:
    result = analyse([])
    assert result.baseline_median is None
    assert result.phases[0].useful_points == 0
    assert to_json_dict(result)["useful_points"] == 0


# --- frozen baseline and phases ------------------------------------------------------------


def test_later_points_are_judged_against_the_frozen_baseline_median() -> None:
    values = [12, 10] * 6 + [20] * 12
    result = analyse(values)
    assert result.baseline_median == 11.0  # median of all 24 points would be 16
    phase = result.phases[0]
    assert (phase.first, phase.last, phase.baseline_points) == (1, 24, 12)
    assert spans(phase.shifts) == [(13, 24, "up")]
    assert phase.useful_points == 24


def test_baseline_shorter_than_the_series_uses_its_own_points_only() -> None:
    assert analyse([1, 2, 3, 100, 200], baseline=3).baseline_median == 2.0
    assert analyse([1, 2, 3, 100, 200], baseline=50).baseline_median == 3.0


def test_first_baseline_overrides_only_the_first_phase() -> None:
    values = [1, 3, 9, 9, 9, 9, 2, 4, 9, 9, 9, 9]
    result = analyse(values, baseline=4, first_baseline=2, phase_starts=[7])
    assert [p.median for p in result.phases] == [2.0, 6.5]  # 6.0 and 3.0 if mixed up
    assert [p.baseline_points for p in result.phases] == [2, 4]


PHASE_ONE = [1, 3, 1, 3, 1, 3, 1, 3, 0, 1.5, 2.5, 2.9]  # median 2.0, ends rising 0..2.9
PHASE_TWO = [3.5, 4, 1, 4, 1, 4, 1, 4, 1, 4, 1, 4]  # median 3.75, starts rising 3.5, 4


def test_without_phases_a_trend_runs_across_the_change() -> None:
    result = analyse(PHASE_ONE + PHASE_TWO)
    assert len(result.phases) == 1
    assert spans(result.phases[0].trends) == [(9, 14, "up")]


def test_two_phases_each_have_their_own_median_and_analysis() -> None:
    result = analyse(PHASE_ONE + PHASE_TWO, phase_starts=[13])
    first, second = result.phases
    assert (first.first, first.last, first.median) == (1, 12, 2.0)
    assert (second.first, second.last, second.median) == (13, 24, 3.75)
    assert first.useful_points == 12 and second.useful_points == 12
    assert first.trends == () and second.trends == ()  # the trend is split by the phase
    assert result.signals == ()


def test_phase_starts_are_sorted_deduplicated_and_one_is_ignored() -> None:
    result = analyse(list(range(30)), phase_starts=[21, 1, 11, 21])
    assert [(p.first, p.last) for p in result.phases] == [(1, 10), (11, 20), (21, 30)]


@pytest.mark.parametrize("start", [0, 31])
def test_phase_start_outside_the_series_is_an_error(start: int) -> None:
    with pytest.raises(ValueError):
        analyse(list(range(30)), phase_starts=[start])


def test_baseline_must_be_positive() -> None:
    with pytest.raises(ValueError):
        analyse([1, 2, 3], baseline=0)


# --- sustained shifts (NHS Scotland practice) -----------------------------------------------


SUSTAINED_SERIES = ALTERNATING + [5] * 9 + [4, 6, 4]


def test_sustained_run_starts_a_new_phase_with_its_own_median() -> None:
    result = analyse(SUSTAINED_SERIES, sustained=9)
    assert [(p.first, p.last, p.median) for p in result.phases] == [(1, 12, 2.0), (13, 24, 5.0)]


def test_sustained_is_off_by_default() -> None:
    result = analyse(SUSTAINED_SERIES)
    assert len(result.phases) == 1
    assert spans(result.phases[0].shifts) == [(13, 24, "up")]


def test_run_shorter_than_sustained_does_not_start_a_phase() -> None:
    assert len(analyse(SUSTAINED_SERIES, sustained=13).phases) == 1
    assert len(analyse(SUSTAINED_SERIES, sustained=12).phases) == 2


def test_points_on_the_median_before_a_sustained_run_stay_in_the_old_phase() -> None:
    result = analyse(ALTERNATING + [2, 2] + [5] * 9, sustained=9)
    assert [(p.first, p.last) for p in result.phases] == [(1, 14), (15, 23)]


def test_sustained_runs_can_start_several_phases() -> None:
    result = analyse([1, 3, 1, 3, 6, 4, 6, 4, 9, 9, 9], baseline=4, sustained=3)
    assert [(p.first, p.last, p.median) for p in result.phases] == [(1, 4, 2.0), (5, 8, 5.0), (9, 11, 9.0)]


def test_sustained_phases_stay_inside_declared_phases() -> None:
    values = ALTERNATING + [5] * 9 + ALTERNATING
    result = analyse(values, sustained=9, phase_starts=[22])
    assert [(p.first, p.last) for p in result.phases] == [(1, 12), (13, 21), (22, 33)]


# --- missing values -------------------------------------------------------------------------


def test_missing_values_are_skipped_but_keep_their_positions() -> None:
    values = [None] + ALTERNATING + [None, 5, 5, float("nan"), 5, 5, 5, 5]
    result = analyse(values)
    phase = result.phases[0]
    assert phase.median == 2.0
    assert phase.baseline_points == 12  # the first 12 non-missing values
    assert phase.useful_points == 18
    assert spans(phase.shifts) == [(15, 21, "up")]
    assert result.values[0] is None and result.values[16] is None  # NaN becomes None
    assert (phase.first, phase.last) == (1, 21)


def test_missing_values_do_not_break_a_trend() -> None:
    assert spans(find_trends([1, None, 2, float("nan"), 3, 4, 5])) == [(1, 7, "up")]


def test_all_values_missing() -> None:
    phase = analyse([None, float("nan"), None]).phases[0]
    assert phase.median is None
    assert phase.useful_points == 0 and phase.longest_run_limit is None
    assert not phase.runs_signal


# --- assess, dates, JSON ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "better", "expected"),
    [
        ("up", "higher", "improvement"),
        ("up", "lower", "deterioration"),
        ("down", "lower", "improvement"),
        ("down", "higher", "deterioration"),
    ],
)
def test_assess(direction: str, better: str, expected: str) -> None:
    assert assess(Signal("shift", 1, 6, direction), better) == expected


def test_assess_rejects_unknown_better() -> None:
    with pytest.raises(ValueError):
        assess(Signal("trend", 1, 5, "up"), "bigger")


MONTHS = [date(2020, m, 1) for m in range(1, 13)]


def test_positions_before() -> None:
    assert positions_before(MONTHS, date(2020, 4, 1)) == 3
    assert positions_before(MONTHS, date(2020, 4, 2)) == 4
    assert positions_before(MONTHS, date(2019, 1, 1)) == 0


def test_phase_start_positions() -> None:
    phase_dates = [date(2020, 4, 1), date(2020, 6, 15), date(2021, 1, 1), date(2019, 1, 1)]
    assert phase_start_positions(MONTHS, phase_dates) == [4, 7, 1]


def test_json_dict_describes_the_first_phase_and_lists_all_phases() -> None:
    data = to_json_dict(analyse(SUSTAINED_SERIES + [None], sustained=9))
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    for key in ("baseline_median", "useful_points", "longest_run", "longest_run_limit", "crossings",
                "crossings_limit", "runs_signal", "shifts", "trends", "enough_points", "phases"):
        assert key in data
    assert data["baseline_median"] == 2.0 and isinstance(data["baseline_median"], float)
    assert [(p["first"], p["last"], p["median"]) for p in data["phases"]] == [(1, 12, 2.0), (13, 25, 5.0)]
    assert data["useful_points"] == 12


def test_json_dict_lists_signals_as_first_last_pairs() -> None:
    data = to_json_dict(analyse([12, 10] * 6 + [20] * 12))
    assert data["shifts"] == [[13, 24]]
    assert data["phases"][0]["shifts"] == [[13, 24]]
    assert data["signals"] == [{"kind": "shift", "first": 13, "last": 24, "direction": "up"}]
    assert isinstance(data["phases"][0]["median"], float)


# --- properties -----------------------------------------------------------------------------

maybe_values = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.integers(min_value=-3, max_value=3),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
)


def useful_sides(values: tuple[float | None, ...], first: int, last: int, median: float) -> list[int]:
    return [1 if v > median else -1 for v in values[first - 1:last] if v is not None and v != median]


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(maybe_values, max_size=60),
    baseline=st.integers(min_value=1, max_value=15),
    sustained=st.one_of(st.none(), st.integers(min_value=1, max_value=10)),
    cut=st.integers(min_value=1, max_value=60),
)
def test_analysis_is_consistent_on_arbitrary_series(
    values: list[float | None], baseline: int, sustained: int | None, cut: int
) -> None:
    starts = [cut] if cut <= len(values) else []
    result = analyse(values, baseline=baseline, sustained=sustained, phase_starts=starts)
    # Phases cover every position once, in order.
    assert result.phases[0].first == 1
    assert result.phases[-1].last == len(values)
    for before, after in zip(result.phases, result.phases[1:], strict=False):
        assert after.first == before.last + 1
    for phase in result.phases:
        if phase.median is None:
            assert phase.useful_points == 0
            continue
        sides = useful_sides(result.values, phase.first, phase.last, phase.median)
        assert phase.useful_points == len(sides)
        assert phase.longest_run <= len(sides)
        assert phase.crossings == sum(1 for a, b in zip(sides, sides[1:], strict=False) if a != b)
        assert phase.enough_points == (len(sides) >= 10)
        if not phase.enough_points:
            assert not phase.runs_signal
        for shift in phase.shifts:
            assert phase.first <= shift.first <= shift.last <= phase.last
            inside = useful_sides(result.values, shift.first, shift.last, phase.median)
            assert len(inside) >= 6
            assert set(inside) == {1 if shift.direction == "up" else -1}
        for trend in phase.trends:
            assert phase.first <= trend.first < trend.last <= phase.last
    json.dumps(to_json_dict(result), allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=6)), max_size=40))
def test_every_trend_has_five_distinct_monotone_points(values: list[int | None]) -> None:
    for trend in find_trends(values):
        inside = [v for v in values[trend.first - 1:trend.last] if v is not None]
        distinct = [v for i, v in enumerate(inside) if i == 0 or v != inside[i - 1]]
        assert len(distinct) >= 5
        steps = {b > a for a, b in zip(distinct, distinct[1:], strict=False)}
        assert steps == {trend.direction == "up"}
        assert values[trend.first - 1] is not None and values[trend.last - 1] is not None


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=2000))
def test_limits_grow_with_the_number_of_points(useful: int) -> None:
    assert longest_run_limit(useful) == round(math.log2(useful)) + 3
    assert 0 <= crossings_limit(useful) <= useful - 1 or useful == 1
    assert crossings_limit(useful + 1) >= crossings_limit(useful)
