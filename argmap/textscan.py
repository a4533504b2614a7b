"""Scanning the annotated text: paragraphs, their anchors, node markers and citations.

Markdown structure comes from markdown-it-py (through `markup`), so a
marker inside code is not a marker. Within the inline text of a paragraph, markers `[[id]]`
and attribute lines `{: #anchor }` are plain text patterns, matched on the text tokens only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from argmap.diagnostics import Span
from argmap.markup import Token, parse

MARKER = re.compile(r"\[\[([^\[\]\s]+)\]\]")
ANCHOR = re.compile(r"\{:\s*#([A-Za-z][\w-]*)\s*\}\s*$")
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
# A footnote definition's anchor is the one Python-Markdown's footnotes extension gives it.
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:")
_CODE = "\ufffc"  # stands in for inline code, so nothing inside code is read as a marker

CitationFinder = Callable[[str], list[tuple[int, int, tuple[str, ...], str]]]
"""Finds citations in inline text: (start, end, keys, rendered words) for each."""


@dataclass(frozen=True)
class Paragraph:
    page: str
    anchor: str
    text: str  # the reader's words: markers removed, citations rendered, spaces folded
    span: Span


@dataclass(frozen=True)
class Marker:
    node_id: str
    page: str
    anchor: str  # the paragraph's anchor, "" when it has none
    span: Span


@dataclass(frozen=True)
class TextCitation:
    key: str
    page: str
    anchor: str
    span: Span


@dataclass(frozen=True)
class PageScan:
    page: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    markers: tuple[Marker, ...]
    citations: tuple[TextCitation, ...]


def fold(text: str) -> str:
    """Whitespace folded to single spaces, so quotes match across line breaks."""
    return " ".join(text.split())


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type == "text":
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append("\n")
        elif child.type == "code_inline":
            parts.append(_CODE)
    return "".join(parts)


def _position(lines: list[str], first: int, last: int, needle: str) -> tuple[int, int]:
    for number in range(first, min(last, len(lines))):
        col = lines[number].find(needle)
        if col >= 0:
            return number + 1, col + 1
    return first + 1, 1


def scan_page(source: str, display: str, page: str, cite: CitationFinder) -> PageScan:
    tokens = parse(source)
    lines = source.splitlines()
    title = ""
    paragraphs: list[Paragraph] = []
    markers: list[Marker] = []
    citations: list[TextCitation] = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        opener = tokens[index - 1].type if index else ""
        if opener == "heading_open" and not title and tokens[index - 1].tag == "h1":
            title = token.content.strip()
        raw = _inline_text(token)
        found = ANCHOR.search(raw)
        note = FOOTNOTE_DEF.match(raw)
        anchor = found.group(1) if found else (f"fn:{note.group(1)}" if note else "")
        body = raw[: found.start()] if found else raw
        first, last = token.map
        for m in MARKER.finditer(body):
            line, col = _position(lines, first, last, m.group(0))
            markers.append(Marker(m.group(1), page, anchor, Span(display, line, col)))
        words = MARKER.sub("", body)
        words = FOOTNOTE_REF.sub("", FOOTNOTE_DEF.sub("", words))
        rendered: list[str] = []
        cursor = 0
        for start, end, keys, shown in cite(words):
            rendered.append(words[cursor:start] + shown)
            cursor = end
            line, col = _position(lines, first, last, words[start:end].split("\n")[0])
            citations.extend(TextCitation(k, page, anchor, Span(display, line, col)) for k in keys)
        rendered.append(words[cursor:])
        if opener == "paragraph_open":
            paragraphs.append(
                Paragraph(page, anchor, fold("".join(rendered)), Span(display, first + 1, 1))
            )
    return PageScan(page, title, tuple(paragraphs), tuple(markers), tuple(citations))
