"""Relative links between pages: the fast path agrees with posixpath.relpath."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.urls import _relpath, relative

_segment = st.sampled_from(["arguments", "maps", "a", "b", "index.html", "x-1", ".", "..", ""])
_path = st.lists(_segment, min_size=1, max_size=4).map("/".join)


@settings(max_examples=500, deadline=None)
@given(_path, _path)
def test_relpath_agrees_with_posixpath(path: str, start: str) -> None:
    if not path or not start:
        return  # posixpath refuses an empty path; relative() never passes one
    assert _relpath(path, start) == posixpath.relpath(path, start)


def test_links_between_generated_pages() -> None:
    assert relative("arguments/a/", "arguments/b/") == "../b/"
    assert relative("arguments/a/", "maps/s/#n") == "../../maps/s/#n"
    assert relative("", "arguments/a/") == "arguments/a/"
    assert relative("maps/s/", "maps/s/") == "./"
    assert relative("arguments/a.html", "index.html") == "../index.html"
    assert relative("arguments/a/", "") == "../.."  # the site root, as before
