"""The argument vocabulary: node types, relation types and which endpoints each relation takes.

Kept as enums and tables so that validation, the schema, the docs and the diagrams all read
one declaration.
"""

from __future__ import annotations

from enum import StrEnum


class NodeType(StrEnum):
    THESIS = "thesis"
    CLAIM = "claim"
    PREMISE = "premise"
    EVIDENCE = "evidence"
    LIMITATION = "limitation"
    QUESTION = "question"


class RelationType(StrEnum):
    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"
    QUALIFIES = "qualifies"
    RAISES = "raises"
    ANSWERS = "answers"
    REPHRASES = "rephrases"


NODE_TYPE_DOC: dict[NodeType, str] = {
    NodeType.THESIS: "the main proposition the text asserts",
    NodeType.CLAIM: "a proposition the text asserts or assesses",
    NodeType.PREMISE: "a proposition offered as a reason",
    NodeType.EVIDENCE: "an empirical or documentary basis; cites at least one work",
    NodeType.LIMITATION: "a caveat or weakness of a claim, an approach or an inference",
    NodeType.QUESTION: "an open research question",
}

RELATION_TYPE_DOC: dict[RelationType, str] = {
    RelationType.SUPPORTS: "gives a reason for its target; several `from` nodes are linked "
    "premises",
    RelationType.ATTACKS: "argues against its target",
    RelationType.UNDERCUTS: "attacks the inference of a relation (its target is a relation id)",
    RelationType.QUALIFIES: "a limitation that narrows its target without refuting it",
    RelationType.RAISES: "makes a question arise",
    RelationType.ANSWERS: "answers or addresses a question",
    RelationType.REPHRASES: "says the same thing as its target in other words",
}

# How a relation reads from each end: (from the source, from the target).
RELATION_PHRASES: dict[RelationType, tuple[str, str]] = {
    RelationType.SUPPORTS: ("supports", "supported by"),
    RelationType.ATTACKS: ("attacks", "attacked by"),
    RelationType.UNDERCUTS: ("undercuts", "undercut by"),
    RelationType.QUALIFIES: ("qualifies", "qualified by"),
    RelationType.RAISES: ("raises", "raised by"),
    RelationType.ANSWERS: ("answers", "answered by"),
    RelationType.REPHRASES: ("rephrases", "rephrased by"),
}

_ASSERTIVE = frozenset(
    {NodeType.THESIS, NodeType.CLAIM, NodeType.PREMISE, NodeType.EVIDENCE, NodeType.LIMITATION}
)
_ALL = frozenset(NodeType)

# Which node types may stand at each end of a relation. `undercuts` ends at a relation, so its
# target set is empty here and checked separately.
ENDPOINTS: dict[RelationType, tuple[frozenset[NodeType], frozenset[NodeType]]] = {
    RelationType.SUPPORTS: (
        _ASSERTIVE,
        frozenset({NodeType.THESIS, NodeType.CLAIM, NodeType.PREMISE, NodeType.LIMITATION}),
    ),
    RelationType.ATTACKS: (_ASSERTIVE, _ASSERTIVE),
    RelationType.UNDERCUTS: (_ASSERTIVE, frozenset()),
    RelationType.QUALIFIES: (
        frozenset({NodeType.LIMITATION}),
        frozenset({NodeType.THESIS, NodeType.CLAIM, NodeType.PREMISE, NodeType.EVIDENCE}),
    ),
    RelationType.RAISES: (_ALL, frozenset({NodeType.QUESTION})),
    RelationType.ANSWERS: (_ASSERTIVE, frozenset({NodeType.QUESTION})),
    RelationType.REPHRASES: (_ALL, _ALL),
}

# Relations an undercut may aim at: the inferences, not the bookkeeping links.
UNDERCUTTABLE = frozenset({RelationType.SUPPORTS, RelationType.ATTACKS, RelationType.QUALIFIES})

# Only `supports` may have several sources (linked premises).
MULTI_SOURCE = frozenset({RelationType.SUPPORTS})
