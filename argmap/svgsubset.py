"""The lexical subset of SVG that is safe to inline in a page, and a fast test for it.

The subset: text, and tags of drawing elements whose attributes are allowed names with
double-quoted values; every "<", wherever it stands, starts such a tag, so neither text nor
a value can smuggle markup in. Links go only to `argmap:` placeholders or to fragments, and
paint (fill, stroke) holds no "(": among the allowed attributes only paint can reference
anything, with url(...). `argmap.svg` checks its dressed Graphviz output with `outside`
and sends anything that fails through a full XML parse instead.
"""

from __future__ import annotations

import re

# fmt: off
ELEMENTS = frozenset({
    "svg", "g", "a", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle",
    "rect", "line", "text", "tspan",
})
ATTRS = frozenset({
    "id", "class", "d", "points", "cx", "cy", "rx", "ry", "r", "x", "y", "x1", "y1", "x2", "y2",
    "width", "height", "viewBox", "transform", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "stroke-opacity", "fill-opacity", "font-family", "font-size",
    "font-weight", "font-style", "text-anchor", "xlink:href", "xlink:title",
})
# fmt: on
ROOT_ATTRS = frozenset({"xmlns", "xmlns:xlink"})
DRESSED_ATTRS = frozenset({"tabindex"})  # added by argmap.svg to links
_PAINT_SERVERS = frozenset({"fill", "stroke"})  # the allowed names that take url(...)

# The order in which Graphviz (2.43 and later) writes the attributes of each element. Tags
# written so are recognised by literal names in sequence, about twice as fast as trying
# every allowed name at every attribute; a tag in any other order is still checked, slower.
_PAINT = ("fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity")
_GRAPHVIZ_ORDER = {
    "text": (
        "text-anchor",
        "x",
        "y",
        "font-family",
        "font-weight",
        "font-style",
        "font-size",
        "fill",
    ),
    "g": ("id", "class", "transform"),
    "path": (*_PAINT, "d"),
    "polygon": (*_PAINT, "points"),
    "polyline": (*_PAINT, "points"),
    "ellipse": (*_PAINT, "cx", "cy", "rx", "ry"),
    "a": ("xlink:href", "tabindex"),
}


def _value(name: str) -> str:
    if name == "xlink:href":
        return '(?:argmap:|#)[^"<>(]*+'
    # Scanning to the closing quote is several times faster than testing each character
    # against a set; the "<" that would matter is checked where it stands.
    return '[^"<>(]*+' if name in _PAINT_SERVERS else '[^"]*+'


def _attribute(name: str) -> str:
    return f'{re.escape(name)}="{_value(name)}"'


def _alternatives(names: frozenset[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _lexicon() -> str:
    """A tag of the subset, from just after its "<"."""
    allowed = ATTRS | ROOT_ATTRS | DRESSED_ATTRS
    in_order = "|".join(
        name + "".join(f"(?: {_attribute(a)})?+" for a in attrs)
        for name, attrs in _GRAPHVIZ_ORDER.items()
    )
    any_order = "|".join(_attribute(a) for a in sorted(allowed, key=len, reverse=True))
    return (
        f"/(?:text|g|a|title)>|(?:{in_order})/?>"
        f"|/?(?:{_alternatives(ELEMENTS)})(?:\\s++(?:{any_order}))*+\\s*+/?>"
    )


# Only "<" can start markup, so the search jumps from one "<" to the next and checks the tag
# there: several times faster than matching the whole document piece by piece.
_OUTSIDE = re.compile(f"<(?!{_lexicon()})")
# The same over UTF-8 bytes, where \s is ASCII white space only: stricter, so still safe.
_OUTSIDE_BYTES = re.compile(_OUTSIDE.pattern.encode())


def outside(markup: str | bytes, start: int = 0) -> int:
    """Where the first tag outside the subset starts, looking from `start`; -1 when all of
    the markup is in it."""
    if isinstance(markup, bytes):
        found_bytes = _OUTSIDE_BYTES.search(markup, start)
        return -1 if found_bytes is None else found_bytes.start()
    found = _OUTSIDE.search(markup, start)
    return -1 if found is None else found.start()
