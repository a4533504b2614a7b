"""Make Graphviz's SVG safe and accessible to inline in a page, and give it relative links.

Inline SVG (not <img>) is what makes node links work and lets CSS follow the light and dark
palettes, so the SVG is treated as untrusted markup entering the page. Graphviz output of our
own DOT is dressed in one pass, and the result is checked against a strict
lexical subset (`argmap.svgsubset`: drawing elements, double-quoted allowed attributes, links
only to `argmap:` placeholders), which is fast enough for thousands of diagrams. Anything
outside that subset goes through a full XML parse that removes what is not allowed (scripts,
foreignObject, event handlers, external references) before the same dressing.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote as url_quote

from argmap.dot import clean, diagram_prefix
from argmap.outline import outline as outline  # the text alternative, re-exported
from argmap.svgsubset import ATTRS, ELEMENTS, outside
from argmap.urls import UrlScheme, relative
from argmap.views import View

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}"
DIRECTORY_URLS = UrlScheme(directory_urls=True)
MIN_TEXT_PX = 10  # the smallest text a reader should meet when the map is scaled to fit
FINISH_VERSION = "finish-3"  # part of the render cache key: bump when `finish` output changes

# Graphviz's SVG of our DOT, dressed in one pass. What goes: the prolog, comments, and the
# <title>s naming DOT nodes ("claim-3", "a->b"). What changes: the root tag becomes ours
# (without the page Graphviz adds to graphs after the first in one run), and links become
# focusable, with a tooltip browsers show. Split rather than substituted, so that most
# matches cost no Python call.
# Bytes, as `dot` wrote them: a few characters beyond ASCII would make every string of the
# document two bytes a character, and each pass over it slower (UTF-8 is decoded once, at
# the end, instead of once before finishing and encoded again for the cache).
_GRAPHVIZ = re.compile(
    rb"<(?:(?:!--[^>]*-->|\?xml[^>]*>|!DOCTYPE[^>]*>|title>[^<]*</title>)\n"
    rb'|(s)vg\b[^>]*>\n<g id="(?:page\d+,\d+_)?'
    rb'|(a)(?: xlink:href="([^"]*)")?(?: xlink:title="([^"]*)")?>)'
)
_ROOT = re.compile(rb"<svg\b[^>]*>")
_FONT_SIZES = re.compile(rb'font-size="([0-9.]+)"')
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
_TITLE = re.compile(rb"<title>[^<]*</title>\n?")
_ANCHOR = re.compile(rb'<a(?: xlink:href="([^"]*)")?(?: xlink:title="([^"]*)")?>')
_ROOT_ATTRS = re.compile(r'\s(width|height|viewBox)="([^"]*)"')
_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_PLACEHOLDER = re.compile(r'href="argmap:([a-z]+)/([^"]*)"')


class SvgError(ValueError):
    """Graphviz returned something that is not an SVG document."""


def finish(svg: str, view: View, smallest_font_pt: float | None = None) -> str:
    """The SVG of one view: sanitized, ids prefixed, titled, links focusable, ready to inline.

    `smallest_font_pt`, when the caller knows it (`argmap.dot.SMALLEST_FONT_PT` for argmap's
    own DOT), spares a scan of every text element for the smallest font size.
    """
    return finish_bytes(svg.encode("utf-8", "surrogatepass"), view, smallest_font_pt).decode()


def finish_bytes(raw: bytes, view: View, smallest_font_pt: float | None = None) -> bytes:
    """`finish` for `dot`'s output as it comes, in UTF-8 (see `_GRAPHVIZ`)."""
    prefix = diagram_prefix(view.id)
    start = raw.find(b"<svg")
    if start < 0:
        raise SvgError(f"view {view.id!r}: Graphviz output holds no <svg> element")
    dressed = _dressed(raw, start, view, prefix, smallest_font_pt)
    if dressed is not None:
        return dressed
    # Not our kind of Graphviz output: parse it, keep what is allowed, then dress that.
    svg = _COMMENT.sub(b"", raw[start:]).decode("utf-8", "replace")
    body = _redressed(_sanitized(svg, view.id, prefix).encode())
    root = _ROOT.match(body)
    if root is None:
        raise SvgError(f"view {view.id!r}: no <svg> start tag")
    rest = body[root.end() :]
    return _head(root.group(0), rest, view, prefix, smallest_font_pt) + rest


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


def _dressed(
    raw: bytes, start: int, view: View, prefix: str, smallest: float | None
) -> bytes | None:
    """Graphviz output of the kind our DOT produces, dressed; None when the result would
    hold anything outside the subset (only then is the SVG worth parsing)."""
    root = _ROOT.match(raw, start)
    if root is None:
        return None
    head = _head(root.group(0), raw, view, prefix, smallest)

    parts = _GRAPHVIZ.split(raw)  # text, then per match: root, link, href, tooltip
    changes = [
        head + b'\n<g id="' if is_root else _anchor(href, tip) if is_link else b""
        for is_root, is_link, href, tip in zip(*(parts[i::5] for i in range(1, 5)), strict=True)
    ]
    pieces = [b""] * (2 * len(changes) + 1)
    pieces[0::2], pieces[1::2] = parts[0::5], changes
    dressed = b"".join(pieces)
    if dressed.startswith(head) and outside(dressed, len(head)) < 0:
        return dressed
    return None


def _redressed(body: bytes) -> bytes:
    """The dressing of `_dressed` for the output of `_sanitized`, whatever its layout."""
    body = _TITLE.sub(b"", body)
    return _ANCHOR.sub(lambda m: _anchor(m.group(1), m.group(2)), body)


def _head(tag: bytes, body: bytes, view: View, prefix: str, smallest: float | None) -> bytes:
    """Our root tag, from Graphviz's, whether the body has links and its smallest text
    (unless the caller knows it); then title and desc."""
    if smallest is None:
        found = set(_FONT_SIZES.findall(body))
        smallest = min((size for size in map(float, found) if size > 0), default=0)
    linked = b"<a xlink:href=" in body
    head = _root_tag(tag.decode("utf-8", "replace"), linked, prefix, smallest)
    title = f'<title id="{prefix}title">{_e(view.title)}</title>'
    desc = f'<desc id="{prefix}desc">{_e(view.description)}</desc>'
    return (head + "\n" + title + desc).encode()


def _anchor(href: bytes | None, tip: bytes | None) -> bytes:
    """Links get a keyboard stop (Safari skips SVG links otherwise) and a visible tooltip:
    browsers show a <title> child, not Graphviz's xlink:title."""
    # xlink:href, not href: Material's instant navigation rewrites every a[href] and fails
    # on SVG links, whose href property is read-only.
    start = b'<a xlink:href="' + href + b'" tabindex="0">' if href else b"<a>"
    return start + b"<title>" + tip + b"</title>" if tip else start


XLINK_DECLARATION = ' xmlns:xlink="http://www.w3.org/1999/xlink"'


def _root_tag(tag: str, linked: bool, prefix: str, smallest: float) -> str:
    attrs = dict(reversed(_ROOT_ATTRS.findall(tag)))  # the first of each, as XML allows one
    width, height = _points(attrs.get("width", "")), _points(attrs.get("height", ""))
    style = ""
    if width and smallest > 0:  # scale down to fit the column, but never below legible text
        style = f' style="min-width:{min(width * MIN_TEXT_PX / smallest, width * 4 / 3):.0f}px"'
    # role="img" would hide the node links from assistive technology; a group keeps them.
    role = "group" if linked else "img"
    xlink = XLINK_DECLARATION if linked else ""
    return (
        f'<svg xmlns="{SVG_NS}"{xlink} class="argmap-diagram" role="{role}" '
        f'aria-labelledby="{prefix}title" aria-describedby="{prefix}desc" '
        f'width="{width * 4 / 3:.0f}" height="{height * 4 / 3:.0f}" '
        f'viewBox="{html.escape(attrs.get("viewBox", ""))}"{style}>'
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
            if not isinstance(child.tag, str) or _local(child.tag) not in ELEMENTS:
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
    if name not in ATTRS or (name.startswith("xlink:") and tag != "a"):
        return False
    lowered = value.lower()
    if name == "xlink:href":
        return value.startswith(("argmap:", "#"))
    return "javascript:" not in lowered and ("url(" not in lowered or "url(#" in lowered)


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)
