"""Versioned editions: `site/v/<version>/` for each edition, `site/latest/` as an alias.

A citation points at a fixed edition (`metadata.node_url`: `{site}v/{version}/arguments/<id>/`),
so every edition stays online unchanged in substance. Each is a whole MkDocs build with its
own `site_url`, so canonical links and the sitemap name the edition's own URLs. `latest/` and
the site root are small redirect pages (meta refresh plus a link: no JavaScript needed), and
every page of an older edition gets a banner, baked into its HTML, that links to the same page
in the latest edition. Editions are rebuilt on each deployment (scripts/build-editions builds
the git tags first), so banners always name the current latest.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from html import escape
from pathlib import Path

from argmap.diagnostics import Severity
from argmap.pipeline import load_publication
from argmap.project import Settings, load_settings
from argmap.report import human
from argmap.urls import relative

LATEST = "latest"
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_SITE_URL = re.compile(r"^site_url:.*$", re.MULTILINE)
_BANNER = re.compile(r"<!-- argmap-edition-banner -->.*?<!-- /argmap-edition-banner -->", re.S)


class EditionError(ValueError):
    """The publication cannot be built as an edition; the message says why."""


def edition_folder(pattern: str, version: str) -> tuple[str, str]:
    """(`v/`, `v/0.1.0/`) from the edition URL pattern `{site}v/{version}/` of publication.yml."""
    if not _VERSION.fullmatch(version):
        raise EditionError(f"version {version!r} cannot name a folder (use e.g. 1.2.0)")
    if not (pattern.startswith("{site}") and pattern.endswith("{version}/")):
        raise EditionError(f"edition_url {pattern!r} must look like '{{site}}v/{{version}}/'")
    prefix = pattern[len("{site}") : -len("{version}/")]
    if not prefix.endswith("/") or prefix.startswith("/") or "{" in prefix:
        raise EditionError(f"edition_url {pattern!r} must put editions in a folder, e.g. v/")
    return prefix, f"{prefix}{version}/"


def with_site_url(config_text: str, site_url: str) -> str:
    """mkdocs.yml with another top-level `site_url` (added when absent)."""
    line = f"site_url: {json.dumps(site_url)}"
    if _SITE_URL.search(config_text):
        return _SITE_URL.sub(lambda _: line, config_text, count=1)
    return f"{line}\n{config_text}"


def redirect_page(target: str, title: str) -> str:
    """A page that sends readers to `target` (relative), keeping any #fragment when JS runs."""
    href = escape(target)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f'<link rel="canonical" href="{href}">'
        f"<script>location.replace({_js(target)} + location.hash)</script>"
        f'</head><body><p>This page is at <a href="{href}">{href}</a>.</p></body></html>\n'
    )


def _js(text: str) -> str:
    """A JavaScript string literal that cannot close the <script> element it stands in."""
    return json.dumps(text).replace("<", "\\u003c")


def banner(version: str, latest: str, href: str) -> str:
    style = (
        "margin:0 0 1.2em;padding:.6em 1em;background:#fff3c4;color:#1a1a1a;"
        "border-bottom:2px solid #946300;font:1rem/1.4 system-ui,sans-serif"
    )
    return (
        "<!-- argmap-edition-banner -->"
        f'<div class="argmap-edition-banner" role="note" style="{style}">'
        f"You are reading edition {escape(version)}, kept unchanged for citation. "
        f'<a href="{escape(href)}" style="color:#0b4f8a">This page in the latest edition '
        f"({escape(latest)})</a></div><!-- /argmap-edition-banner -->"
    )


# Material's instant navigation swaps the article, not the body: a banner inside the article is
# replaced with each page's own, so its link never points at the page the reader came from.
_ANCHORS = ('<article class="md-content__inner', "<body")


def with_banner(html: str, block: str) -> str:
    """The page with `block` at the top of its article (or body); an earlier one is replaced."""
    html = _BANNER.sub("", html)
    for anchor in _ANCHORS:
        start = html.find(anchor)
        end = html.find(">", start) if start >= 0 else -1
        if end >= 0:
            return html[: end + 1] + block + html[end + 1 :]
    return html


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Numbers compare as numbers: 0.10.0 comes after 0.9.0."""
    parts = re.split(r"[.+-]", version)
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def page_url(rel: str) -> str:
    """The URL path of an HTML file relative to the site root (`x/index.html` -> `x/`)."""
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def _html_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


# --- building -----------------------------------------------------------------------------


def _env(root: Path) -> dict[str, str]:
    """A project that carries its own toolkit (an older tag) is built with that toolkit."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if (root / "argmap" / "__init__.py").is_file():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH")) if p)
    return env


def build_edition(settings: Settings, folder: str, site: Path) -> Path:
    """`mkdocs build --strict` of the project into site/<folder>, replaced only on success."""
    out = site / folder
    tmp = out.parent / f".{out.name}.building"
    config = settings.config
    if settings.site_url:  # the edition's own URL, for canonical links and the sitemap
        base = settings.site_url.rstrip("/") + "/"
        config = settings.root / f".argmap-edition-{os.getpid()}.yml"
        text = settings.config.read_text(encoding="utf-8")
        config.write_text(with_site_url(text, base + folder), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "-f",
        str(config),
        "-d",
        str(tmp.resolve()),
    ]
    try:
        done = subprocess.run(command, cwd=settings.root, env=_env(settings.root), check=False)
    finally:
        if config != settings.config:
            config.unlink(missing_ok=True)
    if done.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise EditionError(f"mkdocs build failed for {settings.config} (exit {done.returncode})")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return out


def finish_site(site: Path, prefix: str, latest: str) -> tuple[str, ...]:
    """latest/ and root redirects, versions.json, banners on older editions; the versions."""
    found = [p.name for p in (site / prefix).iterdir() if p.is_dir() and _VERSION.fullmatch(p.name)]
    versions = tuple(sorted(found, key=version_key, reverse=True))
    current = site / prefix / latest
    pages = _html_files(current)
    _write_latest(site, f"{prefix}{latest}/", pages, latest)
    if (current / "404.html").is_file():  # MkDocs writes its 404 page with absolute links
        shutil.copyfile(current / "404.html", site / "404.html")
    for version in versions:
        if version != latest:
            _add_banners(site, prefix, version, latest, set(pages))
    editions = [{"version": v, "url": f"{prefix}{v}/"} for v in versions]
    data = {"latest": latest, "editions": editions}
    _write(site / "versions.json", json.dumps(data, indent=2) + "\n")
    return versions


def _write_latest(site: Path, edition: str, pages: list[str], latest: str) -> None:
    """latest/<page> redirects to the same page of the latest edition; the root to its home."""
    shutil.rmtree(site / LATEST, ignore_errors=True)
    title = f"Latest edition ({latest})"
    for rel in pages:
        target = relative(f"{LATEST}/{page_url(rel)}", edition + page_url(rel))
        _write(site / LATEST / rel, redirect_page(target, title))
    _write(site / "index.html", redirect_page(edition, title))


def _add_banners(site: Path, prefix: str, version: str, latest: str, pages: set[str]) -> None:
    """Every page of an older edition links to the same page in the latest one (or its home)."""
    folder = site / prefix / version
    for rel in _html_files(folder):
        target = page_url(rel if rel in pages else "index.html")
        href = relative(f"{prefix}{version}/{page_url(rel)}", f"{prefix}{latest}/{target}")
        path = folder / rel
        text = with_banner(path.read_text("utf-8"), banner(version, latest, href))
        path.write_text(text, "utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- the command ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`argmap editions [--config mkdocs.yml] [--site-dir site] [--only-edition]`."""
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=Path("site"),
        help="the site holding every edition (default: site)",
    )
    parser.add_argument(
        "--only-edition",
        action="store_true",
        help="build v/<version>/ only: no latest/, root pages or banners "
        "(for older editions, built before the latest one)",
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 built; 1 the build failed; 2 the project or its edition metadata is unusable."""
    settings, problems = load_settings(args.config)
    if settings is None:
        sys.stderr.write(human(problems))
        return 2
    pub, more = load_publication(settings)
    if pub is None or any(d.severity is Severity.ERROR for d in more):
        sys.stderr.write(human(more, settings.root) if more else "")
        print(
            f"argmap editions: {settings.display(settings.metadata)} must give edition.version",
            file=sys.stderr,
        )
        return 2
    version = pub.edition.version
    try:
        prefix, folder = edition_folder(pub.edition.edition_url, version)
        args.site_dir.mkdir(parents=True, exist_ok=True)
        build_edition(settings, folder, args.site_dir)
        shown = () if args.only_edition else finish_site(args.site_dir, prefix, version)
    except EditionError as exc:
        print(f"argmap editions: {exc}", file=sys.stderr)
        return 1
    print(
        f"argmap: edition {version} built into {args.site_dir / folder}"
        + (f"; editions: {', '.join(shown)}; latest: {version}" if shown else "")
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m argmap.editions", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":  # scripts/build-editions runs this before `argmap editions` exists
    sys.exit(main())
