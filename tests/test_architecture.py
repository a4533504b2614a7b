"""Import direction: the core never imports an adapter, and each third-party library stays
inside the one module that owns it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"
ADAPTERS = {"cli", "mkdocs_plugin", "mdext", "generate", "scaffold"}
OWNERS = {
    "yaml": {"loader"},
    "pybtex": {"bibliography"},
    "markdown_it": {"markup"},
    "mkdocs": {"mkdocs_plugin"},
    "material": {"mkdocs_plugin"},
    "markdown": {"mdext"},
    "citeproc": {"citeformats"},
    "graphviz": {"dot", "render"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> dict[str, set[str]]:
    return {p.stem: _imports(p) for p in PACKAGE.glob("*.py")}


def test_core_modules_never_import_adapters() -> None:
    offenders = []
    for module, imports in _modules().items():
        if module in ADAPTERS:
            continue
        for name in imports:
            parts = name.split(".")
            if parts[0] == "argmap" and len(parts) > 1 and parts[1] in ADAPTERS:
                offenders.append(f"{module} imports {name}")
    assert offenders == []


def test_third_party_libraries_stay_in_their_module() -> None:
    offenders = []
    for module, imports in _modules().items():
        for name in imports:
            top = name.split(".")[0]
            if top in OWNERS and module not in OWNERS[top]:
                offenders.append(f"{module} imports {top}")
    assert offenders == []


def test_no_module_named_utils() -> None:
    assert not {"utils", "helpers", "misc", "common"} & set(_modules())


def test_the_check_detects_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("import yaml\nfrom argmap.cli import main\n", encoding="utf-8")
    assert {"yaml", "argmap.cli"} <= _imports(bad)
