"""The Markdown extension: badges, citations, diagram slots, article facts and links."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from argmap.scaffold import init


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pub")
    init(root)
    return root


def _render(project: Path, source: str, mkdocs_links: bool = False) -> str:
    md = markdown.Markdown(extensions=["attr_list", "argmap"],
                           extension_configs={"argmap": {"config_file":
                                                         str(project / "mkdocs.yml")}})
    if mkdocs_links:
        # MkDocs registers its own link processor under this name after the extensions.
        md.treeprocessors.register(markdown.treeprocessors.Treeprocessor(md), "relpath", 0)
    return md.convert(source)


def test_marker_becomes_a_badge_with_title_and_anchor(project: Path) -> None:
    html = _render(project, "A passage. [[main-claim]] Again [[main-claim]]", mkdocs_links=True)
    assert ('<a class="argmap-badge argmap-type-thesis" data-argmap-node="main-claim" '
            'href="/arguments/main-claim.md" id="at-main-claim" '
            'title="Argument maps help readers">main-claim</a>') in html
    assert html.count('id="at-main-claim"') == 1  # only the first is the anchor


def test_unknown_marker_stays_text(project: Path) -> None:
    assert "[[no-such-node]]" in _render(project, "x [[no-such-node]]")


def test_marker_in_code_is_not_a_marker(project: Path) -> None:
    html = _render(project, "`[[main-claim]]`")
    assert "argmap-badge" not in html


def test_citation_links_each_label_to_the_reference(project: Path) -> None:
    html = _render(project, "as shown [see @twardy2004, p. 96].", mkdocs_links=True)
    assert 'href="/references.md#ref-twardy2004"' in html
    assert ">Twardy 2004: 96</a>)" in html
    assert "(see " in html


def test_without_mkdocs_links_become_site_absolute(project: Path) -> None:
    html = _render(project, "[[main-claim]] [@twardy2004]")
    assert 'href="/arguments/main-claim/"' in html
    assert 'href="/references/#ref-twardy2004"' in html


def test_diagram_directive_leaves_a_slot_with_a_fallback_link(project: Path) -> None:
    html = _render(project, "[[map: section/example]]", mkdocs_links=True)
    assert '<div class="argmap-diagram-slot" data-view="section/example">' in html
    assert 'href="/maps/example.md"' in html


def test_article_facts_say_what_is_not_stated(project: Path) -> None:
    html = _render(project, "[[about: article]]")
    assert '<table class="argmap-article-facts">' in html
    assert "not stated in the source" in html


def test_hostile_node_title_is_escaped(tmp_path: Path) -> None:
    init(tmp_path)
    path = tmp_path / "docs/map/00-example.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Argument maps help readers",
                                 "title: '<script>alert(1)</script> & \"q\"'"), encoding="utf-8")
    html = _render(tmp_path, "[[main-claim]]")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_hostile_bibliography_label_is_text(tmp_path: Path) -> None:
    init(tmp_path)
    bib = tmp_path / "docs/references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "Twardy, Charles", "Twardy<script>alert(1)</script>, Charles"), encoding="utf-8")
    html = _render(tmp_path, "[@twardy2004]")
    assert "<script>" not in html
    assert "Twardy&lt;script&gt;alert(1)&lt;/script&gt; 2004" in html


def test_a_context_given_by_the_plugin_is_used_as_given(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plugin hands over what it has read; the extension must not read the sources
    again for every page (it did, when the option was turned into a boolean)."""
    from argmap import mdext
    from argmap.context import TextContext
    from argmap.model import Node
    from argmap.vocabulary import NodeType

    def no_reload(config: Path) -> TextContext:
        raise AssertionError("the extension read the sources itself")

    monkeypatch.setattr(mdext, "load_context", no_reload)
    mdext._cached.cache_clear()
    given = TextContext({"given-node": Node("given-node", NodeType.CLAIM, "Handed over")}, None)
    md = markdown.Markdown(extensions=["argmap"], extension_configs={"argmap": {
        "config_file": str(project / "mkdocs.yml"), "context": given}})
    html = md.convert("See [[given-node]].")
    assert 'title="Handed over"' in html
