"""Checks tying the map to the annotated text: markers, citations, quotes and anchors."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Diagnostic, error
from argmap.model import ArgumentMap, Node
from argmap.structure import suggest
from argmap.textscan import PageScan, Paragraph, fold


def check_text(
    amap: ArgumentMap, pages: tuple[PageScan, ...], bib_keys: frozenset[str] | None
) -> tuple[Diagnostic, ...]:
    return (
        *_markers(amap, pages),
        *_citations(pages, bib_keys),
        *_anchors(pages),
        *_quotes(amap, pages),
    )


def _markers(amap: ArgumentMap, pages: tuple[PageScan, ...]) -> Iterator[Diagnostic]:
    ids = tuple(n.id for n in amap.nodes)
    known = set(ids)
    for page in pages:
        for m in page.markers:
            if m.node_id not in known:
                yield error(
                    "AM401",
                    f"marker [[{m.node_id}]] names no node",
                    m.span,
                    suggest(m.node_id, ids) or "Use the id of a node in the map.",
                )


def _citations(pages: tuple[PageScan, ...], keys: frozenset[str] | None) -> Iterator[Diagnostic]:
    if keys is None:
        return
    for page in pages:
        for c in page.citations:
            if c.key not in keys:
                yield error(
                    "AM402",
                    f"citation of unknown BibTeX key '{c.key}'",
                    c.span,
                    suggest(c.key, tuple(sorted(keys))) or "Add the entry to the .bib file.",
                )


def _anchors(pages: tuple[PageScan, ...]) -> Iterator[Diagnostic]:
    seen: dict[str, Paragraph] = {}
    for page in pages:
        for p in page.paragraphs:
            if not p.anchor:
                continue
            if p.anchor in seen:
                yield error(
                    "AM407",
                    f"paragraph anchor '#{p.anchor}' is used twice "
                    f"(first at {seen[p.anchor].span})",
                    p.span,
                    "Give every paragraph its own anchor.",
                )
            seen.setdefault(p.anchor, p)


def _quotes(amap: ArgumentMap, pages: tuple[PageScan, ...]) -> Iterator[Diagnostic]:
    paragraphs = [p for page in pages for p in page.paragraphs]
    by_anchor = {p.anchor: p for p in paragraphs if p.anchor}
    for node in amap.nodes:
        if node.anchor and node.anchor not in by_anchor and paragraphs:
            yield error(
                "AM403",
                f"node '{node.id}' names unknown paragraph anchor '{node.anchor}'",
                node.span_of("anchor"),
                suggest(node.anchor, tuple(by_anchor)) or "Use an anchor of the text.",
            )
        if node.quote and paragraphs:
            yield from _quote(node, paragraphs, by_anchor)


def _quote(
    node: Node, paragraphs: list[Paragraph], by_anchor: dict[str, Paragraph]
) -> Iterator[Diagnostic]:
    quote = fold(node.quote)
    holders = sorted((p for p in paragraphs if quote in p.text), key=lambda p: not p.anchor)
    if not holders:
        yield error(
            "AM400",
            f"the quote of '{node.id}' is not in the text verbatim",
            node.span_of("quote"),
            _nearest(quote, paragraphs),
        )
        return
    anchored = by_anchor.get(node.anchor)
    if node.anchor and anchored is not None and anchored not in holders:
        yield error(
            "AM404",
            f"the quote of '{node.id}' is not in paragraph '{node.anchor}'",
            node.span_of("anchor"),
            f"It is in '{holders[0].anchor}': set `anchor: {holders[0].anchor}`.",
        )
    elif not node.anchor and holders[0].anchor:
        yield error(
            "AM405",
            f"node '{node.id}' quotes the text but gives no anchor",
            node.span_of("quote"),
            f"Add `anchor: {holders[0].anchor}`.",
        )


def _where(p: Paragraph) -> str:
    if p.anchor:
        return f"It is in '{p.anchor}': set `anchor: {p.anchor}`."
    return f"It is in a paragraph without an anchor at {p.span}; give it one."


def _nearest(quote: str, paragraphs: list[Paragraph]) -> str:
    """Point at the longest opening of the quote that the text does contain."""
    words = quote.split()
    for size in range(len(words) - 1, 1, -1):
        head = " ".join(words[:size])
        for p in paragraphs:
            at = p.text.find(head)
            if at >= 0:
                follows = p.text[at + len(head) : at + len(head) + 40]
                return (
                    f"The text has '{head}' in '{p.anchor or p.page}' but then continues "
                    f"'{follows.strip()}'; copy the words exactly."
                )
    return "Copy the words exactly as they stand in the text pages."
