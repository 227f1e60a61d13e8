"""Loading the site configuration, `content/site.yml`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pace_site.model.content import Choice, Milestone, NationalAim, SiteConfig
from pace_site.model.disclosure import ON_LEAK_POLICIES, PER_CHILD_POLICIES, DisclosurePolicy
from pace_site.model.errors import Problems
from pace_site.read import schema
from pace_site.read.fields import Fields
from pace_site.read.sourcefile import read_yaml_file

CONFIG_NAME = "site.yml"
AGE_BAND = re.compile(r"^(\d{1,2})(?:-(\d{1,2})|\+)$")


def load_config(content_dir: Path, problems: Problems) -> SiteConfig | None:
    """Read site.yml; return None (with problems recorded) when it cannot be used."""
    path = content_dir / CONFIG_NAME
    if not path.is_file():
        problems.add(path, None, f"the site configuration is missing: expected a file {CONFIG_NAME} in {content_dir}")
        return None
    located = read_yaml_file(path, problems)
    if located is None:
        return None
    if not isinstance(located.data, dict):
        problems.add(path, 1, "expected the site configuration to be 'field: value' lines")
        return None
    schema.check(located, schema.SITE, problems)
    fields = Fields(located, problems)
    milestones = _milestones(fields)
    config = SiteConfig(
        title=fields.text("title"),
        description=fields.text("description", required=False),
        as_at=fields.date("as_at") or date.today(),
        contact=fields.text("contact", required=False),
        milestones=milestones,
        national_aims=_national_aims(fields, {m.id for m in milestones}),
        communities=_choices(fields, "communities", "name"),
        routes=_choices(fields, "routes", "label"),
        age_bands=_age_bands(fields),
        themes=_choices(fields, "themes", "label"),
        disclosure=_disclosure(fields),
        example=fields.flag("example"),
        url=_site_url(fields),
    )
    return config


def _disclosure(fields: Fields) -> DisclosurePolicy:
    """`disclosure: {threshold: 5, minimum: 5}`, or `disclosure: off`; on by default."""
    if fields.values.get("disclosure") is False or fields.values.get("disclosure") == "off":
        return DisclosurePolicy(enabled=False)
    settings = fields.sub("disclosure")
    if settings is None:
        return DisclosurePolicy()
    threshold = int(settings.number("threshold", 2, 100, required=False) or 5)
    minimum = int(settings.number("minimum", 1, 100, required=False) or 5)
    if minimum < threshold:
        settings.problem("minimum", f"expected 'minimum' to be at least the threshold ({threshold}): a chart about "
                                    "fewer children would show a count that the threshold suppresses")
    per_child = settings.choice("per_child", PER_CHILD_POLICIES, "per-child policy", required=False) or "withhold"
    on_leak = settings.choice("on_leak", ON_LEAK_POLICIES, "leak policy", required=False) or "protect"
    return DisclosurePolicy(threshold, max(minimum, threshold), per_child=per_child, on_leak=on_leak)


def age_band_range(band: str) -> tuple[int, int | None] | None:
    """The first and last whole years of age in a band written `5-11` or `16+` (None: open-ended)."""
    match = AGE_BAND.match(band)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _age_bands(fields: Fields) -> tuple[str, ...]:
    """`age_bands: [0-4, 5-11, 12-15, 16+]`: in order of age, with no overlap."""
    bands: list[str] = []
    previous_end = -1
    for index, band in fields.text_list("age_bands"):
        span = age_band_range(band)
        if span is None or (span[1] is not None and span[1] < span[0]):
            fields.problems.add(fields.source.path, fields.source.line("age_bands", index),
                                "expected each age band to be written like "
                                f"'5-11' or '16+' (item {index + 1} of 'age_bands')")
        elif span[0] <= previous_end:
            fields.problems.add(fields.source.path, fields.source.line("age_bands", index),
                                "expected the age bands in order of age, without "
                                f"overlapping (item {index + 1} of 'age_bands')")
        else:
            bands.append(band)
            previous_end = span[1] if span[1] is not None else 10_000
    return tuple(bands)


def _site_url(fields: Fields) -> str:
    """`url: https://pace.example.org/reports/`: where the site is published (for feeds and e-mail), with a final /."""
    url = fields.text("url", required=False)
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment or " " in url:
        fields.problem("url", "expected 'url' to be the site's address, such as https://pace.example.org/, "
                              f"found '{url}'")
        return ""
    return url if url.endswith("/") else url + "/"


def _milestones(fields: Fields) -> tuple[Milestone, ...]:
    milestones = []
    for item in fields.items("milestones", required=True):
        milestone_id, label = item.text("id"), item.text("label")
        if milestone_id:
            milestones.append(Milestone(milestone_id, label or milestone_id))
    _refuse_duplicates(fields, "milestones", [m.id for m in milestones])
    return tuple(milestones)


def _national_aims(fields: Fields, milestone_ids: set[str]) -> tuple[NationalAim, ...]:
    aims = []
    for item in fields.items("national_aims", required=True):
        number = item.number("id", 1, 99)
        start = item.choice("start", milestone_ids, "milestone", required=False)
        end = item.choice("end", milestone_ids, "milestone", required=False)
        if number is not None:
            aims.append(NationalAim(int(number), item.text("title"), item.text("statement", required=False),
                                    start, end))
    _refuse_duplicates(fields, "national_aims", [str(a.id) for a in aims])
    return tuple(aims)


def _choices(fields: Fields, key: str, label_key: str) -> tuple[Choice, ...]:
    chosen = []
    for item in fields.items(key):
        choice_id = item.text("id")
        if choice_id:
            chosen.append(Choice(choice_id, item.text(label_key) or choice_id))
    _refuse_duplicates(fields, key, [c.id for c in chosen])
    return tuple(chosen)


def _refuse_duplicates(fields: Fields, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            fields.problem(key, f"the id '{item_id}' appears twice in '{key}': each id must be unique")
        seen.add(item_id)
