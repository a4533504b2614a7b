"""Running `dot` processes side by side, with stand-ins for `dot` that echo, stall or hang."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from argmap import dotprocess
from argmap.dotprocess import LayoutError, lay_out

ECHO = """#!/bin/sh
# A stand-in for dot: its "SVG" is its input; input that says "slow" takes a while.
data=$(cat)
case "$data" in *slow*) sleep 0.4 ;; esac
printf '%s\\n' "$data"
"""
HANG = "#!/bin/sh\nexec sleep 30\n"


def program(tmp_path: Path, text: str) -> str:
    exe = tmp_path / "fake-dot"
    exe.write_text(text, encoding="utf-8")
    exe.chmod(0o755)
    return str(exe)


def docs(*names: str) -> dict[str, bytes]:
    return {n: f"<svg>{n}</svg>\n".encode() for n in names}


def test_every_batch_comes_back_whole_and_in_batch_order(tmp_path: Path) -> None:
    data = docs("a", "b", "c", "d", "e")
    batches = [["a", "b"], ["c"], ["d", "e"]]
    got = {tuple(batch): svgs for batch, svgs in lay_out(program(tmp_path, ECHO), batches, data, 2)}
    assert got == {
        ("a", "b"): [b"<svg>a</svg>\n", b"<svg>b</svg>\n"],
        ("c",): [b"<svg>c</svg>\n"],
        ("d", "e"): [b"<svg>d</svg>\n", b"<svg>e</svg>\n"],
    }


def test_a_batch_that_ends_first_is_handed_back_first(tmp_path: Path) -> None:
    data = docs("slow", "quick")
    order = [batch for batch, _ in lay_out(program(tmp_path, ECHO), [["slow"], ["quick"]], data, 2)]
    assert order == [["quick"], ["slow"]]  # the other core is not left waiting on "slow"


def test_without_process_descriptors_it_waits_in_start_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dotprocess, "_pidfd", lambda pid: -1)  # as on macOS
    data = docs("slow", "quick", "third")
    batches = [["slow"], ["quick"], ["third"]]
    order = [batch for batch, _ in lay_out(program(tmp_path, ECHO), batches, data, 2)]
    assert order == batches


def test_a_hung_layout_is_stopped_and_the_graph_named(tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(LayoutError, match=r"took over 0 s on 'a'"):
        list(lay_out(program(tmp_path, HANG), [["a", "b"]], docs("a", "b"), 1, timeout=0.2))
    assert time.monotonic() - start < 5  # killed at each timeout, never waited out


def test_a_failing_graph_is_found_by_halving_its_batch(tmp_path: Path) -> None:
    failing = ECHO.replace("data=$(cat)", 'data=$(cat)\ncase "$data" in *bad*) exit 3 ;; esac')
    data = docs("a", "bad", "c")
    with pytest.raises(LayoutError, match=r"view 'bad' \(exit 3\)"):
        list(lay_out(program(tmp_path, failing), [["a", "bad", "c"]], data, 1))


def test_stopping_early_stops_the_processes_still_running(tmp_path: Path) -> None:
    hang_unless_quick = ECHO.replace("sleep 0.4", "sleep 30")
    data = docs("slow", "quick")
    batches = lay_out(program(tmp_path, hang_unless_quick), [["slow"], ["quick"]], data, 2)
    assert next(batches)[0] == ["quick"]
    start = time.monotonic()
    batches.close()  # the caller gave up (an error elsewhere): "slow" must not be waited for
    assert time.monotonic() - start < 5


def test_the_next_batch_starts_before_a_finished_one_is_handed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    real = subprocess.Popen

    def counting(*args: Any, **kwargs: Any) -> Any:
        started.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting)
    batches = lay_out(program(tmp_path, ECHO), [["a"], ["b"], ["c"]], docs("a", "b", "c"), 1)
    assert next(batches)[0] == ["a"]
    assert len(started) == 2  # "b" is being laid out while the caller finishes "a"
    assert [batch for batch, _ in batches] == [["b"], ["c"]]
