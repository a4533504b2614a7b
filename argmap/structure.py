"""Structural validation: a positioned YAML tree checked against the format declaration.

Every problem is reported (unknown fields with a suggestion, wrong types, missing fields, bad
ids); whatever is well formed is still turned into model records so later checks can run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from argmap.diagnostics import Diagnostic, Span, error
from argmap.format import MAX_ID_LENGTH, RECORDS, Field, Kind, Record
from argmap.tree import YMap, YScalar, YSeq, YValue, kind_name


def suggest(value: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _one_of(choices: tuple[str, ...]) -> str:
    return "allowed: " + ", ".join(choices)


class FieldReader:
    """Collects diagnostics while reading one file."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def add(self, code: str, message: str, span: Span, hint: str = "") -> None:
        self.diagnostics.append(error(code, message, span, hint))

    # -- generic checks driven by the declaration ------------------------------------------
    def fields(self, value: YValue, record: Record) -> dict[str, YValue] | None:
        if not isinstance(value, YMap):
            self.add(
                "AM107",
                f"expected a {record.name} (a mapping), got {kind_name(value)}",
                value.span,
                f"Write the {record.name} as `key: value` lines.",
            )
            return None
        found: dict[str, YValue] = {}
        present: set[str] = set()
        checks = _CHECKS_BY_RECORD[record.name]
        for key, item in value.items:
            name = str(key.value)
            present.add(name)
            entry = checks.get(name)
            if entry is None:
                hint = suggest(name, record.names) or _one_of(record.names)
                self.add("AM106", f"unknown field '{name}' in a {record.name}", key.span, hint)
            elif (problem := entry[1](item)) == "":
                found[name] = item
            else:
                f = entry[0]
                self.add(
                    "AM107",
                    f"'{name}' must be {f.kind.value}, got {problem}",
                    item.span,
                    f"For example: `{f.example}`.",
                )
        for f in record.fields:
            if f.required and f.name not in present:
                self.add(
                    "AM108",
                    f"{record.name} is missing the required field '{f.name}'",
                    value.span,
                    f"Add `{f.example}`.",
                )
        return found

    def identifier(self, value: YValue, pattern: re.Pattern[str], what: str) -> str | None:
        assert isinstance(value, YScalar)
        text = str(value.value)
        if pattern.fullmatch(text) and len(text) <= MAX_ID_LENGTH:
            return text
        fixed = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        hint = f"Use lower-case letters, digits and hyphens, e.g. '{fixed or 'my-id'}'."
        self.add("AM110", f"invalid {what} '{text}'", value.span, hint)
        return None

    def enum(self, value: YValue, choices: tuple[str, ...], what: str) -> str | None:
        assert isinstance(value, YScalar)
        text = str(value.value)
        if text in choices:
            return text
        self.add(
            "AM109",
            f"unknown {what} '{text}'",
            value.span,
            suggest(text, choices) or _one_of(choices),
        )
        return None


def text_of(value: YValue) -> str:
    assert isinstance(value, YScalar)
    return value.value if isinstance(value.value, str) else value.raw


def _is_text(value: YValue) -> str:
    if isinstance(value, YScalar) and value.value is not None and not isinstance(value.value, bool):
        return ""
    return kind_name(value)


def _is_bool(value: YValue) -> str:
    return "" if isinstance(value, YScalar) and isinstance(value.value, bool) else kind_name(value)


def _is_text_or_list(value: YValue) -> str:
    if isinstance(value, YSeq):
        bad = [kind_name(v) for v in value.items if _is_text(v)]
        return f"a list containing {bad[0]}" if bad else ""
    return _is_text(value)


def _is_list_of_maps(value: YValue) -> str:
    if not isinstance(value, YSeq):
        return kind_name(value)
    return ""


def _is_cites(value: YValue) -> str:
    """Text, a mapping, or a list of those (a list inside the list is the usual slip)."""
    items = value.items if isinstance(value, YSeq) else (value,)
    for v in items:
        if isinstance(v, YSeq):
            return "a list inside the list"
        if not isinstance(v, YMap) and _is_text(v):
            return kind_name(v)
    return ""


_KIND_CHECKS = {
    Kind.NODE_ID: _is_text,
    Kind.RELATION_ID: _is_text,
    Kind.TEXT: _is_text,
    Kind.MARKDOWN: _is_text,
    Kind.PATH: _is_text,
    Kind.NODE_TYPE: _is_text,
    Kind.RELATION_TYPE: _is_text,
    Kind.BOOL: _is_bool,
    Kind.NODE_REF: _is_text,
    Kind.SECTION_REF: _is_text,
    Kind.ANY_REF: _is_text,
    Kind.NODE_REFS: _is_text_or_list,
    Kind.TAGS: _is_text_or_list,
    Kind.CITES: _is_cites,
    Kind.SHORT_RELATIONS: _is_cites,
    Kind.RECORDS: _is_list_of_maps,
}

# Per record, each field with the check of its kind, looked up once: this runs for every
# field of every node, and an enum-keyed lookup costs a Python call.
_CHECKS_BY_RECORD: dict[str, dict[str, tuple[Field, Callable[[YValue], str]]]] = {
    name: {f.name: (f, _KIND_CHECKS[f.kind]) for f in record.fields}
    for name, record in RECORDS.items()
}
