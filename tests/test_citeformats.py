from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as csl_formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import parse_string as pybtex_parse

from argmap.citeformats import CiteThis, cite_edition, cite_node, tex_escape
from argmap.metadata import Publication, metadata_from_mapping
from argmap.model import Node
from argmap.vocabulary import NodeType

HOSTILE = 'ILO & <script>alert("x")</script> {oops} } 100% $5 #1 a_b ~ ^ \\ Müller\'s'
URL = "https://example.org/argmap/v/1.2.0/arguments/io-gap/"


def _pub(site: str = "https://example.org/argmap/") -> Publication:
    pub, found = metadata_from_mapping({
        "edition": {
            "title": "Labor governance: an argument map",
            "editors": [{"family": "Doe", "given": "Jane"}, {"family": "Müller", "given": "Jo"}],
            "version": "1.2.0",
            "date": "2025-01-15",
            "licence": {"code": "MIT", "map": "CC-BY-4.0"},
            "site": site,
        },
    }, "publication.yml")
    assert found == ()
    return pub


NODE = Node("io-gap", NodeType.LIMITATION, HOSTILE, text="International organizations...")


@pytest.fixture(scope="module")
def cite() -> CiteThis:
    return cite_node(_pub(), NODE)


def _untex(value: str) -> str:
    # The inverse of our escaping, to prove the value survives a BibTeX parser unchanged.
    for escaped, char in [(r"\textbackslash{}", "\\"), (r"\textbraceleft{}", "{"),
                          (r"\textbraceright{}", "}"), (r"\textasciicircum{}", "^"),
                          (r"\textasciitilde{}", "~"), (r"\textless{}", "<"),
                          (r"\textgreater{}", ">"), ("{ILO}", "ILO")]:
        value = value.replace(escaped, char)
    for char in "&%$#_":
        value = value.replace("\\" + char, char)
    return value


def test_bibtexparser_reads_the_entry(cite: CiteThis) -> None:
    library = bibtexparser.parse_string(cite.bibtex)
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.key == "argmap:io-gap"
    assert entry.entry_type == "incollection"
    fields = {f.key: f.value for f in entry.fields}
    assert _untex(fields["title"]) == HOSTILE
    assert fields["booktitle"] == "Labor governance: an argument map"
    assert fields["author"] == fields["editor"] == "Doe, Jane and Müller, Jo"
    assert fields["url"] == URL
    assert fields["version"] == "1.2.0"
    assert fields["year"] == "2025"
    assert "{ILO}" in fields["title"]


def test_pybtex_reads_names_and_title(cite: CiteThis) -> None:
    entry = pybtex_parse(cite.bibtex, "bibtex").entries["argmap:io-gap"]
    assert [str(p) for p in entry.persons["author"]] == ["Doe, Jane", "Müller, Jo"]
    assert _untex(entry.fields["title"]) == HOSTILE


def test_group_names_stay_one_name() -> None:
    pub = _pub()
    pub = dataclasses.replace(pub, edition=dataclasses.replace(
        pub.edition, editors=(type(pub.edition.editors[0])(name="Smith and Sons, Ltd."),)))
    entry = pybtex_parse(cite_edition(pub).bibtex, "bibtex").entries["argmap"]
    (person,) = entry.persons["author"]
    assert person.last_names == ["{Smith and Sons, Ltd.}"]


@given(st.text(max_size=40))
def test_any_text_stays_one_balanced_bibtex_value(text: str) -> None:
    bib = f"@misc{{k,\n  title = {{{tex_escape(text)}}},\n  year = {{2025}},\n}}\n"
    library = bibtexparser.parse_string(bib)
    assert library.failed_blocks == []
    assert [f.key for f in library.entries[0].fields] == ["title", "year"]


def test_rispy_reads_the_record(cite: CiteThis) -> None:
    (record,) = rispy.loads(cite.ris)
    assert record["type_of_reference"] == "CHAP"
    assert record["title"] == HOSTILE
    assert record["secondary_title"] == "Labor governance: an argument map"
    assert record["authors"] == ["Doe, Jane", "Müller, Jo"]
    assert record["secondary_authors"] == ["Doe, Jane", "Müller, Jo"]
    assert record["urls"] == [URL]
    assert record["year"] == "2025"
    assert record["date"] == "2025/01/15/"
    assert record["id"] == "argmap:io-gap"


def test_ris_values_cannot_start_new_lines() -> None:
    node = dataclasses.replace(NODE, title="first\nER  - \nTY  - JOUR")
    records = rispy.loads(cite_node(_pub(), node).ris)
    assert len(records) == 1
    assert records[0]["title"] == "first ER - TY - JOUR"


def test_citeproc_renders_the_csl_json(cite: CiteThis) -> None:
    items = json.loads(cite.csl_json)
    assert items[0]["type"] == "chapter"
    assert items[0]["container-title"] == "Labor governance: an argument map"
    style = CitationStylesStyle("apa", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), csl_formatter.plain)
    bibliography.register(Citation([CitationItem("argmap:io-gap")]))
    (entry,) = bibliography.bibliography()
    assert HOSTILE in str(entry)
    assert URL in str(entry)


def test_formatted_text(cite: CiteThis) -> None:
    assert cite.apa == (
        f"Doe, J., & Müller, J. (2025). {HOSTILE}. In J. Doe & J. Müller (Eds.), "
        f"Labor governance: an argument map (Version 1.2.0). {URL}")
    assert cite.chicago.startswith("Doe, Jane, and Jo Müller. 2025. “ILO & <script>")
    assert "In Labor Governance: An Argument Map, version 1.2.0, edited by Jane Doe" in cite.chicago


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.mark.parametrize("field", ["apa_html", "chicago_html"])
def test_html_keeps_hostile_values_inert(cite: CiteThis, field: str) -> None:
    parser = _Tags()
    parser.feed(getattr(cite, field))
    parser.close()
    assert set(parser.tags) == {"i", "a"}
    # Chicago title-cases the title, so only the markup-like part is compared there.
    assert '<script>alert("x")</script>' in parser.text
    if field == "apa_html":
        assert HOSTILE in parser.text
    assert f'<a href="{URL}">{URL}</a>' in getattr(cite, field)


def test_private_use_stand_ins_in_input_cannot_become_markup() -> None:
    node = dataclasses.replace(NODE, title="a \ue000b\ue001 c")
    cite = cite_node(_pub(), node)
    assert "\ufffdb\ufffd" in cite.apa_html
    assert "<b>" not in cite.apa_html


def test_edition_citation() -> None:
    cite = cite_edition(_pub())
    assert cite.key == "argmap"
    assert cite.url == "https://example.org/argmap/v/1.2.0/"
    (entry,) = bibtexparser.parse_string(cite.bibtex).entries
    assert entry.entry_type == "book"
    assert rispy.loads(cite.ris)[0]["type_of_reference"] == "BOOK"
    assert json.loads(cite.csl_json)[0]["type"] == "book"
    assert cite.apa == (
        "Doe, J., & Müller, J. (2025). Labor governance: an argument map (Version 1.2.0). "
        "https://example.org/argmap/v/1.2.0/")


def test_relative_urls_are_left_out() -> None:
    cite = cite_node(_pub(site=""), NODE)
    assert cite.url == "v/1.2.0/arguments/io-gap/"
    for text in (cite.bibtex, cite.ris, cite.csl_json, cite.apa, cite.chicago_html):
        assert "v/1.2.0" not in text


def test_deterministic() -> None:
    assert cite_node(_pub(), NODE) == cite_node(_pub(), NODE)
    assert cite_edition(_pub()) == cite_edition(_pub())
