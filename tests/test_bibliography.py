"""Loading BibTeX: fields as plain text, positions for every problem, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.bibliography import (
    Bibliography,
    Person,
    Reference,
    latex_to_text,
    load_bibliography,
    parse_bibliography,
)
from argmap.diagnostics import Severity, Span

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> tuple[Bibliography, list[tuple[str, str, str]]]:
    bib, problems = load_bibliography(FIXTURES / name, name)
    return bib, [(p.code, str(p.span), p.message) for p in problems]


def test_valid_fixture_fields_are_plain_text() -> None:
    bib, problems = _load("valid.bib")
    assert problems == []
    assert bib.keys() == ("hassel2008", "mueller2010", "djelic2008", "ilo2010", "vandijk2001")
    hassel = bib.get("hassel2008")
    assert hassel is not None
    assert hassel.authors == (Person("Hassel", "Anke"),)
    assert (hassel.container, hassel.volume, hassel.number) == ("Governance", "21", "2")
    assert hassel.pages == "231–251"  # -- is an en dash
    assert (hassel.status, hassel.status_source) == ("verified", "https://example.org/hassel")
    assert hassel.annote == "Cited once with page 237."
    assert hassel.span == Span("valid.bib", 4, 1)


def test_accents_braces_macros_and_roles() -> None:
    bib, _ = _load("valid.bib")
    refs = [bib.get(k) for k in bib.keys()[1:]]
    assert None not in refs
    mueller, djelic, ilo, chapter = (ref for ref in refs if ref is not None)
    assert [p.last for p in mueller.authors] == ["Müller", "Platzer", "Rüb"]
    assert mueller.title == "Global Union Federations and the Challenges of Globalisation"
    assert (mueller.publisher, mueller.status) == ("Friedrich-Ebert-Stiftung", "unverified")
    assert djelic.authors == ()
    assert djelic.editors[0] == Person("Djelic", "Marie-Laure")
    assert djelic.publisher == "Cambridge University Press"  # an @string macro
    assert djelic.shorthand == "Djelic and Sahlin-Andersson 2008"
    assert djelic.url == "https://example.org/a_b%20c"  # URLs are not LaTeX
    assert ilo.authors == (Person("International Labour Office"),)
    assert (ilo.title, ilo.container, ilo.edition) == ("ILO Declaration", "Studies", "2nd")
    assert chapter.authors == (Person("Dijk", "Jan", von="van"), Person("Smith", "John", jr="Jr."))
    assert (chapter.container, chapter.pages) == ("A Book", "1–10")


def test_lookup_is_case_insensitive_like_bibtex() -> None:
    bib, _ = _load("valid.bib")
    assert bib.get("HASSEL2008") is bib.get("hassel2008")
    assert "Hassel2008" in bib
    assert bib.get("nobody") is None


def test_syntax_error_points_at_its_line_and_reading_goes_on() -> None:
    bib, problems = _load("syntax-error.bib")
    errors = [p for p in problems if p[0] == "AM301"]
    assert errors == [
        (
            "AM301",
            "syntax-error.bib:10:3",
            "BibTeX syntax error: '}' expected (in the entry starting at line 7)",
        )
    ]
    assert "after" in bib  # the entries after the error are still read


def test_duplicate_key_reports_both_positions() -> None:
    bib, problems = _load("duplicate.bib")
    assert problems == [
        (
            "AM303",
            "duplicate.bib:7:1",
            "duplicate BibTeX key 'Same' (first defined at duplicate.bib:1:1)",
        )
    ]
    first = bib.get("same")
    assert first is not None
    assert first.title == "The first one"


def test_missing_author_or_year_is_a_warning() -> None:
    bib, problems = load_bibliography(FIXTURES / "incomplete.bib", "incomplete.bib")
    assert [(p.code, p.severity, p.span.line) for p in problems] == [
        ("AM304", Severity.WARNING, 1),
        ("AM304", Severity.WARNING, 5),
    ]
    assert "no author or editor and no year" in problems[0].message
    assert len(bib.entries) == 2


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path in (tmp_path / "absent.bib", tmp_path):
        bib, problems = load_bibliography(path, "docs/references.bib")
        assert bib.entries == ()
        assert [(p.code, p.span) for p in problems] == [("AM302", Span("docs/references.bib"))]


def test_invalid_utf8_gives_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.bib"
    path.write_bytes(b"@misc{a,\n  title = {Caf\xe9}\n}\n")
    _, problems = load_bibliography(path, "latin1.bib")
    assert [(p.code, p.span) for p in problems] == [("AM301", Span("latin1.bib", 2, 15))]
    assert "byte 0xe9 at byte offset 23" in problems[0].message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.bib"
    path.write_bytes(b"\xef\xbb\xbf@misc{a, author = {A, B}, year = 2000}")
    bib, problems = load_bibliography(path, "bom.bib")
    assert (bib.keys(), problems) == (("a",), ())


def test_bad_name_list_is_an_error_of_its_entry() -> None:
    text = "@misc{ok, author = {O, K}, year = 1}\n\n@misc{bad,\n author = {A, B, C, D}, year = 1}"
    _, problems = parse_bibliography(text, "x.bib")
    assert [(p.code, p.span.line) for p in problems] == [("AM301", 3)]
    assert "Too many commas" in problems[0].message


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"J{\"o}rg", "Jörg"),
        (r"{\"O}.", "Ö."),
        (r"Politics \& Society", "Politics & Society"),
        ("1033--1055", "1033–1055"),
        (r"{ILO} Declaration", "ILO Declaration"),
        (r"\textit{Foo} bar", "Foo bar"),
        ("a~b", "a b"),
        ("{unbalanced", "unbalanced"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_the_publication_bibliography_loads_cleanly() -> None:
    bib, problems = load_bibliography(ROOT / "docs" / "references.bib", "docs/references.bib")
    assert problems == ()
    assert len(bib.entries) == 39
    statuses = [ref.status for ref in bib.entries]
    assert (statuses.count("verified"), statuses.count("unverified")) == (32, 7)
    assert all(
        ref.status_source.startswith("http") for ref in bib.entries if ref.status == "verified"
    )
    assert all(ref.annote for ref in bib.entries if ref.status == "unverified")


def test_reference_defaults_allow_short_construction() -> None:
    ref = Reference("k", title="T")
    assert (ref.entry_type, ref.authors, ref.span.path) == ("misc", (), "<memory>")


BIBTEXISH = st.lists(
    st.sampled_from(
        [
            *'@{}(),="#%\\ \n\tab09_-~.:;',
            *["article", "author", "title", "year", " and ", "editor", "others", "von", "é"],
            *["@string", "@comment", "@preamble", '{\\"u}'],
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), BIBTEXISH))
def test_arbitrary_text_never_raises(text: str) -> None:
    bib, problems = parse_bibliography(text, "fuzz.bib")
    assert all(p.span.path == "fuzz.bib" and p.span.line >= 1 for p in problems)
    assert isinstance(bib, Bibliography)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.bib"
        path.write_bytes(data)
        load_bibliography(path, "fuzz.bib")
