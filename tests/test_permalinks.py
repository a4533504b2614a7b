"""The permalink guard across two editions (git revisions and JSON exports), and the redirect
pages that keep retired ids working."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.diagnostics import Diagnostic, Severity
from argmap.export_json import to_json
from argmap.mappages import retired_pages
from argmap.model import ArgumentMap, Node, Retired
from argmap.permalinks import add_arguments, guard, run_check_against
from argmap.pipeline import check_project
from argmap.project import Settings, load_settings
from argmap.revisions import from_data, load_revision
from argmap.scaffold import init
from argmap.sitedata import Repository, site_data
from argmap.urls import UrlScheme
from argmap.vocabulary import NodeType
from tests.gitrepo import git

V1 = """\
nodes:
  - {id: main, type: thesis, title: Codes have limited effects}
  - {id: audits, type: premise, title: Audits check compliance, supports: main}
  - {id: costs, type: limitation, title: Audits are costly, qualifies: audits}
"""
# `costs` renamed to `audit-costs` without a retired entry: its permanent page would vanish.
V2 = V1.replace("id: costs", "id: audit-costs").replace("Audits are costly", "Audits are so costly")
V3 = V2 + "retired:\n  - {id: costs, successor: audit-costs, note: renamed}\n"


def _codes(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    return [d.code for d in diagnostics]


def _n(id_: str, type_: NodeType = NodeType.CLAIM, title: str = "T") -> Node:
    return Node(id_, type_, title)


# --- the guard on models ------------------------------------------------------------------------


def test_kept_ids_pass() -> None:
    amap = ArgumentMap(nodes=(_n("a"), _n("b")))
    assert guard(amap, ArgumentMap(nodes=(_n("b"), _n("a"), _n("c")))) == ()


def test_removed_id_without_retired_entry_fails_and_suggests_the_successor() -> None:
    old = ArgumentMap(nodes=(_n("a", title="Audits are costly"), _n("b")))
    new = ArgumentMap(nodes=(_n("b"), _n("a2", title="Audits are very costly")))
    (found,) = guard(old, new)
    assert found.code == "AM220"
    assert found.severity is Severity.ERROR
    assert "published id 'a' was removed" in found.message
    assert "`- {id: a, successor: a2}`" in found.hint


def test_removed_id_with_retired_entry_passes() -> None:
    old = ArgumentMap(nodes=(_n("a"), _n("b")))
    new = ArgumentMap(nodes=(_n("b"),), retired=(Retired("a", "b"),))
    assert guard(old, new) == ()


def test_retired_id_brought_back_fails() -> None:
    old = ArgumentMap(nodes=(_n("b"),), retired=(Retired("a", "b"),))
    new = ArgumentMap(nodes=(_n("b"), _n("a")))
    assert _codes(guard(old, new)) == ["AM221"]


def test_retired_id_still_retired_and_reused_is_left_to_am207() -> None:
    old = ArgumentMap(nodes=(_n("b"),), retired=(Retired("a", "b"),))
    new = ArgumentMap(nodes=(_n("b"), _n("a")), retired=(Retired("a", "b"),))
    assert guard(old, new) == ()


def test_dropped_retired_entry_fails() -> None:
    old = ArgumentMap(nodes=(_n("b"),), retired=(Retired("a", "b"),))
    assert _codes(guard(old, ArgumentMap(nodes=(_n("b"),)))) == ["AM222"]


def test_changed_type_is_a_warning() -> None:
    old = ArgumentMap(nodes=(_n("a"),))
    (found,) = guard(old, ArgumentMap(nodes=(_n("a", NodeType.LIMITATION),)))
    assert found.code == "AM224"
    assert found.severity is Severity.WARNING


# --- two editions in git --------------------------------------------------------------------


def _commit(root: Path, text: str, message: str) -> None:
    (root / "docs" / "map" / "map.yml").write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Settings]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "docs" / "map").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - argmap\n", "utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    _commit(tmp_path, V1, "first edition")
    settings, problems = load_settings(tmp_path / "mkdocs.yml")
    assert settings is not None, problems
    return tmp_path, settings


def _against(rev: str, settings: Settings) -> tuple[Diagnostic, ...]:
    checked = check_project(settings)
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run_check_against(parser.parse_args(["--against", rev]), checked, settings)


def test_guard_against_the_previous_commit(project: tuple[Path, Settings]) -> None:
    root, settings = project
    _commit(root, V2, "rename costs")
    (found,) = _against("HEAD~1", settings)
    assert found.code == "AM220"
    assert str(found.span) == "HEAD~1:docs/map/map.yml:4:5"
    assert "successor: audit-costs" in found.hint
    _commit(root, V3, "retire costs")
    assert _against("HEAD~2", settings) == ()


def test_working_tree_against_head(project: tuple[Path, Settings]) -> None:
    root, settings = project
    (root / "docs" / "map" / "map.yml").write_text(V2, encoding="utf-8")  # not committed
    assert _codes(_against("HEAD", settings)) == ["AM220"]
    assert _against("main", settings) != ()


def test_without_the_option_nothing_is_loaded(project: tuple[Path, Settings]) -> None:
    _, settings = project
    args = argparse.Namespace(against=None)
    assert run_check_against(args, check_project(settings), settings) == ()


def test_map_files_in_subfolders_load_in_file_name_order(project: tuple[Path, Settings]) -> None:
    root, settings = project
    (root / "docs" / "map" / "b").mkdir()
    (root / "docs" / "map" / "b" / "x.yml").write_text(
        "nodes:\n  - {id: deep, type: claim, title: Deep}\n", "utf-8"
    )
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "sub folder")
    old, problems = load_revision("HEAD", settings)
    assert problems == ()
    assert old is not None
    assert [n.id for n in old.nodes] == ["deep", "main", "audits", "costs"]


def test_unknown_and_hostile_revisions_fail_cleanly(project: tuple[Path, Settings]) -> None:
    root, settings = project
    for rev in ("no-such-branch", "--output=written.txt", "-p", ""):
        old, problems = load_revision(rev, settings)
        assert old is None
        assert _codes(problems) == ["AM223"], rev
    assert not (root / "written.txt").exists()
    assert list(root.glob("*.txt")) == []


def test_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - argmap\n", "utf-8")
    settings, _ = load_settings(tmp_path / "mkdocs.yml")
    assert settings is not None
    old, problems = load_revision("HEAD", settings)
    assert old is None
    assert "not in a git repository" in problems[0].message


def test_unreadable_old_file_is_a_warning(project: tuple[Path, Settings]) -> None:
    root, settings = project
    (root / "docs" / "map" / "broken.yml").write_text("nodes: [unclosed\n", "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "broken")
    old, problems = load_revision("HEAD", settings)
    assert old is not None
    assert [n.id for n in old.nodes] == ["main", "audits", "costs"]
    assert _codes(problems) == ["AM225"]
    assert problems[0].severity is Severity.WARNING
    assert str(problems[0].span) == "HEAD:docs/map/broken.yml:1:1"


# --- a JSON export as the previous edition --------------------------------------------------


def test_guard_against_a_json_export(project: tuple[Path, Settings]) -> None:
    root, settings = project
    export = root / "v1.json"
    export.write_text(to_json(check_project(settings).amap), encoding="utf-8")
    (root / "docs" / "map" / "map.yml").write_text(V2, encoding="utf-8")
    assert _codes(_against(str(export), settings)) == ["AM220"]
    checked = check_project(settings)
    args = argparse.Namespace(against=str(export))
    assert _codes(run_check_against(args, checked, None)) == ["AM220"]  # files, no project
    args = argparse.Namespace(against="HEAD")
    assert _codes(run_check_against(args, checked, None)) == ["AM223"]


def test_export_round_trips_through_from_data(project: tuple[Path, Settings]) -> None:
    import json

    _, settings = project
    amap = check_project(settings).amap
    back, problems = from_data(json.loads(to_json(amap)), "x.json")
    assert problems == ()
    assert back == amap


@pytest.mark.parametrize(
    "data",
    [[], {"argmap": 2}, {"argmap": 1, "nodes": {}}, {"argmap": 1, "nodes": [{"id": 1}]},
     {"argmap": 1, "nodes": [{"id": "a", "type": "clam", "title": "A"}]},
     {"argmap": 1, "relations": [{"id": "r", "type": "supports", "from": "a", "to": "b"}]}],
)
def test_malformed_exports_are_reported(data: object) -> None:
    amap, problems = from_data(data, "old.json")
    assert amap is None
    assert _codes(problems) == ["AM223"]
    assert "not an argmap JSON export" in problems[0].message


def test_invalid_json_file(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - argmap\n", "utf-8")
    (tmp_path / "old.json").write_text("{not json", "utf-8")
    settings, _ = load_settings(tmp_path / "mkdocs.yml")
    assert settings is not None
    amap, problems = load_revision(str(tmp_path / "old.json"), settings)
    assert amap is None
    assert "not valid JSON" in problems[0].message


# --- retired ids keep working: redirect pages --------------------------------------------------


def test_retired_ids_get_redirect_pages() -> None:
    amap = ArgumentMap(
        nodes=(_n("audit-costs", NodeType.LIMITATION, "Audits are so costly"),),
        retired=(Retired("costs", "audit-costs", "renamed <for clarity>"),),
    )
    site = site_data(amap, None, (), None, {}, UrlScheme(), Repository())
    (page,) = retired_pages(site)
    assert page.src == "arguments/costs.md"
    assert page.head == '<meta http-equiv="refresh" content="0; url=../audit-costs/">'
    assert '<a href="../audit-costs/">Audits are so costly</a>' in page.markdown  # works w/o JS
    assert "renamed &lt;for clarity&gt;" in page.markdown


@pytest.mark.integration
@pytest.mark.graphviz
def test_built_site_redirects_a_retired_id(tmp_path: Path) -> None:
    root = tmp_path / "pub"
    init(root)
    map_file = next((root / "docs" / "map").glob("*.yml"))
    text = map_file.read_text(encoding="utf-8")
    map_file.write_text(text + "retired:\n  - {id: old-claim, successor: main-claim}\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "-d", str(tmp_path / "site")],
                   cwd=root, env=env, check=True)
    html = (tmp_path / "site" / "arguments" / "old-claim" / "index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../main-claim/">' in html
    assert 'href="../main-claim/"' in html
    assert (tmp_path / "site" / "arguments" / "main-claim" / "index.html").is_file()
