from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from urllib.parse import parse_qs, parse_qsl

import extruct
import pytest

from argmap.metadata import Article, Person, Publication, metadata_from_mapping
from argmap.model import Node
from argmap.scholarly import PageMeta, landing_meta, node_meta
from argmap.vocabulary import NodeType

EVIL = 'a </script><script>alert(1)</script> <!-- & "q" \'s {x}'
SITE = "https://example.org/argmap/"
EDITION = f"{SITE}v/1.2.0/"


def _pub(article: Article | None = None) -> Publication:
    pub, found = metadata_from_mapping({
        "edition": {
            "title": f"Map {EVIL}",
            "editors": [{"family": "Doe", "given": "Jane"}, {"name": "argmap contributors"}],
            "version": "1.2.0",
            "date": "2025-01-15",
            "licence": {"code": "MIT", "map": "CC-BY-4.0"},
            "site": SITE,
        },
    }, "publication.yml")
    assert found == ()
    return dataclasses.replace(pub, article=article) if article else pub


NODES = (
    Node("io-gap", NodeType.LIMITATION, f"Gap {EVIL}", text=f"Text {EVIL}",
         quote="cannot enforce"),
    Node("io-soft", NodeType.CLAIM, "Soft law"),
)
REFS = (f"Hassel, A. (2008). {EVIL}.", "Meardi, G., & Marginson, P. (2014). Title.")
KNOWN = Article(title="Four pillars", authors=(Person("Roe", "Richard"),),
                journal="economic sociology", volume="18", issue="3", year=2017,
                pages="4-12", doi="10.1234/abc")


class _Page(HTMLParser):
    """Collects what a consumer of the page sees: meta tags, scripts, COinS titles."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.coins: list[str] = []
        self.scripts = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "meta":
            self.meta.append((a["name"], a["content"]))
        elif tag == "span" and a.get("class") == "Z3988":
            self.coins.append(a["title"])
        elif tag == "script":
            self.scripts += 1


def _page(meta: PageMeta) -> tuple[str, _Page]:
    doc = f"<html><head>{meta.head}</head><body><p>x</p>{meta.body}</body></html>"
    parser = _Page()
    parser.feed(doc)
    parser.close()
    return doc, parser


def _json_ld(doc: str) -> dict[str, object]:
    (data,) = extruct.extract(doc, base_url=SITE, syntaxes=["json-ld"])["json-ld"]
    assert isinstance(data, dict)
    return data


def test_landing_highwire_set() -> None:
    _, page = _page(landing_meta(_pub(), REFS, NODES))
    assert page.meta == [
        ("citation_title", f"Map {EVIL}"),
        ("citation_author", "Doe, Jane"),
        ("citation_author", "argmap contributors"),
        ("citation_publication_date", "2025/01/15"),
        ("citation_language", "en"),
        ("citation_fulltext_html_url", EDITION),
        ("citation_reference", REFS[0]),
        ("citation_reference", REFS[1]),
    ]
    assert page.tags.count("script") == page.scripts == 1


def test_landing_json_ld() -> None:
    doc, _ = _page(landing_meta(_pub(), REFS, NODES))
    data = _json_ld(doc)
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == f"Map {EVIL}"
    assert data["url"] == EDITION
    assert data["version"] == "1.2.0"
    assert data["dateModified"] == "2025-01-15"
    assert data["citation"] == list(REFS)
    assert data["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert data["hasPart"] == [
        {"@type": "Claim", "@id": f"{EDITION}arguments/io-gap/",
         "url": f"{EDITION}arguments/io-gap/", "name": f"Gap {EVIL}"},
        {"@type": "Claim", "@id": f"{EDITION}arguments/io-soft/",
         "url": f"{EDITION}arguments/io-soft/", "name": "Soft law"},
    ]
    based_on = data["isBasedOn"]
    assert isinstance(based_on, dict)
    assert "not stated in the source" in based_on["description"]
    assert {"@type": "Organization", "name": "argmap contributors"} in data["editor"]  # type: ignore[operator]


def test_landing_coins_edition_only_while_article_unknown() -> None:
    _, page = _page(landing_meta(_pub(), REFS, NODES))
    (kev,) = page.coins
    fields = parse_qs(kev)
    assert fields["ctx_ver"] == ["Z39.88-2004"]
    assert fields["rft.genre"] == ["book"]
    assert fields["rft.btitle"] == [f"Map {EVIL}"]
    assert fields["rft.au"] == ["Doe, Jane"]
    assert fields["rft.aucorp"] == ["argmap contributors"]
    assert fields["rft_id"] == [EDITION]


def test_landing_with_known_article() -> None:
    doc, page = _page(landing_meta(_pub(KNOWN), REFS))
    assert len(page.coins) == 2
    article = dict(parse_qsl(page.coins[1]))
    assert article["rft.jtitle"] == "economic sociology"
    assert article["rft.atitle"] == "Four pillars"
    assert article["rft_id"] == "info:doi/10.1234/abc"
    based_on = _json_ld(doc)["isBasedOn"]
    assert based_on == {
        "@type": "ScholarlyArticle", "name": "Four pillars",
        "author": [{"@type": "Person", "name": "Richard Roe", "familyName": "Roe",
                    "givenName": "Richard"}],
        "datePublished": "2017",
        "isPartOf": {"@type": "PublicationIssue", "issueNumber": "3", "isPartOf": {
            "@type": "PublicationVolume", "volumeNumber": "18",
            "isPartOf": {"@type": "Periodical", "name": "economic sociology"}}},
        "pagination": "4-12", "sameAs": "https://doi.org/10.1234/abc",
    }
    # The article's venue never goes into the edition's own Highwire set.
    assert "citation_journal_title" not in {name for name, _ in page.meta}


def test_node_page_has_claim_and_coins_but_no_highwire() -> None:
    meta = node_meta(_pub(), NODES[0], appearance_url=f"{EDITION}text/intro/#intro-p3")
    doc, page = _page(meta)
    assert page.meta == []
    assert "citation_" not in meta.head
    claim = _json_ld(doc)
    assert claim["@type"] == "Claim"
    assert claim["name"] == f"Gap {EVIL}"
    assert claim["text"] == f"Text {EVIL}"
    assert claim["url"] == f"{EDITION}arguments/io-gap/"
    assert claim["isPartOf"] == {"@type": "ScholarlyArticle", "@id": EDITION, "url": EDITION,
                                 "name": f"Map {EVIL}", "version": "1.2.0"}
    assert claim["appearance"] == {"@type": "Quotation", "text": "cannot enforce",
                                   "url": f"{EDITION}text/intro/#intro-p3",
                                   "isPartOf": {"@id": EDITION}}
    assert claim["firstAppearance"]["@type"] == "ScholarlyArticle"  # type: ignore[index]
    (kev,) = page.coins
    fields = parse_qs(kev)
    assert fields["rft.genre"] == ["bookitem"]
    assert fields["rft.atitle"] == [f"Gap {EVIL}"]
    assert fields["rft_id"] == [f"{EDITION}arguments/io-gap/"]


def test_node_without_quote_appears_in_the_article() -> None:
    doc, _ = _page(node_meta(_pub(KNOWN), NODES[1]))
    claim = _json_ld(doc)
    assert claim["appearance"] == claim["firstAppearance"]
    assert claim["appearance"]["name"] == "Four pillars"  # type: ignore[index]


@pytest.mark.parametrize("meta", [landing_meta(_pub(), REFS, NODES), node_meta(_pub(), NODES[0])])
def test_hostile_values_stay_inert(meta: PageMeta) -> None:
    _, page = _page(meta)
    assert page.scripts == 1
    assert set(page.tags) <= {"html", "head", "body", "p", "meta", "script", "span"}
    start = meta.head.index('<script type="application/ld+json">') + 35
    script = meta.head[start:meta.head.rindex("</script>")]
    assert "<" not in script
    assert "&" not in script


def test_deterministic() -> None:
    assert landing_meta(_pub(), REFS, NODES) == landing_meta(_pub(), REFS, NODES)
    assert node_meta(_pub(), NODES[0]) == node_meta(_pub(), NODES[0])
