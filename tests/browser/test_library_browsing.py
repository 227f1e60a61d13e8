"""With scripts off, a reader reaches every change idea from the plain lists by aim, theme, authority and
community, and every community's page from the communities list."""

from __future__ import annotations

from pathlib import Path

from browser_support import open_page

LISTS = ("aims", "themes", "authorities", "communities")


def hrefs(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(selector, "links => links.map(a => a.href)")


def test_every_change_idea_is_reachable_without_javascript(no_js_page, site_url: str, built_site: Path) -> None:
    ideas = {p.parent.name for p in (built_site / "change-ideas").glob("*/index.html")} - {"browse"}
    open_page(no_js_page, site_url + "change-ideas/", charts=False)
    no_js_page.get_by_role("link", name="Browse change ideas by national aim, theme, authority or community").click()
    lists = [h for h in hrefs(no_js_page, "main a") if any(f"/change-ideas/{kind}/" in h for kind in LISTS)]
    reached: dict[str, set[str]] = {kind: set() for kind in LISTS}
    for address in lists:
        open_page(no_js_page, address, charts=False)
        kind = address.split("/change-ideas/")[1].split("/")[0]
        reached[kind] |= {h.rstrip("/").rsplit("/", 1)[1] for h in hrefs(no_js_page, "main .idea-list .idea > a")}
    assert all(reached.values()), f"every kind of list is linked: {[k for k, v in reached.items() if not v]}"
    assert set().union(*reached.values()) == ideas
    assert reached["aims"] == ideas


def test_every_community_has_a_page_reachable_without_javascript(no_js_page, site_url: str) -> None:
    open_page(no_js_page, site_url, charts=False)
    no_js_page.locator("nav[aria-label=Main]").get_by_role("link", name="Communities").click()
    pages = hrefs(no_js_page, "main .card a")
    assert {p.rstrip("/").rsplit("/", 1)[1] for p in pages} == {"islands", "data-leads"}
    for address in pages:
        open_page(no_js_page, address, charts=False)
        assert no_js_page.locator("main table caption").count() >= 1, f"{address} shows aims side by side"
        assert no_js_page.locator("main h2#shared-ideas").is_visible()
