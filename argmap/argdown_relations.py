"""Argdown relations resolved: each inference of a reconstructed argument as one `supports`,
the relation trees, and the short-form relations in statement data. Keys stay provisional."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.argdown_data import Read, body, citations, entries
from argmap.argdown_read import Element, Reader
from argmap.model import Citation, Relation
from argmap.vocabulary import RelationType


@dataclass
class Maker:
    """Builds the map's relations and gathers the ids given; keys stay provisional."""

    reader: Reader
    read: dict[str, Read]
    given: dict[str, str] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    conclusions: dict[str, str] = field(default_factory=dict)  # argument key -> conclusion
    sections: dict[str, str] = field(default_factory=dict)  # given section id -> heading key
    ends: dict[tuple[RelationType, tuple[str, ...], str], int] = field(default_factory=dict)

    def add(
        self, kind: RelationType, sources: tuple[str, ...], target: str, line: int, key: str = ""
    ) -> Relation:
        """A new relation, or the one already read with the same ends (Argdown repeats them)."""
        at = self.ends.setdefault((kind, sources, target), len(self.relations))
        if at == len(self.relations):
            self.relations.append(
                Relation(key or f"r:{at + 1}", kind, sources, target, span=self.reader.span(line))
            )
        return self.relations[at]

    def update(self, rel: Relation, text: str, cites: tuple[Citation, ...]) -> None:
        at = self.ends[(rel.type, rel.sources, rel.target)]
        self.relations[at] = Relation(
            rel.id,
            rel.type,
            rel.sources,
            rel.target,
            text or rel.text,
            cites or rel.cites,
            rel.span,
        )

    def node_of(self, key: str) -> str:
        return self.conclusions.get(key, key)


def _steps(reader: Reader, arg: Element) -> list[tuple[tuple[str, ...], str, int]]:
    """Each inference as (premises, conclusion, line): by default the statements since the
    previous inference plus the previous conclusion; `{uses: [1, 2]}` names them."""
    steps: list[tuple[tuple[str, ...], str, int]] = []
    numbers: dict[int, str] = {}
    since: list[str] = []
    inference: tuple[str, int] | None = None
    for kind, number, key, line in arg.pcs:
        if kind == "inference":
            inference = (key, line)
            continue
        numbers[number] = key
        if inference is None:
            since.append(key)
            continue
        premises = _uses(reader, inference, numbers) or (([steps[-1][1]] if steps else []) + since)
        steps.append((tuple(dict.fromkeys(premises)), key, inference[1]))
        since, inference = [], None
    line = arg.pcs[-1][3]
    if inference is not None or not steps:
        reader.problem(
            "AM601",
            f"argument '{arg.title}' has no conclusion after its inference"
            if steps or inference
            else f"argument '{arg.title}' has no inference line (----) before its conclusion",
            line,
        )
    elif since:
        reader.problem("AM600", "statements after the last conclusion are not imported", line)
    return steps


def _uses(reader: Reader, inference: tuple[str, int], numbers: dict[int, str]) -> list[str]:
    text, data, _ = body(reader, [inference[0]], inference[1])
    if text:
        reader.problem("AM600", f"inference rules '{text}' are not kept", inference[1])
    for key in data.keys() - {"uses"}:
        reader.problem("AM600", f"data key '{key}' is not imported", inference[1])
    uses = data.get("uses", [])
    missing = [n for n in uses if n not in numbers] if isinstance(uses, list) else [uses]
    if missing:
        reader.problem("AM603", f"inference uses unknown statement numbers {missing}", inference[1])
        return []
    return [numbers[n] for n in uses] if isinstance(uses, list) else []


def argument_relations(maker: Maker, arguments: list[Element]) -> None:
    """Each reconstructed argument as one `supports` per inference; the last one carries the
    argument's id, text and citations."""
    for arg in arguments:
        steps = _steps(maker.reader, arg)
        if not steps:
            continue
        maker.conclusions[arg.key] = steps[-1][1]
        read = maker.read[arg.key]
        for k, (premises, conclusion, line) in enumerate(steps, 1):
            last = k == len(steps)
            key = arg.key if last else f"{arg.key}#{k}"
            rel = maker.add(RelationType.SUPPORTS, premises, conclusion, line, key)
            if last:
                text = str(read.data.get("text", read.text))
                maker.update(rel, text, citations(maker.reader, read.data, read.line))
                # The argument's title names its inference unless the data gives an id.
                maker.given[rel.id] = str(read.data.get("id", arg.title))
        if read.tags:
            maker.reader.problem(
                "AM600",
                f"tags of argument '{arg.title}' are not kept (a relation has no tags)",
                read.line,
            )


def tree_relations(maker: Maker) -> None:
    """Argdown relations: supports and attacks between nodes, undercuts of arguments."""
    for kind, source, target, line in maker.reader.parsed.relations:
        reconstructed = {k for k in (source, target) if k in maker.conclusions}
        if kind == "undercut":
            if target not in maker.conclusions:
                maker.reader.problem(
                    "AM600",
                    "only an argument with premises can be undercut; this undercut is not imported",
                    line,
                    "Reconstruct the argument (premises ---- conclusion).",
                )
                continue
            maker.add(RelationType.UNDERCUTS, (maker.node_of(source),), target, line)
        elif target in maker.conclusions or (kind == "contradiction" and reconstructed):
            maker.reader.problem(
                "AM600",
                f"this {kind} aims at a reconstructed argument and is not imported",
                line,
                "Aim it at one of its premises, or use `_>` to undercut the inference.",
            )
        elif kind == "contradiction":
            maker.add(RelationType.ATTACKS, (source,), target, line)
            maker.add(RelationType.ATTACKS, (target,), source, line)
        else:
            kind_ = RelationType.SUPPORTS if kind == "support" else RelationType.ATTACKS
            maker.add(kind_, (maker.node_of(source),), target, line)


def data_relations(maker: Maker, node_keys: list[str]) -> None:
    """Relations in statement data (our short form): merged into the tree relation with the
    same ends, else added. Undercuts last, as they may aim at relations named just before."""
    keys = set(node_keys)
    nodes = {v: k for k, v in maker.given.items() if k in keys}
    for kind in (
        *(t for t in RelationType if t is not RelationType.UNDERCUTS),
        RelationType.UNDERCUTS,
    ):
        named = {r.id for r in maker.relations}
        targets = (
            nodes
            if kind is not RelationType.UNDERCUTS
            else {v: k for k, v in maker.given.items() if k in named}
        )
        for key in node_keys:
            read = maker.read[key]
            for entry in entries(read.data.get(kind.value, [])):
                target = targets.get(str(entry.get("to")))
                if target is None:
                    maker.reader.problem(
                        "AM603",
                        f"{kind.value} target '{entry.get('to')}' is"
                        " not the id of anything in this file",
                        read.line,
                        "Give the target `{id: ...}` in its data.",
                    )
                    continue
                rel = maker.add(kind, (key,), target, read.line)
                maker.update(
                    rel, str(entry.get("text") or ""), citations(maker.reader, entry, read.line)
                )
                if entry.get("id"):
                    maker.given[rel.id] = str(entry["id"])
