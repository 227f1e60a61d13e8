"""The compute stage: each authority's reports with disclosure control, the national overview and figures, the audit."""

from __future__ import annotations

from dataclasses import dataclass, field

from pace_site.build.keys import national_key, report_digests, report_keys
from pace_site.build.reading import Site
from pace_site.figures.pdsa import with_tests_of_change
from pace_site.model.chart import Chart
from pace_site.model.content import Authority
from pace_site.model.errors import DisclosureLeak
from pace_site.publish.audit import Finding
from pace_site.publish.audit_site import audit_site, publications, published_keys
from pace_site.publish.national import NationalAimOverview, national_overview
from pace_site.publish.placed_figures import PlacedFigure, placed_figures, with_block_reports
from pace_site.publish.pooled_report import NationalFigures, national_figures
from pace_site.publish.report import AuthorityReports, authority_reports
from pace_site.util.cache import BuildCache


@dataclass(frozen=True)
class Computed:
    reports: dict[str, AuthorityReports]
    overview: tuple[NationalAimOverview, ...]
    audit: tuple[Finding, ...] = ()  # every hidden figure and what a reader can narrow it to
    figures: dict[str, tuple[PlacedFigure, ...]] = field(default_factory=dict)  # chart blocks' charts, by file
    national: tuple[NationalFigures, ...] = ()  # each national aim pooled across authorities
    # each aim report's digest, by id (util/fingerprint.py)
    digests: dict[int, str] = field(default_factory=dict, compare=False)
    keys: dict[str, str] = field(default_factory=dict, compare=False)  # each authority's reports' cache key

    def charts(self) -> list[Chart]:
        """Every chart on the site: the national overview's and figures, then each authority's."""
        found: list[Chart] = self.national_charts()
        for slug in self.reports:
            found += self.authority_charts(slug, extra=True)
        return found

    def national_charts(self) -> list[Chart]:
        return ([chart for aim in self.overview for chart in aim.charts]
                + [chart for figures in self.national for chart in figures.charts])

    def authority_charts(self, slug: str, extra: bool) -> list[Chart]:
        """An authority's charts; `extra`: with those its chart blocks add (not made from its key's inputs)."""
        authority = self.reports[slug]
        groups = authority.groups() if extra else authority.groups()[:-1]  # extra is the last group
        found = [chart for group in groups for report in group for chart in report.charts]
        return found + ([authority.stages] if authority.stages else []) + list(authority.other_measures)

    def disclosure_report(self) -> tuple[str, ...]:
        """What disclosure control withheld, and where (by the chart's CSV, else its id)."""
        return tuple(f"{chart.csv_path or chart.id}: {what}" for chart in self.charts() for what in chart.suppressed)


def compute(site: Site, cache: BuildCache | None = None, jobs: int = 0) -> Computed:
    """Each authority's reports, its audit and the national figures come from the cache only when what they
    are made from is identical (util/cache.py). With a cache, reports not in it are made over `jobs` workers."""
    keys = report_keys(site.content, cache) if cache else {}

    def make(authority: Authority) -> AuthorityReports:
        return authority_reports(with_tests_of_change(authority), site.data[authority.slug], site.content.config)

    def reports_of(authority: Authority) -> AuthorityReports:
        return cache.remember("reports", keys[authority.slug], lambda: make(authority)) if cache else make(authority)

    if cache:
        cache.fill("reports", {keys[a.slug]: a for a in site.content.authorities}, make, jobs)

    reports = with_block_reports(site.content, site.data, {a.slug: reports_of(a) for a in site.content.authorities})
    overview = national_overview(site.content, reports)
    published = publications(site.content, reports, overview)

    def pooled() -> tuple[NationalFigures, ...]:
        return national_figures(site.content, site.data, reports, tuple(p for _, p in published), jobs)

    seen = published_keys(published, keys) if cache else {}  # each authority: everything a reader sees of it
    national = cache.remember("national", national_key(site.content, cache, keys, seen), pooled) if cache else pooled()
    findings = (tuple(audit_site(site.content.config.disclosure, published, cache, seen, jobs))
                + tuple(f for n in national for f in n.findings))
    return Computed(reports, overview, findings, placed_figures(site.content, reports, overview, national), national,
                    report_digests(reports, keys), keys)


def raise_if_leaks(findings: tuple[Finding, ...]) -> None:
    """Nothing is published while a reader could work out a figure the site hides."""
    found = [f for f in findings if not f.protected]
    if found:
        raise DisclosureLeak([str(f) for f in found])
