"""Rebuild docs/text/*.md from the PDF extraction of the article (reproducible).

    .venv/bin/python scripts/convert_article.py [SEED] [--out DIR] [--bib FILE]

SEED defaults to ../shared/seed/article.txt relative to the repository root. Only the
extraction's artefacts go (headings printed four times, blank lines after every line, stray
spaces, line-break hyphens, endnote digits glued to words); every word stays. What needed a
human judgement is in the tables below, each entry checked to be used, so a changed seed
fails loudly instead of converting silently into something else.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from argmap.authoryear import cite_label, label_parts
from argmap.bibliography import load_bibliography

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Section:
    slug: str
    title: str  # as the article prints it
    parent: str = ""


SECTIONS = (
    Section("introduction", "Introduction"),
    Section("four-pillars", "Four pillars of global labor governance"),
    Section("international-organizations", "International organizations", "four-pillars"),
    Section(
        "international-framework-agreements", "International framework agreements", "four-pillars"
    ),
    Section("codes-of-conduct", "Codes of conduct", "four-pillars"),
    # The article capitalises "Initiatives" in this one heading; kept as printed.
    Section("multi-stakeholder-initiatives", "Multi-stakeholder Initiatives", "four-pillars"),
    Section("alternative-perspective", "The promise of an alternative perspective"),
)
ENDNOTES_HEADING = "Endnotes"

# Line-break hyphens that are real hyphens (compounds, a double name); all others are
# typesetting and go. Judged by reading; most of these also occur unbroken in the article.
KEEP_HYPHEN = frozenset(
    {
        "self-optimizing",
        "self-optimization",
        "non-government",
        "non-compliance",
        "Lund-Thomsen",
        "compliance-based",
        "by-product",
        "anti-globalization",
        "micro-level",
        "de-facto",
    }
)

# A line ending a sentence that is shorter than this ends its paragraph (the column is
# justified, so only a paragraph's last line falls short).
SHORT_LINE = 45
# Full-width last lines of paragraphs, judged by reading: the next line opens a new step
# of the argument (a new numbered factor, a summary, a turn to a new topic).
PARAGRAPH_ENDS = frozenset(
    {
        "as the core labor standards as defined by the ILO.",
        "so the guidelines are effectively advisory (ibid.).",
        "mentation and enforcement (see Müller et al. 2003, 2010).",
        "for the conditions prevailing in their supplier networks.",
        "ments by the implementation of codes of conduct.",
        "the same pressure to do so (Mayer and Gereffi 2010).",
        "involved, they also share similar characteristics:",
        "position of transnational rules and constraints on behavior.",
        "pressures characteristic of global production networks.",
        "as the main drivers for improving labor conditions.",
        "moving up market and acquiring more lucrative work.",
        "pay, working-times and contracts (R. M. Locke 2013).",
        "supply chains and MNC global production strategies.",
    }
)
# Parenthesised years that are not author-year citations (a journal issue in endnote 3).
NOT_CITATIONS = frozenset({"7/1-2 (2015)"})

SENTENCE_END = re.compile(r"[.:?!][”’\")]*$")
REPEATED = re.compile(r"(.+?)\1{3}")
FOOTNOTE_MARK = re.compile(r"(?<=[a-z])([1-9])(?=[\s.,;:)]|$)")
PARENS = re.compile(r"\(([^()]*)\)")
YEAR = r"\d{4}[a-z]?"
YEARS_ONLY = re.compile(rf"{YEAR}(?:, {YEAR})*")
LOCATOR = re.compile(rf"(.*{YEAR}): (\S+)")
MARKDOWN_SYNTAX = re.compile(r"[*_`<>\[\]\\#|]")


class ConversionError(Exception):
    """The seed does not look as the tables above expect."""


def body_lines(raw: str) -> list[str]:
    """Non-blank lines without the stray spaces at column breaks."""
    return [line.strip() for line in raw.splitlines() if line.strip()]


def heading_of(line: str) -> str | None:
    """The heading text if the extraction printed it four times."""
    for candidate in (line, line + " "):
        match = REPEATED.fullmatch(candidate)
        if match:
            return match.group(1).strip()
    return None


def split_sections(lines: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Body lines per section slug, and the endnote lines."""
    by_title = {section.title: section.slug for section in SECTIONS}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    pending = ""  # a four-times heading can wrap onto a second line
    for line in lines:
        repeated = heading_of(line)
        if pending and not repeated:
            raise ConversionError(f"unknown heading {pending!r}")
        title = f"{pending} {repeated}".strip() if repeated else line
        if repeated and title not in by_title:
            pending = title
            continue
        pending = ""
        if title in by_title:
            current = sections.setdefault(by_title[title], [])
        elif line == ENDNOTES_HEADING:
            current = sections.setdefault(ENDNOTES_HEADING, [])
        elif current is None:
            raise ConversionError(f"text before the first heading: {line!r}")
        else:
            current.append(line)
    missing = [s.title for s in SECTIONS if s.slug not in sections]
    if missing or ENDNOTES_HEADING not in sections:
        raise ConversionError(f"headings not found: {missing or [ENDNOTES_HEADING]}")
    return sections, sections.pop(ENDNOTES_HEADING)


def join_lines(lines: Iterable[str], used_hyphens: set[str]) -> str:
    """One paragraph: lines joined, line-break hyphens removed unless they are real."""
    text = ""
    for line in lines:
        if text.endswith("-") and text[-2:-1].isalpha():
            left = re.split(r"[\s(“]", text)[-1]
            word = re.sub(r"[^\w-]+$", "", left + line.split()[0])
            if word in KEEP_HYPHEN:
                used_hyphens.add(word)
                text += line
            else:
                text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


def paragraphs(lines: list[str], used: set[str]) -> list[str]:
    result: list[list[str]] = [[]]
    for line in lines:
        result[-1].append(line)
        if SENTENCE_END.search(line) and (len(line) < SHORT_LINE or line in PARAGRAPH_ENDS):
            used.add(line)
            result.append([])
    return [join_lines(group, used) for group in result if group]


def endnotes(lines: list[str], used: set[str]) -> dict[str, str]:
    """Endnote number -> text; each note starts with its number glued to the first word."""
    notes: dict[str, list[str]] = {}
    for line in lines:
        match = re.match(r"(\d+)(\D.*)", line)
        if match and int(match.group(1)) == len(notes) + 1:
            notes[match.group(1)] = [match.group(2)]
        elif notes:
            notes[str(len(notes))].append(line)
        else:
            raise ConversionError(f"endnotes do not start with note 1: {line!r}")
    return {number: join_lines(text, used) for number, text in notes.items()}


def mark_footnotes(text: str, numbers: set[str], found: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in numbers:
            raise ConversionError(f"digit glued to a word is no endnote: {match.group(0)!r}")
        found.append(match.group(1))
        return f"[^{match.group(1)}]"

    return FOOTNOTE_MARK.sub(replace, text)


@dataclass(frozen=True)
class LabelIndex:
    """The bibliography's labels, to turn the article's citations back into keys."""

    by_label: dict[str, str]
    by_names: dict[tuple[str, str], str]

    @classmethod
    def load(cls, bib_path: Path) -> LabelIndex:
        bib, problems = load_bibliography(bib_path, str(bib_path))
        if problems:
            raise ConversionError("; ".join(f"{p.span}: {p.message}" for p in problems))
        return cls(
            {cite_label(ref): ref.key for ref in bib.entries},
            {label_parts(ref): ref.key for ref in bib.entries},
        )

    def item(self, piece: str, names_before: str) -> tuple[str, str] | None:
        """(markup, names) of one work: "see Hassel 2008: 237" -> "see @hassel2008, p. 237"."""
        if re.fullmatch(YEAR, piece):  # "2010" after "Müller et al. 2003, "
            key = self.by_names.get((names_before, piece))
            return (f"@{key}", names_before) if key else None
        located = LOCATOR.fullmatch(piece)
        text, locator = located.groups() if located else (piece, "")
        for label in sorted(self.by_label, key=len, reverse=True):
            if text == label or text.endswith(" " + label):
                prefix = text[: -len(label)]
                suffix = f", p. {locator}" if locator else ""
                key = self.by_label[label]
                return f"{prefix}@{key}{suffix}", label_parts_of(label)
        return None


def label_parts_of(label: str) -> str:
    return re.sub(rf"\s*{YEAR}$", "", label)


def bracketed(inner: str, index: LabelIndex) -> str | None:
    """Markup for "(see Müller et al. 2003, 2010)": "[see @mueller2003; @mueller2010]"."""
    items: list[str] = []
    names = ""
    for group in inner.split("; "):
        for piece in re.split(rf", (?={YEAR}(?::|$))", group):
            found = index.item(piece, names)
            if found is None:
                return None
            items.append(found[0])
            names = found[1]
    return "[" + "; ".join(items) + "]"


def narrative(before: str, years: str, index: LabelIndex) -> str | None:
    """Markup for "Herrigel et al. (2013)": "[-@herrigel2013]", if the words name the work."""
    words = before.split()
    for count in range(1, min(5, len(words)) + 1):
        names = " ".join(words[-count:]).removesuffix("’s")
        keys = [index.by_names.get((names, year)) for year in years.split(", ")]
        if all(keys):
            return "[" + "; ".join(f"-@{key}" for key in keys) + "]"
    return None


def mark_citations(text: str, index: LabelIndex, left: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        if YEARS_ONLY.fullmatch(inner):
            markup = narrative(text[: match.start()], inner, index)
        else:
            markup = bracketed(inner, index)
        if markup is None and re.search(rf"\b{YEAR}\b", inner):
            left.append(text[max(0, match.start() - 6) : match.end()])
        return markup or match.group(0)

    return PARENS.sub(replace, text)


@dataclass(frozen=True)
class Page:
    section: Section
    paragraphs: tuple[str, ...]
    notes: tuple[tuple[str, str], ...]

    def markdown(self) -> str:
        parts = [f"# {self.section.title}\n"]
        for n, text in enumerate(self.paragraphs, start=1):
            parts.append(f"{text}\n{{: #{self.section.slug}-p{n} }}\n")
        if not self.paragraphs:
            parts.append(editorial_contents(self.section))
        parts.extend(f"[^{number}]: {text}\n" for number, text in self.notes)
        return "\n".join(parts)


def editorial_contents(section: Section) -> str:
    """A page the article gives no text of its own: list its sub-sections, marked as ours."""
    links = [f"- [{s.title}]({s.slug}.md)" for s in SECTIONS if s.parent == section.slug]
    opening = "<!-- editorial: the article has no text between this heading and the next -->"
    return "\n".join([opening, *links, "<!-- /editorial -->", ""])


@dataclass
class Checks:
    """What the tables above must account for, so that unused entries are reported."""

    judged: set[str]
    footnotes: list[str]
    uncited: list[str]

    def verify(self, notes: dict[str, str]) -> None:
        unused = (KEEP_HYPHEN | PARAGRAPH_ENDS) - self.judged
        problems = [f"table entry not used: {entry!r}" for entry in sorted(unused)]
        if sorted(self.footnotes) != sorted(notes):
            problems.append(f"endnote markers {self.footnotes} for notes {sorted(notes)}")
        problems += [
            f"citation not resolved: {text!r}"
            for text in self.uncited
            if not any(ok in text for ok in NOT_CITATIONS)
        ]
        if problems:
            raise ConversionError("\n".join(problems))


def convert(raw: str, index: LabelIndex) -> list[Page]:
    if MARKDOWN_SYNTAX.search(raw):
        raise ConversionError("the seed contains Markdown syntax characters; escape them first")
    sections, note_lines = split_sections(body_lines(raw))
    checks = Checks(set(), [], [])
    notes = endnotes(note_lines, checks.judged)
    pages = []
    for section in SECTIONS:
        texts = paragraphs(sections[section.slug], checks.judged)
        texts = [mark_footnotes(t, set(notes), checks.footnotes) for t in texts]
        numbers = [n for n in notes if any(f"[^{n}]" in t for t in texts)]
        texts = [mark_citations(t, index, checks.uncited) for t in texts]
        page_notes = [(n, mark_citations(notes[n], index, checks.uncited)) for n in numbers]
        pages.append(Page(section, tuple(texts), tuple(page_notes)))
    checks.verify(notes)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "seed", nargs="?", type=Path, default=ROOT.parent / "shared/seed/article.txt"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs/text")
    parser.add_argument("--bib", type=Path, default=ROOT / "docs/references.bib")
    args = parser.parse_args(argv)
    try:
        pages = convert(args.seed.read_text(encoding="utf-8"), LabelIndex.load(args.bib))
    except (OSError, ConversionError) as exc:
        print(f"convert_article: {exc}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for page in pages:
        (args.out / f"{page.section.slug}.md").write_text(page.markdown(), encoding="utf-8")
        print(f"{page.section.slug}.md: {len(page.paragraphs)} paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
