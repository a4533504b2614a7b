"""Our JSON export back in (`argmap export --format json`), and the record readers it shares
with the AIF importer: our AIF keeps the same records in its `argmap` object.

JSON has no positions of its own, so a problem is placed on the line where its id is first
written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from argmap.diagnostics import Diagnostic, Span, error
from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section
from argmap.vocabulary import NodeType, RelationType

_NODE_TYPES = {t.value: t for t in NodeType}
_RELATION_TYPES = {t.value: t for t in RelationType}
_ID = re.compile(r'"(?:nodeID|id|edgeID)"\s*:\s*"?([^",}\s]+)')
Result = tuple[ArgumentMap, dict[str, str], tuple[Diagnostic, ...]]
_T = TypeVar("_T", Node, Relation)


def load_json(text: str, display: str) -> tuple[object, list[Diagnostic]]:
    """The parsed JSON, or None and the error that says where it breaks."""
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        span = Span(display, exc.lineno, exc.colno)
        return None, [
            error(
                "AM601",
                f"not valid JSON: {exc.msg}",
                span,
                "Check the file is complete JSON (a truncated download?).",
            )
        ]


def id_lines(text: str) -> dict[str, int]:
    """The line where each id is first written (JSON has no positions of its own)."""
    found: dict[str, int] = {}
    line, at = 1, 0
    for m in _ID.finditer(text):
        line, at = line + text.count("\n", at, m.start()), m.start()
        found.setdefault(m.group(1), line)
    return found


# --- Records of our JSON export -------------------------------------------------------------


def text_of(record: dict[str, object], key: str) -> str:
    """A record's field as text ("" when it is missing or null)."""
    value = record.get(key)
    return "" if value is None else str(value)


def cites_of(value: object) -> tuple[Citation, ...]:
    """A record's `cites`: `key, locator` strings or `{key, locator}` mappings."""
    items = value if isinstance(value, list) else []
    out = []
    for c in items:
        key, _, locator = (
            f"{text_of(c, 'key')},{text_of(c, 'locator')}" if isinstance(c, dict) else str(c)
        ).partition(",")
        out.append(Citation(key.strip(), locator.strip()))
    return tuple(out)


def node_from(record: dict[str, object], key: str, span: Span) -> Node | None:
    """The node a record describes, under `key`; None without a known type."""
    kind = _NODE_TYPES.get(text_of(record, "type"))
    if kind is None:
        return None
    tags = record.get("tags")
    return Node(
        key,
        kind,
        text_of(record, "title"),
        text_of(record, "text"),
        text_of(record, "section"),
        cites_of(record.get("cites")),
        text_of(record, "quote"),
        text_of(record, "anchor"),
        record.get("implicit") is True,
        tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        span,
    )


def relation_from(record: dict[str, object], key: str, span: Span) -> Relation | None:
    """The relation a record describes, under `key`; None without a known type or sources."""
    kind = _RELATION_TYPES.get(text_of(record, "type"))
    sources = record.get("from")
    if kind is None or not isinstance(sources, list) or not sources:
        return None
    return Relation(
        key,
        kind,
        tuple(str(s) for s in sources),
        text_of(record, "to"),
        text_of(record, "text"),
        cites_of(record.get("cites")),
        span,
    )


def records(data: dict[str, object], name: str) -> Iterator[dict[str, object]]:
    """The mappings listed under `name` (anything else there is skipped)."""
    items = data.get(name)
    yield from (i for i in items if isinstance(i, dict)) if isinstance(items, list) else ()


def sections_of(data: dict[str, object], span: Span) -> tuple[Section, ...]:
    """The `sections` records, all placed at `span`."""
    return tuple(
        Section(
            text_of(s, "id"), text_of(s, "title"), text_of(s, "parent"), text_of(s, "page"), span
        )
        for s in records(data, "sections")
    )


def retired_of(data: dict[str, object], span: Span) -> tuple[Retired, ...]:
    """The `retired` records, all placed at `span`."""
    return tuple(
        Retired(text_of(r, "id"), text_of(r, "successor"), text_of(r, "note"), span)
        for r in records(data, "retired")
    )


# --- Our JSON export ------------------------------------------------------------------------


def _built(
    data: dict[str, object],
    kind: str,
    build: Callable[[dict[str, object], str, Span], _T | None],
    where: Callable[[str], Span],
    problems: list[Diagnostic],
) -> list[_T]:
    """Every `kind` record built under its own id; one that cannot be is reported."""
    out: list[_T] = []
    for record in records(data, kind + "s"):
        ident = text_of(record, "id")
        built = build(record, ident, where(ident))
        if built is None:
            problems.append(
                error("AM601", f"{kind} '{ident}' lacks a known type or its ends", where(ident))
            )
        else:
            out.append(built)
    return out


def parse_json(text: str, display: str) -> Result:
    """Our JSON export (`argmap export --format json`): every id is given."""
    data, problems = load_json(text, display)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        if data is not None:
            problems.append(
                error(
                    "AM601",
                    "not an argmap JSON export (no list of nodes)",
                    Span(display),
                    "Export it with `argmap export --format json`.",
                )
            )
        return ArgumentMap(), {}, tuple(problems)
    lines = id_lines(text)

    def where(ident: str) -> Span:
        return Span(display, lines.get(ident, 1))

    nodes = _built(data, "node", node_from, where, problems)
    relations = _built(data, "relation", relation_from, where, problems)
    amap = ArgumentMap(
        tuple(nodes),
        tuple(relations),
        sections_of(data, Span(display)),
        retired_of(data, Span(display)),
    )
    ids = [n.id for n in nodes] + [r.id for r in relations] + [s.id for s in amap.sections]
    return amap, {i: i for i in ids}, tuple(problems)
