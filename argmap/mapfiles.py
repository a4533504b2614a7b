"""Loading every argument file into one ArgumentMap (files parsed in parallel when large)."""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from argmap.diagnostics import Diagnostic
from argmap.loader import load_yaml
from argmap.model import ArgumentMap
from argmap.records import FileContent, read_file

# Below this many bytes in all, starting worker processes costs more than it saves.
PARALLEL_BYTES = 1_500_000
# A worker's share of the files relative to this process's: it also pickles its records.
WORKER_WEIGHT = 0.7


def load_file(job: tuple[Path, str]) -> tuple[FileContent, tuple[Diagnostic, ...]]:
    path, display = job
    tree, problems = load_yaml(path, display)
    content, more = read_file(tree)
    return content, problems + more


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading makes hundreds of thousands of small objects and no reference cycles, so the
    cyclic garbage collector finds nothing, yet it walks the growing heap again and again:
    half the load time of a 10,000-node map. It is paused while a map is read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_map(files: Sequence[tuple[Path, str]]) -> tuple[ArgumentMap, tuple[Diagnostic, ...]]:
    """All files in the given order, merged into one map; problems of every file reported."""
    with collector_paused():
        results = _run(list(files))
    diagnostics = tuple(d for _, problems in results for d in problems)
    contents = [content for content, _ in results]
    amap = ArgumentMap(
        nodes=tuple(n for c in contents for n in c.nodes),
        relations=tuple(r for c in contents for r in c.relations),
        sections=tuple(s for c in contents for s in c.sections),
        retired=tuple(r for c in contents for r in c.retired),
    )
    return amap, diagnostics


def _run(jobs: list[tuple[Path, str]]) -> list[tuple[FileContent, tuple[Diagnostic, ...]]]:
    sizes = [_size(path) for path, _ in jobs]
    parts = min(os.cpu_count() or 1, len(jobs))
    if parts < 2 or sum(sizes) < PARALLEL_BYTES:
        return _load_all(jobs)
    # Imported here: most maps are small and never need them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    cuts = _cuts(sizes, parts)
    chunks = [jobs[a:b] for a, b in itertools.pairwise(cuts)]
    # fork: workers inherit the imported modules, which is what makes them cheap to start.
    # This process loads the first part itself while the workers load the others: the
    # records it makes need no copying back.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(parts - 1, mp_context=context) as pool:
        others = [pool.submit(_load_all, chunk) for chunk in chunks[1:]]
        results = _load_all(chunks[0])
        for future in others:
            results.extend(future.result())
    return results


def _load_all(jobs: list[tuple[Path, str]]) -> list[tuple[FileContent, tuple[Diagnostic, ...]]]:
    # Workers are forked inside load_map's collector_paused(), so they start with it paused.
    return [load_file(job) for job in jobs]


def _cuts(sizes: list[int], parts: int) -> list[int]:
    """Where to cut the files into parts of about equal bytes. The first part, this
    process's, is made larger: the others pay for copying their records back (a third more)."""
    weights = [WORKER_WEIGHT if i else 1.0 for i in range(parts)]
    total, scale = sum(sizes), sum(weights)
    cuts, acc, goal = [0], 0, total * weights[0] / scale
    for i, size in enumerate(sizes):
        acc += size
        if acc >= goal and len(cuts) < parts:
            cuts.append(i + 1)
            goal += total * weights[len(cuts) - 1] / scale
    return [*cuts, len(sizes)] if cuts[-1] != len(sizes) else cuts


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
