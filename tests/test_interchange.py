"""The interchange table, ids decided once for every importer, and imports written as
argument files that load back as the same map."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.export_json import to_json
from argmap.interchange import (
    EXPORTERS,
    IMPORTERS,
    ExportError,
    export,
    finalize,
    import_file,
    short_title,
    slug,
)
from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section
from argmap.pipeline import Checked, check_paths, check_project
from argmap.project import Settings, load_settings
from argmap.vocabulary import NodeType, RelationType
from argmap.yaml_project import MODELINE, write_yaml_project, yaml_files
from benchmarks.synthetic import make_map

ROOT = Path(__file__).resolve().parent.parent
T, R = NodeType, RelationType


@pytest.fixture(scope="module")
def project() -> tuple[Checked, Settings]:
    """The publication as it is now (its map is edited by others: read, never copied)."""
    settings, _ = load_settings(ROOT / "mkdocs.yml")
    assert settings is not None
    return check_project(settings), settings


def test_one_table_of_formats() -> None:
    assert list(EXPORTERS) == ["json", "aif", "xaif", "argdown", "graphml", "dot", "csl-json"]
    assert list(IMPORTERS) == ["argdown", "aif", "json"]


def test_every_format_exports_the_publication(project: tuple[Checked, Settings]) -> None:
    checked, settings = project
    out = {fmt: export(fmt, checked, settings) for fmt in EXPORTERS}
    assert out == {fmt: export(fmt, checked, settings) for fmt in EXPORTERS}  # same bytes
    n = len(checked.amap.nodes)
    assert len(json.loads(out["json"])["nodes"]) == n
    aif = json.loads(out["aif"])
    assert {node["timestamp"] for node in aif["nodes"]} == {"2026-11-26 00:00:00"}
    first = checked.amap.nodes[0].id
    assert aif["argmap"]["nodes"][first]["permalink"].endswith(f"arguments/{first}/")
    assert json.loads(out["xaif"])["text"].startswith(checked.pages[0].paragraphs[0].text)
    assert out["argdown"].count("{id: ") >= n
    assert len(ET.fromstring(out["graphml"]).findall(".//{*}node")) == n
    assert out["dot"].startswith("digraph")
    items = json.loads(out["csl-json"])
    assert [i["id"] for i in items] == [f"argmap:{node.id}" for node in checked.amap.nodes]


def test_export_problems_are_errors_not_crashes(project: tuple[Checked, Settings]) -> None:
    checked, _ = project
    with pytest.raises(ExportError, match="publication metadata"):
        export("csl-json", checked, None)
    with pytest.raises(ExportError, match="unknown format 'pdf'"):
        export("pdf", checked, None)
    assert json.loads(export("aif", checked, None))["nodes"][0]["timestamp"] == (
        "1970-01-01 00:00:00"
    )


def test_import_file_reads_each_format(tmp_path: Path) -> None:
    amap = make_map(80, 4)
    path = tmp_path / "map.json"
    path.write_text(to_json(amap), encoding="utf-8")
    back, problems = import_file("json", path)
    assert (back, problems) == (amap, ())
    missing, problems = import_file("aif", tmp_path / "none.json")
    assert missing == ArgumentMap()
    assert [d.code for d in problems] == ["AM100"]


def test_slug_and_short_title() -> None:
    assert slug("Économie: 4 pillars & more!") == "economie-4-pillars-more"
    assert slug("1998 Declaration") == "n-1998-declaration"
    assert slug("???") == ""
    assert len(slug("word " * 30)) <= 40
    assert short_title("One sentence. Two.") == "One sentence"
    long = short_title("A very long first sentence " * 5)
    assert len(long) <= 60
    assert long.endswith("…")


def test_finalize_keeps_given_ids_and_derives_the_rest() -> None:
    raw = ArgumentMap(
        nodes=(
            Node("k1", T.CLAIM, "Same title"),
            Node("k2", T.CLAIM, "Same title"),
            Node("k3", T.CLAIM, "", "Derived from the text. Not this."),
            Node("k4", T.CLAIM, "X", section="h1"),
            Node("k5", T.CLAIM, "Y"),
        ),
        relations=(
            Relation("r1", R.SUPPORTS, ("k1",), "k2"),
            Relation("r2", R.SUPPORTS, ("k3", "k4"), "k2"),
            Relation("r3", R.UNDERCUTS, ("k5",), "r2"),
        ),
        sections=(Section("h1", "A section"), Section("h2", "A section", parent="h1")),
    )
    given = {
        "k2": "same-title",
        "k4": "Not An Id",
        "k5": "r-taken",
        "r1": "r-taken",
        "r2": "bad id!",
    }
    amap = finalize(raw, given)
    assert [n.id for n in amap.nodes] == [
        "same-title-2",
        "same-title",
        "derived-from-the-text",
        "not-an-id",
        "r-taken",
    ]  # a given name is slugged
    assert amap.nodes[2].title == "Derived from the text"
    assert [r.id for r in amap.relations] == [  # nodes claim an id before relations do
        "same-title-2.supports.same-title",
        "bad-id",
        "r-taken.undercuts.bad-id",
    ]
    assert amap.relations[2].target == "bad-id"
    assert [(s.id, s.parent) for s in amap.sections] == [
        ("a-section", ""),
        ("a-section-2", "a-section"),
    ]
    assert amap.nodes[3].section == "a-section"
    assert finalize(raw, given) == amap


def test_derived_ids_that_are_written_fit_the_id_length() -> None:
    long = "a" + "-word" * 15
    raw = ArgumentMap(
        nodes=(
            Node("k1", T.CLAIM, long),
            Node("k2", T.CLAIM, long + " x"),
            Node("k3", T.CLAIM, "other " + long),
        ),
        relations=(Relation("r", R.SUPPORTS, ("k1", "k2"), "k3"),),
    )
    rel = finalize(raw, {}).relations[0]
    assert len(rel.id) <= 80
    assert not rel.id.endswith(("-", "."))


@pytest.mark.parametrize("source", ["publication", "synthetic"])
def test_written_argument_files_load_back_as_the_same_map(source: str, tmp_path: Path) -> None:
    if source == "publication":
        files = [*sorted((ROOT / "docs/map").glob("*.yml")), ROOT / "docs/references.bib"]
        amap = check_paths(files, ROOT).amap
    else:
        amap = make_map(400, 8)
    written = write_yaml_project(amap, tmp_path / "map")
    assert all(p.read_text(encoding="utf-8").startswith(MODELINE) for p in written)
    back = check_paths(written, tmp_path)
    assert [d for d in back.diagnostics if d.code.startswith("AM1")] == []
    assert set(back.amap.nodes) == set(amap.nodes)
    assert set(back.amap.relations) == set(amap.relations)
    assert back.amap.sections == amap.sections


def test_files_per_section_with_long_forms_where_needed() -> None:
    amap = ArgumentMap(
        nodes=(
            Node("loose", T.CLAIM, "Loose"),
            Node("a", T.PREMISE, "A", section="s"),
            Node("b", T.PREMISE, "B", section="s"),
            Node("c", T.CLAIM, "C", section="t"),
        ),
        relations=(
            Relation("linked", R.SUPPORTS, ("a", "b"), "c"),
            Relation("a.supports.c", R.SUPPORTS, ("a",), "c"),
            Relation("own", R.ATTACKS, ("b",), "c", "why"),
            Relation("b.supports.loose", R.SUPPORTS, ("b",), "loose", "", (Citation("k"),)),
        ),
        sections=(Section("s", "S"), Section("t", "T", "s", "text/t.md")),
        retired=(Retired("old", "a"),),
    )
    files = yaml_files(amap)
    assert list(files) == ["00-map.yml", "01-s.yml", "02-t.yml"]
    assert "retired:" in files["00-map.yml"]
    assert "  supports: c\n" in files["01-s.yml"]
    assert "  attacks:\n    to: c\n    id: own\n    text: why\n" in files["01-s.yml"]
    assert "- id: linked\n  type: supports\n  from:\n  - a\n  - b\n" in files["01-s.yml"]
    assert "  cites:\n  - k\n" in files["01-s.yml"]
    assert "parent: s\n  page: text/t.md\n" in files["02-t.yml"]


def test_writing_is_all_or_nothing_and_never_clobbers(tmp_path: Path) -> None:
    out = tmp_path / "map"
    first = write_yaml_project(make_map(40, 1), out)
    with pytest.raises(FileExistsError):
        write_yaml_project(make_map(40, 2), out)
    again = write_yaml_project(make_map(40, 2), out, replace_existing=True)
    assert sorted(out.iterdir()) == sorted(again)
    assert set(first) - set(again) == {p for p in first if not p.exists()}
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"notes\.txt"):
        write_yaml_project(make_map(40, 3), out, replace_existing=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map"]  # no temporary folders left
