"""Browser-test fixtures: the site built once, served on 127.0.0.1, driven in Chromium.

The publication is built with `mkdocs build --strict` into a temporary folder (once per
session) and served by a threaded `http.server` on a free port. Every request a page makes
goes through a route: requests to 127.0.0.1 proceed, any other host is aborted and
recorded, so a test both fails on it and never reaches the network.

Set ARGMAP_BROWSER_SITE to a folder that already holds a built site (for example site/
after ./scripts/build) to test that site instead of building one.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
HOST = "127.0.0.1"



def build_site(out: Path) -> None:
    """`mkdocs build --strict` of the repository's own publication into `out`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    # No --quiet: MkDocs 1.6 then drops its own warnings before --strict counts them.
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed (exit {done.returncode}):\n{done.stderr}")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("ARGMAP_BROWSER_SITE")
    if given:
        return Path(given).resolve()
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are recorded in the browser; the server stays silent."""


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)  # port 0: a free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():  # scripts/test installs it; a bare `pytest` may run without
        pytest.skip(f"Debian's Chromium ({CHROMIUM}) is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """One browser context on the served site, with everything it saw recorded."""

    base: str
    page: Page
    foreign: list[str] = field(default_factory=list)  # requests to any other host
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    visited: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.visited.append(path or "/")
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None, f"{path}: no response"
        assert response.ok, f"{path}: HTTP {response.status}"

    def assert_clean(self) -> None:
        """No request left 127.0.0.1 and no page logged an error."""
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.errors, f"console errors on {self.visited}:\n" + "\n".join(self.errors)


def _open(browser: Browser, base_url: str, color_scheme: str) -> Iterator[Visit]:
    context = browser.new_context(color_scheme=color_scheme,  # type: ignore[arg-type]
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(base_url, page)

    def route(route: Route) -> None:
        if urlsplit(route.request.url).hostname == HOST:
            route.continue_()
        else:
            visit.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    def on_request(request: Request) -> None:
        # The route covers pages; this listener also sees what a worker fetches.
        scheme, host = urlsplit(request.url).scheme, urlsplit(request.url).hostname
        if scheme in ("http", "https") and host != HOST and request.url not in visit.foreign:
            visit.foreign.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.errors.append(f"{page.url}: {message.text}")

    context.route("**/*", route)
    context.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: visit.errors.append(f"{page.url}: uncaught {exc}"))
    try:
        yield visit
    finally:
        context.close()


@pytest.fixture
def site(browser: Browser, base_url: str) -> Iterator[Visit]:
    """A fresh light-mode context (nothing cached, no stored palette choice)."""
    yield from _open(browser, base_url, "light")


@pytest.fixture
def dark_site(browser: Browser, base_url: str) -> Iterator[Visit]:
    """A fresh context whose system preference is dark (prefers-color-scheme: dark)."""
    yield from _open(browser, base_url, "dark")
