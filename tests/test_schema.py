"""The JSON Schema for editors agrees with the checker on real files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "argmap/schema/argument.schema.json").read_text(encoding="utf-8"))
FIXTURES = ROOT / "tests/fixtures/check"


def _errors(data: object) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [e.message for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", sorted((ROOT / "docs/map").glob("*.yml")), ids=lambda p: p.name)
def test_publication_files_validate(path: Path) -> None:
    assert _errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_every_map_file_carries_the_modeline() -> None:
    for path in sorted((ROOT / "docs/map").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../argmap/schema/argument.schema.json"


def test_valid_fixture_validates() -> None:
    data = yaml.safe_load((FIXTURES / "valid/map.yml").read_text(encoding="utf-8"))
    assert _errors(data) == []


@pytest.mark.parametrize("case", ["unknown-field", "bad-ids", "missing-field", "wrong-type"])
def test_structural_fixtures_are_invalid_for_editors_too(case: str) -> None:
    data = yaml.safe_load((FIXTURES / case / "map.yml").read_text(encoding="utf-8"))
    assert _errors(data) != []
