"""Reading YAML safely, with the position of every key and value (the only module using yaml).

Only composition is used (never construction of arbitrary objects), so no tag can run code.
Aliases are expanded by our own walk, which counts what it expands: an alias bomb is stopped
after MAX_VALUES values instead of exhausting memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from yaml import events as ev

from argmap.diagnostics import Diagnostic, Span, error
from argmap.tree import Scalar, YMap, YScalar, YSeq, YValue

MAX_BYTES = 5 * 1024 * 1024
MAX_VALUES = 200_000
MAX_DEPTH = 64


class _BudgetError(Exception):
    def __init__(self, code: str, message: str, span: Span, hint: str) -> None:
        super().__init__(message)
        self.diagnostic = error(code, message, span, hint)


_ALIAS_HINT = "Write the values out instead of repeating them through anchors and aliases."
_DEPTH_HINT = "Flatten the structure; argument files need only a few levels of nesting."


def read_text(path: Path, display: str) -> tuple[str | None, tuple[Diagnostic, ...]]:
    """The file's text, or a diagnostic: missing, too large, or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, (
                error(
                    "AM103",
                    f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                    Span(display),
                    "Split the map into several files (one per section).",
                ),
            )
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, (error("AM100", f"cannot read file: {reason}", Span(display)),)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, (
            error(
                "AM104",
                f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x})",
                Span(display, line, col),
                "Save the file as UTF-8.",
            ),
        )


def parse_yaml(text: str, display: str) -> tuple[YValue | None, tuple[Diagnostic, ...]]:
    """One YAML document as a positioned tree; None with diagnostics when it cannot be read."""
    builder = _Builder(display)
    parser = _LOADER(text)
    try:
        builder.run(parser.get_event)
    except yaml.MarkedYAMLError as exc:
        return None, (_syntax_error(exc, display),)
    except yaml.YAMLError as exc:
        return None, (error("AM101", f"YAML syntax error: {exc}", Span(display)),)
    except _BudgetError as exc:
        return None, (exc.diagnostic,)
    finally:
        parser.dispose()
    return builder.root, tuple(builder.diagnostics)


def load_yaml(path: Path, display: str) -> tuple[YValue | None, tuple[Diagnostic, ...]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def dump_yaml(data: object) -> str:
    """Block-style YAML for files people edit (used by importers); keys keep their order."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88, indent=2)


def _syntax_error(exc: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    span = Span(display, mark.line + 1, mark.column + 1) if mark is not None else Span(display)
    problem = exc.problem or "invalid YAML"
    context = f" ({exc.context})" if exc.context else ""
    return error(
        "AM101",
        f"YAML syntax error: {problem}{context}",
        span,
        "Check indentation, colons and quotes around this position; quote text that "
        "contains ': ' or starts with a special character.",
    )


# libyaml parses several times faster than the pure-Python parser; both give the same events.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# YAML 1.1 booleans and nulls as PyYAML resolves them (an empty value stays empty text, which
# the format checks report better than a null); any other plain scalar that can be a
# number starts with one of _NUMERIC. Everything else is text, without asking the resolver
# (which would cost a third of the load).
_WORDS: dict[str, Scalar] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL"), None),
}
_NUMERIC = frozenset("0123456789+-.")
# Named tuples are made through tuple.__new__ directly: it skips a Python-level __new__ per
# value, which matters at 150,000 values.
_new = tuple.__new__


class _Open:
    """A mapping or sequence being built."""

    __slots__ = ("anchor", "count_at_start", "is_map", "items", "span")

    def __init__(self, is_map: bool, span: Span, anchor: str | None, count: int) -> None:
        self.is_map = is_map
        self.span = span
        self.anchor = anchor
        self.count_at_start = count
        self.items: list[YValue] = []


class _Builder:
    """Builds the tree from parser events; counts expanded values to stop alias bombs."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[YValue, int]] = {}
        self.count = 0
        self.documents = 0
        self.root: YValue | None = None
        self.diagnostics: list[Diagnostic] = []

    def span(self, event: ev.Event) -> Span:
        mark = event.start_mark
        if mark is None:
            return Span(self.display)
        return Span(self.display, mark.line + 1, mark.column + 1)

    def run(self, next_event: Callable[[], ev.Event | None]) -> None:
        """Scalars, nine events in ten, are built inline; the rest go through feed()."""
        display, stack, anchors, scalar_event = (
            self.display,
            self.stack,
            self.anchors,
            ev.ScalarEvent,
        )
        count = self.count
        while (event := next_event()) is not None:
            if type(event) is not scalar_event:
                self.count = count
                self.feed(event)
                count = self.count
                continue
            mark, raw = event.start_mark, event.value
            span = _new(Span, (display, mark.line + 1, mark.column + 1)) if mark else Span(display)
            count += 1
            if count > MAX_VALUES:
                self._tick(count - self.count, span)
            scalar = _new(
                YScalar,
                (_plain(raw) if event.implicit[0] and event.tag is None else raw, span, raw),
            )
            if event.anchor:
                anchors[event.anchor] = (scalar, 1)
            if stack:
                stack[-1].items.append(scalar)
            else:
                self.root = scalar
        self.count = count

    def feed(self, event: ev.Event) -> None:
        if isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
            self._open(event)
        elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
            self._close()
        elif isinstance(event, ev.AliasEvent):
            self._alias(event)
        elif isinstance(event, ev.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _BudgetError(
                    "AM101",
                    "more than one YAML document in the file",
                    self.span(event),
                    "Remove the second '---' and what follows it.",
                )

    def _tick(self, amount: int, span: Span) -> None:
        self.count += amount
        if self.count > MAX_VALUES:
            raise _BudgetError(
                "AM102", f"more than {MAX_VALUES:,} values (alias expansion?)", span, _ALIAS_HINT
            )

    def _add(self, value: YValue, anchor: str | None, weight: int) -> None:
        if anchor:
            self.anchors[anchor] = (value, weight)
        if self.stack:
            self.stack[-1].items.append(value)
        else:
            self.root = value

    def _open(self, event: ev.CollectionStartEvent) -> None:
        span = self.span(event)
        if len(self.stack) >= MAX_DEPTH:
            raise _BudgetError(
                "AM101", f"YAML nested more than {MAX_DEPTH} levels deep", span, _DEPTH_HINT
            )
        self._tick(1, span)
        is_map = isinstance(event, ev.MappingStartEvent)
        self.stack.append(_Open(is_map, span, event.anchor, self.count))

    def _close(self) -> None:
        top = self.stack.pop()
        value: YValue = self._mapping(top) if top.is_map else YSeq(tuple(top.items), top.span)
        self._add(value, top.anchor, self.count - top.count_at_start + 1)

    def _alias(self, event: ev.AliasEvent) -> None:
        span = self.span(event)
        found = self.anchors.get(event.anchor or "")
        if found is None:
            raise _BudgetError(
                "AM101",
                f"unknown alias '*{event.anchor}'",
                span,
                "Define the anchor (&name) before using the alias (*name).",
            )
        value, weight = found
        self._tick(weight, span)
        self._add(value, None, weight)

    def _mapping(self, top: _Open) -> YMap:
        pairs: list[tuple[YScalar, YValue]] = []
        seen: dict[object, Span] = {}
        for key, value in zip(top.items[::2], top.items[1::2], strict=True):
            if not isinstance(key, YScalar):
                self.diagnostics.append(
                    error(
                        "AM107",
                        "a mapping key must be plain text",
                        key.span,
                        "Use a simple word as the key.",
                    )
                )
                continue
            if key.value in seen:
                self.diagnostics.append(
                    error(
                        "AM105",
                        f"duplicate key '{key.value}' (first at line {seen[key.value].line})",
                        key.span,
                        "Remove one of the two, or merge their values.",
                    )
                )
                continue
            seen[key.value] = key.span
            pairs.append((key, value))
        return YMap(tuple(pairs), top.span)


def _plain(raw: str) -> Scalar:
    """A plain scalar typed as YAML 1.1 types it; quoted ones and custom tags stay text."""
    word = _WORDS.get(raw, raw)
    if word is not raw or raw[:1] not in _NUMERIC:
        return word
    tag = str(_RESOLVER.resolve(yaml.ScalarNode, raw, (True, False)))  # type: ignore[no-untyped-call]
    if tag.rsplit(":", 1)[-1] not in {"int", "float"}:
        return raw
    try:
        value = _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, raw), deep=False)
    except (yaml.YAMLError, ValueError, OverflowError):
        return raw
    return value if isinstance(value, int | float) and not isinstance(value, bool) else raw
