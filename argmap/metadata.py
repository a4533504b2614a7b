"""Publication metadata: the edition we publish and the article it maps, from one file.

`docs/publication.yml` is read by the loader (the only module that imports yaml); this module
validates the resulting plain mapping, so citation formats, page metadata and CITATION.cff all
draw on one declaration. Unknown facts about the article stay `None` and are shown as
NOT_STATED: a guessed venue or author would spread into every citation of the map.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from argmap.diagnostics import Diagnostic, Span, error

NOT_STATED = "not stated in the source"
DEFAULT_EDITION_URL = "{site}v/{version}/"
_MISSING = "AM120"
_UNKNOWN = "AM121"


@dataclass(frozen=True)
class Person:
    """A person (family, given) or, with `name`, a group such as "argmap contributors"."""

    family: str = ""
    given: str = ""
    name: str = ""

    @property
    def display(self) -> str:
        return self.name or " ".join(p for p in (self.given, self.family) if p)

    @property
    def inverted(self) -> str:
        """ "Family, Given" as reference managers expect; groups stay as written."""
        if self.name:
            return self.name
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class Licence:
    code: str
    map: str


@dataclass(frozen=True)
class Edition:
    title: str
    editors: tuple[Person, ...]
    version: str
    date: str
    licence: Licence
    repository: str = ""
    site: str = ""
    edition_url: str = DEFAULT_EDITION_URL
    language: str = "en"


@dataclass(frozen=True)
class Article:
    title: str | None = None
    authors: tuple[Person, ...] = ()
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    year: int | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    licence: str | None = None


@dataclass(frozen=True)
class Publication:
    edition: Edition
    article: Article
    notes: str = ""


def edition_url(pub: Publication) -> str:
    """The versioned edition URL; relative (and so not citable) while `site` is empty."""
    e = pub.edition
    return e.edition_url.format(site=e.site, version=e.version)


def node_url(pub: Publication, node_id: str) -> str:
    return f"{edition_url(pub)}arguments/{node_id}/"


def is_absolute(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def shown(value: str | int | None) -> str:
    return NOT_STATED if value is None else str(value)


def article_facts(article: Article) -> tuple[tuple[str, str], ...]:
    """Label/value rows for the landing page, unknowns spelled out rather than left blank."""
    authors = "; ".join(p.inverted for p in article.authors) or None
    return (
        ("Title", shown(article.title)),
        ("Authors", shown(authors)),
        ("Journal", shown(article.journal)),
        ("Volume", shown(article.volume)),
        ("Issue", shown(article.issue)),
        ("Year", shown(article.year)),
        ("Pages", shown(article.pages)),
        ("DOI", shown(article.doi)),
        ("URL", shown(article.url)),
        ("Licence of the text", shown(article.licence)),
    )


class _Reader:
    """Collects every problem of one mapping tree; local to one call, never shared."""

    def __init__(self, path: str, spans: Mapping[str, Span]) -> None:
        self.path = path
        self.spans = spans
        self.found: list[Diagnostic] = []
        # Sections that are not mappings: their fields are not reported missing one by one.
        self.broken: list[str] = []

    def fail(self, where: str, message: str, hint: str = "", code: str = _MISSING) -> None:
        if any(b == "" or where.startswith(f"{b}.") for b in self.broken):
            return
        span = self.spans.get(where, Span(self.path))
        self.found.append(error(code, f"{where}: {message}", span, hint))

    def mapping(self, value: object, where: str, allowed: Sequence[str]) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            self.fail(where or "(top level)", f"expected a mapping, got {_kind(value)}")
            self.broken.append(where)
            return {}
        for key in value:
            if str(key) not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
                self.fail(_join(where, str(key)), "unknown metadata field", hint, _UNKNOWN)
        return {str(k): v for k, v in value.items()}

    def text(self, data: Mapping[str, object], where: str, key: str, default: str | None) -> str:
        """Required text when `default` is None; otherwise optional, null meaning the default."""
        value = data.get(key)
        if value is None and default is not None:
            return default
        if isinstance(value, str) and (value.strip() or default == ""):
            return value.strip()
        if value is None or isinstance(value, str):
            self.fail(_join(where, key), "missing; expected text")
        else:
            self.fail(
                _join(where, key),
                f"expected text, got {_kind(value)}",
                "Quote values such as versions so YAML keeps them as text.",
            )
        return default or ""

    def optional(self, data: Mapping[str, object], where: str, key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
        self.fail(_join(where, key), f"expected text or null, got {_kind(value)}")
        return None

    def people(self, value: object, where: str, required: bool) -> tuple[Person, ...]:
        if value is None and not required:
            return ()
        if not isinstance(value, list) or (required and not value):
            self.fail(
                where,
                f"expected a list of people, got {_kind(value)}",
                "Each entry: {family: ..., given: ...} or {name: ...} for a group.",
            )
            return ()
        return tuple(self.person(item, f"{where}.{i}") for i, item in enumerate(value))

    def person(self, value: object, where: str) -> Person:
        data = self.mapping(value, where, ("family", "given", "name"))
        if where in self.broken:
            return Person()
        found = {k: self.optional(data, where, k) or "" for k in ("family", "given", "name")}
        if bool(found["family"]) == bool(found["name"]):
            self.fail(where, "give either `family` (with `given`) or `name`, not both")
        return Person(**found)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else type(value).__name__


_EDITION_KEYS = (
    "title",
    "editors",
    "version",
    "date",
    "licence",
    "repository",
    "site",
    "edition_url",
    "language",
)
_ARTICLE_KEYS = (
    "title",
    "authors",
    "journal",
    "volume",
    "issue",
    "year",
    "pages",
    "doi",
    "url",
    "licence",
)


def metadata_from_mapping(
    data: Mapping[str, object], path: str, spans: Mapping[str, Span] | None = None
) -> tuple[Publication, tuple[Diagnostic, ...]]:
    """Validate the plain data of publication.yml; every problem is reported, none raised.

    `spans` (optional) maps dotted field paths such as "edition.version" to their position,
    so a loader that kept positions can make the diagnostics point at the line.
    """
    r = _Reader(path, spans or {})
    top = r.mapping(data, "", ("edition", "article", "notes"))
    edition = _edition(r, r.mapping(top.get("edition"), "edition", _EDITION_KEYS))
    article = _article(r, r.mapping(top.get("article", {}), "article", _ARTICLE_KEYS))
    notes = r.text(top, "", "notes", "")
    return Publication(edition, article, notes), tuple(r.found)


def _edition(r: _Reader, data: Mapping[str, object]) -> Edition:
    w = "edition"
    lic = r.mapping(data.get("licence"), f"{w}.licence", ("code", "map"))
    edition = Edition(
        title=r.text(data, w, "title", None),
        editors=r.people(data.get("editors"), f"{w}.editors", required=True),
        version=r.text(data, w, "version", None),
        date=_iso_date(r, data.get("date"), f"{w}.date"),
        licence=Licence(
            r.text(lic, f"{w}.licence", "code", None), r.text(lic, f"{w}.licence", "map", None)
        ),
        repository=r.text(data, w, "repository", ""),
        site=r.text(data, w, "site", ""),
        edition_url=r.text(data, w, "edition_url", DEFAULT_EDITION_URL),
        language=r.text(data, w, "language", "en"),
    )
    _check_urls(r, edition)
    return edition


def _iso_date(r: _Reader, value: object, where: str) -> str:
    # A loader that types values (yaml.safe_load) hands over a date; ours hands over text.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    r.fail(where, f"expected an ISO date (YYYY-MM-DD), got {value!r}")
    return ""


def _check_urls(r: _Reader, e: Edition) -> None:
    for key, url in (("repository", e.repository), ("site", e.site)):
        if url and not is_absolute(url):
            r.fail(f"edition.{key}", f"expected an http(s) URL or empty text, got {url!r}")
    if e.site and not e.site.endswith("/"):
        r.fail("edition.site", "the site URL must end with '/'", f"write {e.site + '/'!r}")
    fields = {f for _, f, _, _ in string.Formatter().parse(e.edition_url) if f is not None}
    if not fields <= {"site", "version"} or not e.edition_url.endswith("/"):
        r.fail(
            "edition.edition_url",
            f"invalid pattern {e.edition_url!r}",
            "Use only {site} and {version}, and end with '/', e.g. '{site}v/{version}/'.",
        )


def _article(r: _Reader, data: Mapping[str, object]) -> Article:
    w = "article"
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        r.fail(f"{w}.year", f"expected a year as a number or null, got {_kind(year)}")
        year = None
    doi = r.optional(data, w, "doi")
    if doi is not None and not doi.startswith("10."):
        r.fail(f"{w}.doi", f"expected a bare DOI such as 10.1234/abc, got {doi!r}")
    return Article(
        title=r.optional(data, w, "title"),
        authors=r.people(data.get("authors"), f"{w}.authors", required=False),
        journal=r.optional(data, w, "journal"),
        volume=r.optional(data, w, "volume"),
        issue=r.optional(data, w, "issue"),
        year=year if isinstance(year, int) else None,
        pages=r.optional(data, w, "pages"),
        doi=doi,
        url=r.optional(data, w, "url"),
        licence=r.optional(data, w, "licence"),
    )
