"""Loading every argument file into one ArgumentMap (files parsed in parallel when large)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from argmap.diagnostics import Diagnostic
from argmap.loader import load_yaml
from argmap.model import ArgumentMap
from argmap.records import FileContent, read_file

# Below this many bytes in all, starting worker processes costs more than it saves.
PARALLEL_BYTES = 1_500_000


def load_file(job: tuple[Path, str]) -> tuple[FileContent, tuple[Diagnostic, ...]]:
    path, display = job
    tree, problems = load_yaml(path, display)
    content, more = read_file(tree)
    return content, problems + more


def load_map(files: Sequence[tuple[Path, str]]) -> tuple[ArgumentMap, tuple[Diagnostic, ...]]:
    """All files in the given order, merged into one map; problems of every file reported."""
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
    workers = min(os.cpu_count() or 1, len(jobs))
    total = sum(_size(path) for path, _ in jobs)
    if workers < 2 or total < PARALLEL_BYTES:
        return [load_file(job) for job in jobs]
    # fork: the workers inherit the imported modules, which is what makes them cheap to start.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(load_file, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
