"""Argdown data, tags and citations: the YAML `{...}` blocks and #tags of what was read,
merged per statement or argument, and the retired ids of the front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.argdown import DATA, TAG, unescape
from argmap.argdown_read import Member, Reader
from argmap.loader import parse_yaml
from argmap.model import Citation, Retired
from argmap.tree import to_plain
from argmap.vocabulary import RelationType

_BODY = re.compile(r"\\.|(" + DATA.pattern + ")|(" + TAG.pattern + ")")
NODE_KEYS = frozenset(
    {
        "id",
        "type",
        "title",
        "text",
        "section",
        "cites",
        "cite",
        "quote",
        "anchor",
        "implicit",
        "tags",
    }
    | {t.value for t in RelationType}
)
ARGUMENT_KEYS = frozenset({"id", "text", "cites", "cite"})
HEADING_KEYS = frozenset({"id", "title", "page", "parent"})


@dataclass(frozen=True)
class Read:
    """An element's text, data and tags, all members merged."""

    text: str
    data: dict[str, object]
    tags: tuple[str, ...]
    line: int
    section: str


def body(reader: Reader, parts: list[str], line: int) -> tuple[str, dict[str, object], list[str]]:
    """One member's words, with its data blocks and tags taken out."""
    data: dict[str, object] = {}
    tags: list[str] = []

    def take(m: re.Match[str]) -> str:
        if m.group(1):
            data.update(_data(reader, m.group(1), line))
            return " "
        if m.group(2):
            tags.append(" ".join((m.group(3) or m.group(4)).split()))
            return " "
        return m.group()

    text = _BODY.sub(take, " ".join(parts))
    return " ".join(unescape(text).split()), data, tags


def _data(reader: Reader, text: str, line: int) -> dict[str, object]:
    tree, problems = parse_yaml(text, reader.display)
    value = to_plain(tree) if tree is not None and not problems else None
    if not isinstance(value, dict):
        reader.problem(
            "AM601",
            f"data {text[:40]} is not a YAML mapping",
            line,
            "Write data as `{key: value, other: [a, b]}`.",
        )
        return {}
    return value


def merged(reader: Reader, members: list[Member], allowed: frozenset[str]) -> Read:
    """Every member of an element merged: the first text, all data, each tag once; a data key
    not in `allowed` is reported."""
    text, data, tags, defining = "", {}, list[str](), None
    for member in members:
        words, found, more = body(reader, member.parts, member.line)
        text = text or words
        data.update(found)
        tags.extend(t for t in more if t not in tags)
        if defining is None and (words or found):
            defining = member
    where = defining or members[0]
    for key in data.keys() - allowed:
        reader.problem("AM600", f"data key '{key}' is not imported", where.line)
    return Read(text, data, tuple(tags), where.line, where.section)


def citations(reader: Reader, data: dict[str, object], line: int) -> tuple[Citation, ...]:
    """The `cites` (or `cite`) of a data block: keys, `key, locator`s or mappings."""
    value = data.get("cites", data.get("cite", []))
    out: list[Citation] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and "key" in item:
            out.append(Citation(str(item["key"]).strip(), str(item.get("locator") or "")))
        elif isinstance(item, str) and item.strip():
            key, _, locator = item.partition(",")
            out.append(Citation(key.strip(), locator.strip()))
        else:
            reader.problem(
                "AM600",
                f"citation {item!r} is not understood",
                line,
                "Write `key`, `key, locator` or `{key: ..., locator: ...}`.",
            )
    return tuple(out)


def listed_tags(value: object) -> tuple[str, ...]:
    """The `tags` a data block lists."""
    return tuple(str(t) for t in value) if isinstance(value, list) else ()


def entries(value: object) -> list[dict[str, object]]:
    """A short-form relation in data (`supports: id`, a list, or mappings) as mappings."""
    items = value if isinstance(value, list) else [value]
    return [i if isinstance(i, dict) else {"to": i} for i in items]


def retired(reader: Reader) -> tuple[Retired, ...]:
    """The retired ids the front matter lists under `argmap:`."""
    if reader.parsed.front_matter is None:
        return ()
    text, line = reader.parsed.front_matter
    tree, problems = parse_yaml(text, reader.display)
    data = to_plain(tree) if tree is not None and not problems else None
    if not isinstance(data, dict):
        reader.problem("AM601", "front matter is not a YAML mapping", line)
        return ()
    for key in data.keys() - {"argmap"}:
        reader.problem("AM600", f"front matter key '{key}' is not imported", line)
    ours = data.get("argmap")
    items = ours.get("retired", []) if isinstance(ours, dict) else []
    return tuple(
        Retired(
            str(r.get("id", "")),
            str(r.get("successor", "")),
            str(r.get("note") or ""),
            reader.span(line),
        )
        for r in items
        if isinstance(r, dict)
    )
