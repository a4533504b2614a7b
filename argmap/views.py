"""What one diagram shows, as data: the whole map, a section, a node's neighbourhood, a legend.

Views never mention DOT or colours, so they can be tested without Graphviz and reused by
other outputs (outlines, exports). Every builder is deterministic: document order throughout.
Large maps stay readable because views are bounded: the overview collapses sections into
summary boxes, section views collapse big subsections, node views cap their neighbourhood.

Data classes: `argmap.viewdata`; map look-ups: `argmap.viewindex`; summary boxes and edges:
`argmap.viewsummary`. Their public names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from argmap.model import ArgumentMap, Node, Relation, Section
from argmap.viewcards import MAX_DEPTH, section_cards
from argmap.viewdata import (
    CARDS,
    DETAILS_TAG,
    LEGEND_ID,
    OVERVIEW_ID,
    Cluster,
    Row,
    Summary,
    View,
    ViewEdge,
    node_view_id,
    section_view_id,
)
from argmap.viewindex import (
    MapIndex,
    build_index,
    descendant_nodes,
    node_ends,
    relation_head,
    thesis_path,
    touching,
    within,
)
from argmap.viewsummary import BACKBONE, MAX_BOXES, MAX_LINKS, summaries, summary, view_edges
from argmap.vocabulary import NodeType, RelationType

__all__ = [
    "CARDS",
    "DETAILS_TAG",
    "LEGEND_ID",
    "LEGEND_MAP",
    "MAX_BACKBONE",
    "MAX_BOXES",
    "MAX_DEPTH",
    "MAX_DETAILED",
    "MAX_EXTERNAL",
    "MAX_FANOUT",
    "MAX_FULL",
    "MAX_LINKS",
    "MAX_NEAR",
    "MAX_NODE_VIEW",
    "MAX_PATH",
    "OVERVIEW_ID",
    "Cluster",
    "MapIndex",
    "Row",
    "Summary",
    "View",
    "ViewEdge",
    "all_views",
    "build_index",
    "legend",
    "node_ends",
    "node_view",
    "node_view_id",
    "overview",
    "section_view",
    "section_view_id",
    "thesis_path",
]

# Large maps hurt comprehension (argument-mapping studies, field notes) and, drawn whole, run
# to thousands of pixels wide. Up to MAX_FULL nodes a map is drawn whole; above it the
# overview draws each section as one card listing its backbone (theses and claims) and
# counting the rest (argmap.viewcards), and a section with subsections folds them into boxes.
# When even the backbone is over MAX_BACKBONE, the overview shows one box per top-level
# section. No view passes MAX_DETAILED.
# MAX_BOXES and MAX_LINKS, the bounds on summary boxes and their edges, are in viewsummary.
MAX_FULL = 40
MAX_BACKBONE = 60
MAX_DETAILED = 150
MAX_EXTERNAL = 10  # neighbours from other sections shown in a section view
MAX_NEAR = 12  # distance-1 neighbours in a node view
MAX_NODE_VIEW = 16  # all nodes of a node view, before the path to the thesis is added
MAX_FANOUT = 3  # nodes at distance 2 brought in by each neighbour
MAX_PATH = 3  # steps of the path to the thesis drawn; a longer rest becomes one dashed edge


def overview(amap: ArgumentMap, idx: MapIndex | None = None) -> View:
    idx = idx or build_index(amap)
    title = "Argument map: overview"
    if len(amap.nodes) <= MAX_FULL:
        nodes = tuple(n.id for n in amap.nodes)
        edges = view_edges(idx, {n: n for n in nodes}, amap.relations)
        desc = _describe("The whole argument", nodes, edges, ())
        return View(OVERVIEW_ID, title, desc, nodes, edges, _clusters(idx, nodes))
    backbone = tuple(n.id for n in amap.nodes if n.type in BACKBONE)
    if len(backbone) <= MAX_BACKBONE:
        shown, edges, cards, boxes = section_cards(idx, backbone, amap.relations)
        what = f"{len(cards)} sections as cards, each with its theses and claims"
        desc = _describe(what + " and a count of its other nodes", shown, edges, ())
        return View(OVERVIEW_ID, title, desc, shown, edges, cards, "", boxes, CARDS)
    shown = tuple(n.id for n in amap.nodes if n.type is NodeType.THESIS)[:MAX_BOXES]
    boxes, group = summaries(idx, idx.children.get("", ()), set(shown))
    group.update({n: n for n in shown})
    orphans = [n.id for n in amap.nodes if n.id not in group]
    if orphans:  # nodes outside any known section must still be counted somewhere
        group.update(dict.fromkeys(orphans, "section/"))
        boxes += (summary(idx, "section/", "Outside the sections", orphans, ""),)
    edges = view_edges(idx, group, amap.relations)
    # No frames: the thesis's own section is already one of the boxes.
    desc = _describe("The whole argument, sections collapsed", shown, edges, boxes)
    return View(OVERVIEW_ID, title, desc, shown, edges, (), "", boxes)


def section_view(amap: ArgumentMap, section_id: str, idx: MapIndex | None = None) -> View:
    idx = idx or build_index(amap)
    section = idx.sections[section_id]
    inside = descendant_nodes(idx, section_id)
    children = idx.children.get(section_id, ())
    if len(inside) <= (MAX_FULL if children else MAX_DETAILED):
        own: tuple[str, ...] = inside
        boxes: tuple[Summary, ...] = ()
        group = {n: n for n in own}
    else:
        own = _capped(idx, idx.members.get(section_id, ()), MAX_DETAILED)
        boxes, group = summaries(idx, children, set(own), within=section_id)
        group.update({n: n for n in own})
    drawn = [n for n in inside if n in group]  # shown, or inside a box
    external = _external_neighbours(idx, drawn, set(inside))
    group.update({n: n for n in external})
    nodes = own + external
    edges = view_edges(idx, group, touching(idx, drawn))
    desc = _describe(f"Section “{section.title}” and its neighbours", nodes, edges, boxes)
    hidden = len(inside) - len(own) - sum(b.nodes for b in boxes)
    desc += f" {hidden} more nodes of the section are on their own pages." if hidden else ""
    clusters = _clusters(idx, own, [section_id])  # neighbours from elsewhere stay unframed
    vid = section_view_id(section_id)
    return View(vid, f"Section: {section.title}", desc, nodes, edges, clusters, "", boxes)


def node_view(amap: ArgumentMap, node_id: str, idx: MapIndex | None = None) -> View:
    idx = idx or build_index(amap)
    picked = _neighbourhood(idx, node_id)
    path = thesis_path(idx, node_id, MAX_PATH)
    for rel_id in path:
        picked.update(dict.fromkeys(node_ends(idx, idx.relations[rel_id])))
    elided = _elision(idx, node_id, path, picked)
    nodes = tuple(sorted(picked, key=idx.order.__getitem__))
    edges = view_edges(idx, {n: n for n in nodes}, within(idx, nodes)) + elided
    node = idx.nodes[node_id]
    desc = _describe(f"“{node.title}” and the nodes around it", nodes, edges, ())
    title = f"{node.type.value.capitalize()}: {node.title}"
    # No section frames: Graphviz (2.43, measured) lays out clustered graphs differently
    # depending on what ran before in the same process, so only unframed graphs can share
    # a `dot` process, and node views are the thousands that must.
    return View(node_view_id(node_id), title, desc, nodes, edges, (), node_id)


def _elision(
    idx: MapIndex, node_id: str, path: tuple[str, ...], picked: dict[str, None]
) -> tuple[ViewEdge, ...]:
    """A long way to the thesis: its first steps are drawn, the rest is one counted edge."""
    thesis, steps = idx.reach.get(node_id, ("", 0))
    if steps <= len(path) or thesis in picked:
        return ()
    picked[thesis] = None
    start = relation_head(idx.relations, idx.relations[path[-1]])
    kind = idx.relations[idx.toward_thesis[start]].type
    return (ViewEdge("", kind, (start,), thesis, steps - len(path)),)


def all_views(amap: ArgumentMap) -> tuple[View, ...]:
    """Overview, then sections and nodes in document order, then the legend."""
    return tuple(iter_views(amap))


def iter_views(amap: ArgumentMap) -> Iterator[View]:
    """`all_views` one at a time, so that later stages can start on the first ones."""
    idx = build_index(amap)
    yield overview(amap, idx)
    yield from (section_view(amap, s.id, idx) for s in amap.sections)
    yield from (node_view(amap, n.id, idx) for n in amap.nodes)
    yield legend()


def view_count(amap: ArgumentMap) -> int:
    """How many views `iter_views` yields."""
    return len(amap.sections) + len(amap.nodes) + 2


def legend() -> View:
    idx = build_index(LEGEND_MAP)
    nodes = tuple(n.id for n in LEGEND_MAP.nodes)
    edges = view_edges(idx, {n: n for n in nodes}, LEGEND_MAP.relations)
    box = Summary(
        "section/example", "A section, collapsed into one box", 12, 3, note="3 claims · 12 nodes"
    )
    both = ((RelationType.SUPPORTS, 3), (RelationType.ATTACKS, 1))
    edges += (ViewEdge("", RelationType.SUPPORTS, (box.id,), "thesis", 4, both),)
    desc = "One example of every node type and every relation type, as drawn in the maps."
    return View(LEGEND_ID, "Legend", desc, nodes, edges, (), "", (box,))


def _l_node(id_: str, type_: NodeType, title: str, implicit: bool = False) -> Node:
    return Node(id_, type_, title, text=title, implicit=implicit)


def _l_rel(id_: str, type_: RelationType, sources: tuple[str, ...], target: str) -> Relation:
    return Relation(id_, type_, sources, target)


# The legend draws from its own tiny map, so the same DOT code styles it as the real maps.
LEGEND_MAP = ArgumentMap(
    nodes=(
        _l_node("thesis", NodeType.THESIS, "Thesis: the main point"),
        _l_node("claim", NodeType.CLAIM, "Claim"),
        _l_node("premise", NodeType.PREMISE, "Premise"),
        _l_node("unstated", NodeType.PREMISE, "Unstated premise (dashed)", implicit=True),
        _l_node("evidence", NodeType.EVIDENCE, "Evidence, with citation"),
        _l_node("limitation", NodeType.LIMITATION, "Limitation"),
        _l_node("question", NodeType.QUESTION, "Open question"),
        _l_node("rephrased", NodeType.CLAIM, "The claim in other words"),
    ),
    relations=(
        _l_rel("r-supports", RelationType.SUPPORTS, ("claim",), "thesis"),
        _l_rel("r-linked", RelationType.SUPPORTS, ("premise", "unstated"), "claim"),
        _l_rel("r-evidence", RelationType.SUPPORTS, ("evidence",), "premise"),
        _l_rel("r-qualifies", RelationType.QUALIFIES, ("limitation",), "claim"),
        _l_rel("r-attacks", RelationType.ATTACKS, ("limitation",), "unstated"),
        _l_rel("r-undercuts", RelationType.UNDERCUTS, ("limitation",), "r-evidence"),
        _l_rel("r-raises", RelationType.RAISES, ("thesis",), "question"),
        _l_rel("r-answers", RelationType.ANSWERS, ("rephrased",), "question"),
        _l_rel("r-rephrases", RelationType.REPHRASES, ("rephrased",), "claim"),
    ),
)


def _describe(
    what: str, nodes: tuple[str, ...], edges: tuple[ViewEdge, ...], boxes: tuple[Summary, ...]
) -> str:
    relations = sum(e.count if e.breakdown else 1 for e in edges)
    parts = [f"{len(nodes)} nodes", f"{relations} relations"]
    if boxes:
        parts.append(f"{len(boxes)} collapsed sections")
    return f"{what}: {', '.join(parts)}."


_PRIORITY = {t: i for i, t in enumerate(NodeType)}


def _capped(idx: MapIndex, node_ids: Iterable[str], limit: int) -> tuple[str, ...]:
    """The most central nodes (theses and claims first), back in document order."""
    ranked = sorted(node_ids, key=lambda n: (_PRIORITY[idx.nodes[n].type], idx.order[n]))
    return tuple(sorted(ranked[:limit], key=idx.order.__getitem__))


def _external_neighbours(idx: MapIndex, own: Iterable[str], inside: set[str]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for rel in touching(idx, own):
        for end in node_ends(idx, rel):
            if end not in inside and len(found) < MAX_EXTERNAL:
                found[end] = None
    return tuple(sorted(found, key=idx.order.__getitem__))


def _neighbourhood(idx: MapIndex, node_id: str) -> dict[str, None]:
    """Distance 1, then distance 2, each relation taken whole (linked premises stay together).

    At distance 2 each neighbour brings at most MAX_FANOUT more, so a hub next to the focus
    (often the thesis) cannot flood the view with its own supporters.
    """
    picked: dict[str, None] = {node_id: None}
    _grow(idx, node_id, picked, MAX_NEAR, MAX_NEAR)
    for near in [n for n in picked if n != node_id]:
        _grow(idx, near, picked, MAX_FANOUT, MAX_NODE_VIEW)
    return picked


def _grow(idx: MapIndex, node_id: str, picked: dict[str, None], each: int, limit: int) -> None:
    added = 0
    for rel_id in idx.touching.get(node_id, ()):  # in document order
        if added >= each or len(picked) >= limit:
            return  # nothing more can fit: do not walk the rest of a hub's relations
        ends = [e for e in idx.ends[rel_id] if e not in picked]
        if ends and added + len(ends) <= each and len(picked) + len(ends) <= limit:
            picked.update(dict.fromkeys(ends))
            added += len(ends)


def _clusters(
    idx: MapIndex, nodes: Iterable[str], holding: Iterable[str] = ()
) -> tuple[Cluster, ...]:
    """A frame per section holding shown nodes (or boxes), with its ancestors, in document
    order."""
    direct: dict[str, list[str]] = {sid: [] for sid in holding if sid in idx.sections}
    for n in nodes:
        sid = idx.nodes[n].section
        if sid in idx.sections:
            direct.setdefault(sid, []).append(n)
    wanted: set[str] = set()
    for sid in direct:
        while sid in idx.sections and sid not in wanted:
            wanted.add(sid)
            sid = idx.sections[sid].parent
    return tuple(
        _cluster(s, direct.get(s.id, []), wanted) for s in idx.section_list if s.id in wanted
    )


def _cluster(section: Section, nodes: list[str], wanted: set[str]) -> Cluster:
    parent = section.parent if section.parent in wanted else ""
    return Cluster(section.id, section.title, tuple(nodes), parent)
