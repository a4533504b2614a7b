"""AIF out: the AIFdb shape, a real consumer (arguebuf) reading it, and ours -> AIF -> ours."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import arguebuf
import pytest

from argmap.aif import EPOCH, aif_data, to_aif, to_xaif
from argmap.aif_import import parse_aif
from argmap.interchange import finalize
from argmap.model import ArgumentMap, Citation, Node, Relation, Section
from argmap.pipeline import check_paths
from argmap.vocabulary import NodeType, RelationType
from benchmarks.synthetic import make_map

ROOT = Path(__file__).resolve().parent.parent
T, R = NodeType, RelationType

SMALL = ArgumentMap(
    nodes=(
        Node("c", T.CLAIM, "C", "The claim.", "s", (Citation("k", "p. 1"),)),
        Node("p1", T.PREMISE, "P1", "First."),
        Node("p2", T.PREMISE, "P2", ""),
        Node("l", T.LIMITATION, "L", "But."),
        Node("q", T.QUESTION, "Q", "Why?"),
    ),
    relations=(
        Relation("linked", R.SUPPORTS, ("p1", "p2"), "c", "Together.", (Citation("k"),)),
        Relation("l.attacks.p1", R.ATTACKS, ("l",), "p1"),
        Relation("l.undercuts.linked", R.UNDERCUTS, ("l",), "linked"),
        Relation("l.qualifies.c", R.QUALIFIES, ("l",), "c"),
        Relation("p2.rephrases.p1", R.REPHRASES, ("p2",), "p1"),
        Relation("c.raises.q", R.RAISES, ("c",), "q"),
        Relation("p1.undercuts.l.qualifies.c", R.UNDERCUTS, ("p1",), "l.qualifies.c"),
    ),
    sections=(Section("s", "Section"),),
)


def publication_map() -> ArgumentMap:
    """The publication's own map as it is now (another engineer edits it: read, never copy)."""
    files = [*sorted((ROOT / "docs/map").glob("*.yml")), ROOT / "docs/references.bib"]
    return check_paths(files, ROOT).amap


def drawn(amap: ArgumentMap) -> list[Relation]:
    """The relations AIF draws: supports, attacks, rephrases and the undercuts of those."""
    kinds = (R.SUPPORTS, R.ATTACKS, R.REPHRASES)
    ids = {r.id for r in amap.relations if r.type in kinds}
    return [
        r for r in amap.relations if r.type in kinds or (r.type is R.UNDERCUTS and r.target in ids)
    ]


def schemes(amap: ArgumentMap) -> Counter[str]:
    """How many RA, CA and MA nodes the map should give."""
    names = {R.SUPPORTS: "RA", R.ATTACKS: "CA", R.UNDERCUTS: "CA", R.REPHRASES: "MA"}
    return Counter({"RA": 0, "CA": 0, "MA": 0}) + Counter(names[r.type] for r in drawn(amap))


def test_small_map_in_aifdb_shape() -> None:
    data = aif_data(SMALL)
    assert list(data) == ["nodes", "edges", "locutions", "argmap"]
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    assert nodes["c"] == {"nodeID": "c", "text": "The claim.", "type": "I", "timestamp": EPOCH}
    assert nodes["p2"]["text"] == "P2"  # no text: the title stands in
    assert [
        nodes[i]["type"]
        for i in ("linked", "l.attacks.p1", "l.undercuts.linked", "p2.rephrases.p1")
    ] == ["RA", "CA", "CA", "MA"]
    assert "l.qualifies.c" not in nodes
    edges = {(e["fromID"], e["toID"]) for e in data["edges"]}
    assert {("p1", "linked"), ("p2", "linked"), ("linked", "c")} <= edges  # linked premises
    assert ("l.undercuts.linked", "linked") in edges  # the undercut's CA aims at the RA
    ext = data["argmap"]
    assert ext["nodes"]["c"]["permalink"] == "arguments/c/"
    assert ext["nodes"]["linked"]["cites"] == [{"key": "k", "locator": ""}]
    assert [r["id"] for r in ext["relations"]] == [
        "l.qualifies.c",
        "c.raises.q",
        "p1.undercuts.l.qualifies.c",  # AIF cannot undercut what it does not draw
    ]


def test_small_map_round_trip() -> None:
    back, ids, problems = parse_aif(to_aif(SMALL), "x.json")
    assert problems == ()
    back = finalize(back, ids)
    assert set(back.nodes) == set(SMALL.nodes)
    assert set(back.relations) == set(SMALL.relations)
    assert back.sections == SMALL.sections


def test_arguebuf_reads_the_publication_map_with_matching_counts(tmp_path: Path) -> None:
    amap = publication_map()
    path = tmp_path / "map.json"
    path.write_text(
        to_aif(amap, "2026-11-26 00:00:00", "https://example.org/v/1/"), encoding="utf-8"
    )
    graph = arguebuf.load.file(path)
    assert len(graph.atom_nodes) == len(amap.nodes)
    kinds = Counter(type(n.scheme).__name__ for n in graph.scheme_nodes.values())
    want = schemes(amap)
    assert (kinds["Support"], kinds["Attack"], kinds["Rephrase"]) == (
        want["RA"],
        want["CA"],
        want["MA"],
    )
    assert len(graph.edges) == sum(len(r.sources) + 1 for r in drawn(amap))


@pytest.mark.parametrize("seed", [1, 4])
def test_arguebuf_reads_synthetic_maps_and_xaif(seed: int) -> None:
    amap = make_map(300, seed)
    want = schemes(amap)
    graph = arguebuf.load.dict(json.loads(to_aif(amap)))
    kinds = Counter(type(n.scheme).__name__ for n in graph.scheme_nodes.values())
    assert (len(graph.atom_nodes), kinds["Support"], kinds["Attack"], kinds["Rephrase"]) == (
        len(amap.nodes),
        want["RA"],
        want["CA"],
        want["MA"],
    )
    x = arguebuf.load.xaif(json.loads(to_xaif(amap, "The text.")))
    assert len(x.atom_nodes) == len(amap.nodes)
    assert len(x.scheme_nodes) == want["RA"] + want["CA"] + want["MA"]


def test_xaif_carries_the_text() -> None:
    data = json.loads(to_xaif(SMALL, "Words of the article."))
    assert data["text"] == "Words of the article."
    assert set(data["AIF"]) >= {"nodes", "edges", "locutions", "argmap"}
    back, ids, problems = parse_aif(json.dumps(data), "x.json")
    assert problems == ()
    assert set(finalize(back, ids).relations) == set(SMALL.relations)


def test_output_is_deterministic() -> None:
    amap = make_map(150, 3)
    assert to_aif(amap) == to_aif(amap)


@pytest.mark.parametrize("source", ["publication", "synthetic"])
def test_round_trip_keeps_every_node_relation_and_citation(source: str) -> None:
    amap = publication_map() if source == "publication" else make_map(500, 9)
    back, ids, problems = parse_aif(to_aif(amap), "map.json")
    assert problems == ()
    back = finalize(back, ids)
    assert set(back.nodes) == set(amap.nodes)
    assert set(back.relations) == set(amap.relations)
    assert back.sections == amap.sections
    assert back.retired == amap.retired
