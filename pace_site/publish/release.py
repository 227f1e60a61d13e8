"""What disclosure control lets one aim publish, and how it changes when the audit finds a leak.

An aim starts with the Government Statistical Service's rule: small counts shown as [c], and
more counts until the hidden ones cannot be worked out by subtraction. Under `on_leak:
protect` a percentage whose parts are hidden is withheld too. Then the audit looks for what
a reader can still work out, and each leak it finds is closed the way the site's policy says:
a per-child chart that gives a count away is withheld (`per_child: withhold`) or the count is
shown openly, since the chart shows it anyway (`per_child: open`); a percentage that gives it
away is withheld; otherwise one more count is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pace_site.figures.metrics import AimProgress
from pace_site.model.disclosure import DisclosurePolicy, suppress
from pace_site.model.labels import HEADLINES, PROGRESS_PARTS

OF_DECIDED, OVERALL = HEADLINES[1], HEADLINES[2]
PERCENT_PARTS = {OF_DECIDED: {"met", "late"}, OVERALL: {"met", "late", "waiting past"}}
LABEL_OF = {variable: label for label, variable, _, _ in PROGRESS_PARTS} | {"cohort": "All children in the cohort"}


@dataclass(frozen=True)
class Release:
    hidden: frozenset[str]  # progress counts shown as [c]: "met", "late", "waiting past", "pending", "cohort"
    opened: frozenset[str] = frozenset()  # small counts shown because a per-child chart shows them anyway
    withheld_percents: frozenset[str] = frozenset()  # headline labels shown as [c] because they gave a [c] away
    percent_rule: bool = False  # also withhold every percentage whose parts are hidden
    progress: bool = True
    run_chart: bool = True
    waiting_chart: bool = True
    by_route: bool = True  # the aim's breakdown by route, where it has one
    actions: tuple[str, ...] = ()  # what the policy did, in words, for the disclosure report

    def did(self, action: str, **changes: Any) -> Release:
        return replace(self, actions=self.actions + (action,), **changes)

    @property
    def percents_withheld(self) -> frozenset[str]:
        by_rule = ({label for label, parts in PERCENT_PARTS.items() if parts & self.hidden}
                   if self.percent_rule else set())
        return self.withheld_percents | by_rule


def first_release(progress: AimProgress, policy: DisclosurePolicy) -> Release:
    hidden = suppress(progress.categories(), policy)
    return Release(frozenset(name for name, small in hidden.items() if small), percent_rule=policy.protects)


def remedies(release: Release, variable: str, culprits: tuple[str, ...], progress: AimProgress,
             policy: DisclosurePolicy) -> list[Release]:
    """The ways to close a leak of `variable`, least lost first. Under `per_child: open` a count that a
    per-child chart gives away is shown (the chart shows it anyway); then: withhold the percentages that
    gave it away; hide one more count; under `per_child: withhold`, withhold the per-child chart."""
    said = " ".join(culprits)
    if release.by_route and "by-route table" in said:  # a breakdown beside the aim's own figures: the first to go
        return [release.did("breakdown by route withheld: it would give away a figure shown as [c]", by_route=False)]
    per_child = [_per_child(release, chart, name, variable, policy)
                 for chart, published, name in (("run_chart", release.run_chart, "run chart"),
                                                ("waiting_chart", release.waiting_chart, "waiting chart"))
                 if published and name in said]
    options = per_child if policy.per_child == "open" else []  # open: what a per-child chart shows is public
    percents = frozenset(label for label in PERCENT_PARTS if label in said) - release.percents_withheld
    if percents:
        options.append(release.did(f"withheld {', '.join(sorted(percents))}: with the counts it would give away a [c]",
                                   withheld_percents=release.withheld_percents | percents))
    more = _suppress_more(release, progress)
    if more is not None:
        options.append(more)
    options += per_child if policy.per_child != "open" else []
    return options or [withhold_everything(release)]


def _per_child(release: Release, chart: str, name: str, variable: str, policy: DisclosurePolicy) -> Release:
    if policy.per_child == "open" and variable in release.hidden:
        label = LABEL_OF.get(variable, variable)
        return release.did(f"'{label}' shown, not [c]: the {name} shows each child, so it shows this count",
                           hidden=release.hidden - {variable}, opened=release.opened | {variable})
    return release.did(f"{name} withheld: counting its children would give away a figure shown as [c]",
                       **{chart: False})


def _suppress_more(release: Release, progress: AimProgress) -> Release | None:
    """One more count hidden (the smallest shown), so that the hidden ones cannot be told apart."""
    counts = progress.categories()
    candidates = sorted((count, name) for name, count in counts.items()
                        if count and name not in release.hidden | release.opened)
    if candidates:
        name = candidates[0][1]
        return release.did(f"'{LABEL_OF[name]}' also shown as [c], so that the others cannot be worked out",
                           hidden=release.hidden | {name})
    if "cohort" not in release.hidden and progress.children:  # [c] is 1 or more: a total of none is never [c]
        return release.did("the cohort's total also shown as [c]", hidden=release.hidden | {"cohort"})
    return None


def withhold_everything(release: Release) -> Release:
    """The last resort: no figure about the aim's children but the sentence that says why."""
    return release.did("progress, run chart and waiting chart withheld: no safe way to publish them",
                       progress=False, run_chart=False, waiting_chart=False, by_route=False,
                       withheld_percents=frozenset(PERCENT_PARTS))
