"""The built site in a real browser: navigation, search, dark mode, no outside requests,
no console errors and no serious accessibility violation (axe-core).

Fixtures (conftest.py) build the site once and serve it on 127.0.0.1; every test ends with
`assert_clean()`: no request to another host and no console error on any page it opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AXE, Visit

pytestmark = pytest.mark.browser

WAIT_MS = 15_000  # generous for a loaded 2-core machine; passing tests return at once
AA_TEXT = 4.5  # WCAG 2 AA contrast for normal-size text


@dataclass(frozen=True)
class Pages:
    """Representative pages, found in the built site rather than named in the tests."""

    text: str  # a text page with argument badges
    node: str  # a node page with sources and a way back to the text
    texts: tuple[str, ...]
    sections: tuple[str, ...]


def _slug(path: Path, root: Path) -> str:
    return path.parent.relative_to(root).as_posix() + "/"


@pytest.fixture(scope="session")
def pages(site_dir: Path) -> Pages:
    texts = sorted(site_dir.glob("text/*/index.html"))
    with_badges = [p for p in texts if "argmap-badge" in p.read_text(encoding="utf-8")]
    nodes = sorted(site_dir.glob("arguments/*/index.html"))
    rich = [p for p in nodes if all(mark in p.read_text(encoding="utf-8")
                                    for mark in ("argmap-sources", "argmap-to-text"))]
    assert with_badges, "no text page carries argument badges"
    assert rich, "no node page has both sources and a link back to the text"
    return Pages(
        _slug(with_badges[0], site_dir),
        _slug(rich[0], site_dir),
        tuple(_slug(p, site_dir) for p in texts),
        tuple(_slug(p, site_dir) for p in sorted(site_dir.glob("maps/*/index.html"))),
    )


_HREF = "a => a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')"


def _node_id(href: str) -> str:
    match = re.search(r"arguments/([^/#]+)/", href)
    assert match, f"not a node page link: {href}"
    return match.group(1)


# --- navigation -------------------------------------------------------------------------


def test_clicking_a_node_in_the_overview_opens_its_page(site: Visit) -> None:
    site.goto("maps/")
    # `[*|href]`: the link may be written as SVG 2 `href` or as `xlink:href`.
    link = site.page.locator("svg.argmap-diagram a[*|href*='arguments/']").first
    node = _node_id(link.evaluate(_HREF))
    # The reading script makes the first click focus the node (its neighbourhood lit, the
    # rest dimmed) and the second open its page; without JavaScript one click opens it.
    link.click()
    expect(site.page.locator("svg.argmap-diagram.argmap-has-selection")).to_have_count(1)
    link.click()
    site.page.wait_for_url(f"**/arguments/{node}/", timeout=WAIT_MS)
    expect(site.page.locator(f"h1#{node}")).to_be_visible()
    site.assert_clean()


def test_badge_leads_to_the_node_and_back_to_the_passage(site: Visit, pages: Pages) -> None:
    site.goto(pages.text)
    badge = site.page.locator("a.argmap-badge").first
    node = badge.get_attribute("data-argmap-node") or ""
    assert badge.get_attribute("id") == f"at-{node}"
    badge.click()
    site.page.wait_for_url(f"**/arguments/{node}/", timeout=WAIT_MS)
    expect(site.page.locator(f"h1#{node}")).to_be_visible()

    back = site.page.get_by_role("link", name="Read this passage in the text")
    back.click()
    site.page.wait_for_url(f"**/{pages.text}#at-{node}", timeout=WAIT_MS)
    anchor = site.page.locator(f"#at-{node}")
    expect(anchor).to_have_count(1)
    expect(anchor).to_be_in_viewport()
    assert site.page.evaluate("location.hash") == f"#at-{node}"
    # Instant navigation moves with pushState, which leaves :target unset; a reload (what a
    # shared link does) must make the passage the document's target.
    site.page.reload(wait_until="load")
    assert site.page.evaluate("document.querySelector(':target')?.id") == f"at-{node}"
    expect(anchor).to_be_in_viewport()
    site.assert_clean()


def test_search_finds_a_node_by_its_id(site: Visit, pages: Pages) -> None:
    node = _node_id(pages.node)
    site.goto("")
    box = site.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(node)
    hit = site.page.locator(f".md-search-result__item a[href*='arguments/{node}/']").first
    expect(hit).to_be_visible(timeout=WAIT_MS)
    hit.click()
    site.page.wait_for_url(f"**/arguments/{node}/**", timeout=WAIT_MS)
    expect(site.page.locator(f"h1#{node}")).to_be_visible()
    site.assert_clean()


# --- dark mode ----------------------------------------------------------------------------

# Every linked box of a diagram (a node, or a row of a section card): its text colours and
# the fill behind them, its own shape's or else the enclosing node's.
_NODE_COLOURS = """
svg => {
  const fills = el => [...el.querySelectorAll('path, polygon, ellipse')]
    .map(s => getComputedStyle(s).fill).filter(f => f !== 'none');
  return [...svg.querySelectorAll('g.node a')].filter(a => a.querySelector('text')).map(a => ({
    kind: a.querySelector('text').textContent.trim(),
    shape: fills(a)[0] || fills(a.closest('g.node'))[0] || null,
    texts: [...a.querySelectorAll('text')].map(t => getComputedStyle(t).fill),
  }));
}
"""


def _rgb(css: str) -> tuple[float, float, float]:
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css)
    assert match, f"not an opaque colour: {css}"
    assert match.group(4) in (None, "1"), f"translucent fill: {css}"
    r, g, b = (int(match.group(i)) / 255 for i in (1, 2, 3))
    return r, g, b


def _luminance(rgb: tuple[float, float, float]) -> float:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _check_diagram_contrast(visit: Visit, scheme: str) -> None:
    page = visit.page
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    nodes = page.locator("svg.argmap-diagram").first.evaluate(_NODE_COLOURS)
    assert len(nodes) > 5, "the overview shows almost no linked boxes"
    poor = []
    for node in nodes:
        assert node["shape"], f"the {node['kind']} box has no filled shape"
        poor += [f"{node['kind']}: text {t} on {node['shape']} = {contrast(t, node['shape']):.2f}"
                 for t in node["texts"] if contrast(t, node["shape"]) < AA_TEXT]
    assert not poor, f"node text below {AA_TEXT}:1 in the {scheme} scheme:\n" + "\n".join(
        sorted(set(poor)))
    kinds = {n["kind"] for n in nodes}
    assert len(kinds) >= 3, f"expected several kinds of box in the overview, got {kinds}"
    underlined = page.locator("svg.argmap-diagram").first.evaluate(
        "svg => [...svg.querySelectorAll('a')].filter("
        "a => getComputedStyle(a).textDecorationLine !== 'none').length")
    assert underlined == 0, "diagram labels are underlined like links in running text"


def test_diagram_text_is_legible_in_light_mode(site: Visit) -> None:
    site.goto("maps/")
    _check_diagram_contrast(site, "default")
    site.assert_clean()


def test_diagram_text_is_legible_when_the_system_prefers_dark(dark_site: Visit) -> None:
    dark_site.goto("maps/")
    _check_diagram_contrast(dark_site, "slate")
    # The shapes must follow the palette, not keep Graphviz's light presentation fills.
    fill = dark_site.page.locator("svg.argmap-diagram g.node").first.evaluate(
        "g => [...g.querySelectorAll('path, polygon, ellipse')].map(s => getComputedStyle(s)"
        ".fill).find(f => f !== 'none')")
    assert _luminance(_rgb(fill)) < 0.2, f"a diagram keeps its light fill {fill} in dark mode"
    dark_site.assert_clean()


def test_diagram_text_is_legible_after_the_palette_toggle(site: Visit) -> None:
    site.goto("maps/")
    site.page.locator("label[for='__palette_1']").click()
    _check_diagram_contrast(site, "slate")
    site.assert_clean()


# --- every page kind: no console error, no outside request -----------------------------


def test_every_kind_of_page_loads_cleanly(site: Visit, pages: Pages) -> None:
    for path in ("", "maps/", "arguments/", "references/", pages.node,
                 *pages.texts, *pages.sections):
        site.goto(path)
        expect(site.page.locator("h1").first).to_be_visible()
    site.assert_clean()


# --- accessibility -----------------------------------------------------------------------

_AXE_RUN = """
() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
})))
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["landing", "overview", "text", "node"])
def test_no_serious_accessibility_violation(request: pytest.FixtureRequest, pages: Pages,
                                            kind: str, scheme: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci` in tests/browser")
    visit: Visit = request.getfixturevalue("site" if scheme == "light" else "dark_site")
    path = {"landing": "", "overview": "maps/", "text": pages.text, "node": pages.node}[kind]
    visit.goto(path)
    visit.page.add_script_tag(path=str(AXE))
    violations = visit.page.evaluate(_AXE_RUN)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{path or '/'} ({scheme}):\n" + "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']} at {v['targets']}" for v in serious)
    visit.assert_clean()
