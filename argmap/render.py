"""Run Graphviz over many DOT graphs: cached by content, batched, in parallel.

Starting `dot` costs far more than laying out a ten-node graph (1,000 graphs: about 15 s as
separate processes, 1.3 s as one multi-graph input), so graphs are sent in batches, one
`dot` process per batch, one batch per core. A cache keyed by the DOT text (and the `dot`
binary) means a rebuild lays out only the diagrams whose DOT changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CACHE_VERSION = "argmap-svg-1"  # bump when the way SVG is produced changes
MAX_BATCH_CHARS = 400_000  # DOT text per process: bounds memory and keeps batches balanced
_END = "</svg>\n"


class RenderError(RuntimeError):
    """Graphviz is missing or failed; the message names the views and quotes dot's error."""


def render_all(
    dots: Mapping[str, str],
    cache_dir: Path | None = None,
    *,
    binary: str = "dot",
    jobs: int | None = None,
) -> dict[str, str]:
    """View id -> SVG text as Graphviz wrote it (see `argmap.svg.finish` for the rest)."""
    if not dots:
        return {}
    exe = shutil.which(binary)
    if exe is None:
        raise RenderError(
            f"Graphviz's '{binary}' program was not found on PATH; install Graphviz "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)."
        )
    salt = _binary_identity(exe)
    keys = {vid: _key(salt, text) for vid, text in dots.items()}
    found = {vid: svg for vid in sorted(dots) if (svg := _read(cache_dir, keys[vid])) is not None}
    missing = [vid for vid in sorted(dots) if vid not in found]
    batches = _batches(missing, dots, jobs or os.cpu_count() or 1)
    with ThreadPoolExecutor(max(1, min(len(batches), jobs or os.cpu_count() or 1))) as pool:
        for ids, svgs in zip(batches, pool.map(lambda b: _run(exe, b, dots), batches), strict=True):
            for vid, svg in zip(ids, svgs, strict=True):
                found[vid] = svg
                _write(cache_dir, keys[vid], svg)
    return {vid: found[vid] for vid in dots}


def _binary_identity(exe: str) -> str:
    """Another Graphviz build lays out differently, so it must not reuse cached SVG."""
    st = os.stat(exe)
    return f"{CACHE_VERSION}\0{os.path.realpath(exe)}\0{st.st_size}\0{st.st_mtime_ns}"


def _key(salt: str, text: str) -> str:
    return hashlib.sha256(f"{salt}\0{text}".encode()).hexdigest()


def _path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.svg"


def _read(cache_dir: Path | None, key: str) -> str | None:
    if cache_dir is None:
        return None
    try:
        return _path(cache_dir, key).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _write(cache_dir: Path | None, key: str, svg: str) -> None:
    if cache_dir is None:
        return
    path = _path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a build killed half-way never leaves a truncated SVG behind.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(svg)
    os.replace(tmp, path)


def _batches(ids: Sequence[str], dots: Mapping[str, str], cores: int) -> list[list[str]]:
    """Consecutive runs of views, at least one per core, each under MAX_BATCH_CHARS."""
    if not ids:
        return []
    total = sum(len(dots[v]) for v in ids)
    count = min(len(ids), max(cores, -(-total // MAX_BATCH_CHARS)))
    target = total / count
    batches: list[list[str]] = [[]]
    size = 0
    for vid in ids:
        if batches[-1] and size + len(dots[vid]) / 2 > target * len(batches):
            batches.append([])
        batches[-1].append(vid)
        size += len(dots[vid])
    return batches


def _run(exe: str, ids: list[str], dots: Mapping[str, str]) -> list[str]:
    """One `dot` process for several graphs; its SVG documents come back concatenated."""
    stdin = "".join(dots[v] for v in ids).encode("utf-8")
    proc = subprocess.run([exe, "-Tsvg"], input=stdin, capture_output=True, check=False)
    out = proc.stdout.decode("utf-8", errors="replace")
    svgs = [part + _END for part in out.split(_END)[:-1]]
    if proc.returncode == 0 and len(svgs) == len(ids):
        return svgs
    if len(ids) > 1:  # find the culprit: each graph alone says which view is broken
        return [svg for v in ids for svg in _run(exe, [v], dots)]
    error = proc.stderr.decode("utf-8", errors="replace").strip() or "no SVG produced"
    raise RenderError(f"Graphviz failed on view '{ids[0]}' (exit {proc.returncode}): {error}")
