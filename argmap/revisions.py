"""Another edition of the map: from a git revision, a JSON export, or argument files.

Git is only read (`rev-parse`, `ls-tree`, and `cat-file`, which is `git show REV:path`
without pager or text conversion), never written; the revision is resolved to a commit
first, so a value such as `--output=x` can never reach git as an option.
The old edition is loaded leniently: records that fail validation are skipped, since its
problems are not the pull request's to fix; a file that cannot be read at all is reported
(AM225), because the ids in it go unguarded.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from argmap.diagnostics import Diagnostic, Span, error, warning
from argmap.export_json import FORMAT_VERSION
from argmap.loader import MAX_BYTES, parse_yaml, read_text
from argmap.mapfiles import load_map
from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section
from argmap.project import Settings
from argmap.records import FileContent, read_file
from argmap.vocabulary import NodeType, RelationType

Loaded = tuple[ArgumentMap | None, tuple[Diagnostic, ...]]
_YAML = {".yml", ".yaml"}


def _fail(message: str, where: str, hint: str = "") -> Loaded:
    return None, (error("AM223", message, Span(where), hint),)


def load_revision(rev: str, settings: Settings) -> Loaded:
    """The map of a previous edition: a JSON export file, or the map folder at a git revision."""
    path = Path(rev)
    if path.suffix == ".json" and path.is_file():
        return load_json(path, settings.display(path))
    return load_git(rev, settings.root, settings.map_dir)


def load_source(spec: str, settings: Settings | None) -> Loaded:
    """For `argmap diff`: a folder or file of argument files, a JSON export, or a revision."""
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in _YAML)
        return load_yaml_files(files, path)
    if path.is_file():
        if path.suffix == ".json":
            return load_json(path, spec)
        if path.suffix in _YAML:
            return load_yaml_files([path], path.parent)
        return _fail(f"'{spec}' is neither a JSON export nor an argument file", spec)
    if settings is None:
        return _fail(
            f"'{spec}' is not a file, and a git revision needs the project's mkdocs.yml",
            spec,
            "Run in the publication's folder or pass --config.",
        )
    return load_git(spec, settings.root, settings.map_dir)


def load_yaml_files(files: Sequence[Path], base: Path) -> Loaded:
    jobs = [(p, p.as_posix()) for p in sorted(files, key=lambda p: p.relative_to(base).as_posix())]
    return load_map(jobs)


# --- JSON exports -------------------------------------------------------------------------


class _ExportError(ValueError):
    """The JSON is not an argmap export; the message says what is wrong."""


def load_json(path: Path, display: str) -> Loaded:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _fail(f"not valid JSON: {exc.msg} (line {exc.lineno})", display)
    return from_data(data, display)


def from_data(data: object, display: str) -> Loaded:
    """An ArgumentMap from the documented JSON export (docs/about/export.md)."""
    try:
        top = _record(data, "the export")
        if top.get("argmap") != FORMAT_VERSION:
            raise _ExportError(f"export format {top.get('argmap')!r} is not {FORMAT_VERSION}")
        span = Span(display)
        return ArgumentMap(
            nodes=tuple(_node(r, span) for r in _records(top, "nodes")),
            relations=tuple(_relation(r, span) for r in _records(top, "relations")),
            sections=tuple(_section(r, span) for r in _records(top, "sections")),
            retired=tuple(_retired(r, span) for r in _records(top, "retired")),
        ), ()
    except ValueError as exc:  # _ExportError, or an unknown node or relation type
        return _fail(
            f"not an argmap JSON export: {exc}",
            display,
            "Write one with `argmap export --format json -o FILE`.",
        )


def _record(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _ExportError(f"{where} is not an object")
    return value


def _records(top: dict[str, object], key: str) -> list[dict[str, object]]:
    items = top.get(key, [])
    if not isinstance(items, list):
        raise _ExportError(f"'{key}' is not a list")
    return [_record(item, f"an item of '{key}'") for item in items]


def _text(rec: dict[str, object], key: str) -> str:
    value = rec.get(key, "")
    if not isinstance(value, str):
        raise _ExportError(f"'{key}' of {rec.get('id', '?')!r} is not text")
    return value


def _texts(rec: dict[str, object], key: str) -> tuple[str, ...]:
    value = rec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _ExportError(f"'{key}' of {rec.get('id', '?')!r} is not a list of text")
    return tuple(value)


def _cites(rec: dict[str, object]) -> tuple[Citation, ...]:
    items = rec.get("cites", [])
    if not isinstance(items, list):
        raise _ExportError(f"'cites' of {rec.get('id', '?')!r} is not a list")
    return tuple(Citation(_text(c, "key"), _text(c, "locator")) for c in map(_cite, items))


def _cite(value: object) -> dict[str, object]:
    return _record(value, "a citation")


def _node(rec: dict[str, object], span: Span) -> Node:
    return Node(
        _text(rec, "id"),
        NodeType(_text(rec, "type")),
        _text(rec, "title"),
        _text(rec, "text"),
        _text(rec, "section"),
        _cites(rec),
        _text(rec, "quote"),
        _text(rec, "anchor"),
        rec.get("implicit") is True,
        _texts(rec, "tags"),
        span,
    )


def _relation(rec: dict[str, object], span: Span) -> Relation:
    kind = RelationType(_text(rec, "type"))
    sources = _texts(rec, "from")
    return Relation(
        _text(rec, "id"), kind, sources, _text(rec, "to"), _text(rec, "text"), _cites(rec), span
    )


def _section(rec: dict[str, object], span: Span) -> Section:
    return Section(
        _text(rec, "id"), _text(rec, "title"), _text(rec, "parent"), _text(rec, "page"), span
    )


def _retired(rec: dict[str, object], span: Span) -> Retired:
    return Retired(_text(rec, "id"), _text(rec, "successor"), _text(rec, "note"), span)


# --- git --------------------------------------------------------------------------------


class _GitError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise _GitError("git is not installed", "Install git, or give a JSON export.") from exc


def _commit(rev: str, root: Path) -> tuple[str, Path]:
    """The commit a revision names, and the repository's top folder."""
    if not rev or rev.startswith("-"):
        raise _GitError(f"'{rev}' is not a git revision or a file")
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise _GitError(f"'{rev}' is not a file, and {root} is not in a git repository")
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if found.returncode != 0:
        raise _GitError(
            f"unknown git revision '{rev}'",
            "Fetch it first (e.g. `git fetch origin main`), or give a JSON export.",
        )
    return found.stdout.decode().strip(), Path(top.stdout.decode().strip())


def load_git(rev: str, root: Path, map_dir: Path) -> Loaded:
    """Every argument file under the map folder as it was at `rev`, in file-name order.

    Files are shown as `<rev>:<path from the repository top>`, the form `git show` takes.
    """
    try:
        sha, top = _commit(rev, root)
        try:
            folder = map_dir.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            raise _GitError(f"the map folder {map_dir} is outside the repository {top}") from None
        listed = _git(top, "ls-tree", "-r", "-z", "--name-only", sha, "--", folder)
        names = [n for n in listed.stdout.decode().split("\0") if PurePosixPath(n).suffix in _YAML]
        names.sort(key=lambda n: PurePosixPath(n).relative_to(folder).as_posix())
        loaded = [_git_file(top, sha, name, f"{rev}:{name}") for name in names]
    except _GitError as exc:
        return _fail(str(exc), rev or "<empty>", exc.hint)
    return merge(c for c, _ in loaded), tuple(d for _, problems in loaded for d in problems)


def _blob(top: Path, sha: str, name: str) -> tuple[str | None, str]:
    """A file's text at a commit, or why it cannot be had."""
    shown = _git(top, "cat-file", "blob", f"{sha}:{name}")
    if shown.returncode != 0:
        return None, shown.stderr.decode(errors="replace").strip() or "git cat-file failed"
    if len(shown.stdout) > MAX_BYTES:
        return None, f"file is {len(shown.stdout):,} bytes; the limit is {MAX_BYTES:,}"
    try:
        return shown.stdout.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return None, "not UTF-8 text"


def _git_file(top: Path, sha: str, name: str, display: str) -> tuple[FileContent, list[Diagnostic]]:
    text, problem = _blob(top, sha, name)
    if text is not None:
        tree, issues = parse_yaml(text, display)
        if tree is not None or not issues:
            return read_file(tree)[0], []
        problem = "; ".join(d.message for d in issues)
    hint = "The ids in this file cannot be compared; fix the file in that revision's branch."
    message = f"cannot read the previous edition: {problem}"
    return FileContent(), [warning("AM225", message, Span(display), hint)]


def merge(contents: Iterable[FileContent]) -> ArgumentMap:
    parts = list(contents)
    return ArgumentMap(
        nodes=tuple(n for c in parts for n in c.nodes),
        relations=tuple(r for c in parts for r in c.relations),
        sections=tuple(s for c in parts for s in c.sections),
        retired=tuple(r for c in parts for r in c.retired),
    )
