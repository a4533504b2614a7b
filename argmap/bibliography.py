"""Load a BibTeX file into frozen dataclasses, with positioned diagnostics.

This is the only module that imports pybtex. Field values leave it as plain Unicode text
(LaTeX accents decoded, braces removed, ``--`` as an en dash), so no other stage has to
know about LaTeX. Codes: AM301 syntax error (also invalid UTF-8), AM302 file missing or
unreadable, AM303 duplicate key, AM304 entry without author/editor or year (warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pybtex.errors
from pybtex.database import Person as PybtexPerson
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from argmap.diagnostics import Diagnostic, Span, error, ordered, warning


@dataclass(frozen=True)
class Person:
    last: str
    first: str = ""
    von: str = ""
    jr: str = ""


_NOWHERE = Span("<memory>")


@dataclass(frozen=True)
class Reference:
    key: str
    entry_type: str = "misc"
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    title: str = ""
    year: str = ""
    container: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    address: str = ""
    edition: str = ""
    doi: str = ""
    url: str = ""
    isbn: str = ""
    note: str = ""
    status: str = ""
    status_source: str = ""
    annote: str = ""
    shorthand: str = ""
    span: Span = _NOWHERE


@dataclass(frozen=True)
class Bibliography:
    entries: tuple[Reference, ...] = ()
    # BibTeX keys are case-insensitive; the index is derived, so it stays out of eq/repr.
    _index: Mapping[str, Reference] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {ref.key.casefold(): ref for ref in reversed(self.entries)}
        object.__setattr__(self, "_index", index)

    def get(self, key: str) -> Reference | None:
        return self._index.get(key.casefold())

    def keys(self) -> tuple[str, ...]:
        return tuple(ref.key for ref in self.entries)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.casefold() in self._index


# Identifiers and free-text notes are kept as written: "%" or "_" in a URL is not LaTeX.
_VERBATIM_FIELDS = frozenset({"doi", "url", "note", "isbn", "annote"})
_LEFTOVER_COMMAND = re.compile(r"\\[A-Za-z]+\s?")
# Where pybtex would start an entry: '@', a name, an opening delimiter, the key.
_ENTRY_START = re.compile(r"@\s*([A-Za-z_][\w-]*)\s*[{(]\s*([^\s,{}()]*)")
_LINE_IN_MESSAGE = re.compile(r" in line \d+")
_CONTAINER_FIELDS = ("journal", "booktitle", "series")
_PUBLISHER_FIELDS = ("publisher", "institution", "school", "organization")


def load_bibliography(path: Path, display_path: str) -> tuple[Bibliography, tuple[Diagnostic, ...]]:
    """Read and parse ``path``; problems come back as diagnostics, never as exceptions."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Bibliography(), (_missing(display_path, "not found"),)
    except OSError as exc:
        return Bibliography(), (_missing(display_path, f"unreadable ({exc.strerror})"),)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Bibliography(), (_bad_utf8(raw, exc, display_path),)
    return parse_bibliography(text.removeprefix("\ufeff"), display_path)


def parse_bibliography(text: str, display_path: str) -> tuple[Bibliography, tuple[Diagnostic, ...]]:
    starts = _entry_starts(text)
    parser = _CollectingParser(text, display_path, starts)
    with pybtex.errors.capture() as captured:
        parser.captured = captured
        try:
            data = parser.parse_string(text)
        except PybtexError as exc:  # what pybtex could not recover from itself
            parser.problems.append(_syntax(exc, text, display_path))
            data = parser.data
    problems = parser.problems + [_syntax(e, text, display_path) for e in captured]
    refs = tuple(
        _reference(key, entry, parser.spans.get(key.casefold(), Span(display_path)))
        for key, entry in data.entries.items()
    )
    problems.extend(_incomplete(ref) for ref in refs if _is_incomplete(ref))
    return Bibliography(refs), ordered(problems)


class _CollectingParser(Parser):  # type: ignore[misc]  # pybtex ships no type hints
    """Collects errors instead of raising, so one run reports every problem."""

    def __init__(self, text: str, display_path: str, starts: dict[str, list[int]]) -> None:
        super().__init__()
        self.text = text
        self.display_path = display_path
        self.starts = starts
        self.seen: dict[str, int] = {}
        self.spans: dict[str, Span] = {}
        self.problems: list[Diagnostic] = []
        # pybtex reports some errors (bad names) through a global hook; see parse_bibliography.
        self.captured: list[Exception] = []
        self.current = Span(display_path)

    def handle_error(self, exc: Exception) -> None:
        self.problems.append(_syntax(exc, self.text, self.display_path, self.current))

    def process_entry(self, entry_type: str, key: str | None, fields: Any) -> None:
        folded = (key or "").casefold()
        count = self.seen.get(folded, 0)
        self.seen[folded] = count + 1
        span = self._span_of(folded, count)
        if count:  # pybtex would stop at a repeated key; report it and keep the first
            first = self.spans[folded]
            self.problems.append(_duplicate(key or "", span, first))
            return
        self.spans[folded] = span
        self.current = span
        before = len(self.captured)
        super().process_entry(entry_type, key, fields)
        # Errors raised while building this entry belong to it, so give them its position.
        self.problems.extend(
            _syntax(e, self.text, self.display_path, span) for e in self.captured[before:]
        )
        del self.captured[before:]
        self.current = Span(self.display_path)

    def _span_of(self, folded_key: str, occurrence: int) -> Span:
        offsets = self.starts.get(folded_key, [])
        if occurrence < len(offsets):
            return _span_at(self.text, offsets[occurrence], self.display_path)
        return Span(self.display_path)


def _entry_starts(text: str) -> dict[str, list[int]]:
    starts: dict[str, list[int]] = {}
    for match in _ENTRY_START.finditer(text):
        if match.group(1).lower() not in {"string", "preamble", "comment"}:
            starts.setdefault(match.group(2).casefold(), []).append(match.start())
    return starts


def _span_at(text: str, offset: int, display_path: str) -> Span:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span(display_path, line, column)


def _syntax(
    exc: Exception, text: str, display_path: str, fallback: Span | None = None
) -> Diagnostic:
    span = fallback or Span(display_path)
    where = ""
    context = getattr(exc, "error_context_info", None)
    if isinstance(exc, PybtexSyntaxError) and isinstance(context, tuple):
        # pybtex records (start of the entry, line, scanner offset) of the failure.
        offset, start = context[-1], context[0] if len(context) == 3 else None
        if isinstance(offset, int):
            span = _span_at(text, min(offset, len(text)), display_path)
        if isinstance(start, int) and isinstance(offset, int) and "\n" in text[start:offset]:
            where = f" (in the entry starting at line {_span_at(text, start, '').line})"
    message = _LINE_IN_MESSAGE.sub("", str(exc)).removeprefix("syntax error: ")
    return error("AM301", f"BibTeX syntax error: {message}{where}", span)


def _missing(display_path: str, why: str) -> Diagnostic:
    return error(
        "AM302",
        f"bibliography file {display_path} {why}",
        Span(display_path),
        hint="check the path given for references.bib",
    )


def _bad_utf8(raw: bytes, exc: UnicodeDecodeError, display_path: str) -> Diagnostic:
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return error(
        "AM301",
        f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}",
        Span(display_path, line, column),
        hint="save the file as UTF-8",
    )


def _duplicate(key: str, span: Span, first: Span) -> Diagnostic:
    return error(
        "AM303",
        f"duplicate BibTeX key {key!r} (first defined at {first})",
        span,
        hint="rename one of the entries or merge them",
    )


def _is_incomplete(ref: Reference) -> bool:
    return not (ref.authors or ref.editors) or not ref.year


def _incomplete(ref: Reference) -> Diagnostic:
    missing = [
        name
        for name, absent in (
            ("author or editor", not (ref.authors or ref.editors)),
            ("year", not ref.year),
        )
        if absent
    ]
    return warning("AM304", f"entry {ref.key!r} has no {' and no '.join(missing)}", ref.span)


# One backend for all fields: `render_as` looks the backend up through entry points on every
# call, which cost 15 ms a field (12 s for this bibliography).
_TEXT_BACKEND = find_plugin("pybtex.backends", "text")()


# What LaTeX decoding would change: commands, groups, specials, and the ligatures of
# latexcodec (dashes, quotes, and ,, !` ?` for „ ¡ ¿).
_LATEX_SPECIAL = re.compile(r"[\\{}~$%&#^_]|--|``|''|,,|[!?]`")


def latex_to_text(value: str) -> str:
    """Plain Unicode for a LaTeX field value: accents decoded, braces and commands gone."""
    if not _LATEX_SPECIAL.search(value):
        # Most fields are plain words; LaTeX decoding costs 60 µs a field for nothing.
        return " ".join(value.split())
    try:
        text = str(Text.from_latex(value).render(_TEXT_BACKEND))
    except PybtexError:
        text = value.replace("{", "").replace("}", "")
    text = _LEFTOVER_COMMAND.sub("", text).replace("\xa0", " ")
    return " ".join(text.split())


def _field(fields: Mapping[str, str], name: str) -> str:
    value = fields.get(name, "")
    if name in _VERBATIM_FIELDS:
        return " ".join(value.replace("{", "").replace("}", "").split())
    return latex_to_text(value)


def _first(fields: Mapping[str, str], names: Iterable[str]) -> str:
    return next((v for v in (_field(fields, n) for n in names) if v), "")


def _person(person: PybtexPerson) -> Person:
    return Person(
        last=latex_to_text(" ".join(person.last_names)),
        first=latex_to_text(" ".join([*person.first_names, *person.middle_names])),
        von=latex_to_text(" ".join(person.prelast_names)),
        jr=latex_to_text(" ".join(person.lineage_names)),
    )


def _status(note: str) -> tuple[str, str]:
    lowered = note.strip().lower()
    if lowered.startswith("unverified"):
        return "unverified", ""
    if lowered.startswith("verified"):
        return "verified", note.split(":", 1)[1].strip() if ":" in note else ""
    return "", ""


def _reference(key: str, entry: Any, span: Span) -> Reference:
    fields = {name.lower(): str(value) for name, value in entry.fields.items()}
    note = _field(fields, "note")
    status, source = _status(note)
    return Reference(
        key=key,
        entry_type=str(entry.type).lower(),
        authors=tuple(_person(p) for p in entry.persons.get("author", [])),
        editors=tuple(_person(p) for p in entry.persons.get("editor", [])),
        title=_field(fields, "title"),
        year=_field(fields, "year"),
        container=_first(fields, _CONTAINER_FIELDS),
        volume=_field(fields, "volume"),
        number=_field(fields, "number"),
        pages=_field(fields, "pages"),
        publisher=_first(fields, _PUBLISHER_FIELDS),
        address=_field(fields, "address"),
        edition=_field(fields, "edition"),
        doi=_field(fields, "doi"),
        url=_field(fields, "url"),
        isbn=_field(fields, "isbn"),
        note=note,
        status=status,
        status_source=source,
        annote=_field(fields, "annote"),
        shorthand=_field(fields, "shorthand"),
        span=span,
    )
