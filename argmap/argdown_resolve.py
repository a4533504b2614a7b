"""Argdown resolved into a map: what `argdown_read` found becomes nodes, relations and
sections, still under provisional keys, with the ids their data gives.

Ids are not decided here: nodes, relations and sections get provisional keys ("s:Title",
"a:Title", "h:3", "r:7") and the ids their data gives (`{id: ...}`); `interchange.finalize`
turns keys into ids once for every importer.
"""

from __future__ import annotations

from argmap.argdown_data import (
    ARGUMENT_KEYS,
    HEADING_KEYS,
    NODE_KEYS,
    citations,
    listed_tags,
    merged,
    retired,
)
from argmap.argdown_read import Member, Reader
from argmap.argdown_relations import Maker, argument_relations, data_relations, tree_relations
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Node, Section
from argmap.vocabulary import NodeType

_TYPES = {t.value: t for t in NodeType}


def _node(maker: Maker, key: str, title: str, targets: set[str], sources: set[str]) -> Node:
    read, reader = maker.read[key], maker.reader
    tags = list(read.tags)
    kind = _TYPES.get(str(read.data.get("type", "")))
    if "type" in read.data and kind is None:
        reader.problem(
            "AM600",
            f"unknown node type '{read.data['type']}'; inferred instead",
            read.line,
            "Use one of " + ", ".join(_TYPES) + ".",
        )
    if kind is None:
        kind = next((_TYPES[t.lower()] for t in tags if t.lower() in _TYPES), None)
        tags = [t for t in tags if kind is None or t.lower() != kind.value]
    if kind is None:  # a reason that is never itself argued about reads as a premise
        kind = NodeType.PREMISE if key in sources and key not in targets else NodeType.CLAIM
    data = read.data
    section = str(data.get("section", ""))
    return Node(
        key,
        kind,
        str(data.get("title", title)),
        str(data.get("text", read.text)),
        maker.sections.get(section, section) if section else read.section,
        citations(reader, data, read.line),
        str(data.get("quote") or ""),
        str(data.get("anchor") or ""),
        data.get("implicit") is True,
        tuple(dict.fromkeys((*listed_tags(data.get("tags")), *tags))),
        reader.span(read.line),
    )


def _sections(reader: Reader, maker: Maker) -> list[Section]:
    """Headings as sections, nested by level (or by a `parent` in the data at the top)."""
    out: list[Section] = []
    open_: list[tuple[int, str]] = []
    for h in reader.parsed.headings:
        read = merged(reader, [Member(h.parts, h.line, "")], HEADING_KEYS)
        while open_ and open_[-1][0] >= h.level:
            open_.pop()
        parent = open_[-1][1] if open_ else str(read.data.get("parent", ""))
        open_.append((h.level, h.key))
        if "id" in read.data:
            maker.given[h.key] = str(read.data["id"])
            maker.sections[str(read.data["id"])] = h.key
        out.append(
            Section(
                h.key,
                str(read.data.get("title", read.text)),
                parent,
                str(read.data.get("page", "")),
                reader.span(h.line),
            )
        )
    return out


def resolve(reader: Reader) -> tuple[ArgumentMap, dict[str, str], tuple[Diagnostic, ...]]:
    """The map of what was read, with provisional keys, the ids given, and every problem."""
    elements = reader.parsed.elements.values()
    arguments = [e for e in elements if e.key.startswith("a:") and e.pcs]
    nodes = [e for e in elements if not (e.key.startswith("a:") and e.pcs)]
    read = {e.key: merged(reader, e.members, NODE_KEYS) for e in nodes}
    read.update({e.key: merged(reader, e.members, ARGUMENT_KEYS) for e in arguments})
    maker = Maker(reader, read)
    sections = _sections(reader, maker)
    maker.given.update(
        {e.key: str(read[e.key].data["id"]) for e in nodes if "id" in read[e.key].data}
    )
    argument_relations(maker, arguments)
    tree_relations(maker)
    data_relations(maker, [e.key for e in nodes])
    sources = {s for r in maker.relations for s in r.sources}
    targets = {r.target for r in maker.relations}
    ordered = sorted(nodes, key=lambda e: read[e.key].line)
    amap = ArgumentMap(
        tuple(_node(maker, e.key, e.title, targets, sources) for e in ordered),
        tuple(maker.relations),
        tuple(sections),
        retired(reader),
    )
    return amap, maker.given, tuple(reader.parsed.diagnostics)
