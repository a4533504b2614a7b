"""DOT for an overview drawn as section cards (`argmap.viewcards`): sections as tables.

Each card is one node whose HTML-like label is a table: a header row (the section, linked to
its map), a row per main claim (linked to the claim's page and tagged with its type), and
footer rows counting the rest. A claim hanging under another row names the relation (the
nesting comes from the view); the claim's other relations are written under its title
("supports → Thesis: …"), so every relation of a main claim reads as text, with no line to
follow across the map. Lines join cards: one per pair of cards, counted by relation type and
drawn in that type's line style, with its label.

The cards stand in two columns, document order down the left one and on down the right,
split where the two are about as tall: the map stays about two cards wide however many
sections there are. Invisible edges hold the columns (rankdir=RL: each column one rank);
the lines between cards do not move them (`constraint=false`), and their labels are
`xlabel`s, placed after the layout, taking no room of their own.

Graphviz 2.43 knows no CLASS on table cells: cells carry the light palette's colours, and
the stylesheet re-colours cards by those values (`theme.stylesheet`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from argmap import theme
from argmap.dot import _P, _edge_attrs, _node_tip, _pid
from argmap.dotescape import clean, html, quote
from argmap.viewcards import LOOSE
from argmap.viewdata import Row, Summary, View, ViewEdge
from argmap.viewindex import MapIndex, relation_head
from argmap.vocabulary import NodeType, RelationType

CARD_WIDTH_PT = 250  # every cell at least this wide, so the cards of a column line up
CARD_WRAP = 30  # characters per line of a claim's title
NOTE_WRAP = 42  # characters per line of the smaller text: relations, footers
HEADER_WRAP = 32  # characters per line of a section's title
INDENT_PT = 16  # per level of a nested row
MAX_REFS = 3  # relations written under a claim; more are counted
THESIS_FONT_PT = 16
HEADER_FONT_PT = 15
_PADDING = 6  # inside each cell, within its WIDTH


@dataclass(frozen=True)
class _Card:
    name: str  # the DOT node
    section: str  # "" for the nodes outside any known section
    title: str
    rows: tuple[Row, ...]
    footers: tuple[Summary, ...]
    tag: str  # SECTION or SUBSECTION
    below: int = 0  # subsections whose cards follow, noted in a card without rows


def card_lines(view: View, idx: MapIndex) -> list[str]:
    """The body of a card overview: defaults, cards, columns, lines between cards."""
    cards = _cards(view)
    home = {r.node: c.name for c in cards for r in c.rows}
    home.update({b.id: c.name for c in cards for b in c.footers})
    refs = _references(view, cards, idx)
    left, right = _split(cards, refs, idx)
    lines = list(_HEADER)
    lines.extend(f"  {quote(c.name)} [{_card(c, refs, idx)}];" for c in cards)
    lines.extend(_columns(left, right))
    lines.extend(_card_lines(view, {c.name: c for c in cards}, home, idx))
    return lines


_HEADER = (
    f"  graph [id={_pid('graph')} rankdir=RL bgcolor=transparent "
    f"fontname={quote(theme.FONT)} fontsize={theme.NODE_FONT_PT} nodesep=0.3 ranksep=1.0 "
    f'class="argmap-graph {theme.CARDS_CLASS}"];',
    f"  node [shape=plain fontname={quote(theme.FONT)} fontsize={theme.NODE_FONT_PT} "
    f'fontcolor="{theme.light("--argmap-fg")}"];',
    f"  edge [fontname={quote(theme.FONT)} fontsize={theme.TAG_FONT_PT} arrowsize=0.9 "
    f'fontcolor="{theme.light("--argmap-fg")}" constraint=false];',
)


def _cards(view: View) -> list[_Card]:
    """A card per section of the view, in document order; then one for the loose nodes."""
    footers: dict[str, list[Summary]] = {}
    for box in view.summaries:
        footers.setdefault(box.parent, []).append(box)
    children: dict[str, int] = {}
    for c in view.clusters:
        children[c.parent] = children.get(c.parent, 0) + 1
    cards = []
    for c in view.clusters:
        feet = tuple(footers.pop(c.id, ()))
        below = 0 if c.rows or feet else children.get(c.id, 0)
        tag = "SUBSECTION" if c.parent else "SECTION"
        cards.append(_Card(f"card/{c.id}", c.id, c.title, c.rows, feet, tag, below))
    clustered = {n for c in view.clusters for n in c.nodes}
    loose = tuple(Row(n) for n in view.nodes if n not in clustered)
    rest = tuple(b for feet in footers.values() for b in feet)
    if loose or rest:  # nodes of no known section, or the sections over MAX_BOXES
        outside = loose or any(b.id == LOOSE for b in rest)
        title = "Outside the sections" if outside else "More sections"
        cards.append(_Card("card/", "", title, loose, rest, ""))
    return cards


def _split(
    cards: list[_Card], refs: dict[str, list[str]], idx: MapIndex
) -> tuple[list[_Card], list[_Card]]:
    """Two columns of about equal height, in document order; a card announcing its
    subsections stays with the first of them."""
    heights = [_height(c, refs, idx) for c in cards]
    splits = [k for k in range(1, len(cards)) if not cards[k - 1].below] or [len(cards)]
    k = min(splits, key=lambda k: max(sum(heights[:k]), sum(heights[k:])))
    return cards[:k], cards[k:]


def _columns(left: list[_Card], right: list[_Card]) -> Iterator[str]:
    """Invisible edges: each column one rank, its cards in order from an invisible top."""
    for side, column in (("left", left), ("right", right)):
        if not column:
            continue
        names = [quote(f"top/{side}"), *(quote(c.name) for c in column)]
        yield f"  {names[0]} [shape=point width=0.01 style=invis];"
        yield "  {rank=same; " + " ".join(n + ";" for n in names) + "}"
        for above, below in pairwise(names):
            yield f"  {above} -> {below} [style=invis constraint=true];"
    if right:  # with rankdir=RL a tail stands right of its head; the heavy edge aligns the tops
        yield '  "top/right" -> "top/left" [style=invis constraint=true weight=100];'


def _height(card: _Card, refs: dict[str, list[str]], idx: MapIndex) -> int:
    """About how many lines of text the card holds."""
    lines = (
        2
        + len(theme.wrap(clean(card.title), HEADER_WRAP))
        + len(card.footers) * 2
        + bool(card.below)
    )
    for row in card.rows:
        title = theme.wrap(clean(idx.nodes[row.node].title), CARD_WRAP - 2 * row.depth)
        notes = sum(len(theme.wrap(r, NOTE_WRAP)) for r in refs.get(row.node, ()))
        lines += 2 + len(title) + notes
    return lines


def _card(card: _Card, refs: dict[str, list[str]], idx: MapIndex) -> str:
    cells = [_header(card)]
    cells += [_row(row, refs.get(row.node, []), idx) for row in card.rows]
    cells += [_footer(box) for box in card.footers]
    if card.below:
        note = (
            f"its {card.below} subsections follow" if card.below > 1 else "its subsection follows"
        )
        cells.append(f"<TD {_LEFT}>{_small('<I>' + html(note) + '</I>')}</TD>")
    table = (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{_PADDING}" '
        f'COLOR="{theme.light("--argmap-line")}" BGCOLOR="{theme.light("--argmap-summary-fill")}">'
        + "".join(f"\n    <TR>{cell}</TR>" for cell in cells)  # a line per row in the DOT
        + "</TABLE>"
    )
    ident = _pid("c-" + (card.section or "loose"))
    return f"id={ident} class={quote(theme.CARD_CLASS)} label=<{table}>"


_LEFT = f'WIDTH="{CARD_WIDTH_PT}" ALIGN="LEFT" BALIGN="LEFT"'  # cells fill the card's width


def _small(text: str) -> str:
    return f'<FONT POINT-SIZE="{theme.TAG_FONT_PT}">{text}</FONT>'


def _wrapped(title: str, width: int) -> str:
    return "<BR/>".join(html(line) for line in theme.wrap(clean(title), width))


def _header(card: _Card) -> str:
    title = f'<FONT POINT-SIZE="{HEADER_FONT_PT}"><B>{_wrapped(card.title, HEADER_WRAP)}</B></FONT>'
    fill = f'BGCOLOR="{theme.light("--argmap-cluster-fill")}"'
    if not card.section:
        return f"<TD {_LEFT} {fill}>{title}</TD>"
    tip = html(f"{card.tag.capitalize()}: {card.title} (open its map)")
    return (
        f'<TD ID="{_P}h-{html(card.section)}" '
        f'HREF="argmap:section/{html(card.section)}" TITLE="{tip}" {_LEFT} {fill}>'
        f"{_small('<B>' + card.tag + '</B>')}<BR/>{title}</TD>"
    )


def _row(row: Row, refs: list[str], idx: MapIndex) -> str:
    node = idx.nodes[row.node]
    style = theme.NODE_STYLES[node.type]
    tag = f"<B>{html(style.tag)}</B>" + (_DOT + "unstated" if node.implicit else "")
    if row.via:
        tag += f"{_DOT}{html(_relation_name(row, idx))} ↑"
    title = _wrapped(node.title, CARD_WRAP - 2 * row.depth)
    border = ""
    if node.type is NodeType.THESIS:
        title = f'<FONT POINT-SIZE="{THESIS_FONT_PT}"><B>{title}</B></FONT>'
        border = f' BORDER="2" COLOR="{theme.light("--argmap-thesis-line")}"'
    notes = "".join(f"<BR/>{_small(_wrapped(r, NOTE_WRAP - 2 * row.depth))}" for r in refs)
    text = f"{_small(tag)}<BR/>{title}{notes}"
    if row.depth:  # indented by an empty cell, so the whole row stays one link; the text
        indent = INDENT_PT * row.depth  # cell takes the rest, else the indent would grow
        text = (
            '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD WIDTH="{indent}"> </TD><TD WIDTH="{CARD_WIDTH_PT - 2 * _PADDING - indent}" '
            f'ALIGN="LEFT" BALIGN="LEFT">{text}</TD></TR></TABLE>'
        )
    return (
        f'<TD ID="{_P}r-{html(row.node)}" HREF="argmap:node/{html(row.node)}" '
        f'TITLE="{html(_node_tip(node))}" {_LEFT} '
        f'BGCOLOR="{theme.light(style.fill_var)}"{border}>{text}</TD>'
    )


_DOT = "&#160;· "  # a plain space after a bold run is dropped by Graphviz


def _relation_name(row: Row, idx: MapIndex) -> str:
    rel = idx.relations[row.via]
    label = theme.EDGE_STYLES[rel.type].label
    return f"jointly {label}" if len(rel.sources) > 1 else label  # linked premises


def _footer(box: Summary) -> str:
    text = f"+ {box.title}" + (f" — {box.note}" if box.note else "")
    link = ""
    if box.link:
        ident = html(box.id.replace("/", "-"))
        link = f' ID="{_P}m-{ident}" HREF="argmap:{html(box.link)}" TITLE="{html(text)}"'
    return f"<TD{link} {_LEFT}>{_small('<I>' + _wrapped(text, NOTE_WRAP) + '</I>')}</TD>"


def _references(view: View, cards: list[_Card], idx: MapIndex) -> dict[str, list[str]]:
    """Per row, its relations not shown by nesting, as text: "supports → <title>"."""
    nested = {(r.node, r.via) for card in cards for r in card.rows if r.via}
    boxes = {b.id: b for card in cards for b in card.footers}
    refs: dict[str, list[str]] = {}
    for edge in view.edges:
        for src in edge.sources:
            if src in idx.nodes and (src, edge.relation) not in nested:
                refs.setdefault(src, []).append(_reference(edge, boxes, idx))
    for src, found in refs.items():
        if len(found) > MAX_REFS:
            more = len(found) - MAX_REFS + 1
            refs[src] = [*found[: MAX_REFS - 1], f"and {more} more relations: open the claim"]
    return refs


def _reference(edge: ViewEdge, boxes: dict[str, Summary], idx: MapIndex) -> str:
    label = theme.EDGE_STYLES[edge.type].label
    label = f"jointly {label}" if edge.relation and len(edge.sources) > 1 else label
    if edge.type is RelationType.UNDERCUTS and edge.target in idx.relations:
        head = relation_head(idx.relations, idx.relations[edge.target])
        return f"{label} → the inference to “{_short(idx.nodes[head].title)}”"
    if edge.target in idx.nodes:
        return f"{label} → {_short(idx.nodes[edge.target].title)}"
    box = boxes.get(edge.target)
    section = idx.sections.get(box.parent) if box else None
    where = f"“{section.title}”" if section else "the nodes outside the sections"
    count = f"{edge.count} × " if edge.count > 1 else ""
    return f"{count}{label} → other nodes of {where}"


def _short(title: str, limit: int = 2 * CARD_WRAP) -> str:
    title = clean(title)
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _card_lines(
    view: View, cards: dict[str, _Card], home: dict[str, str], idx: MapIndex
) -> Iterator[str]:
    """One line per pair of cards holding related nodes, counted by relation type: a line of
    the label per type, so labels stay narrower than the channel between the columns."""
    counts: dict[tuple[str, str], dict[RelationType, int]] = {}
    for edge in view.edges:
        head = home.get(_head(edge, idx), "")
        for src in edge.sources:
            tail = home.get(src, "")
            if tail and head and tail != head:
                found = counts.setdefault((tail, head), {})
                for kind, n in edge.breakdown or ((edge.type, 1),):
                    found[kind] = found.get(kind, 0) + n
    for (tail, head), found in counts.items():
        ordered = tuple((t, found[t]) for t in RelationType if t in found)
        main = max(ordered, key=lambda tc: tc[1])[0]
        total = sum(found.values())
        parts = [_counted(n, theme.EDGE_STYLES[t].label) for t, n in ordered]
        tip = f"{cards[tail].title} → {cards[head].title}: {' · '.join(parts)}"
        attrs = _edge_attrs(main, True, "", tip)
        if total > 1:  # thicker with more relations, as between summary boxes (the last wins)
            attrs += f" penwidth={min(1.6 + math.log2(total), 6.0):.1f}"
        label = '"' + "\\n".join(quote(p)[1:-1] for p in parts) + '"'
        yield f"  {quote(tail)} -> {quote(head)} [{attrs} xlabel={label}];"


def _counted(n: int, label: str) -> str:
    return label if n == 1 else f"{n} {label}"


def _head(edge: ViewEdge, idx: MapIndex) -> str:
    """Where a line points: an undercut points at the attacked inference's conclusion."""
    if edge.type is RelationType.UNDERCUTS and edge.target in idx.relations:
        return relation_head(idx.relations, idx.relations[edge.target])
    return edge.target
