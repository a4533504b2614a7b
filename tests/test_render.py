"""Running Graphviz: SVG comes out, the cache avoids re-layout, batches share a process."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap import render

pytestmark = pytest.mark.graphviz


def graph(name: str, nodes: int = 2) -> str:
    chain = " -> ".join(f"n{i}" for i in range(nodes))
    return f'digraph "{name}" {{ {chain} }}\n'


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every command render runs, counted; the real subprocess still does the work."""
    seen: list[list[str]] = []
    real = subprocess.Popen

    def counting(cmd: list[str], *args: Any, **kwargs: Any) -> Any:
        seen.append(cmd)
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting)  # looked up at call time
    return seen


def test_svg_for_every_view_in_input_order(calls: list[list[str]]) -> None:
    dots = {f"v{i}": graph(f"v{i}", i + 2) for i in range(5)}
    svgs = render.render_all(dots, None, jobs=1)
    assert list(svgs) == list(dots)
    for vid, svg in svgs.items():
        assert svg.lstrip().startswith("<?xml")
        assert svg.rstrip().endswith("</svg>")
        assert f"<title>{vid}</title>" in svg
    assert len(calls) == 2  # two batches per core, not one process per graph


def test_cache_hit_avoids_running_dot(tmp_path: Path, calls: list[list[str]]) -> None:
    dots = {"a": graph("a"), "b": graph("b", 3)}
    first = render.render_all(dots, tmp_path)
    started = len(calls)
    assert started >= 1
    assert render.render_all(dots, tmp_path) == first
    assert len(calls) == started
    changed = {**dots, "b": graph("b", 4)}
    render.render_all(changed, tmp_path, jobs=1)
    assert len(calls) == started + 1  # only the changed graph is laid out again


def test_post_processed_svg_is_cached_under_its_version(
    tmp_path: Path, calls: list[list[str]]
) -> None:
    dots = {"a": graph("a")}
    out = render.render_all(dots, tmp_path, post=lambda vid, svg: vid.encode() + b":" + svg[:5])
    assert out == {"a": "a:<?xml"}
    assert render.render_all(dots, tmp_path, post=lambda vid, svg: b"other") == out
    assert render.render_all(dots, tmp_path)["a"].startswith("<?xml")  # raw: own entry
    render.render_all(dots, tmp_path, post=lambda vid, svg: b"v2", post_version="2")
    assert len(calls) == 3


def test_missing_dot_is_a_clear_error() -> None:
    with pytest.raises(render.RenderError, match="not found on PATH"):
        render.render_all({"a": graph("a")}, None, binary="no-such-graphviz-dot")


def test_a_broken_graph_is_named(calls: list[list[str]]) -> None:
    dots = {"good": graph("good"), "bad": "digraph { a -> }\n", "fine": graph("fine")}
    with pytest.raises(render.RenderError, match="view 'bad'"):
        render.render_all(dots, None, jobs=1)


def test_empty_input_runs_nothing(calls: list[list[str]]) -> None:
    assert render.render_all({}, None) == {}
    assert calls == []


def test_graphs_with_clusters_get_their_own_process(calls: list[list[str]]) -> None:
    framed = 'digraph "f" { subgraph "cluster_a" { x } y -> x }\n'
    dots = {"f": framed, "g": graph("g"), "h": graph("h"), "i": graph("i")}
    render.render_all(dots, None, jobs=1)
    assert len(calls) == 3  # "f" alone, the others in two batches


def test_svg_does_not_depend_on_batching() -> None:
    framed = {
        f"f{i}": f'digraph "f{i}" {{ subgraph "cluster_a" {{ x{i} }} y -> x{i} }}\n'
        for i in range(3)
    }
    dots = {**framed, **{f"v{i}": graph(f"v{i}", i + 2) for i in range(6)}}
    together = render.render_all(dots, None, jobs=1)
    alone = {vid: render.render_all({vid: text}, None)[vid] for vid, text in dots.items()}
    strip = re.compile(r"page\d+,\d+_")
    assert {k: strip.sub("", v) for k, v in together.items()} == alone


def test_dot_written_lazily_is_laid_out_while_the_rest_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dots = {f"v{i:03}": graph(f"v{i:03}", 3) for i in range(600)}
    written: list[str] = []
    written_at_first_start: list[int] = []
    real = subprocess.Popen

    def lazily() -> Iterator[tuple[str, str]]:
        for vid, text in dots.items():
            written.append(vid)
            yield vid, text

    def starting(cmd: list[str], *args: Any, **kwargs: Any) -> Any:
        if not written_at_first_start:
            written_at_first_start.append(len(written))
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", starting)
    svgs = render.render_all(lazily(), None, jobs=2, expected=len(dots))
    assert written_at_first_start[0] < len(dots)  # dot started before all DOT was written
    assert svgs == render.render_all(dots, None, jobs=2)  # and nothing else changes


def test_without_a_count_lazy_dot_goes_in_batches_as_large_as_allowed(
    calls: list[list[str]],
) -> None:
    dots = {f"v{i}": graph(f"v{i}", 3) for i in range(6)}
    svgs = render.render_all(iter(dots.items()), None, jobs=1)  # no `expected`
    assert list(svgs) == list(dots)
    assert len(calls) == 1  # nothing to size batches by: all six under MAX_BATCH_CHARS
