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
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from queue import SimpleQueue
from typing import IO

CACHE_VERSION = "argmap-svg-2"  # bump when the way SVG is produced changes
MAX_BATCH_CHARS = 1_500_000  # DOT text per process: bounds memory, few process starts
KEEP_DAYS = 30  # cache entries not used for this long are deleted
TIMEOUT_S = 600  # one batch; a layout that takes longer is treated as a failure
_END = "</svg>\n"
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
    post: Callable[[str, str], str] | None = None,
    post_version: str = "",
) -> dict[str, str]:
    """View id -> SVG: as Graphviz wrote it, or as `post(view_id, svg)` turned it.

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
    cache = _Cache(cache_dir)
    try:
        cached = cache.get(sorted(set(keys.values())))
        found = {vid: cached[keys[vid]] for vid in dots if keys[vid] in cached}
        missing = [vid for vid in sorted(dots) if vid not in found]
        cores = jobs or os.cpu_count() or 1
        for done in _lay_out(exe, _batches(missing, dots, cores), data, cores, post):
            found.update(done)
            cache.put([(keys[vid], svg) for vid, svg in done])
    finally:
        cache.close()
    return {vid: found[vid] for vid in dots}


def _lay_out(
    exe: str,
    batches: list[list[str]],
    data: Mapping[str, bytes],
    cores: int,
    post: Callable[[str, str], str] | None,
) -> Iterator[list[tuple[str, str]]]:
    """(view id, SVG) per batch, as the batches finish in order."""
    if not batches:
        return
    workers = min(len(batches), max(1, cores))
    with ExitStack() as stack:
        idle: SimpleQueue[_Scratch] = SimpleQueue()
        for _ in range(workers):
            files = [stack.enter_context(tempfile.TemporaryFile(buffering=0)) for _ in range(2)]
            idle.put(_Scratch(*files))

        def run(batch: list[str]) -> list[str]:
            scratch = idle.get()
            try:
                return _run(exe, batch, data, scratch)
            finally:
                idle.put(scratch)

        with ThreadPoolExecutor(workers) as pool:
            # Threads suffice: each waits on its own `dot` process; post-processing of one
            # batch overlaps with the layout of the next.
            laid_out = pool.map(run, batches)
            for batch, svgs in zip(batches, laid_out, strict=True):
                yield [(v, post(v, s) if post else s) for v, s in zip(batch, svgs, strict=True)]


def _binary_identity(exe: str) -> str:
    """Another Graphviz build lays out differently, so it must not reuse cached SVG."""
    st = os.stat(exe)
    return f"{CACHE_VERSION}\0{os.path.realpath(exe)}\0{st.st_size}\0{st.st_mtime_ns}"


def _key(salted: hashlib._Hash, text: bytes) -> str:
    digest = salted.copy()
    digest.update(text)
    return digest.hexdigest()


class _Cache:
    """SVG by content key in one SQLite file: thousands of small files are slow to create on
    some file systems (about 1.5 ms each measured here), one database stays fast. Entries
    unused for KEEP_DAYS are dropped, so an edited map does not grow the cache for ever."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.db: sqlite3.Connection | None = None
        self.today = int(time.time() // 86400)
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(cache_dir / f"{CACHE_VERSION}.sqlite", timeout=60)
            # A cache can always be rebuilt: no fsync per commit (3.5 ms each, a third of
            # argmap's own time in a cold build); a torn write only loses cached layouts.
            self.db.execute("PRAGMA synchronous = OFF")
            # Entries are 10-100 KB: big pages mean short overflow chains, and a rollback
            # journal writes appended pages once where a write-ahead log writes them twice
            # (measured: 0.09 s -> 0.035 s of CPU to store 27 MB). Applies to a new file.
            self.db.execute("PRAGMA page_size = 65536")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS svg (key TEXT PRIMARY KEY, svg TEXT, used INTEGER)"
            )

    def get(self, keys: Sequence[str]) -> dict[str, str]:
        if self.db is None:
            return {}
        found: dict[str, str] = {}
        with self.db:
            for start in range(0, len(keys), 500):  # SQLite bounds the number of parameters
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(f"SELECT key, svg FROM svg WHERE key IN ({marks})", chunk)
                found.update(rows)
                self.db.execute(
                    f"UPDATE svg SET used = ? WHERE key IN ({marks}) AND used < ?",
                    (self.today, *chunk, self.today),
                )
        return found

    def put(self, items: Sequence[tuple[str, str]]) -> None:
        if self.db is not None:
            with self.db:  # one transaction per batch: a killed build keeps what it finished
                self.db.executemany(
                    "INSERT OR REPLACE INTO svg VALUES (?, ?, ?)",
                    [(key, svg, self.today) for key, svg in items],
                )

    def close(self) -> None:
        if self.db is not None:
            with self.db:
                self.db.execute("DELETE FROM svg WHERE used < ?", (self.today - KEEP_DAYS,))
            self.db.close()


def _batches(ids: Sequence[str], dots: Mapping[str, str], cores: int) -> list[list[str]]:
    """Graphs with clusters alone; the rest in consecutive runs, two per core at least (so
    finishing one batch overlaps with laying out the next), each under MAX_BATCH_CHARS.

    Graphviz 2.43 lays out a graph with clusters differently from run to run when another
    graph came before it in the same process (measured: 6 layouts in 6 runs of one batch);
    alone, or without clusters, its output is the same every time.
    """
    alone = [[v] for v in ids if _CLUSTER in dots[v]]
    return alone + _runs([v for v in ids if _CLUSTER not in dots[v]], dots, cores)


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


def _run(exe: str, ids: list[str], data: Mapping[str, bytes], scratch: _Scratch) -> list[str]:
    """One `dot` process for several graphs; its SVG documents come back concatenated."""
    scratch.feed(b"".join(data[v] for v in ids))
    try:
        proc = subprocess.run(
            [exe, "-Tsvg"],
            stdin=scratch.src,
            stdout=scratch.out,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        if len(ids) == 1:
            raise RenderError("AM501", f"Graphviz took over {TIMEOUT_S} s on '{ids[0]}'") from None
        return _bisect(exe, ids, data, scratch)
    svgs = scratch.documents()
    if proc.returncode == 0 and len(svgs) == len(ids):
        return svgs
    if len(ids) > 1:
        return _bisect(exe, ids, data, scratch)
    error = proc.stderr.decode("utf-8", errors="replace").strip() or "no SVG produced"
    raise RenderError(
        "AM501", f"Graphviz failed on view '{ids[0]}' (exit {proc.returncode}): {error}"
    )


class _Scratch:
    """A worker's files for `dot`'s input and output, and a buffer to read the output into,
    kept from batch to batch. Files, not pipes: `communicate` moves pipe data in 4 KiB writes
    and 32 KiB reads, each behind a poll (a third of argmap's own CPU time); kept, because
    fresh files and buffers cost the kernel new pages for every batch."""

    def __init__(self, src: IO[bytes], out: IO[bytes]) -> None:
        self.src, self.out, self.buffer = src, out, bytearray()

    def feed(self, payload: bytes) -> None:
        """`dot`'s input; its output will start at the beginning of `out`."""
        fd = self.src.fileno()
        os.lseek(fd, 0, os.SEEK_SET)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(payload))
        os.lseek(fd, 0, os.SEEK_SET)
        os.lseek(self.out.fileno(), 0, os.SEEK_SET)

    def documents(self) -> list[str]:
        """The SVG documents `dot` wrote, each ending with its `</svg>` line."""
        fd = self.out.fileno()
        size = os.lseek(fd, 0, os.SEEK_CUR)  # where `dot` stopped writing
        os.lseek(fd, 0, os.SEEK_SET)
        if len(self.buffer) < size:
            self.buffer.extend(bytes(size - len(self.buffer)))
        end, svgs, start, read = _END.encode(), [], 0, 0
        with memoryview(self.buffer) as view:
            while read < size and (got := os.readv(fd, [view[read:size]])):
                read += got
            stop = self.buffer.find(end, 0, read)
            while stop >= 0:  # decoded piece by piece: no copy of the whole output
                svgs.append(str(view[start : stop + len(end)], "utf-8", "replace"))
                start = stop + len(end)
                stop = self.buffer.find(end, start, read)
        return svgs


def _bisect(exe: str, ids: list[str], data: Mapping[str, bytes], scratch: _Scratch) -> list[str]:
    """A batch failed: halve it until the broken view is alone and can be named."""
    half = len(ids) // 2
    return _run(exe, ids[:half], data, scratch) + _run(exe, ids[half:], data, scratch)
