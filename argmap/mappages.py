"""The map pages: the overview with its legend, one page per section, the index of all
arguments, and the pages that send readers of a retired id to its successor."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from argmap.model import Node, Section
from argmap.nodepage import type_badge
from argmap.sitedata import GeneratedPage, SiteData, front_matter, slot
from argmap.svg import outline, relink
from argmap.urls import UrlScheme, relative
from argmap.views import section_view_id

_front = front_matter


def _alternative(site: SiteData, view_id: str, here: str) -> str:
    view = site.views.get(view_id)
    if view is None:
        return ""
    text = relink(outline(view, site.amap, site.index), here)
    return (
        '<details class="argmap-outline"><summary>Text outline of this map (the same '
        f"nodes and relations)</summary>{text}</details>\n"
    )


def _section_list(site: SiteData, here: str) -> str:
    rows = []
    for s in site.amap.sections:
        href = relative(here, site.urls.url(site.urls.section_src(s.id)))
        count = sum(1 for n in site.amap.nodes if n.section == s.id)
        indent = ' class="argmap-subsection"' if s.parent else ""
        rows.append(
            f'<li{indent}><a href="{escape(href)}">{escape(s.title)}</a> ({count} nodes)</li>'
        )
    return '<ul class="argmap-section-list">' + "".join(rows) + "</ul>\n" if rows else ""


def section_meta(section_id: str, page_url: str, urls: UrlScheme) -> str:
    """Tells the reading script which map belongs beside a text page (no extra fetch)."""
    href = relative(page_url, urls.url(urls.section_src(section_id)))
    return (f'<meta name="argmap-section" content="{escape(section_id)}" '
            f'data-argmap-map="{escape(href)}">')


def overview_page(site: SiteData) -> GeneratedPage:
    src = "maps/index.md"
    here = site.urls.url(src)
    parts = [
        _front("Overview map"),
        "# Overview map\n",
        "The whole argument at a glance: each section of the text is a card listing its "
        "thesis and claims, and every row links to that argument's own page. Lines between "
        "cards count the relations between sections; the footer of a card opens the "
        "section's full map. Small maps are drawn node by node. The legend below explains "
        "shapes, lines and colours.\n",
        slot("overview"),
        _alternative(site, "overview", here),
        "## Legend\n",
        slot("legend"),
        "## Sections\n",
        _section_list(site, here),
    ]
    return GeneratedPage(src, "Overview map", "\n".join(p for p in parts if p))


def section_page(site: SiteData, section: Section) -> GeneratedPage:
    src = site.urls.section_src(section.id)
    here = site.urls.url(src)
    view_id = section_view_id(section.id)
    parts = [_front(f"Map: {section.title}"), f"# Map: {escape(section.title)}\n"]
    if section.page:
        href = relative(here, site.urls.url(section.page))
        parts.append(f'<p>Read <a href="{escape(href)}">the text of this section</a>.</p>\n')
    parts += [slot(view_id), _alternative(site, view_id, here)]
    nodes = [n for n in site.amap.nodes if n.section == section.id]
    if nodes:
        parts += ["## Arguments in this section\n", _table(site, here, nodes)]
    return GeneratedPage(src, f"Map: {section.title}", "\n".join(p for p in parts if p))


def _table(site: SiteData, here: str, nodes: list[Node]) -> str:
    sections = {s.id: s.title for s in site.amap.sections}
    rows = []
    for n in nodes:
        href = escape(relative(here, site.urls.node(n.id)))
        rows.append(
            f'<tr data-type="{n.type.value}"><td><code>{escape(n.id)}</code></td>'
            f'<td><a href="{href}">{escape(n.title)}</a></td>'
            f"<td>{type_badge(n.type.value)}</td>"
            f"<td>{escape(sections.get(n.section, n.section))}</td></tr>"
        )
    return (
        '<div class="argmap-table-wrap"><table class="argmap-index" data-sortable>'
        "<thead><tr><th>id</th><th>title</th><th>type</th><th>section</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table></div>\n"
    )


def index_page(site: SiteData) -> GeneratedPage:
    src = "arguments/index.md"
    here = site.urls.url(src)
    counts: dict[str, int] = {}
    for n in site.amap.nodes:
        counts[n.type.value] = counts.get(n.type.value, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    parts = [
        _front("All arguments"),
        "# All arguments\n",
        f"{len(site.amap.nodes)} nodes ({summary}) and {len(site.amap.relations)} "
        "relations. Each id is permanent: cite it, link to it.\n",
        '<p class="argmap-filter" hidden><label>Filter <input type="search" '
        'class="argmap-filter-input" placeholder="id, title, type or section">'
        "</label></p>\n",
        _table(site, here, list(site.amap.nodes)),
    ]
    return GeneratedPage(src, "All arguments", "\n".join(parts))


def retired_pages(site: SiteData) -> Iterator[GeneratedPage]:
    for old in site.amap.retired:
        src = site.urls.node_src(old.id)
        here = site.urls.url(src)
        href = escape(relative(here, site.urls.node(old.successor)))
        successor = site.nodes.get(old.successor)
        title = escape(successor.title) if successor else escape(old.successor)
        note = f"<p>{escape(old.note)}</p>" if old.note else ""
        body = (
            f"# Moved: {escape(old.id)}\n\n"
            f'<div class="argmap-retired"><p>The argument <code>{escape(old.id)}</code> '
            f'was retired. It continues as <a href="{href}">{title}</a> '
            f"(<code>{escape(old.successor)}</code>).</p>{note}</div>\n"
        )
        head = f'<meta http-equiv="refresh" content="0; url={href}">'
        yield GeneratedPage(src, f"Moved: {old.id}", _front(f"Moved: {old.id}") + body, head)
