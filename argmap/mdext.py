"""Python-Markdown extension for the annotated text (works under MkDocs and Zensical).

- `[[node-id]]` after a passage: a badge linking to the node's page, with the node's title as
  tooltip; the first badge of a node on a page is the anchor `#at-<id>` its page links back to.
- `[@key]`, `[@key, p. 12]`, `[@a; @b]`, `[see @key]`, `[-@key]`: author-year citations
  linked to the references page, the full reference as tooltip.
- A paragraph `[[map: overview]]` (or `section/<id>`, `node/<id>`, `legend`): a diagram.

Links are written as `/arguments/<id>.md`, which MkDocs (with `validation: links:
absolute_links: relative_to_docs`) turns into relative links from each page. Generators that
do not (Zensical) get site-absolute URLs built from `site_url` instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from argmap import authoryear
from argmap.context import TextContext, load_context
from argmap.metadata import article_facts
from argmap.urls import UrlScheme

DIAGRAM = re.compile(r"^\[\[map:\s*(overview|legend|(?:section|node)/[a-z0-9-]+)\s*\]\]$")
ABOUT = re.compile(r"^\[\[about:\s*article\s*\]\]$")
SOURCE_LINK = re.compile(r"^/(?P<path>[^#]*\.md)(?P<fragment>#.*)?$")


@lru_cache(maxsize=4)
def _cached(config_file: str, stamp: tuple[float, ...]) -> TextContext:
    return load_context(Path(config_file))


def _context(config_file: str) -> TextContext:
    # Reloaded only when a source file changed (serve rebuilds reuse the cache otherwise).
    return _cached(config_file, TextContext.stamp(Path(config_file)))


class MarkerProcessor(InlineProcessor):
    def __init__(self, pattern: str, ext: ArgmapExtension) -> None:
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | None, int, int]:
        node_id = m.group(1)
        node = self.ext.context.nodes.get(node_id)
        if node is None:
            return None, m.start(0), m.end(0)  # unknown ids are AM401 in `argmap check`
        el = ET.Element(
            "a",
            {
                "class": f"argmap-badge argmap-type-{node.type.value}",
                "href": f"/arguments/{node_id}.md",
                "title": node.title,
                "data-argmap-node": node_id,
            },
        )
        if node_id not in self.ext.seen:
            self.ext.seen.add(node_id)
            el.set("id", f"at-{node_id}")
        el.text = AtomicString(node_id)
        return el, m.start(0), m.end(0)


class CiteProcessor(InlineProcessor):
    def __init__(self, pattern: str, ext: ArgmapExtension) -> None:
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | None, int, int]:
        group = authoryear.parse_group(m.group(1))
        bib = self.ext.context.bibliography
        if group is None or bib is None:
            return None, m.start(0), m.end(0)
        span = ET.Element("span", {"class": "argmap-cite"})
        span.text = ""
        last: ET.Element | None = None
        for text, key in authoryear.render_group_parts(group, bib):
            if key is None:
                if last is None:
                    span.text = AtomicString(span.text + text)
                else:
                    last.tail = AtomicString((last.tail or "") + text)
                continue
            ref = bib.get(key)
            last = ET.SubElement(
                span,
                "a",
                {
                    "href": f"/references.md#ref-{key}",
                    "title": authoryear.render_reference_text(ref) if ref else key,
                },
            )
            last.text = AtomicString(text)  # words of the bibliography: never Markdown or HTML
        return span, m.start(0), m.end(0)


class DiagramProcessor(BlockProcessor):
    def __init__(self, parser: Any, ext: ArgmapExtension) -> None:
        super().__init__(parser)
        self.ext = ext

    def test(self, parent: ET.Element, block: str) -> bool:
        return bool(DIAGRAM.match(block.strip()))

    def run(self, parent: ET.Element, blocks: list[str]) -> bool:
        match = DIAGRAM.match(blocks.pop(0).strip())
        assert match is not None
        view = match.group(1)
        div = ET.SubElement(parent, "div", {"class": "argmap-diagram-slot", "data-view": view})
        # Without the MkDocs plugin (Zensical), nothing fills the slot: offer the map page.
        link = ET.SubElement(div, "a", {"href": _map_page(view), "class": "argmap-map-link"})
        link.text = "Open this map"
        return True


class AboutProcessor(BlockProcessor):
    """`[[about: article]]`: what is known of the edited article, unknowns said plainly."""

    def __init__(self, parser: Any, ext: ArgmapExtension) -> None:
        super().__init__(parser)
        self.ext = ext

    def test(self, parent: ET.Element, block: str) -> bool:
        return bool(ABOUT.match(block.strip()))

    def run(self, parent: ET.Element, blocks: list[str]) -> bool:
        blocks.pop(0)
        publication = self.ext.context.publication
        table = ET.SubElement(parent, "table", {"class": "argmap-article-facts"})
        facts = article_facts(publication.article) if publication else ()
        for label, value in facts:
            row = ET.SubElement(table, "tr")
            ET.SubElement(row, "th").text = label
            ET.SubElement(row, "td").text = value
        return True


class SiteLinks(Treeprocessor):
    """Under MkDocs, its own link processor (registered after this extension as `relpath`)
    makes `/x.md` links relative. Elsewhere, make them site-absolute URLs here."""

    def __init__(self, md: Markdown, ext: ArgmapExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: ET.Element) -> None:
        if "relpath" in self.md.treeprocessors:
            return
        urls, base = UrlScheme(), self.ext.context.base_path
        for link in root.iter("a"):
            m = SOURCE_LINK.match(link.get("href", ""))
            if m:
                link.set("href", base + urls.url(m["path"]) + (m["fragment"] or ""))


def _map_page(view: str) -> str:
    kind, _, name = view.partition("/")
    if kind == "node":
        return f"/arguments/{name}.md"
    if kind == "section":
        return f"/maps/{name}.md"
    return "/maps/index.md"


class ArgmapExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "config_file": [
                "mkdocs.yml",
                "the mkdocs.yml whose argmap plugin entry says "
                "where the map and the bibliography are",
            ],
            # Set by the MkDocs plugin, which has read everything already; without it
            # (Zensical) the extension reads the sources itself, once per change.
            # Not None: Python-Markdown turns an option whose default is None into a
            # boolean, and the context would arrive as True (every page then re-read the
            # sources: 40 s of a 5,000-node build).
            "context": ["", "a TextContext given by the MkDocs plugin"],
        }
        super().__init__(**kwargs)
        self.seen: set[str] = set()
        self.context = TextContext.empty()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        given = self.getConfig("context")
        if isinstance(given, TextContext):
            self.context = given
        else:
            self.context = _context(str(self.getConfig("config_file")))
        md.registerExtension(self)
        md.inlinePatterns.register(
            MarkerProcessor(r"\[\[([a-z][a-z0-9-]*)\]\]", self), "argmap-marker", 176
        )
        md.inlinePatterns.register(
            CiteProcessor(authoryear.CITATION_PATTERN, self), "argmap-cite", 175
        )
        md.parser.blockprocessors.register(DiagramProcessor(md.parser, self), "argmap-diagram", 105)
        md.parser.blockprocessors.register(AboutProcessor(md.parser, self), "argmap-about", 104)
        md.treeprocessors.register(SiteLinks(md, self), "argmap-links", 5)

    def reset(self) -> None:
        self.seen = set()


def makeExtension(**kwargs: Any) -> ArgmapExtension:  # noqa: N802
    return ArgmapExtension(**kwargs)
