"""The diff in words: a report for the terminal and a Markdown summary for a pull request.

Each marks a change by more than colour: "+", "−" or "~" before each item, and `[-…-]`/`{+…+}`
(or <del>/<ins>) around changed words. Colour is added to the terminal report only on request.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.argdiff import (
    Change,
    FieldChange,
    FieldKind,
    MapDiff,
    Piece,
    Status,
    details,
    summary,
    word_diff,
)
from argmap.dot import clean
from argmap.model import Node, Relation, Retired, Section

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
