from datetime import date

from pace_site.figures.metrics import aim_figures
from pace_site.model.content import Journey, LocalAim, Timescale

AIM = LocalAim(id="a", statement="s", target=75, cohort_start=date(2018, 1, 1), deadline=date(2019, 1, 1),
               national_aim=2, start="accommodated", end="recommendation", timescale=Timescale(10, "weeks"))


def child(row: int, accommodated: date, recommendation: date | None = None, locality: str | None = None) -> Journey:
    dates = {"accommodated": accommodated}
    if recommendation:
        dates["recommendation"] = recommendation
    return Journey(row, dates, locality=locality)


def test_met_missed_and_pending_are_counted_for_the_cohort_only() -> None:
    journeys = (
        child(2, date(2017, 6, 1), date(2017, 7, 1)),    # before the cohort: charted, not counted
        child(3, date(2018, 1, 1), date(2018, 2, 1)),    # met (31 days)
        child(4, date(2018, 1, 1), date(2018, 6, 1)),    # late
        child(5, date(2018, 1, 10)),                     # waiting past 10 weeks at 2018-06-30
        child(6, date(2018, 6, 1)),                      # pending
    )
    figures = aim_figures(AIM, journeys, date(2018, 6, 30))
    progress = figures.progress
    assert (progress.met, progress.missed_late, progress.missed_waiting, progress.pending) == (1, 1, 1, 1)
    assert progress.percent_of_decided == 50
    assert round(progress.percent_overall or 0, 1) == 33.3
    assert [p.weeks for p in figures.points] == [4, 4, 21]
    assert [w.weeks for w in figures.waiting] == [24, 4]


def test_points_are_ordered_by_the_date_the_end_milestone_was_reached() -> None:
    journeys = (child(2, date(2018, 1, 1), date(2018, 9, 1)), child(3, date(2018, 3, 1), date(2018, 4, 1)))
    figures = aim_figures(AIM, journeys, date(2019, 1, 1))
    assert [p.reached for p in figures.points] == [date(2018, 4, 1), date(2018, 9, 1)]


def test_a_milestone_after_the_as_at_date_counts_as_not_reached() -> None:
    journeys = (child(2, date(2018, 1, 1), date(2018, 9, 1)), child(3, date(2018, 8, 1)))
    earlier = aim_figures(AIM, journeys, date(2018, 5, 1))
    assert earlier.points == () and len(earlier.waiting) == 1
    assert earlier.waiting[0].weeks == 17
    later = aim_figures(AIM, journeys, date(2018, 10, 1))
    assert len(later.points) == 1 and len(later.waiting) == 1


def test_locality_restricts_the_children_counted() -> None:
    aim = LocalAim(**{**AIM.__dict__, "locality": "Caithness"})
    journeys = (child(2, date(2018, 1, 1), date(2018, 2, 1), "Caithness"),
                child(3, date(2018, 1, 1), date(2018, 2, 1), "Inverness"))
    assert aim_figures(aim, journeys, date(2019, 1, 1)).progress.children == 1


def test_timescale_in_months_converts_to_weeks() -> None:
    assert round(Timescale(7.5, "months").weeks, 1) == 32.6
    assert str(Timescale(7.5, "months")) == "7.5 months"
    assert str(Timescale(1, "weeks")) == "1 week"


def test_routes_restrict_an_aim_to_children_on_those_routes() -> None:
    aim = LocalAim(**{**AIM.__dict__, "routes": ("adoption",)})
    journeys = (Journey(2, {"accommodated": date(2018, 1, 1)}, route="home"),
                Journey(3, {"accommodated": date(2018, 1, 1)}, route="adoption"),
                Journey(4, {"accommodated": date(2018, 1, 1)}))
    assert aim_figures(aim, journeys, date(2019, 1, 1)).progress.children == 2


def test_stage_durations_are_medians_by_the_year_the_stage_ended() -> None:
    from pace_site.figures.metrics import stage_durations

    journeys = (
        Journey(2, {"accommodated": date(2018, 1, 1), "recommendation": date(2018, 3, 5), "panel": date(2019, 1, 7)}),
        Journey(3, {"accommodated": date(2018, 2, 1), "recommendation": date(2018, 2, 22)}),
        Journey(4, {"accommodated": date(2018, 6, 1), "recommendation": date(2018, 8, 31)}),
    )
    stages = stage_durations(journeys, ["accommodated", "recommendation", "panel"], date(2019, 6, 30))
    assert [(s.start, s.end, s.year, s.children, s.median_weeks) for s in stages] == [
        ("accommodated", "recommendation", 2018, 3, 9.0),
        ("recommendation", "panel", 2019, 1, 44.0),
    ]


def test_a_sustained_shift_starts_a_new_phase_when_the_aim_asks_for_it() -> None:
    from pace_site.figures.metrics import aim_figures
    from pace_site.publish.report import analyse_points

    # 12 baseline children at 20 to 31 weeks, then 10 at 5 weeks: nine in a row below the median.
    rows = []
    for i in range(12):
        start = date(2016, 1, 1 + i)
        rows.append(Journey(i + 2, {"accommodated": start,
                                    "recommendation": date.fromordinal(start.toordinal() + 7 * (20 + i))}))
    for i in range(10):
        start = date(2018, 1, 1 + i)
        rows.append(Journey(i + 20, {"accommodated": start,
                                     "recommendation": date.fromordinal(start.toordinal() + 35)}))
    aim = LocalAim(**{**AIM.__dict__, "sustained": 9})
    figures = aim_figures(aim, tuple(rows), date(2019, 1, 1))
    analysis = analyse_points(aim, figures, date(2017, 1, 1))
    assert len(analysis.phases) == 2
    assert analysis.phases[1].median == 5.0
    plain = analyse_points(AIM, figures, date(2017, 1, 1))
    assert len(plain.phases) == 1
