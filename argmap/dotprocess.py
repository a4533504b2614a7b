"""Run `dot` over batches of graphs, several processes side by side, and read their SVG back.

No threads: this process keeps one `dot` per slot running, waits for whichever ends first,
reads its output and starts the next batch before handing back what it read, so Graphviz
keeps every core busy while the caller post-processes. (A thread per slot, each blocked on
its process, cost 0.06 s of CPU for 1,000 diagrams in lock hand-offs alone.) Processes read
and write files, not pipes: through pipes, `communicate` moved 4 KiB writes and 32 KiB reads,
each behind a poll.
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Generator, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from tempfile import TemporaryFile
from typing import IO

TIMEOUT_S = 600  # one batch; a layout that takes longer is treated as a failure
TIMED_OUT = -(2**16)  # the status of a process killed for taking too long (not a signal)
_END = b"</svg>\n"


class LayoutError(RuntimeError):
    """`dot` failed on one graph (named) or could not lay it out in time."""


@dataclass
class _Slot:
    """One process at a time: its input, output and error files, kept from batch to batch
    (fresh files cost the kernel new pages every time)."""

    src: IO[bytes]
    out: IO[bytes]
    err: IO[bytes]
    batch: list[str] = field(default_factory=list)
    proc: subprocess.Popen[bytes] | None = None
    pidfd: int = -1
    deadline: float = 0.0

    def start(
        self, exe: str, batch: list[str], payload: bytes, timeout: float, env: dict[str, str]
    ) -> None:
        _rewrite(self.src.fileno(), payload)
        for f in (self.out, self.err):
            os.lseek(f.fileno(), 0, os.SEEK_SET)
            os.ftruncate(f.fileno(), 0)
        # close_fds=False lets subprocess use posix_spawn (no copy of this process's page
        # tables); our own files are opened close-on-exec, so dot inherits only 0, 1 and 2.
        self.proc = subprocess.Popen(
            [exe, "-Tsvg"],
            stdin=self.src,
            stdout=self.out,
            stderr=self.err,
            close_fds=False,
            env=env,
        )
        self.batch, self.deadline = batch, time.monotonic() + timeout
        self.pidfd = _pidfd(self.proc.pid)

    def reap(self, timed_out: bool) -> tuple[int, list[bytes]]:
        """Exit status (TIMED_OUT when killed for time) and the SVG documents written; the
        slot is free again."""
        status = self._end(kill=timed_out)
        return (TIMED_OUT if timed_out else status), self.documents()

    def documents(self) -> list[bytes]:
        """The SVG documents `dot` wrote, each ending with its `</svg>` line, in UTF-8."""
        fd = self.out.fileno()
        written = os.pread(fd, os.lseek(fd, 0, os.SEEK_END), 0)
        svgs: list[bytes] = []
        start, stop = 0, written.find(_END)
        while stop >= 0:
            svgs.append(written[start : stop + len(_END)])
            start = stop + len(_END)
            stop = written.find(_END, start)
        return svgs

    def error(self) -> str:
        os.lseek(self.err.fileno(), 0, os.SEEK_SET)
        text = os.read(self.err.fileno(), 4096).decode("utf-8", errors="replace").strip()
        return text or "no SVG produced"

    def stop(self) -> None:
        if self.proc is not None:
            self._end(kill=True)

    def _end(self, kill: bool) -> int:
        """Wait for the process (killed first if asked) and free the slot: its exit status."""
        assert self.proc is not None
        if kill:
            self.proc.kill()
        status = self.proc.wait()
        if self.pidfd >= 0:
            os.close(self.pidfd)
        self.proc, self.pidfd = None, -1
        return status


def lay_out(
    exe: str,
    batches: Iterable[list[str]],
    data: Mapping[str, bytes],
    slots: int,
    timeout: float = TIMEOUT_S,
) -> Generator[tuple[list[str], list[bytes]], None, None]:
    """(batch, its SVG documents in batch order) for every batch, as the batches finish.

    `batches` may be lazy: the next one is asked for only when a slot is free, so whatever
    produces it (and the DOT in `data` it names) runs while Graphviz lays out the others.
    """
    pending = iter(batches)
    # A plain copy: given os.environ itself, every start decodes each variable again.
    env = dict(os.environ)
    with ExitStack() as stack:
        files = stack.enter_context(ExitStack())  # closed after the processes are stopped
        idle: list[_Slot] = []
        busy: list[_Slot] = []
        stack.callback(_stop_all, busy)  # on an error, or when the caller stops early
        def fill() -> None:
            while len(busy) < slots and (batch := next(pending, None)) is not None:
                slot = idle.pop() if idle else _open(files)
                slot.start(exe, batch, b"".join(data[v] for v in batch), timeout, env)
                busy.append(slot)

        fill()
        while busy:
            slot, timed_out = _first_done(busy)
            busy.remove(slot)
            batch = slot.batch
            status, svgs = slot.reap(timed_out)
            if status != 0 or len(svgs) != len(batch):
                svgs = _retry(exe, slot, batch, data, (status, timeout), env)
            idle.append(slot)
            fill()  # before handing this batch over: no core waits while it is finished
            yield batch, svgs


def _retry(
    exe: str,
    slot: _Slot,
    batch: list[str],
    data: Mapping[str, bytes],
    outcome: tuple[int, float],
    env: dict[str, str],
) -> list[bytes]:
    """A batch failed (exit status, time allowed): halve it, one process at a time, until
    the broken graph is alone."""
    status, timeout = outcome
    if len(batch) == 1:
        if status == TIMED_OUT:
            raise LayoutError(f"Graphviz took over {timeout:.0f} s on '{batch[0]}'")
        raise LayoutError(f"Graphviz failed on view '{batch[0]}' (exit {status}): {slot.error()}")
    svgs: list[bytes] = []
    for half in (batch[: len(batch) // 2], batch[len(batch) // 2 :]):
        slot.start(exe, half, b"".join(data[v] for v in half), timeout, env)
        status, got = slot.reap(_wait(slot))
        ok = status == 0 and len(got) == len(half)
        svgs += got if ok else _retry(exe, slot, half, data, (status, timeout), env)
    return svgs


def _stop_all(busy: list[_Slot]) -> None:
    for slot in busy:
        slot.stop()


def _open(stack: ExitStack) -> _Slot:
    def scratch() -> IO[bytes]:
        return stack.enter_context(TemporaryFile(buffering=0))

    return _Slot(scratch(), scratch(), scratch())


def _rewrite(fd: int, payload: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]
    os.ftruncate(fd, len(payload))
    os.lseek(fd, 0, os.SEEK_SET)


def _pidfd(pid: int) -> int:
    """A descriptor that becomes readable when the process ends (Linux 5.3+), or -1."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return -1


def _first_done(busy: list[_Slot]) -> tuple[_Slot, bool]:
    """The slot whose process ended first, and whether it ran out of time instead."""
    if all(slot.pidfd >= 0 for slot in busy):
        poller = select.poll()
        by_fd = {slot.pidfd: slot for slot in busy}
        for fd in by_fd:
            poller.register(fd, select.POLLIN)
        soonest = min(busy, key=lambda s: s.deadline)
        wait_ms = max(0.0, soonest.deadline - time.monotonic()) * 1000
        ready = poller.poll(wait_ms)
        return (by_fd[ready[0][0]], False) if ready else (soonest, True)
    oldest = busy[0]  # without pidfds: the batches are of even size, so wait in start order
    return oldest, _wait(oldest)


def _wait(slot: _Slot) -> bool:
    """Block until the slot's process ends; True when it ran out of time."""
    assert slot.proc is not None
    try:
        slot.proc.wait(max(0.0, slot.deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return True
    return False
