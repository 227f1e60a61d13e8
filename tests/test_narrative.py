"""The sentences a PACE lead reads under each chart (publish/narrative.py): what they must tell, and what
disclosure control forbids them to tell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from pace_site.figures.metrics import AimFigures, AimProgress, ChildPoint, StageYear, WaitingChild
from pace_site.figures.runchart import RunChartAnalysis, analyse
from pace_site.model.content import LocalAim, MeasurePoint, Timescale
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.labels import HEADLINES
from pace_site.publish.narrative import (
    children,
    count_words,
    measure_sentence,
    progress_sentence,
    run_chart_sentence,
    runs_sentence,
    safe_children,
    stages_sentence,
    waiting_sentence,
)

AIM = LocalAim(id="aim-2", statement="By December 2019, 80% within 26 weeks.", target=80,
               cohort_start=date(2018, 1, 1), deadline=date(2019, 12, 31), national_aim=2, start="accommodated",
               end="recommendation", timescale=Timescale(26, "weeks"))
POLICY = DisclosurePolicy()
OFF = DisclosurePolicy(enabled=False)
END = "Permanence recommendation"
BASELINE = [15, 25] * 6  # twelve children, six either side of a median of 20 weeks, ending above it
LABELS = {"accommodated": "Accommodated", "recommendation": "Permanence recommendation", "panel": "Permanence panel"}


def month(position: int) -> date:
    """The date the child at a 1-based position on the run chart reached the end: one a month from January 2017."""
    return date(2017 + (position - 1) // 12, (position - 1) % 12 + 1, 15)


def run_chart(weeks: list[int], aim: LocalAim = AIM, baseline: int = 12,
              phase_starts: Sequence[int] = ()) -> tuple[AimFigures, RunChartAnalysis]:
    """A run chart of children who waited `weeks`, in order, analysed as the site does (a baseline of 12)."""
    points = tuple(ChildPoint(month(i), month(i), w, 7 * w, True) for i, w in enumerate(weeks, start=1))
    figures = AimFigures(aim, date(2020, 1, 1), points, (), AimProgress(0, 0, 0, 0, 0, aim.target))
    return figures, analyse([float(w) for w in weeks], baseline=baseline, phase_starts=phase_starts)


def sentence_of(weeks: list[int], aim: LocalAim = AIM, baseline: int = 12, phase_starts: Sequence[int] = ()) -> str:
    return run_chart_sentence(*run_chart(weeks, aim, baseline, phase_starts), END)


def waiting(weeks: list[int], in_cohort: bool = True) -> tuple[WaitingChild, ...]:
    return tuple(WaitingChild(date(2018, 6, 1), w, 7 * w, in_cohort) for w in sorted(weeks, reverse=True))


def waiting_figures(still: tuple[WaitingChild, ...], reached: int = 0) -> AimFigures:
    points = tuple(ChildPoint(month(i), month(i), 10, 70, True) for i in range(1, reached + 1))
    return AimFigures(AIM, date(2019, 6, 30), points, still, AimProgress(0, 0, 0, 0, 0, 80))


def said_counts(text: str) -> set[str]:
    """Every count a sentence states, in figures or in words (not its months, nor its percentages)."""
    words = {count_words(n) for n in range(1, 13)}
    text = re.sub(r"\b[A-Z][a-z]+ \d{4}\b|\d+(\.\d+)?%", "", text)
    return {w.lower() for w in re.findall(r"\b\w+\b", text) if w.isdigit() or w.lower() in words}


# --- counts in words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count, words", [(0, "no children"), (1, "one child"), (2, "two children"),
                                          (12, "twelve children"), (13, "13 children"), (250, "250 children")])
def test_a_count_of_children_is_in_words_up_to_twelve_and_singular_for_one(count: int, words: str) -> None:
    """A reader sees "one child", "two children", "13 children": never "1 children" or "twelve child"."""
    assert children(count) == words


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_a_count_disclosure_control_hides_is_never_stated(count: int) -> None:
    """A count from 1 to 4 reads "fewer than five children": the reader cannot tell which it is."""
    assert safe_children(count, POLICY) == "fewer than five children"


def test_a_count_that_is_not_small_is_stated_and_the_band_follows_the_sites_threshold() -> None:
    """None and five are not hidden; a site with a threshold of ten says "fewer than ten"; with control off, 3 is 3."""
    assert safe_children(0, POLICY) == "no children"
    assert safe_children(5, POLICY) == "five children"
    assert safe_children(7, DisclosurePolicy(threshold=10, minimum=10)) == "fewer than ten children"
    assert safe_children(3, OFF) == "three children"


# --- progress towards the aim ---------------------------------------------------------------------------------


def test_progress_says_how_many_started_reached_the_end_and_met_the_timescale() -> None:
    """The lead reads the cohort, how many finished, the share within the timescale, overall, and the aim."""
    text = progress_sentence(AimProgress(20, met=9, missed_late=3, missed_waiting=2, pending=6, target=80), AIM, POLICY)
    assert text.startswith("Since January 2018, 20 children started this stage.")
    assert "Twelve children reached the end of it; 75% did so within 26 weeks." in text
    assert "Counting the two children still waiting past 26 weeks, it is 64% overall." in text
    assert text.endswith("The aim is 80% by December 2019.")


def test_a_cohort_below_the_minimum_is_a_band_and_no_percentage() -> None:
    """Three children in the cohort: the sentence says "fewer than five" and gives no count and no percentage."""
    text = progress_sentence(AimProgress(3, met=1, missed_late=1, missed_waiting=1, pending=0, target=80), AIM, POLICY)
    assert "fewer than five children started this stage" in text
    assert POLICY.too_few in text
    assert said_counts(text) <= {"five", "5"} and "%" not in text


def test_a_cohort_shown_as_c_is_not_stated_in_the_sentence() -> None:
    """When the cohort's total is [c], the sentence says so and states no count or share, only the aim."""
    progress = AimProgress(20, met=9, missed_late=3, missed_waiting=2, pending=6, target=80)
    text = progress_sentence(progress, AIM, POLICY, hidden=frozenset({"cohort"}))
    assert "shown as [c]" in text
    assert said_counts(text) == set() and re.findall(r"\d+%", text) == ["80%"]


def test_a_cohort_shown_as_c_is_not_stated_even_below_the_minimum() -> None:
    """A site with threshold 3 and minimum 10 hides all of an eight-child cohort: the sentence must not say eight."""
    policy = DisclosurePolicy(threshold=3, minimum=10)
    every = frozenset({"met", "late", "waiting past", "pending", "cohort"})
    text = progress_sentence(AimProgress(8, 2, 2, 2, 2, 80), AIM, policy, hidden=every)
    assert "eight" not in text.lower()


def test_hidden_met_or_late_counts_hide_how_many_reached_the_end() -> None:
    """With met or late shown as [c], their sum is not told either; the share within the timescale still is."""
    progress = AimProgress(20, met=9, missed_late=3, missed_waiting=2, pending=6, target=80)
    for hidden in ({"met"}, {"late"}, {"met", "late"}):
        text = progress_sentence(progress, AIM, POLICY, hidden=frozenset(hidden))
        assert "twelve" not in text.lower() and "12" not in text
        assert "Of those who reached the end of it, 75% did so within 26 weeks." in text


def test_hidden_children_waiting_past_the_timescale_are_not_counted_in_words() -> None:
    """With "waiting past" shown as [c], the sentence speaks of "the children" still waiting, not "the two"."""
    progress = AimProgress(20, met=9, missed_late=3, missed_waiting=2, pending=6, target=80)
    text = progress_sentence(progress, AIM, POLICY, hidden=frozenset({"waiting past"}))
    assert "Counting the children still waiting past 26 weeks, it is 64% overall." in text
    assert "two" not in text.lower()


def test_a_withheld_percentage_does_not_appear_in_the_sentence() -> None:
    """A headline percentage shown as [c] is not given in words either; the other one still is."""
    progress = AimProgress(20, met=9, missed_late=3, missed_waiting=2, pending=6, target=80)
    of_decided = progress_sentence(progress, AIM, POLICY, withheld=frozenset({HEADLINES[1]}))
    assert "75%" not in of_decided and "Twelve children reached the end of it." in of_decided
    assert "64% overall" in of_decided
    overall = progress_sentence(progress, AIM, POLICY, withheld=frozenset({HEADLINES[2]}))
    assert "64%" not in overall and "overall" not in overall and "75%" in overall


def test_a_share_of_fewer_children_than_the_minimum_is_not_given() -> None:
    """Only three children have reached the end: the lead reads that three did, but no percentage of them."""
    progress = AimProgress(20, met=2, missed_late=1, missed_waiting=0, pending=17, target=80)
    text = progress_sentence(progress, AIM, POLICY)
    assert "Three children reached the end of it." in text
    assert re.findall(r"\d+%", text) == ["80%"]


def test_one_child_is_singular() -> None:
    """With disclosure control off, a cohort of one reads "one child started", not "one children"."""
    text = progress_sentence(AimProgress(1, met=1, missed_late=0, missed_waiting=0, pending=0, target=80), AIM, OFF)
    assert "one child started this stage" in text and "One child reached the end of it; 100%" in text


def test_an_empty_cohort_says_no_child_has_started() -> None:
    """Before any child starts the stage, the sentence says so rather than 0% or a target alone."""
    text = progress_sentence(AimProgress(0, 0, 0, 0, 0, 80), AIM, POLICY)
    assert text.startswith("No child") and "%" not in text


# --- the run chart ----------------------------------------------------------------------------------------


def test_a_run_chart_sentence_says_how_many_children_when_and_the_baseline_median() -> None:
    """The lead reads how many children the chart shows, over which months, and the centre line's value."""
    text = sentence_of(BASELINE)
    assert text.startswith("Twelve children reached permanence recommendation between January 2017 and "
                           "December 2017; the baseline median of the first 12 was 20 weeks.")


def test_random_variation_is_called_chance_and_no_signal_is_claimed() -> None:
    """Twelve children zig-zagging about the median: no shift, trend or runs signal is claimed."""
    text = sentence_of(BASELINE)
    assert "the variation is what we would expect by chance" in text
    assert not re.search(r"\bis a (shift|trend)\b|finds non-random", text)


def test_a_shift_below_the_median_is_told_from_its_first_child_with_its_length() -> None:
    """Seven children in a row under the median from January 2018: a shift, an improvement when lower is better."""
    text = sentence_of(BASELINE + [10] * 7)
    assert "From January 2018, seven children in a row waited less than the median of 20 weeks." in text
    assert "Six or more in a row is a shift: an improvement" in text


def test_the_same_shift_is_a_deterioration_when_higher_is_better() -> None:
    """Whether a signal is good news follows the aim's `better`, not the direction alone."""
    text = sentence_of(BASELINE + [10] * 7, replace(AIM, better="higher"))
    assert "a deterioration" in text and "improvement" not in text


def test_a_shift_above_the_median_is_longer_waits() -> None:
    """Seven children in a row over the median: they "waited longer", a deterioration when lower is better."""
    text = sentence_of(BASELINE[::-1] + [30] * 7)  # the baseline ends below the median this time
    assert "seven children in a row waited longer than the median of 20 weeks" in text and "a deterioration" in text


def test_children_exactly_on_the_median_are_not_counted_in_a_shift() -> None:
    """A child on the median sits inside the shift but is not counted, and the sentence says so."""
    text = sentence_of(BASELINE + [10, 10, 20, 10, 10, 10, 10])
    assert ("six children in a row waited less than the median of 20 weeks "
            "(not counting any exactly on the median)") in text


def test_a_trend_is_told_as_each_child_waiting_less_than_the_one_before() -> None:
    """Six children each waiting less than the last (the baseline's last one first): a trend, not a shift."""
    text = sentence_of(BASELINE + [24, 22, 21, 19, 18])
    assert "From December 2017, six children in a row each waited shorter than the one before." in text
    assert "Five or more is a trend: an improvement" in text and "shift" not in text


def test_only_a_runs_signal_is_worded_as_the_runs_test() -> None:
    """Long runs each side of the median with no shift or trend: the runs test speaks, with its numbers."""
    weeks = [60, 55, 62, 57, 61, 20, 25, 18, 24, 21, 59, 54, 63, 56, 60, 22, 26, 19, 23, 20]
    text = sentence_of(weeks, baseline=20)
    assert ("There is no shift or trend, but the runs test finds non-random variation: the dots cross the median "
            "only 3 times, fewer than the 6 expected by chance.") in text


def test_with_fewer_than_ten_useful_children_no_signal_is_claimed() -> None:
    """A run of six under the median in a chart of seven useful children is not called a shift."""
    text = sentence_of([30, 10, 30, 5, 5, 5, 5, 5, 5], baseline=3)
    assert "no run chart rule can be applied yet" in text
    assert "shift" not in text and "trend" not in text


def test_a_new_phase_is_told_with_its_own_median() -> None:
    """After a change the chart judges against a new centre line: the sentence says when and how it moved."""
    text = sentence_of(BASELINE + [5, 10] * 6, phase_starts=[13])
    assert "A new phase began in January 2018: its median is 7.5 weeks, down from 20." in text


def test_a_run_chart_with_no_child_says_there_is_nothing_to_chart() -> None:
    """Before any child reaches the end milestone, the sentence says so in the milestone's own words."""
    assert sentence_of([]) == "No child has reached permanence recommendation yet, so there is nothing to chart."


def test_the_runs_test_names_a_long_run_when_that_is_its_signal() -> None:
    """Eight dots in a row on one side of the median, more than seven expected: the run is told, with both numbers."""
    _, analysis = run_chart(BASELINE + [10] * 8)
    text = runs_sentence(analysis.phases[0], "dots")
    assert text.startswith("the runs test finds non-random variation")
    assert "8 dots in a row sit on one side of the median, more than the 7 expected by chance" in text


# --- children still waiting --------------------------------------------------------------------------------


def test_waiting_children_are_counted_with_the_longest_wait() -> None:
    """Six children waiting, the longest 50 weeks, two past the timescale: the chart being public, all are told."""
    text = waiting_sentence(waiting_figures(waiting([3, 4, 5, 6, 40, 50])), "Accommodated", POLICY, exact=True)
    assert text.startswith("Six children are still waiting; the longest has waited 50 weeks.")
    assert "Two children have waited longer than 26 weeks." in text


def test_a_small_number_waiting_past_the_timescale_is_a_band_unless_the_chart_shows_it() -> None:
    """With the waiting chart not published as it is, two children past the timescale read "fewer than five"."""
    text = waiting_sentence(waiting_figures(waiting([3, 4, 5, 6, 40, 50])), "Accommodated", POLICY)
    assert "Fewer than five children have waited longer than 26 weeks." in text
    assert "two" not in text.lower()


def test_one_child_past_the_timescale_is_singular() -> None:
    """One child past the timescale "has" waited, not "have"."""
    text = waiting_sentence(waiting_figures(waiting([2, 3, 4, 5, 6, 40])), "Accommodated", POLICY, exact=True)
    assert "One child has waited longer than 26 weeks." in text


def test_too_few_waiting_children_are_neither_counted_nor_described() -> None:
    """Three children waiting: the sentence is the policy's "too few", with no count and no longest wait."""
    text = waiting_sentence(waiting_figures(waiting([3, 4, 50])), "Accommodated", POLICY, exact=True)
    assert text == POLICY.too_few


def test_children_who_started_before_the_cohort_are_said_to_be_included() -> None:
    """A child who started before the aim's cohort is counted as waiting, and the sentence says so."""
    still = waiting([3, 4, 5, 6, 40]) + waiting([1], in_cohort=False)
    text = waiting_sentence(waiting_figures(still), "Accommodated", POLICY)
    assert "(including children who started before the aim's cohort)" in text


def test_no_child_waiting_is_told_apart_from_no_child_started() -> None:
    """Everyone has finished, or no one has started: the two read differently, in the start milestone's words."""
    assert waiting_sentence(waiting_figures((), reached=3), "Accommodated", POLICY) == (
        "No child is waiting: every child who reached accommodated has reached the end of this stage.")
    assert waiting_sentence(waiting_figures(()), "Accommodated", POLICY) == "No child has reached accommodated yet."


def test_without_a_timescale_no_one_is_said_to_be_past_it() -> None:
    """An aim with no timescale: the sentence counts those waiting and says nothing of "longer than"."""
    figures = replace(waiting_figures(waiting([3, 4, 5, 6, 40])), aim=replace(AIM, timescale=None))
    text = waiting_sentence(figures, "Accommodated", POLICY)
    assert "Five children are still waiting" in text and "longer than" not in text


# --- stage durations ---------------------------------------------------------------------------------------


def test_the_slowest_stage_of_the_latest_year_is_named_with_its_median_and_children() -> None:
    """The lead reads the latest year's slowest stage, in lower-case labels, with its median and children."""
    stages = (StageYear("accommodated", "recommendation", 2018, 12, 30.0),
              StageYear("recommendation", "panel", 2018, 8, 40.0),
              StageYear("accommodated", "recommendation", 2019, 9, 25.0),
              StageYear("recommendation", "panel", 2019, 6, 28.5))
    text = stages_sentence(stages, LABELS, POLICY)
    assert text.startswith("In 2019 the slowest stage was permanence recommendation to permanence panel: "
                           "a median of 28.5 weeks for six children.")


def test_a_stage_of_too_few_children_is_never_the_one_named() -> None:
    """A slower stage finished by only three children in 2019 is left out: neither it nor its median is told."""
    stages = (StageYear("accommodated", "recommendation", 2019, 9, 25.0),
              StageYear("recommendation", "panel", 2019, 3, 60.0))
    text = stages_sentence(stages, LABELS, POLICY)
    assert "accommodated to permanence recommendation: a median of 25 weeks for nine children" in text
    assert "60" not in text and "three" not in text


def test_pooled_years_are_named_as_a_span_and_no_stage_at_all_says_so() -> None:
    """Years pooled to reach the minimum read "2018–2019"; with no stage publishable, the sentence says so."""
    pooled = (StageYear("accommodated", "recommendation", 2018, 6, 30.5, 2019),)
    assert stages_sentence(pooled, LABELS, POLICY).startswith("In 2018–2019 the slowest stage")
    too_few = (StageYear("accommodated", "recommendation", 2019, 4, 25.0),)
    assert stages_sentence(too_few, LABELS, POLICY) == ("No stage of the journey has been completed by enough "
                                                        "children to publish yet.")


# --- measures --------------------------------------------------------------------------------------------------

MEASURE_AIM = LocalAim(id="aim-1", statement="90% of plans reviewed", target=90, cohort_start=date(2018, 1, 1),
                       deadline=date(2019, 12, 31), measure="reviews", better="higher")


def measure(values: Sequence[float]) -> list[MeasurePoint]:
    return [MeasurePoint("reviews", month(i), v, None, i + 1) for i, v in enumerate(values, start=1)]


def test_a_measure_gives_its_latest_value_against_the_aim_and_the_baseline_median() -> None:
    """The latest month and value, the aim and the baseline median, each with its unit."""
    points = measure([80, 70] * 6 + [90] * 7)
    text = measure_sentence(points, analyse([p.value for p in points]), MEASURE_AIM, "%")
    assert text.startswith("The latest figure, for July 2018, is 90% against an aim of 90%. "
                           "The baseline median is 75%.")
    assert "find a shift (improvement)" in text


def test_a_measure_shift_is_a_deterioration_when_lower_is_better() -> None:
    """The same rise, on a measure where lower is better, is told as a deterioration."""
    points = measure([80, 70] * 6 + [90] * 7)
    text = measure_sentence(points, analyse([p.value for p in points]), replace(MEASURE_AIM, better="lower"), "%")
    assert "find a shift (deterioration)" in text


def test_a_cumulative_measure_says_the_run_chart_rules_do_not_apply() -> None:
    """A running total cannot fall by chance: no median and no signal are told, and the reader is told why."""
    text = measure_sentence(measure([80, 70] * 6 + [90] * 7), None, MEASURE_AIM, "%")
    assert "the run chart rules (shift, trend, runs) do not apply" in text and "median" not in text


def test_a_measure_with_few_points_or_no_statement() -> None:
    """Eight points: no rule is applied. An aim with no statement is not quoted as "against an aim"."""
    points = measure([80, 70] * 4)
    text = measure_sentence(points, analyse([p.value for p in points]), replace(MEASURE_AIM, statement=""), "")
    assert text.startswith("The latest figure, for August 2017, is 70. The baseline median is 75.")
    assert "no run chart rule can be applied yet" in text


def test_a_measure_runs_signal_starts_a_sentence_with_a_capital() -> None:
    """The runs test on a measure reads "The runs test finds ...", of points, not dots."""
    points = measure([60, 55, 62, 57, 61, 20, 25, 18, 24, 21, 59, 54, 63, 56, 60, 22, 26, 19, 23, 20])
    text = measure_sentence(points, analyse([p.value for p in points], baseline=20), MEASURE_AIM, "")
    assert " The runs test finds non-random variation: the points cross the median only 3 times" in text
