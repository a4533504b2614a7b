"""What one diagram shows, as plain data: nodes, edges, section frames and summary boxes.

Shared by the view builders (`argmap.views`), the summary boxes (`argmap.viewsummary`) and
every output that draws a view; it mentions neither DOT nor colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.vocabulary import RelationType

LEGEND_ID = "legend"
DETAILS_TAG = "MORE IN THIS SECTION"  # the tag of a box holding a framed section's details
OVERVIEW_ID = "overview"
CARDS = "cards"  # View.layout of an overview drawn as one card per section (argmap.viewcards)


@dataclass(frozen=True)
class ViewEdge:
    """One drawn edge: a relation; or, with relation == "", either `count` relations summed
    between summary boxes, or a path to the thesis of `count` more steps, drawn as one edge."""

    relation: str
    type: RelationType
    sources: tuple[str, ...]  # node ids, summary ids; several = linked premises
    target: str  # a node id, a summary id, or (undercuts) a relation id
    count: int = 1
    # For edges between boxes: how many relations of each type (type is the commonest).
    breakdown: tuple[tuple[RelationType, int], ...] = ()


@dataclass(frozen=True)
class Row:
    """A main claim in a section card, indented under the claim of the same card it relates to."""

    node: str
    depth: int = 0
    via: str = ""  # the relation that hangs the row under the nearest shallower row above it


@dataclass(frozen=True)
class Cluster:
    id: str  # section id
    title: str
    nodes: tuple[str, ...]  # nodes directly in this section (not in sub-clusters)
    parent: str = ""  # enclosing cluster, when it is in the same view
    rows: tuple[Row, ...] = ()  # in a card layout: `nodes` as the card's rows, in that order


@dataclass(frozen=True)
class Summary:
    """Nodes drawn as one box: a collapsed section, or the details of a framed section."""

    id: str  # "section/<id>"; never clashes with node ids, which contain no "/"
    title: str
    nodes: int
    claims: int
    link: str = ""  # id of the view to open; "" when the box stands for several sections
    parent: str = ""  # the section frame that holds the box, when it is in the view
    tag: str = "SECTION"  # the small capitals line above the title
    note: str = ""  # the small line below it


@dataclass(frozen=True)
class View:
    id: str
    title: str
    description: str
    nodes: tuple[str, ...]
    edges: tuple[ViewEdge, ...]
    clusters: tuple[Cluster, ...]
    focus: str = ""
    summaries: tuple[Summary, ...] = ()
    layout: str = ""  # "" draws nodes as boxes in section frames; CARDS, sections as cards


def section_view_id(section_id: str) -> str:
    return f"section/{section_id}"


def node_view_id(node_id: str) -> str:
    return f"node/{node_id}"
