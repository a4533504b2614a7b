"""GraphML out: valid XML with typed data keys; linked premises share one relation id."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from argmap.graphml import NS, to_graphml
from argmap.model import ArgumentMap, Citation, Node, Relation
from argmap.vocabulary import NodeType, RelationType
from benchmarks.synthetic import make_map

T, R = NodeType, RelationType
G = f"{{{NS}}}"
SMALL = ArgumentMap(
    nodes=(
        Node("c", T.CLAIM, "C & co", "<b>text</b>", "s", (Citation("k", "p. 2"),)),
        Node("p1", T.PREMISE, "P1", implicit=True, tags=("x", "y")),
        Node("p2", T.PREMISE, "P2"),
        Node("u", T.LIMITATION, "U"),
    ),
    relations=(
        Relation("linked", R.SUPPORTS, ("p1", "p2"), "c", "why"),
        Relation("u.undercuts.linked", R.UNDERCUTS, ("u",), "linked"),
    ),
)


def _data(element: ET.Element) -> dict[str, str]:
    return {d.attrib["key"]: d.text or "" for d in element.findall(f"{G}data")}


def test_nodes_and_edges_with_their_data() -> None:
    root = ET.fromstring(to_graphml(SMALL))
    keys = {(k.attrib["for"], k.attrib["attr.name"]) for k in root.findall(f"{G}key")}
    assert ("node", "type") in keys
    assert ("edge", "relation") in keys
    graph = root.find(f"{G}graph")
    assert graph is not None
    assert graph.attrib["edgedefault"] == "directed"
    nodes = {n.attrib["id"]: _data(n) for n in graph.findall(f"{G}node")}
    assert nodes["c"] == {
        "n_type": "claim",
        "n_title": "C & co",
        "n_text": "<b>text</b>",
        "n_section": "s",
        "n_cites": "k, p. 2",
    }
    assert nodes["p1"]["n_implicit"] == "true"
    assert nodes["p1"]["n_tags"] == "x; y"
    edges = [(e.attrib["source"], e.attrib["target"], _data(e)) for e in graph.findall(f"{G}edge")]
    assert [(a, b, d["e_relation"]) for a, b, d in edges[:2]] == [
        ("p1", "c", "linked"),
        ("p2", "c", "linked"),
    ]
    assert edges[2][:2] == ("u", "c")
    assert edges[2][2]["e_undercuts"] == "linked"


def test_every_relation_source_is_an_edge() -> None:
    amap = make_map(300, 1)
    root = ET.fromstring(to_graphml(amap))
    assert len(root.findall(f"{G}graph/{G}node")) == len(amap.nodes)
    assert len(root.findall(f"{G}graph/{G}edge")) == sum(len(r.sources) for r in amap.relations)
    assert to_graphml(amap) == to_graphml(amap)
