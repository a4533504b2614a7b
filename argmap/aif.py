"""AIF out: the map as AIF JSON the way AIFdb and OVA serve it, and as xAIF (AIF plus text).

Nodes become I-nodes (their text, or the title when there is none). `supports` becomes an RA
node (linked premises: several I-nodes into one RA), `attacks` a CA node, `rephrases` an MA
node, and `undercuts` a CA node aimed at the RA or CA of the relation it undercuts. Each
S-node's nodeID is the relation id, each I-node's the node id, so a re-import keeps them.

AIF has no place for the rest, so everything else rides along in one namespaced object,
`"argmap"`, beside `nodes` and `edges` (AIF readers ignore keys they do not know): the records
of our JSON export (`export_json`), keyed by AIF nodeID under `nodes` (node records for
I-nodes, relation records for S-nodes), plus the relations AIF cannot draw (qualifies,
raises, answers, and undercuts of those), the sections and the retired ids. Node records also
carry their permalink.
"""

from __future__ import annotations

import json
from typing import cast

from argmap.export_json import FORMAT_VERSION, to_data
from argmap.model import ArgumentMap, Relation
from argmap.vocabulary import RelationType

EPOCH = "1970-01-01 00:00:00"
SCHEMES = {
    RelationType.SUPPORTS: ("RA", "Default Inference"),
    RelationType.ATTACKS: ("CA", "Default Conflict"),
    RelationType.REPHRASES: ("MA", "Default Rephrase"),
    RelationType.UNDERCUTS: ("CA", "Default Conflict"),
}


def _drawn(amap: ArgumentMap) -> set[str]:
    """Ids of the relations drawn as S-nodes: an undercut needs its target drawn too."""
    drawn = {
        r.id for r in amap.relations if r.type in SCHEMES and r.type is not RelationType.UNDERCUTS
    }
    return drawn | {
        r.id for r in amap.relations if r.type is RelationType.UNDERCUTS and r.target in drawn
    }


def _edges(rel: Relation) -> list[dict[str, object]]:
    ends = [(s, rel.id) for s in rel.sources] + [(rel.id, rel.target)]
    return [
        {"edgeID": f"{rel.id}:{k}", "fromID": a, "toID": b, "formEdgeID": None}
        for k, (a, b) in enumerate(ends, 1)
    ]


def _extension(amap: ArgumentMap, drawn: set[str], base_url: str) -> dict[str, object]:
    data = to_data(amap)
    nodes: dict[str, object] = {}
    for record in cast(list[dict[str, object]], data["nodes"]):
        ident = str(record["id"])
        nodes[ident] = {**record, "permalink": f"{base_url}arguments/{ident}/"}
    relations = []
    for record in cast(list[dict[str, object]], data["relations"]):
        if record["id"] in drawn:
            nodes[str(record["id"])] = record
        else:
            relations.append(record)
    return {
        "version": FORMAT_VERSION,
        "sections": data["sections"],
        "nodes": nodes,
        "relations": relations,
        "retired": data["retired"],
    }


def aif_data(amap: ArgumentMap, timestamp: str = EPOCH, base_url: str = "") -> dict[str, object]:
    """AIF as a dict: `nodes`, `edges`, `locutions` (none: this is no dialogue) and `argmap`."""
    drawn = _drawn(amap)
    nodes: list[dict[str, object]] = [
        {"nodeID": n.id, "text": n.text or n.title, "type": "I", "timestamp": timestamp}
        for n in amap.nodes
    ]
    edges: list[dict[str, object]] = []
    for rel in amap.relations:
        if rel.id in drawn:
            kind, text = SCHEMES[rel.type]
            nodes.append({"nodeID": rel.id, "text": text, "type": kind, "timestamp": timestamp})
            edges.extend(_edges(rel))
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": [],
        "argmap": _extension(amap, drawn, base_url),
    }


def to_aif(amap: ArgumentMap, timestamp: str = EPOCH, base_url: str = "") -> str:
    return json.dumps(aif_data(amap, timestamp, base_url), indent=2, ensure_ascii=False) + "\n"


def to_xaif(amap: ArgumentMap, text: str = "", timestamp: str = EPOCH, base_url: str = "") -> str:
    """xAIF, as ARG-tech's argument-mining modules pass it: the AIF object and the source text."""
    aif = aif_data(amap, timestamp, base_url)
    body = {
        "AIF": {
            "nodes": aif["nodes"],
            "edges": aif["edges"],
            "locutions": [],
            "participants": [],
            "schemefulfillments": [],
            "argmap": aif["argmap"],
        },
        "text": text,
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
