"""Markdown inside node texts and the scanning of text sources (the only markdown-it-py user).

Raw HTML is off: whatever a contributor types in a node's text is shown, never executed.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["Token", "parse", "to_html"]

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "../", "./")


def _safe_links(tokens: list[Token]) -> None:
    # markdown-it already refuses javascript: URLs; relative links to elsewhere are kept as is.
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if ":" in href.split("/")[0] and not href.startswith(_SAFE_SCHEMES):
                    child.attrSet("href", "#")


def parse(source: str) -> list[Token]:
    return _PARSER.parse(source)


def to_html(source: str) -> str:
    """A node's Markdown text as safe HTML."""
    tokens = _PARSER.parse(source)
    _safe_links(tokens)
    return str(_PARSER.renderer.render(tokens, _PARSER.options, {}))
