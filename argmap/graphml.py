"""GraphML out, for graph tools (yEd, Gephi, Cytoscape, networkx, igraph).

Nodes carry type, title, text, section, citations, implicit and tags as data keys; edges carry
their relation's type and id. GraphML edges join two nodes, so a relation with linked premises
becomes one edge per premise sharing one relation id, and an undercut (which aims at a
relation) becomes an edge to the undercut relation's target node, with the undercut
relation's id in `undercuts`. Sections, quotes, anchors and retired ids stay in the JSON export.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from argmap.model import ArgumentMap
from argmap.vocabulary import RelationType

NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = ("type", "title", "text", "section", "cites", "implicit", "tags")
EDGE_KEYS = ("type", "relation", "undercuts", "text")


def _key(parent: ET.Element, domain: str, name: str) -> None:
    kind = "boolean" if name == "implicit" else "string"
    ET.SubElement(
        parent,
        "key",
        {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name, "attr.type": kind},
    )


def _data(parent: ET.Element, key: str, value: str) -> None:
    if value:
        ET.SubElement(parent, "data", {"key": key}).text = value


def to_graphml(amap: ArgumentMap) -> str:
    root = ET.Element("graphml", {"xmlns": NS})
    for name in NODE_KEYS:
        _key(root, "node", name)
    for name in EDGE_KEYS:
        _key(root, "edge", name)
    graph = ET.SubElement(root, "graph", {"id": "argmap", "edgedefault": "directed"})
    for n in amap.nodes:
        node = ET.SubElement(graph, "node", {"id": n.id})
        cites = "; ".join(f"{c.key}, {c.locator}" if c.locator else c.key for c in n.cites)
        values = (
            n.type.value,
            n.title,
            n.text,
            n.section,
            cites,
            "true" if n.implicit else "",
            "; ".join(n.tags),
        )
        for name, value in zip(NODE_KEYS, values, strict=True):
            _data(node, f"n_{name}", value)
    relations = amap.relation_index()
    for rel in amap.relations:
        target, undercut = rel.target, ""
        if rel.type is RelationType.UNDERCUTS:
            aimed = relations.get(rel.target)
            target, undercut = (aimed.target if aimed else rel.target), rel.target
        for k, source in enumerate(rel.sources, 1):
            edge = ET.SubElement(
                graph, "edge", {"id": f"{rel.id}:{k}", "source": source, "target": target}
            )
            for name, value in zip(
                EDGE_KEYS, (rel.type.value, rel.id, undercut, rel.text), strict=True
            ):
                _data(edge, f"e_{name}", value)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
