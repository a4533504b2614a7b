"""Loading many argument files: the parallel path gives exactly what the serial one gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argmap import mapfiles
from argmap.mapfiles import load_map

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import write_yaml_project


@pytest.fixture(scope="module")
def map_files(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("synthetic")
    docs = write_yaml_project(root, 600)
    files = sorted((docs / "map").glob("*.yml"))
    broken = files[len(files) // 2]  # a problem in a file a worker reads, too
    broken.write_text(broken.read_text("utf-8") + "\nnodes: []\n", encoding="utf-8")
    return [(p, p.name) for p in files]


def test_parallel_load_equals_serial_load(
    map_files: list[tuple[Path, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = load_map(map_files)
    monkeypatch.setattr(mapfiles, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(mapfiles.os, "cpu_count", lambda: 3)
    parallel = load_map(map_files)
    assert len(serial[0].nodes) > 500
    assert any(d.code == "AM105" for d in serial[1])  # the duplicate key is reported ...
    assert parallel == serial  # ... and everything is the same, in the same order
    assert [n.span for n in parallel[0].nodes] == [n.span for n in serial[0].nodes]


@pytest.mark.parametrize("parts", [2, 3, 5])
def test_cuts_cover_every_file_once_in_order(parts: int) -> None:
    sizes = [100, 5, 300, 40, 40, 40, 900, 1, 1, 60]
    cuts = mapfiles._cuts(sizes, parts)
    assert cuts[0] == 0
    assert cuts[-1] == len(sizes)
    assert cuts == sorted(set(cuts))
    assert len(cuts) - 1 <= parts


def test_this_process_takes_the_larger_part() -> None:
    cuts = mapfiles._cuts([10] * 100, 2)
    assert cuts[1] > 50  # the worker also pays for sending its records back
