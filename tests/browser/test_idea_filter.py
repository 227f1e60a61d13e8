"""The change ideas filter: words, theme, authority and status narrow the list, and say how many remain."""

from __future__ import annotations

from browser_support import open_page


def visible_titles(page) -> set[str]:  # type: ignore[no-untyped-def]
    return set(page.eval_on_selector_all(".idea[data-slug]:not([hidden]) > a", "links => links.map(a => a.textContent.trim())"))


def test_filtering_change_ideas(page, site_url: str) -> None:
    open_page(page, site_url + "change-ideas/", charts=False)
    everything = visible_titles(page)
    assert page.locator("[data-filter-count]").inner_text().startswith(f"Showing {len(everything)} of {len(everything)}")
    page.select_option("#idea-theme", "legal")
    page.fill("#idea-search", "advice")
    legal_advice = visible_titles(page)
    assert legal_advice and legal_advice < everything
    assert all("advice" in title.lower() for title in legal_advice)
    assert page.locator("[data-filter-count]").inner_text() == f"Showing {len(legal_advice)} of {len(everything)} change ideas."
    page.fill("#idea-search", "no idea has this title")
    assert visible_titles(page) == set()
    assert page.locator("[data-filter-empty]").is_visible()
    page.fill("#idea-search", "")
    page.select_option("#idea-theme", "")
    page.select_option("#idea-authority", "highland")
    highland = visible_titles(page)
    assert "A set agenda for the 72-hour planning meeting" in highland and highland < everything


def test_the_filter_is_hidden_without_javascript(no_js_page, site_url: str) -> None:
    open_page(no_js_page, site_url + "change-ideas/", charts=False)
    assert not no_js_page.locator("[data-idea-filter]").is_visible()
    assert no_js_page.locator(".idea[data-slug]").count() > 60
