"""Site-wide search with Pagefind: the address carries the query, results say what kind of page they
are, the library's facets are search filters, the page's Content-Security-Policy holds, and without
JavaScript the page says how to browse instead."""

from __future__ import annotations

from browser_support import assert_no_axe_violations, open_page

RESULTS = ".pagefind-ui__result"


def result_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(f"{RESULTS}-title a", "links => links.map(a => a.textContent.trim())")


def load_all_results(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.wait_for_selector(RESULTS)
    while page.locator(".pagefind-ui__button").count():
        before = page.locator(RESULTS).count()
        page.locator(".pagefind-ui__button").click()
        page.wait_for_function(f"n => document.querySelectorAll('{RESULTS}').length > n", arg=before)
    return result_titles(page)


def test_a_search_address_opens_with_its_results(page, site_url: str) -> None:
    errors: list[str] = []
    page.on("console",
            lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    open_page(page, site_url + "search/?q=SCRA", charts=False)
    page.wait_for_selector(RESULTS)
    titles = result_titles(page)
    assert "Change idea: Two weeks' notice to the Reporter of babies likely to be accommodated at birth" in titles
    link = page.locator(f"{RESULTS}-title a").first.get_attribute("href")
    assert link and link.startswith("/change-ideas/")
    assert page.input_value(".pagefind-ui__search-input") == "SCRA"
    assert errors == [], "the Content-Security-Policy blocked something the search needs"


def test_kinship_finds_change_ideas_and_learning_points(page, site_url: str) -> None:
    open_page(page, site_url + "search/?q=kinship", charts=False)
    titles = load_all_results(page)
    assert sum(t.startswith("Change idea: ") for t in titles) >= 6
    assert any(t.startswith("Learning point: ") for t in titles)


def test_the_facets_are_search_filters(page, site_url: str) -> None:
    open_page(page, site_url + "search/?q=kinship", charts=False)
    page.wait_for_selector(RESULTS)
    page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__filter-name').length >= 6")
    filters = page.eval_on_selector_all(".pagefind-ui__filter-name", "names => names.map(n => n.textContent.trim())")
    assert {"kind", "aim", "theme", "authority", "community", "status"} <= {f.lower() for f in filters}
    everything = len(load_all_results(page))
    page.locator(".pagefind-ui__filter-name", has_text="kind").click()
    page.locator(".pagefind-ui__filter-label", has_text="Learning point").click()
    page.wait_for_function(
        """n => {
          const titles = [...document.querySelectorAll('.pagefind-ui__result-title a')].map(a => a.textContent.trim());
          return titles.length > 0 && titles.length < n && titles.every(t => t.startsWith('Learning point: '));
        }""",
        arg=everything)
    assert page.locator(".pagefind-ui__filter-label", has_text="Learning point").count() == 1
    assert page.url.endswith("/search/?q=kinship&kind=Learning+point")
    learning = result_titles(page)
    page.reload()
    page.wait_for_function(
        """n => {
          const titles = [...document.querySelectorAll('.pagefind-ui__result-title a')].map(a => a.textContent.trim());
          return titles.length === n && titles.every(t => t.startsWith('Learning point: '));
        }""",
        arg=len(learning))


def test_typing_keeps_the_query_in_the_address(page, site_url: str) -> None:
    open_page(page, site_url + "search/", charts=False)
    page.wait_for_selector(".pagefind-ui__search-input")
    page.fill(".pagefind-ui__search-input", "panel")
    page.wait_for_selector(RESULTS)
    assert page.url.endswith("/search/?q=panel")


def test_without_javascript_the_search_page_says_how_to_browse(no_js_page, site_url: str) -> None:
    open_page(no_js_page, site_url + "search/", charts=False)
    text = no_js_page.locator("main").inner_text()
    assert "Search needs JavaScript" in text
    for label in ("Change ideas", "Key learning", "Glossary", "Authorities", "Communities"):
        assert no_js_page.locator("main nav a", has_text=label).count() >= 1


def test_search_results_and_the_filtered_library_have_no_axe_violations(axe_page, site_url: str) -> None:
    open_page(axe_page, site_url + "search/?q=kinship", charts=False)
    axe_page.wait_for_selector(RESULTS)
    axe_page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__filter-name').length >= 6")
    axe_page.locator(".pagefind-ui__filter-name", has_text="theme").click()
    axe_page.locator(".pagefind-ui__filter-label", has_text="Kinship care").wait_for(state="visible")
    # Results render in two steps (placeholders, then each result's text): check the settled page.
    axe_page.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')")
    assert_no_axe_violations(axe_page)
    open_page(axe_page, site_url + "change-ideas/?aim=3&status=adopted", charts=False)
    axe_page.wait_for_selector("[data-idea-filter]:not([hidden])")
    assert_no_axe_violations(axe_page)
