"""Where generated pages live and how one page links to another (always relatively, so the
site works in a sub-folder and opened from disk)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

ARGUMENTS = "arguments"
MAPS = "maps"


@dataclass(frozen=True)
class UrlScheme:
    directory_urls: bool = True

    def url(self, src: str) -> str:
        """The URL path (relative to the site root) of a page from its source path."""
        stem = src[:-3] if src.endswith(".md") else src
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def node_src(self, node_id: str) -> str:
        return f"{ARGUMENTS}/{node_id}.md"

    def section_src(self, section_id: str) -> str:
        return f"{MAPS}/{section_id}.md"

    def node(self, node_id: str) -> str:
        return self.url(self.node_src(node_id))


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both relative to the site root)."""
    target, _, fragment = to_url.partition("#")
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    base = base.rstrip("/")
    rel = _relpath(target or ".", base or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{fragment}" if fragment else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's own clean paths, without its two getcwd() calls (a
    page links to dozens of others: 1.3 s of a 2,000-node build). Anything unusual (dots,
    doubled or leading slashes) goes to posixpath."""
    parts, base = path.rstrip("/").split("/"), start.split("/")
    if path.startswith("/") or start.startswith("/") or not _clean(parts) or not _clean(base):
        return posixpath.relpath(path, start)
    parts = [p for p in parts if p != "."] if parts != ["."] else []
    base = [p for p in base if p != "."] if base != ["."] else []
    common = 0
    for a, b in zip(parts, base, strict=False):
        if a != b:
            break
        common += 1
    rel = [".."] * (len(base) - common) + parts[common:]
    return "/".join(rel) if rel else "."


def _clean(parts: list[str]) -> bool:
    return all(p and p != ".." for p in parts) and (parts == ["."] or "." not in parts)
