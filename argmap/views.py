"""What one diagram shows, as data: the whole map, a section, a node's neighbourhood, a legend.

Views never mention DOT or colours, so they can be tested without Graphviz and reused by
other outputs (outlines, exports). Every builder is deterministic: document order throughout.
Large maps stay readable because views are bounded: the overview collapses sections into
summary boxes, section views collapse big subsections, node views cap their neighbourhood.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from argmap.model import ArgumentMap, Node, Relation, Section
from argmap.vocabulary import NodeType, RelationType

# Large maps hurt comprehension (argument-mapping studies, field notes) and, drawn whole, run
# to thousands of pixels wide. Up to MAX_FULL nodes a map is drawn whole; above it the
# overview keeps the backbone (theses and claims) with one box per section for the rest, and
# a section with subsections folds them into boxes. When even the backbone is over
# MAX_BACKBONE, the overview shows one box per top-level section. No view passes MAX_DETAILED.
MAX_FULL = 40
MAX_BACKBONE = 60
MAX_DETAILED = 150
MAX_BOXES = 60  # summary boxes in one view; the rest are merged into one "more" box
MAX_LINKS = 120  # aggregated edges between boxes; the heaviest are kept
MAX_EXTERNAL = 10  # neighbours from other sections shown in a section view
MAX_NEAR = 12  # distance-1 neighbours in a node view
MAX_NODE_VIEW = 16  # all nodes of a node view, before the path to the thesis is added
MAX_FANOUT = 3  # nodes at distance 2 brought in by each neighbour
MAX_PATH = 3  # steps of the path to the thesis drawn; a longer rest becomes one dashed edge

LEGEND_ID = "legend"
DETAILS_TAG = "MORE IN THIS SECTION"  # the tag of a box holding a framed section's details
OVERVIEW_ID = "overview"


@dataclass(frozen=True)
class ViewEdge:
    """One drawn edge: a relation; or, with relation == "", either `count` relations summed
    between summary boxes, or a path to the thesis of `count` more steps, drawn as one edge."""

    relation: str
    type: RelationType
    sources: tuple[str, ...]  # node ids, summary ids; several = linked premises
    target: str  # a node id, a summary id, or (undercuts) a relation id
    count: int = 1
    # For edges between boxes: how many relations of each type (type is the commonest).
    breakdown: tuple[tuple[RelationType, int], ...] = ()


@dataclass(frozen=True)
class Cluster:
    id: str  # section id
    title: str
    nodes: tuple[str, ...]  # nodes directly in this section (not in sub-clusters)
    parent: str = ""  # enclosing cluster, when it is in the same view


@dataclass(frozen=True)
class Summary:
    """Nodes drawn as one box: a collapsed section, or the details of a framed section."""

    id: str  # "section/<id>"; never clashes with node ids, which contain no "/"
    title: str
    nodes: int
    claims: int
    link: str = ""  # id of the view to open; "" when the box stands for several sections
    parent: str = ""  # the section frame that holds the box, when it is in the view
    tag: str = "SECTION"  # the small capitals line above the title
    note: str = ""  # the small line below it


@dataclass(frozen=True)
class View:
    id: str
    title: str
    description: str
    nodes: tuple[str, ...]
    edges: tuple[ViewEdge, ...]
    clusters: tuple[Cluster, ...]
    focus: str = ""
    summaries: tuple[Summary, ...] = ()


@dataclass(frozen=True)
class MapIndex:
    """Look-ups built once per map, so building thousands of views stays linear."""

    nodes: Mapping[str, Node]
    relations: Mapping[str, Relation]
    sections: Mapping[str, Section]
    section_list: tuple[Section, ...]
    order: Mapping[str, int]  # node id -> document position
    rel_order: Mapping[str, int]
    touching: Mapping[str, tuple[str, ...]]  # node id -> relations it takes part in
    ends: Mapping[str, tuple[str, ...]]  # relation id -> the known nodes it connects
    members: Mapping[str, tuple[str, ...]]  # section id -> nodes directly in it
    children: Mapping[str, tuple[str, ...]]  # section id ("" = top) -> child sections
    toward_thesis: Mapping[str, str]  # node id -> first relation of a shortest path to a thesis
    reach: Mapping[str, tuple[str, int]]  # node id -> (nearest thesis, steps to it)


def build_index(amap: ArgumentMap) -> MapIndex:
    nodes, relations = amap.node_index(), amap.relation_index()
    sections = {s.id: s for s in amap.sections}
    touching: dict[str, list[str]] = {}
    ends: dict[str, tuple[str, ...]] = {}
    for rel in amap.relations:
        raw = _raw_ends(relations, rel)
        ends[rel.id] = raw if all(e in nodes for e in raw) else ()  # broken: never drawn
        for end in ends[rel.id]:
            touching.setdefault(end, []).append(rel.id)
    members: dict[str, list[str]] = {}
    for n in amap.nodes:
        members.setdefault(n.section, []).append(n.id)
    children: dict[str, list[str]] = {}
    for s in amap.sections:
        children.setdefault(s.parent if s.parent in sections else "", []).append(s.id)
    return MapIndex(
        nodes,
        relations,
        sections,
        amap.sections,
        {n.id: i for i, n in enumerate(amap.nodes)},
        {r.id: i for i, r in enumerate(amap.relations)},
        _frozen(touching),
        ends,
        _frozen(members),
        _frozen(children),
        *_toward_thesis(amap, relations),
    )


def _frozen(d: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(dict.fromkeys(v)) for k, v in d.items()}


def _raw_ends(relations: Mapping[str, Relation], rel: Relation) -> tuple[str, ...]:
    """Node ids a relation connects; an undercut also touches the inference it attacks."""
    target = relations.get(rel.target) if rel.type is RelationType.UNDERCUTS else None
    if target is not None and target.type is not RelationType.UNDERCUTS:
        return tuple(dict.fromkeys((*rel.sources, *target.sources, target.target)))
    return tuple(dict.fromkeys((*rel.sources, rel.target)))


def node_ends(idx: MapIndex, rel: Relation) -> tuple[str, ...]:
    """The nodes a relation connects; none when one of them is unknown (the validator says so)."""
    return idx.ends[rel.id]


def _head(relations: Mapping[str, Relation], rel: Relation) -> str:
    """Where a relation points: its target node, or for an undercut the attacked one's."""
    if rel.type is RelationType.UNDERCUTS and rel.target in relations:
        return relations[rel.target].target
    return rel.target


def _toward_thesis(
    amap: ArgumentMap, relations: Mapping[str, Relation]
) -> tuple[dict[str, str], dict[str, tuple[str, int]]]:
    """Breadth-first from every thesis against the arrows: each node's next hop, and which
    thesis it reaches in how many steps (so views never walk long paths)."""
    incoming: dict[str, list[Relation]] = {}
    for rel in amap.relations:
        incoming.setdefault(_head(relations, rel), []).append(rel)
    reach = {n.id: (n.id, 0) for n in amap.nodes if n.type is NodeType.THESIS}
    queue = deque(reach)
    known = {n.id for n in amap.nodes}
    hop: dict[str, str] = {}
    while queue:
        here = queue.popleft()
        for rel in incoming.get(here, ()):
            for src in rel.sources:
                if src not in reach and src in known:
                    reach[src] = (reach[here][0], reach[here][1] + 1)
                    hop[src] = rel.id
                    queue.append(src)
    return hop, reach


def thesis_path(idx: MapIndex, node_id: str, limit: int = -1) -> tuple[str, ...]:
    """Relation ids leading from a node towards the nearest thesis, at most `limit` of them."""
    path: list[str] = []
    while node_id in idx.toward_thesis and len(path) != limit:
        path.append(idx.toward_thesis[node_id])
        node_id = _head(idx.relations, idx.relations[path[-1]])
    return tuple(path)


def section_view_id(section_id: str) -> str:
    return f"section/{section_id}"


def node_view_id(node_id: str) -> str:
    return f"node/{node_id}"


def overview(amap: ArgumentMap, idx: MapIndex | None = None) -> View:
    idx = idx or build_index(amap)
    title = "Argument map: overview"
    if len(amap.nodes) <= MAX_FULL:
        nodes = tuple(n.id for n in amap.nodes)
        edges = _edges(idx, {n: n for n in nodes}, amap.relations)
        desc = _describe("The whole argument", nodes, edges, ())
        return View(OVERVIEW_ID, title, desc, nodes, edges, _clusters(idx, nodes))
    backbone = tuple(n.id for n in amap.nodes if n.type in _BACKBONE)
    if len(backbone) <= MAX_BACKBONE:
        sections = tuple(s.id for s in amap.sections)
        shown, (boxes, group) = backbone, _summaries(idx, sections, set(backbone), fold=False)
        what, framed = "Theses and claims; the other nodes boxed per section", True
    else:
        shown = tuple(n.id for n in amap.nodes if n.type is NodeType.THESIS)[:MAX_BOXES]
        boxes, group = _summaries(idx, idx.children.get("", ()), set(shown))
        # No frames: the thesis's own section is already one of the boxes.
        what, framed = "The whole argument, sections collapsed", False
    group.update({n: n for n in shown})
    orphans = [n.id for n in amap.nodes if n.id not in group]
    if orphans:  # nodes outside any known section must still be counted somewhere
        group.update(dict.fromkeys(orphans, "section/"))
        boxes += (_summary(idx, "section/", "Outside the sections", orphans, ""),)
    edges = _edges(idx, group, amap.relations)
    desc = _describe(what, shown, edges, boxes)
    frames = _clusters(idx, shown, [b.parent for b in boxes]) if framed else ()
    return View(OVERVIEW_ID, title, desc, shown, edges, frames, "", boxes)


_BACKBONE = frozenset({NodeType.THESIS, NodeType.CLAIM})


def section_view(amap: ArgumentMap, section_id: str, idx: MapIndex | None = None) -> View:
    idx = idx or build_index(amap)
    section = idx.sections[section_id]
    inside = _descendant_nodes(idx, section_id)
    children = idx.children.get(section_id, ())
    if len(inside) <= (MAX_FULL if children else MAX_DETAILED):
        own: tuple[str, ...] = inside
        boxes: tuple[Summary, ...] = ()
        group = {n: n for n in own}
    else:
        own = _capped(idx, idx.members.get(section_id, ()), MAX_DETAILED)
        boxes, group = _summaries(idx, children, set(own), within=section_id)
        group.update({n: n for n in own})
    drawn = [n for n in inside if n in group]  # shown, or inside a box
    external = _external_neighbours(idx, drawn, set(inside))
    group.update({n: n for n in external})
    nodes = own + external
    edges = _edges(idx, group, _touching(idx, drawn))
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
    edges = _edges(idx, {n: n for n in nodes}, _touching(idx, nodes)) + elided
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
    start = _head(idx.relations, idx.relations[path[-1]])
    kind = idx.relations[idx.toward_thesis[start]].type
    return (ViewEdge("", kind, (start,), thesis, steps - len(path)),)


def all_views(amap: ArgumentMap) -> tuple[View, ...]:
    """Overview, then sections and nodes in document order, then the legend."""
    idx = build_index(amap)
    sections = tuple(section_view(amap, s.id, idx) for s in amap.sections)
    nodes = tuple(node_view(amap, n.id, idx) for n in amap.nodes)
    return (overview(amap, idx), *sections, *nodes, legend())


def legend() -> View:
    idx = build_index(LEGEND_MAP)
    nodes = tuple(n.id for n in LEGEND_MAP.nodes)
    edges = _edges(idx, {n: n for n in nodes}, LEGEND_MAP.relations)
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


def _descendant_nodes(idx: MapIndex, section_id: str) -> tuple[str, ...]:
    found: list[str] = []
    seen, stack = {section_id}, [section_id]
    while stack:  # `seen`: an invalid map may nest sections in a circle
        sid = stack.pop()
        found.extend(idx.members.get(sid, ()))
        stack.extend(c for c in idx.children.get(sid, ()) if c not in seen)
        seen.update(idx.children.get(sid, ()))
    return tuple(sorted(found, key=idx.order.__getitem__))


_PRIORITY = {t: i for i, t in enumerate(NodeType)}


def _capped(idx: MapIndex, node_ids: Iterable[str], limit: int) -> tuple[str, ...]:
    """The most central nodes (theses and claims first), back in document order."""
    ranked = sorted(node_ids, key=lambda n: (_PRIORITY[idx.nodes[n].type], idx.order[n]))
    return tuple(sorted(ranked[:limit], key=idx.order.__getitem__))


def _summaries(
    idx: MapIndex,
    section_ids: tuple[str, ...],
    shown: set[str],
    fold: bool = True,
    within: str = "",
) -> tuple[tuple[Summary, ...], dict[str, str]]:
    """One box per section for its nodes not shown, and node id -> box id for those nodes.

    fold: a box holds its section's subsections too (collapsed sections, drawn in `within`);
    otherwise it holds the section's own remaining nodes and sits in that section's frame.
    """
    boxes: list[Summary] = []
    group: dict[str, str] = {}
    overflow = section_ids[MAX_BOXES - 1 :] if len(section_ids) > MAX_BOXES else ()
    for sid in section_ids[: len(section_ids) - len(overflow)]:
        pool = _descendant_nodes(idx, sid) if fold else idx.members.get(sid, ())
        members = [n for n in pool if n not in shown]
        if not members:
            continue
        box_id = section_view_id(sid)
        group.update(dict.fromkeys(members, box_id))
        box = _summary(idx, box_id, idx.sections[sid].title, members, box_id)
        boxes.append(box if fold else _details(idx, box, members, sid))
        boxes[-1] = replace(boxes[-1], parent=within or boxes[-1].parent)
    if overflow:
        members = [n for s in overflow for n in _descendant_nodes(idx, s) if n not in shown]
        group.update(dict.fromkeys(members, "section/+"))
        title = f"{len(overflow)} more sections"
        boxes.append(replace(_summary(idx, "section/+", title, members, ""), parent=within))
    return tuple(boxes), group


def _summary(idx: MapIndex, box_id: str, title: str, members: list[str], link: str) -> Summary:
    claims = sum(1 for n in members if idx.nodes[n].type in _BACKBONE)
    note = f"{_count(claims, 'claim')} · {_count(len(members), 'node')}"
    return Summary(box_id, title, len(members), claims, link, note=note)


_PLURAL = {NodeType.EVIDENCE: "evidence", NodeType.THESIS: "theses"}


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _details(idx: MapIndex, box: Summary, members: list[str], section_id: str) -> Summary:
    """The nodes a backbone overview leaves out of one section, counted by type."""
    counts = {t: sum(1 for n in members if idx.nodes[n].type is t) for t in NodeType}
    kinds = [
        f"{c} {_PLURAL.get(t, t.value + 's') if c > 1 else t.value}" for t, c in counts.items() if c
    ]
    return replace(
        box,
        title=", ".join(kinds),
        parent=section_id,
        tag=DETAILS_TAG,
        note="open the section map",
    )


def _touching(idx: MapIndex, node_ids: Iterable[str]) -> tuple[Relation, ...]:
    rel_ids = {r for n in node_ids for r in idx.touching.get(n, ())}
    return tuple(idx.relations[r] for r in sorted(rel_ids, key=idx.rel_order.__getitem__))


def _external_neighbours(idx: MapIndex, own: Iterable[str], inside: set[str]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for rel in _touching(idx, own):
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
    _grow(idx, [node_id], picked, MAX_NEAR, MAX_NEAR)
    for near in [n for n in picked if n != node_id]:
        _grow(idx, [near], picked, MAX_FANOUT, MAX_NODE_VIEW)
    return picked


def _grow(
    idx: MapIndex, frontier: list[str], picked: dict[str, None], each: int, limit: int
) -> None:
    added = 0
    for rel in _touching(idx, frontier):
        ends = [e for e in node_ends(idx, rel) if e not in picked]
        if ends and added + len(ends) <= each and len(picked) + len(ends) <= limit:
            picked.update(dict.fromkeys(ends))
            added += len(ends)


def _edges(
    idx: MapIndex, group: Mapping[str, str], rels: Iterable[Relation]
) -> tuple[ViewEdge, ...]:
    """Relations whose ends are all shown; relations into boxes summed per (from, to, type)."""
    direct: dict[str, ViewEdge] = {}
    summed: dict[tuple[str, str], dict[RelationType, int]] = {}
    undercuts: list[Relation] = []
    for rel in rels:
        ends = node_ends(idx, rel)
        if not ends or any(e not in group for e in ends):
            continue
        if rel.type is RelationType.UNDERCUTS:
            undercuts.append(rel)
        elif all(group[e] == e for e in ends):
            direct[rel.id] = ViewEdge(rel.id, rel.type, rel.sources, rel.target)
        else:
            for src in rel.sources:
                pair = (group[src], group[rel.target])
                if pair[0] != pair[1]:
                    counts = summed.setdefault(pair, {})
                    counts[rel.type] = counts.get(rel.type, 0) + 1
    for rel in undercuts:
        if rel.target in direct and group[rel.sources[0]] == rel.sources[0]:
            direct[rel.id] = ViewEdge(rel.id, rel.type, rel.sources, rel.target)
    return (*direct.values(), *_summed(summed))


def _summed(summed: dict[tuple[str, str], dict[RelationType, int]]) -> list[ViewEdge]:
    """One edge per pair of boxes, the heaviest MAX_LINKS kept, in first-seen order."""
    totals = {pair: sum(c.values()) for pair, c in summed.items()}
    kept = set(sorted(totals, key=lambda p: -totals[p])[:MAX_LINKS])
    edges = []
    for pair, counts in summed.items():
        if pair in kept:
            breakdown = tuple((t, counts[t]) for t in RelationType if t in counts)
            main = max(breakdown, key=lambda tc: tc[1])[0]
            edges.append(ViewEdge("", main, (pair[0],), pair[1], totals[pair], breakdown))
    return edges


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
