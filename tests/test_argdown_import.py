"""Argdown in: every construct of the fixtures (written against the Argdown syntax docs and
parsed without errors by @argdown/core), and every unsupported one reported with its line."""

from __future__ import annotations

from pathlib import Path

from argmap.argdown_import import parse_argdown
from argmap.argdown_read import strip_comments
from argmap.diagnostics import Diagnostic
from argmap.interchange import finalize, import_file
from argmap.model import ArgumentMap, Citation

FIXTURES = Path(__file__).parent / "fixtures" / "argdown"


def load(name: str) -> tuple[ArgumentMap, tuple[Diagnostic, ...]]:
    return import_file("argdown", FIXTURES / name)


def triples(amap: ArgumentMap) -> set[tuple[str, tuple[str, ...], str]]:
    return {(r.type.value, r.sources, r.target) for r in amap.relations}


def found(problems: tuple[Diagnostic, ...]) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in problems]


def import_text(text: str) -> tuple[ArgumentMap, tuple[Diagnostic, ...]]:
    amap, ids, problems = parse_argdown(text, "t.argdown")
    return finalize(amap, ids), problems


def test_statements_titles_text_tags_data_and_sections() -> None:
    amap, problems = load("statements.argdown")
    assert problems == ()
    nodes = amap.node_index()
    assert list(nodes) == [
        "urgency-claim",
        "soft-law",
        "hassel-2008",
        "an-untitled-statement-that-gets-its",
        "escapes",
        "who-enforces",
        "empty-statement",
    ]
    urgency = nodes["urgency-claim"]  # one node for both members of the equivalence class
    assert urgency.text == (
        "Global labour standards have become a pressing problem for "
        "research and policy alike. which is why this text continues here."
    )
    assert urgency.tags == ("kept", "policy")
    assert urgency.section == "labour-standards"
    assert nodes["soft-law"].text == (
        "The new mechanisms are **not binding**; they rest on "
        "_soft law_, see [the ILO site]"
        "(https://www.ilo.org/global/standards)"
    )
    assert nodes["hassel-2008"].type.value == "evidence"
    assert nodes["hassel-2008"].cites == (Citation("hassel2008", "p. 237"),)
    assert nodes["hassel-2008"].tags == ()
    untitled = nodes["an-untitled-statement-that-gets-its"]
    assert untitled.title == "An untitled statement that gets its title from its first…"
    assert nodes["escapes"].text == (
        "Special characters are escaped: [x], <y>, #z, {w}, J.P. Morgan, // and @[Urgency]."
    )
    assert nodes["who-enforces"].type.value == "question"
    assert nodes["who-enforces"].tags == ("research agenda",)
    assert nodes["empty-statement"].text == ""
    assert [(s.id, s.parent) for s in amap.sections] == [
        ("labour-standards", ""),
        ("evidence", "labour-standards"),
        ("open-questions", "evidence"),
    ]


def test_relations_in_both_directions_and_nested() -> None:
    amap, problems = load("relations.argdown")
    assert triples(amap) == {
        ("supports", ("lean",), "thesis"),
        ("supports", ("nike",), "lean"),
        ("attacks", ("cost",), "lean"),
        ("supports", ("learning",), "thesis"),
        ("attacks", ("limits",), "thesis"),
        ("attacks", ("spread",), "limits"),
        ("attacks", ("audits",), "thesis"),
        ("supports", ("thesis",), "debate"),
        ("attacks", ("thesis",), "compliance"),
        ("attacks", ("thesis",), "nothing-works"),  # >< : a contradiction, two attacks
        ("attacks", ("nothing-works",), "thesis"),
        ("supports", ("compliance-argument",), "compliance"),
        ("attacks", ("sketch",), "compliance"),
        ("supports", ("nike",), "sketch"),
    }
    nodes = amap.node_index()
    assert nodes["sketch"].text == "An argument without premises is one node."
    assert nodes["nike"].cites == (Citation("locke2013"),)
    assert (nodes["cost"].type.value, nodes["lean"].type.value) == ("premise", "claim")
    # An argument without premises has no inference to undercut: reported, not dropped.
    assert found(problems) == [(16, "AM600"), (20, "AM600"), (21, "AM600")]


def test_premise_conclusion_structures() -> None:
    amap, problems = load("arguments.argdown")
    rels = amap.relation_index()
    assert rels["lean-argument"].sources == ("lean", "better-work-means-better-labour")
    assert rels["lean-argument"].target == "conditions"
    assert rels["lean-argument"].text == (
        "Lean production improves work, so labour conditions improve."
    )
    assert rels["lean-argument"].cites == (Citation("locke2013"),)
    # two inferences: the first by `uses`, the second with the intermediate conclusion
    assert rels["capabilities.supports.upgrading"].sources == ("capabilities", "learning")
    assert rels["two-steps"].sources == ("upgrading", "upgrading-helps")
    assert rels["two-steps"].target == "thesis"
    assert rels["audits.supports.compliance"].sources == ("audits",)  # an untitled argument
    assert rels["hidden.undercuts.lean-argument"].target == "lean-argument"  # _>
    assert rels["fake.undercuts.two-steps"].target == "two-steps"  # <_
    assert ("supports", ("conditions",), "thesis") in triples(amap)  # under a PCS statement
    assert ("supports", ("thesis",), "debate") in triples(amap)  # from the conclusion
    assert [(d.span.line, d.message) for d in problems] == [
        (5, "tags of argument 'Lean argument' are not kept (a relation has no tags)"),
        (17, "inference rules 'Modus ponens' are not kept"),
        (22, "inference rules 'Conjunction' are not kept"),
    ]


def test_unsupported_constructs_are_reported_with_their_lines() -> None:
    amap, problems = load("unsupported.argdown")
    assert found(problems) == [
        (2, "AM600"),
        (2, "AM600"),  # front matter keys
        (6, "AM600"),  # data key `color`
        (8, "AM600"),  # a list
        (11, "AM601"),  # a relation without a parent
        (20, "AM600"),  # an attack on a reconstructed argument
        (23, "AM600"),  # an undercut of a statement
        (28, "AM601"),  # premises without an inference
        (30, "AM601"),  # data that is not YAML
        (32, "AM600"),  # text after a reference
        (34, "AM603"),  # a data relation to an unknown id
        (39, "AM601"),
        (39, "AM601"),  # an inference never closed, so no conclusion
    ]
    assert amap.node_index()["claim"].text == "A claim."
    assert triples(amap) == {("supports", ("premise",), "claim")}


def test_ids_are_derived_once_and_stable() -> None:
    first, _ = load("relations.argdown")
    again, _ = load("relations.argdown")
    assert first == again
    assert [n.id for n in first.nodes] == [n.id for n in again.nodes]


def test_equal_titles_get_distinct_ids() -> None:
    amap, _ = import_text(
        "[A]: first\n\n<A>: an argument sketch\n\nAn untitled one\n\n"
        "[a]: lower case, another statement\n"
    )
    assert [n.id for n in amap.nodes] == ["a", "a-2", "an-untitled-one", "a-3"]


def test_data_relations_merge_with_the_tree_and_keep_ids() -> None:
    text = (
        "[A]: a {id: a, supports: [{to: b, id: custom, text: why}], raises: [q]}\n"
        "  +> [B]\n\n[B]: b {id: b}\n\n[Q]: q? {id: q, type: question}\n"
    )
    amap, problems = import_text(text)
    assert problems == ()
    assert [(r.id, r.type.value, r.text) for r in amap.relations] == [
        ("custom", "supports", "why"),
        ("a.raises.q", "raises", ""),
    ]


def test_an_argument_title_with_premises_on_the_next_line_is_read_and_flagged() -> None:
    amap, problems = import_text("<A>\n(1) [P]: p\n----\n(2) [C]: c\n")
    assert triples(amap) == {("supports", ("p",), "c")}
    assert found(problems) == [(1, "AM600")]


def test_comments_leave_lines_titles_and_links_alone() -> None:
    text = "[a//b]: x // gone\n/* one\ntwo */ y [l](http://x.org) <!-- z -->\n"
    blank = " " * len("<!-- z -->")
    assert strip_comments(text) == (
        f"[a//b]: x {' ' * 7}\n{' ' * 6}\n{' ' * 6} y [l](http://x.org) {blank}\n"
    )
