"""Benchmark the whole publication build against a plain Material build of the same pages.

    .venv/bin/python benchmarks/publication.py [--sizes 1000 5000] [--repeat 3] [--no-write]

For the repository's publication and for synthetic publications of 1,000 and 5,000 nodes:
- argmap: `mkdocs build` with the plugin, cold (empty .argmap-cache) and warm (second build,
  nothing changed), wall time (best of --repeat) and CPU time, peak memory;
- plain: the baseline measured in the same run. `argmap generate --out docs` pre-writes the
  generated pages (diagrams inlined) into a copy whose mkdocs.yml lists neither the argmap
  plugin nor the extension, so Material renders the same pages with no argmap code running
  (the targets are ratios to this; measured where targets apply, the publication and 1,000);
- bare: the same, with the inline diagrams removed from the Markdown. Python-Markdown and
  the search index are slow on inline SVG (field notes), which argmap avoids by inserting
  diagrams after rendering; bare shows what Material alone costs for the text of the pages;
- page weights: the overview (maps/index.html) and node pages (largest and median).

Targets: argmap at most 1.5x plain cold and 1.1x plain warm (the publication and 1,000
nodes); node page under 100 KB, overview under 400 KB. For each missed time target (and for
a larger publication whose warm build exceeds 2x bare Material) the argmap build is run once
more under cProfile and its top costs are printed. Results go to
the "Publication build" section of benchmarks/RESULTS.md (other sections are kept).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synthetic import write_yaml_project  # noqa: E402

RESULTS = HERE / "RESULTS.md"
SECTION = "## Publication build"
COLD_RATIO, WARM_RATIO = 1.5, 1.1
NODE_KB, OVERVIEW_KB = 100, 400
# What a build reads is mkdocs.yml and the folders it names; tools, caches and outputs stay.
SKIP = shutil.ignore_patterns(
    ".git", ".venv", ".argmap-cache", "site", "site.old", ".site-build.*", "node_modules",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "tests",
    "benchmarks", "argmap", "dist", "build", "generated", ".github", ".vscode",
)
SYNTHETIC_CONFIG = """site_name: Synthetic {n} nodes
theme:
  name: material
  font: false
plugins:
  - search
  - argmap
markdown_extensions:
  - attr_list
  - argmap:
      config_file: mkdocs.yml
extra_css:
  - assets/argmap/argmap.css
extra_javascript:
  - assets/argmap/argmap.js
"""
# Runs MkDocs in a child process and reports its own peak memory and that of its children
# (Graphviz), which the parent cannot tell apart from earlier runs.
BUILD = """
import resource, sys
from mkdocs.__main__ import cli
try:
    cli.main(args=sys.argv[1:], prog_name="mkdocs", standalone_mode=False)
finally:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"@@bench {me.ru_maxrss} {kids.ru_maxrss}", file=sys.stderr)
"""
PROFILE = """
import cProfile, pstats, sys
from mkdocs.__main__ import cli
profiler = cProfile.Profile()
profiler.enable()
try:
    cli.main(args=sys.argv[1:], prog_name="mkdocs", standalone_mode=False)
finally:
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print("@@argmap")  # argmap's own functions, by time including what they call
    stats.sort_stats("cumulative").print_stats(r"/argmap/", 15)
    print("@@all")  # every function, by time spent in its own code
    stats.sort_stats("tottime").print_stats(12)
"""


@dataclass(frozen=True)
class Run:
    wall: float  # seconds, best of the repeats
    cpu: float  # seconds of CPU (this build and its Graphviz children), of the best run
    peak_mb: float  # resident memory of the build process (children: Graphviz, separately)
    dot_mb: float


@dataclass(frozen=True)
class Result:
    name: str
    pages: int
    cold: Run
    warm: Run
    plain_cold: Run | None
    plain_warm: Run | None
    bare_cold: Run
    bare_warm: Run
    node_kb_max: float
    node_kb_median: float
    overview_kb: float
    targets: bool  # whether the time targets apply (the publication and 1,000 nodes)

    def ratio(self, which: str, baseline: str = "plain", cpu: bool = False) -> float:
        ours: Run = getattr(self, which)
        base: Run | None = getattr(self, f"{baseline}_{which}")
        if base is None:
            return float("nan")
        return ours.cpu / base.cpu if cpu else ours.wall / base.wall


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}


def _build_once(project: Path, out: Path) -> Run:
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BUILD, "build", "--no-strict", "-d", str(out)],
                          cwd=project, env=_env(), capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-3000:]}")
    mark = re.findall(r"^@@bench (\d+) (\d+)$", done.stderr, re.M)
    me, kids = (int(x) / 1024 for x in mark[-1]) if mark else (0.0, 0.0)
    cpu = (after.children_user + after.children_system) - (
        before.children_user + before.children_system)
    return Run(wall, cpu, me, kids)


def _best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def _fresh_copy(source: Path, dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(source, dst, ignore=SKIP, symlinks=True)
    return dst


def measure(source: Path, work: Path, repeat: int) -> tuple[Run, Run, Path]:
    """Cold runs (each in a fresh copy with an empty cache), then warm runs in the last copy."""
    cold = []
    for i in range(repeat):
        project = _fresh_copy(source, work / "argmap")
        cold.append(_build_once(project, work / f"site-cold-{i}"))
    warm = [_build_once(project, work / f"site-warm-{i}") for i in range(repeat)]
    return _best(cold), _best(warm), work / "site-warm-0"


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def plain_copy(source: Path, dst: Path, bare: bool) -> Path:
    """The same pages, pre-generated, built by Material alone (bare: without diagrams)."""
    project = _fresh_copy(source, dst)
    config = project / "mkdocs.yml"
    docs = project / _docs_dir(config)
    before = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    subprocess.run([str(Path(sys.executable).parent / "argmap"), "generate", "--out",
                    str(docs), "--config", str(config)],
                   cwd=project, env=_env(), check=True, capture_output=True)
    if bare:
        for page in docs.rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            if "<svg" in text:
                page.write_text(_SVG.sub("", text), encoding="utf-8")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = [p for p in data.get("plugins", []) if p != "argmap"
                       and not (isinstance(p, dict) and "argmap" in p)]
    data["markdown_extensions"] = [
        e for e in data.get("markdown_extensions", [])
        if e != "argmap" and not (isinstance(e, dict) and "argmap" in e)]
    data["strict"] = False  # markers and citations stay as plain text here
    if "nav" not in data:
        # argmap adds its pages outside the navigation; in an automatic nav they would be
        # listed on every page, a cost that grows with the square of the page count.
        generated = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} - before
        tops = sorted({g.split("/")[0] + ("/" if "/" in g else "") for g in generated})
        data["not_in_nav"] = "\n".join("/" + t for t in tops)
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                      encoding="utf-8")
    shutil.rmtree(project / ".argmap-cache", ignore_errors=True)
    return project


def measure_plain(source: Path, work: Path, repeat: int, bare: bool) -> tuple[Run, Run]:
    cold, warm = [], []
    name = "bare" if bare else "plain"
    for i in range(repeat):
        project = plain_copy(source, work / name, bare)
        cold.append(_build_once(project, work / f"{name}-cold-{i}"))
        warm.append(_build_once(project, work / f"{name}-warm-{i}"))
    return _best(cold), _best(warm)


def _docs_dir(config: Path) -> str:
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return str(data.get("docs_dir") or "docs")


def weights(site: Path) -> tuple[float, float, float, int]:
    nodes = [p.stat().st_size / 1024 for p in site.glob("arguments/*/index.html")]
    overview = (site / "maps" / "index.html").stat().st_size / 1024
    pages = len(list(site.rglob("*.html")))
    return max(nodes), statistics.median(nodes), overview, pages


def synthetic(n: int, dst: Path) -> Path:
    """A synthetic map with what `argmap init` adds (publication metadata), so node pages
    carry their "cite this" box as in a real publication."""
    write_yaml_project(dst, n)
    shutil.copyfile(ROOT / "argmap" / "templates" / "init" / "docs" / "publication.yml",
                    dst / "docs" / "publication.yml")
    (dst / "docs" / "index.md").write_text(f"# Synthetic publication of {n:,} nodes\n",
                                           encoding="utf-8")
    (dst / "mkdocs.yml").write_text(SYNTHETIC_CONFIG.format(n=n), encoding="utf-8")
    return dst


def bench(name: str, source: Path, work: Path, repeat: int, targets: bool,
          plain_repeat: int) -> Result:
    print(f"-- {name}: argmap builds", flush=True)
    cold, warm, site = measure(source, work, repeat)
    plain_cold = plain_warm = None
    if targets:
        print(f"-- {name}: plain Material builds of the same pages", flush=True)
        plain_cold, plain_warm = measure_plain(source, work, plain_repeat, bare=False)
    print(f"-- {name}: bare Material builds (same pages, no diagrams)", flush=True)
    bare_cold, bare_warm = measure_plain(source, work, repeat, bare=True)
    node_max, node_median, overview, pages = weights(site)
    return Result(name, pages, cold, warm, plain_cold, plain_warm, bare_cold, bare_warm,
                  node_max, node_median, overview, targets)


def profile(source: Path, work: Path, warm: bool) -> str:
    """The top costs of one argmap build under cProfile (cProfile slows it 2-3 times)."""
    project = _fresh_copy(source, work / "profiled")
    if warm:
        _build_once(project, work / "profile-warmup")
    done = subprocess.run([sys.executable, "-c", PROFILE, "build", "--no-strict", "-d",
                           str(work / "profile-site")], cwd=project, env=_env(),
                          capture_output=True, text=True, check=False)
    out: list[str] = []
    for part, title in (("@@argmap", "argmap's functions by cumulative time"),
                        ("@@all", "all functions by own time")):
        lines = done.stdout.split(part, 1)[-1].splitlines()
        total = next((line.strip() for line in lines if "function calls" in line), "")
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        end = next((i for i, line in enumerate(lines) if line.startswith("@@") and i > start),
                   len(lines))
        table_ = [line.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")
                  for line in lines[start:end] if line.strip()]
        out += [f"{title} ({total})", *table_, ""]
    return "\n".join(out).rstrip()


# --- reporting ----------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr
    versions = []
    for module in ("mkdocs", "material"):
        with contextlib.suppress(ImportError, AttributeError):
            versions.append(f"{module} {__import__(module).__version__}")
    return (f"{platform.system()} {platform.machine()}, nproc {os.cpu_count()}, {model}; "
            f"Python {platform.python_version()}, {', '.join(versions)}, "
            f"{dot.strip() or 'dot not found'}; load average (1/5/15 min) at start {load}")


def _mark(ok: bool) -> str:
    return "ok" if ok else "**MISSED**"


def _t(run: Run | None) -> str:
    return f"{run.wall:.2f} ({run.cpu:.1f})" if run else "-"


def _ratio(r: Result, which: str, baseline: str, limit: float | None) -> str:
    """Wall-clock ratio (judged against the target), then the CPU-time ratio in brackets:
    on a shared machine the CPU ratio is the steadier of the two."""
    value = r.ratio(which, baseline)
    if value != value:  # NaN: no baseline measured
        return "-"
    cpu = f" ({r.ratio(which, baseline, cpu=True):.2f})"
    mark = f" {_mark(value <= limit)}" if limit and r.targets else ""
    return f"{value:.2f}{cpu}{mark}"


def table(results: list[Result]) -> list[str]:
    rows = [
        "| publication | HTML pages | argmap cold | plain cold | ratio "
        f"(<= {COLD_RATIO}) | bare cold | ratio to bare | argmap warm | plain warm | ratio "
        f"(<= {WARM_RATIO}) | bare warm | ratio to bare |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rows.append(
            f"| {r.name} | {r.pages:,} | {_t(r.cold)} | {_t(r.plain_cold)} | "
            f"{_ratio(r, 'cold', 'plain', COLD_RATIO)} | {_t(r.bare_cold)} | "
            f"{_ratio(r, 'cold', 'bare', None)} | {_t(r.warm)} | {_t(r.plain_warm)} | "
            f"{_ratio(r, 'warm', 'plain', WARM_RATIO)} | {_t(r.bare_warm)} | "
            f"{_ratio(r, 'warm', 'bare', None)} |"
        )
    return rows


def weights_table(results: list[Result]) -> list[str]:
    rows = [
        "| publication | peak MB, build (Graphviz) | node page KB, max / median "
        f"(< {NODE_KB}) | overview KB (< {OVERVIEW_KB}) |",
        "|---|---:|---:|---:|",
    ]
    rows += [
        f"| {r.name} | {r.cold.peak_mb:.0f} ({r.cold.dot_mb:.0f}) | {r.node_kb_max:.1f} / "
        f"{r.node_kb_median:.1f} {_mark(r.node_kb_max < NODE_KB)} | {r.overview_kb:.1f} "
        f"{_mark(r.overview_kb < OVERVIEW_KB)} |"
        for r in results
    ]
    return rows


SCALING_LIMIT = 2.0  # no target beyond 1,000 nodes, but a warm build this far above bare
# Material is worth a profile: it shows costs that grow faster than the page count.


def misses(r: Result) -> list[str]:
    """The builds to profile: missed targets, and warm builds that scale badly."""
    out = []
    if r.targets and r.ratio("cold") > COLD_RATIO:
        out.append("cold")
    if r.targets and r.ratio("warm") > WARM_RATIO:
        out.append("warm")
    if not r.targets and r.ratio("warm", "bare") > SCALING_LIMIT:
        out.append("warm")
    return out


def write_section(text: str) -> None:
    """Replace this benchmark's H2 section of RESULTS.md, keeping every other section."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    parts = re.split(r"(?m)^(?=## )", old)
    kept = [p for p in parts if not p.startswith(SECTION + "\n")]
    head, rest = kept[0], kept[1:]
    body = head.rstrip() + "\n\n" + text.rstrip() + "\n"
    if rest:
        body += "\n" + "".join(rest).rstrip() + "\n"
    RESULTS.write_text(body, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement (best)")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS.md")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = machine()
    print(f"{when}\n{where}", flush=True)
    results: list[Result] = []
    profiles: list[str] = []
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        work = Path(tmp)
        sources = [("this publication", ROOT, True)]
        for n in args.sizes:
            sources.append((f"synthetic {n:,} nodes", synthetic(n, work / f"src-{n}"),
                            n <= 1000))
        for name, source, targets in sources:
            scratch = work / re.sub(r"\W+", "-", name)
            scratch.mkdir()
            # The plain baseline of a synthetic publication takes minutes (inline SVG through
            # Python-Markdown), several times argmap's build: one run is enough for a ratio.
            plain_repeat = args.repeat if source == ROOT else 1
            result = bench(name, source, scratch, max(1, args.repeat), targets, plain_repeat)
            results.append(result)
            print("\n".join(table([result])[2:] + weights_table([result])[2:]), flush=True)
            if not args.no_profile:
                for which in misses(result):
                    print(f"-- profiling {name}, {which} build", flush=True)
                    profiles.append(f"#### {name}, {which} build\n\n```text\n"
                                    f"{profile(source, scratch, which == 'warm')}\n```")
    lines = [
        SECTION, "",
        f"Measured {when} by `benchmarks/run` (`benchmarks/publication.py`, best of "
        f"{args.repeat}). Machine: {where}.", "",
        "Wall seconds, best run; CPU seconds (the build and its Graphviz processes) of that "
        "run in brackets, and ratios of CPU time in brackets after the wall-clock ratios "
        "(the targets are judged on wall clock). *plain*: the same pages written by "
        "`argmap generate`, built by "
        "Material with neither the argmap plugin nor the extension (targets are ratios to "
        "it); *bare*: the same without the inline diagrams. Cold: an empty "
        ".argmap-cache (and a fresh copy); warm: the next build, nothing changed. Page "
        "weights are the HTML files (diagrams inline), without shared CSS and JavaScript. "
        "Time targets apply to this publication and to 1,000 nodes.", "",
        *table(results), "", *weights_table(results), "",
    ]
    if profiles:
        lines += ["### Profiles", "",
                  "Of each missed time target, and of warm builds above "
                  f"{SCALING_LIMIT:g}x bare Material where no target applies.", "",
                  *profiles, ""]
    text = "\n".join(lines)
    print("\n" + text)
    if not args.no_write:
        write_section(text)
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
