"""Argdown out: the shape of what we write, and the round trip ours -> Argdown -> ours."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.argdown import escape, flow, to_argdown, unescape
from argmap.argdown_import import parse_argdown
from argmap.interchange import finalize
from argmap.loader import parse_yaml
from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section
from argmap.pipeline import check_paths
from argmap.tree import to_plain
from argmap.vocabulary import NodeType, RelationType
from benchmarks.synthetic import make_map

ROOT = Path(__file__).resolve().parent.parent
T, R = NodeType, RelationType


def publication_map() -> ArgumentMap:
    """The publication's own map as it is now (another engineer edits it: read, never copy)."""
    files = [*sorted((ROOT / "docs/map").glob("*.yml")), ROOT / "docs/references.bib"]
    return check_paths(files, ROOT).amap


def round_trip(amap: ArgumentMap) -> ArgumentMap:
    back, ids, problems = parse_argdown(to_argdown(amap), "map.argdown")
    assert problems == ()
    return finalize(back, ids)


def assert_same(a: ArgumentMap, b: ArgumentMap) -> None:
    assert set(b.nodes) == set(a.nodes)
    assert set(b.relations) == set(a.relations)
    assert b.sections == a.sections
    assert b.retired == a.retired


SMALL = ArgumentMap(
    nodes=(
        Node("thesis", T.THESIS, "The thesis", "Governing production helps.", "intro"),
        Node(
            "lean", T.PREMISE, "Lean", "Lean raises quality.", "intro", tags=("lean", "two words")
        ),
        Node(
            "nike",
            T.EVIDENCE,
            "Nike",
            "Nike's compliance rose.",
            "intro",
            (Citation("locke2013", "p. 12"),),
        ),
        Node("limit", T.LIMITATION, "Limit", "Few suppliers.", "intro"),
        Node("rq", T.QUESTION, "RQ", "Does it spread?", "intro"),
    ),
    relations=(
        Relation("linked", R.SUPPORTS, ("lean", "nike"), "thesis", "Both together."),
        Relation("limit.attacks.lean", R.ATTACKS, ("limit",), "lean"),
        Relation("limit.undercuts.linked", R.UNDERCUTS, ("limit",), "linked"),
        Relation("limit.qualifies.thesis", R.QUALIFIES, ("limit",), "thesis"),
        Relation("thesis.raises.rq", R.RAISES, ("thesis",), "rq"),
    ),
    sections=(Section("intro", "Introduction", page="text/intro.md"),),
)

EXPECTED = """\
// Exported by argmap: ids, types and citations are in the {data} of each element.

# Introduction {id: intro, page: "text/intro.md"}

[The thesis]: Governing production helps. {id: thesis, type: thesis, raises: [rq]}

[Lean]: Lean raises quality. #lean #(two words) {id: lean, type: premise}

[Nike]: Nike's compliance rose. {id: nike, type: evidence, cites: ["locke2013, p. 12"]}

[Limit]: Few suppliers. {id: limit, type: limitation, qualifies: [thesis]}
  -> [Lean]
  _> <linked>

[RQ]: Does it spread? {id: rq, type: question}

<linked>: Both together. {id: linked}

(1) [Lean]
(2) [Nike]
----
(3) [The thesis]
"""


def test_small_map_shape() -> None:
    assert to_argdown(SMALL) == EXPECTED


def test_small_map_round_trip() -> None:
    assert_same(SMALL, round_trip(SMALL))


def test_output_is_deterministic() -> None:
    amap = make_map(200, seed=2)
    assert to_argdown(amap) == to_argdown(amap)


def test_equal_titles_stay_apart_and_come_back() -> None:
    amap = ArgumentMap(
        nodes=(
            Node("a", T.CLAIM, "Same"),
            Node("b", T.CLAIM, "Same"),
            Node("c", T.CLAIM, "[Odd]: -title"),
        )
    )
    text = to_argdown(amap)
    assert '[Same (b)] {id: b, type: claim, title: "Same"}' in text
    # `]:` in data would read as a statement definition to Argdown's lexer
    assert '[(Odd): -title] {id: c, type: claim, title: "[Odd\\u005d: -title"}' in text
    assert_same(amap, round_trip(amap))


def test_what_one_line_cannot_hold_goes_to_data() -> None:
    amap = ArgumentMap(
        nodes=(
            Node(
                "a",
                T.CLAIM,
                "A",
                "Line one.\n\nLine two.",
                "elsewhere",
                implicit=True,
                quote="q } x",
                anchor="p-1",
                tags=("a)b",),
            ),
            Node("b", T.CLAIM, "B"),
        ),
        relations=(Relation("own-id", R.SUPPORTS, ("a",), "b", "why", (Citation("k"),)),),
        sections=(Section("s", "Multi\nline", parent="missing"),),
        retired=(Retired("old", "a", "merged"),),
    )
    text = to_argdown(amap)
    assert '"Line one.\\n\\nLine two."' in text
    assert "supports: [{to: b, id: own-id, text: why, cites: [k]}]" in text
    assert text.startswith("===\nargmap: {retired: [{id: old, successor: a, note: merged}]}\n===")
    assert_same(amap, round_trip(amap))


def test_undercut_of_an_attack_is_kept_in_data() -> None:
    amap = ArgumentMap(
        nodes=(Node("a", T.CLAIM, "A"), Node("b", T.CLAIM, "B"), Node("u", T.CLAIM, "U")),
        relations=(
            Relation("a.attacks.b", R.ATTACKS, ("a",), "b"),
            Relation("u.undercuts.a.attacks.b", R.UNDERCUTS, ("u",), "a.attacks.b"),
        ),
    )
    text = to_argdown(amap)
    assert "attacks: [{to: b, id: a.attacks.b}]" in text
    assert "undercuts: [a.attacks.b]" in text
    assert_same(amap, round_trip(amap))


@pytest.mark.parametrize("seed", [1, 7])
def test_synthetic_round_trip(seed: int) -> None:
    amap = make_map(400, seed)
    assert {r.type for r in amap.relations} == set(RelationType)
    assert_same(amap, round_trip(amap))


def test_publication_round_trip_keeps_every_node_relation_and_citation() -> None:
    amap = publication_map()
    back = round_trip(amap)
    assert_same(amap, back)
    cites = {(n.id, c) for n in amap.nodes for c in n.cites}
    assert cites == {(n.id, c) for n in back.nodes for c in n.cites}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_escape_round_trips_any_text(text: str) -> None:
    assert unescape(escape(text)) == " ".join(text.split())
    assert "\n" not in escape(text)


_VALUES = st.recursive(
    st.text(max_size=20) | st.booleans(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), _VALUES, max_size=4))
def test_flow_data_reads_back_as_yaml(data: dict[str, object]) -> None:
    tree, problems = parse_yaml(flow(data), "data")
    assert problems == ()
    assert tree is not None
    assert to_plain(tree) == data


# Argdown's own parser, when a developer has it: `npm install @argdown/core` in a folder and
# point ARGMAP_ARGDOWN_CORE at its node_modules (CI has no Node packages, so it skips there).
_CORE = os.environ.get("ARGMAP_ARGDOWN_CORE", "")
_READ = """
import { argdown } from "@argdown/core";
import fs from "fs";
const input = fs.readFileSync(0, "utf8");
const r = argdown.run({input, process: ["parse-input", "build-model"]});
const count = (x) => Object.keys(x || {}).length;
const errors = (r.lexerErrors || []).length + (r.parserErrors || []).length;
console.log(JSON.stringify({errors, statements: count(r.statements), args: count(r.arguments)}));
"""


def _argdown_core(text: str, tmp_path: Path) -> dict[str, int]:
    script = tmp_path / "read.mjs"
    script.write_text(_READ, encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(_CORE)  # how an ES module finds its imports
    done = subprocess.run(
        ["node", str(script)],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    found: dict[str, int] = json.loads(done.stdout.splitlines()[-1])
    return found


_NEEDS_CORE = pytest.mark.skipif(
    not (_CORE and shutil.which("node")), reason="@argdown/core not installed"
)


@_NEEDS_CORE
@pytest.mark.parametrize("source", ["publication", "synthetic", "small"])
def test_argdown_tools_parse_the_export(source: str, tmp_path: Path) -> None:
    amap = {"publication": publication_map, "synthetic": lambda: make_map(300, 3)}.get(
        source, lambda: SMALL
    )()
    found = _argdown_core(to_argdown(amap), tmp_path)
    supports = {r.id for r in amap.relations if r.type is R.SUPPORTS}
    linked = {r.id for r in amap.relations if r.type is R.SUPPORTS and len(r.sources) > 1}
    undercut = {r.target for r in amap.relations if r.type is R.UNDERCUTS}
    assert found == {
        "errors": 0,
        "statements": len(amap.nodes),
        "args": len(linked | (undercut & supports)),
    }


@_NEEDS_CORE
@pytest.mark.parametrize("name", ["statements", "relations", "arguments"])
def test_argdown_tools_parse_the_import_fixtures(name: str, tmp_path: Path) -> None:
    text = (ROOT / "tests/fixtures/argdown" / f"{name}.argdown").read_text(encoding="utf-8")
    assert _argdown_core(text, tmp_path)["errors"] == 0
