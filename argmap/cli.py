"""The `argmap` command: a thin adapter over the pipeline."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap import __version__, diffreport, editions, permalinks
from argmap.diagnostics import Diagnostic, Severity, ordered
from argmap.interchange import EXPORTERS, IMPORTERS, ExportError, export, import_file
from argmap.pipeline import Checked, check_paths, check_project
from argmap.project import Settings, load_settings
from argmap.report import FORMATS, human
from argmap.yaml_project import write_yaml_project

if TYPE_CHECKING:  # subscripting argparse's class works only for type checkers
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# Problems of set-up rather than of the map: the command could not do its work (exit 2).
_SETUP_CODES = {"AM001", "AM002", "AM003", "AM223"}


def _add_check(sub: Subparsers) -> None:
    check = sub.add_parser("check", help="check argument files, bibliography and text")
    check.add_argument("paths", nargs="*", type=Path,
                       help="files to check (default: the project that ./mkdocs.yml configures)")
    check.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    check.add_argument("--format", choices=sorted(FORMATS), default="human")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    permalinks.add_arguments(check)


def _add_export(sub: Subparsers) -> None:
    export = sub.add_parser("export", help="export the map")
    export.add_argument("paths", nargs="*", type=Path)
    export.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    export.add_argument("--format", choices=list(EXPORTERS), default="json")
    export.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")


def _add_generate(sub: Subparsers) -> None:
    generate = sub.add_parser("generate", help="write the generated pages and diagrams to disk")
    generate.add_argument("--out", type=Path, required=True,
                          help="folder to write into (for Zensical: the docs folder)")
    generate.add_argument("--config", type=Path, default=Path("mkdocs.yml"))


def _add_import(sub: Subparsers) -> None:
    imp = sub.add_parser("import", help="turn an Argdown, AIF or JSON file into argument YAML")
    imp.add_argument("format", choices=list(IMPORTERS))
    imp.add_argument("file", type=Path)
    imp.add_argument("-o", "--output", type=Path, required=True, help="folder for the YAML")
    imp.add_argument("--force", action="store_true",
                     help="replace an existing folder that holds only YAML files")


def _add_others(sub: Subparsers) -> None:
    diffreport.add_arguments(
        sub.add_parser("diff", help="what changed in the argument between two editions"))
    editions.add_arguments(
        sub.add_parser("editions", help="build this edition into site/v/<version>/ and latest/"))
    init = sub.add_parser("init", help="start a new publication in a folder")
    init.add_argument("directory", type=Path)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="argmap", description=__doc__)
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_check, _add_export, _add_import, _add_generate, _add_others):
        add(sub)
    return parser


def _load(
    paths: Sequence[Path], config: Path
) -> tuple[Checked | None, Settings | None, tuple[Diagnostic, ...]]:
    if paths:
        missing = [p for p in paths if not p.exists()]
        if missing:
            print(f"argmap: no such file: {missing[0]}", file=sys.stderr)
            return None, None, ()
        return check_paths(paths, Path.cwd()), None, ()
    settings, problems = load_settings(config)
    if settings is None:
        return None, None, problems
    return check_project(settings), settings, problems


def _run_check(args: argparse.Namespace) -> int:
    checked, settings, setup = _load(args.paths, args.config)
    if checked is None:
        sys.stderr.write(human(setup) if setup else "")
        return EXIT_USAGE
    guarded = permalinks.run_check_against(args, checked, settings)
    diagnostics = ordered(setup + checked.diagnostics + guarded)
    root = settings.root if settings else Path.cwd()
    sys.stdout.write(FORMATS[args.format](diagnostics, root))
    return _exit_code(diagnostics, args.strict)


def _exit_code(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    if any(d.code in _SETUP_CODES for d in diagnostics):
        return EXIT_USAGE
    failing = [d for d in diagnostics if d.severity is Severity.ERROR or strict]
    return EXIT_PROBLEMS if failing else EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    checked, settings, setup = _load(args.paths, args.config)
    if checked is None:
        sys.stderr.write(human(setup) if setup else "")
        return EXIT_USAGE
    errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
    if errors:
        sys.stderr.write(human(errors))
        return EXIT_PROBLEMS
    try:
        text = export(args.format, checked, settings)
    except ExportError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"argmap: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    amap, problems = import_file(args.format, args.file)
    sys.stderr.write(human(problems) if problems else "")
    if any(d.severity is Severity.ERROR for d in problems):
        return EXIT_PROBLEMS
    try:
        written = write_yaml_project(amap, args.output, replace_existing=args.force)
    except FileExistsError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"argmap: wrote {len(written)} file(s) to {args.output}; run `argmap check` on them.")
    return EXIT_OK


def _run_generate(args: argparse.Namespace) -> int:
    from argmap.generate import generate
    from argmap.render import RenderError

    settings, setup = load_settings(args.config)
    if settings is None:
        sys.stderr.write(human(setup))
        return EXIT_USAGE
    try:
        problems = generate(settings, args.out, settings.cache_dir)
    except RenderError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stderr.write(human(problems, settings.root) if problems else "")
    if any(d.severity is Severity.ERROR for d in problems):
        return EXIT_PROBLEMS
    print(f"argmap: generated pages written to {args.out}")
    return EXIT_OK


def _run_init(args: argparse.Namespace) -> int:
    from argmap.scaffold import init

    try:
        written = init(args.directory)
    except FileExistsError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"argmap: started a publication in {args.directory} ({len(written)} files).")
    print(f"Next: cd {args.directory} && argmap check && mkdocs build --strict")
    return EXIT_OK


COMMANDS = {
    "check": _run_check,
    "export": _run_export,
    "generate": _run_generate,
    "init": _run_init,
    "import": _run_import,
    "diff": diffreport.run,
    "editions": editions.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:
        return EXIT_OK
