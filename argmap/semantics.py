"""Semantic checks over the whole map: a table of small functions, each yielding diagnostics."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from argmap.diagnostics import Diagnostic, Span, error, warning
from argmap.model import ArgumentMap, Citation, Node, Relation
from argmap.structure import suggest
from argmap.vocabulary import ENDPOINTS, MULTI_SOURCE, UNDERCUTTABLE, NodeType, RelationType


@dataclass(frozen=True)
class Context:
    amap: ArgumentMap
    nodes: dict[str, Node]
    relations: dict[str, Relation]
    bib_keys: frozenset[str] | None  # None: no bibliography configured, keys not checked


def _duplicate_ids(ctx: Context) -> Iterator[Diagnostic]:
    first: dict[str, Span] = {}
    items = [(n.id, n.span, "node") for n in ctx.amap.nodes]
    items += [(r.id, r.span, "relation") for r in ctx.amap.relations]
    for ident, span, what in items:
        if ident in first:
            yield error(
                "AM200",
                f"duplicate id '{ident}' ({what}; first used at {first[ident]})",
                span,
                "Ids must be unique across all files; rename one of them.",
            )
        else:
            first[ident] = span
    seen: dict[str, str] = {}
    for s in ctx.amap.sections:
        if s.id in seen:
            yield error(
                "AM209",
                f"section '{s.id}' is declared twice (first at {seen[s.id]})",
                s.span,
                "Declare each section once.",
            )
        seen.setdefault(s.id, str(s.span))


def _node_ref(ctx: Context, ident: str, rel: Relation, field: str) -> Iterator[Diagnostic]:
    if ident not in ctx.nodes:
        hint = suggest(ident, tuple(ctx.nodes)) or "Declare the node, or fix the id."
        yield error(
            "AM201",
            f"relation '{rel.id}' refers to unknown node '{ident}'",
            rel.span_of(field),
            hint,
        )


def _references(ctx: Context) -> Iterator[Diagnostic]:
    for rel in ctx.amap.relations:
        for source in rel.sources:
            yield from _node_ref(ctx, source, rel, "from")
        if rel.type is not RelationType.UNDERCUTS:
            yield from _node_ref(ctx, rel.target, rel, "to")
            continue
        target = ctx.relations.get(rel.target)
        if target is None:
            others = tuple(r for r in ctx.relations if r != rel.id)
            hint = suggest(rel.target, others) or "Undercuts aim at a relation id."
            yield error(
                "AM202",
                f"'{rel.id}' undercuts unknown relation '{rel.target}'",
                rel.span_of("to"),
                hint,
            )
        elif target.type not in UNDERCUTTABLE:
            allowed = ", ".join(sorted(t.value for t in UNDERCUTTABLE))
            yield error(
                "AM210",
                f"'{rel.id}' undercuts a '{target.type.value}' relation",
                rel.span_of("to"),
                f"Undercuts may target: {allowed}.",
            )


def _endpoints(ctx: Context) -> Iterator[Diagnostic]:
    for rel in ctx.amap.relations:
        allowed_from, allowed_to = ENDPOINTS[rel.type]
        if len(rel.sources) > 1 and rel.type not in MULTI_SOURCE:
            yield error(
                "AM211",
                f"a '{rel.type.value}' relation has several sources",
                rel.span_of("from"),
                "Only `supports` takes linked premises; write one relation per source.",
            )
        for source in rel.sources:
            node = ctx.nodes.get(source)
            if node and node.type not in allowed_from:
                yield _endpoint_error(rel, node, "from", allowed_from)
        node = ctx.nodes.get(rel.target)
        if rel.type is not RelationType.UNDERCUTS and node and node.type not in allowed_to:
            yield _endpoint_error(rel, node, "to", allowed_to)


def _endpoint_error(
    rel: Relation, node: Node, end: str, allowed: frozenset[NodeType]
) -> Diagnostic:
    names = ", ".join(t.value for t in NodeType if t in allowed)
    side = "start at" if end == "from" else "end at"
    return error(
        "AM203",
        f"'{rel.type.value}' cannot {side} a {node.type.value} ('{node.id}')",
        rel.span_of(end),
        f"A `{rel.type.value}` relation may "
        f"{side}: {names}. Change the relation type or the node's type.",
    )


def _self_loops(ctx: Context) -> Iterator[Diagnostic]:
    for rel in ctx.amap.relations:
        undercuts_itself = rel.type is RelationType.UNDERCUTS and rel.target == rel.id
        if rel.target in rel.sources or undercuts_itself:
            yield error(
                "AM204",
                f"relation '{rel.id}' connects '{rel.target}' to itself",
                rel.span_of("to"),
                "Point the relation at another node.",
            )


def _sections(ctx: Context) -> Iterator[Diagnostic]:
    known = {s.id for s in ctx.amap.sections}
    for node in ctx.amap.nodes:
        if node.section and node.section not in known:
            hint = suggest(node.section, tuple(known)) or "Declare it under `sections:`."
            yield error(
                "AM205",
                f"node '{node.id}' is in unknown section '{node.section}'",
                node.span_of("section"),
                hint,
            )
    for s in ctx.amap.sections:
        if s.parent and s.parent not in known:
            yield error(
                "AM215",
                f"section '{s.id}' has unknown parent '{s.parent}'",
                s.span,
                suggest(s.parent, tuple(known)) or "Declare the parent section.",
            )


def _evidence(ctx: Context) -> Iterator[Diagnostic]:
    for node in ctx.amap.nodes:
        if node.type is NodeType.EVIDENCE and not node.cites:
            yield error(
                "AM206",
                f"evidence '{node.id}' cites no work",
                node.span,
                "Add `cites: [bibtex-key]` naming the study it reports.",
            )


def _retired(ctx: Context) -> Iterator[Diagnostic]:
    for old in ctx.amap.retired:
        if old.id in ctx.nodes or old.id in ctx.relations:
            yield error(
                "AM207",
                f"retired id '{old.id}' is used again",
                old.span,
                "A published id can never name something else; choose a new id.",
            )
        if old.successor not in ctx.nodes:
            yield error(
                "AM208",
                f"retired id '{old.id}' names unknown successor '{old.successor}'",
                old.span,
                suggest(old.successor, tuple(ctx.nodes)) or "Name an existing node.",
            )


def _citation_keys(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.bib_keys is None:
        return
    cites: list[Citation] = [c for n in ctx.amap.nodes for c in n.cites]
    cites += [c for r in ctx.amap.relations for c in r.cites]
    for c in cites:
        if c.key not in ctx.bib_keys:
            hint = suggest(c.key, tuple(sorted(ctx.bib_keys))) or "Add the entry to the .bib file."
            yield error("AM300", f"unknown BibTeX key '{c.key}'", c.span, hint)


def _duplicate_relations(ctx: Context) -> Iterator[Diagnostic]:
    # Plain strings as keys: hashing enum members, and even reading `.value`, costs a Python
    # call each; `_value_` is the member's plain attribute.
    keys = [(r.type._value_, r.sources, r.target) for r in ctx.amap.relations]
    counts = Counter(keys)
    reported: set[object] = set()
    for r, key in zip(ctx.amap.relations, keys, strict=True):
        if counts[key] > 1 and key not in reported:
            reported.add(key)
            yield warning(
                "AM216",
                f"the relation {r.type.value} {', '.join(r.sources)} -> "
                f"{r.target} is stated {counts[key]} times",
                r.span,
                "Keep one of them.",
            )


def _support_cycles(ctx: Context) -> Iterator[Diagnostic]:
    graph: dict[str, list[Relation]] = defaultdict(list)
    for r in ctx.amap.relations:
        if r.type is RelationType.SUPPORTS:
            for s in r.sources:
                graph[s].append(r)
    state: dict[str, int] = {}
    for start in sorted(graph):
        yield from _cycle_from(start, graph, state)


def _cycle_from(
    start: str, graph: dict[str, list[Relation]], state: dict[str, int]
) -> Iterator[Diagnostic]:
    # Iterative depth-first search: recursion would overflow on long chains.
    if state.get(start):
        return
    stack = [(start, iter(graph.get(start, [])))]
    state[start] = 1
    while stack:
        node, edges = stack[-1]
        rel = next(edges, None)
        if rel is None:
            state[node] = 2
            stack.pop()
            continue
        if state.get(rel.target) == 1:
            yield warning(
                "AM217",
                f"circular support: '{rel.target}' ends up supporting itself",
                rel.span,
                "Break the circle: a claim cannot be its own reason.",
            )
        elif not state.get(rel.target):
            state[rel.target] = 1
            stack.append((rel.target, iter(graph.get(rel.target, []))))


def _completeness(ctx: Context) -> Iterator[Diagnostic]:
    linked: set[str] = set()
    supported: set[str] = set()
    raised: set[str] = set()
    for r in ctx.amap.relations:
        linked.update(r.sources)
        linked.add(r.target)
        if r.type is RelationType.SUPPORTS:
            supported.add(r.target)
        if r.type is RelationType.RAISES:
            raised.add(r.target)
    for n in ctx.amap.nodes:
        if n.id not in linked:
            yield warning(
                "AM212",
                f"node '{n.id}' has no relation",
                n.span,
                "Connect it (supports, attacks, qualifies, raises ...) or remove it.",
            )
        elif n.type in {NodeType.THESIS, NodeType.CLAIM} and n.id not in supported:
            yield warning(
                "AM213",
                f"{n.type.value} '{n.id}' has no support",
                n.span,
                "Add the premise or evidence the text gives for it.",
            )
        elif n.type is NodeType.QUESTION and n.id not in raised:
            yield warning(
                "AM214",
                f"question '{n.id}' is raised by nothing",
                n.span,
                "Add `raises: " + n.id + "` to the node that makes it arise.",
            )


CHECKS: tuple[Callable[[Context], Iterator[Diagnostic]], ...] = (
    _duplicate_ids,
    _references,
    _endpoints,
    _self_loops,
    _sections,
    _evidence,
    _retired,
    _citation_keys,
    _duplicate_relations,
    _support_cycles,
    _completeness,
)


def check_map(amap: ArgumentMap, bib_keys: frozenset[str] | None) -> tuple[Diagnostic, ...]:
    ctx = Context(amap, amap.node_index(), amap.relation_index(), bib_keys)
    return tuple(d for check in CHECKS for d in check(ctx))
