"""The text pages say exactly what the article says.

The article's words come from the PDF extraction (the seed), with only its artefacts
undone here, independently of the converter: headings printed four times, line-break
hyphens (either reading accepted), endnote digits glued to words. The pages' words come
from rendering them: citation markup expanded against the bibliography, anchors, footnote
references, node markers and editorial blocks removed. Any word lost, added or changed,
punctuation included, fails the test unless docs/about/text-fixes.md lists it.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from argmap.authoryear import ReferenceSource, find_citations, render_group
from argmap.bibliography import Bibliography, load_bibliography

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
TEXT = ROOT / "docs" / "text"
BIB = ROOT / "docs" / "references.bib"
FIXES = ROOT / "docs" / "about" / "text-fixes.md"
PAGES = (
    ("introduction", "Introduction"),
    ("four-pillars", "Four pillars of global labor governance"),
    ("international-organizations", "International organizations"),
    ("international-framework-agreements", "International framework agreements"),
    ("codes-of-conduct", "Codes of conduct"),
    ("multi-stakeholder-initiatives", "Multi-stakeholder Initiatives"),
    ("alternative-perspective", "The promise of an alternative perspective"),
)

FOUR_TIMES = re.compile(r"(.+?)\1{3}")
GLUED_ENDNOTE = re.compile(r"(?<=[a-z])[1-9](?=[.,;:)]*$)")
EDITORIAL = re.compile(r"<!-- editorial.*?<!-- /editorial -->", re.DOTALL)
FOOTNOTE_DEF = re.compile(r"^\[\^(\d+)\]:\s*(.*)$", re.MULTILINE)
ATTR_LINE = re.compile(r"^\{:[^}]*\}\s*$", re.MULTILINE)
MARKERS = re.compile(r"\[\[[^\[\]]+\]\]|\[\^\d+\]")


# ------------------------------------------------------------------ the article's words


@dataclass
class Words:
    """Tokens; a token may have a second accepted form (a line-break hyphen kept)."""

    tokens: list[str] = field(default_factory=list)
    alternatives: dict[int, str] = field(default_factory=dict)

    def matches(self, index: int, token: str) -> bool:
        return token in (self.tokens[index], self.alternatives.get(index))


def _seed_lines(raw: str) -> list[str]:
    lines = []
    for line in (raw_line.strip() for raw_line in raw.splitlines()):
        repeated = FOUR_TIMES.fullmatch(line) or FOUR_TIMES.fullmatch(line + " ")
        if line:
            lines.append(repeated.group(1).strip() if repeated else line)
    return lines


def seed_words(lines: list[str]) -> Words:
    words = Words()
    carry = ""  # the first half of a word hyphenated at the end of the previous line
    for line in lines:
        tokens = line.split()
        if carry:
            first = tokens.pop(0)
            words.alternatives[len(words.tokens)] = carry + "-" + first
            words.tokens.append(carry + first)
            carry = ""
        if tokens and re.search(r"\w-$", tokens[-1]):
            carry = tokens.pop()[:-1]
        words.tokens.extend(GLUED_ENDNOTE.sub("", token) for token in tokens)
    return words


def split_seed(raw: str) -> tuple[list[str], dict[str, list[str]]]:
    """Body lines, and the lines of each endnote (number removed)."""
    lines = _seed_lines(raw)
    cut = lines.index("Endnotes")
    notes: dict[str, list[str]] = {}
    for line in lines[cut + 1 :]:
        match = re.match(r"(\d)(\D.*)", line)
        if match:
            notes[match.group(1)] = [match.group(2)]
        else:
            notes[str(len(notes))].append(line)
    return lines[:cut], notes


# ------------------------------------------------------------------- the pages' words


@dataclass(frozen=True)
class Rendered:
    body: list[tuple[str, str]]  # (token, where) in reading order
    notes: dict[str, list[str]]


def render_inline(text: str, bib: ReferenceSource) -> str:
    for start, end, group in reversed(find_citations(text)):
        text = text[:start] + render_group(group, bib) + text[end:]
    return text


def render_page(slug: str, markdown: str, bib: ReferenceSource) -> Rendered:
    markdown = EDITORIAL.sub("", markdown)
    notes = {
        n: render_inline(MARKERS.sub("", t), bib).split() for n, t in FOOTNOTE_DEF.findall(markdown)
    }
    markdown = ATTR_LINE.sub("", FOOTNOTE_DEF.sub("", markdown))
    body: list[tuple[str, str]] = []
    paragraph = 0
    for block in re.split(r"\n\s*\n", markdown):
        text = render_inline(MARKERS.sub("", block.strip().removeprefix("# ")), bib)
        paragraph += bool(text) and not block.startswith("# ")
        body.extend((token, f"{slug}.md paragraph {paragraph}") for token in text.split())
    return Rendered(body, notes)


def load_pages(text_dir: Path, bib: ReferenceSource) -> Rendered:
    body: list[tuple[str, str]] = []
    notes: dict[str, list[str]] = {}
    for slug, _ in PAGES:
        page = render_page(slug, (text_dir / f"{slug}.md").read_text(encoding="utf-8"), bib)
        body.extend(page.body)
        notes.update(page.notes)
    return Rendered(body, notes)


# --------------------------------------------------------------------- comparing


def documented_fixes(path: Path) -> list[tuple[list[str], list[str]]]:
    """(article words, published words) from the fixes table (after its header row)."""
    rows = re.findall(r"^\|(.*)\|\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
    fixes = []
    for row in rows[2:]:  # header and separator
        cells = [cell.strip() for cell in row.split("|")]
        fixes.append((cells[1].split(), cells[2].split()))
    return fixes


def apply_fixes(words: Words, fixes: list[tuple[list[str], list[str]]]) -> Words:
    for before, after in fixes:
        n = len(before)
        at = next((i for i in range(len(words.tokens)) if words.tokens[i : i + n] == before), None)
        assert at is not None, f"documented fix not found in the article: {' '.join(before)!r}"
        shift = len(after) - n
        words.tokens[at : at + n] = after
        words.alternatives = {
            (i + shift if i >= at + n else i): a
            for i, a in words.alternatives.items()
            if not at <= i < at + n
        }
    return words


def first_difference(article: Words, published: list[tuple[str, str]]) -> str | None:
    tokens = [token for token, _ in published]
    for i in range(max(len(article.tokens), len(tokens))):
        if i < len(article.tokens) and i < len(tokens) and article.matches(i, tokens[i]):
            continue
        where = published[min(i, len(published) - 1)][1] if published else "(no pages)"
        old, new = article.tokens[i : i + 40], tokens[i : i + 40]
        ops = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
        kind = next((op for op, *_ in ops if op != "equal"), "changed")
        label = {"delete": "lost", "insert": "added", "replace": "changed"}.get(kind, kind)
        return (
            f"word {i} ({where}): {label}\n"
            f"  article: ...{' '.join(article.tokens[max(0, i - 8) : i + 8])}...\n"
            f"  pages:   ...{' '.join(tokens[max(0, i - 8) : i + 8])}..."
        )
    return None


# ------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    bibliography, problems = load_bibliography(BIB, "docs/references.bib")
    assert [p for p in problems if p.severity == "error"] == []
    return bibliography


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"the article's extraction is not at {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_pages_reproduce_the_article(seed: str, bib: Bibliography) -> None:
    body, _ = split_seed(seed)
    article = apply_fixes(seed_words(body), documented_fixes(FIXES))
    difference = first_difference(article, load_pages(TEXT, bib).body)
    assert difference is None, difference


def test_footnotes_reproduce_the_endnotes(seed: str, bib: Bibliography) -> None:
    _, notes = split_seed(seed)
    published = load_pages(TEXT, bib).notes
    assert sorted(published) == sorted(notes) == ["1", "2", "3"]
    for number, lines in notes.items():
        where = [(token, f"footnote {number}") for token in published[number]]
        difference = first_difference(seed_words(lines), where)
        assert difference is None, difference


def test_every_citation_resolves(bib: Bibliography) -> None:
    keys = {
        key
        for slug, _ in PAGES
        for _, _, group in find_citations((TEXT / f"{slug}.md").read_text(encoding="utf-8"))
        for key in group.keys
    }
    assert len(keys) == 38  # the 39 works minus Hadwiger, cited in full in endnote 3
    assert sorted(key for key in keys if bib.get(key) is None) == []


@pytest.mark.parametrize(("slug", "title"), PAGES)
def test_pages_have_their_title_and_numbered_anchors(slug: str, title: str) -> None:
    markdown = (TEXT / f"{slug}.md").read_text(encoding="utf-8")
    assert markdown.startswith(f"# {title}\n")
    anchors = re.findall(r"^(.+)\n\{: #([a-z-]+)-p(\d+) \}$", markdown, re.MULTILINE)
    assert all(text.strip() and not text.startswith("{:") for text, _, _ in anchors)
    assert [(s, int(n)) for _, s, n in anchors] == [(slug, n) for n in range(1, len(anchors) + 1)]
    assert len(anchors) == len(ATTR_LINE.findall(markdown))


def _converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "convert_article", ROOT / "scripts" / "convert_article.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _unmarked(markdown: str) -> str:
    # Node markers are added to the pages later, by hand; they are not the article's.
    text = re.sub(r"\[\[[^\[\]]+\]\]", "", markdown)
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def test_pages_are_what_the_converter_makes(seed: str) -> None:
    """The pages can be rebuilt from the seed (a documented fix must go into both)."""
    converter = _converter()
    pages = converter.convert(seed, converter.LabelIndex.load(BIB))
    for page in pages:
        current = (TEXT / f"{page.section.slug}.md").read_text(encoding="utf-8")
        assert _unmarked(current) == _unmarked(page.markdown()), page.section.slug


# ------------------------------------------------- the comparison can fail (unit tests)

# Trailing spaces and blank lines as in the real extraction.
MINI_SEED = "\n\n".join(
    [
        " OpeningOpeningOpeningOpening    ",
        "The first line of a para-",
        "graph cites one work (Hassel 2008: 237) and a ",
        "note1. It ends here. ",
        "Endnotes ",
        "1A note. ",
    ]
)
MINI_BIB = """@article{hassel2008, author = {Hassel, Anke}, title = {T}, year = {2008}}"""
MINI_PAGE = """\
# Opening

The first line of a paragraph cites one work [@hassel2008, p. 237] and a note[^1]. It ends here.
{: #opening-p1 }

[^1]: A note.
"""


def _compare(page: str, tmp_path: Path) -> str | None:
    bib_file = tmp_path / "mini.bib"
    bib_file.write_text(MINI_BIB, encoding="utf-8")
    bibliography, problems = load_bibliography(bib_file, "mini.bib")
    assert problems == ()
    body, _ = split_seed(MINI_SEED)
    return first_difference(seed_words(body), render_page("opening", page, bibliography).body)


def test_the_unaltered_mini_page_passes(tmp_path: Path) -> None:
    assert _compare(MINI_PAGE, tmp_path) is None


@pytest.mark.parametrize(
    ("old", "new", "label"),
    [
        ("cites one work", "cites a work", "changed"),
        ("cites one work", "cites work", "lost"),
        ("cites one work", "cites one single work", "added"),
        (", p. 237]", "]", "changed"),  # a citation that lost its page
        ("It ends here.", "It ends here", "changed"),  # punctuation counts
        ("paragraph", "para graph", "changed"),
    ],
)
def test_an_altered_page_is_caught(old: str, new: str, label: str, tmp_path: Path) -> None:
    difference = _compare(MINI_PAGE.replace(old, new, 1), tmp_path)
    assert difference is not None
    assert label in difference.splitlines()[0]
    assert "opening.md paragraph 1" in difference


def test_node_markers_and_anchors_are_not_words(tmp_path: Path) -> None:
    marked = MINI_PAGE.replace("It ends here.", "It ends here.[[a-node]]")
    assert _compare(marked, tmp_path) is None


def test_a_line_break_hyphen_may_be_kept() -> None:
    words = seed_words(["a self-", "optimizing system", "and a para-", "graph"])
    assert words.matches(1, "self-optimizing")
    assert words.matches(1, "selfoptimizing")
    assert words.tokens[5] == "paragraph"


def test_a_documented_fix_is_applied_and_a_stale_one_fails() -> None:
    words = apply_fixes(seed_words(["dialogue und improvement"]), [(["und"], ["and"])])
    assert words.tokens == ["dialogue", "and", "improvement"]
    with pytest.raises(AssertionError, match="not found"):
        apply_fixes(seed_words(["no such words"]), [(["und"], ["and"])])
