"""`argmap diff OLD NEW`: what changed in the argument, for a terminal, a pull request, a map.

Every output marks a change by more than colour: the terminal and Markdown reports put "+",
"−" or "~" before each item and `[-…-]`/`{+…+}` (or <del>/<ins>) around changed words; the
diagram adds a prefix to each label and a line style (bold added, dashed removed, double
changed). Colour is added only on a terminal (and never under NO_COLOR).

The reports in words are made by `difftext`, the diagram by `diffdot`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from argmap.argdiff import diff_maps, summary
from argmap.diffdot import to_dot
from argmap.difftext import to_markdown, to_text
from argmap.model import ArgumentMap
from argmap.project import load_settings
from argmap.report import human
from argmap.report import summary as summary_line
from argmap.revisions import load_source

FORMATS = ("text", "markdown", "dot", "svg")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`argmap diff OLD NEW [--format ...]`."""
    where = "a git revision (origin/main, HEAD, v0.1.0), a JSON export, or a folder or file of "
    parser.add_argument("old", metavar="OLD", help=f"the earlier edition: {where}argument files")
    parser.add_argument(
        "new", metavar="NEW", help="the later edition, likewise (docs/map: the working tree)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="names the map folder for git"
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto: colour only on a terminal, and not under NO_COLOR",
    )
    parser.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")


def _colour(args: argparse.Namespace) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    return args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def render(args: argparse.Namespace, old: ArgumentMap, new: ArgumentMap) -> str:
    """The diff in the chosen format (svg needs Graphviz: RenderError when it is missing)."""
    diff = diff_maps(old, new)
    if args.format == "text":
        return to_text(diff, args.old, args.new, _colour(args))
    if args.format == "markdown":
        return to_markdown(diff, args.old, args.new)
    dot = to_dot(diff, old, new, f"argmap diff {args.old} → {args.new}: {summary(diff)}")
    if args.format == "dot":
        return dot
    from argmap.render import render_all  # only svg needs Graphviz

    return render_all({"diff": dot})["diff"]


def run(args: argparse.Namespace) -> int:
    """Exit 0 with the diff; 2 when an edition cannot be loaded or Graphviz is missing."""
    from argmap.render import RenderError

    config: Path = args.config
    settings, _ = load_settings(config) if config.is_file() else (None, ())
    old, before = load_source(args.old, settings)
    new, after = load_source(args.new, settings)
    problems = before + after
    if problems:  # without human()'s closing "argmap check: ..." line, which would mislead here
        shown = human(problems, settings.root if settings else Path.cwd())
        sys.stderr.write(shown.removesuffix(summary_line(problems) + "\n"))
    if old is None or new is None:
        return 2
    try:
        text = render(args, old, new)
    except RenderError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
