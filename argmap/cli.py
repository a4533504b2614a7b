"""The `argmap` command: a thin adapter over the pipeline."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap import __version__
from argmap.diagnostics import Diagnostic, Severity, ordered
from argmap.project import Settings, load_settings
from argmap.report import FORMATS, human

# Each command imports what it needs when it runs (and its options when it is the one
# chosen): `argmap check` on a large map does not pay for loading the exporters, the diff
# and the site builder, a third of its start-up otherwise.
if TYPE_CHECKING:
    from argmap.pipeline import Checked

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# Problems of set-up rather than of the map: the command could not do its work (exit 2).
_SETUP_CODES = {"AM001", "AM002", "AM003", "AM223"}


def _check_options(check: argparse.ArgumentParser) -> None:
    from argmap import permalinks

    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files to check (default: the project that ./mkdocs.yml configures)",
    )
    check.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    check.add_argument("--format", choices=sorted(FORMATS), default="human")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    permalinks.add_arguments(check)


def _export_options(export: argparse.ArgumentParser) -> None:
    from argmap.interchange import EXPORTERS

    export.add_argument("paths", nargs="*", type=Path)
    export.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    export.add_argument("--format", choices=list(EXPORTERS), default="json")
    export.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")


def _generate_options(generate: argparse.ArgumentParser) -> None:
    generate.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder to write into (for Zensical: the docs folder)",
    )
    generate.add_argument("--config", type=Path, default=Path("mkdocs.yml"))


def _import_options(imp: argparse.ArgumentParser) -> None:
    from argmap.interchange import IMPORTERS

    imp.add_argument("format", choices=list(IMPORTERS))
    imp.add_argument("file", type=Path)
    imp.add_argument("-o", "--output", type=Path, required=True, help="folder for the YAML")
    imp.add_argument(
        "--force", action="store_true", help="replace an existing folder that holds only YAML files"
    )


def _diff_options(parser: argparse.ArgumentParser) -> None:
    from argmap import diffreport

    diffreport.add_arguments(parser)


def _editions_options(parser: argparse.ArgumentParser) -> None:
    from argmap import editions

    editions.add_arguments(parser)


def _init_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", type=Path)


_OPTIONS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("check argument files, bibliography and text", _check_options),
    "export": ("export the map", _export_options),
    "import": ("turn an Argdown, AIF or JSON file into argument YAML", _import_options),
    "generate": ("write the generated pages and diagrams to disk", _generate_options),
    "diff": ("what changed in the argument between two editions", _diff_options),
    "editions": ("build this edition into site/v/<version>/ and latest/", _editions_options),
    "init": ("start a new publication in a folder", _init_options),
}


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """Every command is listed; only the chosen one's options are set up (all of them when
    none is chosen yet, for --help)."""
    parser = argparse.ArgumentParser(prog="argmap", description=__doc__)
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    chosen = argv[0] if argv and argv[0] in _OPTIONS else None
    for name, (help_text, options) in _OPTIONS.items():
        command = sub.add_parser(name, help=help_text)
        if chosen in (None, name):
            options(command)
    return parser


def _load(
    paths: Sequence[Path], config: Path
) -> tuple[Checked | None, Settings | None, tuple[Diagnostic, ...]]:
    from argmap.pipeline import check_paths, check_project

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
    from argmap import permalinks

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
    from argmap.interchange import ExportError, export

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
    from argmap.interchange import import_file
    from argmap.yaml_project import write_yaml_project

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


def _run_diff(args: argparse.Namespace) -> int:
    from argmap import diffreport

    return diffreport.run(args)


def _run_editions(args: argparse.Namespace) -> int:
    from argmap import editions

    return editions.run(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _run_check,
    "export": _run_export,
    "generate": _run_generate,
    "init": _run_init,
    "import": _run_import,
    "diff": _run_diff,
    "editions": _run_editions,
}


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    args = _parser(given).parse_args(given)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:
        return EXIT_OK


# Commands that read a bounded input, make few reference cycles and end with the process: the
# cyclic garbage collector would only rescan the loaded map (a tenth of `check` on 10,000 nodes).
_NO_COLLECTOR = {"check", "export", "import", "diff"}


def entry() -> None:
    """The console script. Unlike main(), it owns the process, so it may switch off the
    collector for commands that end with it."""
    if _NO_COLLECTOR.intersection(sys.argv[1:2]):
        gc.disable()
    sys.exit(main())
