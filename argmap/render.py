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
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, islice
from pathlib import Path

from argmap.dotprocess import LayoutError, lay_out
from argmap.svgcache import CACHE_VERSION, SvgCache

MAX_BATCH_CHARS = 1_500_000  # DOT text per process: bounds memory, few process starts
LOOKUP_CHUNK = 256  # views keyed and looked up in the cache at a time
STORE_EVERY_BYTES = 4_000_000  # SVG laid out and not yet in the cache, at most
_CLUSTER = b'subgraph "cluster'  # how argmap.dot writes every cluster


class RenderError(RuntimeError):
    """Graphviz is missing (AM500) or failed (AM501); the message names the views and quotes
    dot's error, and starts with the code documented in `argmap.codes`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


def render_all(
    dots: Mapping[str, str] | Iterable[tuple[str, str]],
    cache_dir: Path | None = None,
    *,
    binary: str = "dot",
    jobs: int | None = None,
    post: Callable[[str, bytes], bytes] | None = None,
    post_version: str = "",
    expected: int = 0,
) -> dict[str, str]:
    """View id -> SVG: as Graphviz wrote it, or as `post(view_id, svg)` turned it (`post`
    takes and gives UTF-8, as `dot` writes it).

    `dots` may be a lazy sequence of (view id, DOT) pairs (`argmap.dot.iter_dots`): DOT is
    then written while Graphviz lays out the views before it; `expected`, the number of
    views, sizes the batches. With `post` (e.g. `argmap.svg.finish_bytes`), the cache keeps
    the post-processed SVG, so a warm build does no work per diagram; `post_version` must
    change whenever `post` does, and `post` may depend only on the DOT text (which names the
    view and carries its title).
    """
    if isinstance(dots, Mapping):
        items, expected = iter(dots.items()), expected or len(dots)
    else:
        items = iter(dots)
    first = next(items, None)
    if first is None:
        return {}
    exe = _program(binary)
    salt = _binary_identity(exe) + (f"\0post:{post_version}" if post else "\0raw")
    cores = jobs or os.cpu_count() or 1
    cache = SvgCache(cache_dir)
    try:
        plan = _Plan(hashlib.sha256(f"{salt}\0".encode()), cache, cores, expected)
        done = _lay_out(exe, plan.batches(chain([first], items)), plan.data, cores, post)
        _store(done, plan, cache)
    finally:
        cache.close()
    return {vid: plan.found[vid] for vid in plan.order}


def _program(binary: str) -> str:
    exe = shutil.which(binary)
    if exe is None:
        raise RenderError(
            "AM500",
            f"Graphviz's '{binary}' program was not found on PATH; install Graphviz "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz).",
        )
    return exe


def _store(done: Iterable[list[tuple[str, bytes]]], plan: _Plan, cache: SvgCache) -> None:
    """Each laid-out batch into the results, as text, and into the cache, as UTF-8."""
    pending: list[tuple[str, bytes]] = []
    size = 0
    for batch in done:
        for vid, _ in batch:
            del plan.data[vid]  # its DOT is not needed any more
        plan.found.update((vid, svg.decode("utf-8", "replace")) for vid, svg in batch)
        pending += [(plan.keys[vid], svg) for vid, svg in batch]
        size += sum(len(svg) for _, svg in batch)
        # Stored every few MB, not per batch (a clustered graph is a batch of one): each
        # commit costs, and a killed build still keeps most of what it finished.
        if size >= STORE_EVERY_BYTES:
            cache.put(pending)
            pending, size = [], 0
    cache.put(pending)


class _Plan:
    """Views as they come: keyed, looked up in the cache, and batched for `dot` when
    missing. Graphs with clusters go alone; the rest in consecutive runs, at least two per
    core (so finishing one batch overlaps with laying out the next), each under
    MAX_BATCH_CHARS.

    Graphviz 2.43 lays out a graph with clusters differently from run to run when another
    graph came before it in the same process: in one study, 6 runs of one batch gave 6
    different layouts, and 85 % of graphs with side-by-side clusters differed from their
    layout alone. A graph first in its process never differed. Turning off address space
    randomisation or changing malloc's settings did not help, and neither did laying graphs
    out in forks of one process that had loaded Graphviz once.
    """

    def __init__(self, salted: hashlib._Hash, cache: SvgCache, cores: int, expected: int):
        self.salted, self.cache, self.cores, self.expected = salted, cache, cores, expected
        self.order: list[str] = []
        self.keys: dict[str, str] = {}
        self.data: dict[str, bytes] = {}  # DOT of the views to lay out
        self.found: dict[str, str] = {}

    def batches(self, items: Iterator[tuple[str, str]]) -> Iterator[list[str]]:
        run: list[str] = []
        size = seen = count = 0
        while chunk := list(islice(items, LOOKUP_CHUNK)):
            for vid in self._missing(chunk):
                dot = self.data[vid]
                if _CLUSTER in dot:
                    yield [vid]
                    continue
                run.append(vid)
                size, seen, count = size + len(dot), seen + len(dot), count + 1
                if size >= self._target(seen / count):
                    yield run
                    run, size = [], 0
        if run:
            yield run

    def _missing(self, chunk: list[tuple[str, str]]) -> list[str]:
        """The views of the chunk that the cache does not hold (their DOT kept in `data`)."""
        encoded = [(vid, text.encode("utf-8")) for vid, text in chunk]
        keys = {vid: _key(self.salted, text) for vid, text in encoded}
        self.order += keys
        self.keys.update(keys)
        cached = self.cache.get(sorted(set(keys.values())))
        missing = []
        for vid, text in encoded:
            if keys[vid] in cached:
                self.found[vid] = cached[keys[vid]]
            else:
                self.data[vid] = text
                missing.append(vid)
        return missing

    def _target(self, mean_size: float) -> float:
        """DOT per batch: the expected total in two batches per core at least, each under
        MAX_BATCH_CHARS (the total guessed from the graphs so far and the number of views)."""
        if not self.expected:  # nothing to go by: batches as large as allowed
            return MAX_BATCH_CHARS
        return min(MAX_BATCH_CHARS, max(mean_size * self.expected / (2 * self.cores), 1))


def _lay_out(
    exe: str,
    batches: Iterable[list[str]],
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


