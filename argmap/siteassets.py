"""The stylesheets and scripts every argmap site ships (no request to any other host)."""

from __future__ import annotations

from importlib.resources import files


def _read(name: str) -> str:
    return (files("argmap") / "assets" / name).read_text(encoding="utf-8")


def site_assets() -> dict[str, str]:
    """Published as assets/argmap/<name>; the diagram palette comes from the theme table.

    mkdocs.yml lists the stylesheets under `extra_css` and the scripts under
    `extra_javascript`. argmap-print.css only holds `@media print` rules.
    """
    css = _read("argmap-diagram.css") + "\n" + _read("argmap-site.css")
    return {
        "argmap.css": css,
        "argmap.js": _read("argmap.js"),
        "argmap-interactive.css": _read("argmap-interactive.css"),
        "argmap-interactive.js": _read("argmap-interactive.js"),
        "argmap-print.css": _read("argmap-print.css"),
    }
