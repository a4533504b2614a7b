"""Reading the map in a browser: pan and zoom, selection, filters and search on the maps; the
map panel beside the text; phones (375 px, touch); print media and the print edition.

The site that conftest.py builds once is copied here and served on its own port, with two
changes to the copy only: its sitemap points at the served address (Material's instant
navigation only follows URLs listed in the sitemap, with the site's own path), and, while
mkdocs.yml does not list them yet, the interactive stylesheets and script are linked into
each page the way MkDocs would link them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.browser.conftest import AXE, HOST, ROOT

pytestmark = pytest.mark.browser

WAIT_MS = 15_000
ASSETS_CSS = ("argmap-interactive.css", "argmap-print.css")
ASSETS_JS = ("argmap-interactive.js",)
SECTION_MAP = "maps/introduction/"  # a section map with several node types
OVERVIEW = "maps/"
PRINT = "print/"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WIDE = {"width": 1600, "height": 1000}


def _href(link: Locator) -> str:
    """Diagram links carry xlink:href (see argmap/svg.py), HTML links href."""
    return link.get_attribute("href") or link.get_attribute("xlink:href") or ""


# --- the served copy -----------------------------------------------------------------------


def _link_assets(site: Path) -> None:
    """Link the interactive assets into every page, as `extra_css`/`extra_javascript` do."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        css = re.search(r'<link rel="stylesheet" href="([^"]*)assets/argmap/argmap\.css">', html)
        js = re.search(r'<script src="([^"]*)assets/argmap/argmap\.js"></script>', html)
        if css is None or js is None or "argmap-interactive.js" in html:
            continue
        prefix = css.group(1)
        links = "".join(
            f'<link rel="stylesheet" href="{prefix}assets/argmap/{n}">' for n in ASSETS_CSS
        )
        scripts = "".join(f'<script src="{prefix}assets/argmap/{n}"></script>' for n in ASSETS_JS)
        html = html.replace(css.group(0), css.group(0) + links, 1)
        html = html.replace(js.group(0), js.group(0) + scripts, 1)
        page.write_text(html, encoding="utf-8")


def _point_sitemap(site: Path, base: str) -> None:
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    first = re.search(r"<loc>([^<]*)</loc>", text)
    if first is None:
        return
    root = first.group(1)  # the home page is listed first
    text = text.replace(f"<loc>{root}", f"<loc>{base}")
    sitemap.write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8")))


@dataclass(frozen=True)
class Served:
    dir: Path
    base: str
    linked_by_mkdocs: bool  # mkdocs.yml lists the interactive assets


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Silent: the browser records what matters."""


@pytest.fixture(scope="module")
def served(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    copy = tmp_path_factory.mktemp("interactive") / "site"
    shutil.copytree(site_dir, copy)
    home = (copy / "index.html").read_text(encoding="utf-8")
    linked = all(name in home for name in ASSETS_CSS + ASSETS_JS)
    handler = functools.partial(_Quiet, directory=str(copy))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    base = f"http://{HOST}:{server.server_port}/"
    _link_assets(copy)
    _point_sitemap(copy, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(copy, base, linked)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Tab:
    base: str
    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)  # uncaught errors raised by our script

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None, path
        assert response.ok, path
        self.page.wait_for_function("() => typeof window.argmapInteractive === 'function'")

    def path(self) -> str:
        return self.page.url.removeprefix(self.base)

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def assert_clean(self) -> None:
        assert not self.errors, "errors from argmap-interactive.js:\n" + "\n".join(self.errors)


@pytest.fixture
def open_tab(browser: Browser, served: Served) -> Iterator[Any]:
    contexts: list[BrowserContext] = []

    def make(viewport: dict[str, int] = DESKTOP, *, touch: bool = False, scheme: str = "light",
             script: bool = True) -> Tab:
        context = browser.new_context(
            viewport=viewport,  # type: ignore[arg-type]
            has_touch=touch,
            is_mobile=touch,
            color_scheme=scheme,  # type: ignore[arg-type]
            java_script_enabled=script,
        )
        contexts.append(context)
        # Nothing leaves 127.0.0.1 (Material asks GitHub for repository facts).
        context.route("**/*", lambda route: route.continue_()
                      if urlsplit(route.request.url).hostname == HOST
                      else route.abort("blockedbyclient"))
        page = context.new_page()
        tab = Tab(served.base, context, page)

        def on_error(exc: Exception) -> None:
            stack = getattr(exc, "stack", "") or str(exc)
            if "argmap-interactive" in stack or "argmap.js" in stack:
                tab.errors.append(stack)

        page.on("pageerror", on_error)
        return tab

    yield make
    for context in contexts:
        context.close()


# --- helpers -------------------------------------------------------------------------------

_NODE_IDS = """figure => [...figure.querySelectorAll('g.node a[*|href*="arguments/"]')]
  .map(a => ((a.getAttribute('href')
        || a.getAttribute('xlink:href')).match(/arguments\\/([^/]+)\\//) || [])[1])"""

_SVG_BOX = """figure => { const s = figure.querySelector('svg.argmap-diagram');
  const v = figure.querySelector('.argmap-viewport'); const r = s.getBoundingClientRect();
  return {w: r.width, h: r.height, left: v.scrollLeft, top: v.scrollTop,
          vw: v.clientWidth, vh: v.clientHeight, vbw: s.viewBox.baseVal.width}; }"""


def node_link(page: Page, node: str, scope: str = "article") -> Any:
    return page.locator(f"{scope} svg.argmap-diagram g.node a[*|href*='arguments/{node}/']").first


def figure(page: Page, scope: str = "article") -> Any:
    return page.locator(f"{scope} figure.argmap-zoomable").first


def box(page: Page, scope: str = "article") -> dict[str, float]:
    result: dict[str, float] = figure(page, scope).evaluate(_SVG_BOX)
    return result


def outline_neighbours(page: Page, node: str) -> set[str]:
    """Neighbours of a node according to the text outline printed beside the diagram."""
    pairs: list[list[str]] = page.evaluate("""() => {
      const id = a => ((a.getAttribute('href')
        || a.getAttribute('xlink:href')).match(/arguments\\/([^/]+)\\//) || [])[1];
      const out = [];
      document.querySelectorAll('.argmap-outline li > :is(span, strong) > a').forEach(a => {
        const li = a.closest('li');
        li.querySelectorAll(':scope > ul > li a[href*="arguments/"]').forEach(b => {
          out.push([id(a), id(b)]);
        });
      });
      return out; }""")
    return {b for a, b in pairs if a == node} | {a for a, b in pairs if b == node}


# --- the assets ----------------------------------------------------------------------------


def test_mkdocs_yml_lists_the_interactive_assets(served: Served) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    missing = [f"assets/argmap/{n}" for n in ASSETS_CSS + ASSETS_JS
               if f"assets/argmap/{n}" not in config]
    assert not missing, f"add to mkdocs.yml (extra_css / extra_javascript): {missing}"
    assert served.linked_by_mkdocs
    for name in ASSETS_CSS + ASSETS_JS:
        assert (served.dir / "assets" / "argmap" / name).stat().st_size > 500


# --- maps: without the script ----------------------------------------------------------------


def test_without_script_the_static_map_and_its_links_work(open_tab: Any) -> None:
    tab: Tab = open_tab(script=False)
    tab.page.goto(tab.base + SECTION_MAP)
    page = tab.page
    expect(page.locator(".argmap-toolbar")).to_have_count(0)
    expect(page.locator("article figure.argmap-figure svg.argmap-diagram")).to_have_count(1)
    link = page.locator("article svg.argmap-diagram g.node a[*|href*='arguments/']").first
    href = _href(link)
    node = re.search(r"arguments/([^/]+)/", href)
    assert node
    link.click()
    page.wait_for_url(f"**/arguments/{node.group(1)}/", timeout=WAIT_MS)


# --- maps: controls ----------------------------------------------------------------------------


def test_controls_are_labelled_buttons_and_links_stay(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    fig = figure(page)
    for name in ("Zoom in", "Zoom out", "Fit the whole map in view"):
        expect(fig.get_by_role("button", name=name)).to_be_visible()
    expect(fig.get_by_role("toolbar", name="Map controls")).to_be_visible()
    expect(fig.get_by_label("Find")).to_be_visible()
    status = fig.locator(".argmap-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("role") == "status"
    types = set(fig.evaluate("""f => [...f.querySelectorAll('g.node')].flatMap(g =>
        [...g.classList].filter(c => /^argmap-node-[a-z]+$/.test(c)).map(c => c.slice(12)))"""))
    chips = set(fig.locator(".argmap-chip input").evaluate_all("es => es.map(e => e.value)"))
    assert len(types) > 1
    assert chips == types
    nodes = fig.evaluate(_NODE_IDS)
    options = fig.locator("datalist option").count()
    assert options >= len(set(nodes)) > 3
    # The viewport is a keyboard stop with a name that explains the keys.
    viewport = fig.locator(".argmap-viewport")
    assert viewport.get_attribute("tabindex") == "0"
    assert "plus and minus" in (viewport.get_attribute("aria-label") or "")
    tab.assert_clean()


def test_the_starting_view_is_legible(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(OVERVIEW)
    smallest = figure(tab.page).evaluate("""f => Math.min(...[...f.querySelectorAll(
        'svg.argmap-diagram g.node text')].filter(t => t.textContent.trim())
        .map(t => t.getBoundingClientRect().height))""")
    assert smallest >= 9, f"the smallest box text is {smallest:.1f}px tall"
    tab.assert_clean()


def test_zoom_with_buttons_keys_and_wheel(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    fig = figure(page)
    start = box(page)["w"]
    fig.get_by_role("button", name="Zoom in").click()
    bigger = box(page)["w"]
    assert bigger > start * 1.2
    fig.get_by_role("button", name="Zoom out").click()
    assert box(page)["w"] == pytest.approx(start, rel=0.02)

    fig.locator(".argmap-viewport").focus()
    page.keyboard.press("+")
    assert box(page)["w"] > start * 1.2
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert box(page)["w"] < start
    page.keyboard.press("0")
    fitted = box(page)
    assert fitted["w"] <= fitted["vw"] + 1
    assert fitted["h"] <= fitted["vh"] + 1
    assert "Whole map in view" in fig.locator(".argmap-status").inner_text()
    fig.get_by_role("button", name="Fit the whole map in view").click()
    assert box(page)["w"] == pytest.approx(fitted["w"], rel=0.01)

    # The wheel zooms where the pointer is, once the map has focus (or with Ctrl).
    vp = fig.locator(".argmap-viewport").bounding_box()
    assert vp
    page.mouse.move(vp["x"] + vp["width"] / 3, vp["y"] + vp["height"] / 2)
    before = box(page)["w"]
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(100)
    assert box(page)["w"] > before * 1.5
    tab.assert_clean()


def test_the_wheel_scrolls_the_page_until_the_map_is_chosen(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    fig = figure(page)
    page.locator("h1").first.click()  # focus elsewhere
    vp = fig.locator(".argmap-viewport").bounding_box()
    assert vp
    page.mouse.move(vp["x"] + 50, vp["y"] + 50)
    before = box(page)["w"]
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(150)
    assert box(page)["w"] == pytest.approx(before)
    expect(fig.locator(".argmap-hint")).to_have_class(re.compile("argmap-hint-on"))
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    assert box(page)["w"] > before * 1.2
    tab.assert_clean()


def test_dragging_pans_without_following_links(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    start = box(page)
    assert start["w"] > start["vw"], "the section map should be wider than its view"
    link = node_link(page, "intro-urgency")
    link.scroll_into_view_if_needed()
    start = box(page)
    where = link.bounding_box()
    assert where
    x, y = where["x"] + where["width"] / 2, where["y"] + where["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 60, y - 10, steps=4)
    page.mouse.move(x - 160, y - 20, steps=4)
    page.mouse.up()
    after = box(page)
    assert after["left"] - start["left"] == pytest.approx(160, abs=30)
    assert tab.path() == SECTION_MAP  # the drag started on a box but did not open it
    expect(page.locator("article svg .argmap-selected")).to_have_count(0)
    # Arrow keys move too.
    figure(page).locator(".argmap-viewport").focus()
    page.keyboard.press("ArrowLeft")
    assert box(page)["left"] < after["left"]
    tab.assert_clean()


# --- maps: selection -------------------------------------------------------------------------


def test_clicking_a_box_selects_it_and_its_neighbours_then_opens_it(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    node = "intro-urgency"
    expected = outline_neighbours(page, node)
    assert expected, "the outline names no neighbour of the chosen node"
    link = node_link(page, node)
    link.click()
    assert tab.path() == SECTION_MAP
    svg = page.locator("article svg.argmap-diagram")
    expect(svg).to_have_class(re.compile("argmap-has-selection"))
    selected = svg.locator("g.argmap-selected a").evaluate_all(
        "as => as.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))")
    assert len(selected) == 1
    assert f"arguments/{node}/" in selected[0]
    near = set(svg.evaluate("""s => [...s.querySelectorAll('g.node.argmap-near a[*|href]')]
        .map(a => ((a.getAttribute('href')
        || a.getAttribute('xlink:href')).match(/arguments\\/([^/]+)\\//) || [])[1])"""))
    assert expected <= near, f"missing neighbours {expected - near}"
    assert svg.locator("g.edge.argmap-near").count() >= len(expected)
    # Everything else is dimmed (but still there).
    dim = svg.locator("g.node:not(.argmap-selected):not(.argmap-near)").first
    expect(dim).to_have_css("opacity", re.compile(r"0\.[0-4]\d*$"))  # after its transition
    status = figure(page).locator(".argmap-status")
    title = page.evaluate(f"""() => document.querySelector(
        'article g.node a[*|href*="arguments/{node}/"] title').textContent.split(' — ')[0]""")
    expect(status).to_contain_text(title)
    expect(status).to_contain_text("again to open")
    # A second activation follows the link.
    link.click()
    page.wait_for_url(f"**/arguments/{node}/", timeout=WAIT_MS)
    tab.assert_clean()


def test_keyboard_enter_selects_escape_clears_enter_again_opens(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    node = "intro-urgency"
    link = node_link(page, node)
    link.focus()
    page.keyboard.press("Enter")
    assert tab.path() == SECTION_MAP
    expect(page.locator("article svg g.argmap-selected")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator("article svg g.argmap-selected")).to_have_count(0)
    expect(figure(page).locator(".argmap-status")).to_contain_text("cleared")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/arguments/{node}/", timeout=WAIT_MS)
    tab.assert_clean()


def test_focus_is_visible(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    fig = figure(page)
    zoom_in = fig.get_by_role("button", name="Zoom in")
    zoom_in.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus: :focus-visible applies
    assert zoom_in.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    viewport = fig.locator(".argmap-viewport")
    viewport.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('argmap-viewport')") or \
        page.evaluate("!!document.activeElement.closest('.argmap-toolbar')")
    tab.assert_clean()


# --- maps: filter and find ------------------------------------------------------------------------


def test_filtering_a_type_hides_its_boxes_and_their_edges(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    fig = figure(page)
    visible_edges = "f => [...f.querySelectorAll('g.edge')].filter(g => g.getBBox().width > 0 " \
                    "&& getComputedStyle(g).display !== 'none').length"
    edges = fig.evaluate(visible_edges)
    premises = fig.locator("g.node.argmap-node-premise")
    assert premises.count() > 0
    chip = fig.locator(".argmap-chip input[value='premise']")
    chip.uncheck()
    assert all(not premises.nth(i).is_visible() for i in range(premises.count()))
    assert fig.evaluate(visible_edges) < edges
    expect(fig.locator("g.node.argmap-node-claim").first).to_be_visible()
    expect(fig.locator(".argmap-status")).to_contain_text("Showing")
    chip.check()
    assert premises.first.is_visible()
    assert fig.evaluate(visible_edges) == edges
    tab.assert_clean()


def test_find_a_node_by_id_or_title(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    page = tab.page
    fig = figure(page)
    find = fig.get_by_label("Find")
    status = fig.locator(".argmap-status")

    find.fill("intro-thesis")
    find.press("Enter")
    expect(fig.locator("g.argmap-selected")).to_have_count(1)
    assert "intro-thesis" in _href(fig.locator("g.argmap-selected a"))
    expect(status).to_contain_text("intro-thesis")
    assert page.evaluate("!!document.activeElement.closest('g.argmap-selected')")
    assert fig.locator("g.argmap-selected").is_visible()
    assert page.evaluate("""() => { const a = document.querySelector('g.argmap-selected a');
        const r = a.getBoundingClientRect(); const v = a.closest('.argmap-viewport')
        .getBoundingClientRect(); return r.left >= v.left && r.right <= v.right
        && r.top >= v.top && r.bottom <= v.bottom; }""")

    title = fig.locator("datalist option").nth(2).get_attribute("value") or ""
    find.fill(title.upper()[:12])  # words of a title, any case
    find.press("Enter")
    expect(status).to_contain_text("selected")

    find.fill("no such node anywhere")
    find.press("Enter")
    expect(status).to_contain_text("No box on this map matches")
    tab.assert_clean()


def test_a_hidden_type_is_shown_again_when_found(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto(SECTION_MAP)
    fig = figure(tab.page)
    fig.locator(".argmap-chip input[value='thesis']").uncheck()
    fig.get_by_label("Find").fill("intro-thesis")
    fig.get_by_label("Find").press("Enter")
    expect(fig.locator(".argmap-chip input[value='thesis']")).to_be_checked()
    expect(fig.locator("g.argmap-selected")).to_be_visible()
    tab.assert_clean()


def test_node_pages_get_the_same_controls(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto("arguments/intro-urgency/")
    fig = figure(tab.page)
    expect(fig.get_by_role("button", name="Zoom in")).to_be_visible()
    # The legend (no links) stays a plain picture.
    tab.goto(OVERVIEW)
    assert tab.page.locator("figure.argmap-figure").count() > \
        tab.page.locator("figure.argmap-zoomable").count()
    tab.assert_clean()


# --- instant navigation --------------------------------------------------------------------------


def test_instant_navigation_sets_up_each_page(open_tab: Any) -> None:
    tab: Tab = open_tab()
    tab.goto("text/introduction/")
    page = tab.page
    page.wait_for_load_state("networkidle")  # Material reads the sitemap before it navigates
    page.evaluate("window.argmapSamePage = true")
    page.locator("a.md-footer__link--next").click()  # an ordinary link: instant navigation
    page.wait_for_url("**/text/four-pillars/", timeout=WAIT_MS)
    assert page.evaluate("window.argmapSamePage === true"), "the page was reloaded"
    page.goto(tab.base + "text/introduction/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.argmapSamePage = true")
    page.locator(".md-nav a[href*='maps/']").first.dispatch_event("click")
    page.wait_for_url(re.compile(r".*/maps/(index\.html)?$"), timeout=WAIT_MS)
    assert page.evaluate("window.argmapSamePage === true")
    expect(page.locator("article figure.argmap-zoomable").first).to_be_visible(timeout=WAIT_MS)
    # Choosing a box twice navigates through Material too, to an enhanced node page.
    link = page.locator("article svg.argmap-diagram g.node a[*|href*='arguments/']").first
    href = _href(link)
    node = re.search(r"arguments/([^/]+)/", href)
    assert node
    link.click()
    link.click()
    page.wait_for_url(f"**/arguments/{node.group(1)}/", timeout=WAIT_MS)
    assert page.evaluate("window.argmapSamePage === true")
    expect(page.locator("article figure.argmap-zoomable")).to_have_count(1, timeout=WAIT_MS)
    tab.assert_clean()


def test_instant_navigation_replaces_the_panel(open_tab: Any) -> None:
    tab: Tab = open_tab(WIDE)
    tab.goto("text/four-pillars/")  # a page without badges: no panel
    page = tab.page
    page.wait_for_load_state("networkidle")
    expect(page.locator(".argmap-panel")).to_have_count(0)
    page.evaluate("window.argmapSamePage = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/text/international-organizations/", timeout=WAIT_MS)
    panel = page.locator(".argmap-panel")
    expect(panel.locator("svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
    expect(panel.locator(".argmap-panel-title")).to_contain_text("International organizations")
    page.go_back()
    page.wait_for_url("**/text/four-pillars/", timeout=WAIT_MS)
    expect(page.locator(".argmap-panel")).to_have_count(0)
    page.go_forward()
    expect(page.locator(".argmap-panel svg.argmap-diagram")).to_have_count(1, timeout=WAIT_MS)
    assert page.evaluate("window.argmapSamePage === true")
    assert not page.evaluate("document.body.classList.contains('argmap-panel-sheet')")
    tab.assert_clean()


# --- the text beside its map --------------------------------------------------------------------


def _badges_in_view(page: Page) -> set[str]:
    return set(page.evaluate("""() => [...document.querySelectorAll(
        'article a.argmap-badge[data-argmap-node]')].filter(b => { const r =
        b.getBoundingClientRect(); return r.bottom > 64 && r.top < innerHeight * 0.8; })
        .map(b => b.dataset.argmapNode)"""))


def _marked(page: Page) -> set[str]:
    return set(page.evaluate("""() => [...document.querySelectorAll(
        '.argmap-panel g.node.argmap-inview a[*|href]')].map(a =>
        ((a.getAttribute('href')
        || a.getAttribute('xlink:href')).match(/arguments\\/([^/]+)\\//) || [])[1])"""))


def test_wide_screens_show_the_section_map_beside_the_text(open_tab: Any) -> None:
    tab: Tab = open_tab(WIDE)
    tab.goto("text/introduction/")
    page = tab.page
    panel = page.locator(".argmap-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
    expect(panel.locator(".argmap-panel-title")).to_contain_text("Introduction")
    text = page.locator("article").bounding_box()
    side = panel.bounding_box()
    assert text
    assert side
    assert side["x"] >= text["x"] + text["width"] - 1, "the panel overlaps the text"
    assert side["x"] + side["width"] <= WIDE["width"] + 1
    assert text["width"] >= 480, "the text column is too narrow to read"
    # The panel stays in view while the text scrolls.
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    assert (panel.bounding_box() or {"y": -1})["y"] >= 0
    # Its links lead to the node pages, from this page.
    href = _href(panel.locator("g.node a[*|href]").first)
    assert "/arguments/" in href
    tab.assert_clean()


def test_the_panel_follows_the_reading(open_tab: Any) -> None:
    tab: Tab = open_tab(WIDE)
    tab.goto("text/introduction/")
    page = tab.page
    expect(page.locator(".argmap-panel svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
    page.wait_for_function("document.querySelectorAll('.argmap-panel .argmap-inview').length > 0")
    first = _marked(page)
    assert first
    assert first & _badges_in_view(page)
    last = page.locator("article a.argmap-badge[data-argmap-node]").last
    last.scroll_into_view_if_needed()
    node = last.get_attribute("data-argmap-node") or ""
    page.wait_for_function(f"""() => !!document.querySelector(
        '.argmap-panel g.node.argmap-inview a[*|href*="arguments/{node}/"]')""", timeout=WAIT_MS)
    assert _marked(page) != first
    tab.assert_clean()


def test_choosing_a_box_in_the_panel_scrolls_the_text_to_it(open_tab: Any) -> None:
    tab: Tab = open_tab(WIDE)
    tab.goto("text/introduction/")
    page = tab.page
    expect(page.locator(".argmap-panel svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
    last = page.locator("article a.argmap-badge[data-argmap-node]").last
    node = last.get_attribute("data-argmap-node") or ""
    expect(last).not_to_be_in_viewport()
    panel = page.locator(".argmap-panel")
    panel.get_by_label("Find").fill(node)
    panel.get_by_label("Find").press("Enter")  # finding a box shows it, without scrolling
    expect(last).not_to_be_in_viewport()
    page.keyboard.press("Escape")  # cleared: the next click chooses it again
    node_link(page, node, ".argmap-panel").click()
    expect(page.locator(f"#at-{node}")).to_be_in_viewport(timeout=WAIT_MS)
    assert tab.path() == "text/introduction/"
    tab.assert_clean()


def test_the_panel_can_be_hidden_and_stays_hidden(open_tab: Any) -> None:
    tab: Tab = open_tab(WIDE)
    tab.goto("text/introduction/")
    page = tab.page
    panel = page.locator(".argmap-panel")
    expect(panel).to_be_visible()
    page.get_by_role("button", name="Hide the map").click()
    expect(panel).to_be_hidden()
    toggle = page.locator(".argmap-panel-toggle")
    expect(toggle).to_be_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    expect(page.locator(".md-sidebar--secondary")).to_be_visible()  # the contents are back
    tab.goto("text/introduction/")
    expect(page.locator(".argmap-panel")).to_be_hidden()
    page.locator(".argmap-panel-toggle").click()
    expect(page.locator(".argmap-panel")).to_be_visible()
    tab.assert_clean()


def test_narrower_screens_have_no_panel_but_a_map_button(open_tab: Any) -> None:
    tab: Tab = open_tab(DESKTOP)
    tab.goto("text/introduction/")
    page = tab.page
    expect(page.locator(".argmap-panel")).to_be_hidden()
    toggle = page.get_by_role("button", name="Map")
    expect(toggle).to_be_visible()
    toggle.click()
    sheet = page.locator(".argmap-panel")
    expect(sheet).to_be_visible()
    expect(sheet.locator("svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
    where = sheet.bounding_box()
    assert where
    assert where["y"] + where["height"] == pytest.approx(DESKTOP["height"], abs=2)
    page.get_by_role("button", name="Hide the map").click()
    expect(sheet).to_be_hidden()
    tab.assert_clean()


# --- phones ------------------------------------------------------------------------------------


def test_phone_maps_scroll_instead_of_shrinking(open_tab: Any) -> None:
    tab: Tab = open_tab(PHONE, touch=True)
    tab.goto(SECTION_MAP)
    page = tab.page
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    fig = figure(page)
    geometry = box(page)
    assert geometry["vw"] <= PHONE["width"]
    smallest = fig.evaluate("""f => Math.min(...[...f.querySelectorAll(
        'svg.argmap-diagram g.node text')].map(t => t.getBoundingClientRect().height))""")
    assert smallest >= 9
    for name in ("Zoom in", "Zoom out", "Fit the whole map in view"):
        b = fig.get_by_role("button", name=name).bounding_box()
        assert b
        assert min(b["width"], b["height"]) >= 40, f"{name} is too small to tap"
    tab.assert_clean()


def _toucher(tab: Tab) -> Any:
    """Raw touch events through the DevTools protocol (one session: touches have state)."""
    cdp = tab.context.new_cdp_session(tab.page)

    def touch(kind: str, points: list[tuple[float, float]]) -> None:
        cdp.send("Input.dispatchTouchEvent", {
            "type": kind,
            "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)],
        })

    return touch


def test_phone_one_finger_pans_and_two_fingers_pinch(open_tab: Any) -> None:
    tab: Tab = open_tab(PHONE, touch=True)
    tab.goto(SECTION_MAP)
    page = tab.page
    vp = figure(page).locator(".argmap-viewport")
    vp.scroll_into_view_if_needed()
    area = vp.bounding_box()
    assert area
    cx, cy = area["x"] + area["width"] / 2, area["y"] + area["height"] / 2
    start = box(page)
    touch = _toucher(tab)
    touch("touchStart", [(cx, cy)])
    for step in range(1, 6):
        touch("touchMove", [(cx - 20 * step, cy)])
    touch("touchEnd", [])
    panned = box(page)
    assert panned["left"] > start["left"] + 50
    assert tab.path() == SECTION_MAP

    touch("touchStart", [(cx - 30, cy), (cx + 30, cy)])
    for step in range(1, 6):
        touch("touchMove", [(cx - 30 - 15 * step, cy), (cx + 30 + 15 * step, cy)])
    touch("touchEnd", [])
    pinched = box(page)
    assert pinched["w"] > panned["w"] * 1.5
    tab.assert_clean()


def test_phone_tap_on_a_badge_shows_its_title_then_follows(open_tab: Any) -> None:
    tab: Tab = open_tab(PHONE, touch=True)
    tab.goto("text/introduction/")
    page = tab.page
    badge = page.locator("article a.argmap-badge[data-argmap-node]").first
    node = badge.get_attribute("data-argmap-node") or ""
    title = badge.get_attribute("data-argmap-tip") or ""
    assert title
    badge.tap()
    pop = page.locator(".argmap-popover")
    expect(pop).to_be_visible()
    expect(pop).to_contain_text(title)
    assert pop.get_attribute("role") == "tooltip"
    assert badge.get_attribute("aria-describedby") == pop.get_attribute("id")
    page.wait_for_timeout(300)  # Material's own tooltip (on focus) would be up by now
    assert not any(t.is_visible() for t in page.locator(".md-tooltip2").all())
    where = pop.bounding_box()
    assert where
    assert 0 <= where["x"] <= PHONE["width"] - where["width"]
    assert tab.path() == "text/introduction/"
    badge.tap()
    page.wait_for_url(f"**/arguments/{node}/", timeout=WAIT_MS)
    tab.assert_clean()


def test_phone_tap_on_a_citation_shows_the_reference(open_tab: Any) -> None:
    tab: Tab = open_tab(PHONE, touch=True)
    tab.goto("text/introduction/")
    page = tab.page
    cite = page.locator("article .argmap-cite a[data-argmap-tip]").first
    reference = cite.get_attribute("data-argmap-tip") or ""
    cite.tap()
    expect(page.locator(".argmap-popover")).to_contain_text(reference[:40])
    page.locator("h1").first.tap()  # tapping elsewhere closes it
    expect(page.locator(".argmap-popover")).to_be_hidden()
    tab.assert_clean()


def test_phone_map_button_opens_a_sheet_that_can_show_a_badge(open_tab: Any) -> None:
    tab: Tab = open_tab(PHONE, touch=True)
    tab.goto("text/introduction/")
    page = tab.page
    badge = page.locator("article a.argmap-badge[data-argmap-node]").nth(1)
    node = badge.get_attribute("data-argmap-node") or ""
    badge.tap()
    page.locator(".argmap-popover").get_by_role("button", name="Show on the map").tap()
    sheet = page.locator(".argmap-panel")
    expect(sheet).to_be_visible()
    selected = sheet.locator("g.argmap-selected a")
    expect(selected).to_have_count(1, timeout=WAIT_MS)
    assert f"arguments/{node}/" in _href(selected)
    expect(selected).to_be_in_viewport()
    tab.assert_clean()


# --- dark mode ---------------------------------------------------------------------------------


def _luminance(css: str) -> float:
    match = re.match(r"rgba?\((\d+), (\d+), (\d+)", css)
    assert match, css
    r, g, b = (int(match.group(i)) / 255 for i in (1, 2, 3))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_controls_follow_the_dark_palette(open_tab: Any) -> None:
    tab: Tab = open_tab(WIDE, scheme="dark")
    tab.goto("text/introduction/")
    page = tab.page
    expect(page.locator(".argmap-panel svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
    button = page.locator(".argmap-panel").get_by_role("button", name="Zoom in")
    assert _luminance(button.evaluate("b => getComputedStyle(b).backgroundColor")) < 0.25
    assert _luminance(button.evaluate("b => getComputedStyle(b).color")) > 0.6
    viewport = page.locator(".argmap-panel .argmap-viewport")
    assert _luminance(viewport.evaluate("v => getComputedStyle(v).backgroundColor")) < 0.25
    tab.assert_clean()


# --- print ----------------------------------------------------------------------------------------


def test_print_media_drops_the_chrome_and_fits_the_map(open_tab: Any) -> None:
    tab: Tab = open_tab(WIDE, scheme="dark")
    tab.goto("text/introduction/")
    page = tab.page
    expect(page.locator(".argmap-panel svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".argmap-panel", ".md-footer"):
        assert page.locator(hidden).first.evaluate("e => getComputedStyle(e).display") == "none"
    badge = page.locator("article a.argmap-badge").first
    assert badge.evaluate("b => getComputedStyle(b, '::before').content") == '"["'
    assert _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.9

    tab.goto(SECTION_MAP)
    page.emulate_media(media="print")
    fig = page.locator("article figure.argmap-figure").first
    for hidden in (".argmap-toolbar", ".argmap-status"):
        assert fig.locator(hidden).evaluate("e => getComputedStyle(e).display") == "none"
    svg = fig.locator("svg.argmap-diagram").bounding_box()
    article = page.locator("article").bounding_box()
    assert svg
    assert article
    assert svg["width"] <= article["width"] + 1
    page.emulate_media(media="screen")
    expect(fig.locator(".argmap-toolbar")).to_be_visible()
    tab.assert_clean()


def test_print_edition_holds_text_maps_arguments_and_references(open_tab: Any,
                                                                served: Served) -> None:
    tab: Tab = open_tab()
    tab.goto(PRINT)
    page = tab.page
    texts = sorted(served.dir.glob("text/*/index.html"))
    headings = page.locator("article h2").all_inner_texts()
    for text in texts:
        title = re.search(r"<h1[^>]*>(.*?)<", text.read_text(encoding="utf-8"))
        assert title
        assert any(title.group(1).strip() in h for h in headings), title.group(1)
    maps = page.locator("article .argmap-print-map figure svg.argmap-diagram")
    assert maps.count() >= 1 + len(list(served.dir.glob("maps/*/index.html"))) - 1
    badges = page.locator("article a.argmap-badge").count()
    assert badges >= sum(t.read_text(encoding="utf-8").count('class="argmap-badge')
                         for t in texts) * 0.9
    references = page.locator("article ol.argmap-references li")
    assert references.count() == (served.dir / "references" / "index.html").read_text(
        encoding="utf-8").count('class="argmap-reference"')
    nodes = page.locator("article .argmap-print-node")
    assert nodes.count() == len(list(served.dir.glob("arguments/*/index.html"))) - \
        len([p for p in served.dir.glob("arguments/*/index.html")
             if "http-equiv=\"refresh\"" in p.read_text(encoding="utf-8")])
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "duplicate ids on the print page"
    # Footnotes of every chapter, one list.
    assert page.locator("article .footnote li").count() >= 1
    # Its links point within the page, so a saved PDF links within itself.
    assert (page.locator("article a.argmap-badge").first.get_attribute("href") or "").startswith(
        "#print-node-")
    cite = page.locator("article .argmap-cite a").first.get_attribute("href") or ""
    assert cite.startswith("#ref-")
    expect(page.locator(f"article li{cite}")).to_have_count(1)
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    tab.assert_clean()


def test_print_edition_prints_to_pdf(open_tab: Any, tmp_path: Path) -> None:
    tab: Tab = open_tab()
    tab.goto(PRINT)
    page = tab.page
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".argmap-print-hint"):
        assert page.locator(hidden).first.evaluate("e => getComputedStyle(e).display") == "none"
    maps = page.locator("article .argmap-print-map svg.argmap-diagram")
    article = page.locator("article").bounding_box()
    for i in range(maps.count()):
        where = maps.nth(i).bounding_box()
        assert where
        assert article
        assert where["width"] <= article["width"] + 1
    pdf = page.pdf(path=str(tmp_path / "edition.pdf"), prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages > 10, f"only {pages} pages"
    tab.assert_clean()


# --- accessibility of the added controls ------------------------------------------------------

# Only what the script adds: the rest of each page is test_site.py's to check.
_OURS = (".argmap-toolbar", ".argmap-viewport", ".argmap-status", ".argmap-panel",
         ".argmap-panel-toggle", ".argmap-popover", ".argmap-print-cover", ".argmap-print-toc",
         ".argmap-print-nodes", "p:has(> .argmap-badge)")
_AXE_RUN = """
ours => axe.run({include: ours.filter(s => document.querySelector(s)).map(s => [s])},
                {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
})))
"""


@pytest.mark.parametrize(("viewport", "path", "scheme"), [
    (WIDE, "text/introduction/", "light"),
    (WIDE, "text/introduction/", "dark"),
    (DESKTOP, SECTION_MAP, "light"),
    (PHONE, "text/introduction/", "light"),
    (DESKTOP, PRINT, "light"),
])
def test_no_serious_accessibility_violation_with_the_controls(
    open_tab: Any, viewport: dict[str, int], path: str, scheme: str
) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci` in tests/browser")
    tab: Tab = open_tab(viewport, touch=viewport is PHONE, scheme=scheme)
    tab.goto(path)
    page = tab.page
    if path.startswith("text/") and viewport is WIDE:
        expect(page.locator(".argmap-panel svg.argmap-diagram")).to_be_visible(timeout=WAIT_MS)
        node_link(page, "intro-urgency", ".argmap-panel").click()  # a selection, dimmed boxes
    ours = list(_OURS)
    if viewport is PHONE:
        page.locator("article a.argmap-badge").first.tap()  # a popover
        # The tapped badge keeps Material's hover colour (the palette's accent), not ours.
        ours = [s for s in ours if not s.startswith("p:has")]
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(_AXE_RUN, ours)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']} at {v['targets']}" for v in serious)
    tab.assert_clean()
