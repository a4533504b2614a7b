"""Citation markup, the article's author-year labels, and the reference list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.authoryear import (
    CITATION_PATTERN,
    Citation,
    CitationGroup,
    ReferenceSource,
    cite_label,
    find_citations,
    label_parts,
    parse_group,
    reference_sort_key,
    render_group,
    render_group_parts,
    render_reference,
    render_reference_text,
)
from argmap.bibliography import Bibliography, Person, Reference, load_bibliography

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "bib"


def _bib(path: Path) -> Bibliography:
    bib, problems = load_bibliography(path, path.name)
    assert problems == ()
    return bib


@pytest.fixture(scope="module")
def article_bib() -> Bibliography:
    return _bib(ROOT / "docs" / "references.bib")


def render_text(text: str, bib: ReferenceSource) -> str:
    for start, end, group in reversed(find_citations(text)):
        text = text[:start] + render_group(group, bib) + text[end:]
    return text


# Every form of citation the article uses, and the words it prints.
ARTICLE_FORMS = [
    ("[@marginson2016]", "(Marginson 2016)"),
    (
        "[@braithwaite2008; @djelic2008; @djelic2012]",
        "(Braithwaite 2008; Djelic and Sahlin-Andersson 2008; Salles-Djelic and Quack 2012)",
    ),
    ("[@hassel2008; @meardi2014]", "(Hassel 2008; Meardi and Marginson 2014)"),
    ("[@ilo2010]", "(ILO 2010)"),
    (
        "[for example @alston2004; @hassel2008; @vosko2002]",
        "(for example Alston 2004; Hassel 2008; Vosko 2002)",
    ),
    ("[@hassel2008, p. 237]", "(Hassel 2008: 237)"),
    ("[@meardi2014, p. 1038]", "(Meardi and Marginson 2014: 1038)"),
    ("[@ivarsson2010, p. 749]", "(Ivarsson and Alvstam 2010: 749)"),
    ("[@fichter2012; @krause2012]", "(Fichter et al. 2012; Krause 2012)"),
    ("As [@fichter2012] point out", "As (Fichter et al. 2012) point out"),
    ("[see @mueller2003; @mueller2010]", "(see Müller et al. 2003, 2010)"),
    ("[@lundthomsen2013]", "(Lund-Thomsen and Lindgreen 2013)"),
    ("[@locke2013]", "(R. M. Locke 2013)"),
    ("[@barrientos2007; @locke2009]", "(Barrientos and Smith 2007; R. Locke et al. 2009)"),
    (
        "[for a critical review of this discussion, see @buthe2010]",
        "(for a critical review of this discussion, see Büthe 2010)",
    ),
    ("[@fransen2011] defines", "(Fransen 2011) defines"),
    (
        "[@coslovsky2013; @gereffi2014; @mayer2010]",
        "(Coslovsky and Locke 2013; Gereffi and Lee 2014; Mayer and Gereffi 2010)",
    ),
    (
        "approach [for the following, see @lundthomsen2013]:",
        "approach (for the following, see Lund-Thomsen and Lindgreen 2013):",
    ),
    ("Herrigel et al. [-@herrigel2013] describe", "Herrigel et al. (2013) describe"),
    ("Jürgens and Krzywdzinski’s [-@jurgens2014] study", "Jürgens and Krzywdzinski’s (2014) study"),
    ("Distelhorst et al.’s [-@distelhorst2013] work", "Distelhorst et al.’s (2013) work"),
    (
        "[@distelhorst2013; @locke2007; @locke2013]",
        "(Distelhorst et al. 2013; R. M. Locke et al. 2007; R. M. Locke 2013)",
    ),
    ("Fligstein [-@fligstein2001; -@fligstein2012]", "Fligstein (2001, 2012)"),
    ("with Cooper [-@cooper2001] that", "with Cooper (2001) that"),
]


@pytest.mark.parametrize(("markup", "words"), ARTICLE_FORMS)
def test_every_form_in_the_article(markup: str, words: str, article_bib: Bibliography) -> None:
    assert render_text(markup, article_bib) == words


# ------------------------------------------------------------------------ parsing


def test_parse_group_forms() -> None:
    assert parse_group("@a") == CitationGroup((Citation("a"),))
    assert parse_group(" see  also @a:b.c, pp. 3–5 ;  -@d ") == CitationGroup(
        (
            Citation("a:b.c", prefix="see also", locator="pp. 3–5"),
            Citation("d", suppress_author=True),
        )
    )
    group = parse_group("@a; @b")
    assert group is not None
    assert group.keys == ("a", "b")


@pytest.mark.parametrize(
    "inner", ["", "link text", "mail me@example.org", "@", "see @a; plain text", "@a @b", "x-@a"]
)
def test_parse_group_rejects_what_is_not_a_citation(inner: str) -> None:
    assert parse_group(inner) is None


def test_find_citations_gives_spans_in_order() -> None:
    text = "One [@a] and two [see @b, p. 2]."
    found = find_citations(text)
    assert [(text[s:e], g.keys) for s, e, g in found] == [
        ("[@a]", ("a",)),
        ("[see @b, p. 2]", ("b",)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[@a](https://example.org)",
        "![@a](x.png)",
        "a note[^1]",
        "[[node-id]]",
        "[x][@a]",
        "[a@b.c]",
    ],
)
def test_find_citations_skips_links_footnotes_and_markers(text: str) -> None:
    assert find_citations(text) == []


def test_a_citation_may_end_a_sentence_with_a_colon() -> None:
    assert len(find_citations("approach [for the following, see @a]:")) == 1


def test_citation_pattern_is_usable_by_python_markdown() -> None:
    match = re.compile(CITATION_PATTERN).search("x [see @a, p. 2] y")
    assert match is not None
    assert match.group(1) == "see @a, p. 2"


# ------------------------------------------------------------------------ labels


def _ref(key: str, *lasts: str, year: str = "2001", shorthand: str = "") -> Reference:
    authors = tuple(Person(last, "A.") for last in lasts)
    return Reference(key, authors=authors, year=year, shorthand=shorthand)


SYNTHETIC = {
    "one": _ref("one", "Hassel"),
    "two": _ref("two", "Meardi", "Marginson"),
    "three": _ref("three", "Herrigel", "Wittke", "Voskamp"),
    "a": _ref("a", "Smith"),
    "b": _ref("b", "Smith", year="2002"),
    "undated": _ref("undated", "Nobody", year=""),
    "acronym": _ref("acronym", "Long Name", shorthand="ILO"),
}


class _Bib:
    def get(self, key: str) -> Reference | None:
        return SYNTHETIC.get(key)


@pytest.mark.parametrize(
    ("markup", "words"),
    [
        ("[@one]", "(Hassel 2001)"),
        ("[@two]", "(Meardi and Marginson 2001)"),
        ("[@three]", "(Herrigel et al. 2001)"),
        ("[@a; @b]", "(Smith 2001, 2002)"),
        ("[@a, p. 3; @b]", "(Smith 2001: 3; Smith 2002)"),  # no collapse after a page
        ("[@a; see @b]", "(Smith 2001; see Smith 2002)"),  # nor before a prefix
        ("[@a; @one; @b]", "(Smith 2001; Hassel 2001; Smith 2002)"),  # only adjacent ones
        ("[@a, 12]", "(Smith 2001: 12)"),
        ("[@a, pp. 3–5]", "(Smith 2001: 3–5)"),
        ("[@a, S.166]", "(Smith 2001: S.166)"),
        ("[@a, chap. 2]", "(Smith 2001: chap. 2)"),
        ("[@undated]", "(Nobody n.d.)"),
        ("[@acronym]", "(ILO)"),
        ("[-@acronym]", "(ILO)"),  # a shorthand without a year is shown whole
        ("[@missing]", "(missing)"),
    ],
)
def test_labels_locators_and_collapse(markup: str, words: str) -> None:
    assert render_text(markup, _Bib()) == words


def test_label_parts_split_a_shorthand_year() -> None:
    ref = Reference("k", authors=(Person("Locke", "Richard M."),), year="2013")
    assert label_parts(ref) == ("Locke", "2013")
    with_shorthand = Reference("k", year="2013", shorthand="R. M. Locke et al. 2007a")
    assert label_parts(with_shorthand) == ("R. M. Locke et al.", "2007a")
    assert cite_label(with_shorthand) == "R. M. Locke et al. 2007a"


def test_label_falls_back_to_editors_then_title() -> None:
    edited = Reference("k", editors=(Person("Djelic"), Person("Quack")), year="2010")
    assert cite_label(edited) == "Djelic and Quack 2010"
    assert cite_label(Reference("k", title="Anonymous", year="1999")) == "Anonymous 1999"
    assert (
        cite_label(Reference("k", authors=(Person("Dijk", von="van"),), year="1")) == "van Dijk 1"
    )


def test_render_group_parts_tie_each_label_to_its_key() -> None:
    group = parse_group("see @a; @b, p. 4")
    assert group is not None
    assert render_group_parts(group, _Bib()) == [
        ("(", None),
        ("see ", None),
        ("Smith 2001", "a"),
        (", ", None),
        ("2002: 4", "b"),
        (")", None),
    ]


# ---------------------------------------------------------------- reference list


def test_reference_entries_are_apa_like() -> None:
    bib = _bib(FIXTURES / "valid.bib")
    html_of = {ref.key: render_reference(ref) for ref in bib.entries}
    assert html_of["hassel2008"] == (
        "Hassel, A. (2008). The Evolution of a Global Labor Governance Regime. "
        "<em>Governance</em>, <em>21</em>(2), 231–251. "
        '<a href="https://doi.org/10.1111/j.1468-0491.2008.00397.x">'
        "https://doi.org/10.1111/j.1468-0491.2008.00397.x</a>"
    )
    assert html_of["djelic2008"].startswith(
        "Djelic, M.-L., &amp; Sahlin-Andersson, K. (Eds.). (2006). "
        "<em>Transnational Governance</em>."
    )
    assert "(2nd ed.)" in html_of["ilo2010"]
    assert (
        "In G. Morgan (Ed.), <em>A Book</em> (pp. 1–10). Oxford University Press."
        in html_of["vandijk2001"]
    )
    assert "van Dijk, J., &amp; Smith, J., Jr." in html_of["vandijk2001"]


def test_reference_text_is_the_same_entry_without_markup() -> None:
    bib = _bib(FIXTURES / "valid.bib")
    ref = bib.get("hassel2008")
    assert ref is not None
    plain = re.sub(r"<[^>]+>", "", render_reference(ref)).replace("&amp;", "&")
    # The link's text is the target itself, so the plain entry reads the same.
    assert render_reference_text(ref) == plain


def test_hostile_field_values_are_escaped_and_notes_not_printed() -> None:
    bib = _bib(FIXTURES / "hostile.bib")
    evil, evildoi = bib.get("evil"), bib.get("evildoi")
    assert evil is not None
    assert evildoi is not None
    html = render_reference(evil)
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html  # a non-web URL is never a link
    assert "secret maintainer note" not in html
    assert "example.org" not in html  # the note's verification URL is not for readers
    doi_html = render_reference(evildoi)
    assert 'href="https://doi.org/10.1000/x%22onmouseover%3D%22alert(4)"' in doi_html
    assert '"onmouseover' not in doi_html


def test_reference_list_order() -> None:
    refs = [
        _ref("z", "Zeta"),
        _ref("b2", "Beta", year="2010"),
        _ref("b1", "Beta", year="2002"),
        Reference("t", title="anonymous work", year="2000"),
        _ref("ü", "Über"),
    ]
    assert [r.key for r in sorted(refs, key=reference_sort_key)] == ["t", "b1", "b2", "z", "ü"]
