"""Comparing output with a golden file, rewritten only under --update-goldens."""

from __future__ import annotations

from pathlib import Path


def assert_golden(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        if not update:
            raise AssertionError(f"golden file {path} is missing; run pytest --update-goldens")
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs; review and run pytest --update-goldens"
