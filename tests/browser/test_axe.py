"""axe-core finds no WCAG 2.2 A or AA violation on any page type, and does find one on a broken page."""

from __future__ import annotations

import pytest
from browser_support import PageType, assert_no_axe_violations, axe_violations, open_page


def test_no_axe_violations(axe_page, site_url: str, page_type: PageType) -> None:
    open_page(axe_page, site_url + page_type.path)
    # axe skips what is hidden: open every <details> so the charts' data tables are checked too.
    axe_page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert_no_axe_violations(axe_page)


def test_axe_check_fails_on_a_broken_page(axe_page, fixtures_url: str) -> None:
    """The same check, on a page with an image without alt text, must fail: proof the check can fail."""
    open_page(axe_page, fixtures_url + "broken.html")
    assert "image-alt" in [v["id"] for v in axe_violations(axe_page)]
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(axe_page)
