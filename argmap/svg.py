"""Make Graphviz's SVG safe and accessible to inline in a page, and give it relative links.

Inline SVG (not <img>) is what makes node links work and lets CSS follow the light and dark
palettes, so the SVG is treated as untrusted markup entering the page: only an allow-list of
drawing elements and attributes survives, ids are prefixed per diagram (several per page),
and links are restricted to the `argmap:` placeholders written by `argmap.dot`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from urllib.parse import quote as url_quote

from argmap.dot import clean
from argmap.model import ArgumentMap
from argmap.urls import UrlScheme, relative
from argmap.views import MapIndex, View, ViewEdge, build_index

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}"
DIRECTORY_URLS = UrlScheme(directory_urls=True)
MIN_TEXT_PX = 10  # the smallest text a reader should meet when the map is scaled to fit

_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "a",
        "title",
        "desc",
        "path",
        "polygon",
        "polyline",
        "ellipse",
        "circle",
        "rect",
        "line",
        "text",
        "tspan",
    }
)
_ATTRS = frozenset(
    {
        "id",
        "class",
        "d",
        "points",
        "cx",
        "cy",
        "rx",
        "ry",
        "r",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "width",
        "height",
        "viewBox",
        "transform",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-opacity",
        "fill-opacity",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "href",
    }
)
_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_PLACEHOLDER = re.compile(r'href="argmap:([a-z]+)/([^"]*)"')


class SvgError(ValueError):
    """Graphviz returned something that is not an SVG document."""


def finish(svg: str, view: View) -> str:
    """The SVG of one view, sanitized, id-prefixed, titled and ready to inline."""
    try:
        root = ET.fromstring(svg)  # drops the prolog, doctype and comments
    except ET.ParseError as exc:
        raise SvgError(f"view {view.id!r}: Graphviz output is not XML: {exc}") from exc
    if _local(root.tag) != "svg":
        raise SvgError(f"view {view.id!r}: expected <svg>, got <{_local(root.tag)}>")
    prefix = "argmap-" + re.sub(r"[^a-z0-9-]+", "-", view.id.lower()).strip("-") + "-"
    _sanitize(root)
    _name_parts(root)
    _prefix_ids(root, prefix)
    _label_root(root, view, prefix)
    return ET.tostring(root, encoding="unicode")


def relink(markup: str, page_url: str, urls: UrlScheme = DIRECTORY_URLS) -> str:
    """Rewrite `argmap:node/<id>` and `argmap:section/<id>` into links relative to a page.

    `page_url` is the page's URL relative to the site root, as MkDocs gives it:
    `arguments/foo/`, `text/introduction/`, or `` for the home page.
    """
    routes = {"node": urls.node_src, "section": urls.section_src}

    def rewrite(match: re.Match[str]) -> str:
        kind, ident = match.group(1), html.unescape(match.group(2))
        if kind not in routes:
            return match.group(0)
        target = urls.url(routes[kind](url_quote(ident, safe="")))
        return f'href="{html.escape(relative(page_url, target))}"'

    return _PLACEHOLDER.sub(rewrite, markup)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sanitize(root: ET.Element) -> None:
    """Keep drawing elements and attributes only; links only to placeholders and fragments."""
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or _local(child.tag) not in _ELEMENTS:
                parent.remove(child)
    for el in root.iter():
        el.tag = _local(el.tag)
        tooltip = el.attrib.pop(XLINK + "title", "")
        attrs = {_local(k): v for k, v in el.attrib.items()}
        href = attrs.pop("href", "")
        el.attrib.clear()
        el.attrib.update({k: v for k, v in attrs.items() if _safe(k, v)})
        if el.tag == "a" and href.startswith(("argmap:", "#")):
            el.set("href", href)
        if el.tag == "a" and tooltip:
            title = ET.Element("title")
            title.text = clean(tooltip)
            el.insert(0, title)


def _safe(name: str, value: str) -> bool:
    if name not in _ATTRS or name == "href":
        return False
    lowered = value.lower()
    return "javascript:" not in lowered and ("url(" not in lowered or "url(#" in lowered)


def _texts(el: ET.Element) -> str:
    return clean(" ".join(t.text or "" for t in el.iter("text")))


def _name_parts(root: ET.Element) -> None:
    """Graphviz titles name DOT nodes ("claim-3", "a->b"); readers get the visible label."""
    for group in root.iter("g"):
        classes = group.get("class", "").split()
        title = group.find("title")
        if title is None:
            continue
        if "graph" in classes:
            group.remove(title)  # the root's own <title> replaces it
            continue
        anchor = group.find("g/a")
        tip = anchor.find("title") if anchor is not None else None
        label = _texts(group)
        title.text = label if "node" in classes or "cluster" in classes else ""
        if not title.text and tip is not None:
            title.text = tip.text
        if anchor is not None and anchor.get("href"):
            anchor.set("tabindex", "0")  # Safari leaves SVG links out of the tab order
            if label:
                anchor.set("aria-label", label)


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    for el in root.iter():
        if "id" in el.attrib:
            el.set("id", prefix + el.attrib["id"])
        for key, value in list(el.attrib.items()):
            if "url(#" in value:
                el.set(key, _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value))
        if el.get("href", "").startswith("#"):
            el.set("href", "#" + prefix + el.attrib["href"][1:])


def _label_root(root: ET.Element, view: View, prefix: str) -> None:
    linked = any(a.get("href") for a in root.iter("a"))
    # role="img" would hide the node links from assistive technology; a group keeps them.
    root.set("role", "group" if linked else "img")
    root.set("class", "argmap-diagram")
    root.set("aria-labelledby", prefix + "title")
    root.set("aria-describedby", prefix + "desc")
    root.set("xmlns", SVG_NS)
    width_pt, min_font = _size(root)
    if width_pt:
        root.set("width", f"{width_pt * 4 / 3:.0f}")
        root.set("height", f"{_points(root.get('height', '0')) * 4 / 3:.0f}")
        if min_font:  # scale down to fit the column, but never below legible text
            floor = min(width_pt * MIN_TEXT_PX / min_font, width_pt * 4 / 3)
            root.set("style", f"min-width:{floor:.0f}px")
    for tag, text in (("desc", view.description), ("title", view.title)):
        el = ET.Element(tag, {"id": prefix + tag})
        el.text = clean(text)
        root.insert(0, el)


def _points(value: str) -> float:
    try:
        return float(value.removesuffix("pt").removesuffix("px"))
    except ValueError:
        return 0.0


def _size(root: ET.Element) -> tuple[float, float]:
    """Natural width (pt) and the smallest font size used (pt)."""
    sizes = [_points(t.get("font-size", "")) for t in root.iter("text")]
    return _points(root.get("width", "0")), min((s for s in sizes if s > 0), default=0.0)


def outline(view: View, amap: ArgumentMap, idx: MapIndex | None = None) -> str:
    """The view as nested HTML lists: sections, their nodes, each node's relations.

    A text alternative beside the diagram, with the same placeholder links (so `relink`
    applies to it too) and every piece of text escaped.
    """
    idx = idx or build_index(amap)
    by_source: dict[str, list[ViewEdge]] = {}
    for edge in view.edges:
        for src in edge.sources:
            by_source.setdefault(src, []).append(edge)
    children: dict[str, list[str]] = {}
    for c in view.clusters:
        children.setdefault(c.parent, []).append(c.id)
    clusters = {c.id: c for c in view.clusters}
    clustered = {n for c in view.clusters for n in c.nodes}

    def section(cid: str) -> str:
        c = clusters[cid]
        items = [_node_item(n, view, idx, by_source) for n in c.nodes]
        items += [section(child) for child in children.get(cid, ())]
        link = f'<a href="argmap:section/{_e(cid)}">{_e(c.title)}</a>'
        return f"<li>Section {link}<ul>{''.join(items)}</ul></li>"

    items = [section(cid) for cid in children.get("", ())]
    items += [_node_item(n, view, idx, by_source) for n in view.nodes if n not in clustered]
    items += [_summary_item(b.id, view, idx, by_source) for b in view.summaries]
    label = f'aria-label="{_e("Text outline: " + view.title)}"'
    return f'<div class="argmap-outline" {label}><ul>{"".join(items)}</ul></div>'


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _ref(ref: str, view: View, idx: MapIndex) -> str:
    """A link to a node or a collapsed section, by its visible name."""
    if ref in idx.nodes:
        return f'<a href="argmap:node/{_e(ref)}">{_e(idx.nodes[ref].title)}</a>'
    box = next((b for b in view.summaries if b.id == ref), None)
    if box is None:
        return _e(ref)
    name = f"section “{box.title}”"
    return f'<a href="argmap:{_e(box.link)}">{_e(name)}</a>' if box.link else _e(name)


def _relation_item(edge: ViewEdge, src: str, view: View, idx: MapIndex) -> str:
    if edge.type.value == "undercuts" and edge.target in idx.relations:
        rel = idx.relations[edge.target]
        inner = " and ".join(_ref(s, view, idx) for s in rel.sources)
        target = f"the inference from {inner} to {_ref(rel.target, view, idx)}"
    else:
        target = _ref(edge.target, view, idx)
    others = [s for s in edge.sources if s != src]
    together = f", together with {', '.join(_ref(s, view, idx) for s in others)}" if others else ""
    count = f" ({edge.count} relations)" if edge.count > 1 else ""
    return f"<li>{_e(edge.type.value)} {target}{together}{count}</li>"


def _node_item(
    node_id: str, view: View, idx: MapIndex, by_source: Mapping[str, list[ViewEdge]]
) -> str:
    node = idx.nodes[node_id]
    tag = "strong" if node_id == view.focus else "span"
    kind = node.type.value + (", unstated" if node.implicit else "")
    rels = "".join(_relation_item(e, node_id, view, idx) for e in by_source.get(node_id, ()))
    nested = f"<ul>{rels}</ul>" if rels else ""
    return f"<li><{tag}>{_ref(node_id, view, idx)}</{tag}> ({_e(kind)}){nested}</li>"


def _summary_item(
    box_id: str, view: View, idx: MapIndex, by_source: Mapping[str, list[ViewEdge]]
) -> str:
    box = next(b for b in view.summaries if b.id == box_id)
    rels = "".join(_relation_item(e, box_id, view, idx) for e in by_source.get(box_id, ()))
    nested = f"<ul>{rels}</ul>" if rels else ""
    counts = f"{box.claims} claims, {box.nodes} nodes"
    return f"<li>{_ref(box_id, view, idx)} ({_e(counts)}){nested}</li>"
