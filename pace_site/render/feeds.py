"""Atom 1.0 feeds of newsletters: one for the site, one per authority.

Two builds must be byte-identical, so nothing here depends on the time of the build: a feed is
`updated` at the date of its newest newsletter, and an entry at its newsletter's date.
With the site's `url:` every link and id is absolute. Without it, links are relative to the
feed (Atom resolves them against the feed's own address) and ids are tag: URIs (RFC 4151) made
from the site's contact address and a date that does not change.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from pace_site.model.content import Authority, Content, SiteConfig
from pace_site.model.output_file import OutputFile
from pace_site.read.issues import Issue, authority_issues, latest_issues
from pace_site.render.render import relative_url

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "newsletters/feed.xml"
# Characters XML 1.0 forbids (a YAML "\x01" escape can write them): ElementTree would write them as they are.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TAG_EMAIL = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")  # RFC 4151's emailAddress


@dataclass(frozen=True)
class Feed:
    path: str
    title: str
    page: str  # the HTML page the feed is the newsletters of
    issues: tuple[Issue, ...]
    since: date  # a date the feed existed by, for its tag: id; never changes as issues are added


def authority_feed_path(slug: str) -> str:
    return f"authorities/{slug}/newsletters/feed.xml"


def site_feed(content: Content) -> Feed:
    since = min((a.joined for a in content.authorities), default=content.config.as_at)
    return Feed(SITE_FEED, f"{content.config.title}: newsletters", "newsletters/index.html",
                tuple(latest_issues(content)), since)


def authority_feed(content: Content, authority: Authority) -> Feed:
    return Feed(authority_feed_path(authority.slug), f"{authority.name} PACE newsletters",
                f"authorities/{authority.slug}/newsletters/index.html", tuple(authority_issues(authority)),
                authority.joined)


def all_feeds(content: Content) -> list[Feed]:
    """The site's feed and one per authority, even before its first issue, so that people can subscribe to it."""
    return [site_feed(content)] + [authority_feed(content, a) for a in content.authorities]


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's head announces it: only its title and path, so that a page does not change (nor
    is rendered again, render/page_cache.py) when an issue is added to a feed it only links to."""

    title: str
    path: str


def page_feeds(content: Content, page_path: str, site_wide: Feed | None = None) -> list[FeedLink]:
    """The feeds a page announces in its head: the site's (`site_wide`, when already made), and on an
    authority's pages its own."""
    feeds = [site_wide or site_feed(content)]
    parts = page_path.split("/")
    authority = content.authority(parts[1]) if parts[0] == "authorities" and len(parts) > 2 else None
    feeds += [authority_feed(content, authority)] if authority else []
    return [FeedLink(feed.title, feed.path) for feed in feeds]


def feed_files(content: Content) -> list[OutputFile]:
    return [OutputFile(feed.path, atom_xml(feed, content.config), "newsletter feed") for feed in all_feeds(content)]


def atom_xml(feed: Feed, config: SiteConfig) -> bytes:
    root = ET.Element("feed", xmlns=ATOM)
    _text(root, "id", _id(config, feed.since, _page_address(feed.page)))
    _text(root, "title", feed.title)
    _text(root, "updated", _timestamp(max((i.newsletter.date for i in feed.issues), default=feed.since)))
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=_href(config, feed.path, feed.path))
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=_href(config, feed.path, feed.page))
    _text(ET.SubElement(root, "author"), "name", config.title)
    for issue in feed.issues:
        root.append(_entry(issue, feed, config))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)  # bytes for any encoding but "unicode"
    return document + b"\n"


def _entry(issue: Issue, feed: Feed, config: SiteConfig) -> ET.Element:
    newsletter = issue.newsletter
    entry = ET.Element("entry")
    _text(entry, "id", _id(config, newsletter.date, _page_address(issue.path)))
    _text(entry, "title", newsletter.title)
    _text(entry, "updated", _timestamp(newsletter.date))
    _text(ET.SubElement(entry, "author"), "name", issue.authority.name)
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=_href(config, feed.path, issue.path))
    _text(entry, "summary", newsletter.summary or f"{issue.authority.name} PACE newsletter, issue {issue.number}, "
                                                  f"{newsletter.date:%B %Y}.")
    return entry


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = NOT_XML.sub("", text)


def _timestamp(day: date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"


def _page_address(path: str) -> str:
    """A page's address from the site root: `authorities/x/newsletters/`, without index.html."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def _href(config: SiteConfig, feed_path: str, target: str) -> str:
    if config.url:
        return config.url + _page_address(target)
    return relative_url(feed_path, target)


def _id(config: SiteConfig, since: date, address: str) -> str:
    """The absolute address when the site has one; else a tag: URI, or without a contact a name-based UUID."""
    if config.url:
        return config.url + address
    if TAG_EMAIL.match(config.contact):
        return f"tag:{config.contact},{since:%Y-%m-%d}:/{address}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"pace-site:{config.title}:{address}").urn
