"""AIF in (AIFdb corpora, OVA, xAIF, our own AIF).

Our AIF keeps the records of our JSON export (`export_json`) in its `argmap` object, keyed by
AIF nodeID; they are read as `json_import` reads that export.

From AIF, I-nodes become nodes and RA, CA and MA nodes relations: RA -> `supports` (all its
premises linked), CA -> `attacks` (or `undercuts`, when it points at an RA or CA), MA ->
`rephrases`. Where the `argmap` object has a record for a nodeID, its id, type, title,
section, citations and the rest are taken from it; otherwise the node's type is inferred
(a premise when it only gives reasons, else a claim) and its id and title are derived later
from its text. The dialogue (L, YA and TA nodes, locutions) is left out with one warning
that counts it; anything else AIF can say that a map cannot is reported with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import product

from argmap.diagnostics import Diagnostic, Span, error, warning
from argmap.json_import import (
    Result,
    cites_of,
    id_lines,
    load_json,
    node_from,
    records,
    relation_from,
    retired_of,
    sections_of,
    text_of,
)
from argmap.model import ArgumentMap, Node, Relation
from argmap.vocabulary import NodeType, RelationType

_DIALOGUE = ("L", "YA", "TA")
_SCHEMES = {"RA": RelationType.SUPPORTS, "CA": RelationType.ATTACKS, "MA": RelationType.REPHRASES}


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
    g = _Graph(id_lines(text), display, {}, {}, ext)
    counts = dict.fromkeys(_DIALOGUE, 0)
    for n in records(aif, "nodes"):
        ident, kind = text_of(n, "nodeID"), text_of(n, "type")
        if kind in counts:
            counts[kind] += 1
        elif kind != "I" and kind not in _SCHEMES:
            g.warn(
                ident,
                f"AIF node {ident} of type '{kind}' is not imported",
                "A map has I, RA, CA and MA nodes only.",
            )
        g.kinds[ident], g.texts[ident] = kind, text_of(n, "text")
    for e in records(aif, "edges"):
        a, b, edge = text_of(e, "fromID"), text_of(e, "toID"), text_of(e, "edgeID")
        if a not in g.kinds or b not in g.kinds:
            g.problems.append(
                error(
                    "AM603",
                    f"edge {edge} joins unknown node {a if a not in g.kinds else b}",
                    g.span(edge),
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
    g.given[rel.id] = text_of(record, "id")
    return Relation(
        rel.id,
        rel.type,
        rel.sources,
        rel.target,
        text_of(record, "text"),
        cites_of(record.get("cites")),
        rel.span,
    )


def _node(g: _Graph, ident: str, relations: list[Relation]) -> Node:
    built = node_from(g.record(ident), ident, g.span(ident))
    if built is not None:
        g.given[ident] = text_of(g.record(ident), "id")
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
    for k, record in enumerate(records(g.ext, "relations"), 1):
        ident = text_of(record, "id")
        rel = relation_from(record, f"x:{k}", g.span(ident))
        if rel is None:
            g.warn(ident, f"relation record '{ident}' is not understood")
            continue
        g.given[rel.id] = ident
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
    data, problems = load_json(text, display)
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
    sections = sections_of(g.ext, Span(display))
    g.given.update({s.id: s.id for s in sections})
    amap = ArgumentMap(tuple(nodes), tuple(relations), sections, retired_of(g.ext, Span(display)))
    return amap, g.given, tuple(problems + g.problems)
