"""Each fixture folder holds one problem family and, beside it, the diagnostics expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.diagnostics import Diagnostic
from argmap.pipeline import check_paths
from tests.golden import assert_golden

FIXTURES = Path(__file__).parent / "fixtures" / "check"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def render(diagnostics: tuple[Diagnostic, ...]) -> str:
    lines = []
    for d in diagnostics:
        lines.append(f"{d.span}: {d.severity.value}[{d.code}]: {d.message}")
        if d.hint:
            lines.append(f"  hint: {d.hint}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_fixture_diagnostics(case: str, update_goldens: bool) -> None:
    folder = FIXTURES / case
    files = sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".bib", ".md"})
    checked = check_paths(files, folder)
    assert_golden(folder / "expected.diagnostics", render(checked.diagnostics), update_goldens)


def test_valid_fixture_is_clean() -> None:
    folder = FIXTURES / "valid"
    checked = check_paths(sorted(folder.iterdir()), folder)
    assert checked.diagnostics == ()
    assert len(checked.amap.nodes) == 5


@pytest.mark.parametrize("case", [c for c in CASES if c != "valid"])
def test_every_invalid_fixture_reports_something(case: str) -> None:
    folder = FIXTURES / case
    checked = check_paths(sorted(folder.iterdir()), folder)
    assert checked.diagnostics, f"{case} should produce diagnostics"
