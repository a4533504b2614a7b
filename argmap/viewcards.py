"""The overview of a mid-sized map as section cards: a box per section, a row per main claim.

A map too big to draw whole, whose main claims (theses and claims) are few enough, is drawn
as one card per section in document order: the section's title, a row per main claim, and a
footer counting the section's other nodes. A claim that supports, attacks, qualifies… another
claim of its card is indented under it, named by the relation; a thesis always heads its
card. The view keeps every relation of the main claims, and those of the counted nodes with
other cards (summed per footer); relations between a footer and the rows of its own card
are left to the section map.

A section is a cluster of the view, its subsections clusters with it as parent; the
`rows` of a cluster give its claims in card order, nested (`argmap.overviewdot` draws them).
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model import Relation
from argmap.viewdata import Cluster, Row, Summary, ViewEdge
from argmap.viewindex import MapIndex
from argmap.viewsummary import summaries, summary, view_edges
from argmap.vocabulary import NodeType, RelationType

MAX_DEPTH = 3  # indentation levels in a card; a claim nested deeper starts a top-level row
LOOSE = "section/"  # the box of the nodes outside any known section


def section_cards(
    idx: MapIndex, backbone: tuple[str, ...], rels: Iterable[Relation]
) -> tuple[tuple[str, ...], tuple[ViewEdge, ...], tuple[Cluster, ...], tuple[Summary, ...]]:
    """Nodes (card by card, in row order), edges, clusters and footers of a card overview."""
    sections = tuple(s.id for s in idx.section_list)
    boxes, group = summaries(idx, sections, set(backbone), fold=False)
    group.update({n: n for n in backbone})
    orphans = [n for n in idx.order if n not in group]
    if orphans:  # nodes outside any known section must still be counted somewhere
        group.update(dict.fromkeys(orphans, LOOSE))
        boxes += (summary(idx, LOOSE, "Outside the sections", orphans, ""),)
    home = {n: _home(idx, n) for n in backbone} | {b.id: b.parent for b in boxes}
    edges = tuple(
        e
        for e in view_edges(idx, group, rels)
        if e.relation or home[e.sources[0]] != home[e.target]
    )
    clusters = _cards(idx, backbone, edges, {b.parent for b in boxes})
    carded = [n for c in clusters for n in c.nodes]
    loose = [n for n in backbone if not home[n]]
    return (*carded, *loose), edges, clusters, boxes


def _home(idx: MapIndex, node_id: str) -> str:
    section = idx.nodes[node_id].section
    return section if section in idx.sections else ""


def _cards(
    idx: MapIndex, backbone: tuple[str, ...], edges: tuple[ViewEdge, ...], footed: set[str]
) -> tuple[Cluster, ...]:
    """A card per section with main claims or a footer; frames for the sections around them."""
    members: dict[str, list[str]] = {}
    for n in backbone:
        members.setdefault(_home(idx, n), []).append(n)
    held = {s for s in members if s} | (footed & set(idx.sections))
    wanted: set[str] = set()
    for sid in held:
        while sid in idx.sections and sid not in wanted:
            wanted.add(sid)
            sid = idx.sections[sid].parent
    clusters = []
    for s in idx.section_list:
        if s.id in wanted:
            rows = _rows(idx, members.get(s.id, []), edges)
            parent = s.parent if s.parent in wanted else ""
            clusters.append(Cluster(s.id, s.title, tuple(r.node for r in rows), parent, rows))
    return tuple(clusters)


def _rows(idx: MapIndex, members: list[str], edges: tuple[ViewEdge, ...]) -> tuple[Row, ...]:
    """The card's claims as a forest: each under the first claim of the card it relates to,
    theses first, then in document order; none deeper than MAX_DEPTH."""
    inside = set(members)
    parent: dict[str, tuple[str, str]] = {}  # row -> (the row it hangs under, relation id)
    for e in edges:
        if not e.relation or e.type is RelationType.UNDERCUTS or e.target not in inside:
            continue
        for src in e.sources:
            free = src in inside and src not in parent and not _thesis(idx, src)
            if free and not _leads_to(parent, e.target, src):
                parent[src] = (e.target, e.relation)
    children: dict[str, list[str]] = {}
    for n in members:
        if n in parent:
            children.setdefault(parent[n][0], []).append(n)
    roots = [n for n in members if n not in parent and _thesis(idx, n)]
    roots += [n for n in members if n not in parent and not _thesis(idx, n)]
    rows: list[Row] = []

    def walk(node: str, depth: int, via: str) -> None:
        if depth > MAX_DEPTH:
            roots.append(node)  # drawn later, unindented, its relation as a line
            return
        rows.append(Row(node, depth, via))
        for child in children.get(node, ()):
            walk(child, depth + 1, parent[child][1])

    for root in roots:  # grows while walking
        walk(root, 0, "")
    return tuple(rows)


def _thesis(idx: MapIndex, node_id: str) -> bool:
    return idx.nodes[node_id].type is NodeType.THESIS


def _leads_to(parent: dict[str, tuple[str, str]], start: str, goal: str) -> bool:
    """Whether `goal` is `start` or above it: hanging `goal` under `start` would close a loop."""
    node = start
    while node:
        if node == goal:
            return True
        node = parent[node][0] if node in parent else ""
    return False
