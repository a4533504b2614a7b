"""The YAML loader: positions, duplicate keys, budgets, encodings, and no crash on any input."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.loader import MAX_BYTES, load_yaml, parse_yaml
from argmap.records import read_file
from argmap.tree import YMap, YScalar, YSeq


def test_positions_are_one_based_line_and_column() -> None:
    tree, problems = parse_yaml("a: 1\nb:\n  - x\n", "f.yml")
    assert problems == ()
    assert isinstance(tree, YMap)
    b = tree.get("b")
    assert isinstance(b, YSeq)
    item = b.items[0]
    assert isinstance(item, YScalar)
    assert (item.span.line, item.span.column) == (3, 5)


def test_plain_scalars_are_typed_and_quoted_ones_stay_text() -> None:
    tree, _ = parse_yaml('a: 12\nb: "12"\nc: true\nd: ~\ne: 2020-01-01\n', "f.yml")
    assert isinstance(tree, YMap)
    values = {str(k.value): v.value for k, v in tree.items if isinstance(v, YScalar)}
    assert values == {"a": 12, "b": "12", "c": True, "d": None, "e": "2020-01-01"}


def test_unsafe_tags_are_read_as_text_and_never_run() -> None:
    tree, problems = parse_yaml("x: !!python/object/apply:os.system ['echo hi']\n", "f.yml")
    assert problems == ()
    assert isinstance(tree, YMap)
    value = tree.get("x")
    assert isinstance(value, YSeq)  # just data


def test_alias_bomb_stops_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    tree, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yml")
    assert tree is None
    assert [d.code for d in problems] == ["AM102"]
    assert time.perf_counter() - start < 2.0


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    tree, problems = parse_yaml("[" * 5000 + "]" * 5000, "deep.yml")
    assert tree is None
    assert problems[0].code == "AM101"


def test_large_file_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    tree, problems = load_yaml(big, "big.yml")
    assert tree is None
    assert problems[0].code == "AM103"


def test_invalid_utf8_reports_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    _, problems = load_yaml(path, "bad.yml")
    assert problems[0].code == "AM104"
    assert "byte offset 11" in problems[0].message
    assert (problems[0].span.line, problems[0].span.column) == (2, 7)


def test_second_document_is_refused() -> None:
    _, problems = parse_yaml("a: 1\n---\nb: 2\n", "f.yml")
    assert problems[0].code == "AM101"
    assert problems[0].span.line == 2


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_tree_or_diagnostics_never_an_exception(text: str) -> None:
    tree, problems = parse_yaml(text, "fuzz.yml")
    content, more = read_file(tree)
    assert tree is not None or problems or text.strip() == "" or content.nodes == ()
    for d in (*problems, *more):
        assert d.code.startswith("AM1")
        assert d.span.line >= 1


_yaml_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=10), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["nodes", "relations", "sections", "retired",
                                        "section", "other"]), _yaml_like, max_size=4))
def test_structured_garbage_is_reported_not_raised(data: dict[str, object]) -> None:
    from argmap.loader import dump_yaml

    tree, problems = parse_yaml(dump_yaml(data), "fuzz.yml")
    read_file(tree)
    assert all(d.code.startswith("AM1") for d in problems)


_SCALAR_WORDS = st.sampled_from(
    ["yes", "No", "TRUE", "off", "On", "null", "Null", "~", "y", "n", "nan", ".nan", ".inf",
     "-.Inf", "0x1F", "0o17", "017", "0b101", "1_000", "190:20:30", "1e3", "1.5e+3", "+12",
     "-0", "3.", "2020-01-01", "=", "<<", "type", "title", "text", "from", "on-site"]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_SCALAR_WORDS, st.from_regex(r"[-+.0-9a-zA-Z_:~]{1,12}", fullmatch=True)))
def test_plain_scalars_are_typed_exactly_as_pyyaml_types_them(word: str) -> None:
    """The loader types plain scalars without PyYAML's resolver for speed; it must agree
    with it on every number, boolean and null (dates and other types stay text)."""
    import yaml

    try:
        expected = yaml.safe_load(f"k: {word}\n")["k"]
    except (yaml.YAMLError, ValueError):
        return  # not a plain scalar YAML accepts on its own
    tree, problems = parse_yaml(f"k: {word}\n", "f.yml")
    assert problems == ()
    assert isinstance(tree, YMap)
    value = tree.get("k")
    assert isinstance(value, YScalar)
    if expected is None or isinstance(expected, bool | int | float):
        assert value.value == expected or (expected != expected and value.value != value.value)
        assert type(value.value) is type(expected)
    else:
        assert value.value == word  # dates, merge keys and other types are read as text
