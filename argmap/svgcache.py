"""The render cache: SVG by content key, kept between builds, so a rebuild lays out only the
diagrams whose DOT changed.

Entries (10-100 KB each; 25 MB for a 1,000-node map) are appended to one pack file, and a
small SQLite index says where each one is. Storing the SVG in SQLite itself cost twice the
CPU (0.08 s against 0.04 s for 27 MB, measured), and thousands of small files are slow to
create on some file systems (about 1.5 ms each). SQLite gives the index atomic commits and
serialises writers across processes: the pack is only appended to, or rewritten, while the
index's write lock is held, and a row is committed only after its bytes are written, so a
killed build leaves at worst unreferenced bytes. Entries unused for KEEP_DAYS are dropped;
when most of the pack is dead, it is rewritten under the next generation number.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

CACHE_VERSION = "argmap-svg-3"  # bump when the way SVG is produced changes
KEEP_DAYS = 30  # entries not used for this long are deleted
COMPACT_MIN_BYTES = 8_000_000  # dead bytes worth a rewrite of the pack, at the least
_CHUNK = 500  # SQLite bounds the number of parameters in one statement


class SvgCache:
    """A cache in `cache_dir`, or none at all (every look-up misses) when it is None."""

    def __init__(self, cache_dir: Path | None, today: int | None = None) -> None:
        self.dir = cache_dir
        self.today = int(time.time() // 86400) if today is None else today
        self.db: sqlite3.Connection | None = None
        self.fd, self.generation = -1, -1  # the pack this process appends to
        if cache_dir is None:
            return
        cache_dir.mkdir(parents=True, exist_ok=True)
        _drop_other_versions(cache_dir)
        # isolation_level=None: transactions are begun explicitly, as IMMEDIATE ones.
        self.db = sqlite3.connect(
            cache_dir / f"{CACHE_VERSION}.sqlite", timeout=60, isolation_level=None
        )
        # A cache can always be rebuilt: no fsync per commit (3.5 ms each, measured).
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS svg "
            "(key TEXT PRIMARY KEY, offset INTEGER, length INTEGER, used INTEGER)"
        )
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER)")
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('generation', 0)")

    def get(self, keys: Sequence[str]) -> dict[str, str]:
        """The entries found, marked as used today; a damaged entry counts as missing."""
        if self.db is None or not keys:
            return {}
        with _locked(self.db):
            rows: list[tuple[str, int, int]] = []
            for chunk in _chunks(keys):
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(
                    f"SELECT key, offset, length FROM svg WHERE key IN ({marks})", chunk
                ).fetchall()
                self.db.execute(
                    f"UPDATE svg SET used = ? WHERE key IN ({marks}) AND used < ?",
                    (self.today, *chunk, self.today),
                )
            return self._read(sorted(rows, key=lambda row: row[1]))

    def put(self, items: Sequence[tuple[str, bytes]]) -> None:
        """Store entries (UTF-8); one commit per call, so a killed build keeps what it
        finished."""
        if self.db is None or not items:
            return
        data = [svg for _, svg in items]
        with _locked(self.db):
            fd = self._appending()
            offset = os.fstat(fd).st_size
            _write_all(fd, b"".join(data))
            rows = []
            for (key, _), blob in zip(items, data, strict=True):
                rows.append((key, offset, len(blob), self.today))
                offset += len(blob)
            self.db.executemany("INSERT OR REPLACE INTO svg VALUES (?, ?, ?, ?)", rows)

    def close(self) -> None:
        """Drop entries unused for KEEP_DAYS, rewrite the pack when most of it is dead."""
        if self.db is None:
            return
        with _locked(self.db):
            self.db.execute("DELETE FROM svg WHERE used < ?", (self.today - KEEP_DAYS,))
            replaced = self._compact_if_worth_it()
        if replaced is not None:  # once the new generation is committed
            replaced.unlink(missing_ok=True)
        if self.fd >= 0:
            os.close(self.fd)
        self.db.close()
        self.db, self.fd = None, -1

    def _pack(self, generation: int) -> Path:
        assert self.dir is not None
        return self.dir / f"{CACHE_VERSION}.{generation}.pack"

    def _current(self) -> int:
        assert self.db is not None
        row = self.db.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
        return int(row[0])

    def _appending(self) -> int:
        """This process's descriptor on the current pack (another may have compacted it)."""
        generation = self._current()
        if generation != self.generation:
            if self.fd >= 0:
                os.close(self.fd)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
            self.fd, self.generation = os.open(self._pack(generation), flags, 0o644), generation
        return self.fd

    def _read(self, rows: Iterable[tuple[str, int, int]]) -> dict[str, str]:
        found: dict[str, str] = {}
        try:
            fd = os.open(self._pack(self._current()), os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return found
        try:
            for key, offset, length in rows:
                blob = os.pread(fd, length, offset)
                try:
                    if len(blob) == length:
                        found[key] = blob.decode("utf-8")
                except UnicodeDecodeError:
                    pass  # torn by a crash: laid out again
        finally:
            os.close(fd)
        return found

    def _compact_if_worth_it(self) -> Path | None:
        """Rewrite the live entries into the next generation's pack; the old pack to delete."""
        assert self.db is not None
        generation = self._current()
        old = self._pack(generation)
        size = old.stat().st_size if old.exists() else 0
        live = self.db.execute("SELECT COALESCE(SUM(length), 0) FROM svg").fetchone()[0]
        if size - live < max(live, COMPACT_MIN_BYTES):
            return None
        rows = self.db.execute("SELECT key, offset, length FROM svg ORDER BY offset").fetchall()
        new = self._pack(generation + 1)
        moved, offset = [], 0
        with open(old, "rb") as src, open(new, "wb") as dst:
            for key, at, length in rows:
                src.seek(at)
                dst.write(src.read(length))
                moved.append((offset, key))
                offset += length
        self.db.executemany("UPDATE svg SET offset = ? WHERE key = ?", moved)
        self.db.execute("UPDATE meta SET value = ? WHERE name = 'generation'", (generation + 1,))
        # Readers open the pack while they hold the lock: once this commits, none can still
        # be about to open the old one.
        return old


@contextmanager
def _locked(db: sqlite3.Connection) -> Iterator[None]:
    """An IMMEDIATE transaction: the write lock up front, waiting for other builds' locks
    (a deferred one could fail when it upgrades from reading to writing)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _chunks(keys: Sequence[str]) -> Iterable[Sequence[str]]:
    return (keys[i : i + _CHUNK] for i in range(0, len(keys), _CHUNK))


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _drop_other_versions(cache_dir: Path) -> None:
    """Files of earlier cache versions can never be read again."""
    for path in cache_dir.glob("argmap-svg-*"):
        if not path.name.startswith(CACHE_VERSION + "."):
            path.unlink(missing_ok=True)
