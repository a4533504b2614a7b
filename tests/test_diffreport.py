"""`argmap diff`: golden text, Markdown and DOT of one change set; editions from git."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from argmap import diffreport
from argmap.argdiff import diff_maps
from argmap.model import ArgumentMap, Node
from argmap.revisions import load_source
from argmap.vocabulary import NodeType
from tests.gitrepo import git
from tests.golden import assert_golden

GOLDEN = Path(__file__).parent / "golden" / "diff"


def _maps() -> tuple[ArgumentMap, ArgumentMap]:
    old, p1 = load_source(str(GOLDEN / "old"), None)
    new, p2 = load_source(str(GOLDEN / "new"), None)
    assert old is not None
    assert new is not None
    assert p1 + p2 == ()
    return old, new


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    diffreport.add_arguments(parser)
    return parser.parse_args(list(argv))


@pytest.mark.parametrize(
    ("name", "fmt", "colour"),
    [("diff.txt", "text", "never"), ("diff-colour.txt", "text", "always"),
     ("diff.md", "markdown", "never"), ("diff.dot", "dot", "never")],
)
def test_golden_outputs(name: str, fmt: str, colour: str, update_goldens: bool) -> None:
    old, new = _maps()
    text = diffreport.render(_args("old", "new", "--format", fmt, "--color", colour), old, new)
    assert_golden(GOLDEN / name, text, update_goldens)


def test_changes_are_marked_by_more_than_colour() -> None:
    old, new = _maps()
    plain = diffreport.render(_args("old", "new"), old, new)
    assert "\x1b" not in plain
    assert "+ node audit-fatigue" in plain
    assert "− node old-claim" in plain
    assert "[-supposed-] {+meant+}" in plain
    dot = diffreport.render(_args("old", "new", "--format", "dot"), old, new)
    assert 'style="filled,bold"' in dot  # added: bold outline
    assert 'style="filled,dashed"' in dot  # removed: dashed outline
    assert "peripheries=2" in dot  # changed: double outline
    assert ":invis:" in dot  # changed relation: a double line
    assert 'label="− supports"' in dot


def test_markdown_escapes_what_contributors_write() -> None:
    old, new = _maps()
    md = diffreport.render(_args("old", "new", "--format", "markdown"), old, new)
    assert "Who pays for \\<audits\\> &amp; \\*checks\\*?" in md
    assert "<audits>" not in md


def test_no_changes() -> None:
    old, _ = _maps()
    assert diffreport.to_markdown(diff_maps(old, old), "a", "b").endswith("no changes.\n")
    assert diffreport.to_text(diff_maps(old, old), "a", "b") == "argmap diff a → b: no changes\n"


def test_long_unchanged_text_is_trimmed_around_the_change() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    old = ArgumentMap(nodes=(Node("a", NodeType.CLAIM, "A", words),))
    new = ArgumentMap(nodes=(Node("a", NodeType.CLAIM, "A", words.replace("w20", "x")),))
    text = diffreport.to_text(diff_maps(old, new), "a", "b")
    assert text.endswith(
        "    text: … w12 w13 w14 w15 w16 w17 w18 w19 [-w20-] {+x+} "
        "w21 w22 w23 w24 w25 w26 w27 w28 …\n"
    )


@pytest.mark.graphviz
def test_svg_is_drawn(capsys: pytest.CaptureFixture[str]) -> None:
    assert diffreport.run(_args(str(GOLDEN / "old"), str(GOLDEN / "new"), "--format", "svg")) == 0
    svg = capsys.readouterr().out
    assert svg.startswith("<?xml")
    assert "ADDED" in svg


def test_unknown_edition_exits_two(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert diffreport.run(_args("nope", str(GOLDEN / "new"))) == 2
    err = capsys.readouterr().err
    assert "error[AM223]" in err
    assert "mkdocs.yml" in err


# --- editions from git ------------------------------------------------------------------------

MKDOCS = "site_name: t\nplugins:\n  - argmap\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "docs" / "map").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    shutil.copy(GOLDEN / "old" / "map.yml", tmp_path / "docs" / "map" / "map.yml")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first edition")
    shutil.copy(GOLDEN / "new" / "map.yml", tmp_path / "docs" / "map" / "map.yml")
    git(tmp_path, "commit", "-q", "-am", "second edition")
    return tmp_path


def test_diff_between_git_revisions_matches_the_folder_diff(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert diffreport.run(_args("HEAD~1", "HEAD", "--format", "markdown")) == 0
    from_git = capsys.readouterr().out
    expected = (GOLDEN / "diff.md").read_text(encoding="utf-8")
    assert from_git == expected.replace("`old` → `new`", "`HEAD~1` → `HEAD`")


def test_working_tree_against_a_revision(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert diffreport.run(_args("HEAD", "docs/map")) == 0
    assert capsys.readouterr().out == "argmap diff HEAD → docs/map: no changes\n"
    assert diffreport.run(_args("HEAD~1", "docs/map/map.yml", "-o", "out.txt")) == 0
    assert "+ node audit-fatigue" in (repo / "out.txt").read_text(encoding="utf-8")


def test_files_that_are_no_edition(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    amap, problems = load_source(str(other), None)
    assert amap is None
    assert "neither a JSON export nor an argument file" in problems[0].message
