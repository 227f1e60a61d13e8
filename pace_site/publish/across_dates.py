"""The audit across dates: one model of an aim over every date it is published at.

A reader puts an aim's publications together: each child is the same child at every date, a run chart at a
later date begins with the run chart of an earlier one (the same children, in the order they reached the
end), and the cohort, met, late, late and waiting past together, and the children reached only grow. Each
publication is read as on its own (audit.model_of); its variables are then tagged with its place in time,
except the run chart rows of a chart that begins the longest one: the same child's state is one choice at
every date. What a reader learns from earlier dates narrows a later figure, and a later run chart can settle
an earlier [c].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pace_site.model.disclosure import DisclosurePolicy
from pace_site.publish.audit import Finding, Publication, audit, audit_judgement, model_of
from pace_site.publish.constraints import KNOWN, Constraint, Model, Secret

LINK_DATES = True  # the tests switch it off to show what a reader learns that an audit date by date misses
GROWING = (("cohort",), ("met",), ("late",), ("late", "waiting past"), ("reached",))


def audit_dates(publications: Sequence[Publication], policy: DisclosurePolicy, first_leak_only: bool = False,
                only: Secret | None = None) -> list[Finding]:
    """Each hidden figure of an aim at every date in `publications` (in time order), judged from all of them."""
    if len(publications) == 1 or not LINK_DATES:
        return [f for p in publications for f in audit(p, policy, first_leak_only, only)]
    model, scopes = linked_model(publications, policy)
    findings = []
    for secret in model.secrets:
        if only is not None and secret != only:
            continue
        finding = audit_judgement(model, secret, policy, scopes[secret])
        findings.append(finding)
        if first_leak_only and not finding.protected:
            break
    return findings


def audit_latest(publications: Sequence[Publication], policy: DisclosurePolicy, first_leak_only: bool = False,
                 only: Secret | None = None) -> list[Finding]:
    """What the latest publication lets a reader narrow, its own figures and the earlier dates' (which it can
    settle too); with the dates not linked, its own alone, as each earlier one was judged when it was made."""
    if len(publications) == 1 or not LINK_DATES:
        return audit(publications[-1], policy, first_leak_only, only)
    return audit_dates(publications, policy, first_leak_only, only)


def untagged(variable: str) -> str:
    """A figure's own name ("met"), without the date it is tagged with in a model across dates."""
    return variable.partition(" ")[2] if variable.startswith("@") else variable


def linked_model(publications: Sequence[Publication], policy: DisclosurePolicy) -> tuple[Model, dict[Secret, str]]:
    merged, scopes = Model(), dict[Secret, str]()
    longest = max((_run_rows(p) for p in publications), key=len)
    for index, publication in enumerate(publications):
        model = model_of(publication, policy)
        rename = _renamer(f"@{index} ", _shared_run_prefix(publication, longest))
        for name, bound in model.variables.items():
            merged.variables[rename(name)] = min(bound, merged.variables.get(rename(name), bound))
        merged.constraints += [Constraint(c.source, tuple(sorted((rename(n), k) for n, k in c.terms)), c.low, c.high)
                               for c in model.constraints]
        for secret in model.secrets:
            tagged = Secret(rename(secret.variable), secret.shown_as, secret.where)
            merged.secrets.append(tagged)
            scopes[tagged] = publication.scope
    _growing(merged, publications)
    return merged, scopes


def _renamer(tag: str, shared: str | None) -> Callable[[str], str]:
    """A variable's name in the model across dates: tagged with its date, but a run chart row's choice named for
    the child (its place in the longest run chart) where its chart begins that one."""
    def rename(name: str) -> str:
        if shared is not None and name.startswith(shared):
            return "child " + name[len(shared):]
        return tag + name
    return rename


def _run_rows(publication: Publication) -> tuple[tuple[str, ...], ...]:
    """The published run chart's rows without their child numbers (month reached, weeks), if any."""
    rows = next((c.table_rows for c in publication.charts if c.kind == "run" and c.table_rows), ())
    return tuple(row[1:] for row in rows)


def _shared_run_prefix(publication: Publication, longest: tuple[tuple[str, ...], ...]) -> str | None:
    """The name prefix of the run chart's row choices (evidence.count_rows), when its rows begin the longest run
    chart's: then each row is the same child as there."""
    chart = next((c for c in publication.charts if c.kind == "run" and c.table_rows), None)
    rows = _run_rows(publication)
    if chart is None or longest[:len(rows)] != rows:
        return None
    return f"run {chart.id} "


def _growing(model: Model, publications: Sequence[Publication]) -> None:
    """Counts that never fall: at a later date they are at least what they were."""
    for earlier in range(len(publications)):
        later = earlier + 1
        if later == len(publications) or publications[later].as_at < publications[earlier].as_at:
            continue
        for names in GROWING:
            before, after = ([f"@{i} {name}" for name in names] for i in (earlier, later))
            if all(name in model.variables for name in before + after):
                model.add(KNOWN, {**dict.fromkeys(before, 1.0), **dict.fromkeys(after, -1.0)}, -1_000_000, 0)
