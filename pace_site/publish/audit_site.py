"""The audit over the whole site: every aim, as at every date, with every page that shows it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from pace_site.model.chart import Chart
from pace_site.model.content import Content
from pace_site.model.disclosure import DisclosurePolicy
from pace_site.publish.across_dates import audit_dates
from pace_site.publish.audit import Finding, Publication, into_row, stage_row_label
from pace_site.publish.national import NationalAimOverview, overview_cells
from pace_site.publish.report import AuthorityReports
from pace_site.util.cache import BuildCache, digest

Scope = tuple[str, date, str]  # authority slug, as-at date, aim id


def audit_site(policy: DisclosurePolicy, published: list[tuple[str, Publication]],
               cache: BuildCache | None = None, keys: dict[str, str] | None = None, jobs: int = 0) -> list[Finding]:
    """Every hidden figure on the site (`published`: publications(), each with its authority's slug),
    with the values a reader can narrow it to.

    With a cache, an authority's findings are reused only when everything it publishes is identical
    (`keys`: published_keys); those not in it are found over `jobs` workers."""
    if not policy.enabled:
        return []

    def audit_all(own: list[Publication]) -> list[Finding]:
        return [finding for dates in by_aim(own) for finding in audit_dates(dates, policy)]

    grouped = by_authority(published)
    if cache and keys:
        cache.fill("audits", {keys[slug]: own for slug, own in grouped.items()}, audit_all, jobs)
    return [finding for slug, own in grouped.items()
            for finding in (cache.remember("audits", keys[slug], partial(audit_all, own)) if cache and keys
                            else audit_all(own))]


def published_keys(published: list[tuple[str, Publication]], inputs: dict[str, str]) -> dict[str, str]:
    """For each authority: its inputs (`inputs`: its reports' cache key) and every chart, sentence and overview
    cell of every page that shows its figures (chart blocks in other files included). What a reader sees is
    what is audited: the key is all of it."""
    return {slug: digest(inputs[slug], repr(own)) for slug, own in by_authority(published).items()}


def by_aim(own: list[Publication]) -> list[list[Publication]]:
    """An authority's publications aim by aim, each in time order: a reader puts an aim's dates together. A chart
    block's date of its own is judged on its own, as the protect loop made it (not yet linked: README)."""
    found: dict[str, list[Publication]] = {}
    for publication in own:
        if not publication.alone:
            found.setdefault(publication.aim.id, []).append(publication)
    return [sorted(dates, key=lambda p: p.as_at) for dates in found.values()] + [[p] for p in own if p.alone]


def by_authority(published: list[tuple[str, Publication]]) -> dict[str, list[Publication]]:
    found: dict[str, list[Publication]] = {}
    for slug, publication in published:
        found.setdefault(slug, []).append(publication)
    return found


def publications(content: Content, reports: dict[str, AuthorityReports],
                 overview: tuple[NationalAimOverview, ...]) -> list[tuple[str, Publication]]:
    """Everything published about each aim as at each date, with its authority's slug, authority by authority."""
    found: dict[Scope, Publication] = {}
    for authority in content.authorities:
        authority_reports = reports[authority.slug]
        for group in authority_reports.groups():
            alone = group is authority_reports.extra
            for report in group:
                if report.figures is not None:
                    _merge(found, authority.slug, Publication(authority.name, report.aim, report.as_at, report.charts,
                                                              report.progress_lines, alone=alone))
        for report in authority_reports.current:
            stage = stage_row_label(content.config, report.aim)
            key = (authority.slug, report.as_at, report.aim.id)
            if stage and authority_reports.stages and key in found:
                found[key] = replace(found[key], stages=(authority_reports.stages, stage),
                                     into=into_row(content.config, report.aim, authority_reports.complete))
    policy = content.config.disclosure
    for national in overview:
        for row in national.rows:
            key = (row.authority.slug, row.report.as_at, row.report.aim.id)
            if key in found:
                found[key] = replace(found[key], overview=tuple(overview_cells(row, policy).items()))
    return [(scope[0], publication) for scope, publication in found.items()]


def _merge(found: dict[Scope, Publication], slug: str, publication: Publication) -> None:
    """The same aim at the same date on several pages: a reader can put their figures together."""
    key = (slug, publication.as_at, publication.aim.id)
    if key not in found:
        found[key] = publication
        return
    known = found[key]
    charts: tuple[Chart, ...] = known.charts + tuple(c for c in publication.charts if c not in known.charts)
    headlines = known.headlines + tuple(h for h in publication.headlines if h not in known.headlines)
    found[key] = replace(known, charts=charts, headlines=headlines, alone=known.alone and publication.alone)
