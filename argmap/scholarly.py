"""Machine-readable scholarly metadata for page heads: Highwire Press tags, COinS, JSON-LD.

Each vocabulary serves different readers (field-notes §3): Google Scholar and Zotero read
Highwire `citation_*` tags, Zotero also reads COinS spans, and search engines read schema.org
JSON-LD (which Zotero ignores). So the landing page carries all three and argument pages
carry COinS and JSON-LD only: Scholar files look-alike sub-pages with a full Highwire set as
duplicate records of the same work.

The Highwire set describes the edition, the thing at this URL, in the same terms as its
"cite this" box. The mapped article appears as what the edition is based on (JSON-LD
`isBasedOn`, a second COinS span); its journal, volume and pages never go into the edition's
Highwire tags, which would file the edition as the journal article under our names.

Every value is escaped for its context: attribute values with html.escape, COinS with URL
encoding and then attribute escaping, JSON-LD with `<`, `>` and `&` as JSON escapes so no
value can close the script element or open a comment.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from argmap.metadata import (
    NOT_STATED,
    Article,
    Person,
    Publication,
    edition_url,
    is_absolute,
    node_url,
)
from argmap.model import Node

JsonObject = dict[str, object]


@dataclass(frozen=True)
class PageMeta:
    """`head` goes into <head>; `body` (COinS spans) into <body>, where a <span> may stand."""

    head: str
    body: str


def landing_meta(
    pub: Publication, references: Sequence[str], nodes: Sequence[Node] = ()
) -> PageMeta:
    """The edition's landing page: the full Highwire set, COinS and a ScholarlyArticle."""
    spans = [coins(edition_kev(pub))]
    if pub.article.title:
        spans.append(coins(article_kev(pub.article)))
    head = "\n".join([highwire_tags(pub, references), json_ld(edition_ld(pub, references, nodes))])
    return PageMeta(head, "\n".join(spans))


def node_meta(pub: Publication, node: Node, appearance_url: str = "") -> PageMeta:
    """An argument page: it describes itself as a part of the edition, never as a work."""
    return PageMeta(json_ld(claim_ld(pub, node, appearance_url)), coins(node_kev(pub, node)))


# --- Highwire Press -----------------------------------------------------------------------


def highwire_tags(pub: Publication, references: Sequence[str]) -> str:
    e = pub.edition
    url = edition_url(pub)
    pairs = [
        ("citation_title", e.title),
        *(("citation_author", p.inverted) for p in e.editors),
        ("citation_publication_date", e.date.replace("-", "/")),
        ("citation_language", e.language),
        ("citation_fulltext_html_url", url if is_absolute(url) else ""),
        *(("citation_reference", r) for r in references),
    ]
    return "\n".join(
        f'<meta name="{name}" content="{_attr(value)}">' for name, value in pairs if value.strip()
    )


def _attr(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


# --- COinS (OpenURL 1.0 KEV in a span) ----------------------------------------------------

Kev = list[tuple[str, str]]


def coins(pairs: Kev) -> str:
    kev = urlencode([("ctx_ver", "Z39.88-2004"), *((k, v) for k, v in pairs if v)], quote_via=quote)
    return f'<span class="Z3988" title="{html.escape(kev, quote=True)}"></span>'


def _kev_people(people: Sequence[Person]) -> Kev:
    # Groups go in rft.aucorp, so a reader does not split "argmap contributors" into a
    # first and a last name.
    return [("rft.aucorp", p.name) if p.name else ("rft.au", p.inverted) for p in people]


def edition_kev(pub: Publication) -> Kev:
    e = pub.edition
    url = edition_url(pub)
    return [
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
        ("rft.genre", "book"),
        ("rft.btitle", e.title),
        *_kev_people(e.editors),
        ("rft.date", e.date),
        ("rft.edition", f"Version {e.version}"),
        ("rft_id", url if is_absolute(url) else ""),
    ]


def node_kev(pub: Publication, node: Node) -> Kev:
    e = pub.edition
    url = node_url(pub, node.id)
    return [
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
        ("rft.genre", "bookitem"),
        ("rft.atitle", node.title),
        ("rft.btitle", e.title),
        *_kev_people(e.editors),
        ("rft.date", e.date),
        ("rft.edition", f"Version {e.version}"),
        ("rft_id", url if is_absolute(url) else ""),
    ]


def article_kev(a: Article) -> Kev:
    return [
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
        ("rft.genre", "article"),
        ("rft.atitle", a.title or ""),
        ("rft.jtitle", a.journal or ""),
        *_kev_people(a.authors),
        ("rft.date", str(a.year or "")),
        ("rft.volume", a.volume or ""),
        ("rft.issue", a.issue or ""),
        ("rft.pages", a.pages or ""),
        ("rft_id", f"info:doi/{a.doi}" if a.doi else ""),
        ("rft_id", a.url or ""),
    ]


# --- schema.org JSON-LD -------------------------------------------------------------------


def json_ld(data: JsonObject) -> str:
    # `<`, `>` and `&` occur in JSON text only inside strings, where \u escapes mean the same.
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, indent=2)
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _compact(data: JsonObject) -> JsonObject:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _ld_person(p: Person) -> JsonObject:
    if p.name:
        return {"@type": "Organization", "name": p.name}
    return _compact(
        {"@type": "Person", "name": p.display, "familyName": p.family, "givenName": p.given}
    )


def _licence_url(spdx: str) -> str:
    return f"https://spdx.org/licenses/{spdx}.html"


def edition_stub(pub: Publication) -> JsonObject:
    e = pub.edition
    url = edition_url(pub)
    return {
        "@type": "ScholarlyArticle",
        "@id": url,
        "url": url,
        "name": e.title,
        "version": e.version,
    }


def edition_ld(pub: Publication, references: Sequence[str], nodes: Sequence[Node]) -> JsonObject:
    e = pub.edition
    people = [_ld_person(p) for p in e.editors]
    notice = (
        f"The argument map is licensed under {e.licence.map}; the licence of the "
        f"article's text is {pub.article.licence or NOT_STATED}."
    )
    return _compact(
        {
            **edition_stub(pub),
            "headline": e.title,
            "author": people,
            "editor": people,
            "dateModified": e.date,
            "inLanguage": e.language,
            "license": _licence_url(e.licence.map),
            "copyrightNotice": notice,
            "isBasedOn": article_ld(pub.article),
            "citation": [" ".join(r.split()) for r in references],
            "hasPart": [claim_stub(pub, n) for n in nodes],
        }
    )


def claim_stub(pub: Publication, node: Node) -> JsonObject:
    url = node_url(pub, node.id)
    return {"@type": "Claim", "@id": url, "url": url, "name": node.title}


def claim_ld(pub: Publication, node: Node, appearance_url: str = "") -> JsonObject:
    source = article_ld(pub.article)
    appearance: JsonObject = source
    if appearance_url or node.quote:
        appearance = _compact(
            {
                "@type": "Quotation",
                "text": node.quote,
                "url": appearance_url,
                "isPartOf": {"@id": edition_url(pub)},
            }
        )
    return _compact(
        {
            **claim_stub(pub, node),
            "text": node.text,
            "genre": node.type.value,
            "author": [_ld_person(p) for p in pub.edition.editors],
            "license": _licence_url(pub.edition.licence.map),
            "isPartOf": edition_stub(pub),
            "appearance": appearance,
            "firstAppearance": source,
        }
    )


def article_ld(a: Article) -> JsonObject:
    """The mapped article, with only what is known; a description says what is not."""
    container: JsonObject = _compact({"@type": "Periodical", "name": a.journal})
    if a.volume:
        container = {"@type": "PublicationVolume", "volumeNumber": a.volume, "isPartOf": container}
    if a.issue:
        container = {"@type": "PublicationIssue", "issueNumber": a.issue, "isPartOf": container}
    known = _compact(
        {
            "name": a.title,
            "author": [_ld_person(p) for p in a.authors],
            "datePublished": str(a.year) if a.year else None,
            "isPartOf": container if len(container) > 1 else None,
            "pagination": a.pages,
            "sameAs": f"https://doi.org/{a.doi}" if a.doi else None,
            "url": a.url,
            "license": a.licence,
        }
    )
    missing = [
        label
        for label, value in (("title", a.title), ("authors", a.authors), ("venue", a.journal))
        if not value
    ]
    note = f"The article this edition maps. Its {', '.join(missing)}: {NOT_STATED}."
    return {"@type": "ScholarlyArticle", **known, **({"description": note} if missing else {})}
