"""Hostile input: every malformed, oversized, malicious or circular input either stops with
its documented error code at a position, or is published as inert text. Nothing is executed,
nothing is read or written outside the project, and a failed build leaves no partial site.

Each case starts from a fresh `argmap init` publication in a temporary folder; the fixtures
are in tests/hostile/ (the 50 MB file is generated here, never committed).
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.cli import main as argmap_main
from argmap.scaffold import init

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "hostile"
VENV_BIN = Path(sys.executable).parent
PAYLOAD = "<script>alert"
_HUMAN = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<column>\d+): "
                    r"(?P<severity>error|warning)\[(?P<code>AM\d{3})\]", re.M)


@dataclass(frozen=True)
class Found:
    code: str
    path: str
    line: int
    severity: str


def new_project(tmp_path: Path) -> Path:
    project = tmp_path / "pub"
    init(project)
    return project


def check(project: Path) -> tuple[int, list[Found]]:
    """`argmap check --format json` on the project; set-up errors come as human text."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = argmap_main(["check", "--config", str(project / "mkdocs.yml"), "--format", "json"])
    found = [Found(d["code"], d["path"], d["line"], d["severity"])
             for d in json.loads(out.getvalue() or '{"diagnostics": []}')["diagnostics"]]
    found += [Found(m["code"], m["path"], int(m["line"]), m["severity"])
              for m in _HUMAN.finditer(err.getvalue())]
    return code, found


def mkdocs_build(project: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    # No --quiet: MkDocs 1.6 then drops its own warnings before --strict counts them.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(out), *options],
        cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


# --- stopped with a code and a position ---------------------------------------------------

MAP = "docs/map/"
CASES = [
    pytest.param({"malformed.yml": MAP}, "AM101", MAP + "malformed.yml", 6, id="malformed-yaml"),
    pytest.param({"alias-bomb.yml": MAP}, "AM102", MAP + "alias-bomb.yml", 7, id="alias-bomb"),
    pytest.param({"invalid-utf8.yml": MAP}, "AM104", MAP + "invalid-utf8.yml", 6,
                 id="invalid-utf8"),
    pytest.param({"duplicate-a.yml": MAP, "duplicate-b.yml": MAP}, "AM200",
                 MAP + "duplicate-b.yml", 4, id="duplicate-ids-across-files"),
    pytest.param({"python-tag.yml": MAP}, "AM107", MAP + "python-tag.yml", 6,
                 id="python-tags-are-not-constructed"),
    pytest.param({"traversal-page.yml": MAP}, "AM111", MAP + "traversal-page.yml", 6,
                 id="section-page-climbs-out"),
    pytest.param({"broken.bib": "docs/references.bib"}, "AM301", "docs/references.bib", 7,
                 id="broken-bibtex"),
]


def _install(project: Path, files: dict[str, str]) -> None:
    for name, dest in files.items():
        target = project / dest / name if dest.endswith("/") else project / dest
        shutil.copyfile(FIXTURES / name, target)


@pytest.mark.parametrize(("files", "code", "path", "line"), CASES)
def test_check_reports_the_code_at_its_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], code: str,
    path: str, line: int,
) -> None:
    project = new_project(tmp_path)
    _install(project, files)
    monkeypatch.chdir(project)  # a tag that ran a command would leave its file here
    start = time.perf_counter()
    exit_code, found = check(project)
    assert time.perf_counter() - start < 10, "a hostile file must be refused quickly"
    assert exit_code == 1
    assert Found(code, path, line, "error") in found, found
    assert not list(project.rglob("argmap-pwned"))


def test_traversal_reports_absolute_pages_too(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    _install(project, {"traversal-page.yml": MAP})
    _, found = check(project)
    assert Found("AM111", MAP + "traversal-page.yml", 9, "error") in found


def test_a_50_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    line = "# " + "x" * 1021 + "\n"  # 1 KiB
    with (project / MAP / "huge.yml").open("w", encoding="utf-8") as f:
        for _ in range(50):
            f.write(line * 1024)
    assert (project / MAP / "huge.yml").stat().st_size == 50 * 1024 * 1024
    start = time.perf_counter()
    exit_code, found = check(project)
    assert time.perf_counter() - start < 5
    assert exit_code == 1
    assert Found("AM103", MAP + "huge.yml", 1, "error") in found


def test_relation_cycles_are_reported_and_still_build(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    _install(project, {"cycles.yml": MAP})
    exit_code, found = check(project)
    assert exit_code == 0  # circles are legal, if suspicious: a warning, not an error
    assert Found("AM217", MAP + "cycles.yml", 16, "warning") in found
    done = mkdocs_build(project, tmp_path / "site", "--no-strict")  # must not loop for ever
    assert done.returncode == 0, done.stderr
    assert "AM217" in done.stderr
    for node in ("cycle-a", "cycle-b", "cycle-c", "cycle-d", "cycle-e"):
        assert (tmp_path / "site" / "arguments" / node / "index.html").is_file()


# --- plugin options that leave the project -------------------------------------------------


def _set_option(project: Path, key: str, value: str) -> int:
    """Set the argmap plugin option `key` in mkdocs.yml; its line number."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index("  - argmap:")
    option = f"      {key}: {value}"
    for i in range(start + 1, len(lines)):
        if lines[i].startswith(f"      {key}:"):
            lines[i] = option
            break
        if not lines[i].startswith("      "):
            lines.insert(i, option)
            break
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines.index(option) + 1


@pytest.mark.parametrize(("key", "value"), [
    ("map", "../../etc"),
    ("bibliography", "/etc/passwd"),
    ("metadata", "../../../etc/passwd"),
    ("text", "../.."),
])
def test_plugin_path_options_outside_the_project_are_refused(
    tmp_path: Path, key: str, value: str
) -> None:
    project = new_project(tmp_path)
    line = _set_option(project, key, value)
    exit_code, found = check(project)
    assert exit_code == 2
    assert Found("AM003", "mkdocs.yml", line, "error") in found


@pytest.mark.integration
@pytest.mark.graphviz
def test_cache_dir_outside_the_project_is_refused(tmp_path: Path) -> None:
    """The SVG cache is read back into pages, so it must stay inside the project too."""
    project = new_project(tmp_path)
    _set_option(project, "cache_dir", "../outside-cache")
    done = mkdocs_build(project, tmp_path / "site", "--strict")
    assert not (tmp_path / "outside-cache").exists(), "the build wrote outside the project"
    assert done.returncode != 0
    assert "AM003" in done.stderr


@pytest.mark.integration
@pytest.mark.graphviz
def test_markdown_extension_config_outside_the_project_publishes_nothing_of_it(
    tmp_path: Path,
) -> None:
    project = new_project(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text("site_name: SECRET-VALUE-42\nplugins: [argmap]\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "config_file: mkdocs.yml", f"config_file: {secret}"), encoding="utf-8")
    mkdocs_build(project, tmp_path / "site", "--no-strict")
    leaked = [p for p in (tmp_path / "site").rglob("*")
              if p.is_file() and b"SECRET-VALUE-42" in p.read_bytes()]
    assert not leaked


# --- builds that must fail cleanly ---------------------------------------------------------


@pytest.mark.integration
@pytest.mark.graphviz
@pytest.mark.parametrize(("files", "code"), [
    ({"malformed.yml": MAP}, "AM101"),
    ({"alias-bomb.yml": MAP}, "AM102"),
    ({"duplicate-a.yml": MAP, "duplicate-b.yml": MAP}, "AM200"),
    ({"traversal-page.yml": MAP}, "AM111"),
    ({"broken.bib": "docs/references.bib"}, "AM301"),
], ids=["malformed-yaml", "alias-bomb", "duplicate-ids", "page-traversal", "broken-bibtex"])
def test_mkdocs_build_stops_with_the_code_and_writes_nothing(
    tmp_path: Path, files: dict[str, str], code: str
) -> None:
    project = new_project(tmp_path)
    _install(project, files)
    done = mkdocs_build(project, tmp_path / "site", "--strict")
    assert done.returncode != 0
    assert code in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


# --- markup, script and DOT metacharacters in every text field ----------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A publication whose titles, texts, quotes, tags, locators, relation texts, retired
    notes, section titles, BibTeX fields and metadata all carry markup and script."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    tmp = tmp_path_factory.mktemp("hostile")
    project = new_project(tmp)
    shutil.copytree(FIXTURES / "markup" / "docs", project / "docs", dirs_exist_ok=True)
    exit_code, found = check(project)
    assert exit_code == 0, found
    done = mkdocs_build(project, tmp / "site", "--strict")
    assert done.returncode == 0, done.stderr
    return tmp / "site"


def _published(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".svg"))


@pytest.mark.integration
def test_script_never_appears_unescaped(hostile_site: Path) -> None:
    files = _published(hostile_site)
    assert len(files) > 5
    bad = [p.relative_to(hostile_site).as_posix() for p in files
           if PAYLOAD in p.read_text(encoding="utf-8")]
    assert not bad, f"'{PAYLOAD}' unescaped in: {bad}"


class _ActiveMarkup(HTMLParser):
    """Anything a browser would run: handlers, javascript: URLs, script elements with the
    payload, the injected image; and JSON-LD data blocks that markup broke out of."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script: str | None = None  # type of the open <script>, if any
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") and value and "alert" in value:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "xlink:href", "action", "formaction") and value and \
                    value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and values.get("src") == "x":
            self.problems.append("<img src=x> injected")
        if tag == "script":
            self.script, self.data = values.get("type") or "", []

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.data.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self.script is None:
            return
        body = "".join(self.data)
        if self.script == "application/ld+json":
            try:
                json.loads(body)
            except ValueError:
                self.problems.append("a JSON-LD block was broken open")
        elif "alert" in body:
            self.problems.append(f"<script> running {body.strip()[:60]!r}")
        self.script = None


@pytest.mark.integration
def test_no_markup_becomes_active(hostile_site: Path) -> None:
    problems = []
    for path in _published(hostile_site):
        parser = _ActiveMarkup()
        parser.feed(path.read_text(encoding="utf-8"))
        problems += [f"{path.relative_to(hostile_site).as_posix()}: {p}" for p in parser.problems]
    assert not problems, "\n".join(problems)


def _text_of(page: Path, element_id: str) -> str:
    """The visible text of the element with this id (one level of nesting is enough here)."""
    source = page.read_text(encoding="utf-8")
    match = re.search(rf'<(\w+)[^>]* id="{re.escape(element_id)}"[^>]*>(.*?)</\1>', source, re.S)
    assert match, f"no #{element_id} in {page}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))


@pytest.mark.integration
def test_hostile_titles_are_shown_as_text(hostile_site: Path) -> None:
    title = 'Maps help <script>alert("argmap")</script><img src=x onerror=alert(1)>'
    assert _text_of(hostile_site / "arguments" / "main-claim" / "index.html", "main-claim") \
        == title


_SVG_NODES = re.compile(r'<g id="[^"]*" class="node [^"]*">.*?</g>\s*</g>', re.S)


@pytest.mark.integration
def test_dot_metacharacters_stay_literal(hostile_site: Path) -> None:
    overview = (hostile_site / "maps" / "index.html").read_text(encoding="utf-8")
    svg = overview[overview.index('class="argmap-diagram"'):]
    svg = svg[:svg.index("</svg>")]
    nodes = _SVG_NODES.findall(svg)
    assert len(nodes) == 5, "a DOT metacharacter added or removed nodes"
    meta = next(n for n in nodes if "dot&#45;meta" in n or "dot-meta" in n)
    tooltip = html.unescape(re.search(r"<title>(.*?)</title>", meta, re.S).group(1))  # type: ignore[union-attr]
    title = r'Quote " end ]; brace } digraph x { a -> b } \N \G \L \l | {c|d} <B>b</B> &amp; &#45;'
    assert tooltip.startswith(title)


# --- scripts/build: a failed build leaves the previous site untouched ----------------------

_SETUP_STUB = """# Stand-in for scripts/lib/setup.sh in a test: the environment is ready as it is.
ROOT="$(cd "$(dirname "${{BASH_SOURCE[0]}}")/../.." && pwd)"
VENV="{venv}"
ensure_venv() {{ :; }}
ensure_dot() {{ :; }}
export_source_date() {{ export SOURCE_DATE_EPOCH=1700000000; }}
"""


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.integration
@pytest.mark.graphviz
def test_failed_build_script_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    """Runs the real scripts/build in a tiny project; only its set-up steps are stubbed."""
    project = new_project(tmp_path)
    (project / "scripts" / "lib").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "build", project / "scripts" / "build")
    (project / "scripts" / "lib" / "setup.sh").write_text(
        _SETUP_STUB.format(venv=VENV_BIN.parent), encoding="utf-8")

    def run() -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run(["bash", str(project / "scripts" / "build")], cwd=project,
                              env=env, capture_output=True, text=True, timeout=300, check=False)

    def leftovers() -> list[str]:
        return sorted(p.name for p in project.iterdir()
                      if p.name.startswith(".site-build") or p.name == "site.old")

    first = run()
    assert first.returncode == 0, first.stderr
    before = _snapshot(project / "site")
    assert "index.html" in before

    # 1. `argmap check` fails: mkdocs never starts.
    _install(project, {"malformed.yml": MAP})
    failed = run()
    assert failed.returncode != 0
    assert "AM101" in failed.stdout + failed.stderr
    assert _snapshot(project / "site") == before
    assert leftovers() == []
    (project / MAP / "malformed.yml").unlink()

    # 2. The check passes but the strict build aborts after writing its temporary site.
    index = project / "docs" / "index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text(good + "\n[A page that does not exist](nowhere.md)\n", encoding="utf-8")
    failed = run()
    assert failed.returncode != 0
    assert "nowhere.md" in failed.stdout + failed.stderr
    assert _snapshot(project / "site") == before
    assert leftovers() == []

    # 3. Fixed: the next build replaces the site.
    index.write_text(good + "\nA new sentence.\n", encoding="utf-8")
    again = run()
    assert again.returncode == 0, again.stderr
    assert "A new sentence." in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert leftovers() == []
