"""AIF in (files shaped like AIFdb's, OVA's xAIF), and our JSON export back in."""

from __future__ import annotations

import json
from pathlib import Path

import arguebuf
import pytest

from argmap.aif import to_aif
from argmap.aif_import import parse_aif
from argmap.diagnostics import Diagnostic
from argmap.export_json import to_json
from argmap.interchange import finalize, import_file
from argmap.json_import import parse_json
from argmap.model import ArgumentMap, Node
from argmap.vocabulary import NodeType
from benchmarks.synthetic import make_map

FIXTURES = Path(__file__).parent / "fixtures" / "aif"


def load(name: str) -> tuple[ArgumentMap, tuple[Diagnostic, ...]]:
    return import_file("aif", FIXTURES / name)


def by_text(amap: ArgumentMap) -> dict[str, Node]:
    return {n.text: n for n in amap.nodes}


def test_fixtures_are_aif_a_real_reader_accepts() -> None:
    for name in ("aifdb-dialogue.json", "aifdb-numeric-ids.json"):
        graph = arguebuf.load.dict(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
        assert graph.atom_nodes
    xaif = json.loads((FIXTURES / "xaif.json").read_text(encoding="utf-8"))
    assert len(arguebuf.load.xaif(xaif).atom_nodes) == 3


def test_aifdb_argument_with_dialogue() -> None:
    amap, problems = load("aifdb-dialogue.json")
    assert [(d.code, d.message) for d in problems] == [
        ("AM602", "the dialogue is not imported: 2 L, 3 YA, 1 TA nodes and 2 locutions")
    ]
    nodes = by_text(amap)
    assert len(nodes) == 8
    enforce = nodes["International organisations cannot enforce labour standards."]
    assert enforce.id == "international-organisations-cannot"
    assert enforce.title == "International organisations cannot enforce labour standards"
    assert enforce.type is NodeType.CLAIM
    rels = {r.type.value: r for r in amap.relations if r.type.value != "supports"}
    linked = next(r for r in amap.relations if len(r.sources) == 2)
    assert linked.target == enforce.id  # RA with two premises: linked
    assert rels["attacks"].target == enforce.id
    assert rels["undercuts"].target == rels["attacks"].id  # CA aimed at a CA
    assert rels["rephrases"].target == linked.sources[0]
    expert = [r for r in amap.relations if r.text]
    assert [r.text for r in expert] == ["Argument From Expert Opinion"]  # a named scheme


def test_unmappable_aif_is_reported_with_lines() -> None:
    amap, problems = load("aifdb-numeric-ids.json")
    assert [(d.span.line, d.code) for d in problems] == [
        (8, "AM600"),  # RA with two conclusions: two relations
        (9, "AM600"),  # CA with two attackers: two attacks
        (10, "AM600"),  # a PA (preference) node
        (11, "AM600"),  # an RA without conclusion
        (23, "AM603"),  # an edge to a node that does not exist
    ]
    assert len(amap.nodes) == 6
    assert sorted(r.type.value for r in amap.relations) == [
        "attacks",
        "attacks",
        "supports",
        "supports",
    ]


def test_xaif() -> None:
    amap, problems = load("xaif.json")
    assert [d.code for d in problems] == ["AM602"]
    assert [len(r.sources) for r in amap.relations] == [2]


def test_import_is_stable() -> None:
    assert load("aifdb-dialogue.json") == load("aifdb-dialogue.json")


def test_our_ids_come_back_and_an_edited_text_wins() -> None:
    amap = make_map(60, 2)
    data = json.loads(to_aif(amap))
    first = amap.nodes[1]
    node = next(n for n in data["nodes"] if n["nodeID"] == first.id)
    node["text"] = "Edited in OVA."
    back, ids, _ = parse_aif(json.dumps(data), "x.json")
    back = finalize(back, ids)
    assert [n.id for n in back.nodes] == [n.id for n in amap.nodes]
    assert back.node_index()[first.id].text == "Edited in OVA."


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{"nodes": [\n  {"nodeID": 1,\n', 3, "not valid JSON"),
        ('{"edges": []}', 1, "not AIF JSON"),
        ("[1, 2]", 1, "not AIF JSON"),
    ],
)
def test_not_aif(text: str, line: int, message: str) -> None:
    amap, _, problems = parse_aif(text, "x.json")
    assert amap == ArgumentMap()
    assert [(d.code, d.span.line) for d in problems] == [("AM601", line)]
    assert problems[0].message.startswith(message)


def test_json_export_comes_back_whole() -> None:
    amap = make_map(200, 6)
    back, ids, problems = parse_json(to_json(amap), "map.json")
    assert problems == ()
    back = finalize(back, ids)
    assert back.nodes == amap.nodes
    assert back.relations == amap.relations
    assert back.sections == amap.sections


def test_json_records_that_cannot_be_read_are_reported() -> None:
    text = (
        '{"nodes": [\n {"id": "a", "type": "claim", "title": "A"},\n'
        ' {"id": "b", "type": "clam", "title": "B"}\n],\n'
        ' "relations": [\n {"id": "r", "type": "supports", "from": [], "to": "a"}\n]}'
    )
    amap, _, problems = parse_json(text, "map.json")
    assert [n.id for n in amap.nodes] == ["a"]
    assert [(d.code, d.span.line) for d in problems] == [("AM601", 3), ("AM601", 6)]
    assert parse_json('{"sections": []}', "x")[2][0].message.startswith("not an argmap JSON")
