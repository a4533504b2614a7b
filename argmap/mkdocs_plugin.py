"""The MkDocs plugin: configures, registers generated files and delegates to the pipeline.

Generated pages and diagrams are files in memory (nothing is written into docs/). Diagrams
are put into pages after rendering (`on_post_page`), which keeps the SVG out of the Markdown
and search stages: the field notes measured that as 25 times faster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from argmap.context import text_context
from argmap.diagnostics import Severity
from argmap.mappages import section_meta
from argmap.pipeline import Built, Checked, check_project, landing_head, publish
from argmap.project import load_settings
from argmap.report import human
from argmap.siteassets import site_assets
from argmap.sitedata import fill_slots
from argmap.urls import UrlScheme

log = get_plugin_logger(__name__)


class ArgmapConfig(Config):
    map = c.Type(str, default="map")
    bibliography = c.Type(str, default="references.bib")
    metadata = c.Type(str, default="publication.yml")
    text = c.Type(str, default="text")
    # Declared so MkDocs accepts it; read (and kept inside the project) by project.py.
    cache_dir = c.Type(str, default=".argmap-cache")


class ArgmapPlugin(BasePlugin[ArgmapConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.checked: Checked | None = None
        self.built: Built | None = None
        self.urls = UrlScheme()
        self.sources: list[Path] = []
        self.heads: dict[str, tuple[str, str]] = {}
        self.text_sections: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()  # `mkdocs serve` reuses plugin instances across rebuilds
        settings, problems = load_settings(Path(config.config_file_path))
        if settings is None:
            raise PluginError("argmap:\n" + human(problems))
        checked = check_project(settings)
        errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise PluginError("argmap check failed:\n" + human(errors, settings.root))
        for d in checked.diagnostics:
            log.warning("%s: %s[%s]: %s", d.span, d.severity.value, d.code, d.message)
        self.urls = UrlScheme(bool(config.use_directory_urls))
        cache = settings.cache_dir
        try:
            self.built = publish(settings, checked, self.urls, cache)
        except RuntimeError as exc:  # Graphviz missing or failing: a message, no traceback
            raise PluginError(f"argmap: {exc}") from exc
        for d in self.built.diagnostics:
            if d.severity is Severity.ERROR:
                raise PluginError("argmap:\n" + human(self.built.diagnostics, settings.root))
        self.checked = checked
        self.sources = [settings.map_dir, settings.bibliography, settings.metadata]
        self.heads = {p.src: (p.head, p.body_end) for p in self.built.pages}
        self.heads["index.md"] = landing_head(self.built, checked)
        self.text_sections = {s.page: s.id for s in checked.amap.sections if s.page}
        # Hand the extension what is already read, so no page reads the sources again.
        context = text_context(settings, checked.amap.node_index(), checked.bibliography,
                               self.built.publication)
        config.mdx_configs.setdefault("argmap", {})["context"] = context
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.built is not None
        for file in list(files):
            # The map's YAML sources are inputs, not pages to publish.
            if file.src_uri.startswith(("map/",)) and file.src_uri.endswith((".yml", ".yaml")):
                files.remove(file)
        for page in self.built.pages:
            self._add(files, config, page.src, page.markdown, InclusionLevel.NOT_IN_NAV)
        for extra in self.built.files:
            self._add(files, config, extra.src, extra.content, InclusionLevel.INCLUDED)
        for name, content in site_assets().items():
            self._add(files, config, f"assets/argmap/{name}", content, InclusionLevel.INCLUDED)
        return files

    @staticmethod
    def _add(
        files: Files, config: MkDocsConfig, src: str, content: str, inclusion: InclusionLevel
    ) -> None:
        existing = files.get_file_from_path(src)
        if existing is not None:
            files.remove(existing)
        generated = File.generated(config, src, content=content, inclusion=inclusion)
        files.append(generated)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.built is not None
        output = fill_slots(output, self.built.svgs, page.url, self.urls)
        head, body_end = self.heads.get(page.file.src_uri, ("", ""))
        section = self.text_sections.get(page.file.src_uri)
        if section:
            head += section_meta(section, page.url, self.urls)
        if head:
            output = output.replace("</head>", head + "\n</head>", 1)
        if body_end:
            output = output.replace("</body>", body_end + "\n</body>", 1)
        return output

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for path in self.sources:
            if path.exists():
                server.watch(str(path))
        return server

