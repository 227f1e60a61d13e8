"""Keyboard use on every page type: skip link first, every control reached in order, no trap, focus visible."""

from __future__ import annotations

from browser_support import FOCUS_LOG, FOCUS_SETUP, FOCUS_STYLES, PageType, open_page

EXTRA_TABS = 5  # presses beyond the number of focusable elements, to see that focus leaves the page


def tab_through(page, count: int) -> dict:
    """Press Tab `count` times; return what got focus, in order (recorded by FOCUS_SETUP's listener)."""
    for _ in range(count):
        page.keyboard.press("Tab")
    return page.evaluate(FOCUS_LOG)


def test_keyboard(page, site_url: str, page_type: PageType) -> None:
    open_page(page, site_url + page_type.path)
    page.evaluate("() => window.scrollTo(0, 0)")
    setup = page.evaluate(FOCUS_SETUP)
    expected: list[str] = setup["expected"]
    assert not setup["positive"], f"positive tabindex changes the focus order: {setup['positive']}"
    assert expected, "nothing on the page can take focus"

    # Tab through the whole page.
    state = tab_through(page, len(expected) + 1)
    log, names = state["log"], state["names"]
    assert names, "the first Tab focused nothing"
    assert names[0].startswith("a.skip-link"), f"the first Tab focused {names[0]}, not the skip link"

    # Every tabbable element, in DOM order, each once: no trap (in the charts or anywhere else).
    reached = log[:len(expected)]
    problems = []
    for position, (got, want) in enumerate(zip(reached, range(len(expected)), strict=False)):
        if got != want:
            seen_before = got in reached[:position]
            problems.append(f"Tab {position + 1} focused {names[position]}"
                            + (" again (a keyboard trap?)" if seen_before else "")
                            + f"; expected {expected[want]}")
            break
    if len(reached) < len(expected):
        problems.append(f"focus stopped after {len(reached)} of {len(expected)} elements, on {state['active']}; "
                        f"never reached {expected[len(reached)]}")
    assert not problems, "\n".join(problems + ["focus order:"] + [f"  {n}" for n in names])

    # After the last element focus leaves the page (or wraps round to the start): it is not held.
    after = names[len(expected):]
    assert all(n == "(body)" or n == names[0] for n in after) or not after, (
        f"after the last element focus went to {after}")

    # Every element shows that it has focus.
    styles = page.evaluate(FOCUS_STYLES)
    invisible = [s for s in styles if not s["changed"]]
    assert not invisible, "no visible focus style on:\n" + "\n".join(
        f"  {s['name']}: {s['focused']}" for s in invisible)

    # The skip link moves focus into main, and the next Tab goes to main's first control.
    page.evaluate("() => document.querySelector('a.skip-link').focus()")
    page.keyboard.press("Enter")
    where = page.evaluate("""() => { const main = document.getElementById('main-content');
        return { inMain: !!main && main.contains(document.activeElement),
                 active: document.activeElement.outerHTML.slice(0, 80) }; }""")
    assert where["inMain"], f"activating the skip link left focus on {where['active']}"
    first_in_main = next((i for i, inside in enumerate(setup["inMain"]) if inside), None)
    if first_in_main is not None:
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_LOG)
        assert state["activeIndex"] == first_in_main, (
            f"Tab after the skip link focused {state['active']}, not {expected[first_in_main]}")


def test_chart_data_tables_open_from_the_keyboard(page, site_url: str, page_type: PageType) -> None:
    """Enter on a chart's "Show the data" summary opens it; Tab then reaches the table's scroll region."""
    open_page(page, site_url + page_type.path)
    if page.locator("main details.chart__data > summary").count() == 0:
        return  # no chart tables on this page type
    page.evaluate("() => document.querySelector('main details.chart__data > summary').focus()")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('main details.chart__data').open"), (
        "Enter did not open the details")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement, details = document.querySelector('main details.chart__data');
        const s = getComputedStyle(el),
          before = [s.backgroundColor, s.boxShadow, s.outlineStyle, s.outlineColor].join();
        const inside = details.contains(el) && el.localName !== 'summary';
        el.blur();
        const t = getComputedStyle(el), after = [t.backgroundColor, t.boxShadow, t.outlineStyle, t.outlineColor].join();
        return { inside, name: el.outerHTML.slice(0, 100), role: el.getAttribute('role'),
                 label: el.getAttribute('aria-label'), visible: before !== after }; }""")
    assert focused["inside"], f"Tab after opening the table went to {focused['name']}"
    assert focused["role"] == "region" and focused["label"], f"the table's scroll region has no name: {focused['name']}"
    assert focused["visible"], f"no visible focus style on {focused['name']}"
