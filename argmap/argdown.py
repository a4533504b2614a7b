"""Argdown out: the map as Argdown text the Argdown tools parse, plus the bits of Argdown
syntax (escaping, data, tags) that `argdown_import` reads back.

What Argdown has a symbol for is written as Argdown: sections as headings, nodes as statements
`[Title]: text`, supports and attacks as `+>` and `->` under their source, undercuts as `_>`
aimed at an argument. A `supports` with linked premises, or one that is undercut, becomes a
premise-conclusion argument `<relation-id>` (Argdown undercuts arguments, not single edges).
What Argdown has no symbol for goes into each element's YAML data `{...}`, which Argdown keeps
and shows: ids, node types, citations, quotes, anchors, `implicit`, the relations
qualifies/raises/answers/rephrases (as in our short form, `{qualifies: [target-id]}`), and
relation ids or texts that differ from the derived ones. Retired ids go in the front matter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from argmap.model import ArgumentMap, Citation, Node, Relation, Section
from argmap.vocabulary import RelationType

# Argdown's own token patterns (lexer of @argdown/core), so both directions agree on them.
DATA = re.compile(r"\{(?:(?!\}\s[^,}])(?:.|\n))*\}(?!\s*(?:,|\}))")
TAG = re.compile(r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))")
LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)")
# Always special in text; `.` and `:` only where they would open a shortcode such as `.P.`.
_SPECIAL = re.compile(r"[\\\[\]<>#{}@*_/]|\.(?=\S+?\.)|:(?=\S+?:)")
_ESCAPED = re.compile(r"\\(.)")
_BARE = re.compile(r"[a-z][a-z0-9._-]*")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_SAFE_TAG = re.compile(r"[A-Za-z0-9-]+")
# Written as escapes inside quoted data: braces (they would end Argdown's data token), `]:`
# (Argdown would read a statement definition there) and what YAML reads otherwise when raw.
_UNPRINTABLE = re.compile("[{}\x7f-\x9f\u2028\u2029\ufffe\uffff]|\\](?=:)")
_SYMBOL = {RelationType.SUPPORTS: "+>", RelationType.ATTACKS: "->"}
# Relations Argdown has no symbol for: kept in the source's data under the relation type.
DATA_ONLY = (
    RelationType.QUALIFIES,
    RelationType.RAISES,
    RelationType.ANSWERS,
    RelationType.REPHRASES,
)


def escape(text: str) -> str:
    """Text as Argdown shows it literally: one line, special characters backslash-escaped."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(), " ".join(text.split()))


def unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def is_flat(text: str) -> bool:
    """Whether the text survives being written on one line (no breaks, no runs of spaces)."""
    return " ".join(text.split()) == text


def flow(value: object) -> str:
    """YAML flow style that Argdown (js-yaml) and our loader both read; braces inside strings
    are written as escapes so they cannot end Argdown's data token early."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _BARE.fullmatch(text) and text not in _RESERVED:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def cite_texts(cites: tuple[Citation, ...]) -> list[str]:
    return [f"{c.key}, {c.locator}" if c.locator else c.key for c in cites]


def derived_id(rel: Relation) -> str:
    return f"{rel.sources[0]}.{rel.type.value}.{rel.target}"


class _Plan:
    """Titles and the relation forms, decided once for the whole map."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.titles = _titles(amap.nodes)
        self.undercut = {r.target for r in amap.relations if r.type is RelationType.UNDERCUTS}
        self.arguments = {
            r.id: r
            for r in amap.relations
            if r.type is RelationType.SUPPORTS and (len(r.sources) > 1 or r.id in self.undercut)
        }
        self.outgoing: dict[str, list[Relation]] = {}
        for r in amap.relations:
            self.outgoing.setdefault(r.sources[0] if r.sources else "", []).append(r)

    def title(self, node_id: str) -> str:
        return self.titles.get(node_id, node_id)

    def in_tree(self, rel: Relation) -> bool:
        """Written as an Argdown relation line under its source."""
        if rel.id in self.arguments or len(rel.sources) != 1:
            return False
        if rel.type is RelationType.UNDERCUTS:
            return rel.target in self.arguments
        return rel.type in _SYMBOL

    def needs_data(self, rel: Relation) -> bool:
        if rel.id in self.arguments:
            return False
        return (
            not self.in_tree(rel)
            or rel.id != derived_id(rel)
            or bool(rel.text or rel.cites)
            or rel.id in self.undercut
        )


def _titles(nodes: tuple[Node, ...]) -> dict[str, str]:
    """Argdown titles: equal titles are one statement in Argdown, so each must be unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for n in nodes:
        title = " ".join(n.title.replace("[", "(").replace("]", ")").split()).lstrip("-").strip()
        title = title or n.id
        if title in used:
            title = f"{title} ({n.id})"
        used.add(title)
        out[n.id] = title
    return out


def _relation_entry(plan: _Plan, rel: Relation) -> object:
    explicit = rel.id != derived_id(rel) or rel.id in plan.undercut
    if not (explicit or rel.text or rel.cites):
        return rel.target
    entry: dict[str, object] = {"to": rel.target}
    if explicit:
        entry["id"] = rel.id
    if rel.text:
        entry["text"] = rel.text
    if rel.cites:
        entry["cites"] = cite_texts(rel.cites)
    return entry


def _node_data(plan: _Plan, node: Node, known_sections: set[str]) -> dict[str, object]:
    data: dict[str, object] = {"id": node.id, "type": node.type.value}
    if plan.title(node.id) != node.title:
        data["title"] = node.title
    if not is_flat(node.text):
        data["text"] = node.text
    if node.section and node.section not in known_sections:
        data["section"] = node.section
    optional = {
        "cites": cite_texts(node.cites),
        "quote": node.quote,
        "anchor": node.anchor,
        "implicit": node.implicit,
    }
    data.update({k: v for k, v in optional.items() if v})
    if node.tags and not all(_tag(t) for t in node.tags):
        data["tags"] = list(node.tags)
    mine = [r for r in plan.outgoing.get(node.id, []) if plan.needs_data(r)]
    for kind in RelationType:
        entries = [_relation_entry(plan, r) for r in mine if r.type is kind]
        if entries:
            data[kind.value] = entries
    return data


def _tag(tag: str) -> str:
    if _SAFE_TAG.fullmatch(tag):
        return f"#{tag}"
    return f"#({tag})" if tag and is_flat(tag) and ")" not in tag else ""


def _statement(plan: _Plan, node: Node, known_sections: set[str]) -> Iterator[str]:
    data = _node_data(plan, node, known_sections)
    tags = "" if "tags" in data else "".join(f" {_tag(t)}" for t in node.tags)
    head = f"[{plan.title(node.id)}]"
    head += f": {escape(node.text)}" if node.text else ""
    yield f"{head}{tags} {flow(data)}"
    for rel in plan.outgoing.get(node.id, []):
        if plan.in_tree(rel):
            if rel.type is RelationType.UNDERCUTS:
                yield f"  _> <{rel.target}>"
            else:
                yield f"  {_SYMBOL[rel.type]} [{plan.title(rel.target)}]"


def _argument(plan: _Plan, rel: Relation) -> Iterator[str]:
    data: dict[str, object] = {"id": rel.id}
    if rel.text and not is_flat(rel.text):
        data["text"] = rel.text
    if rel.cites:
        data["cites"] = cite_texts(rel.cites)
    yield f"<{rel.id}>" + (f": {escape(rel.text)}" if rel.text else "") + f" {flow(data)}"
    yield ""
    for k, source in enumerate(rel.sources, 1):
        yield f"({k}) [{plan.title(source)}]"
    yield "----"
    yield f"({len(rel.sources) + 1}) [{plan.title(rel.target)}]"


def _heading(section: Section, depth: int, known: set[str]) -> str:
    data: dict[str, object] = {"id": section.id}
    if not is_flat(section.title) or not section.title:
        data["title"] = section.title
    if section.parent and section.parent not in known:
        data["parent"] = section.parent
    if section.page:
        data["page"] = section.page
    return f"{'#' * depth} {escape(section.title) or section.id} {flow(data)}"


def _section_order(sections: tuple[Section, ...]) -> list[tuple[Section, int]]:
    """Parents before children (headings nest by level), otherwise declared order."""
    known = {s.id for s in sections}
    children: dict[str, list[Section]] = {}
    for s in sections:
        children.setdefault(s.parent if s.parent in known else "", []).append(s)
    out: list[tuple[Section, int]] = []
    seen: set[str] = set()

    def walk(parent: str, depth: int) -> None:
        for s in children.get(parent, []):
            if s.id not in seen:
                seen.add(s.id)
                out.append((s, depth))
                walk(s.id, depth + 1)

    walk("", 1)
    out.extend((s, 1) for s in sections if s.id not in seen)  # parent cycles: flat, not lost
    return out


def _blocks(plan: _Plan, known: set[str]) -> dict[str, list[str]]:
    """The lines under each section heading ("" before the first heading)."""
    out: dict[str, list[str]] = {}
    nodes = plan.amap.node_index()
    for node in plan.amap.nodes:
        home = node.section if node.section in known else ""
        out.setdefault(home, []).extend([*_statement(plan, node, known), ""])
    for rel in plan.arguments.values():
        first = nodes.get(rel.sources[0])
        home = first.section if first is not None and first.section in known else ""
        out.setdefault(home, []).extend([*_argument(plan, rel), ""])
    return out


def _front_matter(amap: ArgumentMap) -> Iterator[str]:
    if amap.retired:
        retired = [{"id": r.id, "successor": r.successor, "note": r.note} for r in amap.retired]
        yield "==="
        yield f"argmap: {flow({'retired': retired})}"
        yield "==="
        yield ""


def to_argdown(amap: ArgumentMap) -> str:
    plan = _Plan(amap)
    known = {s.id for s in amap.sections}
    lines = [
        *_front_matter(amap),
        "// Exported by argmap: ids, types and citations are in the {data} of each element.",
        "",
    ]
    blocks = _blocks(plan, known)
    lines.extend(blocks.get("", []))
    for section, depth in _section_order(amap.sections):
        lines.extend([_heading(section, depth, known), ""])
        lines.extend(blocks.get(section.id, []))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
