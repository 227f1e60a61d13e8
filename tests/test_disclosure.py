from pace_site.model.disclosure import DisclosurePolicy, count_text, suppress

POLICY = DisclosurePolicy()


def test_small_counts_are_suppressed_and_zero_and_five_are_not() -> None:
    assert [count_text(n, POLICY) for n in (0, 1, 4, 5, 32)] == ["0", "[c]", "[c]", "5", "32"]


def test_one_small_count_in_a_total_forces_a_second_suppression() -> None:
    hidden = suppress({"met": 20, "late": 1, "waiting": 4, "pending": 7}, POLICY)
    assert hidden == {"met": False, "late": True, "waiting": True, "pending": False}


def test_secondary_suppression_goes_on_until_the_hidden_counts_reach_the_threshold() -> None:
    hidden = suppress({"met": 20, "late": 1, "waiting": 0, "pending": 7}, POLICY)
    assert hidden == {"met": False, "late": True, "waiting": False, "pending": True}


def test_nothing_is_suppressed_when_every_count_is_large_or_zero() -> None:
    assert not any(suppress({"met": 12, "late": 0, "waiting": 5}, POLICY).values())


def test_disclosure_control_can_be_turned_off() -> None:
    off = DisclosurePolicy(enabled=False)
    assert count_text(2, off) == "2" and off.enough(1)
    assert not any(suppress({"a": 1, "b": 9}, off).values())


def test_a_percentage_of_a_count_is_withheld_when_it_stands_for_a_small_number() -> None:
    from datetime import date

    from pace_site.model.content import MeasurePoint
    from pace_site.publish.report import publishable

    def point(value: float, count: int) -> MeasurePoint:
        return MeasurePoint("reviews", date(2019, 1, 1), value, count, 2)

    assert not publishable(point(20, 5), POLICY)      # 1 child of 5
    assert not publishable(point(90, 30), POLICY)     # 27 of 30: the other 3 are a small number
    assert not publishable(point(50, 4), POLICY)      # about 4 children
    assert publishable(point(50, 30), POLICY) and publishable(point(0, 30), POLICY)
    assert publishable(point(100, 8), POLICY)


def test_a_total_of_none_is_never_hidden_as_c() -> None:
    """[c] says 1 to threshold - 1: a cohort of no child shown as [c] beside its zeros is a contradiction (the audit
    stopped the build on it: a newsletter dated before the aim's cohort began, with a leak to close)."""
    from pace_site.figures.metrics import AimProgress
    from pace_site.publish.release import first_release, remedies

    policy = DisclosurePolicy()
    empty = AimProgress(0, met=0, missed_late=0, missed_waiting=0, pending=0, target=80)
    for option in remedies(first_release(empty, policy), "cohort", ("the run chart's rows (x.csv)",), empty, policy):
        assert "cohort" not in option.hidden
    some = AimProgress(3, met=1, missed_late=1, missed_waiting=0, pending=1, target=80)
    release = first_release(some, policy)
    assert any("cohort" in option.hidden for option in remedies(release, "met", (), some, policy))
