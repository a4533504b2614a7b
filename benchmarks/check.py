"""Benchmark `argmap check` on synthetic maps of 100, 1,000 and 10,000 nodes.

Prints wall time and peak memory of the real command (a fresh process each run, best of
three), and a baseline measured in the same run: a bare libyaml parse of the same files,
which no checker can beat. Target: 10,000 nodes under 1 s and 300 MB, linear in N.

    .venv/bin/python benchmarks/check.py [N ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_yaml_project

CONFIG = """site_name: bench
plugins:
  - argmap
"""
BASELINE = """
import sys, yaml, pathlib
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yml')):
    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)
"""
ARGMAP = str(Path(sys.executable).with_name("argmap"))


def _run(args: list[str]) -> tuple[float, int, int]:
    """Best wall time of three runs, peak RSS in MB (of that process alone), exit code."""
    best, peak, code = float("inf"), 0, 0
    for _ in range(3):
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        best = min(best, time.perf_counter() - start)
        child.returncode = code = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss // 1024)
    return best, peak, code


def measure(n: int) -> tuple[float, int, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = write_yaml_project(root, n)
        (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        config = str(root / "mkdocs.yml")
        check_s, check_mb, code = _run([ARGMAP, "check", "--config", config, "--format", "json"])
        if code not in (0, 1):
            raise SystemExit(f"argmap check failed with exit {code} at N={n}")
        base_s, base_mb, _ = _run([sys.executable, "-c", BASELINE, str(docs / "map")])
    return check_s, check_mb, base_s, base_mb


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1_000, 10_000]
    print(f"{'nodes':>7} {'check s':>8} {'peak MB':>8} {'yaml-only s':>12} {'ratio':>6} "
          f"{'us/node':>8}")
    for n in sizes:
        check_s, check_mb, base_s, _ = measure(n)
        print(f"{n:>7} {check_s:>8.3f} {check_mb:>8} {base_s:>12.3f} "
              f"{check_s / base_s:>6.2f} {check_s / n * 1e6:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
