"""The permanent page of one node: what it says, how it connects, where it stands in the
text, what it cites, and how to cite, edit and discuss it."""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

from argmap.authoryear import cite_label, render_reference
from argmap.citeformats import CiteThis, cite_node
from argmap.markup import to_html
from argmap.metadata import edition_url
from argmap.model import Node, Relation
from argmap.scholarly import node_meta
from argmap.sitedata import GeneratedFile, GeneratedPage, SiteData, front_matter, slot
from argmap.urls import relative
from argmap.views import node_view_id
from argmap.vocabulary import RELATION_PHRASES, RelationType

# As a node page reads them: "is supported by".
PHRASES = {t: (out, f"is {into}") for t, (out, into) in RELATION_PHRASES.items()}


def type_badge(kind: str) -> str:
    return f'<span class="argmap-type argmap-type-{kind}">{kind}</span>'


def node_link(site: SiteData, here: str, node_id: str) -> str:
    node = site.nodes.get(node_id)
    title = escape(node.title) if node else escape(node_id)
    kind = type_badge(node.type.value) if node else ""
    href = escape(relative(here, site.urls.node(node_id)))
    return f'{kind} <a href="{href}">{title}</a> <code>{escape(node_id)}</code>'


def _relation_items(site: SiteData, here: str, node: Node) -> list[str]:
    items = []
    for rel in site.outgoing.get(node.id, ()):
        items.append(_described(site, here, rel, PHRASES[rel.type][0], _target_ids(site, rel)))
    for rel in site.incoming.get(node.id, ()):
        items.append(_described(site, here, rel, PHRASES[rel.type][1], rel.sources))
    return items


def _target_ids(site: SiteData, rel: Relation) -> tuple[str, ...]:
    if rel.type is RelationType.UNDERCUTS:
        target = site.index.relations.get(rel.target) if site.index else None
        return (*target.sources, target.target) if target else ()
    return (rel.target,)


def _described(
    site: SiteData, here: str, rel: Relation, phrase: str, others: tuple[str, ...]
) -> str:
    links = " + ".join(node_link(site, here, o) for o in others)
    linked = " (linked premises)" if len(rel.sources) > 1 else ""
    why = f'<div class="argmap-why">{to_html(rel.text)}</div>' if rel.text else ""
    return (
        f'<li class="argmap-rel argmap-rel-{rel.type.value}" id="rel-{escape(rel.id)}">'
        f"<strong>{phrase}</strong>{linked} {links}{why}</li>"
    )


def _citations(site: SiteData, here: str, node: Node) -> str:
    if not node.cites:
        return ""
    refs = relative(here, site.urls.url("references.md"))
    items = []
    for c in node.cites:
        ref = site.bibliography.get(c.key) if site.bibliography else None
        label = escape(cite_label(ref)) if ref else escape(c.key)
        full = render_reference(ref) if ref else ""
        where = f", {escape(c.locator)}" if c.locator else ""
        items.append(
            f'<li><a href="{escape(refs)}#ref-{escape(c.key)}">{label}</a>{where}'
            f'<div class="argmap-ref-full">{full}</div></li>'
        )
    return '## Sources\n\n<ul class="argmap-sources">' + "".join(items) + "</ul>\n"


def _in_text(site: SiteData, here: str, node: Node) -> str:
    parts = []
    if node.quote:
        parts.append(f'<blockquote class="argmap-quote"><p>{escape(node.quote)}</p></blockquote>')
    for m in site.markers.get(node.id, ())[:1]:
        href = relative(here, site.urls.url(m.page) + f"#at-{node.id}")
        parts.append(
            f'<p><a class="argmap-to-text" href="{escape(href)}">Read this passage '
            "in the text</a></p>"
        )
    if not parts and node.anchor:
        page = next(
            (p for p in site.pages for para in p.paragraphs if para.anchor == node.anchor), None
        )
        if page:
            href = relative(here, site.urls.url(page.page) + f"#{node.anchor}")
            parts.append(
                f'<p><a class="argmap-to-text" href="{escape(href)}">Read the '
                "paragraph in the text</a></p>"
            )
    return (
        '## In the text\n\n<div class="argmap-in-text">' + "".join(parts) + "</div>\n"
        if parts
        else ""
    )


def _cite_box(here: str, node: Node, cite: CiteThis) -> str:
    base = relative(here, f"arguments/{node.id}/")
    formats = (
        ("APA", cite.apa_html, ""),
        ("Chicago author-date", cite.chicago_html, ""),
        ("BibTeX", "", cite.bibtex),
        ("RIS", "", cite.ris),
        ("CSL-JSON", "", cite.csl_json),
    )
    blocks = []
    for name, html_text, raw in formats:
        body = f"<p>{html_text}</p>" if html_text else f"<pre><code>{escape(raw)}</code></pre>"
        is_open = " open" if name == "APA" else ""
        blocks.append(
            f'<details class="argmap-cite-format"{is_open}><summary>{name}'
            f"</summary>{body}</details>"
        )
    downloads = " · ".join(
        f'<a href="{escape(base)}cite.{ext}" download>{label}</a>'
        for ext, label in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
    )
    return (
        '## Cite this argument\n\n<div class="argmap-cite">'
        + "".join(blocks)
        + f'<p class="argmap-downloads">Download: {downloads}</p></div>\n'
    )


def _contribute(site: SiteData, node: Node) -> str:
    repo = site.repository
    if not repo.url:
        return ""
    path = node.span.path
    edit = repo.edit_url(path)
    line = repo.line_url(path, node.span.line)
    body = (
        f"About the argument `{node.id}` ({node.title}):\n\n"
        f"<!-- What is wrong or missing? Cite a source where you can. -->\n"
    )
    issue = f"{repo.url.rstrip('/')}/issues/new?" + urlencode(
        {"title": f"[{node.id}] ", "body": body}, quote_via=quote
    )
    links = [
        f'<a href="{escape(edit)}">Edit this node</a>',
        f'<a href="{escape(line)}">See it in its file (line {node.span.line})</a>',
        f'<a href="{escape(issue)}">Discuss it (new issue)</a>',
    ]
    return (
        '## Improve this argument\n\n<p class="argmap-contribute">' + " · ".join(links) + "</p>\n"
    )


def _appearance(site: SiteData, node: Node) -> str:
    """Where the text states the node, as a URL of this edition (for JSON-LD `appearance`)."""
    assert site.publication is not None
    markers = site.markers.get(node.id, ())
    if not markers:
        return ""
    return edition_url(site.publication) + site.urls.url(markers[0].page) + f"#at-{node.id}"


def node_page(site: SiteData, node: Node) -> tuple[GeneratedPage, tuple[GeneratedFile, ...]]:
    src = site.urls.node_src(node.id)
    here = site.urls.url(src)
    section = next((s for s in site.amap.sections if s.id == node.section), None)
    section_link = ""
    if section:
        href = relative(here, site.urls.url(site.urls.section_src(section.id)))
        section_link = f' · section <a href="{escape(href)}">{escape(section.title)}</a>'
    implicit = " · <em>implicit (added by the editors)</em>" if node.implicit else ""
    relations = _relation_items(site, here, node)
    parts = [
        front_matter(node.title),
        f'<h1 id="{escape(node.id)}">{escape(node.title)}</h1>\n',
        f'<p class="argmap-node-meta">{type_badge(node.type.value)} · id '
        f"<code>{escape(node.id)}</code>{section_link}{implicit}</p>\n",
        f'<div class="argmap-node-text">{to_html(node.text)}</div>\n' if node.text else "",
        slot(node_view_id(node.id)) + "\n",
        '## Relations\n\n<ul class="argmap-relations">' + "".join(relations) + "</ul>\n"
        if relations
        else "",
        _citations(site, here, node),
        _in_text(site, here, node),
    ]
    files: tuple[GeneratedFile, ...] = ()
    head = body_end = ""
    if site.publication is not None:
        cite = cite_node(site.publication, node)
        parts.append(_cite_box(here, node, cite))
        files = tuple(
            GeneratedFile(f"arguments/{node.id}/cite.{ext}", text)
            for ext, text in (("bib", cite.bibtex), ("ris", cite.ris), ("json", cite.csl_json))
        )
        meta = node_meta(site.publication, node, _appearance(site, node))
        head, body_end = meta.head, meta.body
    parts.append(_contribute(site, node))
    return GeneratedPage(src, node.title, "\n".join(p for p in parts if p), head, body_end), files
