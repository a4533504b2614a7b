"""Graphviz DOT text for a view: deterministic, fully escaped, styled from the theme table.

Links are placeholders (`argmap:node/<id>`, `argmap:section/<id>`) because one SVG can be
shown on several pages; `argmap.svg.relink` turns them into relative URLs per page. Nothing
here runs Graphviz, so the output is golden-tested as text. The text escaping lives in
`argmap.dotescape`; its helpers are re-exported here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from argmap import theme
from argmap.dotescape import clean, html, plain, quote, refs, tooltip
from argmap.model import ArgumentMap, Node
from argmap.views import (
    CARDS,
    LEGEND_ID,
    LEGEND_MAP,
    Cluster,
    MapIndex,
    Summary,
    View,
    ViewEdge,
    build_index,
)
from argmap.vocabulary import RelationType

__all__ = [
    "TOOLTIP_CHARS",
    "clean",
    "diagram_prefix",
    "html",
    "iter_dots",
    "plain",
    "quote",
    "refs",
    "to_dot",
    "to_dots",
    "tooltip",
]

TOOLTIP_CHARS = 300  # the full text on hover, bounded so thousands of SVGs stay small


# No text argmap draws is smaller (type tags and relation labels): `argmap.svg.finish` sizes
# diagrams from it rather than reading every font size back from Graphviz's output.
SMALLEST_FONT_PT = min(theme.TAG_FONT_PT, theme.NODE_FONT_PT)


def diagram_prefix(view_id: str) -> str:
    """The prefix of every id in one diagram, so several diagrams can share a page."""
    return "argmap-" + re.sub(r"[^a-z0-9]+", "-", view_id.lower()).strip("-") + "-"


# Stands for the diagram's id prefix while lines are built (and memoised across views); the
# control character cannot come from text, which `clean` strips of controls.
_P = "\x01"


def _pid(suffix: str) -> str:
    """A quoted id that starts with the diagram's prefix (for clusters and HTML labels)."""
    return f'"{_P}{quote(suffix)[1:]}'


def _gid(suffix: str) -> str:
    """A quoted id of a node or the graph that starts with the diagram's prefix: Graphviz
    replaces \\G with the graph's name, which is the prefix, so lines cached across views
    need no rewriting per view. (In a cluster's own id \\G is the cluster's name.)"""
    return f'"\\G{quote(suffix)[1:]}'


@dataclass(frozen=True)
class _Context:
    """The look-ups of one map, and lines memoised by id: a node or relation is drawn in
    dozens of views, and ids hash faster than the dataclasses they stand for."""

    idx: MapIndex
    links: bool = True  # the legend's example nodes have no pages to link to
    nodes: dict[tuple[str, bool, str], str] = field(default_factory=dict)
    edges: dict[tuple[object, bool], tuple[str, ...]] = field(default_factory=dict)


def to_dots(views: Iterable[View], amap: ArgumentMap) -> dict[str, str]:
    """View id -> DOT for many views, with the look-ups built once."""
    return dict(iter_dots(views, amap))


def iter_dots(views: Iterable[View], amap: ArgumentMap) -> Iterator[tuple[str, str]]:
    """(view id, DOT) one view at a time, so DOT can be written while Graphviz lays out the
    views before it (see `argmap.render.render_all`)."""
    ctx = _Context(build_index(amap))
    legend = _Context(build_index(LEGEND_MAP), links=False)
    return ((v.id, _dot(v, legend if v.id == LEGEND_ID else ctx)) for v in views)


def to_dot(view: View, amap: ArgumentMap, idx: MapIndex | None = None) -> str:
    """DOT for one view; the legend is drawn from `LEGEND_MAP` whatever map is given."""
    if view.id == LEGEND_ID:
        return _dot(view, _Context(build_index(LEGEND_MAP), links=False))
    return _dot(view, _Context(idx or build_index(amap)))


def _dot(view: View, ctx: _Context) -> str:
    prefix = diagram_prefix(view.id)
    lines = [
        f"digraph {quote(prefix)} {{",
        f"  // {refs(clean(view.title))}",  # the title and description: part of the cache key
        f"  // {refs(clean(view.description))}",
    ]
    if view.layout == CARDS:
        # Imported here: overviewdot builds on this module's helpers.
        from argmap.overviewdot import card_lines

        lines.extend(card_lines(view, ctx.idx))
    else:
        lines.extend(_body(view, ctx))
    lines.append("}\n")
    text = "\n".join(lines)
    return text.replace(_P, prefix) if _P in text else text


def _body(view: View, ctx: _Context) -> list[str]:
    """Nodes in section frames, summary boxes, one line per relation."""
    lines = [*_HEADER, *_clusters(view, ctx)]
    clustered = {n for c in view.clusters for n in c.nodes}
    lines += [_node_line(ctx, n, view.focus, "  ") for n in view.nodes if n not in clustered]
    framed = {c.id for c in view.clusters}
    lines += [_summary(s) for s in view.summaries if s.parent not in framed]
    undercut = {e.target for e in view.edges if e.type is RelationType.UNDERCUTS}
    for edge in view.edges:
        junction = edge.relation in undercut
        # A relation's edge depends on nothing else; summed and elided edges on all fields.
        key = (edge.relation or edge, junction)
        drawn = ctx.edges.get(key)
        if drawn is None:
            drawn = ctx.edges[key] = tuple(map(refs, _edge(edge, ctx.idx, junction)))
        lines += drawn
    return lines


def _node_line(ctx: _Context, node_id: str, focus: str, pad: str) -> str:
    key = (node_id, node_id == focus, pad)
    line = ctx.nodes.get(key)
    if line is None:
        line = ctx.nodes[key] = _node(ctx.idx.nodes[node_id], key[1], pad, ctx.links)
    return line


_HEADER = (
    f"  graph [id={_gid('graph')} rankdir=BT bgcolor=transparent "
    f"fontname={quote(theme.FONT)} fontsize={theme.NODE_FONT_PT} nodesep=0.3 ranksep=0.5 "
    'newrank=true class="argmap-graph"];',
    f"  node [fontname={quote(theme.FONT)} fontsize={theme.NODE_FONT_PT} "
    f'margin="0.14,0.07" penwidth=1.2 color="{theme.light("--argmap-line")}" '
    f'fontcolor="{theme.light("--argmap-fg")}"];',
    f"  edge [fontname={quote(theme.FONT)} fontsize={theme.TAG_FONT_PT} arrowsize=0.9 "
    f'fontcolor="{theme.light("--argmap-fg")}"];',
)


def _clusters(view: View, ctx: _Context) -> Iterator[str]:
    """Nested `cluster` subgraphs in document order; children right after their parent."""
    children: dict[str, list[Cluster]] = {}
    for c in view.clusters:
        children.setdefault(c.parent, []).append(c)

    def emit(cluster: Cluster, depth: int) -> Iterator[str]:
        pad = "  " * depth
        yield f"{pad}subgraph {quote('cluster_' + cluster.id)} {{"
        yield f"{pad}  {_cluster_attrs(cluster.id, cluster.title)}"
        yield from (_node_line(ctx, n, view.focus, pad + "  ") for n in cluster.nodes)
        for box in view.summaries:
            if box.parent == cluster.id:
                yield _summary(box, pad + "  ")
        for child in children.get(cluster.id, ()):
            yield from emit(child, depth + 1)
        yield f"{pad}}}"

    for top in children.get("", ()):
        yield from emit(top, 1)


@lru_cache(maxsize=4096)  # labelloc=b: with rankdir=BT it puts the title on top
def _cluster_attrs(section_id: str, title: str) -> str:
    lines = "<BR/>".join(html(line) for line in theme.wrap(clean(title), 40))
    return refs(
        f"graph [id={_pid('s-' + section_id)} class={quote(theme.CLUSTER_CLASS)} "
        f'label=<<B>{lines}</B>> labeljust=l labelloc=b style="rounded,filled" '
        f'fillcolor="{theme.light("--argmap-cluster-fill")}" '
        f'color="{theme.light("--argmap-cluster-line")}" '
        f"href={quote('argmap:section/' + section_id)} "
        f"tooltip={tooltip('Section: ' + title)}];"
    )


def _label(tag: str, lines: Iterable[str], note: str = "") -> str:
    body = "<BR/>".join(html(line) for line in lines)
    small = f'<FONT POINT-SIZE="{theme.TAG_FONT_PT}">'
    extra = f"<BR/>{small}{html(note)}</FONT>" if note else ""
    return f"<{small}<B>{html(tag)}</B></FONT><BR/>{body}{extra}>"


def _node_tip(node: Node) -> str:
    """Title, then the full text: the link's accessible name starts with what is visible."""
    text = plain(node.text)
    title = clean(node.title)
    tip = f"{title} — {text}" if text and text != title else title
    return tip if len(tip) <= TOOLTIP_CHARS else tip[: TOOLTIP_CHARS - 1].rstrip() + "…"


def _node(node: Node, focus: bool, pad: str, link: bool) -> str:
    """A node's line; the focus of a view gets a thicker outline and a class of its own."""
    head, plain, focused, body, extra = _node_parts(node, link)
    if focus:
        return f"{pad}{head}{focused}{body} penwidth=3.5{extra}];"
    return f"{pad}{head}{plain}{body}{extra}];"


@lru_cache(maxsize=16384)  # a node appears in dozens of views: wrap and escape it once
def _node_parts(node: Node, link: bool) -> tuple[str, str, str, str, str]:
    style = theme.NODE_STYLES[node.type]
    classes = [theme.NEIGHBOUR_CLASS, style.css_class]
    dot_style, tag = style.style, style.tag
    if node.implicit:
        classes.append(theme.IMPLICIT_CLASS)
        dot_style += ",dashed"
        tag += " · UNSTATED"
    extra = f" href={quote('argmap:node/' + node.id)}" if link else ""
    if style.peripheries > 1:
        extra += f' peripheries={style.peripheries} color="{theme.light("--argmap-thesis-line")}"'
    body = (
        f" shape={style.shape} style={quote(dot_style)} "
        f'fillcolor="{theme.light(style.fill_var)}" '
        f"label={_label(tag, theme.wrap(clean(node.title)))} "
        f"tooltip={tooltip(_node_tip(node))}"
    )
    head = f"{quote(node.id)} [id={_gid('n-' + node.id)} class="
    plain, focused = " ".join(classes), " ".join([*classes, theme.FOCUS_CLASS])
    return refs(head), quote(plain), quote(focused), refs(body), refs(extra)


def _summary(box: Summary, pad: str = "  ") -> str:
    link = f" href={quote('argmap:' + box.link)}" if box.link else ""
    tip = f"{box.title}: {box.note}" if box.note else box.title
    return refs(
        f"{pad}{quote(box.id)} [id={_gid('b-' + box.id.replace('/', '-'))} "
        f"class={quote(theme.SUMMARY_CLASS)} shape=folder style=filled "
        f'fillcolor="{theme.light("--argmap-summary-fill")}" '
        f"label={_label(box.tag, theme.wrap(clean(box.title)), box.note)}{link} "
        f"tooltip={tooltip(tip)}];"
    )


def _titles(ids: Iterable[str], idx: MapIndex) -> str:
    return " + ".join(idx.nodes[r].title if r in idx.nodes else r for r in ids)


def _edge_attrs(type_: RelationType, head: bool, label: str, tip: str, elided: bool = False) -> str:
    style = theme.EDGE_STYLES[type_]
    extra = f" {theme.ELIDED_CLASS}" if elided else ""
    parts = [
        f"class={quote('argmap-rel ' + style.css_class + extra)}",
        f"style={'dashed' if elided else style.style}",
        f'color="{theme.light(style.color_var)}"',
        f"penwidth={style.penwidth:g}",
        f"arrowhead={style.arrowhead if head else 'none'}",
        f"tooltip={tooltip(tip)}",
    ]
    if label:
        parts.append(f"label={quote(label)}")
    return " ".join(parts)


def _edge(edge: ViewEdge, idx: MapIndex, junction: bool) -> Iterator[str]:
    label = theme.EDGE_STYLES[edge.type].label
    src, dst = quote(edge.sources[0]), quote(edge.target)
    if not edge.relation and edge.target in idx.nodes and edge.sources[0] in idx.nodes:
        steps = f"{edge.count} more step" + ("s" if edge.count > 1 else "")
        tip = f"{_titles(edge.sources, idx)} leads to {_titles([edge.target], idx)} in {steps}"
        yield f"  {src} -> {dst} [{_edge_attrs(edge.type, True, f'… {steps} …', tip, True)}];"
        return
    if not edge.relation:  # several relations between boxes: one thicker, counted edge
        counts = edge.breakdown or ((edge.type, edge.count),)
        text = " · ".join(_counted(n, theme.EDGE_STYLES[t].label) for t, n in counts)
        attrs = _edge_attrs(edge.type, True, text, text)
        width = min(1.6 + math.log2(edge.count), 6.0)
        yield f"  {src} -> {dst} [{attrs} penwidth={width:.1f}];"
        return
    tip = f"{_titles(edge.sources, idx)} {label} {_titles([edge.target], idx)}"
    if edge.type is RelationType.UNDERCUTS:
        dst = quote(f"j:{edge.target}")
        tip = f"{_titles(edge.sources, idx)} undercuts the inference “{_inference(edge, idx)}”"
    if len(edge.sources) == 1 and not junction:
        yield f"  {src} -> {dst} [{_edge_attrs(edge.type, True, label, tip)}];"
        return
    # Linked premises and undercut inferences meet at a junction that undercuts can aim at.
    point = quote(f"j:{edge.relation}")
    css = f"{theme.JUNCTION_CLASS} {theme.EDGE_STYLES[edge.type].css_class}"
    color = theme.light(theme.EDGE_STYLES[edge.type].color_var)
    yield (
        f"  {point} [id={_gid('j-' + edge.relation)} class={quote(css)} shape=point "
        f'width=0.14 color="{color}" fillcolor="{color}" tooltip={tooltip(tip)}];'
    )
    for source in edge.sources:
        yield f"  {quote(source)} -> {point} [{_edge_attrs(edge.type, False, '', tip)}];"
    yield f"  {point} -> {dst} [{_edge_attrs(edge.type, True, label, tip)}];"


def _counted(n: int, label: str) -> str:
    return label if n == 1 else f"{n} {label}"


def _inference(edge: ViewEdge, idx: MapIndex) -> str:
    rel = idx.relations.get(edge.target)
    if rel is None:
        return edge.target
    return f"{_titles(rel.sources, idx)} {rel.type.value} {_titles([rel.target], idx)}"
