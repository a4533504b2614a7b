"""A YAML document as plain positioned values, so later stages never touch the YAML library."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from argmap.diagnostics import Span

Scalar = str | int | float | bool | None


class YScalar(NamedTuple):
    """A scalar and where it stands (a named tuple: the loader makes one per value)."""

    value: Scalar
    span: Span
    # The raw text as written, used where a value must be read as text whatever its type.
    raw: str = ""


@dataclass(frozen=True)
class YSeq:
    items: tuple[YValue, ...]
    span: Span


@dataclass(frozen=True)
class YMap:
    items: tuple[tuple[YScalar, YValue], ...]
    span: Span

    def get(self, key: str) -> YValue | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None


YValue = YScalar | YSeq | YMap


def kind_name(value: YValue) -> str:
    """How a value reads to a person, for messages such as "expected text, got a list"."""
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    v = value.value
    if v is None:
        return "nothing (null)"
    if isinstance(v, bool):
        return f"a boolean ({str(v).lower()})"
    if isinstance(v, int | float):
        return f"a number ({v})"
    return "text"


def to_plain(value: YValue) -> object:
    """The value as plain Python data (positions dropped)."""
    if isinstance(value, YMap):
        return {str(k.value): to_plain(v) for k, v in value.items}
    if isinstance(value, YSeq):
        return [to_plain(v) for v in value.items]
    return value.value


def spans_by_path(value: YValue, prefix: str = "") -> dict[str, Span]:
    """Dotted paths ("article.authors.0") to where each value stands, for messages about
    data read as plain values."""
    spans = {prefix: value.span} if prefix else {}
    if isinstance(value, YMap):
        for key, item in value.items:
            spans.update(spans_by_path(item, f"{prefix}.{key.value}" if prefix else str(key.value)))
    elif isinstance(value, YSeq):
        for i, item in enumerate(value.items):
            spans.update(spans_by_path(item, f"{prefix}.{i}" if prefix else str(i)))
    return spans
