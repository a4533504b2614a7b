"""Argdown in: the subset of Argdown that maps onto an argument map, read line by line.

Read: headings (sections, nested by level), statements `[Title]: text` (one node per title:
Argdown's equivalence classes), untitled statements, arguments `<Title>` with
premise-conclusion structures (each inference is one `supports` with linked premises; the last
one carries the argument's id and description), argument sketches without premises (a node),
relations in indented trees in both directions (`+ <+ +>`, `- <- ->`, `_ <_ _>`, and `><` as
two attacks), #tags, YAML data `{...}` and comments. Everything else is reported with its
line, never dropped silently.

Ids are not decided here: nodes, relations and sections get provisional keys ("s:Title",
"a:Title", "h:3", "r:7") and the ids their data gives (`{id: ...}`); `interchange.finalize`
turns keys into ids once for every importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.argdown import DATA, LINK, TAG, unescape
from argmap.diagnostics import Diagnostic, Span, error, warning
from argmap.loader import parse_yaml
from argmap.model import ArgumentMap, Citation, Node, Relation, Retired, Section
from argmap.tree import to_plain
from argmap.vocabulary import NodeType, RelationType

_RELATION = re.compile(r"^([ \t]*)(<\+|<-|<_|\+>|->|_>|><|\+|-|_)[ \t]+(.*)$")
_PCS_ITEM = re.compile(r"^[ \t]*\((\d+)\)[ \t]+(.*)$")
_INFERENCE = re.compile(r"^[ \t]*--")
_HEADING = re.compile(r"^(#+) (.*)$")
_LIST = re.compile(r"^[ \t]*(?:\*|\d+\.)(?=\s)")
_STATEMENT = re.compile(r"^\[([^\]\n]+?)\](:?)(?!\()(.*)$", re.S)
_ARGUMENT = re.compile(r"^<([^-][^>\n]*?)>(:?)(.*)$", re.S)
# What hides a comment marker (escapes, data, links, titles) is matched first and kept.
_SKIP_OR_COMMENT = re.compile(
    r"\\.|"
    + DATA.pattern
    + "|"
    + LINK.pattern
    + r"|\[[^\]\n]*\]|<(?![-+_!])[^>\n]*>|(<!--[\s\S]*?-->|/\*[\s\S]*?\*/|//[^\n]*)"
)
_SYMBOLS = {
    "+": ("support", True),
    "<+": ("support", True),
    "+>": ("support", False),
    "-": ("attack", True),
    "<-": ("attack", True),
    "->": ("attack", False),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "_>": ("undercut", False),
    "><": ("contradiction", False),
}


@dataclass
class Member:
    """One occurrence of a statement or argument: its text lines and where it stands."""

    parts: list[str]
    line: int
    section: str


@dataclass
class Element:
    key: str
    title: str
    members: list[Member] = field(default_factory=list)
    pcs: list[tuple[str, int, str, int]] = field(default_factory=list)  # kind, number, key, line


@dataclass
class Heading:
    key: str
    level: int
    parts: list[str]
    line: int


@dataclass
class Parsed:
    """What the line reader found, before keys are resolved into a map."""

    elements: dict[str, Element] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    relations: list[tuple[str, str, str, int]] = field(default_factory=list)  # kind, from, to
    diagnostics: list[Diagnostic] = field(default_factory=list)
    front_matter: tuple[str, int] | None = None


@dataclass
class _Reader:
    display: str
    parsed: Parsed = field(default_factory=Parsed)
    section: str = ""
    untitled: int = 0

    def span(self, line: int) -> Span:
        return Span(self.display, line, 1)

    def problem(self, code: str, message: str, line: int, hint: str = "") -> None:
        make = error if code in {"AM601", "AM603"} else warning
        self.parsed.diagnostics.append(make(code, message, self.span(line), hint))

    def element(self, content: str, line: int) -> tuple[str, Member]:
        """The statement or argument a line defines or refers to, and its new member."""
        text = content.strip()
        m = _STATEMENT.match(text) if not LINK.match(text) else None
        a = _ARGUMENT.match(text)
        if m or a:
            title, colon, rest = (m or a).groups()  # type: ignore[union-attr]
            key = ("s:" if m else "a:") + " ".join(title.split())
            if not colon and _words(rest):
                self.problem(
                    "AM600",
                    f"text after the reference '{title}' is ignored",
                    line,
                    "Write `[Title]: text` to define a statement.",
                )
                rest = " ".join(DATA.findall(rest) + [t.group() for t in TAG.finditer(rest)])
        else:
            self.untitled += 1
            key, title, rest = f"s:#{self.untitled}", "", text
        found = self.parsed.elements.setdefault(key, Element(key, title))
        member = Member([rest], line, self.section)
        found.members.append(member)
        return key, member


def _words(rest: str) -> bool:
    return bool(TAG.sub("", DATA.sub("", rest)).strip())


def strip_comments(text: str) -> str:
    """Comments blanked out (line breaks kept, so line numbers stay right)."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group()) if m.group(1) else m.group()

    return _SKIP_OR_COMMENT.sub(blank, text)


def _blocks(original: str, stripped: str) -> list[list[tuple[int, str]]]:
    """Runs of non-empty lines; a line that held only a comment does not end a block."""
    blocks: list[list[tuple[int, str]]] = [[]]
    pairs = zip(original.split("\n"), stripped.split("\n"), strict=True)
    for number, (before, after) in enumerate(pairs, 1):
        if after.strip():
            blocks[-1].append((number, after.rstrip()))
        elif not before.strip() and blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _front_matter(text: str, reader: _Reader) -> str:
    if not text.startswith("==="):
        return text
    m = re.match(r"===+\n([\s\S]*?)\n===+", text)
    if m is None:
        reader.problem("AM601", "front matter is not closed with ===", 1)
        return text
    reader.parsed.front_matter = (m.group(1), 2)
    return re.sub(r"[^\n]", " ", m.group()) + text[m.end() :]


def _indent(spaces: str) -> int:
    return len(spaces.expandtabs(4))


def _tree(reader: _Reader, lines: list[tuple[int, str]], root: tuple[str, Member]) -> None:
    """Relation lines under an element, nested by indentation; other lines continue text."""
    stack: list[tuple[int, str]] = [(-1, root[0])]
    member = root[1]
    for number, line in lines:
        m = _RELATION.match(line)
        if m is None:
            member.parts.append(line.strip())
            continue
        key, member = reader.element(m.group(3), number)
        while len(stack) > 1 and stack[-1][0] >= _indent(m.group(1)):
            stack.pop()
        kind, child_first = _SYMBOLS[m.group(2)]
        ends = (key, stack[-1][1]) if child_first else (stack[-1][1], key)
        reader.parsed.relations.append((kind, ends[0], ends[1], number))
        stack.append((_indent(m.group(1)), key))


def _inference(reader: _Reader, lines: list[tuple[int, str]], i: int, arg: Element) -> int:
    """One inference line (`----`, `-- rule --`) or block (`--` rules `--`); next index."""
    number, line = lines[i]
    body = line.strip()
    if re.fullmatch(r"-{4,}", body) or (re.fullmatch(r"--.*--", body) and len(body) > 3):
        arg.pcs.append(("inference", 0, body.strip("-").strip(), number))
        return i + 1
    parts = [body.lstrip("-")]
    for j in range(i + 1, len(lines)):
        if re.fullmatch(r"[ \t]*-{2,}[ \t]*", lines[j][1]):
            arg.pcs.append(("inference", 0, " ".join(parts).strip(), number))
            return j + 1
        parts.append(lines[j][1].strip())
    reader.problem("AM601", "inference not closed with a line of dashes (--)", number)
    arg.pcs.append(("inference", 0, " ".join(parts).strip(), number))
    return len(lines)


def _pcs(reader: _Reader, lines: list[tuple[int, str]], arg: Element) -> None:
    i = 0
    while i < len(lines):
        number, line = lines[i]
        item = _PCS_ITEM.match(line)
        if _INFERENCE.match(line):
            i = _inference(reader, lines, i, arg)
            continue
        if item is None:
            _tree(reader, [(number, line)], (arg.key, arg.members[-1]))
            i += 1
            continue
        key, member = reader.element(item.group(2), number)
        arg.pcs.append(("statement", int(item.group(1)), key, number))
        end = i + 1
        while end < len(lines) and not (
            _PCS_ITEM.match(lines[end][1]) or _INFERENCE.match(lines[end][1])
        ):
            end += 1
        _tree(reader, lines[i + 1 : end], (key, member))
        i = end


def _argument_for_pcs(reader: _Reader, pending: str | None, line: int) -> Element:
    if pending is not None:
        return reader.parsed.elements[pending]
    reader.untitled += 1
    key = f"a:#{reader.untitled}"
    arg = reader.parsed.elements.setdefault(key, Element(key, ""))
    arg.members.append(Member([""], line, reader.section))
    return arg


def _block(reader: _Reader, block: list[tuple[int, str]], pending: str | None) -> str | None:
    """Read one block; returns the argument a following premise-conclusion block belongs to."""
    number, first = block[0]
    heading = _HEADING.match(first)
    if heading:
        key = f"h:{len(reader.parsed.headings) + 1}"
        reader.parsed.headings.append(
            Heading(key, len(heading.group(1)), [heading.group(2)], number)
        )
        reader.section = key
        return _block(reader, block[1:], None) if block[1:] else None
    if _LIST.match(first):
        reader.problem(
            "AM600",
            "lists are not imported",
            number,
            "Write each item as a statement, or as a relation of one.",
        )
    elif _PCS_ITEM.match(first) or _INFERENCE.match(first):
        _pcs(reader, block, _argument_for_pcs(reader, pending, number))
    elif _RELATION.match(first):
        reader.problem(
            "AM601",
            "a relation line needs a statement or argument above it",
            number,
            "Start the block with `[Title]` or `<Title>`.",
        )
    else:
        key, member = reader.element(first, number)
        rest = block[1:]
        if key.startswith("a:") and rest and _PCS_ITEM.match(rest[0][1]):
            reader.problem("AM600", "Argdown expects an empty line before the premises", number)
            _pcs(reader, rest, reader.parsed.elements[key])
            return None
        _tree(reader, rest, (key, member))
        return key if key.startswith("a:") and not rest else None
    return None


def parse_argdown(
    text: str, display: str
) -> tuple[ArgumentMap, dict[str, str], tuple[Diagnostic, ...]]:
    """The map an Argdown text describes, with provisional keys, given ids and problems."""
    reader = _Reader(display)
    text = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"), reader)
    pending: str | None = None
    for block in _blocks(text, strip_comments(text)):
        pending = _block(reader, block, pending)
    return _resolve(reader)


# --- From what was read to a map ------------------------------------------------------------

_BODY = re.compile(r"\\.|(" + DATA.pattern + ")|(" + TAG.pattern + ")")
_NODE_KEYS = frozenset(
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
_ARGUMENT_KEYS = frozenset({"id", "text", "cites", "cite"})
_HEADING_KEYS = frozenset({"id", "title", "page", "parent"})
_TYPES = {t.value: t for t in NodeType}


@dataclass(frozen=True)
class _Read:
    """An element's text, data and tags, all members merged."""

    text: str
    data: dict[str, object]
    tags: tuple[str, ...]
    line: int
    section: str


def _body(reader: _Reader, parts: list[str], line: int) -> tuple[str, dict[str, object], list[str]]:
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


def _data(reader: _Reader, text: str, line: int) -> dict[str, object]:
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


def _read(reader: _Reader, members: list[Member], allowed: frozenset[str]) -> _Read:
    text, data, tags, defining = "", {}, list[str](), None
    for member in members:
        words, found, more = _body(reader, member.parts, member.line)
        text = text or words
        data.update(found)
        tags.extend(t for t in more if t not in tags)
        if defining is None and (words or found):
            defining = member
    where = defining or members[0]
    for key in data.keys() - allowed:
        reader.problem("AM600", f"data key '{key}' is not imported", where.line)
    return _Read(text, data, tuple(tags), where.line, where.section)


def _cites(reader: _Reader, data: dict[str, object], line: int) -> tuple[Citation, ...]:
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


@dataclass
class _Maker:
    """Builds the map's records from the elements; keys stay provisional."""

    reader: _Reader
    read: dict[str, _Read]
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


def _steps(reader: _Reader, arg: Element) -> list[tuple[tuple[str, ...], str, int]]:
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


def _uses(reader: _Reader, inference: tuple[str, int], numbers: dict[int, str]) -> list[str]:
    text, data, _ = _body(reader, [inference[0]], inference[1])
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


def _arguments(maker: _Maker, arguments: list[Element]) -> None:
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
                maker.update(rel, text, _cites(maker.reader, read.data, read.line))
                # The argument's title names its inference unless the data gives an id.
                maker.given[rel.id] = str(read.data.get("id", arg.title))
        if read.tags:
            maker.reader.problem(
                "AM600",
                f"tags of argument '{arg.title}' are not kept (a relation has no tags)",
                read.line,
            )


def _tree_relations(maker: _Maker) -> None:
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


def _entries(value: object) -> list[dict[str, object]]:
    items = value if isinstance(value, list) else [value]
    return [i if isinstance(i, dict) else {"to": i} for i in items]


def _data_relations(maker: _Maker, node_keys: list[str]) -> None:
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
            for entry in _entries(read.data.get(kind.value, [])):
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
                    rel, str(entry.get("text") or ""), _cites(maker.reader, entry, read.line)
                )
                if entry.get("id"):
                    maker.given[rel.id] = str(entry["id"])


def _node(maker: _Maker, key: str, title: str, targets: set[str], sources: set[str]) -> Node:
    read, reader = maker.read[key], maker.reader
    tags = list(read.tags)
    kind = _TYPES.get(str(read.data.get("type", "")))
    if "type" in read.data and kind is None:
        reader.problem(
            "AM600",
            f"unknown node type '{read.data['type']}'; inferred instead",
            read.line,
            "Use one of " + ", ".join(_TYPES) + ".",
        )
    if kind is None:
        kind = next((_TYPES[t.lower()] for t in tags if t.lower() in _TYPES), None)
        tags = [t for t in tags if kind is None or t.lower() != kind.value]
    if kind is None:  # a reason that is never itself argued about reads as a premise
        kind = NodeType.PREMISE if key in sources and key not in targets else NodeType.CLAIM
    data = read.data
    section = str(data.get("section", ""))
    return Node(
        key,
        kind,
        str(data.get("title", title)),
        str(data.get("text", read.text)),
        maker.sections.get(section, section) if section else read.section,
        _cites(reader, data, read.line),
        str(data.get("quote") or ""),
        str(data.get("anchor") or ""),
        data.get("implicit") is True,
        tuple(dict.fromkeys((*_tags(data.get("tags")), *tags))),
        reader.span(read.line),
    )


def _tags(value: object) -> tuple[str, ...]:
    return tuple(str(t) for t in value) if isinstance(value, list) else ()


def _sections(reader: _Reader, maker: _Maker) -> list[Section]:
    """Headings as sections, nested by level (or by a `parent` in the data at the top)."""
    out: list[Section] = []
    open_: list[tuple[int, str]] = []
    for h in reader.parsed.headings:
        read = _read(reader, [Member(h.parts, h.line, "")], _HEADING_KEYS)
        while open_ and open_[-1][0] >= h.level:
            open_.pop()
        parent = open_[-1][1] if open_ else str(read.data.get("parent", ""))
        open_.append((h.level, h.key))
        if "id" in read.data:
            maker.given[h.key] = str(read.data["id"])
            maker.sections[str(read.data["id"])] = h.key
        out.append(
            Section(
                h.key,
                str(read.data.get("title", read.text)),
                parent,
                str(read.data.get("page", "")),
                reader.span(h.line),
            )
        )
    return out


def _retired(reader: _Reader) -> tuple[Retired, ...]:
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


def _resolve(reader: _Reader) -> tuple[ArgumentMap, dict[str, str], tuple[Diagnostic, ...]]:
    elements = reader.parsed.elements.values()
    arguments = [e for e in elements if e.key.startswith("a:") and e.pcs]
    nodes = [e for e in elements if not (e.key.startswith("a:") and e.pcs)]
    read = {e.key: _read(reader, e.members, _NODE_KEYS) for e in nodes}
    read.update({e.key: _read(reader, e.members, _ARGUMENT_KEYS) for e in arguments})
    maker = _Maker(reader, read)
    sections = _sections(reader, maker)
    maker.given.update(
        {e.key: str(read[e.key].data["id"]) for e in nodes if "id" in read[e.key].data}
    )
    _arguments(maker, arguments)
    _tree_relations(maker)
    _data_relations(maker, [e.key for e in nodes])
    sources = {s for r in maker.relations for s in r.sources}
    targets = {r.target for r in maker.relations}
    ordered = sorted(nodes, key=lambda e: read[e.key].line)
    amap = ArgumentMap(
        tuple(_node(maker, e.key, e.title, targets, sources) for e in ordered),
        tuple(maker.relations),
        tuple(sections),
        _retired(reader),
    )
    return amap, maker.given, tuple(reader.parsed.diagnostics)
