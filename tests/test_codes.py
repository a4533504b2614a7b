"""Every code the package can emit is documented once, and the generated pages are current."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.codes import BY_CODE, CODES
from argmap.reference import TARGETS

ROOT = Path(__file__).resolve().parent.parent


def _emitted_codes() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "argmap").glob("*.py"):
        if path.name == "codes.py":
            continue
        found.update(re.findall(r'"(AM\d{3})"', path.read_text(encoding="utf-8")))
    return found


def test_every_emitted_code_is_documented() -> None:
    missing = _emitted_codes() - set(BY_CODE)
    assert missing == set(), f"undocumented codes: {sorted(missing)}"


def test_codes_are_documented_once_with_snippet_and_fix() -> None:
    assert len(CODES) == len(BY_CODE)
    for c in CODES:
        assert re.fullmatch(r"AM\d{3}", c.code)
        assert c.title, c.code
        assert c.meaning, c.code
        assert c.bad, c.code
        assert c.fix, c.code


def test_generated_reference_files_are_up_to_date() -> None:
    for name, make in TARGETS.items():
        path = ROOT / name
        current = path.read_text(encoding="utf-8")
        assert current == make(), f"run python -m argmap.reference ({name})"


def test_errors_page_lists_each_code_once() -> None:
    page = (ROOT / "docs/about/errors.md").read_text(encoding="utf-8")
    for c in CODES:
        assert page.count(f"## {c.code}:") == 1
