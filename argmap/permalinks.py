"""The permalink guard: every id a previous edition published keeps a page forever.

`arguments/<id>/` is cited in papers and linked from elsewhere, so an id that was published
may leave the map only through a `retired` entry (its page then redirects to the successor),
and a retired id may never come back with another meaning. `argmap check --against REV`
compares the checked map with the edition at REV (a git revision or a JSON export).
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterator
from pathlib import Path

from argmap.diagnostics import Diagnostic, Span, error, ordered, warning
from argmap.model import ArgumentMap, Node
from argmap.pipeline import Checked
from argmap.project import Settings
from argmap.revisions import load_json, load_revision


def guard(old: ArgumentMap, new: ArgumentMap) -> tuple[Diagnostic, ...]:
    """What the new edition breaks of the old one's permanent URLs."""
    return ordered((*_removed_nodes(old, new), *_retired_entries(old, new)))


def _removed_nodes(old: ArgumentMap, new: ArgumentMap) -> Iterator[Diagnostic]:
    now = new.node_index()
    retired = {r.id for r in new.retired}
    before = old.node_index()  # once: inside the comprehension it would be quadratic
    fresh = [n for n in new.nodes if n.id not in before]
    for node in old.nodes:
        current = now.get(node.id)
        if current is not None and current.type is not node.type:
            yield warning(
                "AM224",
                f"published id '{node.id}' changed type from {node.type.value} to "
                f"{current.type.value}",
                current.span_of("type"),
                "A permanent URL should keep its meaning: if the node now says something "
                "else, retire this id and give the new node a new id.",
            )
        if current is None and node.id not in retired:
            yield error(
                "AM220",
                f"published id '{node.id}' was removed without a retired entry naming its "
                "successor",
                node.span,
                _successor_hint(node, fresh),
            )


def _successor_hint(node: Node, fresh: list[Node]) -> str:
    """Suggest the new node whose title is closest to the old one (a rename, usually)."""
    titles = {n.title: n.id for n in fresh}
    near = difflib.get_close_matches(node.title, list(titles), n=1, cutoff=0.6)
    successor = titles[near[0]] if near else "<the node that replaces it>"
    return (
        f"Its page is cited and linked: keep the node, or add to `retired:` the entry "
        f"`- {{id: {node.id}, successor: {successor}}}` so the old URL redirects."
    )


def _retired_entries(old: ArgumentMap, new: ArgumentMap) -> Iterator[Diagnostic]:
    now = new.node_index()
    still = {r.id for r in new.retired}
    for entry in old.retired:
        if entry.id in still:
            continue
        reused = now.get(entry.id)
        if reused is not None:
            yield error(
                "AM221",
                f"id '{entry.id}' was retired in the previous edition and names a node again",
                reused.span_of("id"),
                f"Give this node another id; keep `- {{id: {entry.id}, successor: "
                f"{entry.successor}}}` under `retired:`.",
            )
        else:
            yield error(
                "AM222",
                f"retired id '{entry.id}' was dropped from `retired:`; its redirect page "
                "would disappear",
                entry.span,
                f"Restore `- {{id: {entry.id}, successor: {entry.successor}}}` under `retired:`.",
            )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The option `argmap check` gains."""
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also fail when an id published in REV (a git revision such as origin/main, "
        "or a JSON export of an edition) was removed without a retired entry",
    )


def run_check_against(
    args: argparse.Namespace, checked: Checked, settings: Settings | None
) -> tuple[Diagnostic, ...]:
    """The guard's findings for `argmap check --against REV` (nothing without the option)."""
    rev: str | None = getattr(args, "against", None)
    if not rev:
        return ()
    if settings is not None:
        old, problems = load_revision(rev, settings)
    elif rev.endswith(".json"):
        old, problems = load_json(Path(rev), rev)
    else:
        return (
            error(
                "AM223",
                f"--against {rev}: a git revision needs the project, not single files",
                Span(rev),
                "Run `argmap check --against REV` without file arguments, in the folder "
                "of mkdocs.yml, or give a JSON export of the previous edition.",
            ),
        )
    if old is None:
        return problems
    return ordered((*problems, *guard(old, checked.amap)))
