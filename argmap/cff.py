"""CITATION.cff from the publication metadata, so GitHub's "cite this repository" box agrees
with the site's "cite this".

The file is written as text, not through a YAML library (yaml belongs to the loader alone):
every string goes out double-quoted with YAML escapes, so no value can change the document's
structure. The top level describes the repository and carries the code's licence; the
`preferred-citation` is the edition, under the map's licence, which is what a reader cites.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import cast

from argmap.diagnostics import Diagnostic
from argmap.loader import load_yaml
from argmap.metadata import (
    NOT_STATED,
    Article,
    Person,
    Publication,
    edition_url,
    is_absolute,
    metadata_from_mapping,
)
from argmap.tree import to_plain

CFF_VERSION = "1.2.0"
HEADER = "# Generated from docs/publication.yml by argmap.cff: edit that file, then regenerate.\n"
MESSAGE = "If you use this argument map, please cite it as given under preferred-citation."


def cff_from_publication(pub: Publication) -> str:
    e = pub.edition
    url = edition_url(pub)
    lines = [
        f"cff-version: {CFF_VERSION}",
        f"message: {yaml_str(MESSAGE)}",
        f"title: {yaml_str(e.title)}",
        "authors:",
        *_people(e.editors, "  "),
        f"version: {yaml_str(e.version)}",
        f"date-released: {yaml_str(e.date)}",
        f"license: {yaml_str(e.licence.code)}",
        *_optional("repository-code", e.repository, ""),
        *_optional("url", url, ""),
        "preferred-citation:",
        *_edition_reference(pub, "  "),
        *_article_references(pub.article),
    ]
    return HEADER + "\n".join(lines) + "\n"


def _edition_reference(pub: Publication, indent: str) -> list[str]:
    e = pub.edition
    text_licence = pub.article.licence or NOT_STATED
    notes = (
        f"Argument map of one article; the map is licensed under {e.licence.map}, "
        f"the licence of the article's text is {text_licence}."
    )
    language = e.language.split("-")[0].lower()
    return [
        f"{indent}type: book",
        f"{indent}title: {yaml_str(e.title)}",
        f"{indent}authors:",
        *_people(e.editors, indent + "  "),
        f"{indent}version: {yaml_str(e.version)}",
        f"{indent}date-released: {yaml_str(e.date)}",
        f"{indent}license: {yaml_str(e.licence.map)}",
        *_optional("url", edition_url(pub), indent),
        *_optional("repository-code", e.repository, indent),
        *([f"{indent}languages: [{yaml_str(language)}]"] if _iso639(language) else []),
        f"{indent}notes: {yaml_str(notes)}",
    ]


def _article_references(a: Article) -> list[str]:
    # CFF requires a title and at least one author; an article without both is not listed.
    if not (a.title and a.authors):
        return []
    ind = "    "
    known = [
        ("journal", a.journal),
        ("volume", a.volume),
        ("issue", a.issue),
        ("pages", a.pages),
        ("doi", a.doi),
        ("url", a.url),
    ]
    return [
        "references:",
        "  - type: article",
        f"{ind}title: {yaml_str(a.title)}",
        f"{ind}authors:",
        *_people(a.authors, ind + "  "),
        *([f"{ind}year: {a.year}"] if a.year else []),
        *(f"{ind}{key}: {yaml_str(value)}" for key, value in known if value),
    ]


def _iso639(code: str) -> bool:
    return code.isascii() and code.isalpha() and 2 <= len(code) <= 3


def _optional(key: str, url: str, indent: str) -> list[str]:
    # CFF accepts only absolute URLs; a relative edition URL (site not yet set) is left out.
    return [f"{indent}{key}: {yaml_str(url)}"] if is_absolute(url) else []


def _people(people: Sequence[Person], indent: str) -> list[str]:
    lines = []
    for p in people:
        if p.name:
            lines.append(f"{indent}- name: {yaml_str(p.name)}")
            continue
        lines.append(f"{indent}- family-names: {yaml_str(p.family)}")
        if p.given:
            lines.append(f"{indent}  given-names: {yaml_str(p.given)}")
    return lines


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar; non-printable characters become escapes."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def regenerate(source: Path, target: Path, display: str = "") -> tuple[Diagnostic, ...]:
    """Rewrite `target` (CITATION.cff) from `source` (publication.yml) unless it has errors."""
    display = display or str(source)
    tree, problems = load_yaml(source, display)
    if tree is None:
        return problems
    # A top level that is not a mapping is reported by the validation itself.
    pub, found = metadata_from_mapping(cast(Mapping[str, object], to_plain(tree)), display)
    if found:
        return problems + found
    target.write_text(cff_from_publication(pub), encoding="utf-8")
    return problems
