"""Interchange: every export format in one table, every importer behind one function, and the
one place where imported maps get their ids (`yaml_project` writes them as argument files).

Ids are decided once, here, for all importers: an id the source gives (Argdown data
`{id: ...}`, the `argmap` object of our AIF, our JSON) is kept when valid and free; any other
id is derived (a node's or section's from its title, a relation's as `<from>.<type>.<to>`)
and de-duplicated with `-2`, `-3`... in document order. The same input so always gives the
same ids, and a file we exported comes back with the ids it went out with.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from argmap.aif import EPOCH, to_aif, to_xaif
from argmap.aif_import import parse_aif
from argmap.argdown import to_argdown
from argmap.argdown_import import parse_argdown
from argmap.diagnostics import Diagnostic, ordered
from argmap.dot import to_dot
from argmap.export_json import to_json
from argmap.format import MAX_ID_LENGTH, NODE_ID, RELATION_ID
from argmap.graphml import to_graphml
from argmap.json_import import parse_json
from argmap.loader import read_text
from argmap.metadata import Publication, edition_url
from argmap.model import ArgumentMap, Relation
from argmap.pipeline import Checked, load_publication
from argmap.project import Settings
from argmap.views import overview
from argmap.vocabulary import RelationType

TITLE_LENGTH = 60
SLUG_LENGTH = 40


class ExportError(Exception):
    """An export that cannot be made from what is there (e.g. CSL-JSON without metadata)."""


@dataclass(frozen=True)
class Source:
    """What an exporter may read: the map, the publication metadata and the text's words."""

    amap: ArgumentMap
    publication: Publication | None = None
    text: str = ""


def _timestamp(source: Source) -> str:
    """A fixed AIF timestamp (the edition's date), so the same map gives the same bytes."""
    date = source.publication.edition.date if source.publication else ""
    return f"{date} 00:00:00" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else EPOCH


def _base(source: Source) -> str:
    return edition_url(source.publication) if source.publication else ""


def csl_json_all(amap: ArgumentMap, publication: Publication) -> str:
    """Every node as a CSL-JSON item, the same record its page's "cite this" offers (built
    without formatting each in APA and Chicago, which `cite_node` also does)."""
    # Imported here: citeproc is slow to load and no other format needs it.
    from argmap.citeformats import csl_item
    from argmap.citework import node_work

    items = [csl_item(node_work(publication, n)) for n in amap.nodes]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _csl(source: Source) -> str:
    if source.publication is None:
        raise ExportError("csl-json needs the publication metadata (publication.yml)")
    return csl_json_all(source.amap, source.publication)


EXPORTERS: dict[str, Callable[[Source], str]] = {
    "json": lambda s: to_json(s.amap),
    "aif": lambda s: to_aif(s.amap, _timestamp(s), _base(s)),
    "xaif": lambda s: to_xaif(s.amap, s.text, _timestamp(s), _base(s)),
    "argdown": lambda s: to_argdown(s.amap),
    "graphml": lambda s: to_graphml(s.amap),
    "dot": lambda s: to_dot(overview(s.amap), s.amap),
    "csl-json": _csl,
}


def export(fmt: str, checked: Checked, settings: Settings | None) -> str:
    """The checked map in one format; the publication metadata is read when settings say
    where it is, and the text pages' words go into xAIF."""
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown format '{fmt}'; one of {', '.join(EXPORTERS)}")
    publication = load_publication(settings)[0] if settings is not None else None
    text = "\n\n".join(p.text for page in checked.pages for p in page.paragraphs)
    return EXPORTERS[fmt](Source(checked.amap, publication, text))


Importer = Callable[[str, str], tuple[ArgumentMap, dict[str, str], tuple[Diagnostic, ...]]]
IMPORTERS: dict[str, Importer] = {"argdown": parse_argdown, "aif": parse_aif, "json": parse_json}


def import_file(fmt: str, path: Path) -> tuple[ArgumentMap, tuple[Diagnostic, ...]]:
    """The map a file describes, with final ids, and every problem met on the way."""
    display = path.as_posix()
    text, problems = read_text(path, display)
    if text is None:
        return ArgumentMap(), problems
    amap, given, found = IMPORTERS[fmt](text, display)
    return finalize(amap, given), ordered(found)


# --- Ids ------------------------------------------------------------------------------------


def slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by hyphens, starting with a letter, at most `limit`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = ""
    for word in re.findall(r"[a-z0-9]+", plain):
        longer = f"{out}-{word}" if out else word[:limit]
        if len(longer) > limit:
            break
        out = longer
    return out if out[:1].isalpha() else (f"n-{out}" if out else "")


def short_title(text: str) -> str:
    """A diagram label from a text: its first sentence, cut at a word to about 60 characters."""
    words = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0].rstrip(".")
    if len(first) <= TITLE_LENGTH:
        return first or "Untitled"
    return first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _cut(ident: str, limit: int = MAX_ID_LENGTH) -> str:
    """At most `limit` characters, cut after a whole word."""
    if len(ident) <= limit:
        return ident
    return re.sub(r"[-.][^-.]*$", "", ident[: limit + 1]) or ident[:limit]


def _unique(base: str, taken: set[str]) -> str:
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{_cut(base, MAX_ID_LENGTH - 4)}-{n}"
    taken.add(found)
    return found


def _assign(
    keys: Iterable[str],
    given: Mapping[str, str],
    valid: Callable[[str], bool],
    taken: set[str],
) -> dict[str, str]:
    """Given ids, first claim first (a given name that is no id is slugged, so an Argdown
    argument `<Lean argument>` gives `lean-argument`); the rest are derived by the caller."""
    out: dict[str, str] = {}
    for key in keys:
        want = given.get(key, "")
        want = want if valid(want) else slug(want)
        if want and valid(want) and want not in taken:
            out[key] = want
            taken.add(want)
    return out


def _node_id(text: str) -> bool:
    return bool(NODE_ID.fullmatch(text)) and len(text) <= MAX_ID_LENGTH


def finalize(amap: ArgumentMap, given: Mapping[str, str]) -> ArgumentMap:
    """Provisional keys (of an importer) replaced by final ids; empty titles filled."""
    sec_taken: set[str] = set()
    sec = _assign((s.id for s in amap.sections), given, _node_id, sec_taken)
    for s in amap.sections:
        sec.setdefault(s.id, _unique(slug(s.title) or "section", sec_taken))
    taken: set[str] = set()  # nodes and relations share one namespace; nodes claim first
    node = _assign((n.id for n in amap.nodes), given, _node_id, taken)
    rel = _assign(
        (r.id for r in amap.relations), given, lambda i: bool(RELATION_ID.fullmatch(i)), taken
    )
    titles = {n.id: n.title or short_title(n.text) for n in amap.nodes}
    for n in amap.nodes:
        node.setdefault(n.id, _unique(slug(titles[n.id]) or "node", taken))
    for r in sorted(amap.relations, key=lambda r: r.type is RelationType.UNDERCUTS):
        if r.id not in rel:
            ends = rel if r.type is RelationType.UNDERCUTS else node
            first = node.get(r.sources[0], r.sources[0]) if r.sources else "none"
            base = f"{first}.{r.type.value}.{ends.get(r.target, r.target)}"
            # A short-form relation never writes its derived id; any other id is written
            # and so must fit the id length.
            written = len(r.sources) != 1 or bool(r.cites) or base in taken
            rel[r.id] = _unique(_cut(base) if written else base, taken)
    return ArgumentMap(
        tuple(
            replace(n, id=node[n.id], title=titles[n.id], section=sec.get(n.section, n.section))
            for n in amap.nodes
        ),
        tuple(_relation(r, rel, node) for r in amap.relations),
        tuple(replace(s, id=sec[s.id], parent=sec.get(s.parent, s.parent)) for s in amap.sections),
        amap.retired,
    )


def _relation(r: Relation, rel: dict[str, str], node: dict[str, str]) -> Relation:
    target = (rel if r.type is RelationType.UNDERCUTS else node).get(r.target, r.target)
    return replace(r, id=rel[r.id], sources=tuple(node.get(s, s) for s in r.sources), target=target)
