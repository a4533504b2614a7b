"""The render cache: a pack file of SVG and its SQLite index."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from argmap import svgcache
from argmap.svgcache import CACHE_VERSION, KEEP_DAYS, SvgCache

DAY = 20_000


def entries(n: int, size: int = 1000, tag: str = "") -> list[tuple[str, bytes]]:
    """Distinct keys; UTF-8 with characters beyond ASCII, as titles have."""
    return [(f"k{tag}{i}", f"<svg>{i} “{tag}” {'x' * size}</svg>\n".encode()) for i in range(n)]


def texts(items: list[tuple[str, bytes]]) -> dict[str, str]:
    return {key: svg.decode() for key, svg in items}


def pack(tmp: Path) -> Path:
    (found,) = tmp.glob(f"{CACHE_VERSION}.*.pack")
    return found


def test_what_is_put_comes_back_in_a_later_build(tmp_path: Path) -> None:
    stored = entries(40)
    first = SvgCache(tmp_path, today=DAY)
    first.put(stored[:25])
    first.put(stored[25:])
    first.close()
    later = SvgCache(tmp_path, today=DAY)
    assert later.get([k for k, _ in stored] + ["absent"]) == texts(stored)
    later.close()


def test_no_directory_means_no_cache() -> None:
    cache = SvgCache(None)
    cache.put(entries(3))
    assert cache.get(["k0"]) == {}
    cache.close()


def test_more_keys_than_sqlite_takes_in_one_statement(tmp_path: Path) -> None:
    stored = entries(1200, size=10)
    cache = SvgCache(tmp_path, today=DAY)
    cache.put(stored)
    assert len(cache.get([k for k, _ in stored])) == 1200
    cache.close()


def test_a_replaced_entry_reads_back_as_the_new_one(tmp_path: Path) -> None:
    cache = SvgCache(tmp_path, today=DAY)
    cache.put([("k", b"<svg>old</svg>")])
    cache.put([("k", b"<svg>new</svg>")])
    assert cache.get(["k"]) == {"k": "<svg>new</svg>"}
    cache.close()


def test_unused_entries_expire_and_the_pack_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(svgcache, "COMPACT_MIN_BYTES", 100_000)
    old, kept = entries(30, size=20_000, tag="a"), entries(3, size=20_000, tag="b")
    cache = SvgCache(tmp_path, today=DAY)
    cache.put(old + kept)
    cache.close()
    before = pack(tmp_path)
    assert before.stat().st_size > 30 * 20_000

    touched = SvgCache(tmp_path, today=DAY + KEEP_DAYS)  # only `kept` is used again
    assert touched.get([k for k, _ in kept]) == texts(kept)
    touched.close()

    later = SvgCache(tmp_path, today=DAY + KEEP_DAYS + 1)
    later.close()  # `old` expires; most of the pack is dead, so it is rewritten
    after = pack(tmp_path)
    assert after != before
    assert not before.exists()
    assert after.stat().st_size == sum(len(s) for _, s in kept)
    again = SvgCache(tmp_path, today=DAY + KEEP_DAYS + 1)
    assert again.get([k for k, _ in old + kept]) == texts(kept)
    again.close()


def test_a_small_amount_of_dead_data_is_left_in_place(tmp_path: Path) -> None:
    cache = SvgCache(tmp_path, today=DAY)
    cache.put(entries(5))
    cache.put(entries(5))  # the first five are dead now, but far under COMPACT_MIN_BYTES
    cache.close()
    assert pack(tmp_path).name == f"{CACHE_VERSION}.0.pack"


def test_two_builds_sharing_a_cache_keep_each_others_entries(tmp_path: Path) -> None:
    one, two = SvgCache(tmp_path, today=DAY), SvgCache(tmp_path, today=DAY)
    a, b = entries(10, tag="a"), entries(10, tag="b")
    for i in range(0, 10, 2):  # interleaved appends from two connections
        one.put(a[i : i + 2])
        two.put(b[i : i + 2])
    one.close()
    assert two.get([k for k, _ in a + b]) == texts(a + b)
    two.close()


def test_a_build_sees_a_pack_another_build_compacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(svgcache, "COMPACT_MIN_BYTES", 0)
    writer = SvgCache(tmp_path, today=DAY)
    writer.put(entries(4, tag="a"))
    other = SvgCache(tmp_path, today=DAY)
    other.put(entries(4, tag="a"))  # everything `writer` wrote is dead now
    other.close()  # ... and compacted into the next generation
    writer.put(entries(2, tag="b"))  # must append to the new pack, not the deleted one
    both = entries(4, tag="a") + entries(2, tag="b")
    assert writer.get([k for k, _ in both]) == texts(both)
    writer.close()


def test_a_damaged_pack_costs_a_layout_not_a_build(tmp_path: Path) -> None:
    cache = SvgCache(tmp_path, today=DAY)
    cache.put(entries(3))
    cache.close()
    data = pack(tmp_path).read_bytes()
    cut = data.index("“".encode()) + 1  # inside a multi-byte character of the first entry
    pack(tmp_path).write_bytes(data[:cut] + b"\xff" + data[cut + 1 :])
    damaged = SvgCache(tmp_path, today=DAY)
    assert set(damaged.get(["k0", "k1", "k2"])) == {"k1", "k2"}
    damaged.close()
    pack(tmp_path).write_bytes(data[:10])  # truncated
    truncated = SvgCache(tmp_path, today=DAY)
    assert truncated.get(["k0", "k1", "k2"]) == {}
    truncated.close()


def test_a_killed_build_leaves_no_row_without_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = SvgCache(tmp_path, today=DAY)
    cache.put(entries(2))
    assert cache.db is not None
    monkeypatch.setattr(cache, "db", _FailingIndex(cache.db))
    with pytest.raises(InterruptedError):  # appended, then killed before the index update
        cache.put(entries(3, tag="x"))
    monkeypatch.undo()
    cache.close()
    later = SvgCache(tmp_path, today=DAY)
    assert later.get(["k0", "k1", "kx0"]) == texts(entries(2))
    later.close()


class _FailingIndex:
    """A connection whose executemany fails: the moment between append and commit."""

    def __init__(self, inner: sqlite3.Connection) -> None:
        self.inner = inner

    def execute(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        return self.inner.execute(sql, params)

    def executemany(self, *_: object) -> None:
        raise InterruptedError


def test_files_of_earlier_cache_versions_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / "argmap-svg-2.sqlite"
    stale.write_bytes(b"old")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("keep", encoding="utf-8")
    SvgCache(tmp_path, today=DAY).close()
    assert not stale.exists()
    assert unrelated.exists()
