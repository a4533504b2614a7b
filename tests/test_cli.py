"""The `argmap` command: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "check"


def _files(case: str) -> list[str]:
    return [str(p) for p in sorted((FIXTURES / case).iterdir()) if p.suffix in {".yml", ".bib"}]


def test_clean_files_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *_files("valid")]) == 0
    assert "no problems" in capsys.readouterr().out


def test_problems_exit_one_with_file_line_col_and_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *_files("unknown-field")]) == 1
    out = capsys.readouterr().out
    assert "map.yml:5:5: error[AM106]: unknown field 'atacks' in a node" in out
    assert "= hint: did you mean 'attacks'?" in out
    assert "    atacks: b" in out  # the source line
    assert "^" in out  # and a caret under the column


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *_files("warnings")]) == 1  # this fixture also has an error
    assert main(["check", str(FIXTURES / "duplicate-key" / "map.yml")]) == 1
    capsys.readouterr()


def test_only_warnings_exit_zero_and_strict_one(tmp_path: Path) -> None:
    path = tmp_path / "m.yml"
    path.write_text("nodes:\n  - {id: a, type: claim, title: A}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "github", *_files("unknown-field")])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=")
    assert ",line=5,col=5,title=AM106::unknown field" in lines[0]


def test_json_format_is_parseable(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "json", *_files("bad-ids")])
    data = json.loads(capsys.readouterr().out)
    codes = [d["code"] for d in data["diagnostics"]]
    assert codes == ["AM110", "AM109", "AM110", "AM109"]
    assert set(data["diagnostics"][0]) == {"path", "line", "column", "code", "severity",
                                           "message", "hint"}


def test_missing_config_is_a_setup_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "AM001" in capsys.readouterr().err


def test_config_without_plugin_is_a_setup_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - search\n", encoding="utf-8")
    assert main(["check", "--config", str(config)]) == 2
    assert "AM002" in capsys.readouterr().err


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such/file.yml"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_export_json_contract(tmp_path: Path) -> None:
    out = tmp_path / "map.json"
    assert main(["export", "--format", "json", *_files("valid"), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["argmap", "sections", "nodes", "relations", "retired"]
    assert list(data["nodes"][0]) == ["id", "type", "title", "text", "section", "cites",
                                      "quote", "anchor", "implicit", "tags"]
    study = next(n for n in data["nodes"] if n["id"] == "study")
    assert study["cites"] == [{"key": "doe2020", "locator": "p. 12"}]
    linked = next(r for r in data["relations"] if r["id"] == "linked")
    assert linked == {"id": "linked", "type": "supports", "from": ["premise-a", "caveat"],
                      "to": "thesis", "text": "", "cites": []}


def test_export_refuses_a_broken_map(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", *_files("unknown-refs")]) == 1
    assert "AM201" in capsys.readouterr().err


def test_no_traceback_on_any_fixture_through_the_console_script() -> None:
    exe = shutil.which("argmap") or str(Path(sys.executable).parent / "argmap")
    for case in sorted(p.name for p in FIXTURES.iterdir()):
        files = _files(case) or [str(FIXTURES / case / "map.yml")]
        result = subprocess.run([exe, "check", *files], capture_output=True, text=True,
                                check=False)
        assert "Traceback" not in result.stderr + result.stdout, case
        assert result.returncode in (0, 1, 2)


def test_plugin_paths_may_not_leave_the_project(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - argmap:\n      map: ../../../etc\n",
                      encoding="utf-8")
    assert main(["check", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "mkdocs.yml:4:12: error[AM003]: argmap option 'map' points outside" in err


@pytest.mark.parametrize("fmt", ["aif", "xaif", "argdown", "graphml", "dot"])
def test_every_export_format_runs_from_the_command(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"map.{fmt}"
    assert main(["export", "--format", fmt, *_files("valid"), "-o", str(out)]) == 0
    assert "premise-a" in out.read_text(encoding="utf-8") or fmt == "dot"


def test_import_round_trip_through_the_command(tmp_path: Path) -> None:
    exported = tmp_path / "map.json"
    assert main(["export", *_files("valid"), "-o", str(exported)]) == 0
    out = tmp_path / "imported"
    assert main(["import", "json", str(exported), "-o", str(out)]) == 0
    files = sorted(str(p) for p in out.glob("*.yml"))
    assert files
    again = tmp_path / "again.json"
    bib = str(FIXTURES / "valid" / "references.bib")
    assert main(["export", *files, bib, "-o", str(again)]) == 0
    first, second = json.loads(exported.read_text()), json.loads(again.read_text())
    assert first["nodes"] == second["nodes"]
    assert first["relations"] == second["relations"]


def test_import_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "map.json"
    main(["export", *_files("valid"), "-o", str(exported)])
    out = tmp_path / "imported"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["import", "json", str(exported), "-o", str(out)]) == 2
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    capsys.readouterr()


def _project(tmp_path: Path, map_text: str) -> Path:
    (tmp_path / "docs/map").mkdir(parents=True)
    (tmp_path / "docs/map/m.yml").write_text(map_text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - argmap\n", encoding="utf-8")
    return config


def test_missing_section_page_is_reported(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    config = _project(tmp_path, "sections:\n  - {id: s, title: S, page: text/none.md}\n")
    assert main(["check", "--config", str(config)]) == 1
    assert "docs/map/m.yml:2:5: error[AM408]" in capsys.readouterr().out


def test_citing_without_a_bibliography_is_reported(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    config = _project(tmp_path, "nodes:\n  - {id: e, type: evidence, title: E, cites: [k]}\n")
    assert main(["check", "--config", str(config)]) == 1
    assert "error[AM302]" in capsys.readouterr().out


def test_publication_metadata_is_checked_with_its_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.scaffold import init

    init(tmp_path)
    meta = tmp_path / "docs/publication.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("  authors: []",
                                                             "  authors: [Jane Doe]"),
                    encoding="utf-8")
    assert main(["check", "--config", str(tmp_path / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    assert "docs/publication.yml:16:13: error[AM120]: article.authors.0" in out


def test_check_starts_without_the_publishing_and_interchange_stages() -> None:
    """`argmap check` runs in editors and pre-commit hooks on every save: it must not load
    views, Graphviz, the page builders or the exporters (a third of its start-up)."""
    probe = (
        "import json, sys\n"
        "from argmap.cli import main\n"
        f"main(['check', *{_files('valid')!r}])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('argmap.'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "argmap.pipeline" in loaded
    heavy = {"argmap.views", "argmap.dot", "argmap.render", "argmap.svg", "argmap.pages",
             "argmap.sitedata", "argmap.interchange", "argmap.diffreport", "argmap.editions"}
    assert loaded.isdisjoint(heavy), loaded & heavy


def test_every_command_still_offers_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    for command, option in [("diff", "--color"), ("editions", "--site-dir"), ("export", "aif"),
                            ("import", "argdown"), ("check", "--against")]:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert option in capsys.readouterr().out, command
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(c in out for c in ("check", "export", "import", "generate", "diff", "editions"))


def test_console_script_switches_the_collector_off_only_for_short_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    from argmap import cli

    try:
        monkeypatch.setattr(sys, "argv", ["argmap", "check", *_files("valid")])
        with pytest.raises(SystemExit) as done:
            cli.entry()
        assert done.value.code == 0
        assert not gc.isenabled()
        gc.enable()
        monkeypatch.setattr(sys, "argv", ["argmap", "init", "--help"])
        with pytest.raises(SystemExit):
            cli.entry()
        assert gc.isenabled()  # builds (editions, generate, init) keep it
    finally:
        gc.enable()
    capsys.readouterr()
