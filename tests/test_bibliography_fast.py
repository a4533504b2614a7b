"""Plain field values skip LaTeX decoding; the result must be what decoding would give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import bibliography


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\\{}~$%&#^_'"),
               max_size=60).filter(lambda t: "--" not in t))
def test_plain_values_read_the_same_with_and_without_decoding(value: str) -> None:
    fast = bibliography.latex_to_text(value)
    decoded = str(bibliography.Text.from_latex(value).render(bibliography._TEXT_BACKEND))
    decoded = bibliography._LEFTOVER_COMMAND.sub("", decoded).replace("\xa0", " ")
    assert fast == " ".join(decoded.split())


def test_latex_ligatures_are_decoded() -> None:
    """latexcodec turns these into single characters; the fast path must not skip them."""
    assert bibliography.latex_to_text("Gr,,u!`?`") == "Gr„u¡¿"
