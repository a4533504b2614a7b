"""Everything the generated pages are made from, gathered once per build."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from argmap.bibliography import Bibliography
from argmap.metadata import Publication
from argmap.model import ArgumentMap, Node, Relation
from argmap.svg import relink
from argmap.textscan import Marker, PageScan
from argmap.urls import UrlScheme
from argmap.views import MapIndex, View, build_index


@dataclass(frozen=True)
class Repository:
    """Where contributors edit and discuss; empty strings hide the links."""

    url: str = ""
    edit_uri: str = ""
    docs_prefix: str = "docs/"  # the docs folder, relative to the repository root

    def edit_url(self, path: str) -> str:
        if not self.url:
            return ""
        path = path.removeprefix(self.docs_prefix)
        return f"{self.url.rstrip('/')}/{self.edit_uri.strip('/')}/{path}"

    def line_url(self, path: str, line: int) -> str:
        if not self.url:
            return ""
        blob = self.edit_uri.strip("/").replace("edit/", "blob/", 1)
        return f"{self.url.rstrip('/')}/{blob}/{path.removeprefix(self.docs_prefix)}#L{line}"


@dataclass(frozen=True)
class SiteData:
    amap: ArgumentMap
    bibliography: Bibliography | None
    pages: tuple[PageScan, ...]
    publication: Publication | None
    views: dict[str, View]
    urls: UrlScheme = field(default_factory=UrlScheme)
    repository: Repository = field(default_factory=Repository)
    nodes: dict[str, Node] = field(default_factory=dict)
    incoming: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    outgoing: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    markers: dict[str, tuple[Marker, ...]] = field(default_factory=dict)
    docs_dir: Path | None = None  # where text sources are read (the print edition)
    # Built once: every section page's text outline reads it (rebuilt per page, it cost 22 s
    # for 5,000 nodes).
    index: MapIndex | None = None


def site_data(
    amap: ArgumentMap,
    bibliography: Bibliography | None,
    pages: tuple[PageScan, ...],
    publication: Publication | None,
    views: dict[str, View],
    urls: UrlScheme,
    repository: Repository,
    docs_dir: Path | None = None,
) -> SiteData:
    incoming: dict[str, list[Relation]] = defaultdict(list)
    outgoing: dict[str, list[Relation]] = defaultdict(list)
    for rel in amap.relations:
        incoming[rel.target].append(rel)
        for source in rel.sources:
            outgoing[source].append(rel)
    markers: dict[str, list[Marker]] = defaultdict(list)
    for page in pages:
        for m in page.markers:
            markers[m.node_id].append(m)
    return SiteData(
        amap,
        bibliography,
        pages,
        publication,
        views,
        urls,
        repository,
        amap.node_index(),
        {k: tuple(v) for k, v in incoming.items()},
        {k: tuple(v) for k, v in outgoing.items()},
        {k: tuple(v) for k, v in markers.items()},
        docs_dir,
        build_index(amap),
    )


@dataclass(frozen=True)
class GeneratedPage:
    """A page made by argmap: Markdown (with raw HTML blocks) plus what goes into <head>."""

    src: str
    title: str
    markdown: str
    head: str = ""
    body_end: str = ""


@dataclass(frozen=True)
class GeneratedFile:
    src: str
    content: str


def front_matter(title: str) -> str:
    """The page's title for MkDocs. Escaped here because MkDocs themes print `page.title`
    into <title> and headers without escaping: a title is text, never markup."""
    return f"---\ntitle: {json.dumps(html.escape(title, quote=False))}\n---\n"


def slot(view_id: str) -> str:
    """Where a diagram goes; filled after Markdown rendering so the SVG skips the Markdown and
    search stages (measured: 25 times faster than SVG inside the Markdown)."""
    return f'<div class="argmap-diagram-slot" data-view="{view_id}"></div>'


_SLOT = re.compile(r'<div class="argmap-diagram-slot" data-view="([^"]+)">.*?</div>', re.S)


def fill_slots(text: str, svgs: dict[str, str], page_url: str, urls: UrlScheme) -> str:
    """Put each diagram where its slot is, with links made relative to the page."""

    def fill(m: re.Match[str]) -> str:
        svg = svgs.get(m.group(1))
        if svg is None:
            return m.group(0)
        return f'<figure class="argmap-figure">{relink(svg, page_url, urls)}</figure>'

    return _SLOT.sub(fill, text)
