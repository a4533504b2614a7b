"""Time every diagram of a synthetic map: views, DOT, Graphviz layout, SVG finishing.

    .venv/bin/python benchmarks/diagrams.py [N ...] [--repeat R]    (default: 1000 5000)

For each size: a cold run (empty cache) and a warm run (same cache, nothing changed) of
`argmap.pipeline.draw`, the CPU time argmap spends in Python against the CPU time Graphviz
spends laying out, and baselines measured in the same run: Graphviz alone over the same
batches, side by side, right after the cold build (the wall-clock overhead, run by run);
Graphviz over every graph batched, clustered ones too (its cheapest, though not
deterministic, layout); one plain `dot` process over all graphs. Targets for 1,000 nodes on
2 cores: < 2.5 s cold, < 0.3 s warm, argmap's own CPU under 20 % of Graphviz's.

Each repetition runs in a fresh interpreter: argmap memoises DOT lines and wrapped titles,
so a second "cold" build in the same process would be partly warm.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_map

# `argmap.svg` too, though only `pipeline.draw` calls it: imported here, its import (and its
# dependencies') is not timed as part of the cold build.
import argmap.svg  # noqa: F401
from argmap import dot, pipeline, render, views
from argmap.model import ArgumentMap
from argmap.svgcache import SvgCache


@dataclass(frozen=True)
class Run:
    total: float  # views, DOT, Graphviz and finishing side by side, or cache reads when warm
    own_cpu: float  # this process: views, DOT, cache, finishing
    graphviz_cpu: float  # child `dot` processes


def _cpu() -> tuple[float, float]:
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _timed(step: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def build(amap: ArgumentMap, cache: Path) -> Run:
    """As `argmap.pipeline.publish` does it: views and DOT made while Graphviz lays out."""
    cpu0 = _cpu()
    _svgs, total = _timed(
        lambda: pipeline.draw(amap, views.iter_views(amap), cache, views.view_count(amap))
    )
    cpu1 = _cpu()
    return Run(total, cpu1[0] - cpu0[0], cpu1[1] - cpu0[1])


def argmap_batches(dots: dict[str, str]) -> list[list[str]]:
    """The batches argmap sends to `dot` in a cold build (clustered graphs alone)."""
    plan = render._Plan(hashlib.sha256(), SvgCache(None), os.cpu_count() or 1, len(dots))
    return list(plan.batches(iter(dots.items())))


def every_graph_batched(dots: dict[str, str]) -> list[list[str]]:
    """The same graphs in consecutive runs of the same size, clustered ones too."""
    cores = os.cpu_count() or 1
    target = min(render.MAX_BATCH_CHARS, sum(map(len, dots.values())) / (2 * cores))
    batches: list[list[str]] = [[]]
    size = 0
    for vid, text in dots.items():
        if size >= target:
            batches.append([])
            size = 0
        batches[-1].append(vid)
        size += len(text)
    return batches


def baseline(dots: dict[str, str]) -> float:
    """One `dot` over all graphs, as a build without argmap's batching would do at best."""
    text = "".join(dots.values()).encode()
    start = time.perf_counter()
    subprocess.run(["dot", "-Tsvg"], input=text, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def graphviz_only(dots: dict[str, str], batches: list[list[str]]) -> tuple[float, float]:
    """Wall and CPU time of `dot` alone over these batches, side by side on all cores, and
    nothing else: the layout time that argmap's work comes on top of."""
    cores = os.cpu_count() or 1
    payloads = ["".join(dots[v] for v in batch).encode() for batch in batches]

    def lay_out(payload: bytes) -> None:
        subprocess.run(["dot", "-Tsvg"], input=payload, stdout=subprocess.DEVNULL, check=True)

    cpu, start = _cpu()[1], time.perf_counter()
    with ThreadPoolExecutor(min(cores, len(payloads))) as pool:
        list(pool.map(lay_out, payloads))
    return time.perf_counter() - start, _cpu()[1] - cpu


def once(n: int) -> None:
    """One cold and one warm build in this (fresh) process, as JSON on stdout."""
    amap = make_map(n, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        cold = build(amap, Path(tmp))
        dots = dot.to_dots(views.all_views(amap), amap)
        # Right after the cold build, so that both see the machine in the same state.
        same = graphviz_only(dots, argmap_batches(dots))
        warm = build(amap, Path(tmp))
    size = sum(map(len, dots.values())) / 1e6
    one_dot = baseline(dots)
    # Every graph batched, clustered ones too: Graphviz's layout work at its cheapest, without
    # the process starts that argmap's batching rules add.
    cheapest = graphviz_only(dots, every_graph_batched(dots))
    print(
        json.dumps(
            {
                "cold": cold.__dict__,
                "warm": warm.__dict__,
                "diagrams": len(dots),
                "mb": size,
                "baseline": one_dot,
                "graphviz_only": same[0],
                "cheapest_wall": cheapest[0],
                "cheapest_cpu": cheapest[1],
            }
        )
    )


def report(n: int, repeat: int) -> None:
    """Best of `repeat` runs (each in a fresh process, with a fresh cache): the machine may be
    shared."""
    results = [
        json.loads(
            subprocess.run(
                [sys.executable, __file__, "--once", str(n)],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
        )
        for _ in range(repeat)
    ]
    cold = min((Run(**r["cold"]) for r in results), key=lambda r: r.total)
    warm = min((Run(**r["warm"]) for r in results), key=lambda r: r.total)
    one_dot = min(r["baseline"] for r in results)
    alone = min(r["graphviz_only"] for r in results)
    size, count = results[0]["mb"], results[0]["diagrams"]
    print(f"\n{n:,} nodes: {count:,} diagrams, {size:.1f} MB DOT, best of {repeat}")
    print(f"  {'':6} {'total':>7} {'argmap CPU':>11} {'dot CPU':>8} {'ratio':>6}")
    for name, run in (("cold", cold), ("warm", warm)):
        ratio = run.own_cpu / run.graphviz_cpu if run.graphviz_cpu else float("nan")
        print(
            f"  {name:6} {run.total:7.2f} {run.own_cpu:11.2f} {run.graphviz_cpu:8.2f} {ratio:6.2f}"
        )
    ratios = sorted(r["cold"]["own_cpu"] / r["cold"]["graphviz_cpu"] for r in results)
    print(f"  cold CPU ratio over all runs: {', '.join(f'{x:.3f}' for x in ratios)}")
    strict = sorted(r["cold"]["own_cpu"] / r["cheapest_cpu"] for r in results)
    print(
        f"  argmap CPU / `dot` CPU with every graph batched (Graphviz's layout work at its "
        f"cheapest): {', '.join(f'{x:.3f}' for x in strict)}"
    )
    print(f"  baseline: one plain `dot` process over the same graphs: {one_dot:.2f} s wall")
    print(
        f"  Graphviz alone, the same batches side by side: {alone:.2f} s wall; the cold build "
        f"takes {cold.total / alone - 1:+.0%} on top"
    )
    per_run = sorted(r["cold"]["total"] / r["graphviz_only"] - 1 for r in results)
    print(f"  the same, run by run: {', '.join(f'{x:+.0%}' for x in per_run)}")
    cheapest = min(r["cheapest_wall"] for r in results)
    print(
        f"  Graphviz alone, every graph batched: {cheapest:.2f} s wall; the cold build takes "
        f"{cold.total / cheapest - 1:+.0%} on top"
    )
    print(f"  per node: cold {cold.total / n * 1000:.2f} ms, warm {warm.total / n * 1000:.3f} ms")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="report the best of N runs")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.once:
        once(args.sizes[0])
        return 0
    print(f"cores: {os.cpu_count()}; times in seconds (wall unless marked CPU)")
    for n in args.sizes:
        report(n, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
