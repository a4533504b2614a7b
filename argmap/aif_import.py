"""AIF in (AIFdb corpora, OVA, xAIF, our own AIF), and our JSON export back in.

Both read JSON and share the record shapes of our JSON export (`export_json`): our AIF keeps
those records in its `argmap` object, keyed by AIF nodeID.

From AIF, I-nodes become nodes and RA, CA and MA nodes relations: RA -> `supports` (all its
premises linked), CA -> `attacks` (or `undercuts`, when it points at an RA or CA), MA ->
`rephrases`. Where the `argmap` object has a record for a nodeID, its id, type, title,
section, citations and the rest are taken from it; otherwise the node's type is inferred
(a premise when it only gives reasons, else a claim) and its id and title are derived later
from its text. The dialogue (L, YA and TA nodes, locutions) is left out with one warning
that counts it; anything else AIF can say that a map cannot is reported with its line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import product

from argmap.diagnostics import Diagnostic, Span, error, warning
from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section
from argmap.vocabulary import NodeType, RelationType

_DIALOGUE = ("L", "YA", "TA")
_SCHEMES = {"RA": RelationType.SUPPORTS, "CA": RelationType.ATTACKS, "MA": RelationType.REPHRASES}
_NODE_TYPES = {t.value: t for t in NodeType}
_RELATION_TYPES = {t.value: t for t in RelationType}
Result = tuple[ArgumentMap, dict[str, str], tuple[Diagnostic, ...]]


def _load(text: str, display: str) -> tuple[object, list[Diagnostic]]:
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


_ID = re.compile(r'"(?:nodeID|id|edgeID)"\s*:\s*"?([^",}\s]+)')


def _lines(text: str) -> dict[str, int]:
    """The line where each id is first written (JSON has no positions of its own)."""
    found: dict[str, int] = {}
    line, at = 1, 0
    for m in _ID.finditer(text):
        line, at = line + text.count("\n", at, m.start()), m.start()
        found.setdefault(m.group(1), line)
    return found


# --- Records of our JSON export -------------------------------------------------------------


def _s(record: dict[str, object], key: str) -> str:
    value = record.get(key)
    return "" if value is None else str(value)


def _cites(value: object) -> tuple[Citation, ...]:
    items = value if isinstance(value, list) else []
    out = []
    for c in items:
        key, _, locator = (
            f"{_s(c, 'key')},{_s(c, 'locator')}" if isinstance(c, dict) else str(c)
        ).partition(",")
        out.append(Citation(key.strip(), locator.strip()))
    return tuple(out)


def node_from(record: dict[str, object], key: str, span: Span) -> Node | None:
    kind = _NODE_TYPES.get(_s(record, "type"))
    if kind is None:
        return None
    tags = record.get("tags")
    return Node(
        key,
        kind,
        _s(record, "title"),
        _s(record, "text"),
        _s(record, "section"),
        _cites(record.get("cites")),
        _s(record, "quote"),
        _s(record, "anchor"),
        record.get("implicit") is True,
        tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        span,
    )


def relation_from(record: dict[str, object], key: str, span: Span) -> Relation | None:
    kind = _RELATION_TYPES.get(_s(record, "type"))
    sources = record.get("from")
    if kind is None or not isinstance(sources, list) or not sources:
        return None
    return Relation(
        key,
        kind,
        tuple(str(s) for s in sources),
        _s(record, "to"),
        _s(record, "text"),
        _cites(record.get("cites")),
        span,
    )


def _records(data: dict[str, object], name: str) -> Iterator[dict[str, object]]:
    items = data.get(name)
    yield from (i for i in items if isinstance(i, dict)) if isinstance(items, list) else ()


def _sections(data: dict[str, object], span: Span) -> tuple[Section, ...]:
    return tuple(
        Section(_s(s, "id"), _s(s, "title"), _s(s, "parent"), _s(s, "page"), span)
        for s in _records(data, "sections")
    )


def _retired(data: dict[str, object], span: Span) -> tuple[Retired, ...]:
    return tuple(
        Retired(_s(r, "id"), _s(r, "successor"), _s(r, "note"), span)
        for r in _records(data, "retired")
    )


def parse_json(text: str, display: str) -> Result:
    """Our JSON export (`argmap export --format json`): every id is given."""
    data, problems = _load(text, display)
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
    nodes: list[Node] = []
    relations: list[Relation] = []
    lines = _lines(text)

    def bad(kind: str, ident: str) -> None:
        problems.append(
            error(
                "AM601",
                f"{kind} '{ident}' lacks a known type or its ends",
                Span(display, lines.get(ident, 1)),
            )
        )

    for record in _records(data, "nodes"):
        ident = _s(record, "id")
        node = node_from(record, ident, Span(display, lines.get(ident, 1)))
        if node is None:
            bad("node", ident)
        else:
            nodes.append(node)
    for record in _records(data, "relations"):
        ident = _s(record, "id")
        rel = relation_from(record, ident, Span(display, lines.get(ident, 1)))
        if rel is None:
            bad("relation", ident)
        else:
            relations.append(rel)
    amap = ArgumentMap(
        tuple(nodes),
        tuple(relations),
        _sections(data, Span(display)),
        _retired(data, Span(display)),
    )
    ids = [n.id for n in nodes] + [r.id for r in relations] + [s.id for s in amap.sections]
    given = {i: i for i in ids}
    return amap, given, tuple(problems)


# --- AIF ------------------------------------------------------------------------------------


@dataclass
class _Graph:
    lines: dict[str, int]
    display: str
    kinds: dict[str, str]
    texts: dict[str, str]
    ext: dict[str, object]
    incoming: dict[str, list[str]] = field(default_factory=dict)
    outgoing: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    given: dict[str, str] = field(default_factory=dict)

    def span(self, ident: str) -> Span:
        return Span(self.display, self.lines.get(ident, 1))

    def warn(self, ident: str, message: str, hint: str = "") -> None:
        self.problems.append(warning("AM600", message, self.span(ident), hint))

    def record(self, ident: str) -> dict[str, object]:
        records = self.ext.get("nodes")
        found = records.get(ident) if isinstance(records, dict) else None
        return found if isinstance(found, dict) else {}


def _graph(text: str, display: str, aif: dict[str, object], ext: dict[str, object]) -> _Graph:
    g = _Graph(_lines(text), display, {}, {}, ext)
    counts = dict.fromkeys(_DIALOGUE, 0)
    for n in _records(aif, "nodes"):
        ident, kind = _s(n, "nodeID"), _s(n, "type")
        if kind in counts:
            counts[kind] += 1
        elif kind != "I" and kind not in _SCHEMES:
            g.warn(
                ident,
                f"AIF node {ident} of type '{kind}' is not imported",
                "A map has I, RA, CA and MA nodes only.",
            )
        g.kinds[ident], g.texts[ident] = kind, _s(n, "text")
    for e in _records(aif, "edges"):
        a, b = _s(e, "fromID"), _s(e, "toID")
        if a not in g.kinds or b not in g.kinds:
            g.problems.append(
                error(
                    "AM603",
                    f"edge {_s(e, 'edgeID')} joins unknown node {a if a not in g.kinds else b}",
                    g.span(_s(e, "edgeID")),
                )
            )
        elif g.kinds[a] in ("I", *_SCHEMES) and g.kinds[b] in ("I", *_SCHEMES):
            g.outgoing.setdefault(a, []).append(b)
            g.incoming.setdefault(b, []).append(a)
    locutions = aif.get("locutions")
    _dialogue(g, counts, len(locutions) if isinstance(locutions, list) else 0)
    return g


def _dialogue(g: _Graph, counts: dict[str, int], locutions: int) -> None:
    if any(counts.values()) or locutions:
        shown = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        g.problems.append(
            warning(
                "AM602",
                f"the dialogue is not imported: {shown or 'no'} nodes and {locutions} locutions",
                Span(g.display),
                "A map keeps the argument (I, RA, CA and MA nodes), not who said it when.",
            )
        )


def _scheme(g: _Graph, sid: str) -> list[Relation]:
    """The relations one RA, CA or MA node stands for."""
    kind = g.kinds[sid]
    sources = [i for i in g.incoming.get(sid, []) if g.kinds[i] == "I"]
    for other in (i for i in g.incoming.get(sid, []) if g.kinds[i] != "I"):
        if g.kinds[other] != "CA":  # a CA into an RA or CA is an undercut: read there
            g.warn(sid, f"edge from {other} ({g.kinds[other]}) into {sid} is not imported")
    targets = g.outgoing.get(sid, [])
    if not sources or not targets:
        g.warn(sid, f"{kind} node {sid} lacks a premise or a conclusion; not imported")
        return []
    groups = [tuple(sources)] if kind == "RA" else [(s,) for s in sources]
    pairs = list(product(groups, targets))
    if len(pairs) > 1:
        g.warn(
            sid,
            f"{kind} node {sid} joins {len(sources)} sources to {len(targets)} targets;"
            f" imported as {len(pairs)} relations",
        )
    out = []
    for k, (group, target) in enumerate(pairs):
        rel_type = _SCHEMES[kind]
        if g.kinds[target] != "I":
            if kind != "CA" or g.kinds[target] not in ("RA", "CA"):
                g.warn(sid, f"edge from {sid} to {target} ({g.kinds[target]}) is not imported")
                continue
            rel_type = RelationType.UNDERCUTS
        out.append(
            Relation(sid if k == 0 else f"{sid}#{k + 1}", rel_type, group, target, span=g.span(sid))
        )
    return out


def _described(g: _Graph, rel: Relation, scheme: str) -> Relation:
    record = g.record(rel.id)
    if "from" not in record:  # no record of ours: keep a named scheme as the relation's text
        named = "" if scheme.startswith("Default") else scheme
        return Relation(rel.id, rel.type, rel.sources, rel.target, named, (), rel.span)
    g.given[rel.id] = _s(record, "id")
    return Relation(
        rel.id,
        rel.type,
        rel.sources,
        rel.target,
        _s(record, "text"),
        _cites(record.get("cites")),
        rel.span,
    )


def _node(g: _Graph, ident: str, relations: list[Relation]) -> Node:
    built = node_from(g.record(ident), ident, g.span(ident))
    if built is not None:
        g.given[ident] = _s(g.record(ident), "id")
        text = g.texts[ident] if built.text else ""
        return Node(
            ident,
            built.type,
            built.title,
            text,
            built.section,
            built.cites,
            built.quote,
            built.anchor,
            built.implicit,
            built.tags,
            built.span,
        )
    reasons = {s for r in relations for s in r.sources}
    argued = {r.target for r in relations}
    kind = NodeType.PREMISE if ident in reasons and ident not in argued else NodeType.CLAIM
    return Node(ident, kind, "", g.texts[ident], span=g.span(ident))


def _extra(g: _Graph) -> list[Relation]:
    """Relations AIF cannot draw, from our `argmap` object. Their ends are our ids, mapped
    back to keys once all are known (an undercut may aim at one of these relations)."""
    read = []
    for k, record in enumerate(_records(g.ext, "relations"), 1):
        rel = relation_from(record, f"x:{k}", g.span(_s(record, "id")))
        if rel is None:
            g.warn(_s(record, "id"), f"relation record '{_s(record, 'id')}' is not understood")
            continue
        g.given[rel.id] = _s(record, "id")
        read.append(rel)
    keys = {v: k for k, v in g.given.items()}
    return [
        replace(
            r, sources=tuple(keys.get(s, s) for s in r.sources), target=keys.get(r.target, r.target)
        )
        for r in read
    ]


def parse_aif(text: str, display: str) -> Result:
    """AIF JSON (or xAIF, whose `AIF` object holds it) as a map with provisional keys."""
    data, problems = _load(text, display)
    aif = data.get("AIF") if isinstance(data, dict) and isinstance(data.get("AIF"), dict) else data
    if not isinstance(aif, dict) or not isinstance(aif.get("nodes"), list):
        if data is not None:
            problems.append(error("AM601", "not AIF JSON (no list of nodes)", Span(display)))
        return ArgumentMap(), {}, tuple(problems)
    ext = aif.get("argmap") or (data.get("argmap") if isinstance(data, dict) else None)
    g = _graph(text, display, aif, ext if isinstance(ext, dict) else {})
    relations = [
        _described(g, r, g.texts[sid])
        for sid, kind in g.kinds.items()
        if kind in _SCHEMES
        for r in _scheme(g, sid)
    ]
    nodes = [_node(g, ident, relations) for ident, kind in g.kinds.items() if kind == "I"]
    relations += _extra(g)
    sections = _sections(g.ext, Span(display))
    g.given.update({s.id: s.id for s in sections})
    amap = ArgumentMap(tuple(nodes), tuple(relations), sections, _retired(g.ext, Span(display)))
    return amap, g.given, tuple(problems + g.problems)
