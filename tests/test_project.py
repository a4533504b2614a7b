"""How paths are shown in messages: relative to the project root when inside it."""

from __future__ import annotations

from pathlib import Path

from argmap.project import DEFAULTS, Settings


def _settings(root: Path) -> Settings:
    docs = root / "docs"
    return Settings(root, root / "mkdocs.yml", docs, docs / DEFAULTS["map"],
                    docs / DEFAULTS["bibliography"], docs / DEFAULTS["metadata"],
                    docs / DEFAULTS["text"])


def test_display_inside_the_root(tmp_path: Path) -> None:
    assert _settings(tmp_path).display(tmp_path / "docs" / "map" / "a.yml") == "docs/map/a.yml"


def test_display_resolves_dot_dot_and_leaves_outside_paths_whole(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    (root / "docs").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    settings = _settings(root)
    assert settings.display(root / "docs" / ".." / "docs" / "x.yml") == "docs/x.yml"
    assert settings.display(root / ".." / "elsewhere" / "x.yml") == (
        (root / ".." / "elsewhere" / "x.yml").as_posix())
    assert settings.display(Path("relative/x.yml")) == "relative/x.yml"
