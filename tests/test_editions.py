"""Versioned editions: folders, redirects, banners, and a real two-edition build."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest

from argmap import editions
from argmap.editions import (
    EditionError,
    banner,
    edition_folder,
    finish_site,
    page_url,
    redirect_page,
    version_key,
    with_banner,
    with_site_url,
)
from argmap.scaffold import init


def test_edition_folder_follows_the_citation_pattern() -> None:
    assert edition_folder("{site}v/{version}/", "0.1.0") == ("v/", "v/0.1.0/")
    folders = edition_folder("{site}editions/v/{version}/", "2.0")
    assert folders == ("editions/v/", "editions/v/2.0/")


@pytest.mark.parametrize("version", ["../../etc", "a/b", "", " 1.0", "-rf"])
def test_versions_that_cannot_be_folder_names(version: str) -> None:
    with pytest.raises(EditionError, match="cannot name a folder"):
        edition_folder("{site}v/{version}/", version)


@pytest.mark.parametrize(
    "pattern",
    ["{site}{version}/", "https://x.org/{version}/", "{site}v/{version}/x/", "{site}/{version}/"],
)
def test_patterns_that_give_no_edition_folder(pattern: str) -> None:
    with pytest.raises(EditionError):
        edition_folder(pattern, "1.0")


def test_site_url_is_replaced_or_added() -> None:
    text = "site_name: x\nsite_url: https://a.org/\nplugins:\n  - argmap\n"
    assert with_site_url(text, "https://a.org/v/1/") == text.replace(
        "site_url: https://a.org/", 'site_url: "https://a.org/v/1/"'
    )
    assert with_site_url("site_name: x\n", "https://a.org/v/1/").startswith(
        'site_url: "https://a.org/v/1/"\nsite_name: x\n'
    )


def test_redirect_pages_work_without_javascript_and_escape() -> None:
    page = redirect_page("../v/1.0/a&b/", "Latest <edition>")
    assert '<meta http-equiv="refresh" content="0; url=../v/1.0/a&amp;b/">' in page
    assert '<a href="../v/1.0/a&amp;b/">' in page
    assert "<title>Latest &lt;edition&gt;</title>" in page
    assert "</script>x" not in redirect_page("</script>x", "t")


def test_banner_is_inserted_once_after_body() -> None:
    html = '<html><head></head><body class="x"><p>text</p></body></html>'
    once = with_banner(html, banner("1.0", "2.0", "../../2.0/a/"))
    twice = with_banner(once, banner("1.0", "3.0", "../../3.0/a/"))
    assert once.startswith('<html><head></head><body class="x"><!-- argmap-edition-banner -->')
    assert twice.count("argmap-edition-banner -->") == 2  # one opening, one closing marker
    assert "(3.0)" in twice
    assert "(2.0)" not in twice
    assert with_banner("<p>no body</p>", "B") == "<p>no body</p>"
    material = '<body><header></header><article class="md-content__inner md-typeset"><h1>'
    inside = with_banner(material, "B")
    assert inside.endswith('<article class="md-content__inner md-typeset">B<h1>')


def test_version_order_and_page_urls() -> None:
    ordered = sorted(["0.10.0", "0.9.0", "1.0.0-rc1", "0.9.1"], key=version_key)
    assert ordered == ["0.9.0", "0.9.1", "0.10.0", "1.0.0-rc1"]
    assert page_url("index.html") == ""
    assert page_url("arguments/a/index.html") == "arguments/a/"
    assert page_url("404.html") == "404.html"


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_finish_site_links_old_editions_to_the_latest(tmp_path: Path) -> None:
    for version in ("0.9.0", "0.10.0"):
        _page(tmp_path / "v" / version / "index.html", "home")
        _page(tmp_path / "v" / version / "arguments" / "a" / "index.html", "a")
        _page(tmp_path / "v" / version / "404.html", "missing")
    _page(tmp_path / "v" / "0.9.0" / "arguments" / "gone" / "index.html", "gone")
    assert finish_site(tmp_path, "v/", "0.10.0") == ("0.10.0", "0.9.0")
    old_a = (tmp_path / "v/0.9.0/arguments/a/index.html").read_text("utf-8")
    assert 'href="../../../0.10.0/arguments/a/"' in old_a
    gone = (tmp_path / "v/0.9.0/arguments/gone/index.html").read_text("utf-8")
    assert 'href="../../../0.10.0/"' in gone  # not in the latest edition: its home page
    assert "argmap-edition-banner" not in (tmp_path / "v/0.10.0/index.html").read_text("utf-8")
    latest_a = (tmp_path / "latest/arguments/a/index.html").read_text("utf-8")
    assert 'url=../../../v/0.10.0/arguments/a/"' in latest_a
    assert 'url=v/0.10.0/"' in (tmp_path / "index.html").read_text("utf-8")
    assert (tmp_path / "404.html").read_text("utf-8") == "<html><body>missing</body></html>"
    data = json.loads((tmp_path / "versions.json").read_text("utf-8"))
    assert data == {"latest": "0.10.0", "editions": [
        {"version": "0.10.0", "url": "v/0.10.0/"}, {"version": "0.9.0", "url": "v/0.9.0/"}]}


def test_finish_site_drops_stale_latest_pages(tmp_path: Path) -> None:
    _page(tmp_path / "v/1.0/index.html", "home")
    _page(tmp_path / "latest/old/index.html", "stale")
    finish_site(tmp_path, "v/", "1.0")
    assert not (tmp_path / "latest/old").exists()


def test_a_tag_with_its_own_toolkit_is_built_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTHONPATH", raising=False)
    assert "PYTHONPATH" not in editions._env(tmp_path)
    (tmp_path / "argmap").mkdir()
    (tmp_path / "argmap" / "__init__.py").write_text("", "utf-8")
    assert editions._env(tmp_path)["PYTHONPATH"].split(os.pathsep)[0] == str(tmp_path)


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    editions.add_arguments(parser)
    return editions.run(parser.parse_args(list(argv)))


def test_without_a_project_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("--config", str(tmp_path / "mkdocs.yml")) == 2
    assert "AM001" in capsys.readouterr().err


@pytest.mark.integration
@pytest.mark.graphviz
def test_two_editions_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "pub"
    init(root)
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://ex.org/pub/\n" + config.read_text("utf-8"), "utf-8")
    metadata = root / "docs" / "publication.yml"
    site = tmp_path / "site"
    assert _run("--config", str(config), "--site-dir", str(site), "--only-edition") == 0
    assert not (site / "latest").exists()
    metadata.write_text(metadata.read_text("utf-8").replace('"0.1.0"', '"0.2.0"'), "utf-8")
    assert _run("--config", str(config), "--site-dir", str(site)) == 0
    assert "editions: 0.2.0, 0.1.0; latest: 0.2.0" in capsys.readouterr().out
    node = "arguments/main-claim/index.html"
    old = (site / "v/0.1.0" / node).read_text("utf-8")
    assert "You are reading edition 0.1.0" in old
    assert 'href="../../../0.2.0/arguments/main-claim/"' in old
    new = (site / "v/0.2.0" / node).read_text("utf-8")
    assert "argmap-edition-banner" not in new
    assert '<link rel="canonical" href="https://ex.org/pub/v/0.2.0/arguments/main-claim/">' in new
    assert (site / "latest" / node).is_file()
    assert list(root.glob(".argmap-edition-*")) == []  # the per-edition config is removed
