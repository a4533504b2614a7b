"""Collapsing: summary boxes that stand for the nodes a view leaves out, and its edges.

A box holds a collapsed section (with its subsections) or the remaining details of a framed
section. Relations between shown nodes are drawn one by one; relations into or between boxes
are summed per pair of boxes, so a view of a large map stays bounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from argmap.model import Relation
from argmap.viewdata import DETAILS_TAG, Summary, ViewEdge, section_view_id
from argmap.viewindex import MapIndex, descendant_nodes, node_ends
from argmap.vocabulary import NodeType, RelationType

MAX_BOXES = 60  # summary boxes in one view; the rest are merged into one "more" box
MAX_LINKS = 120  # aggregated edges between boxes; the heaviest are kept

BACKBONE = frozenset({NodeType.THESIS, NodeType.CLAIM})


def summaries(
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
        members = [n for n in _pool(idx, sid, fold) if n not in shown]
        if not members:
            continue
        box_id = section_view_id(sid)
        group.update(dict.fromkeys(members, box_id))
        box = summary(idx, box_id, idx.sections[sid].title, members, box_id)
        boxes.append(box if fold else _details(idx, box, members, sid))
        boxes[-1] = replace(boxes[-1], parent=within or boxes[-1].parent)
    if overflow:
        members = [n for s in overflow for n in _pool(idx, s, fold) if n not in shown]
        group.update(dict.fromkeys(members, "section/+"))
        title = f"{len(overflow)} more sections"
        boxes.append(replace(summary(idx, "section/+", title, members, ""), parent=within))
    return tuple(boxes), group


def _pool(idx: MapIndex, section_id: str, fold: bool) -> tuple[str, ...]:
    return descendant_nodes(idx, section_id) if fold else idx.members.get(section_id, ())


def summary(idx: MapIndex, box_id: str, title: str, members: list[str], link: str) -> Summary:
    """One box for the given nodes, noting how many claims and nodes it holds."""
    claims = sum(1 for n in members if idx.nodes[n].type in BACKBONE)
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


def view_edges(
    idx: MapIndex, group: Mapping[str, str], rels: Iterable[Relation]
) -> tuple[ViewEdge, ...]:
    """Relations whose ends are all shown; relations into boxes summed per (from, to, type).

    `group` maps each drawn node to itself, and each node inside a box to the box's id.
    """
    direct: dict[str, ViewEdge] = {}
    summed: dict[tuple[str, str], dict[RelationType, int]] = {}
    undercuts: list[Relation] = []
    shown = group.__contains__
    for rel in rels:
        ends = node_ends(idx, rel)
        if not ends or not all(map(shown, ends)):  # map, not a generator: thousands of views
            continue
        if rel.type is RelationType.UNDERCUTS:
            undercuts.append(rel)
        elif all(map(str.__eq__, map(group.__getitem__, ends), ends)):
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
