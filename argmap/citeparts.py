"""A rendered citation split into linkable parts: (text, key) for each label, (text, None)
for the punctuation between them."""

from __future__ import annotations

from argmap.authoryear import CitationGroup, ReferenceSource, render_group


def render_group_parts(group: CitationGroup, bib: ReferenceSource
                       ) -> list[tuple[str, str | None]]:
    """Each item rendered alone and located in the whole, so the words stay exactly those of
    `render_group` (collapse, prefixes, locators) while every label links to its entry."""
    whole = render_group(group, bib)
    parts: list[tuple[str, str | None]] = []
    cursor = 0
    for item in group.items:
        alone = render_group(CitationGroup((item,)), bib)[1:-1]
        year = alone.split()[-1] if alone.split() else alone
        for candidate in (alone, year):
            at = whole.find(candidate, cursor)
            if at >= 0:
                if at > cursor:
                    parts.append((whole[cursor:at], None))
                parts.append((candidate, item.key))
                cursor = at + len(candidate)
                break
    parts.append((whole[cursor:], None))
    return [p for p in parts if p[0]]
