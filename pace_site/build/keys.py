"""What each cached computation is keyed by (util/cache.py): an authority's reports, the national figures, and
each aim report's digest for the page cache (render/page_cache.py)."""

from __future__ import annotations

from pace_site.model.content import Content
from pace_site.publish.report import AuthorityReports, report_inputs
from pace_site.util.cache import BuildCache, digest
from pace_site.util.fingerprint import stable_digest


def report_keys(content: Content, cache: BuildCache) -> dict[str, str]:
    """Each authority's reports' cache key: its data, site.yml, and the authority as its reports read it."""
    return {a.slug: cache.reports_key(a.slug, stable_digest(report_inputs(a))) for a in content.authorities}


def national_key(content: Content, cache: BuildCache, keys: dict[str, str], seen: dict[str, str]) -> str:
    """The national figures are made from all the data, each authority's name, date of joining and reports,
    and audited against everything every authority publishes (`seen`: audit_site.published_keys)."""
    authorities = repr([(a.slug, a.name, a.joined, keys[a.slug], seen.get(a.slug, "")) for a in content.authorities])
    return digest(cache.data_key(), authorities)


def report_digests(reports: dict[str, AuthorityReports], keys: dict[str, str]) -> dict[int, str]:
    """Each aim report's digest for the page cache, by id: from its authority's key and its place (a report
    is made from exactly that key's inputs), or, for a chart block's report, from its content."""
    if not keys:
        return {}
    found = {}
    for slug, authority in reports.items():
        made = (authority.current, authority.poster, *authority.newsletters.values())
        for group_number, group in enumerate(made):
            for number, report in enumerate(group):
                found[id(report)] = digest(keys[slug], str(group_number), str(number))
        for report in authority.extra:
            found[id(report)] = stable_digest(report)
    return found
