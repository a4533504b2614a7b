"""The argument file format, declared once.

This table drives structural validation (`structure`), the JSON Schema for editors (`schema`)
and the format reference page (`reference`). Change the format here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from argmap.vocabulary import RELATION_TYPE_DOC, NodeType, RelationType

NODE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# Relation ids may contain dots, so ids derived as "<from>.<type>.<to>" never clash with nodes.
RELATION_ID = re.compile(r"[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*")
BIB_KEY = re.compile(r"[^\s,{}()\"#%'=~\\]+")
MAX_ID_LENGTH = 80


class Kind(Enum):
    NODE_ID = "node id"
    RELATION_ID = "relation id"
    TEXT = "text"
    MARKDOWN = "Markdown text"
    NODE_TYPE = "node type"
    RELATION_TYPE = "relation type"
    BOOL = "true or false"
    NODE_REF = "node id (reference)"
    NODE_REFS = "node id or list of node ids"
    SECTION_REF = "section id (reference)"
    ANY_REF = "node or relation id (reference)"
    CITES = "list of citations"
    TAGS = "list of tags"
    SHORT_RELATIONS = "target id, list of target ids, or list of {to, id}"
    RECORDS = "list of records"
    PATH = "path relative to docs/"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    doc: str
    example: str
    required: bool = False
    record: str = ""  # for Kind.RECORDS: which record the list holds


@dataclass(frozen=True)
class Record:
    name: str
    doc: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return self.by_name.get(name)

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


_SHORT_EXAMPLES = {
    RelationType.SUPPORTS: "supports: [io-new-roles, intro-regime]",
    RelationType.UNDERCUTS: "undercuts: {to: coc-audits.supports.coc-impact, id: coc-undercut}",
}


def _short_relation(t: RelationType) -> Field:
    target = " The target is a relation id." if t is RelationType.UNDERCUTS else ""
    return Field(
        t.value,
        Kind.SHORT_RELATIONS,
        f"Short form of a `{t.value}` relation from this node: {RELATION_TYPE_DOC[t]}.{target}"
        " An omitted relation id is derived as `<from>.<type>.<to>`.",
        _SHORT_EXAMPLES.get(t, f"{t.value}: other-node-id"),
    )


_SHORT_RELATIONS = tuple(_short_relation(t) for t in RelationType)

SECTION = Record(
    "section",
    "A section of the text; groups nodes; order is document order.",
    (
        Field("id", Kind.NODE_ID, "Stable section id.", "id: international-organizations", True),
        Field(
            "title", Kind.TEXT, "The section heading.", "title: International organizations", True
        ),
        Field("parent", Kind.SECTION_REF, "The enclosing section, if any.", "parent: four-pillars"),
        Field(
            "page",
            Kind.PATH,
            "The text page of this section, relative to `docs/`.",
            "page: text/international-organizations.md",
        ),
    ),
)

CITE = Record(
    "citation",
    "A cited work: a BibTeX key and an optional locator.",
    (
        Field("key", Kind.TEXT, "A key of the bibliography.", "key: hassel2008", True),
        Field("locator", Kind.TEXT, "Where in the work (page, section).", 'locator: "p. 237"'),
    ),
)

NODE = Record(
    "node",
    "A proposition, piece of evidence, limitation or question.",
    (
        Field(
            "id",
            Kind.NODE_ID,
            "Stable, author-assigned id; never derived from the title. "
            "Lower case words joined by hyphens. It becomes the permanent URL "
            "`arguments/<id>/`.",
            "id: io-enforcement-gap",
            True,
        ),
        Field(
            "type",
            Kind.NODE_TYPE,
            "What kind of node this is: " + ", ".join(f"`{t.value}`" for t in NodeType) + ".",
            "type: limitation",
            True,
        ),
        Field(
            "title",
            Kind.TEXT,
            "A short label for diagrams (at most about 60 characters).",
            "title: No means of enforcement",
            True,
        ),
        Field(
            "text",
            Kind.MARKDOWN,
            "The node in full, in our own words (Markdown; raw HTML is shown as text).",
            "text: The ILO sets standards but cannot enforce them.",
        ),
        Field(
            "section",
            Kind.SECTION_REF,
            "The section this node belongs to; defaults to the file's `section`.",
            "section: international-organizations",
        ),
        Field(
            "cites",
            Kind.CITES,
            "Works cited: BibTeX keys, each as `key`, `key, locator` or "
            "`{key: ..., locator: ...}`. Evidence must cite at least one.",
            'cites: [hassel2008, "meardi2014, p. 1038"]',
        ),
        Field(
            "quote",
            Kind.TEXT,
            "Verbatim words of the text that this node restates.",
            'quote: "the effects of all these emerging global labor governance forms remain '
            'limited"',
        ),
        Field(
            "anchor",
            Kind.TEXT,
            "The anchor of the paragraph that holds the quote.",
            "anchor: introduction-p4",
        ),
        Field(
            "implicit",
            Kind.BOOL,
            "An unstated premise, added by the editors (drawn dashed).",
            "implicit: true",
        ),
        Field("tags", Kind.TAGS, "Free keywords.", "tags: [enforcement, ILO]"),
        *_SHORT_RELATIONS,
    ),
)

RELATION = Record(
    "relation",
    "A relation in long form (needed for linked premises).",
    (
        Field(
            "id",
            Kind.RELATION_ID,
            "Stable relation id (lower case, hyphens or dots).",
            "id: ifa-linked-support",
            True,
        ),
        Field(
            "type",
            Kind.RELATION_TYPE,
            "One of " + ", ".join(f"`{t.value}`" for t in RelationType) + ".",
            "type: supports",
            True,
        ),
        Field(
            "from",
            Kind.NODE_REFS,
            "Source node(s); several sources are linked premises (only for `supports`).",
            "from: [ifa-premise-a, ifa-premise-b]",
            True,
        ),
        Field(
            "to", Kind.ANY_REF, "Target node (or relation, for `undercuts`).", "to: ifa-claim", True
        ),
        Field("text", Kind.MARKDOWN, "Why the relation holds.", "text: Both premises together."),
        Field("cites", Kind.CITES, "Works cited for the relation.", "cites: [hassel2008]"),
    ),
)

SHORT_RELATION = Record(
    "short relation",
    "A relation written inside its source node.",
    (
        Field("to", Kind.ANY_REF, "Target id.", "to: io-new-roles", True),
        Field("id", Kind.RELATION_ID, "Relation id (derived when omitted).", "id: io-gap-attack"),
        Field("text", Kind.MARKDOWN, "Why the relation holds.", "text: ..."),
    ),
)

RETIRED = Record(
    "retired",
    "An id once published and then removed, and where it went.",
    (
        Field(
            "id", Kind.NODE_ID, "The retired id; it may never be used again.", "id: old-id", True
        ),
        Field("successor", Kind.NODE_ID, "The node that replaces it.", "successor: new-id", True),
        Field(
            "note",
            Kind.TEXT,
            "Why it was retired; shown to readers of the old URL.",
            "note: merged into new-id",
        ),
    ),
)

FILE = Record(
    "argument file",
    "One YAML file under the map folder.",
    (
        Field(
            "section",
            Kind.SECTION_REF,
            "Default section for this file's nodes.",
            "section: introduction",
        ),
        Field(
            "sections", Kind.RECORDS, "Sections declared here.", "sections: [...]", record="section"
        ),
        Field("nodes", Kind.RECORDS, "The nodes.", "nodes: [...]", record="node"),
        Field(
            "relations",
            Kind.RECORDS,
            "Relations in long form.",
            "relations: [...]",
            record="relation",
        ),
        Field("retired", Kind.RECORDS, "Retired ids.", "retired: [...]", record="retired"),
    ),
)

RECORDS: dict[str, Record] = {
    r.name: r for r in (FILE, SECTION, NODE, RELATION, SHORT_RELATION, RETIRED, CITE)
}
