"""What the Markdown extension needs to render the text: node titles and the bibliography."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from argmap.bibliography import Bibliography, load_bibliography
from argmap.mapfiles import load_map
from argmap.metadata import Publication
from argmap.model import Node
from argmap.pipeline import load_publication
from argmap.project import Settings, load_settings


@lru_cache(maxsize=8)
def _settings(config: Path, mtime: float) -> Settings | None:
    # Every page asks for the stamp; mkdocs.yml is parsed again only when it changed.
    return load_settings(config)[0]


@dataclass(frozen=True)
class TextContext:
    nodes: dict[str, Node]
    bibliography: Bibliography | None
    publication: Publication | None = None
    base_path: str = "/"  # the path of site_url, for generators that do not relink

    @staticmethod
    def empty() -> TextContext:
        return TextContext({}, None)

    @staticmethod
    def stamp(config: Path) -> tuple[float, ...]:
        """Modification times of every source, so a cache knows when to reload."""
        if not config.is_file():
            return ()
        settings = _settings(config.resolve(), config.stat().st_mtime)
        if settings is None:
            return ()
        paths = [config, settings.bibliography, settings.metadata, *settings.map_files()]
        return tuple(p.stat().st_mtime if p.exists() else 0.0 for p in paths)


def text_context(settings: Settings, nodes: dict[str, Node], bib: Bibliography | None,
                 publication: Publication | None) -> TextContext:
    base = urlsplit(settings.site_url).path or "/"
    return TextContext(nodes, bib, publication, base if base.endswith("/") else base + "/")


def load_context(config: Path) -> TextContext:
    """Problems are reported by `argmap check` and the plugin; here a broken map renders
    markers as plain text rather than failing the page."""
    settings, _ = load_settings(config) if config.is_file() else (None, ())
    if settings is None:
        return TextContext.empty()
    amap, _ = load_map([(p, settings.display(p)) for p in settings.map_files()])
    bib = None
    if settings.bibliography.exists():
        bib, _ = load_bibliography(settings.bibliography, settings.display(settings.bibliography))
    publication, _ = load_publication(settings)
    return text_context(settings, amap.node_index(), bib, publication)
