"""Views as data: which nodes and edges each diagram shows, bounded and deterministic."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from argmap import views
from argmap.mapfiles import load_map
from argmap.model import ArgumentMap, Node, Relation, Section
from argmap.vocabulary import ENDPOINTS, NodeType, RelationType

MINI = Path(__file__).parent / "golden" / "dot" / "mini.yml"


@pytest.fixture(scope="module")
def mini() -> ArgumentMap:
    amap, problems = load_map([(MINI, MINI.name)])
    assert not problems
    return amap


def big_map(n: int, per_section: int = 20, seed: int = 7) -> ArgumentMap:
    """A thesis and n-1 nodes, each supporting or attacking an earlier one nearby."""
    rng = random.Random(seed)
    sections = tuple(
        Section(f"s{k}", f"Section {k}", parent=f"s{k - k % 5}" if k % 5 else "")
        for k in range(n // per_section + 1)
    )
    nodes = [Node("n0", NodeType.THESIS, "Thesis", section="s0")]
    rels = []
    for i in range(1, n):
        nodes.append(Node(f"n{i}", NodeType.CLAIM, f"Claim {i}", section=f"s{i // per_section}"))
        target = f"n{rng.randrange(max(0, i - 30), i)}"
        kind = RelationType.SUPPORTS if rng.random() < 0.8 else RelationType.ATTACKS
        rels.append(Relation(f"r{i}", kind, (f"n{i}",), target))
    return ArgumentMap(tuple(nodes), tuple(rels), sections)


def test_all_views_have_stable_ids_in_document_order(mini: ArgumentMap) -> None:
    ids = [v.id for v in views.all_views(mini)]
    assert ids == [
        "overview",
        *(f"section/{s.id}" for s in mini.sections),
        *(f"node/{n.id}" for n in mini.nodes),
        "legend",
    ]


def test_views_are_deterministic(mini: ArgumentMap) -> None:
    assert views.all_views(mini) == views.all_views(mini)


def test_small_overview_shows_everything_in_nested_sections(mini: ArgumentMap) -> None:
    view = views.overview(mini)
    assert view.nodes == tuple(n.id for n in mini.nodes)
    assert {e.relation for e in view.edges} == {r.id for r in mini.relations}
    assert [c.id for c in view.clusters] == ["intro", "pillars", "io"]
    assert next(c for c in view.clusters if c.id == "io").parent == "pillars"


def test_linked_premises_are_one_edge_with_several_sources(mini: ArgumentMap) -> None:
    edge = next(e for e in views.overview(mini).edges if e.relation == "linked")
    assert edge.sources == ("tricky", "unstated")
    assert edge.target == "thesis"


def test_undercut_aims_at_a_relation_drawn_in_the_same_view(mini: ArgumentMap) -> None:
    for view in views.all_views(mini):
        drawn = {e.relation for e in view.edges}
        for edge in view.edges:
            if edge.type is RelationType.UNDERCUTS:
                assert edge.target in drawn


def test_node_view_has_focus_neighbours_and_no_frames(mini: ArgumentMap) -> None:
    view = views.node_view(mini, "io-evidence")
    assert view.focus == "io-evidence"
    assert {"io-evidence", "tricky", "io-limit"} <= set(view.nodes)
    assert "thesis" in view.nodes  # the path to the thesis
    assert view.clusters == ()  # so node views can share a `dot` process (see render)


def test_section_view_frames_only_its_own_nodes(mini: ArgumentMap) -> None:
    view = views.section_view(mini, "io")
    own = {"io-evidence", "io-limit", "open-q"}
    assert own <= set(view.nodes)
    assert set(view.nodes) - own  # neighbours from other sections
    assert {n for c in view.clusters for n in c.nodes} == own


def test_legend_shows_every_node_and_relation_type() -> None:
    legend = views.legend()
    nodes = views.LEGEND_MAP.node_index()
    assert {nodes[n].type for n in legend.nodes} == set(NodeType)
    assert {e.type for e in legend.edges} == set(RelationType)
    assert any(len(e.sources) > 1 for e in legend.edges)
    assert any(nodes[n].implicit for n in legend.nodes)
    assert legend.summaries


def test_legend_relations_respect_the_vocabulary() -> None:
    nodes = views.LEGEND_MAP.node_index()
    for rel in views.LEGEND_MAP.relations:
        sources, targets = ENDPOINTS[rel.type]
        assert all(nodes[s].type in sources for s in rel.sources)
        if rel.type is not RelationType.UNDERCUTS:
            assert nodes[rel.target].type in targets


def test_long_path_to_the_thesis_is_elided() -> None:
    chain = ArgumentMap(
        nodes=(
            Node("t", NodeType.THESIS, "T"),
            *tuple(Node(f"c{i}", NodeType.CLAIM, f"C{i}") for i in range(10)),
        ),
        relations=tuple(
            Relation(f"r{i}", RelationType.SUPPORTS, (f"c{i}",), f"c{i - 1}" if i else "t")
            for i in range(10)
        ),
    )
    view = views.node_view(chain, "c9")
    assert "t" in view.nodes
    elided = [e for e in view.edges if not e.relation]
    assert len(elided) == 1
    assert elided[0].target == "t"
    assert elided[0].count > 1
    assert len(view.nodes) < 10


def test_big_overview_collapses_sections_and_stays_bounded() -> None:
    amap = big_map(5000)
    view = views.overview(amap)
    assert view.nodes == ("n0",)
    assert 0 < len(view.summaries) <= views.MAX_BOXES
    assert len(view.edges) <= views.MAX_LINKS + len(view.nodes)
    assert sum(b.nodes for b in view.summaries) == len(amap.nodes) - 1
    assert all(b.link.startswith("section/") or not b.link for b in view.summaries)
    boxes = {b.id for b in view.summaries}
    for edge in view.edges:
        assert {*edge.sources, edge.target} <= boxes | {"n0"}
        assert edge.count == sum(n for _, n in edge.breakdown)


def test_big_section_collapses_its_subsections() -> None:
    amap = big_map(2000, per_section=40)
    view = views.section_view(amap, "s0")  # s0 holds s1..s4: 200 nodes
    assert view.summaries
    assert len(view.nodes) <= views.MAX_DETAILED + views.MAX_EXTERNAL


def test_node_views_are_bounded_on_a_big_map() -> None:
    amap = big_map(3000)
    idx = views.build_index(amap)
    sizes = [len(views.node_view(amap, n.id, idx).nodes) for n in amap.nodes[::97]]
    assert max(sizes) <= views.MAX_NODE_VIEW + views.MAX_PATH + 2 + 1


def test_unknown_references_do_not_break_views() -> None:
    amap = ArgumentMap(
        nodes=(Node("a", NodeType.CLAIM, "A", section="nowhere"),),
        relations=(Relation("r", RelationType.SUPPORTS, ("a",), "missing"),),
    )
    assert views.node_view(amap, "a").edges == ()
    assert views.overview(amap).clusters == ()


def test_sections_nested_in_a_circle_do_not_hang() -> None:
    amap = ArgumentMap(
        nodes=(Node("a", NodeType.CLAIM, "A", section="x"),),
        sections=(Section("x", "X", parent="y"), Section("y", "Y", parent="x")),
    )
    assert views.section_view(amap, "x").nodes == ("a",)
    assert len(views.all_views(amap)) == 5


def test_mid_sized_overview_keeps_the_backbone_and_boxes_the_rest() -> None:
    amap = big_map(100)  # all claims: make most of them premises
    nodes = tuple(
        n if i % 5 == 0 else Node(n.id, NodeType.PREMISE, n.title, section=n.section)
        for i, n in enumerate(amap.nodes)
    )
    amap = ArgumentMap(nodes, amap.relations, amap.sections)
    view = views.overview(amap)
    assert set(view.nodes) == {n.id for n in nodes if n.type in (NodeType.THESIS, NodeType.CLAIM)}
    assert view.summaries
    assert all(b.tag == views.DETAILS_TAG and b.parent for b in view.summaries)
    frames = {c.id for c in view.clusters}
    assert {b.parent for b in view.summaries} <= frames
    assert sum(b.nodes for b in view.summaries) == len(nodes) - len(view.nodes)


def card_map() -> ArgumentMap:
    """Over MAX_FULL nodes, few claims: a thesis, nested sections, claims relating inside and
    across sections, a chain deeper than MAX_DEPTH, a loop, and premises counted per section."""
    sections = (
        Section("intro", "Introduction"),
        Section("parts", "Parts"),
        Section("a", "Part A", parent="parts"),
        Section("b", "Part B", parent="parts"),
    )
    claim = NodeType.CLAIM
    nodes = [
        Node("c1", claim, "Claim one", section="intro"),
        Node("t", NodeType.THESIS, "The thesis", section="intro"),
        *(Node(f"a{i}", claim, f"Chain {i}", section="a") for i in range(6)),
        Node("b1", claim, "Loop one", section="b"),
        Node("b2", claim, "Loop two", section="b"),
        *(Node(f"p{i}", NodeType.PREMISE, f"Premise {i}", section="ab"[i % 2]) for i in range(40)),
    ]
    support, attack = RelationType.SUPPORTS, RelationType.ATTACKS
    rels = [
        Relation("t-c1", support, ("t",), "c1"),  # a thesis never hangs under a claim
        Relation("a0-t", support, ("a0",), "t"),
        *(Relation(f"a{i}-a{i - 1}", support, (f"a{i}",), f"a{i - 1}") for i in range(1, 6)),
        Relation("b1-b2", support, ("b1",), "b2"),
        Relation("b2-b1", attack, ("b2",), "b1"),
        Relation("b1-c1", attack, ("b1",), "c1"),
        *(Relation(f"p{i}-r", support, (f"p{i}",), "a0" if i % 2 else "b2") for i in range(40)),
        Relation("p1-p0", attack, ("p1",), "p0"),  # between the footers of A and B
    ]
    return ArgumentMap(tuple(nodes), tuple(rels), sections)


def test_mid_sized_overview_draws_each_section_as_a_card() -> None:
    amap = card_map()
    view = views.overview(amap)
    assert view.layout == views.CARDS
    cards = {c.id: c for c in view.clusters}
    assert list(cards) == ["intro", "parts", "a", "b"]
    assert cards["a"].parent == cards["b"].parent == "parts"
    assert cards["parts"].rows == ()  # a frame of its subsections only
    assert [r.node for r in cards["intro"].rows] == ["t", "c1"]  # the thesis heads its card
    assert sorted(view.nodes) == sorted(n.id for n in amap.nodes if n.type is not NodeType.PREMISE)
    assert [b.parent for b in view.summaries] == ["a", "b"]
    assert all(b.tag == views.DETAILS_TAG for b in view.summaries)
    assert sum(b.nodes for b in view.summaries) == 40


def test_card_rows_nest_under_the_claim_they_relate_to() -> None:
    view = views.overview(card_map())
    rels = {e.relation: e for e in view.edges if e.relation}
    for card in view.clusters:
        for i, row in enumerate(card.rows):
            assert row.depth <= views.MAX_DEPTH
            if not row.via:
                continue
            parent = next(r for r in reversed(card.rows[:i]) if r.depth < row.depth)
            assert parent.depth == row.depth - 1
            assert row.node in rels[row.via].sources
            assert rels[row.via].target == parent.node
    chain = next(c for c in view.clusters if c.id == "a").rows
    assert [r.depth for r in chain] == [0, 1, 2, 3, 0, 1]  # too deep: starts over
    assert chain[4].via == ""  # its relation is written out instead
    loop = next(c for c in view.clusters if c.id == "b").rows
    assert [(r.node, r.depth) for r in loop] == [("b2", 0), ("b1", 1)]


def test_card_overview_leaves_footer_relations_inside_a_card_to_the_section_map() -> None:
    view = views.overview(card_map())
    home = {n: c.id for c in view.clusters for n in c.nodes}
    home.update({b.id: b.parent for b in view.summaries})
    summed = [e for e in view.edges if not e.relation]
    assert summed
    assert all(home[e.sources[0]] != home[e.target] for e in summed)
    assert any(e.sources[0] == "section/b" and e.target == "section/a" for e in summed)
    assert views.overview(card_map()) == view  # deterministic


def test_relations_within_a_node_set_are_those_touching_it_with_every_end_inside() -> None:
    """`within` finds relations through their first node only; it must miss none."""
    from argmap.viewindex import touching, within
    from benchmarks.synthetic import make_map

    amap = make_map(300, seed=3)
    idx = views.build_index(amap)
    rng = random.Random(5)
    ids = [n.id for n in amap.nodes]
    for size in (1, 2, 5, 12, 40, 300):
        shown = rng.sample(ids, size)
        inside = set(shown)
        expected = [r for r in touching(idx, shown) if all(e in inside for e in idx.ends[r.id])]
        assert list(within(idx, shown)) == expected
        assert size < 40 or expected  # the check compares something


def test_the_index_is_built_once_per_map_and_never_reused_for_another() -> None:
    from dataclasses import replace

    from argmap.viewindex import build_index

    one = ArgumentMap(nodes=(Node("t", NodeType.THESIS, "T"), Node("c", NodeType.CLAIM, "C")))
    assert build_index(one) is build_index(one)  # views, DOT and pages share it
    other = replace(one, nodes=(*one.nodes, Node("d", NodeType.CLAIM, "D")))
    assert set(build_index(other).nodes) == {"t", "c", "d"}
    equal = replace(one)  # equal, but another object: its own index, still right
    assert build_index(equal) is not build_index(other)
    assert set(build_index(equal).nodes) == {"t", "c"}
