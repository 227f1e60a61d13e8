"""The change ideas library: words (in the ideas' text, not only titles), national aim, theme, authority,
community and status narrow the list; each list's counts follow the other choices; the choices live in
the address, so a reload or a shared link opens the same list."""

from __future__ import annotations

import re

from browser_support import open_page


def visible_titles(page) -> set[str]:  # type: ignore[no-untyped-def]
    return set(page.eval_on_selector_all(".idea[data-slug]:not([hidden]) > a",
                                         "links => links.map(a => a.textContent.trim())"))


def option_count(page, select: str, value: str) -> int:  # type: ignore[no-untyped-def]
    text = page.eval_on_selector(f"{select} option[value='{value}']", "o => o.textContent")
    return int(re.search(r"\((\d+)\)$", text).group(1))


def test_filtering_change_ideas(page, site_url: str) -> None:
    open_page(page, site_url + "change-ideas/", charts=False)
    everything = visible_titles(page)
    count = page.locator("[data-filter-count]")
    assert count.inner_text().startswith(f"Showing {len(everything)} of {len(everything)}")
    page.select_option("#idea-theme", "legal")
    page.fill("#idea-search", "advice")
    legal_advice = visible_titles(page)
    assert legal_advice and legal_advice < everything
    assert count.inner_text() == f"Showing {len(legal_advice)} of {len(everything)} change ideas."
    page.fill("#idea-search", "no idea has these words")
    assert visible_titles(page) == set()
    assert page.locator("[data-filter-empty]").is_visible()
    page.fill("#idea-search", "")
    page.select_option("#idea-theme", "")
    page.select_option("#idea-authority", "highland")
    highland = visible_titles(page)
    assert "A set agenda for the 72-hour planning meeting" in highland and highland < everything


def test_the_text_search_reads_the_ideas_text_not_only_titles(page, site_url: str) -> None:
    open_page(page, site_url + "change-ideas/", charts=False)
    page.fill("#idea-search", "SCRA")
    found = visible_titles(page)
    assert "Two weeks' notice to the Reporter of babies likely to be accommodated at birth" in found
    assert not any("SCRA" in title for title in found), "the match is in the idea's text, not its title"
    page.fill("#idea-search", "")
    page.select_option("#idea-theme", "kinship-care")
    kinship_theme = visible_titles(page)
    page.select_option("#idea-theme", "")
    page.fill("#idea-search", "kinship")
    assert len(kinship_theme) >= 6 and kinship_theme <= visible_titles(page)
    assert option_count(page, "#idea-theme", "kinship-care") == len(kinship_theme)


def test_aim_and_status_narrow_the_list_and_survive_a_reload(page, site_url: str) -> None:
    open_page(page, site_url + "change-ideas/", charts=False)
    everything = visible_titles(page)
    adopted_anywhere = option_count(page, "#idea-status", "adopted")
    page.select_option("#idea-aim", "3")
    aim_3 = visible_titles(page)
    assert aim_3 and aim_3 < everything
    adopted_in_aim_3 = option_count(page, "#idea-status", "adopted")
    assert adopted_in_aim_3 < adopted_anywhere, "the status counts follow the aim chosen"
    page.select_option("#idea-status", "adopted")
    narrowed = visible_titles(page)
    assert narrowed and narrowed < aim_3 and len(narrowed) == adopted_in_aim_3
    assert "aim=3" in page.url and "status=adopted" in page.url
    page.reload()
    page.wait_for_selector("[data-idea-filter]:not([hidden])")
    assert page.input_value("#idea-aim") == "3" and page.input_value("#idea-status") == "adopted"
    assert visible_titles(page) == narrowed
    # A shared address opens the same list.
    page.goto(site_url + "change-ideas/?aim=3&status=adopted&community=islands")
    page.wait_for_selector("[data-idea-filter]:not([hidden])")
    assert visible_titles(page) <= narrowed and page.input_value("#idea-community") == "islands"


def test_an_unknown_choice_in_the_address_is_ignored(page, site_url: str) -> None:
    page.goto(site_url + "change-ideas/?aim=%3Cscript%3E&status=nonsense")
    page.wait_for_selector("[data-idea-filter]:not([hidden])")
    assert page.input_value("#idea-aim") == "" and page.input_value("#idea-status") == ""
    assert page.locator("[data-filter-empty]").is_hidden()


def test_the_filter_is_hidden_without_javascript(no_js_page, site_url: str) -> None:
    open_page(no_js_page, site_url + "change-ideas/", charts=False)
    assert not no_js_page.locator("[data-idea-filter]").is_visible()
    assert no_js_page.locator(".idea[data-slug]").count() > 60
