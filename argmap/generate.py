"""`argmap generate`: the generated pages, diagrams and assets written to disk, for any
static-site generator (Zensical, which ignores MkDocs plugins, builds from them)."""

from __future__ import annotations

from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.pipeline import check_project, publish
from argmap.project import Settings
from argmap.siteassets import site_assets
from argmap.sitedata import fill_slots
from argmap.urls import UrlScheme


def generate(settings: Settings, out: Path, cache_dir: Path | None) -> tuple[Diagnostic, ...]:
    """Write every generated file under `out`; nothing is written when the map has errors."""
    checked = check_project(settings)
    if any(d.severity is Severity.ERROR for d in checked.diagnostics):
        return checked.diagnostics
    urls = UrlScheme()
    built = publish(settings, checked, urls, cache_dir)
    outputs: dict[str, str] = {}
    for page in built.pages:
        outputs[page.src] = fill_slots(page.markdown, built.svgs, urls.url(page.src), urls)
    outputs.update({f.src: f.content for f in built.files})
    outputs.update({f"assets/argmap/{name}": text for name, text in site_assets().items()})
    for src, text in sorted(outputs.items()):
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        # Unchanged files are not rewritten, so watchers and rsync see only real changes.
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return checked.diagnostics + built.diagnostics
