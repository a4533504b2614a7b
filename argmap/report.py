"""Diagnostics as people and machines read them: human, GitHub annotations, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity


def human(diagnostics: Sequence[Diagnostic], root: Path | None = None) -> str:
    lines: list[str] = []
    cache: dict[str, list[str]] = {}
    for d in diagnostics:
        lines.append(f"{d.span}: {d.severity.value}[{d.code}]: {d.message}")
        source = _source_line(d.span.path, d.span.line, root, cache)
        if source is not None:
            gutter = f"{d.span.line:>5} | "
            lines.append(gutter + source)
            column = min(d.span.column, len(source) + 1)  # the shown line may be cut short
            lines.append(" " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^")
        if d.hint:
            lines.append(f"  = hint: {d.hint}")
    return "\n".join(lines) + ("\n" if lines else "") + summary(diagnostics) + "\n"


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "argmap check: no problems"
    return f"argmap check: {errors} error(s), {warnings} warning(s)"


def _source_line(
    path: str, line: int, root: Path | None, cache: dict[str, list[str]]
) -> str | None:
    if path not in cache:
        file = (root / path) if root else Path(path)
        try:
            if file.stat().st_size > 5 * 1024 * 1024:
                cache[path] = []
            else:
                cache[path] = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            cache[path] = []
    lines = cache[path]
    if 1 <= line <= len(lines):
        text = lines[line - 1]
        return text if len(text) <= 200 else text[:200] + "…"
    return None


def _escape_github(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github(diagnostics: Sequence[Diagnostic], root: Path | None = None) -> str:
    out = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = (
            f"file={_escape_github(d.span.path, True)},line={d.span.line},"
            f"col={d.span.column},title={d.code}"
        )
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.append(f"::{level} {props}::{_escape_github(message)}")
    return "\n".join(out) + ("\n" if out else "")


def as_json(diagnostics: Sequence[Diagnostic], root: Path | None = None) -> str:
    data = [
        {
            "path": d.span.path,
            "line": d.span.line,
            "column": d.span.column,
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]
    return json.dumps({"diagnostics": data}, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Sequence[Diagnostic], Path | None], str]] = {
    "human": human,
    "github": github,
    "json": as_json,
}
