"""The GitHub workflows: valid structure (actionlint too, where it is installed), the steps the
contributing guide promises, and commands that the `argmap` CLI really accepts."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped, unused-ignore]
import pytest
import yaml

from argmap import cli

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"

_STEP = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "id": {"type": "string"},
        "if": {"type": "string"},
        "uses": {"type": "string", "pattern": r"^[\w.-]+/[\w./-]+@v\d+$"},  # pinned versions
        "run": {"type": "string"},
        "with": {"type": "object"},
        "env": {"type": "object"},
        "shell": {"type": "string"},
    },
    "additionalProperties": False,
    "oneOf": [{"required": ["uses"]}, {"required": ["run"]}],
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "on", "jobs"],
    "properties": {
        "name": {"type": "string"},
        "on": {"type": ["object", "string", "array"]},
        "permissions": {"type": "object"},
        "concurrency": {"type": "object"},
        "env": {"type": "object"},
        "jobs": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["runs-on", "steps"],
                "properties": {
                    "runs-on": {"type": "string"},
                    "needs": {"type": ["string", "array"]},
                    "steps": {"type": "array", "minItems": 1, "items": _STEP},
                },
            },
        },
    },
    "additionalProperties": False,
}


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


def _steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for job in data["jobs"].values() for s in job["steps"]]


def _runs(data: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for s in _steps(data))


def _uses(data: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in _steps(data) if "uses" in s]


@pytest.mark.parametrize("name", ["pr.yml", "pages.yml"])
def test_workflow_structure(name: str) -> None:
    jsonschema.validate(_load(name), SCHEMA)


def test_the_schema_catches_a_step_without_uses_or_run() -> None:
    bad = {"name": "x", "on": "push", "jobs": {"a": {"runs-on": "ubuntu-latest",
                                                      "steps": [{"name": "nothing"}]}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
def test_actionlint() -> None:
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    done = subprocess.run(["actionlint", *files], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_request_workflow_runs_what_contributors_run() -> None:
    data = _load("pr.yml")
    assert "pull_request" in data["on"]
    setup = next(s for s in _steps(data) if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    checkout = next(s for s in _steps(data) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there to compare
    runs = _runs(data)
    for needed in ("./scripts/test", "argmap check --format github", "./scripts/build",
                   'argmap diff "$BASE" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"'):
        assert needed in runs
    assert data["jobs"]["check"]["env"]["BASE"] == "origin/${{ github.base_ref }}"
    assert "${{" not in runs  # expressions reach scripts through env only (no injection)
    upload = next(s for s in _steps(data) if s.get("uses", "").startswith("actions/upload-art"))
    assert upload["with"]["path"] == "site/"


def test_pages_workflow_deploys_every_edition() -> None:
    data = _load("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "./scripts/build-editions" in _runs(data)
    assert _uses(data) == ["actions/checkout", "actions/setup-python",
                           "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_scripts_named_in_workflows_exist_and_are_executable() -> None:
    runs = _runs(_load("pr.yml")) + _runs(_load("pages.yml"))
    for word in shlex.split(runs.replace("\n", " ; ")):
        if word.startswith("./scripts/"):
            path = ROOT / word
            assert path.is_file(), word
            assert os.access(path, os.X_OK), word


def _argmap_commands() -> list[list[str]]:
    found = []
    for name in ("pr.yml", "pages.yml"):
        for line in _runs(_load(name)).splitlines():
            words = shlex.split(line.split(">>")[0])
            if words and words[0].endswith("bin/argmap"):
                found.append(words[1:])
    return found


def test_workflow_commands_parse() -> None:
    parser = cli._parser()
    for argv in _argmap_commands():
        parser.parse_args(argv)  # exits (SystemExit) on an unknown option


# --- the contributor's tooling: editor schema and pre-commit hook ------------------------------


def test_editor_schema_association_covers_the_map_files() -> None:
    import json

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    ((schema, globs),) = settings["yaml.schemas"].items()
    assert (ROOT / schema).is_file()
    maps = [p.relative_to(ROOT) for p in (ROOT / "docs" / "map").glob("*.yml")]
    assert maps
    assert all(any(p.match(g) for g in globs) for p in maps)


def test_pre_commit_runs_argmap_check_on_the_whole_project() -> None:
    data = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in data["repos"] for h in repo["hooks"]}
    check = hooks["argmap-check"]
    assert check["entry"] == ".venv/bin/argmap check"
    assert check["pass_filenames"] is False
    assert check["language"] == "system"
