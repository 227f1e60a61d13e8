"""How dates, percentages and numbers are written on every page, chart and CSV (model/formatting.py)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pace_site.model.formatting import format_day, format_month, format_number, format_percent


def test_a_month_is_written_in_words_and_a_missing_date_is_blank() -> None:
    """A reader sees "March 2019", never 2019-03 or a day of the month; a missing date shows nothing."""
    assert format_month(date(2019, 3, 31)) == "March 2019"
    assert format_month(None) == ""


def test_a_day_has_no_leading_zero() -> None:
    """A reader sees "5 March 2019", as it is written in British English, not "05 March 2019"."""
    assert format_day(date(2019, 3, 5)) == "5 March 2019"
    assert format_day(date(2019, 12, 25)) == "25 December 2019"
    assert format_day(None) == ""


@pytest.mark.parametrize("value, shown", [(99.6, "99%"), (99.5, "99%"), (0.4, "1%"), (0.5, "1%"),
                                          (100, "100%"), (0, "0%"), (33.3, "33%"), (66.7, "67%")])
def test_a_percentage_is_whole_and_never_says_all_or_none_unless_it_is(value: float, shown: str) -> None:
    """199 of 200 children met the aim: the page says 99%, not 100%; 1 of 300 is 1%, not 0%."""
    assert format_percent(value) == shown


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_every_percentage_is_within_one_point_and_all_or_none_only_when_exact(value: float) -> None:
    """Whatever the share, the whole per cent shown is at most a point from it, and 0%/100% means none/all."""
    shown = format_percent(value)
    number = int(shown.rstrip("%"))
    assert abs(number - value) <= 1
    assert (number == 100) == (value == 100)
    assert (number == 0) == (value == 0)


def test_a_percentage_that_cannot_be_worked_out_is_a_dash() -> None:
    """No child decided yet: the reader sees an en dash, not 0% or "None"."""
    assert format_percent(None) == "–"


def test_a_number_has_no_needless_decimals() -> None:
    """Weeks are written 26, not 26.0; a half week keeps its half; a missing number is a dash."""
    assert format_number(26.0) == "26"
    assert format_number(7.5) == "7.5"
    assert format_number(0) == "0"
    assert format_number(None) == "–"
