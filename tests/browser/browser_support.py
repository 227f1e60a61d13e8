"""Helpers shared by the browser tests: page types, waiting for charts, axe-core, keyboard."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


# --- Page types --------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageType:
    name: str  # the path pattern, e.g. "authorities/*/poster"; "home" for the front page
    path: str  # the first built page of that pattern, e.g. "authorities/eastburgh/poster/index.html"

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.replace("*", "x").lower()).strip("-")


def _parts(path: str) -> tuple[str, ...]:
    parts = tuple(path.split("/"))
    return parts[:-1] if parts[-1] == "index.html" else parts


def page_types(site: Path) -> list[PageType]:
    """One page per path pattern. A folder name is a wildcard unless it recurs under most of its
    parent's look-alikes (so `authorities/eastburgh/poster` and `authorities/selkie-isles/poster` are both
    `authorities/*/poster`, and every change idea is `change-ideas/*`). Top-level folders stay apart."""
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.relative_to(site).parts[0] != "assets")
    prefixes = {parts[:n] for parts in map(_parts, paths) for n in range(1, len(parts) + 1)}
    patterns: dict[tuple[str, ...], tuple[str, ...]] = {(): ()}

    def pattern(prefix: tuple[str, ...]) -> tuple[str, ...]:
        if prefix not in patterns:
            if len(prefix) == 1:
                patterns[prefix] = prefix
            else:
                parent = pattern(prefix[:-1])
                alike = [p for p in prefixes if len(p) == len(prefix) - 1 and pattern(p) == parent]
                holders = [p for p in alike if p + prefix[-1:] in prefixes]
                literal = len(holders) >= 2 and 2 * len(holders) >= len(alike)
                patterns[prefix] = parent + (prefix[-1] if literal else "*",)
        return patterns[prefix]

    first: dict[str, str] = {}
    for path in paths:
        first.setdefault("/".join(pattern(_parts(path))) or "home", path)
    return [PageType(name, path) for name, path in sorted(first.items(), key=lambda item: item[1].count("/"))]


# --- Loading pages -----------------------------------------------------------------------------

CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-figure]')].every(e => e.querySelector('svg.main-svg'))"""


def wait_for_charts(page: Any, timeout_ms: float = 10_000) -> bool:
    """Wait until Plotly has drawn every chart on the page (or give up after the timeout)."""
    try:
        page.wait_for_function(CHARTS_DRAWN, timeout=timeout_ms)
        return True
    except Exception:
        return False


def open_page(page: Any, url: str, charts: bool = True) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response.status if response else 'nothing'}"
    if charts:
        wait_for_charts(page)


# --- axe-core ----------------------------------------------------------------------------------

def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (scripts/test.sh does)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    return result["violations"]


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}  [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def assert_no_axe_violations(page: Any) -> None:
    violations = axe_violations(page)
    if violations:
        message = format_violations(page.url, violations)
        print(message)
        raise AssertionError(message)


# --- Keyboard ----------------------------------------------------------------------------------

FOCUS_SETUP = r"""() => {
  const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, summary, '
    + '[tabindex], [contenteditable="true"], audio[controls], video[controls]';
  const shown = el => el.checkVisibility({ checkVisibilityCSS: true }) && el.getClientRects().length > 0;
  const tabbable = el => {
    if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return false;
    if (el.localName === 'summary' && !(el.parentElement && el.parentElement.localName === 'details'
        && el.parentElement.querySelector(':scope > summary') === el)) return false;
    return shown(el);
  };
  const describe = el => {
    if (!el || el === document.body || el === document.documentElement) return '(body)';
    let text = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return el.localName + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '')
      + (text ? ' "' + text + '"' : '');
  };
  const style = el => {
    const s = getComputedStyle(el);
    const transparent = c => /rgba\(.*,\s*0\)$/.test(c) || c === 'transparent';
    const outline = (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 || transparent(s.outlineColor))
      ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
    return { outline, boxShadow: s.boxShadow, background: s.backgroundColor, color: s.color,
             decoration: s.textDecorationLine + ' ' + s.textDecorationThickness,
             border: s.borderColor + ' ' + s.borderWidth };
  };
  const all = [...document.querySelectorAll(selector)];
  const positive = all.filter(el => el.tabIndex > 0).map(describe);
  const expected = all.filter(tabbable);
  const main = document.getElementById('main-content') || document.querySelector('main');
  window.__kb = { expected, log: [], styles: [], describe, style };
  document.addEventListener('focusin', event => {
    window.__kb.log.push(event.target);
    window.__kb.styles.push(style(event.target));
  }, true);
  return { expected: expected.map(describe), inMain: expected.map(el => !!main && main.contains(el)), positive };
}"""

FOCUS_LOG = r"""() => {
  const kb = window.__kb;
  return { log: kb.log.map(el => kb.expected.indexOf(el)), names: kb.log.map(kb.describe),
           active: kb.describe(document.activeElement), activeIndex: kb.expected.indexOf(document.activeElement) };
}"""

# For each element that got focus: its style while focused against its style after blur.
FOCUS_STYLES = r"""() => {
  const kb = window.__kb;
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  const seen = new Set();
  const result = [];
  kb.log.forEach((el, i) => {
    if (seen.has(el)) return;
    seen.add(el);
    const focused = kb.styles[i], rest = kb.style(el);
    const changed = Object.keys(focused).filter(k => focused[k] !== rest[k]);
    result.push({ name: kb.describe(el), changed, focused, rest });
  });
  return result;
}"""
