"""Argdown in: the subset of Argdown that maps onto an argument map, read line by line.

Read: headings (sections, nested by level), statements `[Title]: text` (one node per title:
Argdown's equivalence classes), untitled statements, arguments `<Title>` with
premise-conclusion structures (each inference is one `supports` with linked premises; the last
one carries the argument's id and description), argument sketches without premises (a node),
relations in indented trees in both directions (`+ <+ +>`, `- <- ->`, `_ <_ _>`, and `><` as
two attacks), #tags, YAML data `{...}` and comments. Everything else is reported with its
line, never dropped silently.

The lines are read by `argdown_read`, their data and tags by `argdown_data`, and the result
turned into a map by `argdown_resolve` (relations by `argdown_relations`). Ids are not decided
here: nodes, relations and sections get provisional keys ("s:Title", "a:Title", "h:3", "r:7")
and the ids their data gives (`{id: ...}`); `interchange.finalize` turns keys into ids once
for every importer.
"""

from __future__ import annotations

from argmap.argdown_read import read_argdown
from argmap.argdown_resolve import resolve
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap


def parse_argdown(
    text: str, display: str
) -> tuple[ArgumentMap, dict[str, str], tuple[Diagnostic, ...]]:
    """The map an Argdown text describes, with provisional keys, given ids and problems."""
    return resolve(read_argdown(text, display))
