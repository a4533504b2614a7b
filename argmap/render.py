"""Run Graphviz over many DOT graphs: cached by content, batched, in parallel.

Starting `dot` costs far more than laying out a ten-node graph (1,000 graphs: about 15 s as
separate processes, 1.3 s as one multi-graph input), so graphs are sent in batches, one
`dot` process per batch, batches run side by side on all cores. A cache keyed by the DOT text
(and the `dot` binary) means a rebuild lays out only the diagrams whose DOT changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from argmap.dotprocess import LayoutError, lay_out
from argmap.svgcache import CACHE_VERSION, SvgCache

MAX_BATCH_CHARS = 1_500_000  # DOT text per process: bounds memory, few process starts
STORE_EVERY_BYTES = 4_000_000  # SVG laid out and not yet in the cache, at most
_CLUSTER = 'subgraph "cluster'  # how argmap.dot writes every cluster


class RenderError(RuntimeError):
    """Graphviz is missing (AM500) or failed (AM501); the message names the views and quotes
    dot's error, and starts with the code documented in `argmap.codes`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


def render_all(
    dots: Mapping[str, str],
    cache_dir: Path | None = None,
    *,
    binary: str = "dot",
    jobs: int | None = None,
    post: Callable[[str, bytes], bytes] | None = None,
    post_version: str = "",
) -> dict[str, str]:
    """View id -> SVG: as Graphviz wrote it, or as `post(view_id, svg)` turned it (`post`
    takes and gives UTF-8, as `dot` writes it).

    With `post` (e.g. `argmap.svg.finish`), the cache keeps the post-processed SVG, so a warm
    build does no work per diagram; `post_version` must change whenever `post` does, and
    `post` may depend only on the DOT text (which names the view and carries its title).
    """
    if not dots:
        return {}
    exe = shutil.which(binary)
    if exe is None:
        raise RenderError(
            "AM500",
            f"Graphviz's '{binary}' program was not found on PATH; install Graphviz "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz).",
        )
    salt = _binary_identity(exe) + (f"\0post:{post_version}" if post else "\0raw")
    data = {vid: text.encode("utf-8") for vid, text in dots.items()}  # for keys and `dot`
    salted = hashlib.sha256(f"{salt}\0".encode())
    keys = {vid: _key(salted, text) for vid, text in data.items()}
    cache = SvgCache(cache_dir)
    try:
        cached = cache.get(sorted(set(keys.values())))
        found = {vid: cached[keys[vid]] for vid in dots if keys[vid] in cached}
        missing = [vid for vid in sorted(dots) if vid not in found]
        cores = jobs or os.cpu_count() or 1
        pending: list[tuple[str, bytes]] = []
        for done in _lay_out(exe, _batches(missing, dots, cores), data, cores, post):
            found.update((vid, svg.decode("utf-8", "replace")) for vid, svg in done)
            pending += [(keys[vid], svg) for vid, svg in done]
            # Stored every few MB, not per batch (a clustered graph is a batch of one): each
            # commit costs, and a killed build still keeps most of what it finished.
            if sum(len(svg) for _, svg in pending) >= STORE_EVERY_BYTES:
                cache.put(pending)
                pending = []
        cache.put(pending)
    finally:
        cache.close()
    return {vid: found[vid] for vid in dots}


def _lay_out(
    exe: str,
    batches: list[list[str]],
    data: Mapping[str, bytes],
    cores: int,
    post: Callable[[str, bytes], bytes] | None,
) -> Iterator[list[tuple[str, bytes]]]:
    """(view id, SVG) per batch, as the batches finish; post-processing of one batch runs
    while `dot` lays out the next."""
    try:
        for batch, svgs in lay_out(exe, batches, data, max(1, cores)):
            yield [(v, post(v, s) if post else s) for v, s in zip(batch, svgs, strict=True)]
    except LayoutError as exc:
        raise RenderError("AM501", str(exc)) from None


def _binary_identity(exe: str) -> str:
    """Another Graphviz build lays out differently, so it must not reuse cached SVG."""
    st = os.stat(exe)
    return f"{CACHE_VERSION}\0{os.path.realpath(exe)}\0{st.st_size}\0{st.st_mtime_ns}"


def _key(salted: hashlib._Hash, text: bytes) -> str:
    digest = salted.copy()
    digest.update(text)
    return digest.hexdigest()


def _batches(ids: Sequence[str], dots: Mapping[str, str], cores: int) -> list[list[str]]:
    """Graphs without clusters in consecutive runs, two per core at least (so finishing one
    batch overlaps with laying out the next), each under MAX_BATCH_CHARS; then each graph
    with clusters alone. Small batches last: the build ends soon after Graphviz does.

    Graphviz 2.43 lays out a graph with clusters differently from run to run when another
    graph came before it in the same process: in one study, 6 runs of one batch gave 6
    different layouts, and 85 % of graphs with side-by-side clusters differed from their
    layout alone. A graph first in its process never differed. Turning off address space
    randomisation or changing malloc's settings did not help, and neither did laying graphs
    out in forks of one process that had loaded Graphviz once.
    """
    alone = [[v] for v in ids if _CLUSTER in dots[v]]
    return _runs([v for v in ids if _CLUSTER not in dots[v]], dots, cores) + alone


def _runs(ids: Sequence[str], dots: Mapping[str, str], cores: int) -> list[list[str]]:
    if not ids:
        return []
    total = sum(len(dots[v]) for v in ids)
    count = min(len(ids), max(2 * cores, -(-total // MAX_BATCH_CHARS)))
    target = total / count
    batches: list[list[str]] = [[]]
    size = 0
    for vid in ids:
        if batches[-1] and size + len(dots[vid]) / 2 > target * len(batches):
            batches.append([])
        batches[-1].append(vid)
        size += len(dots[vid])
    return batches
