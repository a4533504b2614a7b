"""The print edition page: chapters in reading order, the text pages' Markdown moved under
the print page (headings, footnotes, links), maps, arguments and references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.pipeline import check_project
from argmap.printpage import (
    SRC,
    chapter_id,
    chapters,
    heading_text,
    print_page,
    read_source,
    transform,
)
from argmap.project import load_settings
from argmap.scaffold import init
from argmap.sitedata import Repository, SiteData, site_data
from argmap.urls import UrlScheme
from argmap.views import all_views

ROOT = Path(__file__).resolve().parent.parent

SECOND_PAGE = """---
title: Second
---
# Second page

Text with a note[^1] and another[^long-note]. [[how-large]]
{: #second-p1 }

See [the example](example.md#example-p2), [the start](example.md), [about](../about.md)
and [the web](https://example.org/x.md).

## A subsection

```markdown
# not a heading [^1] [link](example.md)
```

[^1]: The note.
[^long-note]: Another note.
"""


def _site(project: Path) -> SiteData:
    settings, problems = load_settings(project / "mkdocs.yml")
    assert settings is not None, problems
    checked = check_project(settings)
    views = {v.id: v for v in all_views(checked.amap)}
    return site_data(checked.amap, checked.bibliography, checked.pages, None, views,
                     UrlScheme(), Repository(), settings.docs_dir)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "edition"
    init(root)
    (root / "docs" / "text" / "second.md").write_text(SECOND_PAGE, encoding="utf-8")
    return root


def test_transform_moves_a_page_under_the_print_page() -> None:
    included = {"text/example.md": "print-text-example", "text/second.md": "print-text-second"}
    out = transform(SECOND_PAGE, "text/second.md", "Second page", included)
    lines = out.splitlines()
    assert lines[0] == "## Second page {: #print-text-second .argmap-print-chapter }"
    assert "# Second page" not in lines  # the page title became the chapter heading
    assert "title: Second" not in out  # front matter dropped
    assert "### A subsection" in lines
    assert "note[^text-second-1] and another[^text-second-long-note]" in out
    assert "[^text-second-1]: The note." in lines
    assert "[the example](#example-p2)" in out
    assert "[the start](#print-text-example)" in out
    assert "[about](../about.md)" in out
    assert "[the web](https://example.org/x.md)" in out
    # Code is left exactly as written.
    assert "# not a heading [^1] [link](example.md)" in lines
    assert "[[how-large]]" in out
    assert "{: #second-p1 }" in lines


def test_transform_without_its_own_page_break_when_a_map_opens_the_chapter() -> None:
    out = transform("# T\n\ntext\n", "text/t.md", "T", {}, new_page=False)
    assert out.startswith("## T {: #print-text-t }\n")


def test_setext_titles_are_replaced_too() -> None:
    out = transform("Title\n=====\n\nSub\n===\n\nbody\n", "a.md", "Title", {})
    assert "=====" not in out
    assert "## Sub" in out
    assert out.count("Title") == 1


def test_titles_in_headings_stay_text() -> None:
    shown = heading_text('Maps <script>alert("x")</script> *not em* [no](link) {: .c }')
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown
    assert r"\*not em\*" in shown
    assert r"\[no\]\(link\)" in shown
    assert r"\{: \.c \}" in shown


def test_chapter_ids_are_anchors() -> None:
    assert chapter_id("text/introduction.md") == "print-text-introduction"
    assert chapter_id("text/sub dir/a.b.md") == "print-text-sub-dir-a-b"


def test_chapters_follow_the_map_then_the_other_pages(project: Path) -> None:
    site = _site(project)
    pages = [scan.page for scan, _ in chapters(site)]
    assert pages == ["text/example.md", "text/second.md"]
    assert chapters(site)[0][1] is not None  # the example page is a section's page
    assert chapters(site)[1][1] is None


def test_print_page_holds_everything(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.parent)  # the sources are found without the project as cwd
    site = _site(project)
    page = print_page(site)
    md = page.markdown
    assert page.src == SRC == "print/index.md"
    assert md.startswith("---\ntitle: ")
    assert "exclude: true" in md  # kept out of the search index: the text is there already
    assert len(re.findall(r"^# (?!not a heading)", md, flags=re.M)) == 1  # one page title
    for view in ("overview", "legend", "section/example"):
        assert f'data-view="{view}"' in md
    assert "## Example text {: #print-text-example }" in md  # its map opened the chapter
    assert "## Second page {: #print-text-second .argmap-print-chapter }" in md
    assert "[[main-claim]]" in md
    assert "///Footnotes Go Here///" in md
    for node in site.amap.nodes:
        assert f'id="print-node-{node.id}"' in md
    assert site.bibliography is not None
    assert md.count('class="argmap-reference"') == len(site.bibliography.entries)
    # Relations are listed from both ends, as links within the page.
    assert re.search(r"supports <a href=\"#print-node-main-claim\">", md)
    # Contents link to every chapter.
    for anchor in ("print-overview", "print-text-example", "print-text-second",
                   "print-notes", "print-arguments", "print-references"):
        assert f'href="#{anchor}"' in md
        assert f"#{anchor}" in md.split("## Contents", 1)[1]


def test_the_scan_stands_in_for_an_unreadable_page(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(project)
    scan = next(s for s, _ in chapters(site) if s.page == "text/example.md")
    assert read_source(site, scan) is not None
    moved = SiteData(site.amap, site.bibliography, site.pages, None, site.views,
                     nodes=site.nodes, incoming=site.incoming, outgoing=site.outgoing,
                     docs_dir=tmp_path / "nonexistent")
    assert read_source(moved, scan) is None
    md = print_page(moved).markdown
    assert "[[main-claim]] [[mapping-study]]" in md
    assert "{: #example-p1 }" in md


def test_the_real_edition_prints_every_text_page() -> None:
    settings, _ = load_settings(ROOT / "mkdocs.yml")
    assert settings is not None
    site = _site(ROOT)
    md = print_page(site).markdown
    for scan in site.pages:
        assert f"#{chapter_id(scan.page)}" in md
        assert read_source(site, scan) is not None
    labels = re.findall(r"^\[\^([^\]]+)\]:", md, flags=re.M)
    assert len(labels) == len(set(labels)), "footnote labels collide across pages"
