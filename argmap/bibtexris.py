"""BibTeX and RIS records of a citable work (what reference managers import)."""

from __future__ import annotations

from argmap.citework import Work, citable_url
from argmap.metadata import Person

# --- BibTeX -------------------------------------------------------------------------------

_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}


def tex_escape(text: str) -> str:
    """Text as a BibTeX value: braces become commands, so every value stays balanced."""
    return "".join(_TEX.get(c, c) for c in " ".join(text.split()))


def _tex_title(text: str) -> str:
    # BibTeX styles lowercase titles; acronyms such as ILO or MNCs are protected with braces.
    words = []
    for word in text.split():
        escaped = tex_escape(word)
        words.append(f"{{{escaped}}}" if any(c.isupper() for c in word[1:]) else escaped)
    return " ".join(words)


def _tex_name(person: Person) -> str:
    if person.name:
        return f"{{{tex_escape(person.name)}}}"
    parts = [tex_escape(p) for p in (person.family, person.given) if p]
    # A comma or a standalone "and" inside a part would split the name list; braces keep it.
    guarded = [f"{{{p}}}" if "," in p or " and " in f" {p.lower()} " else p for p in parts]
    return ", ".join(guarded)


def bibtex_entry(work: Work) -> str:
    fields = [
        ("author", " and ".join(_tex_name(p) for p in work.authors)),
        ("editor", " and ".join(_tex_name(p) for p in work.editors)),
        ("title", _tex_title(work.title)),
        ("booktitle", _tex_title(work.container)),
        ("year", work.date[:4]),
        ("date", work.date),
        ("version", tex_escape(work.version)),
        ("url", citable_url(work)),
    ]
    kind = "incollection" if work.container else "book"
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
    return f"@{kind}{{{work.key},\n{body}}}\n"


# --- RIS ----------------------------------------------------------------------------------


def ris_record(work: Work) -> str:
    """A RIS record; each value on one line, since RIS has no way to continue a line."""
    y, m, d = ([*work.date.split("-"), "", ""])[:3]
    tags = [
        ("TY", "CHAP" if work.container else "BOOK"),
        ("ID", work.key),
        *(("AU", p.inverted) for p in work.authors),
        *(("A2", p.inverted) for p in work.editors),
        ("TI", work.title),
        ("T2", work.container),
        ("PY", y),
        ("DA", f"{y}/{m}/{d}/" if d else ""),
        ("ET", f"Version {work.version}" if work.version else ""),
        ("LA", work.language),
        ("UR", citable_url(work)),
    ]
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags if value.strip()]
    return "\n".join([*lines, "ER  - "]) + "\n"
