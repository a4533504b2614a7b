"""Link integrity of the built publication: every internal link and resource resolves.

The site is built with `mkdocs build --strict`; every HTML file is parsed (stdlib
html.parser) and each internal `href`/`src` (relative, or root-relative below the path of
`site_url`) must name a file of the site, and each `#fragment` an id (or a named anchor) in
the target page. All broken links are reported at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LINK_ATTRS = frozenset({"href", "src", "xlink:href", "poster", "data"})
# The HTML standard scrolls to the top for an empty fragment or for "top" without an element.
TOP = frozenset({"", "top"})


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            elif name in LINK_ATTRS:
                self.page.links.append((tag, value))
            elif name == "srcset":
                self.page.links += [(tag, part.split()[0]) for part in value.split(",")
                                    if part.strip()]

    handle_startendtag = handle_starttag


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def build(out: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    # No --quiet: MkDocs 1.6 then drops its own warnings before --strict counts them.
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(out)],
        cwd=config.parent, env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, f"mkdocs build failed:\n{done.stderr}"


def _base_path(config: Path) -> str:
    """The path part of site_url ("/argmap/"): root-relative links must start with it."""
    with config.open(encoding="utf-8") as f:
        # mkdocs.yml may hold !!python/name tags; only site_url is wanted here.
        text = "\n".join(line for line in f if line.startswith("site_url:"))
    url = (yaml.safe_load(text) or {}).get("site_url") or "/"
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class Report:
    checked: int
    broken: list[str]


def check_site(site: Path, base_path: str = "/") -> Report:
    """Every internal link of every HTML page under `site`, resolved against the files."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    broken: dict[str, list[str]] = defaultdict(list)
    checked = 0
    for name, page in pages.items():
        here = PurePosixPath(name).parent
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:  # http:, mailto:, data:, javascript:, //host
                continue
            checked += 1
            problem = _resolve(site, pages, here, name, unquote(parts.path), parts.fragment,
                               base_path)
            if problem:
                broken[name].append(f"<{tag}> {url}: {problem}")
    lines = [f"{page}: {problem}" for page, problems in broken.items() for problem in problems]
    return Report(checked, lines)


def _resolve(site: Path, pages: dict[str, Page], here: PurePosixPath, name: str, path: str,
             fragment: str, base_path: str) -> str:
    if not path:
        target = name
    else:
        if path.startswith("/"):
            if not path.startswith(base_path):
                return f"root-relative link outside the site's path {base_path}"
            joined = PurePosixPath(path[len(base_path):])
        else:
            joined = here / path
        parts: list[str] = []
        for part in joined.parts:
            if part == "..":
                if not parts:
                    return "climbs above the site root"
                parts.pop()
            elif part != ".":
                parts.append(part)
        rel = "/".join(parts)
        file = site / rel if rel else site
        if file.is_dir():
            file = file / "index.html"
            rel = f"{rel}/index.html".lstrip("/")
        if not file.is_file():
            return "no such file"
        target = rel
    if fragment and target in pages and fragment not in TOP | pages[target].ids:
        return f"no id '{fragment}' in {target}"
    return ""


@pytest.mark.integration
@pytest.mark.graphviz
def test_every_internal_link_resolves(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site)
    report = check_site(site, _base_path(ROOT / "mkdocs.yml"))
    pages = len(list(site.rglob("*.html")))
    print(f"link integrity: {report.checked} internal links checked in {pages} pages")
    assert report.checked > 1000, "suspiciously few links: did the parser miss them?"
    assert not report.broken, f"{len(report.broken)} broken links:\n" + "\n".join(report.broken)


def test_the_checker_finds_broken_links(tmp_path: Path) -> None:
    """The checker itself: a missing file, a missing id and a climb out of the site."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="x"><a href="../b/">b</a> <a href="#x">self</a> <a href="#nope">bad</a>'
        '<img src="../missing.png"> <a href="../../out">out</a>'
        '<svg><a xlink:href="../b/#y">svg</a></svg></p>', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h1 id="z">B</h1>', encoding="utf-8")
    report = check_site(tmp_path)
    assert report.checked == 6
    assert sorted(p.split(": ", 1)[1] for p in report.broken) == [
        "<a> #nope: no id 'nope' in a/index.html",
        "<a> ../../out: climbs above the site root",
        "<a> ../b/#y: no id 'y' in b/index.html",
        "<img> ../missing.png: no such file",
    ]
