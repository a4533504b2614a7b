"""Reproducible builds: the same sources give a byte-identical site.

Three builds with the same SOURCE_DATE_EPOCH: two cold ones in two copies of the project
(different folders, different hash seeds, each with an empty .argmap-cache) and a warm one
that reuses the first copy's cache. All three trees must hold the same files with the same
bytes; nothing is ignored (sitemap.xml.gz included: MkDocs takes its gzip mtime from
SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.graphviz]

ROOT = Path(__file__).resolve().parents[1]
# What a build reads is mkdocs.yml and the folders it names; tools, caches and outputs are
# left behind, so each copy starts cold.
_SKIP = shutil.ignore_patterns(
    ".git", ".venv", ".argmap-cache", "site", "site.old", ".site-build.*", "node_modules",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "tests",
    "benchmarks", "argmap", "dist", "build", "generated",
)


def _copy_project(dst: Path) -> Path:
    shutil.copytree(ROOT, dst, ignore=_SKIP, symlinks=True)
    return dst


def _build(project: Path, out: Path, seed: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "PYTHONHASHSEED": seed}
    # No --quiet: MkDocs 1.6 then drops its own warnings before --strict counts them.
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, f"mkdocs build failed:\n{done.stderr}"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    """A few lines around the first difference, so a failure names its cause."""
    try:
        la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        at = next(i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
        return f"    binary, first difference at byte {at}"
    diff = list(difflib.unified_diff(la, lb, lineterm="", n=1))[2:10]
    return "\n".join("    " + line[:160] for line in diff)


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    out = [f"only in the first build: {n}" for n in sorted(a.keys() - b.keys())]
    out += [f"only in the second build: {n}" for n in sorted(b.keys() - a.keys())]
    changed = [n for n in sorted(a.keys() & b.keys()) if a[n] != b[n]]
    out += [f"differs: {n}\n{_first_difference(a[n], b[n])}" for n in changed[:10]]
    if len(changed) > 10:
        out.append(f"... and {len(changed) - 10} more differing files")
    return out


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    first = _copy_project(tmp_path / "first")
    second = _copy_project(tmp_path / "second-copy-elsewhere")
    _build(first, tmp_path / "out-a", seed="1")
    _build(second, tmp_path / "out-b", seed="2")
    _build(first, tmp_path / "out-c", seed="3")  # warm: the first copy's cache is filled
    a, b, c = (_tree(tmp_path / f"out-{x}") for x in "abc")
    assert len(a) > 100
    cold = differences(a, b)
    assert not cold, "two cold builds differ:\n" + "\n".join(cold)
    warm = differences(a, c)
    assert not warm, "a warm build differs from a cold one:\n" + "\n".join(warm)
