"""Whole-site builds: the edition through MkDocs, and a new publication through MkDocs and
Zensical (which ignores plugins and builds from `argmap generate`)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.pipeline import check_project
from argmap.project import load_settings
from argmap.scaffold import init

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

pytestmark = [pytest.mark.integration, pytest.mark.graphviz]


def _mkdocs(config: Path, out: Path) -> None:
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config),
                    "-d", str(out)], check=True, env=ENV, cwd=config.parent)


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "site"
    _mkdocs(ROOT / "mkdocs.yml", out)
    return out


def _node_ids() -> list[str]:
    settings, _ = load_settings(ROOT / "mkdocs.yml")
    assert settings is not None
    return [n.id for n in check_project(settings).amap.nodes]


def test_every_node_has_a_page_with_its_diagram_and_cite_files(edition: Path) -> None:
    ids = _node_ids()
    assert len(ids) > 50
    for node_id in ids:
        page = edition / "arguments" / node_id / "index.html"
        html = page.read_text(encoding="utf-8")
        assert '<svg' in html, node_id
        assert 'class="argmap-diagram' in html, node_id
        assert "argmap-diagram-slot" not in html, node_id  # every slot was filled
        for ext in ("bib", "ris", "json"):
            assert (edition / "arguments" / node_id / f"cite.{ext}").stat().st_size > 50


def test_landing_page_carries_the_scholarly_metadata(edition: Path) -> None:
    html = (edition / "index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_title"' in html
    assert html.count('name="citation_reference"') >= 39
    assert 'class="Z3988"' in html
    assert '"ScholarlyArticle"' in html


def test_node_pages_describe_themselves_as_parts_only(edition: Path) -> None:
    html = (edition / "arguments" / _node_ids()[0] / "index.html").read_text(encoding="utf-8")
    assert "citation_title" not in html
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert data is not None
    claim = json.loads(data.group(1))
    assert claim["@type"] == "Claim"
    assert "isPartOf" in claim


def test_text_badges_link_to_node_pages_relatively(edition: Path) -> None:
    html = (edition / "text" / "introduction" / "index.html").read_text(encoding="utf-8")
    badges = re.findall(r'<a class="argmap-badge[^"]*"[^>]*href="([^"]+)"', html)
    assert badges
    assert all(h.startswith("../../arguments/") for h in badges)


def test_yaml_sources_are_not_published(edition: Path) -> None:
    assert not list(edition.glob("map/*.yml"))


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scaffold")
    init(root)
    return root


def test_new_publication_builds_with_mkdocs(scaffold: Path, tmp_path: Path) -> None:
    _mkdocs(scaffold / "mkdocs.yml", tmp_path / "site")
    page = tmp_path / "site" / "arguments" / "main-claim" / "index.html"
    assert "<svg" in page.read_text(encoding="utf-8")


def test_new_publication_builds_with_zensical(scaffold: Path, tmp_path: Path) -> None:
    if shutil.which("zensical", path=str(BIN)) is None:
        pytest.skip("zensical is not installed")
    copy = tmp_path / "pub"
    shutil.copytree(scaffold, copy)
    subprocess.run([str(BIN / "argmap"), "generate", "--out", "docs"], cwd=copy, check=True,
                   env=ENV)
    subprocess.run([str(BIN / "zensical"), "build", "--clean"], cwd=copy, check=True, env=ENV,
                   capture_output=True)
    site = copy / "site"
    for node_id in ("main-claim", "mapping-study", "large-maps", "how-large"):
        html = (site / "arguments" / node_id / "index.html").read_text(encoding="utf-8")
        assert "<svg" in html, node_id
        assert 'href="../' in html
    text = (site / "text" / "example" / "index.html").read_text(encoding="utf-8")
    assert 'class="argmap-badge' in text
    assert 'href="/arguments/main-claim/"' in text


def _broken(scaffold: Path, tmp_path: Path, extra: str) -> subprocess.CompletedProcess[str]:
    copy = tmp_path / "pub"
    shutil.copytree(scaffold, copy)
    with (copy / "docs/map/00-example.yml").open("a", encoding="utf-8") as f:
        f.write(extra)
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "s")],
                          cwd=copy, env=ENV, capture_output=True, text=True, check=False)


def test_a_warning_fails_the_strict_build(scaffold: Path, tmp_path: Path) -> None:
    result = _broken(scaffold, tmp_path, "  - {id: lonely, type: premise, title: Alone}\n")
    assert result.returncode != 0
    assert "warning[AM212]: node 'lonely' has no relation" in result.stderr


def test_an_error_stops_the_build_with_its_position_and_no_traceback(
    scaffold: Path, tmp_path: Path
) -> None:
    result = _broken(scaffold, tmp_path, "  - {id: x, type: claim, title: X, supports: nope}\n")
    assert result.returncode != 0
    assert "docs/map/00-example.yml:34:46: error[AM201]" in result.stderr
    assert "error[AM201]" in result.stderr
    assert "Traceback" not in result.stderr
