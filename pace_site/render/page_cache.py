"""The page cache: a page is rendered again only when something it is rendered from has changed.

A page's key is the digest (util/fingerprint.py) of its template's name, its output path, the whole context
its template is given, its chart blocks' figures and the theme (the tool's own templates are in every
key, see util/cache.py). So editing one newsletter renders that newsletter's pages and the pages whose
context holds it or its authority (its authority's pages and archive, the lists of newsletters, the
change ideas its authority tested), and nothing else: a template could show any part of what it is given.
The big objects many pages share (each authority, newsletter, poster, change idea and aim report) are
digested once per build and written into each page's key as their digest.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Any

from pace_site.model.content import Content
from pace_site.util.cache import digest
from pace_site.util.fingerprint import stable_digest


def shared_digests(content: Content, computed: Mapping[int, str]) -> dict[int, str]:
    """The digest of each newsletter, poster, authority and change idea, by id, with the aim reports'
    (`computed`); the parts first, so that an authority's digest is made from its newsletters' digests."""
    known = dict(computed)
    for authority in content.authorities:
        for part in (*authority.newsletters, authority.poster):
            if part is not None:
                known[id(part)] = stable_digest(part, known=known)
        known[id(authority)] = stable_digest(authority, known=known)
    for idea in content.change_ideas:
        known[id(idea)] = stable_digest(idea, known=known)
    return known


def page_key(theme: str, known: Mapping[int, str], template: str, path: str, context: dict[str, Any],
             *more: Any) -> str | None:
    """The key of a page rendered from `template` to `path` with `context` (and `more`, such as its figures)
    with the theme whose key is `theme` (BuildCache.theme_key); None when something in it cannot be digested,
    and the page is then always rendered."""
    try:
        return digest(theme, stable_digest(template, path, context, *more, known=known))
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
