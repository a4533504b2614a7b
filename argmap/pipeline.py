"""The one module that knows the order of the stages.

load -> validate -> model -> (bibliography, text) -> checks; later stages (views, DOT, SVG,
pages) are ordered in `publish`. The CLI, the MkDocs plugin, the Markdown extension and
`argmap generate` all call these functions; none re-implements a stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from argmap import authoryear
from argmap.bibliography import Bibliography, load_bibliography
from argmap.diagnostics import Diagnostic, error, ordered
from argmap.loader import load_yaml, read_text
from argmap.mapfiles import collector_paused, load_map
from argmap.metadata import Publication, metadata_from_mapping
from argmap.model import ArgumentMap
from argmap.project import Settings
from argmap.semantics import check_map
from argmap.textcheck import check_text
from argmap.textscan import CitationFinder, PageScan, scan_page
from argmap.tree import spans_by_path, to_plain

# The publishing stages (views, DOT, SVG, pages) are imported by the functions that run them,
# so `argmap check` starts without them.
if TYPE_CHECKING:
    from argmap.sitedata import GeneratedFile, GeneratedPage
    from argmap.urls import UrlScheme
    from argmap.views import View


@dataclass(frozen=True)
class Checked:
    """Everything the checks read, and what they found."""

    amap: ArgumentMap
    bibliography: Bibliography | None
    pages: tuple[PageScan, ...]
    diagnostics: tuple[Diagnostic, ...]


def citation_finder(bib: Bibliography | None) -> CitationFinder:
    def find(text: str) -> list[tuple[int, int, tuple[str, ...], str]]:
        found = []
        for start, end, group in authoryear.find_citations(text):
            keys = tuple(item.key for item in group.items)
            shown = authoryear.render_group(group, bib) if bib else text[start:end]
            found.append((start, end, keys, shown))
        return found

    return find


def scan_pages(
    pages: Sequence[tuple[Path, str, str]], bib: Bibliography | None
) -> tuple[tuple[PageScan, ...], tuple[Diagnostic, ...]]:
    """(path, display, page url-path) for each text page."""
    finder = citation_finder(bib)
    scans: list[PageScan] = []
    problems: list[Diagnostic] = []
    for path, display, page in pages:
        text, issues = read_text(path, display)
        problems.extend(issues)
        if text is not None:
            scans.append(scan_page(text, display, page, finder))
    return tuple(scans), tuple(problems)


def check(
    map_files: Sequence[tuple[Path, str]],
    bib_file: tuple[Path, str] | None,
    text_pages: Sequence[tuple[Path, str, str]],
) -> Checked:
    with collector_paused():  # the checks, too, make many objects; collection waits
        amap, problems = load_map(map_files)
        bib: Bibliography | None = None
        bib_problems: tuple[Diagnostic, ...] = ()
        # A missing bibliography matters only when something cites (then it is AM302).
        cites = any(n.cites for n in amap.nodes) or any(r.cites for r in amap.relations)
        if bib_file is not None and (bib_file[0].exists() or cites):
            bib, bib_problems = load_bibliography(*bib_file)
        keys = frozenset(bib.keys()) if bib is not None else None
        pages, page_problems = scan_pages(text_pages, bib)
        diagnostics = (
            *problems,
            *bib_problems,
            *page_problems,
            *check_map(amap, keys),
            *check_text(amap, pages, keys),
        )
        return Checked(amap, bib, pages, ordered(diagnostics))


def check_project(settings: Settings) -> Checked:
    maps = [(p, settings.display(p)) for p in settings.map_files()]
    bib = settings.bibliography
    pages = [
        (p, settings.display(p), p.relative_to(settings.docs_dir).as_posix())
        for p in settings.text_pages()
    ]
    checked = check(maps, (bib, settings.display(bib)), pages)
    missing = tuple(
        error(
            "AM408",
            f"section '{s.id}' names page '{s.page}', which does not exist",
            s.span,
            f"Create docs/{s.page} or fix the path (relative to docs/).",
        )
        for s in checked.amap.sections
        if s.page and not (settings.docs_dir / s.page).is_file()
    )
    _, metadata = load_publication(settings)  # the build needs it: check it here too
    return replace(checked, diagnostics=ordered(checked.diagnostics + missing + metadata))


def check_paths(paths: Sequence[Path], root: Path) -> Checked:
    """Check the given files: .yml/.yaml as argument files, .bib, .md as text pages."""

    def show(p: Path) -> str:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return p.as_posix()

    maps = [(p, show(p)) for p in paths if p.suffix in {".yml", ".yaml"}]
    bibs = [(p, show(p)) for p in paths if p.suffix == ".bib"]
    pages = [(p, show(p), show(p)) for p in paths if p.suffix == ".md"]
    return check(maps, bibs[0] if bibs else None, pages)


@dataclass(frozen=True)
class Built:
    """The generated pages and files, and every diagram as finished SVG."""

    pages: tuple[GeneratedPage, ...]
    files: tuple[GeneratedFile, ...]
    svgs: dict[str, str]
    publication: Publication | None
    diagnostics: tuple[Diagnostic, ...]


def load_publication(settings: Settings) -> tuple[Publication | None, tuple[Diagnostic, ...]]:
    path = settings.metadata
    if not path.exists():
        return None, ()
    tree, problems = load_yaml(path, settings.display(path))
    data = to_plain(tree) if tree is not None else None
    if not isinstance(data, dict):
        return None, problems
    spans = spans_by_path(tree) if tree is not None else {}
    publication, more = metadata_from_mapping(data, settings.display(path), spans)
    return publication, problems + more


def draw(
    amap: ArgumentMap, views: Iterable[View], cache_dir: Path | None, expected: int = 0
) -> dict[str, str]:
    """Every view as finished SVG (links still placeholders, see svg.relink).

    `views` may be produced as they are drawn (`argmap.views.iter_views`; `expected` says how
    many): views and DOT are then made while Graphviz lays out the ones before them.
    """
    from argmap.dot import SMALLEST_FONT_PT, iter_dots
    from argmap.render import render_all
    from argmap.svg import FINISH_VERSION, finish_bytes

    seen: dict[str, View] = {}
    # Finishing happens inside the cached step, so a warm build reads finished SVG.
    return render_all(
        iter_dots(_kept(views, seen), amap),
        cache_dir,
        post=lambda vid, raw: finish_bytes(raw, seen[vid], SMALLEST_FONT_PT),
        post_version=FINISH_VERSION,
        expected=expected,
    )


def _kept(views: Iterable[View], into: dict[str, View]) -> Iterator[View]:
    """The views, each also put in `into` by id as it passes."""
    for view in views:
        into[view.id] = view
        yield view


def publish(settings: Settings, checked: Checked, urls: UrlScheme, cache_dir: Path | None) -> Built:
    from argmap.pages import generated_pages
    from argmap.sitedata import Repository, site_data
    from argmap.views import iter_views, view_count

    publication, problems = load_publication(settings)
    views: dict[str, View] = {}
    produced = _kept(iter_views(checked.amap), views)
    svgs = draw(checked.amap, produced, cache_dir, view_count(checked.amap))
    repo = Repository(
        settings.repo_url,
        settings.edit_uri or "edit/main/docs/",
        settings.display(settings.docs_dir) + "/",
    )
    site = site_data(
        checked.amap,
        checked.bibliography,
        checked.pages,
        publication,
        views,
        urls,
        repo,
        settings.docs_dir,
    )
    pages, files = generated_pages(site)
    return Built(pages, files, svgs, publication, problems)


def landing_head(built: Built, checked: Checked) -> tuple[str, str]:
    """The full scholarly metadata set, for the landing page only (see field notes §3)."""
    from argmap.scholarly import landing_meta

    if built.publication is None:
        return "", ""
    bib = checked.bibliography
    refs = [authoryear.render_reference_text(r) for r in bib.entries] if bib else []
    meta = landing_meta(built.publication, refs, checked.amap.nodes)
    return meta.head, meta.body
