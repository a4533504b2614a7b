"""The template renderer gives exactly what citeproc-py gives, for any title."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.citeformats import STYLES, Work, csl_item, fast_render, render
from argmap.metadata import Person

_GROUP = (Person(name="argmap contributors"),)


def _item(title: str, url: str = "https://example.org/v/1/arguments/x/") -> dict[str, object]:
    work = Work("argmap:x", title, "An edition: of things", _GROUP, _GROUP, "2026-11-26",
                "1.0", url, "en")
    return csl_item(work)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"],
                                     include_characters="?'’"),
               min_size=1, max_size=40).filter(lambda t: t.strip() != ""))
def test_fast_render_equals_citeproc(title: str) -> None:
    item = _item(" ".join(title.split()))
    for style in STYLES.values():
        for html_output in (True, False):
            assert fast_render(item, style, html_output=html_output) == render(
                item, style, html_output=html_output)


def test_hostile_titles_stay_escaped() -> None:
    item = _item('<script>alert("x")</script> & co')
    out = fast_render(item, STYLES["chicago"], html_output=True)
    assert "<script>" not in out
    assert out == render(item, STYLES["chicago"], html_output=True)


def test_titles_of_the_edition_take_the_fast_path_and_match() -> None:
    for title in ("Firms' production governance shapes the standards problem",
                  "RQ1: How does direct governance affect labour quality?",
                  "IKEA’s long-term supplier ties bring upgrading"):
        item = _item(title)
        for style in STYLES.values():
            assert fast_render(item, style, html_output=True) == render(
                item, style, html_output=True)
