"""Text made safe for Graphviz DOT: one clean line, quoted strings and HTML-like labels.

Graphviz reads escapes differently in each place text can go, so each place has its own
helper; all of them first drop the characters XML or the reader's eyes cannot take.
"""

from __future__ import annotations

import re
from functools import lru_cache

from argmap import markup

# Dropped from all text: C0/C1 controls, bidirectional embeddings and overrides (they can
# reorder the text around them), lone surrogates and the XML-forbidden U+FFFE/U+FFFF. The
# marks LRM/RLM and the joiners stay: scripts and emoji sequences need them.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_MARKDOWN_SIGNS = frozenset("*_`[]<>!#\\&~|")


def clean(text: str) -> str:
    """One line of text that is valid in XML, whitespace runs collapsed to one space."""
    if text.isascii() and text.isprintable() and "  " not in text and text.strip(" ") == text:
        return text  # most ids and titles: printable ASCII holds nothing to drop or collapse
    return " ".join(_UNSAFE.sub("", text).split())


@lru_cache(maxsize=16384)
def plain(markdown: str) -> str:
    """The words of a Markdown text, without its markup, on one line."""
    if not _MARKDOWN_SIGNS.intersection(markdown):
        return clean(markdown)
    parts: list[str] = []
    for token in markup.parse(markdown):
        if token.type == "inline":
            parts.extend(
                " " if c.type in ("softbreak", "hardbreak") else c.content
                for c in token.children or ()
            )
            parts.append(" ")
        elif token.type in ("code_block", "fence", "html_block"):
            parts.append(token.content + " ")
    return clean("".join(parts))


def quote(text: str, passes: int = 1) -> str:
    """A DOT double-quoted string whose text Graphviz shows literally.

    Graphviz reads backslash escapes in labels once and in tooltips twice (`\\N` in a tooltip
    becomes the node name: measured with 2.43), so each backslash is doubled once per pass.
    Entities are read too, hence `&amp;`.
    """
    body = clean(text).replace("\\", "\\" * 2**passes).replace("&", "&amp;")
    return '"' + body.replace('"', '\\"') + '"'


def tooltip(text: str) -> str:
    return quote(text, passes=2)


def html(text: str) -> str:
    """Text for inside a Graphviz HTML-like label (entities, then backslash escapes, are read)."""
    return (
        clean(text)
        .replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("]", "&#93;")  # a lone "]" right before the closing ">" vanishes (2.43)
    )


def refs(text: str) -> str:
    """DOT text with numeric character references for what is not ASCII, which Graphviz reads
    in every string (measured with 2.43: the same layout and SVG), so the text stays one byte
    a character for every later step. Beyond the Basic Multilingual Plane 2.43 misreads them:
    text holding such characters stays as it is."""
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text):
        return text  # nothing to do, or a character beyond the Plane (two UTF-16 units)
    return text.encode("ascii", "xmlcharrefreplace").decode()
