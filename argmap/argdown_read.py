"""Argdown read line by line: blocks of lines, and in them headings, statements, arguments,
premise-conclusion structures and relation trees, gathered under provisional keys.

What the lines mean for a map (data, ids, relations between arguments) is decided later, by
`argdown_resolve`; a line this reader cannot place is reported with its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.argdown import DATA, LINK, TAG
from argmap.diagnostics import Diagnostic, Span, error, warning

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
    """A statement or argument: every member read under its key, and its premises."""

    key: str
    title: str
    members: list[Member] = field(default_factory=list)
    pcs: list[tuple[str, int, str, int]] = field(default_factory=list)  # kind, number, key, line


@dataclass
class Heading:
    """A heading line: the section it opens."""

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
class Reader:
    """What was read so far, the section it stands in, and the problems met on the way."""

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


def _front_matter(text: str, reader: Reader) -> str:
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


def _tree(reader: Reader, lines: list[tuple[int, str]], root: tuple[str, Member]) -> None:
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


def _inference(reader: Reader, lines: list[tuple[int, str]], i: int, arg: Element) -> int:
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


def _pcs(reader: Reader, lines: list[tuple[int, str]], arg: Element) -> None:
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


def _argument_for_pcs(reader: Reader, pending: str | None, line: int) -> Element:
    if pending is not None:
        return reader.parsed.elements[pending]
    reader.untitled += 1
    key = f"a:#{reader.untitled}"
    arg = reader.parsed.elements.setdefault(key, Element(key, ""))
    arg.members.append(Member([""], line, reader.section))
    return arg


def _block(reader: Reader, block: list[tuple[int, str]], pending: str | None) -> str | None:
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


def read_argdown(text: str, display: str) -> Reader:
    """Everything an Argdown text holds, read block by block, with the problems met."""
    reader = Reader(display)
    text = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"), reader)
    pending: str | None = None
    for block in _blocks(text, strip_comments(text)):
        pending = _block(reader, block, pending)
    return reader
