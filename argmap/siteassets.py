"""The stylesheet and script every argmap site ships (no request to any other host)."""

from __future__ import annotations

from importlib.resources import files


def _read(name: str) -> str:
    return (files("argmap") / "assets" / name).read_text(encoding="utf-8")


def site_assets() -> dict[str, str]:
    """Published as assets/argmap/<name>; the diagram palette comes from the theme table."""
    css = _read("argmap-diagram.css") + "\n" + _read("argmap-site.css")
    return {"argmap.css": css, "argmap.js": _read("argmap.js")}
