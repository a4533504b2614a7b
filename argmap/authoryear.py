"""Author-year citations in the article's own style: markup, in-text labels, reference list.

Markup (pandoc's syntax, a subset):

- ``[@key]`` -> "(Hassel 2008)"; ``[@a; @b]`` -> "(Hassel 2008; Vosko 2002)".
- A locator after a comma: ``[@key, p. 237]`` or ``[@key, 237]`` -> "(Hassel 2008: 237)";
  a leading "p." or "pp." is dropped because the article writes the bare page.
- A prefix before an item: ``[see @key]`` -> "(see Hassel 2008)".
- Narrative form, author written as text: ``Herrigel et al. [-@herrigel2013]`` -> "Herrigel
  et al. (2013)"; it also serves possessives ("Distelhorst et al.’s [-@distelhorst2013]").
- Adjacent items with the same author collapse: ``[see @mueller2003; @mueller2010]`` ->
  "(see Müller et al. 2003, 2010)".

Labels: "Last" / "Last and Last" / "Last et al." and the year, from authors (editors when
there are none). A ``shorthand`` field replaces the computed label where the article's label
differs from the entry (a year that is not the entry's, "R. M. Locke" set apart by
initials); its trailing year is split off so collapse and the narrative form still work.

Pure: no pybtex. ``render_group`` returns plain text; ``render_reference`` returns HTML.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # only for types, so importing this module never loads pybtex
    from argmap.bibliography import Person, Reference


class ReferenceSource(Protocol):
    def get(self, key: str) -> Reference | None: ...


@dataclass(frozen=True)
class Citation:
    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


@dataclass(frozen=True)
class CitationGroup:
    items: tuple[Citation, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)


_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.+/-]*[A-Za-z0-9_])?"
_ITEM = re.compile(rf"(?:(?P<prefix>.*?)\s+)?(?P<dash>-?)@(?P<key>{_KEY})(?:\s*,\s*(?P<loc>.*))?")
# A bracket that is not a link, footnote, image or node marker, and holds no brackets.
# (A following colon is allowed: "[see @key]:" ends a sentence in the article; Markdown
# removes link definitions before inline text is scanned.)
# Public as a pattern string for Python-Markdown's InlineProcessor (group 1 = inside).
CITATION_PATTERN = r"(?<![\[\]!\\])\[(?![\[^])([^\[\]\n]*@[^\[\]\n]*)\](?![(\[\]])"
_BRACKET = re.compile(CITATION_PATTERN)
_PAGE_LABEL = re.compile(r"^(?:pp?\.|pages?)\s*", re.IGNORECASE)
_TRAILING_YEAR = re.compile(r"^(?P<names>.*?)\s*(?P<year>\d{4}[a-z]?|n\.d\.)$")


def parse_group(inner: str) -> CitationGroup | None:
    """The group inside ``[...]``, or None when the text is not citation markup."""
    items: list[Citation] = []
    for part in inner.split(";"):
        match = _ITEM.fullmatch(part.strip())
        if match is None or "@" in (match.group("prefix") or ""):
            return None
        items.append(
            Citation(
                key=match.group("key"),
                prefix=" ".join((match.group("prefix") or "").split()),
                locator=" ".join((match.group("loc") or "").split()),
                suppress_author=bool(match.group("dash")),
            )
        )
    return CitationGroup(tuple(items)) if items else None


def find_citations(text: str) -> list[tuple[int, int, CitationGroup]]:
    """(start, end, group) of every citation in one line of inline text, in order."""
    found: list[tuple[int, int, CitationGroup]] = []
    for match in _BRACKET.finditer(text):
        group = parse_group(match.group(1))
        if group is not None:
            found.append((match.start(), match.end(), group))
    return found


def _names_label(people: tuple[Person, ...]) -> str:
    names = [" ".join(part for part in (p.von, p.last) if part) for p in people]
    if len(names) >= 3:
        return f"{names[0]} et al."
    return " and ".join(names)


def label_parts(ref: Reference) -> tuple[str, str]:
    """(names, year) of the in-text label, e.g. ("Müller et al.", "2003")."""
    if ref.shorthand:
        match = _TRAILING_YEAR.match(ref.shorthand)
        return (match["names"], match["year"]) if match else (ref.shorthand, "")
    names = _names_label(ref.authors or ref.editors) or ref.title or ref.key
    return names, ref.year or "n.d."


def cite_label(ref: Reference) -> str:
    """The in-text label, e.g. "Hassel 2008"."""
    return " ".join(part for part in label_parts(ref) if part)


def _locator(text: str) -> str:
    return _PAGE_LABEL.sub("", text) or text


def _label_text(item: Citation, names: str, year: str, show_names: bool) -> str:
    words = [names] if names and (show_names or not year) else []  # year-less: show all
    words.append(year + (f": {_locator(item.locator)}" if item.locator else ""))
    return " ".join(word for word in words if word)


Part = tuple[str, str | None]  # a piece of rendered text and the key it stands for


def render_group_parts(group: CitationGroup, bib: ReferenceSource) -> list[Part]:
    """The rendered citation in pieces, so a caller can link each label to its entry."""
    parts: list[Part] = [("(", None)]
    previous: tuple[str, bool, str] | None = None
    for index, item in enumerate(group.items):
        ref = bib.get(item.key)
        names, year = label_parts(ref) if ref else (item.key, "")
        # Same author as the item before (which has no locator): "Müller et al. 2003, 2010".
        collapses = previous == (names, item.suppress_author, "") and not item.prefix
        if index:
            parts.append((", " if collapses else "; ", None))
        if item.prefix:
            parts.append((item.prefix + " ", None))
        show_names = not (collapses or item.suppress_author)
        parts.append((_label_text(item, names, year, show_names), item.key))
        previous = (names, item.suppress_author, item.locator)
    parts.append((")", None))
    return parts


def render_group(group: CitationGroup, bib: ReferenceSource) -> str:
    """The citation as the article prints it, parentheses included (plain text)."""
    return "".join(text for text, _ in render_group_parts(group, bib))


# ---------------------------------------------------------------- reference list

_Segment = tuple[str, bool]  # text and whether it is set in italics


def _initials(first: str) -> str:
    # "Marie-Laure" -> "M.-L.", "Richard M." -> "R. M."
    words = first.replace(".", ". ").split()
    return " ".join("-".join(f"{part[0]}." for part in w.split("-") if part) for w in words)


def _person_text(person: Person) -> str:
    last = " ".join(part for part in (person.von, person.last) if part)
    parts = [last, _initials(person.first), person.jr]
    return ", ".join(part for part in parts if part)


def _join_apa(names: list[str]) -> str:
    # APA: "A, B, & C"; with two names still "A, & B" because each name contains a comma.
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _people_text(people: tuple[Person, ...]) -> str:
    return _join_apa([_person_text(p) for p in people])


def _editors_in_text(people: tuple[Person, ...]) -> str:
    # Editors of a collection are written initials first: "G. Morgan & R. Whitley (Eds.)".
    names = [" ".join(p for p in (_initials(e.first), e.von, e.last, e.jr) if p) for e in people]
    if not names:
        return ""
    joined = " & ".join(names) if len(names) == 2 else _join_apa(names)
    return f"{joined} (Ed{'s' if len(names) > 1 else ''}.), "


def _creators(ref: Reference) -> str:
    if ref.authors:
        return _people_text(ref.authors)
    if ref.editors:
        return _people_text(ref.editors) + (" (Eds.)" if len(ref.editors) > 1 else " (Ed.)")
    return ""


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _journal_segments(ref: Reference) -> list[_Segment]:
    segments: list[_Segment] = [(_end(ref.title) + " ", False), (ref.container, True)]
    if ref.volume:
        segments.append((", ", False))
        segments.append((ref.volume, True))
    tail = f"({ref.number})" if ref.number else ""
    tail += f", {ref.pages}" if ref.pages else ""
    segments.append((tail + ".", False))
    return segments


def _book_segments(ref: Reference) -> list[_Segment]:
    segments: list[_Segment] = []
    if ref.entry_type in {"incollection", "inproceedings", "inbook"}:
        segments.append((f"{_end(ref.title)} In {_editors_in_text(ref.editors)}", False))
        title = ref.container
    else:
        title = ref.title
    segments.append((title, True))
    extra = [f"{ref.edition} ed." if ref.edition else "", f"pp. {ref.pages}" if ref.pages else ""]
    extra_text = "; ".join(e for e in extra if e)
    if extra_text:
        segments.append((f" ({extra_text}).", False))
    elif not title.endswith((".", "?", "!")):
        segments.append((".", False))
    if ref.publisher:
        segments.append((f" {_end(ref.publisher)}", False))
    return segments


def _segments(ref: Reference) -> list[_Segment]:
    creators = _creators(ref)
    head = f"{_end(creators)} " if creators else ""
    segments: list[_Segment] = [(f"{head}({ref.year or 'n.d.'}). ", False)]
    if ref.entry_type == "article" and ref.container:
        segments.extend(_journal_segments(ref))
    else:
        segments.extend(_book_segments(ref))
    return segments


def _link_target(ref: Reference) -> str:
    if ref.doi:
        return "https://doi.org/" + urllib.parse.quote(ref.doi, safe="/:;()._-")
    # Only web links: a javascript: or data: URL in a bib file must never become a link.
    return ref.url if ref.url.startswith(("https://", "http://")) else ""


def render_reference(ref: Reference) -> str:
    """An APA-like reference-list entry as safe HTML (notes and annotations left out)."""
    out = []
    for text, italic in _segments(ref):
        escaped = html.escape(text)
        out.append(f"<em>{escaped}</em>" if italic and text else escaped)
    target = _link_target(ref)
    if target:
        link = html.escape(target)
        out.append(f' <a href="{link}">{link}</a>')
    return "".join(out)


def render_reference_text(ref: Reference) -> str:
    """The same entry as plain text."""
    text = "".join(text for text, _ in _segments(ref))
    target = _link_target(ref)
    return f"{text} {target}" if target else text


def reference_sort_key(ref: Reference) -> tuple[str, str, str]:
    """Reference-list order: author (editors, else title), year, title; case-insensitive."""
    people = ref.authors or ref.editors
    names = " ".join(f"{p.last} {p.von} {p.first}" for p in people) or ref.title
    return (names.casefold(), ref.year, ref.title.casefold())
