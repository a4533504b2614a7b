"""The text alternative beside every diagram: the view as nested HTML lists.

Sections, their nodes (in a card overview, the claims nested as on the cards) and each node's
relations, with the diagram's placeholder links (`argmap.svg.relink` applies to it too) and
every piece of text escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

from argmap.dotescape import clean
from argmap.model import ArgumentMap
from argmap.views import (
    DETAILS_TAG,
    LEGEND_ID,
    LEGEND_MAP,
    Cluster,
    MapIndex,
    View,
    ViewEdge,
    build_index,
)
from argmap.vocabulary import RelationType


def outline(view: View, amap: ArgumentMap, idx: MapIndex | None = None) -> str:
    """The view as nested HTML lists: sections, their nodes, each node's relations.

    A text alternative beside the diagram, with the same placeholder links (so `relink`
    applies to it too) and every piece of text escaped.
    """
    if view.id == LEGEND_ID:
        amap, idx = LEGEND_MAP, None
    idx = idx or build_index(amap)
    by_source: dict[str, list[ViewEdge]] = {}
    for edge in view.edges:
        for src in edge.sources:
            by_source.setdefault(src, []).append(edge)
    children: dict[str, list[str]] = {}
    for c in view.clusters:
        children.setdefault(c.parent, []).append(c.id)
    clusters = {c.id: c for c in view.clusters}
    boxes = view.summaries
    clustered = {n for c in view.clusters for n in c.nodes}

    def section(cid: str) -> str:
        c = clusters[cid]
        if c.rows:  # a card: the claims nested as drawn
            items = [_card_rows(c, lambda n, below: _node_item(n, view, idx, by_source, below))]
        else:
            items = [_node_item(n, view, idx, by_source) for n in c.nodes]
        items += [_summary_item(b.id, view, idx, by_source) for b in boxes if b.parent == cid]
        items += [section(child) for child in children.get(cid, ())]
        link = f'<a href="argmap:section/{_e(cid)}">{_e(c.title)}</a>'
        return f"<li>Section {link}<ul>{''.join(items)}</ul></li>"

    items = [section(cid) for cid in children.get("", ())]
    items += [_node_item(n, view, idx, by_source) for n in view.nodes if n not in clustered]
    items += [_summary_item(b.id, view, idx, by_source) for b in boxes if b.parent not in clusters]
    label = f'aria-label="{_e("Text outline: " + view.title)}"'
    return f'<div class="argmap-outline" {label}><ul>{"".join(items)}</ul></div>'


def _card_rows(card: Cluster, item: Callable[[str, str], str]) -> str:
    """A card's rows as list items, each row's nested rows in a list inside its item."""
    rows, at = card.rows, 0

    def level(depth: int) -> str:
        nonlocal at
        items = []
        while at < len(rows) and rows[at].depth == depth:
            node, at = rows[at].node, at + 1
            inner = level(depth + 1)
            items.append(item(node, f"<ul>{inner}</ul>" if inner else ""))
        return "".join(items)

    return level(0)


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _ref(ref: str, view: View, idx: MapIndex) -> str:
    """A link to a node or a collapsed section, by its visible name."""
    if ref in idx.nodes:
        return f'<a href="argmap:node/{_e(ref)}">{_e(idx.nodes[ref].title)}</a>'
    box = next((b for b in view.summaries if b.id == ref), None)
    if box is None:
        return _e(ref)
    name = f"section “{box.title}”"
    if box.tag == DETAILS_TAG:  # the nodes a card counts in its footer
        section = idx.sections.get(box.parent)
        name = f"other nodes of “{section.title if section else box.parent}” ({box.title})"
    return f'<a href="argmap:{_e(box.link)}">{_e(name)}</a>' if box.link else _e(name)


def _relation_item(edge: ViewEdge, src: str, view: View, idx: MapIndex) -> str:
    target = _ref(edge.target, view, idx)
    if not edge.relation and edge.target in idx.nodes and src in idx.nodes:
        return f"<li>leads to {target} in {edge.count} more steps</li>"  # an elided path
    if not edge.relation:  # relations summed between boxes
        counts = edge.breakdown or ((edge.type, edge.count),)
        text = ", ".join(t.value if n == 1 else f"{n} {t.value}" for t, n in counts)
        return f"<li>{_e(text)}: {target}</li>"
    if edge.type is RelationType.UNDERCUTS and edge.target in idx.relations:
        rel = idx.relations[edge.target]
        inner = " and ".join(_ref(s, view, idx) for s in rel.sources)
        target = f"the inference from {inner} to {_ref(rel.target, view, idx)}"
    others = [s for s in edge.sources if s != src]
    together = f", together with {', '.join(_ref(s, view, idx) for s in others)}" if others else ""
    return f"<li>{_e(edge.type.value)} {target}{together}</li>"


def _node_item(
    node_id: str,
    view: View,
    idx: MapIndex,
    by_source: Mapping[str, list[ViewEdge]],
    below: str = "",
) -> str:
    node = idx.nodes[node_id]
    tag = "strong" if node_id == view.focus else "span"
    kind = node.type.value + (", unstated" if node.implicit else "")
    rels = "".join(_relation_item(e, node_id, view, idx) for e in by_source.get(node_id, ()))
    nested = f"<ul>{rels}</ul>" if rels else ""
    return f"<li><{tag}>{_ref(node_id, view, idx)}</{tag}> ({_e(kind)}){nested}{below}</li>"


def _summary_item(
    box_id: str, view: View, idx: MapIndex, by_source: Mapping[str, list[ViewEdge]]
) -> str:
    box = next(b for b in view.summaries if b.id == box_id)
    rels = "".join(_relation_item(e, box_id, view, idx) for e in by_source.get(box_id, ()))
    nested = f"<ul>{rels}</ul>" if rels else ""
    note = box.note or f"{box.nodes} nodes"
    name = _ref(box_id, view, idx)
    if box.tag == DETAILS_TAG:  # as on the card: "+ 5 premises, 2 questions"
        name = (
            f'<a href="argmap:{_e(box.link)}">+ {_e(box.title)}</a>' if box.link else _e(box.title)
        )
    return f"<li>{name} ({_e(note)}){nested}</li>"
