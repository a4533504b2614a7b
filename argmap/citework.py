"""The one record every citation format is written from: a node of the edition, or the
edition itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.metadata import Person, Publication, edition_url, is_absolute, node_url
from argmap.model import Node

KEY_PREFIX = "argmap"


@dataclass(frozen=True)
class Work:
    """One citable item: a node (with its container, the edition) or the edition itself."""

    key: str
    title: str
    container: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    date: str
    version: str
    url: str
    language: str


def node_work(pub: Publication, node: Node) -> Work:
    e = pub.edition
    return Work(
        f"{KEY_PREFIX}:{safe_key(node.id)}",
        node.title,
        e.title,
        e.editors,
        e.editors,
        e.date,
        e.version,
        node_url(pub, node.id),
        e.language,
    )


def edition_work(pub: Publication) -> Work:
    e = pub.edition
    return Work(
        KEY_PREFIX, e.title, "", e.editors, (), e.date, e.version, edition_url(pub), e.language
    )


def safe_key(node_id: str) -> str:
    # Node ids are validated elsewhere; this only guarantees a key no BibTeX parser rejects.
    return re.sub(r"[^A-Za-z0-9_.-]", "-", node_id)


def citable_url(work: Work) -> str:
    return work.url if is_absolute(work.url) else ""
