"""`argmap diff OLD NEW`: what changed in the argument, for a terminal, a pull request, a map.

Every output marks a change by more than colour: the terminal and Markdown reports put "+",
"−" or "~" before each item and `[-…-]`/`{+…+}` (or <del>/<ins>) around changed words; the
diagram adds a prefix to each label and a line style (bold added, dashed removed, double
changed). Colour is added only on a terminal (and never under NO_COLOR).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from argmap import theme
from argmap.argdiff import (
    Change,
    FieldChange,
    FieldKind,
    Kind,
    MapDiff,
    Piece,
    Status,
    details,
    diff_maps,
    summary,
    word_diff,
)
from argmap.dot import clean, html, quote
from argmap.model import ArgumentMap, Node, Relation, Retired, Section
from argmap.project import load_settings
from argmap.report import human
from argmap.report import summary as summary_line
from argmap.revisions import load_source
from argmap.vocabulary import RelationType

SIGN = {Status.ADDED: "+", Status.REMOVED: "−", Status.CHANGED: "~"}
CONTEXT_WORDS = 8  # unchanged words kept on each side of a change in long texts
MAX_ITEMS = 300  # a pull-request summary stays well under GitHub's 1 MiB step-summary limit


def describe(change: Change) -> str:
    """What the item is, in one line of plain text: `node id (type): title`."""
    return clean(_describe(change))  # no control characters reach a terminal


def _describe(change: Change) -> str:
    rec = change.record
    if isinstance(rec, Node):
        return f"node {rec.id} ({rec.type.value}): {rec.title}"
    if isinstance(rec, Relation):
        return f"relation {rec.id}: {' + '.join(rec.sources)} {rec.type.value} {rec.target}"
    if isinstance(rec, Section):
        return f"section {rec.id}: {rec.title}"
    assert isinstance(rec, Retired)
    return f"retired id {rec.id} → {rec.successor}"


def trimmed(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """Long unchanged runs shortened to a few words around each change."""
    out = []
    for i, p in enumerate(pieces):
        words = p.text.split()
        if p.op != "=" or len(words) <= 2 * CONTEXT_WORDS:
            out.append(p)
            continue
        head = words[:CONTEXT_WORDS] if i > 0 else []
        tail = words[-CONTEXT_WORDS:] if i < len(pieces) - 1 else []
        out.append(Piece("=", " ".join([*head, "…", *tail])))
    return tuple(out)


# --- terminal text -------------------------------------------------------------------------

_ANSI = {"+": "\x1b[32m", "-": "\x1b[31m", "~": "\x1b[33m", "end": "\x1b[0m"}


@dataclass(frozen=True)
class _Paint:
    colour: bool

    def __call__(self, op: str, text: str) -> str:
        return f"{_ANSI[op]}{text}{_ANSI['end']}" if self.colour and op in _ANSI else text


def _words_text(pieces: tuple[Piece, ...], paint: _Paint) -> str:
    marks = {"-": ("[-", "-]"), "+": ("{+", "+}")}
    out = []
    for p in trimmed(pieces):
        start, end = marks.get(p.op, ("", ""))
        out.append(paint(p.op, f"{start}{clean(p.text)}{end}"))
    return " ".join(out)


def _field_text(f: FieldChange, paint: _Paint) -> str:
    if f.kind is FieldKind.WORDS:
        return _words_text(word_diff(f.old[0], f.new[0]), paint)
    if f.kind is FieldKind.VALUE:
        return clean(f"{f.old[0] or '(none)'} → {f.new[0] or '(none)'}")
    parts = [paint("+", clean(f"+ {x}")) for x in f.added]
    parts += [paint("-", clean(f"− {x}")) for x in f.removed]
    return "; ".join(parts) or "reordered"


def to_text(diff: MapDiff, old_name: str, new_name: str, colour: bool = False) -> str:
    paint = _Paint(colour)
    lines = [f"argmap diff {old_name} → {new_name}: {summary(diff)}"]
    for change in diff.changes[:MAX_ITEMS]:
        op = "-" if change.status is Status.REMOVED else SIGN[change.status]
        lines.append(paint(op, f"{SIGN[change.status]} {describe(change)}"))
        lines.extend(f"    {f.name}: {_field_text(f, paint)}" for f in change.fields)
        if change.status is Status.ADDED:
            lines.extend("    " + clean(f"{name}: {value}") for name, value in details(change))
    lines.extend(_more(diff))
    return "\n".join(lines) + "\n"


def _more(diff: MapDiff) -> list[str]:
    rest = len(diff.changes) - MAX_ITEMS
    return [f"… and {rest} more changes"] if rest > 0 else []


# --- Markdown (pull-request summary) --------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]()<>#+-!|~"} | {"&": "&amp;"})


def md(text: str) -> str:
    """Text shown literally in GitHub Markdown (also inside <del>/<ins>)."""
    return clean(text).translate(_MD_SPECIAL)


def _code(text: str) -> str:
    return "`" + clean(text).replace("`", "'") + "`"


def _md_item(change: Change) -> str:
    rec = change.record
    if isinstance(rec, Node):
        return f"node {_code(rec.id)} ({rec.type.value}): {md(rec.title)}"
    if isinstance(rec, Relation):
        sources = " + ".join(_code(s) for s in rec.sources)
        return f"relation {_code(rec.id)}: {sources} {rec.type.value} {_code(rec.target)}"
    if isinstance(rec, Section):
        return f"section {_code(rec.id)}: {md(rec.title)}"
    assert isinstance(rec, Retired)
    return f"retired id {_code(rec.id)} → {_code(rec.successor)}"


def _md_field(f: FieldChange) -> str:
    if f.kind is FieldKind.WORDS:
        tags = {"-": ("<del>", "</del>"), "+": ("<ins>", "</ins>")}
        parts = []
        for p in trimmed(word_diff(f.old[0], f.new[0])):
            start, end = tags.get(p.op, ("", ""))
            parts.append(f"{start}{md(p.text)}{end}")
        return " ".join(parts)
    if f.kind is FieldKind.VALUE:
        return f"{_code(f.old[0] or '(none)')} → {_code(f.new[0] or '(none)')}"
    added = [f"added {_code(x)}" for x in f.added]
    removed = [f"removed {_code(x)}" for x in f.removed]
    return "; ".join(added + removed) or "reordered"


def to_markdown(diff: MapDiff, old_name: str, new_name: str) -> str:
    out = [
        "## Argument map changes",
        "",
        f"{_code(old_name)} → {_code(new_name)}: {summary(diff)}.",
        "",
    ]
    shown = diff.changes[:MAX_ITEMS]
    for status, heading in (
        (Status.ADDED, "Added"),
        (Status.REMOVED, "Removed"),
        (Status.CHANGED, "Changed"),
    ):
        items = [c for c in shown if c.status is status]
        if not items:
            continue
        out += [f"### {SIGN[status]} {heading}", ""]
        for c in items:
            out.append(f"- {_md_item(c)}")
            out.extend(f"  - **{f.name}**: {_md_field(f)}" for f in c.fields)
            if c.status is Status.ADDED:
                out.extend(f"  - **{name}**: {md(value)}" for name, value in details(c))
        out.append("")
    out.extend(x + "\n" for x in _more(diff))
    return "\n".join(out).rstrip("\n") + "\n"


# --- the diff diagram -----------------------------------------------------------------------

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


# --- the command ----------------------------------------------------------------------------

FORMATS = ("text", "markdown", "dot", "svg")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`argmap diff OLD NEW [--format ...]`."""
    where = "a git revision (origin/main, HEAD, v0.1.0), a JSON export, or a folder or file of "
    parser.add_argument("old", metavar="OLD", help=f"the earlier edition: {where}argument files")
    parser.add_argument(
        "new", metavar="NEW", help="the later edition, likewise (docs/map: the working tree)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="names the map folder for git"
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto: colour only on a terminal, and not under NO_COLOR",
    )
    parser.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")


def _colour(args: argparse.Namespace) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    return args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def render(args: argparse.Namespace, old: ArgumentMap, new: ArgumentMap) -> str:
    """The diff in the chosen format (svg needs Graphviz: RenderError when it is missing)."""
    diff = diff_maps(old, new)
    if args.format == "text":
        return to_text(diff, args.old, args.new, _colour(args))
    if args.format == "markdown":
        return to_markdown(diff, args.old, args.new)
    dot = to_dot(diff, old, new, f"argmap diff {args.old} → {args.new}: {summary(diff)}")
    if args.format == "dot":
        return dot
    from argmap.render import render_all  # only svg needs Graphviz

    return render_all({"diff": dot})["diff"]


def run(args: argparse.Namespace) -> int:
    """Exit 0 with the diff; 2 when an edition cannot be loaded or Graphviz is missing."""
    from argmap.render import RenderError

    config: Path = args.config
    settings, _ = load_settings(config) if config.is_file() else (None, ())
    old, before = load_source(args.old, settings)
    new, after = load_source(args.new, settings)
    problems = before + after
    if problems:  # without human()'s closing "argmap check: ..." line, which would mislead here
        shown = human(problems, settings.root if settings else Path.cwd())
        sys.stderr.write(shown.removesuffix(summary_line(problems) + "\n"))
    if old is None or new is None:
        return 2
    try:
        text = render(args, old, new)
    except RenderError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
