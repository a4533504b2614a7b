"""The visual vocabulary of the maps, in one table: shapes, line styles, labels and colours.

Colour is never the only cue: every node type also has its own shape and a type tag in its
label, every relation its own line style, arrowhead and text label. Colours come from the
Okabe–Ito palette (safe for the common colour-vision deficiencies), darkened where needed
so lines keep a 3:1 contrast on white. The DOT carries the light colours (standalone SVG,
print); the stylesheet generated here re-colours inline SVG for Material's light and dark
palettes through CSS variables.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from argmap.vocabulary import NodeType, RelationType

FONT = "Helvetica,Arial,sans-serif"  # metric-compatible with Liberation Sans, which dot measures
NODE_FONT_PT = 14  # the node title; at least 14 pt so maps stay legible when scaled down
TAG_FONT_PT = 12  # the type tag above the title and the edge labels
WRAP_CHARS = 24  # about three words a line keeps boxes narrow and maps compact
MAX_LINES = 5


@dataclass(frozen=True)
class NodeStyle:
    tag: str  # shown above the title, so the type reads without colour or shape
    shape: str
    style: str
    css_class: str
    fill_var: str
    peripheries: int = 1


@dataclass(frozen=True)
class EdgeStyle:
    label: str
    style: str
    arrowhead: str
    css_class: str
    color_var: str
    penwidth: float = 1.6


NODE_STYLES: dict[NodeType, NodeStyle] = {
    NodeType.THESIS: NodeStyle(
        "THESIS", "box", "rounded,filled,bold", "argmap-node-thesis", "--argmap-thesis-fill", 2
    ),
    NodeType.CLAIM: NodeStyle(
        "CLAIM", "box", "rounded,filled", "argmap-node-claim", "--argmap-claim-fill"
    ),
    NodeType.PREMISE: NodeStyle(
        "PREMISE", "box", "filled", "argmap-node-premise", "--argmap-premise-fill"
    ),
    NodeType.EVIDENCE: NodeStyle(
        "EVIDENCE", "note", "filled", "argmap-node-evidence", "--argmap-evidence-fill"
    ),
    NodeType.LIMITATION: NodeStyle(
        "LIMITATION",
        "box",
        "filled,diagonals",
        "argmap-node-limitation",
        "--argmap-limitation-fill",
    ),
    NodeType.QUESTION: NodeStyle(
        "QUESTION", "ellipse", "filled", "argmap-node-question", "--argmap-question-fill"
    ),
}

EDGE_STYLES: dict[RelationType, EdgeStyle] = {
    RelationType.SUPPORTS: EdgeStyle(
        "supports", "solid", "normal", "argmap-rel-supports", "--argmap-supports", 2.0
    ),
    RelationType.ATTACKS: EdgeStyle(
        "attacks", "dashed", "tee", "argmap-rel-attacks", "--argmap-attacks", 2.0
    ),
    RelationType.UNDERCUTS: EdgeStyle(
        "undercuts", "dotted", "teetee", "argmap-rel-undercuts", "--argmap-undercuts", 2.2
    ),
    RelationType.QUALIFIES: EdgeStyle(
        "qualifies", "dashed", "odiamond", "argmap-rel-qualifies", "--argmap-qualifies"
    ),
    RelationType.RAISES: EdgeStyle(
        "raises", "dotted", "vee", "argmap-rel-raises", "--argmap-raises"
    ),
    RelationType.ANSWERS: EdgeStyle(
        "answers", "solid", "empty", "argmap-rel-answers", "--argmap-answers"
    ),
    RelationType.REPHRASES: EdgeStyle(
        "rephrases", "solid", "none", "argmap-rel-rephrases", "--argmap-rephrases", 1.2
    ),
}

# Summary boxes (collapsed sections), junctions of linked premises, section clusters.
SUMMARY_CLASS = "argmap-summary"
JUNCTION_CLASS = "argmap-junction"
CLUSTER_CLASS = "argmap-section"
FOCUS_CLASS = "argmap-focus"
IMPLICIT_CLASS = "argmap-implicit"
NEIGHBOUR_CLASS = "argmap-node"
ELIDED_CLASS = "argmap-elided"  # a long path to the thesis drawn as one dashed edge
CARDS_CLASS = "argmap-cards"  # the graph of an overview drawn as section cards
CARD_CLASS = "argmap-card"  # one section card: a table of rows

# CSS variable -> (light, dark). Light values are also written into the DOT as fallbacks.
PALETTE: dict[str, tuple[str, str]] = {
    "--argmap-fg": ("#1a1a1a", "#e6e6e6"),
    "--argmap-line": ("#3d3d3d", "#b8bcc4"),
    "--argmap-thesis-line": ("#0072b2", "#6cb6ee"),
    "--argmap-thesis-fill": ("#d4e6f5", "#17344d"),
    "--argmap-claim-fill": ("#e4f2fb", "#1b3142"),
    "--argmap-premise-fill": ("#f1f1f1", "#2c2f36"),
    "--argmap-evidence-fill": ("#daf1e8", "#13392f"),
    "--argmap-limitation-fill": ("#fbe8d0", "#47321a"),
    "--argmap-question-fill": ("#faf4c8", "#3d3a17"),
    "--argmap-summary-fill": ("#ffffff", "#23262e"),
    "--argmap-cluster-fill": ("#f7f8fa", "#1b1d23"),
    "--argmap-cluster-line": ("#7d848e", "#767d89"),
    "--argmap-focus": ("#000000", "#ffffff"),
    "--argmap-supports": ("#007a5a", "#3cc49a"),  # Okabe–Ito bluish green
    "--argmap-attacks": ("#c24600", "#ff8040"),  # vermillion
    "--argmap-undercuts": ("#a2467d", "#e493c3"),  # reddish purple
    "--argmap-qualifies": ("#946300", "#f0b429"),  # orange
    "--argmap-raises": ("#6e6600", "#e8dc5a"),  # yellow
    "--argmap-answers": ("#0072b2", "#6cb6ee"),  # blue
    "--argmap-rephrases": ("#5c5c5c", "#b0b0b0"),  # black/grey
}


def light(var: str) -> str:
    return PALETTE[var][0]


def wrap(title: str, width: int = WRAP_CHARS) -> tuple[str, ...]:
    """Short lines for a node box; overlong titles end in an ellipsis instead of a tall box."""
    lines = textwrap.wrap(" ".join(title.split()), width, break_on_hyphens=False) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: width - 2].rstrip() + " …"
    return tuple(lines)


def stylesheet() -> str:
    """The CSS shipped as argmap/assets/argmap-diagram.css (a test keeps the two equal)."""
    return "\n".join(
        (_HEADER, _variables(), _RULES, *_type_rules(), *_card_rules(), _INTERACTION, _PRINT, "")
    )


_HEADER = """\
/* argmap diagrams: generated by argmap.theme.stylesheet(); edit argmap/theme.py and run
   `pytest --update-goldens` to rewrite this file. Presentation attributes written by Graphviz
   lose to these rules, so the maps follow Material's light and dark palettes. */"""


def _block(selector: str, column: int, indent: str = "") -> str:
    lines = "".join(f"{indent}  {var}: {pair[column]};\n" for var, pair in PALETTE.items())
    return f"{indent}{selector} {{\n{lines}{indent}}}"


def _variables() -> str:
    return "\n".join(
        (
            _block(':root,\n[data-md-color-scheme="default"]', 0),
            _block('[data-md-color-scheme="slate"]', 1),
        )
    )


_RULES = """\
.argmap-figure { overflow-x: auto; margin: 1em 0; }
svg.argmap-diagram { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.argmap-diagram text { fill: var(--argmap-fg); }
.argmap-diagram .node :is(polygon, path, ellipse, polyline) { stroke: var(--argmap-line); }
.argmap-diagram .argmap-node-thesis :is(polygon, path) { stroke: var(--argmap-thesis-line); }
.argmap-diagram .argmap-summary :is(polygon, path):not([fill="none"]) {
  fill: var(--argmap-summary-fill);
}
.argmap-diagram .argmap-section :is(polygon, path) {
  fill: var(--argmap-cluster-fill);
  stroke: var(--argmap-cluster-line);
}
.argmap-diagram .argmap-focus :is(polygon, path, ellipse) {
  stroke: var(--argmap-focus);
  stroke-width: 3.5px;
}"""

# Links: keyboard focus and hover, after every colour rule so they win over them.
_INTERACTION = """\
.argmap-diagram a:focus { outline: none; }
.argmap-diagram a:focus-visible :is(polygon, path, ellipse) {
  stroke: var(--argmap-focus);
  stroke-width: 4px;
  stroke-dasharray: none;
}
.argmap-diagram a:hover :is(polygon, path, ellipse) { stroke-width: 2.5px; }
.argmap-diagram .node a, .argmap-diagram .cluster a { cursor: pointer; }"""


def _type_rules() -> list[str]:
    rules = [
        f'.argmap-diagram .{s.css_class} :is(polygon, path, ellipse):not([fill="none"]) '
        f"{{ fill: var({s.fill_var}); }}"
        for s in NODE_STYLES.values()
    ]
    for e in EDGE_STYLES.values():
        rules.append(
            f".argmap-diagram .{e.css_class} :is(path, polyline, polygon, ellipse) "
            f"{{ stroke: var({e.color_var}); }}"
        )
        rules.append(
            f'.argmap-diagram .{e.css_class} :is(polygon, ellipse):not([fill="none"]) '
            f"{{ fill: var({e.color_var}); }}"
        )
    return rules


def _card_rules() -> list[str]:
    """Section cards are tables, whose cells Graphviz 2.43 cannot give a class: their light
    colours, written in the DOT, select the variables that re-colour them."""
    card = f".argmap-diagram .{CARD_CLASS}"
    fills = [s.fill_var for s in NODE_STYLES.values()]
    fills += ["--argmap-summary-fill", "--argmap-cluster-fill"]
    rules = [f'{card} [fill="{light(var)}"] {{ fill: var({var}); }}' for var in fills]
    rules.append(f"{card} a polygon {{ stroke: var(--argmap-cluster-line); }}")
    thesis = light("--argmap-thesis-line")
    rules.append(f'{card} a [stroke="{thesis}"] {{ stroke: var(--argmap-thesis-line); }}')
    return rules


# Printers get the light palette whatever the screen showed, and the whole map.
_PRINT = "\n".join(
    (
        "@media print {",
        _block('[data-md-color-scheme="slate"]', 0, "  "),
        "  .argmap-figure { overflow: visible; }",
        "}",
    )
)
