"""The diff as a diagram (Graphviz DOT): the changed nodes and relations with their unchanged
neighbours in grey. A change is marked by more than colour: a prefix on each label and a line
style (bold added, dashed removed, double changed), explained in a legend.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap import theme
from argmap.argdiff import Change, Kind, MapDiff, Status
from argmap.difftext import SIGN
from argmap.dot import html, quote
from argmap.model import ArgumentMap, Node, Relation
from argmap.vocabulary import RelationType

_GREY = "#6b717b"
_MARK = {  # status -> (colour, node style, edge style, label word)
    Status.ADDED: ("#007a5a", "filled,bold", "bold", "ADDED"),
    Status.REMOVED: ("#c24600", "filled,dashed", "dashed", "REMOVED"),
    Status.CHANGED: ("#946300", "filled", "solid", "CHANGED"),
}


def _node_line(node: Node, change: Change | None) -> str:
    style = theme.NODE_STYLES[node.type]
    small = f'<FONT POINT-SIZE="{theme.TAG_FONT_PT}">'
    title = "<BR/>".join(html(line) for line in theme.wrap(node.title))
    if change is None:  # context: drawn plain and grey, so the changes stand out
        tag, attrs = style.tag, f'style="filled" color="{_GREY}" fillcolor="#ffffff"'
    else:
        colour, dot_style, _, word = _MARK[change.status]
        tag = f"{SIGN[change.status]} {word} · {style.tag}"
        fill = "#ffffff" if change.status is Status.REMOVED else theme.light(style.fill_var)
        attrs = f'style="{dot_style}" color="{colour}" fillcolor="{fill}" penwidth=3'
        if change.status is Status.CHANGED:
            attrs += " peripheries=2"
    note = node.id
    if change is not None and change.fields:
        note += " · changed: " + ", ".join(f.name for f in change.fields)
    label = f"<{small}<B>{html(tag)}</B></FONT><BR/>{title}<BR/>{small}{html(note)}</FONT>>"
    return (
        f"  {quote(node.id)} [shape={style.shape} {attrs} label={label} "
        f"tooltip={quote(node.id + ': ' + node.title)}];"
    )


def _edge_lines(rel: Relation, change: Change | None, head: str) -> Iterator[str]:
    word = theme.EDGE_STYLES[rel.type].label
    if change is None:
        attrs = f'color="{_GREY}" style=solid penwidth=1 label={quote(word)}'
    else:
        colour, _, line, _ = _MARK[change.status]
        if change.status is Status.CHANGED:  # two parallel lines: a double line
            colour = f"{colour}:invis:{colour}"
        attrs = (
            f'color="{colour}" style={line} penwidth=2.5 '
            f"label={quote(SIGN[change.status] + ' ' + word)}"
        )
    arrow = theme.EDGE_STYLES[rel.type].arrowhead
    for source in rel.sources:
        tip = f"{rel.id}: {source} {word} {rel.target}"
        yield (
            f"  {quote(source)} -> {quote(head)} [{attrs} arrowhead={arrow} tooltip={quote(tip)}];"
        )


_LEGEND = (
    '  "diff-legend" [shape=plaintext label=<<TABLE BORDER="0" CELLSPACING="2">'
    '<TR><TD ALIGN="LEFT"><B>+ ADDED</B>: bold outline, bold line</TD></TR>'
    '<TR><TD ALIGN="LEFT"><B>− REMOVED</B>: dashed outline, dashed line</TD></TR>'
    '<TR><TD ALIGN="LEFT"><B>~ CHANGED</B>: double outline, double line</TD></TR>'
    '<TR><TD ALIGN="LEFT">grey: unchanged context</TD></TR></TABLE>>];'
)


def _head(rel: Relation, old: ArgumentMap, new: ArgumentMap) -> str:
    """Where an edge is drawn to: an undercut points at the node its attacked inference ends in."""
    if rel.type is not RelationType.UNDERCUTS:
        return rel.target
    attacked = new.relation_index().get(rel.target) or old.relation_index().get(rel.target)
    return attacked.target if attacked else rel.target


def _drawn(diff: MapDiff, old: ArgumentMap, new: ArgumentMap) -> dict[str, Node]:
    """Changed nodes, then the ends of changed relations, in diff order."""
    known = {**old.node_index(), **new.node_index()}
    drawn = {c.id: c.record for c in diff.of(Kind.NODE) if isinstance(c.record, Node)}
    for change in diff.of(Kind.RELATION):
        rel = change.record
        assert isinstance(rel, Relation)
        for end in (*rel.sources, _head(rel, old, new)):
            if end in known and end not in drawn:
                drawn[end] = known[end]
    return drawn


def _edges(
    diff: MapDiff, old: ArgumentMap, new: ArgumentMap, shown: dict[str, Node]
) -> list[tuple[Relation, str]]:
    """Changed relations, and unchanged ones between drawn nodes, with their heads."""
    changed = [c.record for c in diff.of(Kind.RELATION) if isinstance(c.record, Relation)]
    ids = {r.id for r in changed}
    rels = changed + [r for r in new.relations if r.id not in ids]
    heads = [(r, _head(r, old, new)) for r in rels]
    return [(r, h) for r, h in heads if h in shown and all(s in shown for s in r.sources)]


def to_dot(diff: MapDiff, old: ArgumentMap, new: ArgumentMap, title: str) -> str:
    """A diagram of the changed nodes and relations, with their unchanged neighbours."""
    changes = {(c.kind, c.id): c for c in diff.changes}
    nodes = _drawn(diff, old, new)
    lines = [
        'digraph "argmap-diff" {',
        f"  graph [rankdir=BT fontname={quote(theme.FONT)} label={quote(title)} labelloc=t];",
        f"  node [fontname={quote(theme.FONT)} fontsize={theme.NODE_FONT_PT}];",
        f"  edge [fontname={quote(theme.FONT)} fontsize={theme.TAG_FONT_PT}];",
        _LEGEND,
    ]
    lines += [_node_line(n, changes.get((Kind.NODE, n.id))) for n in nodes.values()]
    for rel, head in _edges(diff, old, new, nodes):
        lines += _edge_lines(rel, changes.get((Kind.RELATION, rel.id)), head)
    return "\n".join(lines) + "\n}\n"
