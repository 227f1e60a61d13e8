"""Plain-English sentences about figures and run chart signals, for readers who do not know the rules."""

from __future__ import annotations

from pace_site.figures.metrics import AimFigures, AimProgress, StageYear
from pace_site.figures.runchart import PhaseAnalysis, RunChartAnalysis, Signal, assess, counted_points, latest_signal
from pace_site.model.chart import Sentence, Stated
from pace_site.model.content import LocalAim, MeasurePoint
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.model.formatting import format_month, format_percent
from pace_site.model.labels import HEADLINES

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]


def count_words(count: int) -> str:
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def children(count: int) -> str:
    return f"{count_words(count)} {'child' if count == 1 else 'children'}"


def safe_children(count: int, policy: DisclosurePolicy) -> str:
    """'12 children', or 'fewer than five children' for a count disclosure control suppresses."""
    if policy.is_small(count):
        return f"fewer than {count_words(policy.threshold)} children"
    return children(count)


def progress_sentence(progress: AimProgress, aim: LocalAim, policy: DisclosurePolicy,
                      hidden: frozenset[str] = frozenset(), withheld: frozenset[str] = frozenset()) -> Sentence:
    """Progress in words, stating only what the progress table and headline figures publish:
    no count in `hidden` (shown as [c]) and no percentage in `withheld`."""
    if progress.children == 0:
        return Sentence("No child in this aim's cohort has reached the start of this stage yet.")
    since = f"Since {format_month(aim.cohort_start)}"
    target = f"The aim is {aim.target:g}% by {format_month(aim.deadline)}."
    if not policy.enough(progress.children):
        started = _started_too_few(progress.children, policy, "cohort" in hidden)
        return Sentence(f"{since}, {started.words}. {policy.too_few}", (started, too_few_stated(policy)))
    if "cohort" in hidden:
        return Sentence(f"{since}, the figures for this aim are shown as [c] to protect children's privacy. {target}")
    parts = [f"{since}, {children(progress.children)} started this stage."]
    stated = [Stated("count", ("cohort",), progress.children)]
    for part, fact in _decided_parts(progress, aim, policy, hidden, withheld) + _overall_parts(progress, aim, policy,
                                                                                             hidden, withheld):
        parts.append(part)
        stated += fact
    parts.append(target)
    return Sentence(" ".join(parts), tuple(stated))


Part = tuple[str, list[Stated]]  # words, and the figures they state


def _started_too_few(count: int, policy: DisclosurePolicy, hidden: bool) -> Stated:
    """How many started, below the minimum: as a band when the count is hidden or small (a cohort shown as [c]
    is told only as the band "too few" implies), else as the count."""
    if hidden:
        return Stated("band", ("cohort",), policy.minimum, f"fewer than {count_words(policy.minimum)} children "
                      "started this stage")
    if policy.is_small(count):
        return Stated("band", ("cohort",), policy.threshold, f"{safe_children(count, policy)} started this stage")
    return Stated("count", ("cohort",), count, f"{children(count)} started this stage")


def _decided_parts(progress: AimProgress, aim: LocalAim, policy: DisclosurePolicy, hidden: frozenset[str],
                   withheld: frozenset[str]) -> list[Part]:
    """How many reached the end of the stage, and the share of them within the timescale."""
    decided = progress.decided
    decided_shown = not {"met", "late"} & hidden
    count = [Stated("count", ("met", "late"), decided)] if decided_shown else []
    if decided and policy.enough(decided) and HEADLINES[1] not in withheld:
        percent = format_percent(progress.percent_of_decided)
        share = f"{percent} did so within {aim.timescale}"
        fact = Stated("percent", ("met",), whole=("met", "late"), shown=percent)
        words = (f"{children(decided).capitalize()} reached the end of it; {share}." if decided_shown else
                 f"Of those who reached the end of it, {share}.")
        return [(words, count + [fact])]
    if decided and decided_shown:
        return [(f"{children(decided).capitalize()} reached the end of it.", count)]
    return []


def _overall_parts(progress: AimProgress, aim: LocalAim, policy: DisclosurePolicy, hidden: frozenset[str],
                   withheld: frozenset[str]) -> list[Part]:
    """The share within the timescale counting the children still waiting past it."""
    if not (progress.missed_waiting and policy.enough(progress.met + progress.missed) and HEADLINES[2] not in withheld):
        return []
    percent = format_percent(progress.percent_overall)
    facts = [Stated("percent", ("met",), whole=("met", "late", "waiting past"), shown=percent)]
    if "waiting past" in hidden:
        waiting = "the children"
    else:
        waiting = f"the {children(progress.missed_waiting)}"
        facts.insert(0, Stated("count", ("waiting past",), progress.missed_waiting))
    return [(f"Counting {waiting} still waiting past {aim.timescale}, it is {percent} overall.", facts)]


def too_few_stated(policy: DisclosurePolicy) -> Stated:
    """What `policy.too_few` tells a reader: the chart's children number 1 to minimum - 1."""
    return Stated("too few", (), policy.minimum,
                  f"There are fewer than {policy.minimum} children, too few to publish this chart")


def too_few(policy: DisclosurePolicy) -> Sentence:
    """The sentence in place of a chart or percentage about too few children."""
    return Sentence(policy.too_few, (too_few_stated(policy),))


def run_chart_sentence(figures: AimFigures, analysis: RunChartAnalysis, end_label: str) -> Sentence:
    points = figures.points
    if not points:
        return Sentence(f"No child has reached {end_label.lower()} yet, so there is nothing to chart.")
    first = analysis.phases[0]
    median = f"{first.median:g} weeks" if first.median is not None else "not known"
    lead = (f"{children(len(points)).capitalize()} reached {end_label.lower()} between "
            f"{format_month(points[0].reached)} and {format_month(points[-1].reached)}; the baseline median "
            f"of the first {first.baseline_points} was {median}.")
    lead += phases_sentence(analysis, figures)
    return Sentence(lead + _rules_in_words(figures, analysis), (Stated("count", ("reached",), len(points)),))


def _rules_in_words(figures: AimFigures, analysis: RunChartAnalysis) -> str:
    """What the run chart rules find, after the sentence's lead."""
    if not any(p.enough_points for p in analysis.phases):
        return " With fewer than 10 children on either side of the median, no run chart rule can be applied yet."
    signal = latest_signal(analysis)
    runs = [p for p in analysis.phases if p.enough_points and p.runs_signal]
    if signal is None and runs:
        return " There is no shift or trend, but " + runs_sentence(runs[-1], "dots")
    if signal is None:
        return (" The run chart rules find no shift, trend or runs signal: the variation is what we would "
                "expect by chance.")
    return " " + signal_sentence(signal, figures, analysis)


def phases_sentence(analysis: RunChartAnalysis, figures: AimFigures) -> str:
    """Each later phase's own median: after a sustained change, the centre line the chart now judges against."""
    text = ""
    for before, phase in zip(analysis.phases, analysis.phases[1:], strict=False):
        if phase.median is not None and before.median is not None:
            since = format_month(figures.points[phase.first - 1].reached)
            way = "down" if phase.median < before.median else "up"
            text += (f" A new phase began in {since}: its median is {phase.median:g} weeks, "
                     f"{way} from {before.median:g}.")
    return text


def signal_sentence(signal: Signal, figures: AimFigures, analysis: RunChartAnalysis) -> str:
    length = counted_points(analysis, signal)
    since = format_month(figures.points[signal.first - 1].reached)
    verdict = assess(signal, figures.aim.better)
    meaning = "an improvement" if verdict == "improvement" else "a deterioration"
    if signal.kind == "shift":
        side = "less" if signal.direction == "down" else "longer"
        median = _median_at(analysis, signal.first)
        side_text = (f"less than the median of {median:g} weeks" if side == "less"
                     else f"longer than the median of {median:g} weeks")
        on_median = " (not counting any exactly on the median)" if length < signal.last - signal.first + 1 else ""
        return (f"From {since}, {count_words(length)} children in a row waited {side_text}{on_median}. "
                f"Six or more in a row is a shift: {meaning} that is unlikely to be chance.")
    direction = "shorter" if signal.direction == "down" else "longer"
    return (f"From {since}, {count_words(length)} children in a row each waited {direction} than the one before. "
            f"Five or more is a trend: {meaning} that is unlikely to be chance.")


def _median_at(analysis: RunChartAnalysis, position: int) -> float:
    phase = next(p for p in analysis.phases if p.first <= position <= p.last)
    return phase.median or 0.0


def waiting_sentence(figures: AimFigures, start_label: str, policy: DisclosurePolicy, exact: bool = False) -> Sentence:
    """What the waiting chart shows, in words. `exact`: the chart is published, so its counts are public."""
    waiting = figures.waiting
    if not waiting and not figures.points:
        return Sentence(f"No child has reached {start_label.lower()} yet.")
    if not waiting:
        return Sentence(f"No child is waiting: every child who reached {start_label.lower()} has reached the end of "
                        "this stage.", (Stated("count", ("waiting",), 0),))
    if not policy.enough(len(waiting)):
        return too_few(policy)
    timescale = figures.aim.timescale
    before = any(not w.in_cohort for w in waiting)
    earlier = " (including children who started before the aim's cohort)" if before else ""
    text = (f"{children(len(waiting)).capitalize()} {'is' if len(waiting) == 1 else 'are'} still waiting{earlier}; "
            f"the longest has waited {waiting[0].weeks} weeks.")
    stated = [Stated("count", ("waiting",), len(waiting))]
    if timescale:
        past = sum(1 for w in waiting if w.days > figures.aim.limit_days)
        said = children(past) if exact else safe_children(past, policy)
        words = f"{said.capitalize()} {'has' if past == 1 else 'have'} waited longer than"
        text += f" {words} {timescale}."
        stated.append(Stated("count", ("past",), past) if exact or not policy.is_small(past) else
                      Stated("band", ("past",), policy.threshold, words))
    return Sentence(text, tuple(stated))


def stages_sentence(all_stages: tuple[StageYear, ...], labels: dict[str, str], policy: DisclosurePolicy) -> str:
    stages = [s for s in all_stages if policy.enough(s.children)]
    if not stages:
        return "No stage of the journey has been completed by enough children to publish yet."
    latest = max(s.year for s in stages)
    slowest = max((s for s in stages if s.year == latest), key=lambda s: s.median_weeks)
    return (f"In {slowest.years} the slowest stage was {labels[slowest.start].lower()} to "
            f"{labels[slowest.end].lower()}: "
            f"a median of {slowest.median_weeks:g} weeks for {children(slowest.children)}. "
            "Each line shows how the median time for one stage changed from year to year.")


def measure_sentence(points: list[MeasurePoint], analysis: RunChartAnalysis | None, aim: LocalAim, unit: str) -> str:
    latest = points[-1]
    text = f"The latest figure, for {format_month(latest.period)}, is {latest.value:g}{unit}"
    text += f" against an aim of {aim.target:g}{unit}." if aim.statement else "."
    if analysis is None:
        return text + (" This measure is cumulative: each month adds to the months before, so it cannot go down "
                       "by chance and the run chart rules (shift, trend, runs) do not apply.")
    median = analysis.phases[0].median
    if median is not None:
        text += f" The baseline median is {median:g}{unit}."
    if not any(p.enough_points for p in analysis.phases):
        return text + " With fewer than 10 points away from the median, no run chart rule can be applied yet."
    signal = latest_signal(analysis)
    runs = [p for p in analysis.phases if p.enough_points and p.runs_signal]
    if signal is not None:
        verdict = assess(signal, aim.better)
        return text + f" The run chart rules find a {signal.kind} ({verdict}), marked on the chart."
    if runs:
        return text + " The " + runs_sentence(runs[-1], "points")[4:]
    return text + (" The run chart rules find no shift, trend or runs signal: "
                   "the variation is what we would expect by chance.")


def runs_sentence(phase: PhaseAnalysis, things: str) -> str:
    """The Anhøj runs test in words, when it signals: "the runs test finds ..." (lower case, to follow a clause)."""
    if phase.crossings_limit is not None and phase.crossings < phase.crossings_limit:
        return (f"the runs test finds non-random variation: the {things} cross the median only {phase.crossings} "
                f"times, fewer than the {phase.crossings_limit} expected by chance.")
    return (f"the runs test finds non-random variation: {phase.longest_run} {things} in a row sit on one side of "
            f"the median, more than the {phase.longest_run_limit} expected by chance.")
