"""Argument files written from a map (what `argmap import` produces): one YAML file per
section, in document order, with relations in their short form inside the source node
whenever that form can say it all.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from argmap.loader import dump_yaml
from argmap.model import ArgumentMap, Node, Relation, Section
from argmap.vocabulary import RelationType

MODELINE = "# yaml-language-server: $schema=../../argmap/schema/argument.schema.json\n"


def _cite_list(r: Node | Relation) -> list[str]:
    return [f"{c.key}, {c.locator}" if c.locator else c.key for c in r.cites]


def _short(r: Relation) -> object | None:
    """The short form written inside the source node, when one can say it all."""
    if len(r.sources) != 1 or r.cites:
        return None
    if r.id == f"{r.sources[0]}.{r.type.value}.{r.target}" and not r.text:
        return r.target
    entry: dict[str, str] = {"to": r.target}
    if r.id != f"{r.sources[0]}.{r.type.value}.{r.target}":
        entry["id"] = r.id
    if r.text:
        entry["text"] = r.text
    return entry


def _node_record(n: Node, short: list[Relation]) -> dict[str, object]:
    data: dict[str, object] = {"id": n.id, "type": n.type.value, "title": n.title}
    optional = {
        "text": n.text,
        "cites": _cite_list(n),
        "quote": n.quote,
        "anchor": n.anchor,
        "implicit": n.implicit,
        "tags": list(n.tags),
    }
    data.update({k: v for k, v in optional.items() if v})
    for kind in RelationType:
        entries = [_short(r) for r in short if r.type is kind]
        if entries:
            data[kind.value] = entries[0] if len(entries) == 1 else entries
    return data


def _relation_record(r: Relation) -> dict[str, object]:
    data: dict[str, object] = {
        "id": r.id,
        "type": r.type.value,
        "from": list(r.sources),
        "to": r.target,
    }
    if r.text:
        data["text"] = r.text
    if r.cites:
        data["cites"] = _cite_list(r)
    return data


def _section_record(s: Section) -> dict[str, object]:
    data: dict[str, object] = {"id": s.id, "title": s.title}
    data.update({k: v for k, v in (("parent", s.parent), ("page", s.page)) if v})
    return data


def yaml_files(amap: ArgumentMap) -> dict[str, str]:
    """File name -> argument file text: one file per section, in document order."""
    declared = {s.id: s for s in amap.sections}
    order = list(
        dict.fromkeys(
            [""] * any(not n.section for n in amap.nodes)
            + [s.id for s in amap.sections]
            + [n.section for n in amap.nodes if n.section]
        )
    )
    nodes = amap.node_index()
    short: dict[str, list[Relation]] = {}
    long: dict[str, list[Relation]] = {}
    for r in amap.relations:
        source = nodes.get(r.sources[0]) if r.sources else None
        if source is not None and _short(r) is not None:
            short.setdefault(source.id, []).append(r)
        else:
            long.setdefault(source.section if source else order[0], []).append(r)
    width = max(2, len(str(len(order))))
    files: dict[str, str] = {}
    for k, sid in enumerate(order, 0 if "" in order else 1):
        data: dict[str, object] = {"section": sid} if sid else {}
        if sid in declared:
            data["sections"] = [_section_record(declared[sid])]
        data["nodes"] = [
            _node_record(n, short.get(n.id, [])) for n in amap.nodes if n.section == sid
        ]
        if long.get(sid):
            data["relations"] = [_relation_record(r) for r in long[sid]]
        if k == (0 if "" in order else 1) and amap.retired:
            data["retired"] = [
                {"id": r.id, "successor": r.successor, "note": r.note} for r in amap.retired
            ]
        files[f"{k:0{width}d}-{sid or 'map'}.yml"] = MODELINE + dump_yaml(data)
    return files


def write_yaml_project(
    amap: ArgumentMap, out_dir: Path, replace_existing: bool = False
) -> list[Path]:
    """Write the map as argument files into `out_dir`, all or nothing: the files are written
    in a temporary folder beside it and moved in place at the end. An existing `out_dir` is
    replaced only when asked, and only if it holds nothing but argument files."""
    files = yaml_files(amap)
    if out_dir.exists():
        others = [p for p in out_dir.iterdir() if p.suffix not in {".yml", ".yaml"}]
        if not replace_existing or others:
            raise FileExistsError(
                f"{out_dir} exists" + (f" and holds {others[0].name}" if others else "")
            )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for name, text in files.items():
            (temp / name).write_text(text, encoding="utf-8")
        old = out_dir.with_name(temp.name + "-old")
        if out_dir.exists():
            out_dir.rename(old)
        temp.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return [out_dir / name for name in files]
