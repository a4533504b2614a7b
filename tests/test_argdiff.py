"""The model diff: records matched by id, fields compared by the table, words diffed."""

from __future__ import annotations

from argmap.argdiff import (
    FieldKind,
    Kind,
    Piece,
    Status,
    diff_maps,
    summary,
    word_diff,
)
from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section
from argmap.vocabulary import NodeType, RelationType


def _node(id_: str, title: str = "T", **kw: object) -> Node:
    return Node(id_, kw.pop("type", NodeType.CLAIM), title, **kw)  # type: ignore[arg-type]


def test_identical_maps_have_no_changes() -> None:
    amap = ArgumentMap(nodes=(_node("a"), _node("b")))
    diff = diff_maps(amap, amap)
    assert diff.empty
    assert summary(diff) == "no changes"


def test_added_removed_and_changed_nodes_in_document_order() -> None:
    old = ArgumentMap(nodes=(_node("a"), _node("gone"), _node("b", "Old title")))
    new = ArgumentMap(nodes=(_node("new"), _node("a"), _node("b", "New title")))
    diff = diff_maps(old, new)
    assert [(c.status, c.id) for c in diff.changes] == [
        (Status.ADDED, "new"),
        (Status.CHANGED, "b"),
        (Status.REMOVED, "gone"),
    ]
    (changed,) = diff.of(Kind.NODE, Status.CHANGED)
    assert [(f.name, f.kind, f.old, f.new) for f in changed.fields] == [
        ("title", FieldKind.WORDS, ("Old title",), ("New title",))
    ]
    assert changed.record.title == "New title"  # type: ignore[union-attr]
    assert summary(diff) == "nodes: 1 added, 1 removed, 1 changed"


def test_citations_are_compared_as_items_with_locators() -> None:
    old = ArgumentMap(nodes=(_node("a", cites=(Citation("k1"), Citation("k2", "p. 3"))),))
    new = ArgumentMap(nodes=(_node("a", cites=(Citation("k2", "p. 4"), Citation("k3"))),))
    (field,) = diff_maps(old, new).changes[0].fields
    assert field.name == "cites"
    assert field.added == ("k2, p. 4", "k3")
    assert field.removed == ("k1", "k2, p. 3")


def test_type_implicit_and_tags_changes() -> None:
    old = ArgumentMap(nodes=(_node("a", tags=("x",)),))
    new = ArgumentMap(nodes=(_node("a", type=NodeType.LIMITATION, implicit=True, tags=("y",)),))
    fields = {f.name: f for f in diff_maps(old, new).changes[0].fields}
    assert fields["type"].old == ("claim",)
    assert fields["type"].new == ("limitation",)
    assert fields["implicit"].new == ("true",)
    assert fields["tags"].added == ("y",)
    assert fields["tags"].removed == ("x",)


def test_positions_do_not_count_as_changes() -> None:
    from argmap.diagnostics import Span

    old = ArgumentMap(nodes=(Node("a", NodeType.CLAIM, "T", span=Span("x.yml", 3)),))
    new = ArgumentMap(nodes=(Node("a", NodeType.CLAIM, "T", span=Span("y.yml", 9)),))
    assert diff_maps(old, new).empty


def test_relations_sections_and_retired_entries() -> None:
    rel = Relation("r", RelationType.SUPPORTS, ("a",), "b")
    old = ArgumentMap(
        relations=(rel,),
        sections=(Section("s", "Intro"),),
        retired=(Retired("x", "a"),),
    )
    new = ArgumentMap(
        relations=(Relation("r", RelationType.ATTACKS, ("a", "c"), "b", "why"),),
        sections=(Section("s", "Introduction"),),
        retired=(Retired("x", "b", "moved"),),
    )
    diff = diff_maps(old, new)
    names = {c.kind: [f.name for f in c.fields] for c in diff.changes}
    assert names == {
        Kind.RELATION: ["type", "from", "text"],
        Kind.SECTION: ["title"],
        Kind.RETIRED: ["successor", "note"],
    }


def test_word_diff_marks_words_kept_removed_and_added() -> None:
    pieces = word_diff("the effects remain   limited", "the effects stay limited overall")
    assert pieces == (
        Piece("=", "the effects"),
        Piece("-", "remain"),
        Piece("+", "stay"),
        Piece("=", "limited"),
        Piece("+", "overall"),
    )


def test_word_diff_of_empty_texts() -> None:
    assert word_diff("", "") == ()
    assert word_diff("", "new words") == (Piece("+", "new words"),)
    assert word_diff("old", "") == (Piece("-", "old"),)


def test_details_of_a_whole_added_node() -> None:
    from argmap.argdiff import details

    node = _node("a", text="Why.", cites=(Citation("k", "p. 2"), Citation("j")), tags=("x",))
    (change,) = diff_maps(ArgumentMap(), ArgumentMap(nodes=(node,))).changes
    assert details(change) == (("text", "Why."), ("cites", "k, p. 2; j"), ("tags", "x"))
