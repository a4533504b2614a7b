"""DOT text: golden files per view, and escaping that holds for any text."""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import dot, svg, theme, views
from argmap.mapfiles import load_map
from argmap.model import ArgumentMap, Node, Relation
from argmap.vocabulary import NodeType, RelationType
from tests.golden import assert_golden
from tests.test_views import card_map

GOLDEN = Path(__file__).parent / "golden" / "dot"
INPUTS = sorted(GOLDEN.glob("*.yml"))
ASSET = Path(__file__).parent.parent / "argmap" / "assets" / "argmap-diagram.css"


def load(path: Path) -> ArgumentMap:
    amap, problems = load_map([(path, path.name)])
    assert not problems
    return amap


@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_every_view_matches_its_golden_dot(source: Path, update_goldens: bool) -> None:
    amap = load(source)
    dots = dot.to_dots(views.all_views(amap), amap)
    folder = GOLDEN / source.stem
    expected = {folder / f"{vid}.dot" for vid in dots}
    if update_goldens:
        for stale in set(folder.rglob("*.dot")) - expected:
            stale.unlink()
    for vid, text in dots.items():
        path = folder / f"{vid}.dot"
        path.parent.mkdir(parents=True, exist_ok=True)
        assert_golden(path, text, update_goldens)
    assert set(folder.rglob("*.dot")) == expected, "stale goldens: run pytest --update-goldens"


def test_stylesheet_asset_is_generated_from_the_theme(update_goldens: bool) -> None:
    assert_golden(ASSET, theme.stylesheet(), update_goldens)


def test_output_is_deterministic() -> None:
    amap = load(INPUTS[0])
    assert dot.to_dots(views.all_views(amap), amap) == dot.to_dots(views.all_views(amap), amap)


def test_links_are_placeholders_and_ids_carry_the_view_prefix() -> None:
    amap = load(GOLDEN / "mini.yml")
    text = dot.to_dot(views.node_view(amap, "tricky"), amap)
    assert 'href="argmap:node/thesis"' in text
    assert 'href="argmap:section/io"' in dot.to_dot(views.section_view(amap, "io"), amap)
    ids = re.findall(r'\bid="([^"]*)"', text)
    assert ids
    # Graphviz puts the graph's name there, and the graph is named after the prefix.
    assert text.startswith(f'digraph "{dot.diagram_prefix("node/tricky")}" {{')
    assert all(i.startswith("\\G") for i in ids)
    framed = dot.to_dot(views.section_view(amap, "io"), amap)
    assert 'id="argmap-section-io-s-io"' in framed  # in a cluster's id, \G is its own name


def test_legend_nodes_have_no_links() -> None:
    text = dot.to_dot(views.legend(), ArgumentMap())
    assert "href=" not in text
    for style in theme.EDGE_STYLES.values():
        assert style.css_class in text
    for node_style in theme.NODE_STYLES.values():
        assert node_style.css_class in text


def test_node_font_is_at_least_14pt() -> None:
    assert theme.NODE_FONT_PT >= 14
    assert f"fontsize={theme.NODE_FONT_PT}" in dot.to_dot(views.legend(), ArgumentMap())


@given(st.text(), st.sampled_from([1, 2]))
def test_quote_is_one_well_formed_dot_string(text: str, passes: int) -> None:
    quoted = dot.quote(text, passes)
    assert re.fullmatch(r'"(?:[^"\\\n]|\\[\\"])*"', quoted)
    assert "&" not in quoted.replace("&amp;", "")


@given(st.text())
def test_html_label_text_has_no_markup(text: str) -> None:
    escaped = dot.html(text)
    assert not set('<>"\n') & set(escaped)
    assert "&" not in re.sub(r"&(amp|lt|gt|quot|#93);", "", escaped)


@given(st.text().filter(lambda t: "&" not in t))
def test_references_stand_for_the_same_text(text: str) -> None:
    escaped = dot.refs(text)
    assert escaped.isascii() or escaped == text  # beyond the Basic Multilingual Plane: as is
    assert re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), escaped) == text


def test_clean_drops_controls_and_bidi_overrides_but_keeps_joiners() -> None:
    assert dot.clean("a\x00b\u202ec\n d\u200de\ud800") == "abc d\u200de"


def test_plain_strips_markdown() -> None:
    assert dot.plain("Some *bold* and [a link](https://x.org)\n\n- item") == (
        "Some bold and a link item"
    )


def _one_node_map(title: str, text: str) -> ArgumentMap:
    return ArgumentMap(
        nodes=(
            Node("a", NodeType.CLAIM, title, text),
            Node("b", NodeType.THESIS, "Thesis"),
        ),
        relations=(Relation("a.supports.b", RelationType.SUPPORTS, ("a",), "b"),),
    )


def _visible_lines(svg_text: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg_text)]


@pytest.mark.graphviz
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=80).filter(dot.clean), text=st.text(max_size=200))
def test_any_title_survives_graphviz_as_text(title: str, text: str) -> None:
    amap = _one_node_map(title, text)
    view = views.node_view(amap, "a")
    source = dot.to_dot(view, amap)
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    finished = svg.finish(done.stdout.decode(), view)
    ET.fromstring(finished)  # well-formed
    assert {line for line in theme.wrap(dot.clean(title)) if line} <= set(_visible_lines(finished))
    tip = re.search(r'href="argmap:node/a" tabindex="0"><title>([^<]*)</title>', finished)
    assert tip is not None
    assert html.unescape(tip.group(1)) == dot._node_tip(amap.nodes[0])


def _contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("column", "page"), [(0, "#ffffff"), (1, "#1e2029")])
def test_palette_contrast_in_light_and_dark(column: int, page: str) -> None:
    """Lines 3:1 against the page (WCAG 1.4.11), text 4.5:1 on every fill (1.4.3)."""
    palette = {var: pair[column] for var, pair in theme.PALETTE.items()}
    lines = [s.color_var for s in theme.EDGE_STYLES.values()]
    lines += ["--argmap-line", "--argmap-thesis-line", "--argmap-cluster-line"]
    for var in lines:
        assert _contrast(palette[var], page) >= 3, var
    fills = [s.fill_var for s in theme.NODE_STYLES.values()]
    fills += ["--argmap-summary-fill", "--argmap-cluster-fill"]
    for var in fills:
        assert _contrast(palette["--argmap-fg"], palette[var]) >= 4.5, var


def hostile_card_map() -> ArgumentMap:
    """The card test map, plus what needs care on a card: markup in titles, an unstated
    claim, linked claims, an undercut, and a claim outside any known section."""
    base = card_map()
    claim = NodeType.CLAIM
    extra_nodes = (
        Node("x1", claim, 'Back\\slash \\N & <b>"bold"</b> ]', section="intro"),
        Node("x2", claim, "Unstated", section="intro", implicit=True),
        Node("lost", claim, "Nowhere", section="missing"),
    )
    extra_rels = (
        Relation("linked", RelationType.SUPPORTS, ("x1", "x2"), "t"),
        Relation("cut", RelationType.UNDERCUTS, ("b1",), "a0-t"),
        Relation("lost-t", RelationType.ATTACKS, ("lost",), "t"),
    )
    return ArgumentMap(base.nodes + extra_nodes, base.relations + extra_rels, base.sections)


def test_card_overview_matches_its_golden_dot(update_goldens: bool) -> None:
    amap = hostile_card_map()
    view = views.overview(amap)
    assert view.layout == views.CARDS
    (GOLDEN / "cards").mkdir(exist_ok=True)
    assert_golden(GOLDEN / "cards" / "overview.dot", dot.to_dot(view, amap), update_goldens)


def test_card_overview_links_every_row_and_needs_no_clusters() -> None:
    amap = hostile_card_map()
    text = dot.to_dot(views.overview(amap), amap)
    for node in amap.nodes:
        if node.type is not NodeType.PREMISE:
            assert f'HREF="argmap:node/{dot.html(node.id)}"' in text
    for section in amap.sections:
        assert f'HREF="argmap:section/{section.id}"' in text
    assert 'subgraph "cluster' not in text  # so it may share a `dot` process (see render)
    assert "Back\\\\slash \\\\N &amp; &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &#93;" in text
    assert "jointly supports ↑" in text
    assert "undercuts → the inference to “The" in text  # then a line break
    ids = re.findall(r'\b(?:id|ID)="([^"]*)"', text)
    assert all(i.startswith("argmap-overview-") for i in ids)
    assert len(ids) == len(set(ids))
