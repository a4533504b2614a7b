"""`argmap init DIR`: a new publication that builds at once (MkDocs and Zensical)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

# Package data cannot be named .gitignore reliably (build tools skip dot-files).
_RENAMES = {"gitignore": ".gitignore"}


def init(target: Path) -> list[Path]:
    """Copy the template into `target`; refuse to overwrite any existing file."""
    with as_file(files("argmap") / "templates" / "init") as template:
        sources = sorted(p for p in template.rglob("*") if p.is_file())
        plan = [
            (
                src,
                target / _RENAMES.get(src.name, src.name)
                if src.parent == template
                else target / src.relative_to(template),
            )
            for src in sources
        ]
        clashes = [dest for _, dest in plan if dest.exists()]
        if clashes:
            raise FileExistsError(f"{clashes[0]} already exists; choose an empty folder")
        for src, dest in plan:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())
    return [dest for _, dest in plan]
