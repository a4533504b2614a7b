"""Model records built from the fields that passed structural validation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from argmap.diagnostics import Diagnostic, Span
from argmap.format import (
    BIB_KEY,
    CITE,
    FILE,
    NODE,
    NODE_ID,
    RELATION,
    RELATION_ID,
    RETIRED,
    SECTION,
    SHORT_RELATION,
)
from argmap.model import Citation, Node, Relation, Retired, Section
from argmap.structure import FieldReader, text_of
from argmap.tree import YMap, YSeq, YValue
from argmap.vocabulary import NodeType, RelationType

# Enum members looked up by value through dicts, and their values read once here: calling an
# enum or reading `.value` runs Python code, a cost paid per node otherwise.
_NODE_TYPE = {t.value: t for t in NodeType}
_RELATION_TYPE = {t.value: t for t in RelationType}
_NODE_TYPES = tuple(_NODE_TYPE)
_RELATION_TYPES = tuple(_RELATION_TYPE)
_SHORT_FORMS = tuple(_RELATION_TYPE.items())


@dataclass(frozen=True)
class FileContent:
    sections: tuple[Section, ...] = ()
    nodes: tuple[Node, ...] = ()
    relations: tuple[Relation, ...] = ()
    retired: tuple[Retired, ...] = ()


def read_file(tree: YValue | None) -> tuple[FileContent, tuple[Diagnostic, ...]]:
    """Turn one parsed argument file into records, reporting every structural problem."""
    if tree is None:
        return FileContent(), ()
    reader = FieldReader()
    top = reader.fields(tree, FILE)
    if top is None:
        return FileContent(), tuple(reader.diagnostics)
    default_section = text_of(top["section"]) if "section" in top else ""
    sections = tuple(s for v in _items(top, "sections") if (s := _section(reader, v)))
    nodes: list[Node] = []
    relations: list[Relation] = []
    for value in _items(top, "nodes"):
        built = _node(reader, value, default_section)
        if built:
            nodes.append(built[0])
            relations.extend(built[1])
    relations.extend(r for v in _items(top, "relations") if (r := _relation(reader, v)))
    retired = tuple(old for v in _items(top, "retired") if (old := _retired(reader, v)))
    content = FileContent(sections, tuple(nodes), tuple(relations), retired)
    return content, tuple(reader.diagnostics)


def _items(top: dict[str, YValue], name: str) -> tuple[YValue, ...]:
    value = top.get(name)
    return value.items if isinstance(value, YSeq) else ()


def _spans(fields: dict[str, YValue]) -> tuple[tuple[str, Span], ...]:
    return tuple((name, value.span) for name, value in fields.items())


def _section(reader: FieldReader, value: YValue) -> Section | None:
    f = reader.fields(value, SECTION)
    if f is None or "id" not in f or "title" not in f:
        return None
    ident = reader.identifier(f["id"], NODE_ID, "section id")
    page = _page(reader, f["page"]) if "page" in f else ""
    if ident is None or page is None:
        return None
    parent = text_of(f["parent"]) if "parent" in f else ""
    return Section(ident, text_of(f["title"]), parent, page, value.span)


def _page(reader: FieldReader, value: YValue) -> str | None:
    """A page reference must stay inside the docs folder: no absolute paths, no '..'."""
    text = text_of(value)
    path = PurePosixPath(text.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in text:
        reader.add(
            "AM111",
            f"page '{text}' points outside the docs folder",
            value.span,
            "Give a path relative to docs/, such as text/introduction.md.",
        )
        return None
    return path.as_posix()


def _node(
    reader: FieldReader, value: YValue, default_section: str
) -> tuple[Node, list[Relation]] | None:
    f = reader.fields(value, NODE)
    if f is None or not {"id", "type", "title"} <= f.keys():
        return None
    ident = reader.identifier(f["id"], NODE_ID, "node id")
    kind = reader.enum(f["type"], _NODE_TYPES, "node type")
    if ident is None or kind is None:
        return None
    node = Node(
        id=ident,
        type=_NODE_TYPE[kind],
        title=text_of(f["title"]).strip(),
        text=text_of(f["text"]) if "text" in f else "",
        section=text_of(f["section"]) if "section" in f else default_section,
        cites=_cites(reader, f.get("cites")),
        quote=text_of(f["quote"]) if "quote" in f else "",
        anchor=text_of(f["anchor"]) if "anchor" in f else "",
        implicit=bool(f["implicit"].value) if "implicit" in f else False,  # type: ignore[union-attr]
        tags=_texts(f.get("tags")),
        span=value.span,
        field_spans=_spans(f),
    )
    relations = [
        r
        for name, t in _SHORT_FORMS
        if name in f
        for r in _short_relations(reader, ident, t, f[name])
    ]
    return node, relations


def _texts(value: YValue | None) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.items if isinstance(value, YSeq) else (value,)
    return tuple(text_of(v) for v in items)


def _cites(reader: FieldReader, value: YValue | None) -> tuple[Citation, ...]:
    if value is None:
        return ()
    items = value.items if isinstance(value, YSeq) else (value,)
    cites: list[Citation] = []
    for item in items:
        if isinstance(item, YMap):
            f = reader.fields(item, CITE)
            if f is None or "key" not in f:
                continue
            key, locator = text_of(f["key"]), text_of(f["locator"]) if "locator" in f else ""
        else:
            key, _, locator = text_of(item).partition(",")
        key, locator = key.strip(), locator.strip()
        if not BIB_KEY.fullmatch(key):
            reader.add(
                "AM107",
                f"'{key}' is not a BibTeX key",
                item.span,
                "Write `key` or `key, locator`, e.g. `hassel2008, p. 237`.",
            )
            continue
        cites.append(Citation(key, locator, item.span))
    return tuple(cites)


def _short_relations(
    reader: FieldReader, source: str, kind: RelationType, value: YValue
) -> list[Relation]:
    items = value.items if isinstance(value, YSeq) else (value,)
    out: list[Relation] = []
    for item in items:
        if isinstance(item, YMap):
            f = reader.fields(item, SHORT_RELATION)
            if f is None or "to" not in f:
                continue
            target, text = text_of(f["to"]), text_of(f["text"]) if "text" in f else ""
            ident = reader.identifier(f["id"], RELATION_ID, "relation id") if "id" in f else ""
        else:
            target, text, ident = text_of(item), "", ""
        if ident is None:
            continue
        ident = ident or f"{source}.{kind._value_}.{target}"
        out.append(
            Relation(
                ident,
                kind,
                (source,),
                target,
                text,
                (),
                item.span,
                (("to", item.span), ("from", item.span)),
            )
        )
    return out


def _relation(reader: FieldReader, value: YValue) -> Relation | None:
    f = reader.fields(value, RELATION)
    if f is None or not {"id", "type", "from", "to"} <= f.keys():
        return None
    ident = reader.identifier(f["id"], RELATION_ID, "relation id")
    kind = reader.enum(f["type"], _RELATION_TYPES, "relation type")
    if ident is None or kind is None:
        return None
    return Relation(
        ident,
        _RELATION_TYPE[kind],
        _texts(f["from"]),
        text_of(f["to"]),
        text_of(f["text"]) if "text" in f else "",
        _cites(reader, f.get("cites")),
        value.span,
        _spans(f),
    )


def _retired(reader: FieldReader, value: YValue) -> Retired | None:
    f = reader.fields(value, RETIRED)
    if f is None or not {"id", "successor"} <= f.keys():
        return None
    note = text_of(f["note"]) if "note" in f else ""
    return Retired(text_of(f["id"]), text_of(f["successor"]), note, value.span)
