"""The print edition: one page with the whole text, the maps, the arguments and the
references, for paper and save-as-PDF (argmap-print.css lays it out).

The text pages' Markdown is copied in reading order (sections first, in map order) with its
headings one level down, footnote labels made unique per page and relative links rewritten
for the page's new place; markers, citations and paragraph anchors stay as they are, so the
Markdown extension renders them here as on the text pages.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from html import escape

from argmap.authoryear import reference_sort_key, render_reference
from argmap.markup import to_html
from argmap.metadata import NOT_STATED, article_facts, edition_url, is_absolute
from argmap.model import Node, Relation, Section
from argmap.sitedata import GeneratedPage, SiteData, slot
from argmap.textscan import PageScan
from argmap.views import LEGEND_ID, OVERVIEW_ID, section_view_id
from argmap.vocabulary import RELATION_PHRASES, RelationType

SRC = "print/index.md"
TITLE = "Print edition"
FOOTNOTES_HERE = "///Footnotes Go Here///"  # Python-Markdown's footnote placeholder

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})([ \t]+.*|)$")
_SETEXT_H1 = re.compile(r"^=+[ \t]*$")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]\s]+\]:", re.M)
_INLINE_LINK = re.compile(r"(\]\()(<[^>\n]*>|[^)\s]+)")
_LINK_DEF = re.compile(r"^(\s{0,3}\[[^\]^][^\]]*\]:\s*)(\S+)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_{}\[\]()#+\-.!]")  # Python-Markdown escapes

_PHRASES = RELATION_PHRASES


def heading_text(text: str) -> str:
    """Plain text for a Markdown heading: markup shown as written, never run or styled."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", escape(text, quote=False))


def chapter_id(page: str) -> str:
    """The anchor of a text page's chapter: `text/introduction.md` -> `print-text-introduction`."""
    stem = page[:-3] if page.endswith(".md") else page
    return "print-" + re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")


def chapters(site: SiteData) -> list[tuple[PageScan, Section | None]]:
    """Text pages in reading order: those of sections in map order, then the others."""
    by_page = {p.page: p for p in site.pages}
    ordered: list[tuple[PageScan, Section | None]] = []
    used: set[str] = set()
    for section in site.amap.sections:
        scan = by_page.get(section.page)
        if scan is not None and scan.page not in used:
            ordered.append((scan, section))
            used.add(scan.page)
    ordered += [(p, None) for p in site.pages if p.page not in used]
    return ordered


def read_source(site: SiteData, scan: PageScan) -> str | None:
    """A text page's Markdown, or None when the docs folder is unknown or the file is gone."""
    if site.docs_dir is None:
        return None
    try:
        return (site.docs_dir / scan.page).read_text(encoding="utf-8")
    except OSError:
        return None


def _from_scan(scan: PageScan) -> str:
    """When the file is out of reach: the scanned paragraphs, with their markers."""
    lines = [f"# {scan.title or scan.page}", ""]
    for para in scan.paragraphs:
        badges = " ".join(
            f"[[{m.node_id}]]" for m in scan.markers if para.anchor and m.anchor == para.anchor
        )
        anchor = f"\n{{: #{para.anchor} }}" if para.anchor else ""
        lines += [f"{para.text} {badges}".rstrip() + anchor, ""]
    return "\n".join(lines)


def _link(target: str, page: str, included: dict[str, str]) -> str:
    """A link of a text page, rewritten for the print page."""
    bracketed = target.startswith("<") and target.endswith(">")
    raw = target[1:-1] if bracketed else target
    if not raw or raw.startswith(("#", "/")) or _SCHEME.match(raw):
        return target
    path, hash_, fragment = raw.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved in included:
        new = f"#{fragment}" if hash_ and fragment else f"#{included[resolved]}"
    else:
        new = posixpath.relpath(resolved, posixpath.dirname(SRC)) + hash_ + fragment
    return f"<{new}>" if bracketed else new


def transform(
    source: str, page: str, title: str, included: dict[str, str], new_page: bool = True
) -> str:
    """A text page's Markdown as a chapter of the print page (see the module docstring)."""
    source = _FRONT_MATTER.sub("", source, count=1)
    prefix = chapter_id(page).removeprefix("print-")
    out: list[str] = []
    fence = ""
    dropped_title = False
    for line in source.splitlines():
        found = _FENCE.match(line)
        if fence:
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        if found:
            fence = found.group(1)
            out.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            if len(heading.group(1)) == 1 and not dropped_title:
                dropped_title = True  # the chapter heading replaces the page title
                continue
            line = "#" * min(len(heading.group(1)) + 1, 6) + heading.group(2)
        elif _SETEXT_H1.match(line) and out and out[-1].strip():
            previous = out.pop()
            if dropped_title:
                out.append(f"## {previous.strip()}")
            else:
                dropped_title = True
            continue
        line = _FOOTNOTE.sub(lambda m: f"[^{prefix}-{m.group(1)}]", line)
        line = _INLINE_LINK.sub(lambda m: m.group(1) + _link(m.group(2), page, included), line)
        line = _LINK_DEF.sub(lambda m: m.group(1) + _link(m.group(2), page, included), line)
        out.append(line)
    starts = " .argmap-print-chapter" if new_page else ""  # else its map opened the chapter
    heading_line = f"## {title} {{: #{chapter_id(page)}{starts} }}"
    return heading_line + "\n\n" + "\n".join(out).strip() + "\n"


def _map_block(view_id: str, caption: str, anchor: str) -> str:
    """A map on a page of its own (landscape on paper), with its caption."""
    return (
        f'<div class="argmap-print-map argmap-print-chapter" id="{escape(anchor)}">\n'
        f'<p class="argmap-print-map-title">{escape(caption)}</p>\n'
        f"{slot(view_id)}\n</div>\n"
    )


def _cover(site: SiteData, title: str) -> str:
    pub = site.publication
    rows: list[tuple[str, str]] = []
    if pub is not None:
        e = pub.edition
        editors = "; ".join(p.display for p in e.editors)
        rows += [
            ("Edition", e.title),
            ("Editors", editors),
            ("Version", e.version),
            ("Date", e.date),
            ("Licence of the map", e.licence.map),
        ]
        url = edition_url(pub)
        if is_absolute(url):
            rows.append(("Online", url))
        facts = article_facts(pub.article)
        rows += [(f"Article: {label.lower()}", v) for label, v in facts if v != NOT_STATED]
        unknown = [label.lower() for label, value in facts if value == NOT_STATED]
        if unknown:
            rows.append((f"Article: {', '.join(unknown)}", NOT_STATED))
    table = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in rows
    )
    guide = (
        "<p>The text is followed, passage by passage, by the ids of the arguments it states, "
        "in brackets: <strong>[id]</strong>. The chapter <em>Arguments</em> lists them by "
        "section, with what each says and how it connects to the others; each section's map "
        "comes before its text. The maps are vector graphics: zoom in on a PDF to read the "
        "smallest boxes.</p>"
    )
    hint = (
        '<p class="argmap-print-hint">This page holds the whole edition, to print or to save '
        "as PDF with your browser's Print command.</p>"
    )
    facts_table = f'<table class="argmap-print-facts">{table}</table>' if table else ""
    return (
        f'<div class="argmap-print-cover">\n{hint}<p class="argmap-print-subtitle">'
        f"{escape(title)}</p>{guide}{facts_table}\n</div>\n"
    )


def _contents(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{escape(a)}">{escape(t)}</a></li>' for a, t in entries)
    return f'<nav class="argmap-print-toc" aria-label="Contents"><ol>{items}</ol></nav>\n'


def _ref(site: SiteData, node_id: str) -> str:
    node = site.nodes.get(node_id)
    title = f" {escape(node.title)}" if node else ""
    return f'<a href="#print-node-{escape(node_id)}"><code>{escape(node_id)}</code></a>{title}'


def _relation_lines(site: SiteData, node: Node, index: Mapping[str, Relation]) -> list[str]:
    lines = []
    for rel in site.outgoing.get(node.id, ()):
        lines.append(f"{_PHRASES[rel.type][0]} {_target(site, rel, index)}")
    for rel in site.incoming.get(node.id, ()):
        linked = " (linked premises)" if len(rel.sources) > 1 else ""
        sources = " + ".join(_ref(site, s) for s in rel.sources)
        lines.append(f"{_PHRASES[rel.type][1]}{linked} {sources}")
    return lines


def _target(site: SiteData, rel: Relation, index: Mapping[str, Relation]) -> str:
    if rel.type is RelationType.UNDERCUTS and rel.target in index:
        inner = index[rel.target]
        sources = " + ".join(_ref(site, s) for s in inner.sources)
        return f"the inference from {sources} to {_ref(site, inner.target)}"
    return _ref(site, rel.target)


def _node_entry(site: SiteData, node: Node, index: Mapping[str, Relation]) -> str:
    kind = node.type.value + (", unstated" if node.implicit else "")
    text = to_html(node.text) if node.text else ""
    rels = "".join(f"<li>{line}</li>" for line in _relation_lines(site, node, index))
    rel_list = f'<ul class="argmap-print-rels">{rels}</ul>' if rels else ""
    return (
        f'<div class="argmap-print-node" id="print-node-{escape(node.id)}">'
        f"<dt><code>{escape(node.id)}</code> "
        f'<span class="argmap-type argmap-type-{node.type.value}">{escape(kind)}</span> '
        f"{escape(node.title)}</dt><dd>{text}{rel_list}</dd></div>"
    )


def _arguments(site: SiteData) -> str:
    parts = ["## Arguments {: #print-arguments .argmap-print-chapter }\n"]
    groups: list[tuple[str, str, list[Node]]] = [
        (s.id, s.title, [n for n in site.amap.nodes if n.section == s.id])
        for s in site.amap.sections
    ]
    known = {s.id for s in site.amap.sections}
    rest = [n for n in site.amap.nodes if n.section not in known]
    if rest:
        groups.append(("other", "Other arguments", rest))
    # Once for the page: made per node, the index cost grew with the square of the map.
    index = site.index.relations if site.index else site.amap.relation_index()
    for section_id, title, nodes in groups:
        if not nodes:
            continue
        anchor = "print-args-" + re.sub(r"[^A-Za-z0-9_-]+", "-", section_id)
        parts.append(f"### {heading_text(title)} {{: #{anchor} }}\n")
        entries = "".join(_node_entry(site, n, index) for n in nodes)
        parts.append(f'<dl class="argmap-print-nodes">{entries}</dl>\n')
    return "\n".join(parts)


def _references(site: SiteData) -> str:
    if site.bibliography is None or not site.bibliography.entries:
        return ""
    entries = sorted(site.bibliography.entries, key=reference_sort_key)
    items = "".join(
        f'<li id="ref-{escape(r.key)}" class="argmap-reference">{render_reference(r)}</li>'
        for r in entries
    )
    return (
        "## References {: #print-references .argmap-print-chapter }\n\n"
        f'<ol class="argmap-references">{items}</ol>\n'
    )


def print_page(site: SiteData) -> GeneratedPage:
    pub = site.publication
    title = pub.edition.title if pub is not None else TITLE
    ordered = chapters(site)
    included = {scan.page: chapter_id(scan.page) for scan, _ in ordered}
    toc: list[tuple[str, str]] = []
    body: list[str] = []
    if OVERVIEW_ID in site.views:
        body.append(_map_block(OVERVIEW_ID, "Overview map", "print-overview"))
        toc.append(("print-overview", "Overview map"))
    notes = False
    for scan, section in ordered:
        name = scan.title or (section.title if section else scan.page)
        mapped = section is not None and section_view_id(section.id) in site.views
        if section is not None and mapped:
            anchor = "print-map-" + chapter_id(scan.page).removeprefix("print-")
            body.append(_map_block(section_view_id(section.id), f"Map: {section.title}", anchor))
        source = read_source(site, scan)
        text = source if source is not None else _from_scan(scan)
        notes = notes or bool(_FOOTNOTE_DEF.search(text))
        body.append(transform(text, scan.page, name, included, new_page=not mapped))
        toc.append((chapter_id(scan.page), name))
    if notes:
        body.append(f"## Notes {{: #print-notes .argmap-print-chapter }}\n\n{FOOTNOTES_HERE}\n")
        toc.append(("print-notes", "Notes"))
    body.append(_arguments(site))
    toc.append(("print-arguments", "Arguments"))
    refs = _references(site)
    if refs:
        body.append(refs)
        toc.append(("print-references", "References"))
    front = f"---\ntitle: {json.dumps(TITLE)}\nsearch:\n  exclude: true\n---\n"
    head = [
        front,
        f"# {heading_text(title)} {{: #print-title }}\n",
        _cover(site, TITLE),
        "## Contents {: #print-contents }\n",
        _contents(toc),
    ]
    if LEGEND_ID in site.views:
        head += [
            "### How to read the maps {: #print-legend }\n",
            f'<div class="argmap-print-legend">\n{slot(LEGEND_ID)}\n</div>\n',
        ]
    return GeneratedPage(SRC, TITLE, "\n".join(head + body))
