from __future__ import annotations

import copy
import datetime
from pathlib import Path

import pytest
import yaml

from argmap.diagnostics import Span
from argmap.loader import load_yaml
from argmap.metadata import (
    NOT_STATED,
    Person,
    Publication,
    article_facts,
    edition_url,
    metadata_from_mapping,
    node_url,
)
from argmap.tree import to_plain

ROOT = Path(__file__).resolve().parent.parent
PUBLICATION = ROOT / "docs" / "publication.yml"

FULL: dict[str, object] = {
    "edition": {
        "title": "An argument map",
        "editors": [{"family": "Doe", "given": "Jane"}, {"name": "argmap contributors"}],
        "version": "1.2.0",
        "date": "2025-01-15",
        "licence": {"code": "MIT", "map": "CC-BY-4.0"},
        "repository": "https://example.org/repo",
        "site": "https://example.org/argmap/",
        "edition_url": "{site}v/{version}/",
        "language": "en",
    },
    "article": {
        "title": "Four pillars",
        "authors": [{"family": "Roe", "given": "Richard"}],
        "journal": "economic sociology",
        "volume": 18,
        "issue": "3",
        "year": 2017,
        "pages": "4-12",
        "doi": "10.1234/abc",
        "url": None,
        "licence": None,
    },
    "notes": "test",
}


def _read(data: object) -> tuple[Publication, list[tuple[str, str, str]]]:
    pub, found = metadata_from_mapping(data, "publication.yml")  # type: ignore[arg-type]
    return pub, [(d.code, d.message, d.hint) for d in found]


def _with(path: str, value: object) -> dict[str, object]:
    data = copy.deepcopy(FULL)
    *parents, last = path.split(".")
    target: object = data
    for key in parents:
        assert isinstance(target, dict)
        target = target[key]
    assert isinstance(target, dict)
    target[last] = value
    return data


def test_published_file_is_valid_and_honest() -> None:
    pub, found = _read(yaml.safe_load(PUBLICATION.read_text(encoding="utf-8")))
    assert found == []
    assert pub.article.title is None
    assert pub.article.authors == ()
    assert pub.article.journal is None
    assert pub.article.licence is None
    assert "unconfirmed" in pub.notes
    assert pub.edition.editors


def test_project_loader_and_safe_load_agree() -> None:
    # The project's loader keeps dates as text; yaml.safe_load makes them dates.
    tree, problems = load_yaml(PUBLICATION, "docs/publication.yml")
    assert problems == ()
    assert tree is not None
    via_loader, found = _read(to_plain(tree))
    assert found == []
    assert via_loader == _read(yaml.safe_load(PUBLICATION.read_text(encoding="utf-8")))[0]


def test_full_mapping() -> None:
    pub, found = _read(FULL)
    assert found == []
    assert pub.edition.editors == (Person("Doe", "Jane"), Person(name="argmap contributors"))
    assert pub.article.volume == "18"
    assert pub.article.year == 2017
    assert edition_url(pub) == "https://example.org/argmap/v/1.2.0/"
    assert node_url(pub, "io-gap") == "https://example.org/argmap/v/1.2.0/arguments/io-gap/"


def test_optional_edition_fields_default() -> None:
    edition = {k: v for k, v in FULL["edition"].items()  # type: ignore[attr-defined]
               if k not in {"repository", "site", "edition_url", "language"}}
    pub, found = _read({"edition": edition})
    assert found == []
    assert pub.edition.site == ""
    assert edition_url(pub) == "v/1.2.0/"
    assert pub.article.title is None


def test_date_object_from_a_typing_loader() -> None:
    pub, found = _read(_with("edition.date", datetime.date(2025, 1, 15)))
    assert found == []
    assert pub.edition.date == "2025-01-15"


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        ("edition.title", None, "edition.title: missing"),
        ("edition.version", 1.0, "edition.version: expected text, got a number"),
        ("edition.date", "15.01.2025", "expected an ISO date"),
        ("edition.date", None, "expected an ISO date"),
        ("edition.editors", [], "expected a list of people"),
        ("edition.editors", [{"family": "Doe", "name": "X"}], "either `family`"),
        ("edition.editors", ["Jane Doe"], "edition.editors.0: expected a mapping"),
        ("edition.licence", "MIT", "edition.licence: expected a mapping, got text"),
        ("edition.licence", None, "edition.licence: expected a mapping, got nothing"),
        ("edition.site", "example.org/", "expected an http(s) URL"),
        ("edition.site", "https://example.org", "must end with '/'"),
        ("edition.edition_url", "{site}{release}/", "invalid pattern"),
        ("article.year", "2017", "expected a year"),
        ("article.year", True, "expected a year"),
        ("article.doi", "https://doi.org/10.1/x", "bare DOI"),
        ("article.title", ["a"], "expected text or null"),
    ],
)
def test_am120(path: str, value: object, fragment: str) -> None:
    _, found = _read(_with(path, value))
    assert [code for code, _, _ in found] == ["AM120"]
    assert fragment in found[0][1]


def test_version_number_hint_says_quote() -> None:
    _, found = _read(_with("edition.version", 1.0))
    assert "Quote" in found[0][2]


def test_am121_unknown_field_suggests_nearest() -> None:
    _, found = _read(_with("edition.titel", "x"))
    assert ("AM121", "edition.titel: unknown metadata field", "did you mean 'title'?") in found


def test_am121_without_near_match_lists_allowed() -> None:
    _, found = _read(_with("article.zzz", "x"))
    assert found[0][0] == "AM121"
    assert "allowed: title, authors" in found[0][2]


def test_all_problems_in_one_run() -> None:
    data = _with("edition.version", 2)
    data["extra"] = 1
    assert isinstance(data["article"], dict)
    data["article"]["year"] = "x"
    _, found = _read(data)
    assert sorted(code for code, _, _ in found) == ["AM120", "AM120", "AM121"]


def test_top_level_not_a_mapping() -> None:
    _, found = _read(["edition"])
    assert [f[:2] for f in found] == [("AM120", "(top level): expected a mapping, got a list")]


def test_spans_point_at_the_field() -> None:
    span = Span("docs/publication.yml", 4, 12)
    _, found = metadata_from_mapping(_with("edition.version", 3), "docs/publication.yml",
                                     {"edition.version": span})
    assert found[0].span == span
    _, found = metadata_from_mapping(_with("edition.title", None), "docs/publication.yml")
    assert found[0].span == Span("docs/publication.yml")


def test_unknowns_are_shown_as_not_stated() -> None:
    pub, _ = _read(yaml.safe_load(PUBLICATION.read_text(encoding="utf-8")))
    facts = dict(article_facts(pub.article))
    assert facts["Title"] == NOT_STATED
    assert facts["Authors"] == NOT_STATED
    assert facts["Licence of the text"] == NOT_STATED
    full, _ = _read(FULL)
    assert dict(article_facts(full.article))["Authors"] == "Roe, Richard"
