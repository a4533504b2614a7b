"""Look-ups over one map, built once so that building thousands of views stays linear.

Besides plain indexes, the map index holds each node's shortest path toward a thesis, found
by one breadth-first walk, so node views never walk long paths themselves.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from argmap.model import ArgumentMap, Node, Relation, Section
from argmap.vocabulary import NodeType, RelationType


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
    led: Mapping[str, tuple[str, ...]]  # node id -> relations whose first end it is
    members: Mapping[str, tuple[str, ...]]  # section id -> nodes directly in it
    children: Mapping[str, tuple[str, ...]]  # section id ("" = top) -> child sections
    toward_thesis: Mapping[str, str]  # node id -> first relation of a shortest path to a thesis
    reach: Mapping[str, tuple[str, int]]  # node id -> (nearest thesis, steps to it)


_last: list[tuple[ArgumentMap, MapIndex]] = []  # the latest map (kept alive) and its index


def build_index(amap: ArgumentMap) -> MapIndex:
    """The look-ups of a map. Views, DOT and pages each ask for the same map's index, so the
    latest is kept: maps are immutable, and holding the map keeps its identity unique."""
    if _last and _last[0][0] is amap:
        return _last[0][1]
    idx = _build_index(amap)
    _last[:] = [(amap, idx)]
    return idx


def _build_index(amap: ArgumentMap) -> MapIndex:
    nodes, relations = amap.node_index(), amap.relation_index()
    sections = {s.id: s for s in amap.sections}
    touching: dict[str, list[str]] = {}
    led: dict[str, list[str]] = {}
    ends: dict[str, tuple[str, ...]] = {}
    for rel in amap.relations:
        raw = _raw_ends(relations, rel)
        ends[rel.id] = raw if all(e in nodes for e in raw) else ()  # broken: never drawn
        for end in ends[rel.id]:
            touching.setdefault(end, []).append(rel.id)
        if ends[rel.id]:
            led.setdefault(raw[0], []).append(rel.id)
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
        _frozen(led),
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


def relation_head(relations: Mapping[str, Relation], rel: Relation) -> str:
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
        incoming.setdefault(relation_head(relations, rel), []).append(rel)
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
        node_id = relation_head(idx.relations, idx.relations[path[-1]])
    return tuple(path)


def touching(idx: MapIndex, node_ids: Iterable[str]) -> tuple[Relation, ...]:
    """The relations any of the nodes takes part in, in document order."""
    rel_ids = {r for n in node_ids for r in idx.touching.get(n, ())}
    return tuple(idx.relations[r] for r in sorted(rel_ids, key=idx.rel_order.__getitem__))


def within(idx: MapIndex, node_ids: Iterable[str]) -> tuple[Relation, ...]:
    """The relations all of whose nodes are among these, in document order.

    Each relation is found through its first node only, so a hub among the nodes (often the
    thesis) costs nothing for the hundreds of relations that reach it from elsewhere.
    """
    shown = set(node_ids)
    rel_ids = [r for n in shown for r in idx.led.get(n, ()) if shown.issuperset(idx.ends[r])]
    return tuple(idx.relations[r] for r in sorted(rel_ids, key=idx.rel_order.__getitem__))


def descendant_nodes(idx: MapIndex, section_id: str) -> tuple[str, ...]:
    """The nodes in a section and all its subsections, in document order."""
    found: list[str] = []
    seen, stack = {section_id}, [section_id]
    while stack:  # `seen`: an invalid map may nest sections in a circle
        sid = stack.pop()
        found.extend(idx.members.get(sid, ()))
        stack.extend(c for c in idx.children.get(sid, ()) if c not in seen)
        seen.update(idx.children.get(sid, ()))
    return tuple(sorted(found, key=idx.order.__getitem__))
