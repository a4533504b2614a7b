"""Make Graphviz's SVG safe and accessible to inline in a page, and give it relative links.

Inline SVG (not <img>) is what makes node links work and lets CSS follow the light and dark
palettes, so the SVG is treated as untrusted markup entering the page. Graphviz output of our
own DOT is checked against a strict lexical subset (drawing elements, double-quoted allowed
attributes, links only to `argmap:` placeholders) and then dressed with whole-document
substitutions, which is fast enough for thousands of diagrams. Anything outside that subset
goes through a full XML parse that removes what is not allowed (scripts, foreignObject, event
handlers, external references) before the same dressing.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote as url_quote

from argmap.dot import clean, diagram_prefix
from argmap.outline import outline as outline  # the text alternative, re-exported
from argmap.urls import UrlScheme, relative
from argmap.views import View

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}"
DIRECTORY_URLS = UrlScheme(directory_urls=True)
MIN_TEXT_PX = 10  # the smallest text a reader should meet when the map is scaled to fit
FINISH_VERSION = "finish-2"  # part of the render cache key: bump when `finish` output changes

# fmt: off
_ELEMENTS = frozenset({
    "svg", "g", "a", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle",
    "rect", "line", "text", "tspan",
})
_ATTRS = frozenset({
    "id", "class", "d", "points", "cx", "cy", "rx", "ry", "r", "x", "y", "x1", "y1", "x2", "y2",
    "width", "height", "viewBox", "transform", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "stroke-opacity", "fill-opacity", "font-family", "font-size",
    "font-weight", "font-style", "text-anchor", "xlink:href", "xlink:title",
})
# fmt: on
_ROOT_ATTRS = frozenset({"xmlns", "xmlns:xlink"})


def _alternatives(names: frozenset[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# The whole document must be text without "<", and tags of allowed elements whose attributes
# are allowed names with double-quoted values; no value may hold "(" (so no url(...) to load
# anything) except the harmless transform and tooltip. One possessive pass, no backtracking.
_FREE_TEXT = frozenset({"transform", "xlink:title"})
_LEXICON = re.compile(
    rf"(?:[^<]++|</?(?:{_alternatives(_ELEMENTS)})(?:\s++(?:"
    rf'(?:{_alternatives(_FREE_TEXT)})="[^"<>]*+"|'
    rf'(?:{_alternatives(_ATTRS - _FREE_TEXT | _ROOT_ATTRS)})="[^"<>(]*+"))*+\s*+/?>)*+'
)
_HREFS = re.compile(r'href="([^"]*)"')
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_ANCHOR = re.compile(r'<a(?: xlink:href="([^"]*)")?(?: xlink:title="([^"]*)")?>')
_ROOT = re.compile(r"<svg\b[^>]*>")
_PAGE = re.compile(r' id="page\d+,\d+_')
_FONT_SIZES = re.compile(r'font-size="([0-9.]+)"')
_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_PLACEHOLDER = re.compile(r'href="argmap:([a-z]+)/([^"]*)"')


class SvgError(ValueError):
    """Graphviz returned something that is not an SVG document."""


def finish(svg: str, view: View) -> str:
    """The SVG of one view: sanitized, ids prefixed, titled, links focusable, ready to inline."""
    prefix = diagram_prefix(view.id)
    start = svg.find("<svg")
    if start < 0:
        raise SvgError(f"view {view.id!r}: Graphviz output holds no <svg> element")
    body = _COMMENT.sub("", svg[start:])  # the prolog, doctype and comments go
    if not _in_subset(body):
        body = _sanitized(body, view.id, prefix)
    return _dress(body, view, prefix)


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
        target = urls.url(routes[kind](url_quote(ident, safe="")))  # ids are words; be sure
        return f'href="{html.escape(relative(page_url, target))}"'

    return _PLACEHOLDER.sub(rewrite, markup)


def _in_subset(body: str) -> bool:
    """True when the markup is plain Graphviz output of the kind our DOT produces."""
    if _LEXICON.fullmatch(body) is None:
        return False
    return all(h.startswith(("argmap:", "#")) for h in _HREFS.findall(body))


def _dress(body: str, view: View, prefix: str) -> str:
    body = _TITLE.sub("", body)  # Graphviz titles name DOT nodes ("claim-3", "a->b")
    body = _PAGE.sub(' id="', body)  # added to graphs after the first in one `dot` run
    body = _ANCHOR.sub(_anchor, body)
    root = _ROOT.search(body)
    if root is None:
        raise SvgError(f"view {view.id!r}: no <svg> start tag")
    head = _root_tag(root.group(0), body, "<a xlink:href=" in body, prefix)
    title = f'<title id="{prefix}title">{_e(view.title)}</title>'
    desc = f'<desc id="{prefix}desc">{_e(view.description)}</desc>'
    return body[: root.start()] + head + "\n" + title + desc + body[root.end() :]


def _anchor(match: re.Match[str]) -> str:
    """Links get a keyboard stop (Safari skips SVG links otherwise) and a visible tooltip:
    browsers show a <title> child, not Graphviz's xlink:title."""
    href, tip = match.group(1), match.group(2)
    # xlink:href, not href: Material's instant navigation rewrites every a[href] and fails
    # on SVG links, whose href property is read-only.
    start = f'<a xlink:href="{href}" tabindex="0">' if href else "<a>"
    return start + (f"<title>{tip}</title>" if tip else "")


XLINK_DECLARATION = ' xmlns:xlink="http://www.w3.org/1999/xlink"'


def _root_tag(tag: str, body: str, linked: bool, prefix: str) -> str:
    def attr(name: str) -> str:
        found = re.search(rf'\s{name}="([^"]*)"', tag)
        return found.group(1) if found else ""

    width, height = _points(attr("width")), _points(attr("height"))
    sizes = [float(s) for s in _FONT_SIZES.findall(body) if float(s) > 0]
    style = ""
    if width and sizes:  # scale down to fit the column, but never below legible text
        style = f' style="min-width:{min(width * MIN_TEXT_PX / min(sizes), width * 4 / 3):.0f}px"'
    # role="img" would hide the node links from assistive technology; a group keeps them.
    role = "group" if linked else "img"
    xlink = XLINK_DECLARATION if linked else ""
    return (
        f'<svg xmlns="{SVG_NS}"{xlink} class="argmap-diagram" role="{role}" '
        f'aria-labelledby="{prefix}title" aria-describedby="{prefix}desc" '
        f'width="{width * 4 / 3:.0f}" height="{height * 4 / 3:.0f}" '
        f'viewBox="{html.escape(attr("viewBox"))}"{style}>'
    )


def _points(value: str) -> float:
    try:
        return float(value.removesuffix("pt").removesuffix("px"))
    except ValueError:
        return 0.0


def _sanitized(body: str, view_id: str, prefix: str) -> str:
    """Any SVG reduced to the subset: allowed elements and attributes, safe links, our ids."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise SvgError(f"view {view_id!r}: Graphviz output is not XML: {exc}") from exc
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or _local(child.tag) not in _ELEMENTS:
                parent.remove(child)
    for el in root.iter():
        el.tag = _local(el.tag)
        attrs = {_attr_name(k): v for k, v in el.attrib.items()}
        el.attrib.clear()
        el.attrib.update({k: v for k, v in attrs.items() if _safe(el.tag, k, v)})
        if el.get("id") and not el.attrib["id"].startswith(prefix):
            el.set("id", prefix + el.attrib["id"])
        for key, value in list(el.attrib.items()):
            if key == "xlink:href" and value.startswith("#"):
                el.set(key, "#" + prefix + value[1:])
            elif "url(#" in value:
                el.set(key, _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value))
    return ET.tostring(root, encoding="unicode")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attr_name(key: str) -> str:
    return "xlink:" + _local(key) if key.startswith(XLINK) else _local(key)


def _safe(tag: str, name: str, value: str) -> bool:
    if name not in _ATTRS or (name.startswith("xlink:") and tag != "a"):
        return False
    lowered = value.lower()
    if name == "xlink:href":
        return value.startswith(("argmap:", "#"))
    return "javascript:" not in lowered and ("url(" not in lowered or "url(#" in lowered)


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)
