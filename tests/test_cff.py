from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from argmap.cff import cff_from_publication, regenerate, yaml_str
from argmap.loader import load_yaml
from argmap.metadata import Article, Person, Publication, metadata_from_mapping
from argmap.tree import to_plain

ROOT = Path(__file__).resolve().parent.parent
CFFCONVERT = Path(sys.executable).parent / "cffconvert"
HOSTILE = 'Map: "quoted" #not-a-comment \\ back\nslash & {braces} - [list] *star'


def _committed_publication() -> Publication:
    tree, problems = load_yaml(ROOT / "docs" / "publication.yml", "docs/publication.yml")
    assert problems == ()
    assert tree is not None
    data = to_plain(tree)
    assert isinstance(data, dict)
    pub, found = metadata_from_mapping(data, "docs/publication.yml")
    assert found == ()
    return pub


def _full() -> Publication:
    pub, found = metadata_from_mapping({
        "edition": {
            "title": HOSTILE,
            "editors": [{"family": "Doe", "given": "Jane"}, {"name": "argmap contributors"}],
            "version": "1.2.0",
            "date": "2025-01-15",
            "licence": {"code": "MIT", "map": "CC-BY-4.0"},
            "repository": "https://example.org/repo",
            "site": "https://example.org/argmap/",
            "language": "en-GB",
        },
    }, "publication.yml")
    assert found == ()
    article = Article(title="Four pillars", authors=(Person("Roe", "Richard"),),
                      journal="economic sociology", volume="18", year=2017, doi="10.1234/abc")
    return dataclasses.replace(pub, article=article)


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CFFCONVERT), "--validate", "-i", str(path)],
                          capture_output=True, text=True, check=False)


def test_committed_citation_cff_is_generated_from_publication_yml() -> None:
    committed = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert committed == cff_from_publication(_committed_publication()), (
        "CITATION.cff is stale: run argmap.cff.regenerate(docs/publication.yml, CITATION.cff)")


@pytest.mark.skipif(not CFFCONVERT.exists(), reason="cffconvert not installed")
def test_committed_citation_cff_validates() -> None:
    result = _validate(ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not CFFCONVERT.exists(), reason="cffconvert not installed")
def test_full_metadata_validates_and_converts(tmp_path: Path) -> None:
    path = tmp_path / "CITATION.cff"
    path.write_text(cff_from_publication(_full()), encoding="utf-8")
    assert _validate(path).returncode == 0, _validate(path).stdout
    bibtex = subprocess.run([str(CFFCONVERT), "-f", "bibtex", "-i", str(path)],
                            capture_output=True, text=True, check=True).stdout
    assert "author = {Doe, Jane and argmap contributors}" in bibtex
    assert "url = {https://example.org/argmap/v/1.2.0/}" in bibtex


def test_structure_survives_hostile_values() -> None:
    data = yaml.safe_load(cff_from_publication(_full()))
    assert data["title"] == HOSTILE
    assert data["authors"] == [{"family-names": "Doe", "given-names": "Jane"},
                               {"name": "argmap contributors"}]
    assert data["license"] == "MIT"
    assert data["url"] == "https://example.org/argmap/v/1.2.0/"
    assert data["repository-code"] == "https://example.org/repo"
    preferred = data["preferred-citation"]
    assert preferred["license"] == "CC-BY-4.0"
    assert preferred["languages"] == ["en"]
    assert "not stated in the source" in preferred["notes"]
    (reference,) = data["references"]
    assert reference["journal"] == "economic sociology"
    assert reference["year"] == 2017


def test_unknown_article_is_not_listed() -> None:
    data = yaml.safe_load(cff_from_publication(_committed_publication()))
    assert "references" not in data
    assert "url" not in data  # the site URL is not set yet: no relative URL is written


@given(st.text())
def test_yaml_str_round_trips(text: str) -> None:
    assert yaml.safe_load(f"k: {yaml_str(text)}") == {"k": text}


def test_regenerate_writes_and_refuses_invalid(tmp_path: Path) -> None:
    target = tmp_path / "CITATION.cff"
    assert regenerate(ROOT / "docs" / "publication.yml", target) == ()
    assert target.read_text(encoding="utf-8") == (ROOT / "CITATION.cff").read_text(
        encoding="utf-8")
    bad = tmp_path / "publication.yml"
    bad.write_text("edition:\n  titel: x\n", encoding="utf-8")
    other = tmp_path / "other.cff"
    codes = {d.code for d in regenerate(bad, other)}
    assert codes == {"AM120", "AM121"}
    assert not other.exists()
