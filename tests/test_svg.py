"""SVG finishing: sanitized, prefixed, accessible; links relative; outlines escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap import dot, render, svg, views
from argmap.mapfiles import load_map
from argmap.model import ArgumentMap, Node, Relation
from argmap.pipeline import check_project
from argmap.project import load_settings
from argmap.urls import UrlScheme
from argmap.vocabulary import NodeType, RelationType
from tests.test_dot import hostile_card_map

MINI = Path(__file__).parent / "golden" / "dot" / "mini.yml"
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def mini() -> ArgumentMap:
    amap, _ = load_map([(MINI, MINI.name)])
    return amap


def finished(amap: ArgumentMap, view: views.View) -> str:
    raw = render.render_all({view.id: dot.to_dot(view, amap)}, None)
    return svg.finish(raw[view.id], view)


HOSTILE = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY x "y">]>
<!-- comment -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="100pt" height="50pt" viewBox="0 0 100 50" onload="alert(1)">
<script>alert(2)</script>
<g id="graph0" class="graph" style="fill:url(http://evil/x)">
<title>G</title>
<foreignObject><div>html</div></foreignObject>
<a xlink:href="javascript:alert(3)"><text font-size="14" onclick="x()">bad link</text></a>
<a xlink:href="argmap:node/ok" xlink:title="fine"><text font-size="14">good link</text></a>
<image xlink:href="http://evil/i.png"/>
<path fill="url(#grad)" d="M0,0"/>
<use xlink:href="http://evil/#x"/>
</g>
</svg>
"""


def test_hostile_svg_is_stripped_to_drawing_and_placeholder_links() -> None:
    view = views.View("node/x", "Title", "Desc", (), (), ())
    out = svg.finish(HOSTILE, view)
    ET.fromstring(out)
    lowered = out.lower()
    for bad in (
        "<script",
        "onload",
        "onclick",
        "foreignobject",
        "javascript:",
        "evil",
        "<image",
        "<use",
        "<!doctype",
        "<!--",
        "<?xml",
        'graph0" class="graph" style',
    ):
        assert bad not in lowered, bad
    assert '<a xlink:href="argmap:node/ok" tabindex="0"><title>fine</title>' in out
    assert "url(#argmap-node-x-grad)" in out
    assert "bad link" in out  # the text stays, the link goes


@pytest.mark.graphviz
def test_script_in_a_title_is_text(mini: ArgumentMap) -> None:
    out = finished(mini, views.node_view(mini, "tricky"))
    root = ET.fromstring(out)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert "<script" not in out
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert SCRIPT in texts.replace(" ", "")  # shown as text (wrapped over lines), never run
    titles = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any(SCRIPT in t for t in titles)


@pytest.mark.graphviz
def test_ids_are_prefixed_and_unique_across_views(mini: ArgumentMap) -> None:
    seen: set[str] = set()
    shown = (views.overview(mini), views.section_view(mini, "io"), views.node_view(mini, "thesis"))
    for view in (*shown, views.legend()):
        amap = views.LEGEND_MAP if view.id == "legend" else mini
        ids = re.findall(r'\sid="([^"]*)"', finished(amap, view))
        prefix = dot.diagram_prefix(view.id).replace("-", "&#45;")
        assert ids
        assert all(prefix in i or dot.diagram_prefix(view.id) in i for i in ids)
        assert not seen & set(ids)
        seen |= set(ids)


@pytest.mark.graphviz
def test_root_is_labelled_and_links_are_focusable(mini: ArgumentMap) -> None:
    view = views.section_view(mini, "io")
    out = finished(mini, view)
    root = ET.fromstring(out)
    prefix = dot.diagram_prefix(view.id)
    assert root.get("class") == "argmap-diagram"
    assert root.get("role") == "group"  # role="img" would hide the links
    assert root.get("aria-labelledby") == prefix + "title"
    assert root.get("aria-describedby") == prefix + "desc"
    ns = "{http://www.w3.org/2000/svg}"
    assert root[0].tag == ns + "title"
    assert root[0].text == view.title
    assert root[1].tag == ns + "desc"
    assert root[1].text == view.description
    xlink = "{http://www.w3.org/1999/xlink}href"
    links = [a for a in root.iter(ns + "a") if a.get(xlink)]
    assert links
    assert all(a.get("tabindex") == "0" for a in links)
    assert all(a.find(ns + "title") is not None for a in links)  # tooltip per node
    assert " href=" not in out  # SVG links use xlink:href (see svg._anchor)


@pytest.mark.graphviz
def test_text_never_scales_below_ten_pixels(mini: ArgumentMap) -> None:
    out = finished(mini, views.overview(mini))
    root = ET.fromstring(out)
    width = float(root.get("width", "0"))
    floor = float(re.search(r"min-width:(\d+)px", root.get("style", "")).group(1))  # type: ignore[union-attr]
    smallest_px = min(float(s) for s in re.findall(r'font-size="([\d.]+)"', out)) * 4 / 3
    assert smallest_px * floor / width >= svg.MIN_TEXT_PX - 0.1
    assert smallest_px * 900 / width >= svg.MIN_TEXT_PX or floor > 900


@pytest.mark.graphviz
def test_legend_without_links_is_an_image() -> None:
    out = finished(views.LEGEND_MAP, views.legend())
    assert ET.fromstring(out).get("role") == "img"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("arguments/foo/", "../bar/"),
        ("", "arguments/bar/"),
        ("text/introduction/", "../../arguments/bar/"),
        ("arguments/bar/", "./"),
        ("maps/pillars/", "../../arguments/bar/"),
    ],
)
def test_relink_node_links_relative_to_the_page(page: str, expected: str) -> None:
    assert svg.relink('<a href="argmap:node/bar">', page) == f'<a href="{expected}">'


def test_relink_sections_and_plain_urls() -> None:
    markup = '<a href="argmap:section/io">x</a><a href="argmap:node/bar">y</a>'
    assert (
        svg.relink(markup, "maps/intro/")
        == '<a href="../io/">x</a><a href="../../arguments/bar/">y</a>'
    )
    plain = svg.relink('<a href="argmap:node/bar">', "arguments/foo.html", UrlScheme(False))
    assert plain == '<a href="bar.html">'
    assert svg.relink('<a href="argmap:other/x">', "") == '<a href="argmap:other/x">'


def test_outline_lists_nodes_and_relations_with_placeholder_links(mini: ArgumentMap) -> None:
    out = svg.outline(views.overview(mini), mini)
    assert out.startswith('<div class="argmap-outline"')
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'href="argmap:node/thesis"' in out
    assert 'href="argmap:section/io"' in out
    assert "together with" in out  # linked premises
    assert "undercuts the inference from" in out
    assert "../bar/" not in svg.relink(out, "arguments/foo/")
    assert 'href="../thesis/"' in svg.relink(out, "arguments/foo/")
    ET.fromstring(out)  # well-formed, so also valid inside Markdown's HTML blocks


def test_outline_marks_the_focus_and_works_for_the_legend(mini: ArgumentMap) -> None:
    assert '<strong><a href="argmap:node/io-limit">' in svg.outline(
        views.node_view(mini, "io-limit"), mini
    )
    legend = svg.outline(views.legend(), mini)
    assert "Open question" in legend
    assert "3 claims · 12 nodes" in legend


def test_outline_counts_summed_edges() -> None:
    nodes = (
        Node("t", NodeType.THESIS, "T"),
        *tuple(Node(f"c{i}", NodeType.CLAIM, f"C{i}", section="s") for i in range(200)),
    )
    from argmap.model import Section

    amap = ArgumentMap(
        nodes,
        tuple(Relation(f"r{i}", RelationType.SUPPORTS, (f"c{i}",), "t") for i in range(200)),
        (Section("s", "Only section"),),
    )
    out = svg.outline(views.overview(amap), amap)
    assert "200 supports" in out
    assert 'href="argmap:section/s"' in out


@pytest.mark.graphviz
def test_graphviz_output_takes_the_fast_path(mini: ArgumentMap) -> None:
    """Our own diagrams never need the slow XML sanitizer (it exists for anything else)."""
    all_views = views.all_views(mini)
    raw = render.render_all(dot.to_dots(all_views, mini), None)
    for view in all_views:
        out = raw[view.id].encode()
        prefix = dot.diagram_prefix(view.id)
        assert svg._dressed(out, out.find(b"<svg"), view, prefix, None) is not None, view.id


@pytest.mark.graphviz
def test_no_diagram_draws_text_below_the_smallest_font_finishing_assumes(
    mini: ArgumentMap,
) -> None:
    """`finish` sizes diagrams from `dot.SMALLEST_FONT_PT` instead of reading every font size
    back; a theme change that draws smaller text must fail here, not shrink text silently."""
    all_views = views.all_views(mini)
    raw = render.render_all(dot.to_dots(all_views, mini), None)
    sizes = {float(s) for out in raw.values() for s in re.findall(r'font-size="([\d.]+)"', out)}
    assert min(sizes) == dot.SMALLEST_FONT_PT
    for view in all_views:  # told or read back, the same root tag where they agree
        out = raw[view.id]
        read = min(float(s) for s in re.findall(r'font-size="([\d.]+)"', out))
        if read == dot.SMALLEST_FONT_PT:
            assert svg.finish(out, view, dot.SMALLEST_FONT_PT) == svg.finish(out, view), view.id


def test_outline_tells_an_elided_path() -> None:
    chain = ArgumentMap(
        nodes=(
            Node("t", NodeType.THESIS, "T"),
            *(Node(f"c{i}", NodeType.CLAIM, f"C{i}") for i in range(8)),
        ),
        relations=tuple(
            Relation(f"r{i}", RelationType.SUPPORTS, (f"c{i}",), f"c{i - 1}" if i else "t")
            for i in range(8)
        ),
    )
    out = svg.outline(views.node_view(chain, "c7"), chain)
    assert 'leads to <a href="argmap:node/t">T</a> in 5 more steps' in out


def _anchors(out: str) -> list[ET.Element]:
    ns = "{http://www.w3.org/2000/svg}"
    return [a for a in ET.fromstring(out).iter(ns + "a") if a.get(XLINK_HREF)]


XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


@pytest.mark.graphviz
def test_card_overview_rows_are_focusable_titled_links_on_the_fast_path() -> None:
    amap = hostile_card_map()
    view = views.overview(amap)
    raw = render.render_all({view.id: dot.to_dot(view, amap)}, None)[view.id]
    data = raw.encode()
    prefix = dot.diagram_prefix(view.id)
    assert svg._dressed(data, data.find(b"<svg"), view, prefix, None) is not None
    out = svg.finish(raw, view)
    links = _anchors(out)
    targets = {a.get(XLINK_HREF) for a in links}
    assert {f"argmap:node/{n}" for n in view.nodes} <= targets  # every row
    assert {f"argmap:section/{c.id}" for c in view.clusters} <= targets  # every card
    assert all(a.get("tabindex") == "0" for a in links)
    ns = "{http://www.w3.org/2000/svg}"
    assert all((a.findtext(ns + "title") or "").strip() for a in links)
    ids = re.findall(r'\sid="([^"]*)"', out)
    assert len(ids) == len(set(ids))
    assert all("argmap&#45;overview&#45;" in i or "argmap-overview-" in i for i in ids)
    relinked = svg.relink(out, "maps/")
    assert "argmap:" not in relinked
    assert 'xlink:href="../arguments/t/"' in relinked


@pytest.mark.graphviz
def test_the_edition_overview_fits_a_page_and_stays_legible() -> None:
    """The article's map (over a hundred nodes) at its natural size: about a column wide,
    portrait, no text under 10 px, every section and main claim a link."""
    settings, _ = load_settings(ROOT / "mkdocs.yml")
    assert settings is not None
    amap = check_project(settings).amap
    view = views.overview(amap)
    assert len(amap.nodes) > views.MAX_FULL
    assert view.layout == views.CARDS
    out = finished(amap, view)
    root = ET.fromstring(out)
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert width <= 1250
    assert height > width
    smallest_px = min(float(s) for s in re.findall(r'font-size="([\d.]+)"', out)) * 4 / 3
    assert smallest_px >= svg.MIN_TEXT_PX
    targets = {a.get(XLINK_HREF) for a in _anchors(out)}
    backbone = {n.id for n in amap.nodes if n.type in (NodeType.THESIS, NodeType.CLAIM)}
    assert {f"argmap:node/{n}" for n in backbone} <= targets
    assert {f"argmap:section/{s.id}" for s in amap.sections} <= targets


def test_card_outline_nests_claims_as_on_the_cards() -> None:
    amap = hostile_card_map()
    out = svg.outline(views.overview(amap), amap)
    ET.fromstring(out)
    chain = re.search(r"Chain 1</a></span> \(claim\)(.*)", out)
    assert chain is not None
    assert chain.group(1).startswith("<ul><li>supports")
    assert re.search(r"Chain 0</a></span> \(claim\).*?<ul><li><span><a [^>]*>Chain 1", out)
    assert ">+ 20 premises</a> (open the section map)" in out
    assert "other nodes of “Part A” (20 premises)" in out
    assert "&lt;b&gt;&quot;bold&quot;" in out
