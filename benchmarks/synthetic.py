"""Deterministic synthetic argument maps, in memory and as a project on disk.

    make_map(1000, seed=1)                    -> ArgumentMap
    write_yaml_project(Path("x"), 1000, 1)    -> x/docs/map/*.yml + x/docs/references.bib

Both come from one plan, so loading the written project gives the same map as `make_map`
(node and relation order included). The shape imitates a real article: one thesis, sections
of 8-32 nodes nested under a few top-level sections, supports flowing towards the thesis
mostly within a section, plus attacks, qualifications, questions and some undercuts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argmap.model import ArgumentMap, Citation, Node, Relation, Section
from argmap.vocabulary import NodeType, RelationType

T, R = NodeType, RelationType
WORDS = [
    "labor",
    "governance",
    "global",
    "standards",
    "enforcement",
    "codes",
    "conduct",
    "supply",
    "chains",
    "firms",
    "unions",
    "states",
    "workers",
    "rights",
    "audits",
    "brands",
    "framework",
    "agreements",
    "initiatives",
    "stakeholders",
    "compliance",
    "monitoring",
    "wages",
    "safety",
    "transnational",
    "private",
    "public",
    "regulation",
    "norms",
    "legitimacy",
    "power",
    "capacity",
    "local",
    "institutions",
    "markets",
    "sourcing",
    "factories",
    "evidence",
]
TYPES = ((T.CLAIM, 20), (T.PREMISE, 30), (T.EVIDENCE, 25), (T.LIMITATION, 15), (T.QUESTION, 10))
WINDOW = 30  # relations mostly connect nodes near each other in the text, as in articles
SCHEMA = "# yaml-language-server: $schema=../../argmap/schema/argument.schema.json\n"


@dataclass
class _Plan:
    rng: random.Random
    sections: list[Section] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    short: dict[str, list[Relation]] = field(default_factory=dict)  # source id -> relations
    long: dict[str, list[Relation]] = field(default_factory=dict)  # section id -> relations
    ids: set[str] = field(default_factory=set)
    keys: list[str] = field(default_factory=list)


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _sections(plan: _Plan, n: int) -> list[str]:
    """Section id of every node, in document order; sections appended to the plan."""
    rng, top = plan.rng, ""
    owners: list[str] = []
    while len(owners) < n:
        sid = f"section-{len(plan.sections) + 1}"
        nested = bool(top) and rng.random() < 0.7
        top = top if nested else sid
        title = _words(rng, 2, 5).capitalize()
        plan.sections.append(Section(sid, title, parent=top if nested else ""))
        owners.extend([sid] * rng.randint(8, 32))
    return owners[:n]


def _node(plan: _Plan, i: int, section: str) -> Node:
    rng = plan.rng
    kind = T.THESIS if i == 0 else rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
    cites: tuple[Citation, ...] = ()
    if kind is T.EVIDENCE or rng.random() < 0.1:
        cites = (Citation(rng.choice(plan.keys), rng.choice(("", f"p. {rng.randint(1, 300)}"))),)
    text = _words(rng, 12, 40).capitalize() + "."
    return Node(
        f"{kind.value}-{i}",
        kind,
        _words(rng, 3, 8).capitalize(),
        text,
        section,
        cites,
        implicit=kind is T.PREMISE and rng.random() < 0.05,
    )


def _pick(plan: _Plan, i: int, kinds: frozenset[NodeType], near: bool = True) -> str:
    low = max(0, i - WINDOW) if near else 0
    fits = [n.id for n in plan.nodes[low:i] if n.type in kinds]
    if not fits and near:
        return _pick(plan, i, kinds, near=False)
    return plan.rng.choice(fits) if fits else ""


def _add(
    plan: _Plan, kind: RelationType, sources: tuple[str, ...], target: str, rid: str = ""
) -> None:
    rid = rid or f"{sources[0]}.{kind.value}.{target}"
    if not target or target in sources or rid in plan.ids:
        return
    plan.ids.add(rid)
    rel = Relation(rid, kind, sources, target)
    if len(sources) > 1 or kind is R.UNDERCUTS:  # written in long form, in the file's list
        section = plan.nodes[int(sources[0].rsplit("-", 1)[1])].section
        plan.long.setdefault(section, []).append(rel)
    else:
        plan.short.setdefault(sources[0], []).append(rel)


def _connect(plan: _Plan, i: int) -> None:
    """The relation that ties node i into the argument (towards the thesis)."""
    node, rng = plan.nodes[i], plan.rng
    grounds = frozenset({T.THESIS, T.CLAIM, T.PREMISE})
    if node.type is T.QUESTION:
        _add(plan, R.RAISES, (_pick(plan, i, frozenset(T)),), node.id)
    elif node.type is T.EVIDENCE:
        _add(plan, R.SUPPORTS, (node.id,), _pick(plan, i, grounds | {T.LIMITATION}))
    elif node.type is T.PREMISE:
        prev = plan.nodes[i - 1]
        if prev.type is T.PREMISE and rng.random() < 0.3:
            _add(
                plan,
                R.SUPPORTS,
                (prev.id, node.id),
                _pick(plan, i - 1, grounds - {T.PREMISE}),
                f"linked-{i}",
            )
        else:
            _add(plan, R.SUPPORTS, (node.id,), _pick(plan, i, grounds))
    elif node.type is T.CLAIM:
        kind = R.SUPPORTS if rng.random() < 0.8 else R.ATTACKS
        _add(plan, kind, (node.id,), _pick(plan, i, frozenset({T.THESIS, T.CLAIM})))
    elif node.type is T.LIMITATION:
        targets = frozenset({T.THESIS, T.CLAIM, T.PREMISE, T.EVIDENCE})
        kind = R.QUALIFIES if rng.random() < 0.6 else R.ATTACKS
        _add(plan, kind, (node.id,), _pick(plan, i, targets))


def _extra(plan: _Plan, i: int) -> None:
    """Cross-links that make the map a graph, not a tree."""
    node, rng = plan.nodes[i], plan.rng
    assertive = frozenset(T) - {T.QUESTION}
    if node.type is T.QUESTION:
        return
    roll = rng.random()
    if roll < 0.12:
        _add(plan, R.ATTACKS, (node.id,), _pick(plan, i, assertive))
    elif roll < 0.20:
        _add(plan, R.ANSWERS, (node.id,), _pick(plan, i, frozenset({T.QUESTION})))
    elif roll < 0.24:
        near = [
            r
            for n in plan.nodes[max(0, i - WINDOW) : i]
            for r in plan.short.get(n.id, ())
            if r.type is R.SUPPORTS and node.id not in r.sources and r.target != node.id
        ]
        if near:
            _add(plan, R.UNDERCUTS, (node.id,), rng.choice(near).id, f"undercut-{i}")
    elif roll < 0.25:
        _add(plan, R.REPHRASES, (node.id,), _pick(plan, i, assertive))


def _plan(n: int, seed: int) -> _Plan:
    plan = _Plan(random.Random(seed))
    plan.keys = [
        f"{plan.rng.choice(WORDS)}{1990 + k % 30}{chr(97 + k // 30 % 26)}"
        for k in range(max(5, n // 20))
    ]
    plan.keys = sorted(set(plan.keys))
    for i, section in enumerate(_sections(plan, n)):
        plan.nodes.append(_node(plan, i, section))
        if i:
            _connect(plan, i)
            _extra(plan, i)
    return plan


def _relations_in_file_order(plan: _Plan) -> list[Relation]:
    """As the loader reads them: per file, each node's short forms by type, then long forms."""
    out: list[Relation] = []
    for section in plan.sections:
        for node in (n for n in plan.nodes if n.section == section.id):
            mine = plan.short.get(node.id, [])
            out.extend(r for t in RelationType for r in mine if r.type is t)
        out.extend(plan.long.get(section.id, []))
    return out


def make_map(n: int, seed: int = 1) -> ArgumentMap:
    plan = _plan(n, seed)
    return ArgumentMap(
        tuple(plan.nodes), tuple(_relations_in_file_order(plan)), tuple(plan.sections)
    )


def _node_yaml(node: Node, short: list[Relation]) -> dict[str, object]:
    data: dict[str, object] = {
        "id": node.id,
        "type": node.type.value,
        "title": node.title,
        "text": node.text,
    }
    if node.cites:
        data["cites"] = [f"{c.key}, {c.locator}" if c.locator else c.key for c in node.cites]
    if node.implicit:
        data["implicit"] = True
    for t in RelationType:
        targets = [r.target for r in short if r.type is t]
        if targets:
            data[t.value] = targets[0] if len(targets) == 1 else targets
    return data


def write_yaml_project(root: Path, n_nodes: int, seed: int = 1) -> Path:
    """A project with `docs/map/NNNN-<section>.yml` files; returns the docs directory."""
    plan = _plan(n_nodes, seed)
    docs = root / "docs"
    (docs / "map").mkdir(parents=True, exist_ok=True)
    for k, section in enumerate(plan.sections):
        sec: dict[str, object] = {"id": section.id, "title": section.title}
        if section.parent:
            sec["parent"] = section.parent
        nodes = [
            _node_yaml(n, plan.short.get(n.id, [])) for n in plan.nodes if n.section == section.id
        ]
        data: dict[str, object] = {"section": section.id, "sections": [sec], "nodes": nodes}
        long = plan.long.get(section.id, [])
        if long:
            data["relations"] = [
                {"id": r.id, "type": r.type.value, "from": list(r.sources), "to": r.target}
                for r in long
            ]
        text = SCHEMA + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (docs / "map" / f"{k:04d}-{section.id}.yml").write_text(text, encoding="utf-8")
    (docs / "references.bib").write_text(_bibtex(plan.keys), encoding="utf-8")
    return docs


def _bibtex(keys: list[str]) -> str:
    return "".join(
        f"@article{{{key},\n  author = {{{key[:-5].capitalize()}, A.}},\n"
        f"  title = {{On {key[:-5]}}},\n  journal = {{Journal of Synthetic Studies}},\n"
        f"  year = {{{key[-5:-1]}}},\n}}\n\n"
        for key in keys
    )
