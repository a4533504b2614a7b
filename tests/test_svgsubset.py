"""The safe subset of SVG: Graphviz's drawing passes, anything that could run or load fails."""

from __future__ import annotations

import pytest

from argmap.svgsubset import outside

GRAPHVIZ = "\n".join(
    (
        '<g id="argmap&#45;x&#45;n&#45;a" class="node argmap&#45;node">',
        '<g id="a_argmap&#45;x&#45;n&#45;a"><a xlink:href="argmap:node/a" tabindex="0">'
        "<title>A &#8212; (a) &lt;b&gt;</title>",
        '<path fill="#d4e6f5" stroke="#0072b2" stroke-width="1.2" d="M531,-774C531,-774 3,-7"/>',
        '<polygon fill="none" stroke="black" points="0,0 1,1"/>',
        '<text text-anchor="start" x="1" y="-2" font-family="Helvetica,Arial,sans-serif" '
        'font-weight="bold" font-size="12.00" fill="#1a1a1a">A (a) &amp; b</text>',
        "</a>",
        "</g>",
        '<ellipse fill="none" stroke="#0072b2" cx="1" cy="2" rx="3" ry="4"/>',
        '<text x="1" font-size="12.00" y="-2">attributes in another order</text>',
        "</g>\n",
    )
)


def test_graphviz_drawing_is_inside() -> None:
    assert outside(GRAPHVIZ) == -1


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        '<text onclick="alert(1)">x</text>',
        '<text x="1" onclick="alert(1)">x</text>',
        '<g style="fill:url(http://evil/x)">',
        '<path fill="url(http://evil/x)" d="M0,0"/>',
        '<path stroke="u\\72l(http://evil/x)" d="M0,0"/>',
        '<a xlink:href="javascript:alert(1)">',
        '<a xlink:href="http://evil/">',
        '<a xlink:href="argmap:node/a(b)">',
        '<image xlink:href="http://evil/i.png"/>',
        '<use xlink:href="http://evil/#x"/>',
        "<foreignObject><div>html</div></foreignObject>",
        "<!-- a comment -->",
        "<?xml-stylesheet href='http://evil/s.css'?>",
        '<text x="<script>">x</text>',
        "<title>a <img src=x onerror=alert(1)></title>",
        "<text x='1'>single quotes</text>",
        "<text x=1>unquoted</text>",
    ],
)
def test_anything_that_could_run_or_load_is_outside(bad: str) -> None:
    markup = GRAPHVIZ + bad + "\n</svg>"
    assert outside(markup) >= len(GRAPHVIZ)  # found, and in the bad part


def test_the_search_starts_where_asked() -> None:
    markup = "<script>" + GRAPHVIZ
    assert outside(markup) == 0
    assert outside(markup, len("<script>")) == -1
