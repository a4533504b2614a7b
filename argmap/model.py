"""What the argument is: typed, immutable, positions kept for every later check."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.diagnostics import Span
from argmap.vocabulary import NodeType, RelationType


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str = ""
    span: Span = field(default=Span("<unknown>"), compare=False)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    parent: str = ""
    page: str = ""
    span: Span = field(default=Span("<unknown>"), compare=False)


@dataclass(frozen=True)
class Node:
    id: str
    type: NodeType
    title: str
    text: str = ""
    section: str = ""
    cites: tuple[Citation, ...] = ()
    quote: str = ""
    anchor: str = ""
    implicit: bool = False
    tags: tuple[str, ...] = ()
    span: Span = field(default=Span("<unknown>"), compare=False)
    # Positions of individual fields (name -> span) for precise diagnostics.
    field_spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False)

    def span_of(self, name: str) -> Span:
        return dict(self.field_spans).get(name, self.span)


@dataclass(frozen=True)
class Relation:
    id: str
    type: RelationType
    sources: tuple[str, ...]
    target: str
    text: str = ""
    cites: tuple[Citation, ...] = ()
    span: Span = field(default=Span("<unknown>"), compare=False)
    field_spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False)

    def span_of(self, name: str) -> Span:
        return dict(self.field_spans).get(name, self.span)


@dataclass(frozen=True)
class Retired:
    id: str
    successor: str
    note: str = ""
    span: Span = field(default=Span("<unknown>"), compare=False)


@dataclass(frozen=True)
class ArgumentMap:
    """The whole argument, in document order (files in name order, items in file order)."""

    nodes: tuple[Node, ...] = ()
    relations: tuple[Relation, ...] = ()
    sections: tuple[Section, ...] = ()
    retired: tuple[Retired, ...] = ()

    def node_index(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def relation_index(self) -> dict[str, Relation]:
        return {r.id: r for r in self.relations}
