"""What changed between two editions of a map, argument by argument: a pure model diff.

Records are matched by id, because ids are what readers cite: a node whose id changed is
reported as one removed and one added, which is exactly what it is for a permalink. Which
fields are compared, and how, is one table per record kind; the reports (text, Markdown,
diagram) live in `argmap.diffreport`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section

Record = Node | Relation | Section | Retired


class Status(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Kind(StrEnum):
    NODE = "node"
    RELATION = "relation"
    SECTION = "section"
    RETIRED = "retired"


class FieldKind(StrEnum):
    WORDS = "words"  # prose: shown as a word-level diff
    VALUE = "value"  # a single value: shown as old -> new
    ITEMS = "items"  # a list (citations, tags, sources): shown as items added and removed


@dataclass(frozen=True)
class FieldChange:
    name: str
    kind: FieldKind
    old: tuple[str, ...]  # one element for WORDS and VALUE
    new: tuple[str, ...]

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(x for x in self.new if x not in self.old)

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(x for x in self.old if x not in self.new)


@dataclass(frozen=True)
class Change:
    kind: Kind
    status: Status
    id: str
    old: Record | None
    new: Record | None
    fields: tuple[FieldChange, ...] = ()  # only for CHANGED

    @property
    def record(self) -> Record:
        """The newest version of the record (the old one when it was removed)."""
        found = self.new if self.new is not None else self.old
        assert found is not None
        return found


@dataclass(frozen=True)
class MapDiff:
    changes: tuple[Change, ...]

    def of(self, kind: Kind, status: Status | None = None) -> tuple[Change, ...]:
        return tuple(
            c for c in self.changes if c.kind is kind and (status is None or c.status is status)
        )

    @property
    def empty(self) -> bool:
        return not self.changes


def cite_text(c: Citation) -> str:
    return f"{c.key}, {c.locator}" if c.locator else c.key


def _one(value: object) -> tuple[str, ...]:
    return (str(value).lower() if isinstance(value, bool) else str(value),)


_Getter = Callable[[object], tuple[str, ...]]


def _field(name: str, kind: FieldKind, attr: str = "") -> tuple[str, FieldKind, _Getter]:
    key = attr or name

    def get(record: object) -> tuple[str, ...]:
        value = getattr(record, key)
        if kind is not FieldKind.ITEMS:
            return _one(value)
        return tuple(cite_text(v) if isinstance(v, Citation) else str(v) for v in value)

    return name, kind, get


W, V, L = FieldKind.WORDS, FieldKind.VALUE, FieldKind.ITEMS

# What a reader of the permanent page would notice, in the order the page shows it.
FIELDS: dict[Kind, tuple[tuple[str, FieldKind, _Getter], ...]] = {
    Kind.NODE: (
        _field("type", V),
        _field("title", W),
        _field("text", W),
        _field("section", V),
        _field("cites", L),
        _field("quote", W),
        _field("anchor", V),
        _field("implicit", V),
        _field("tags", L),
    ),
    Kind.RELATION: (
        _field("type", V),
        _field("from", L, "sources"),
        _field("to", V, "target"),
        _field("text", W),
        _field("cites", L),
    ),
    Kind.SECTION: (_field("title", W), _field("parent", V), _field("page", V)),
    Kind.RETIRED: (_field("successor", V), _field("note", W)),
}


_DETAILS = ("text", "cites", "quote", "tags")  # what a reviewer reads of a whole record


def details(change: Change) -> tuple[tuple[str, str], ...]:
    """(field, value) pairs worth showing for a record added or removed whole."""
    found = []
    for name, kind, get in FIELDS[change.kind]:
        value = get(change.record)
        if name in _DETAILS and any(value):
            found.append((name, "; ".join(value) if kind is FieldKind.ITEMS else value[0]))
    return tuple(found)


def _fields(kind: Kind, old: Record, new: Record) -> tuple[FieldChange, ...]:
    found = []
    for name, field_kind, get in FIELDS[kind]:
        before, after = get(old), get(new)
        if before != after:
            found.append(FieldChange(name, field_kind, before, after))
    return tuple(found)


def _compare(kind: Kind, old: Sequence[Record], new: Sequence[Record]) -> list[Change]:
    """Added and changed in the new document order, then removed in the old one."""
    before = {r.id: r for r in old}
    after_ids = {r.id for r in new}
    out: list[Change] = []
    for rec in new:
        prev = before.get(rec.id)
        if prev is None:
            out.append(Change(kind, Status.ADDED, rec.id, None, rec))
        elif fields := _fields(kind, prev, rec):
            out.append(Change(kind, Status.CHANGED, rec.id, prev, rec, fields))
    out.extend(Change(kind, Status.REMOVED, r.id, r, None) for r in old if r.id not in after_ids)
    return out


def diff_maps(old: ArgumentMap, new: ArgumentMap) -> MapDiff:
    return MapDiff(
        (
            *_compare(Kind.NODE, old.nodes, new.nodes),
            *_compare(Kind.RELATION, old.relations, new.relations),
            *_compare(Kind.SECTION, old.sections, new.sections),
            *_compare(Kind.RETIRED, old.retired, new.retired),
        )
    )


@dataclass(frozen=True)
class Piece:
    """A run of words: kept ("="), removed ("-") or added ("+")."""

    op: str
    text: str


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """Words (whitespace-separated) kept, removed and added; whitespace runs become one space."""
    a, b = old.split(), new.split()
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("-", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("+", " ".join(b[j1:j2])))
    return tuple(pieces)


_NOUNS = {
    Kind.NODE: "nodes",
    Kind.RELATION: "relations",
    Kind.SECTION: "sections",
    Kind.RETIRED: "retired ids",
}


def summary(diff: MapDiff) -> str:
    """One line such as "nodes: 2 added, 1 changed; relations: 1 removed"."""
    parts = []
    for kind in Kind:
        shown = [f"{n} {s.value}" for s in Status if (n := len(diff.of(kind, s)))]
        if shown:
            parts.append(f"{_NOUNS[kind]}: " + ", ".join(shown))
    return "; ".join(parts) if parts else "no changes"
