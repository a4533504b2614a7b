"""Generated contract files: the JSON Schema, the format page and the error-code page.

`python -m argmap.reference` rewrites them; `--check` exits 1 when any is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from argmap.codes import errors_page
from argmap.format import FILE, NODE_ID, RECORDS, RELATION_ID, Field, Kind, Record
from argmap.vocabulary import NODE_TYPE_DOC, RELATION_TYPE_DOC, NodeType, RelationType

_ID: dict[str, object] = {"type": "string", "pattern": f"^{NODE_ID.pattern}$", "maxLength": 80}
_REL_ID: dict[str, object] = {
    "type": "string",
    "pattern": f"^{RELATION_ID.pattern}$",
    "maxLength": 80,
}
_STR: dict[str, object] = {"type": "string"}
_TEXT: dict[str, object] = {"type": ["string", "number"]}


def _kind_schema(field: Field) -> dict[str, object]:
    refs: dict[str, object] = {"type": "string"}
    cite = {"anyOf": [_STR, {"$ref": "#/definitions/citation"}]}
    short = {"anyOf": [_STR, {"$ref": "#/definitions/short relation"}]}
    table: dict[Kind, dict[str, object]] = {
        Kind.NODE_ID: _ID,
        Kind.RELATION_ID: _REL_ID,
        Kind.TEXT: _TEXT,
        Kind.MARKDOWN: _TEXT,
        Kind.PATH: _STR,
        Kind.NODE_TYPE: {"enum": [t.value for t in NodeType]},
        Kind.RELATION_TYPE: {"enum": [t.value for t in RelationType]},
        Kind.BOOL: {"type": "boolean"},
        Kind.NODE_REF: refs,
        Kind.SECTION_REF: refs,
        Kind.ANY_REF: refs,
        Kind.NODE_REFS: {"anyOf": [refs, {"type": "array", "items": refs, "minItems": 1}]},
        Kind.TAGS: {"anyOf": [_STR, {"type": "array", "items": _STR}]},
        Kind.CITES: {"anyOf": [cite, {"type": "array", "items": cite}]},
        Kind.SHORT_RELATIONS: {"anyOf": [short, {"type": "array", "items": short}]},
        Kind.RECORDS: {"type": "array", "items": {"$ref": f"#/definitions/{field.record}"}},
    }
    return {**table[field.kind], "description": field.doc}


def _record_schema(record: Record) -> dict[str, object]:
    return {
        "type": "object",
        "description": record.doc,
        "additionalProperties": False,
        "required": [f.name for f in record.fields if f.required],
        "properties": {f.name: _kind_schema(f) for f in record.fields},
    }


def json_schema() -> str:
    schema: dict[str, object] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://argmap.invalid/schema/argument.schema.json",
        "title": "argmap argument file",
        **_record_schema(FILE),
        "definitions": {name: _record_schema(r) for name, r in RECORDS.items() if r is not FILE},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _field_rows(record: Record) -> list[str]:
    rows = ["| field | required | value | meaning | example |", "|---|---|---|---|---|"]
    for f in record.fields:
        example = f.example.replace("|", "\\|")
        rows.append(
            f"| `{f.name}` | {'yes' if f.required else ''} | {f.kind.value} | "
            f"{f.doc.replace('|', '/')} | `{example}` |"
        )
    return rows


def format_page() -> str:
    out = [
        "# Argument file format",
        "",
        "<!-- Generated from argmap/format.py by `python -m argmap.reference`. -->",
        "",
        "Argument files are YAML files in the map folder (`docs/map/` by default), read in "
        "file-name order. Start each with the modeline below so editors that use "
        "yaml-language-server validate and complete as you type:",
        "",
        "```yaml",
        "# yaml-language-server: $schema=../../argmap/schema/argument.schema.json",
        "```",
        "",
        "## Node types",
        "",
        "| type | meaning |",
        "|---|---|",
    ]
    out += [f"| `{t.value}` | {NODE_TYPE_DOC[t]} |" for t in NodeType]
    out += ["", "## Relation types", "", "| relation | meaning |", "|---|---|"]
    out += [f"| `{t.value}` | {RELATION_TYPE_DOC[t]} |" for t in RelationType]
    for record in RECORDS.values():
        out += ["", f"## {record.name.capitalize()}", "", record.doc, "", *_field_rows(record)]
    out += ["", "## Example", "", "```yaml", _EXAMPLE.strip(), "```", ""]
    return "\n".join(out)


_EXAMPLE = """
section: international-organizations
sections:
  - id: international-organizations
    title: International organizations
    page: text/international-organizations.md
nodes:
  - id: io-new-roles
    type: claim
    title: International organizations take on new roles
    text: The ILO, OECD, WTO and UN slowly develop roles in the global economy.
  - id: io-enforcement-gap
    type: limitation
    title: No means of enforcement
    text: They set standards but cannot enforce them.
    cites: ["hassel2008, p. 237"]
    qualifies: io-new-roles
relations:
  - id: io-linked
    type: supports
    from: [io-premise-a, io-premise-b]
    to: io-new-roles
retired:
  - id: io-old-claim
    successor: io-new-roles
    note: merged
"""

TARGETS = {
    "argmap/schema/argument.schema.json": json_schema,
    "docs/about/format.md": format_page,
    "docs/about/errors.md": errors_page,
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path.cwd()
    stale = []
    for name, make in TARGETS.items():
        path = root / name
        text = make()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if "--check" not in args:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if stale and "--check" in args:
        print("out of date: " + ", ".join(stale) + " (run python -m argmap.reference)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
