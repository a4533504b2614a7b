"""The JSON export: the documented contract that other exports and tools build on."""

from __future__ import annotations

import json

from argmap.model import ArgumentMap, Citation

FORMAT_VERSION = 1


def _cites(cites: tuple[Citation, ...]) -> list[dict[str, str]]:
    return [{"key": c.key, "locator": c.locator} for c in cites]


def to_data(amap: ArgumentMap) -> dict[str, object]:
    return {
        "argmap": FORMAT_VERSION,
        "sections": [
            {"id": s.id, "title": s.title, "parent": s.parent, "page": s.page}
            for s in amap.sections
        ],
        "nodes": [
            {
                "id": n.id,
                "type": n.type.value,
                "title": n.title,
                "text": n.text,
                "section": n.section,
                "cites": _cites(n.cites),
                "quote": n.quote,
                "anchor": n.anchor,
                "implicit": n.implicit,
                "tags": list(n.tags),
            }
            for n in amap.nodes
        ],
        "relations": [
            {
                "id": r.id,
                "type": r.type.value,
                "from": list(r.sources),
                "to": r.target,
                "text": r.text,
                "cites": _cites(r.cites),
            }
            for r in amap.relations
        ],
        "retired": [{"id": r.id, "successor": r.successor, "note": r.note} for r in amap.retired],
    }


def to_json(amap: ArgumentMap) -> str:
    return json.dumps(to_data(amap), indent=2, ensure_ascii=False) + "\n"
