"""Where a publication's files are: read from the `argmap` plugin entry of mkdocs.yml.

The settings live in one place, the plugin entry, so the CLI, the MkDocs plugin and the
Markdown extension (which Zensical loads without plugins) all read the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argmap.diagnostics import Diagnostic, Span, error
from argmap.loader import load_yaml
from argmap.tree import YMap, YScalar, YSeq, YValue, to_plain

DEFAULTS = {
    "map": "map",
    "bibliography": "references.bib",
    "metadata": "publication.yml",
    "text": "text",
}


@dataclass(frozen=True)
class Settings:
    root: Path
    config: Path
    docs_dir: Path
    map_dir: Path
    bibliography: Path
    metadata: Path
    text_dir: Path
    cache_dir: Path | None = None
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    site_name: str = ""

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the project root when inside it."""
        if ".." not in path.parts:  # the plain case costs no system call (500 files: 30 ms)
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def map_files(self) -> tuple[Path, ...]:
        if not self.map_dir.is_dir():
            return ()
        files = [p for p in self.map_dir.rglob("*") if p.suffix in {".yml", ".yaml"}]
        return tuple(sorted(files, key=lambda p: p.relative_to(self.map_dir).as_posix()))

    def text_pages(self) -> tuple[Path, ...]:
        if not self.text_dir.is_dir():
            return ()
        return tuple(sorted(self.text_dir.rglob("*.md")))


def _plugin_entry(tree: YValue) -> YMap | bool | None:
    """The argmap plugin's options; True when listed without options; None when absent."""
    plugins = tree.get("plugins") if isinstance(tree, YMap) else None
    if isinstance(plugins, YMap):
        entry = plugins.get("argmap")
        return entry if isinstance(entry, YMap) else (True if entry is not None else None)
    if isinstance(plugins, YSeq):
        for item in plugins.items:
            if isinstance(item, YScalar) and item.value == "argmap":
                return True
            if isinstance(item, YMap) and item.get("argmap") is not None:
                options = item.get("argmap")
                return options if isinstance(options, YMap) else True
    return None


def _text(tree: YValue, key: str) -> str:
    value = tree.get(key) if isinstance(tree, YMap) else None
    return str(value.value) if isinstance(value, YScalar) and value.value is not None else ""


def _paths(
    tree: YValue, entry: YMap | bool, root: Path, docs: Path
) -> tuple[dict[str, Path], tuple[Diagnostic, ...]]:
    """The plugin's path options resolved under docs/; none may leave the project."""
    options = to_plain(entry) if isinstance(entry, YMap) else {}
    assert isinstance(options, dict)
    paths: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    # The cache is read back into pages, so it is held to the same rule (relative to the
    # project folder rather than docs/).
    bases = dict.fromkeys(DEFAULTS, docs) | {"cache_dir": root}
    for key, default in (DEFAULTS | {"cache_dir": ".argmap-cache"}).items():
        path = (bases[key] / str(options.get(key) or default)).resolve()
        if not path.is_relative_to(root):
            given = entry.get(key) if isinstance(entry, YMap) else None
            span = given.span if given is not None else tree.span
            problems.append(
                error(
                    "AM003",
                    f"argmap option '{key}' points outside the project folder",
                    span,
                    "Use a path inside the project (inside docs/ for the sources).",
                )
            )
        paths[key] = path
    return paths, tuple(problems)


def load_settings(config: Path) -> tuple[Settings | None, tuple[Diagnostic, ...]]:
    display = config.name
    if not config.is_file():
        return None, (
            error(
                "AM001",
                f"no {display} here",
                Span(display),
                "Run in the publication's folder, pass --config, or start one "
                "with `argmap init DIR`.",
            ),
        )
    tree, problems = load_yaml(config, display)
    if tree is None:
        return None, problems
    entry = _plugin_entry(tree)
    if entry is None:
        return None, (
            error(
                "AM002",
                f"{display} does not enable the argmap plugin",
                tree.span,
                "Add `- argmap` under `plugins:`.",
            ),
        )
    root = config.resolve().parent
    docs = (root / (_text(tree, "docs_dir") or "docs")).resolve()
    paths, bad = _paths(tree, entry, root, docs)
    if bad:
        return None, bad
    return Settings(
        root,
        config.resolve(),
        docs,
        paths["map"],
        paths["bibliography"],
        paths["metadata"],
        paths["text"],
        paths["cache_dir"],
        _text(tree, "site_url"),
        _text(tree, "repo_url"),
        _text(tree, "edit_uri"),
        _text(tree, "site_name"),
    ), tuple(problems)
