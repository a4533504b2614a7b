"""The references page: every cited work, how sure we are of it, and who cites it."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from argmap.authoryear import reference_sort_key, render_reference
from argmap.bibliography import Reference
from argmap.sitedata import GeneratedPage, SiteData
from argmap.urls import relative

SRC = "references.md"


def _status(ref: Reference) -> str:
    # Verification is editorial bookkeeping, shown as a discreet mark, never in the reference.
    if ref.status == "verified":
        where = f" in {ref.status_source}" if ref.status_source else ""
        return (
            f'<span class="argmap-verified" title="Verified{escape(where)}" '
            'aria-label="verified">✓</span>'
        )
    return (
        '<span class="argmap-unverified" title="Not yet verified against a source: '
        'details may be wrong" aria-label="not verified">?</span>'
    )


def _backlinks(site: SiteData, here: str) -> dict[str, list[str]]:
    links: dict[str, list[str]] = defaultdict(list)
    for node in site.amap.nodes:
        href = escape(relative(here, site.urls.node(node.id)))
        for key in dict.fromkeys(c.key for c in node.cites):
            links[key].append(
                f'<a href="{href}" title="{escape(node.title)}">{escape(node.id)}</a>'
            )
    titles = {p.page: p.title for p in site.pages}
    for page in site.pages:
        for c in page.citations:
            target = site.urls.url(page.page) + (f"#{c.anchor}" if c.anchor else "")
            label = escape(titles.get(page.page) or page.page)
            link = f'<a href="{escape(relative(here, target))}">{label}</a>'
            if link not in links[c.key]:
                links[c.key].append(link)
    return links


def references_page(site: SiteData) -> GeneratedPage:
    here = site.urls.url(SRC)
    assert site.bibliography is not None
    backlinks = _backlinks(site, here)
    entries = sorted(site.bibliography.entries, key=reference_sort_key)
    items = []
    for ref in entries:
        cited = backlinks.get(ref.key, [])
        cited_by = (
            f'<span class="argmap-cited-by">Cited by: {", ".join(cited)}</span>' if cited else ""
        )
        items.append(
            f'<li id="ref-{escape(ref.key)}" class="argmap-reference">'
            f"{render_reference(ref)} {_status(ref)}{cited_by}</li>"
        )
    verified = sum(1 for r in entries if r.status == "verified")
    body = (
        "---\ntitle: References\n---\n# References\n\n"
        f"{len(entries)} works; {verified} verified against a source (✓), "
        f"{len(entries) - verified} not yet (?). Hover a mark for details.\n\n"
        '<ol class="argmap-references">' + "".join(items) + "</ol>\n"
    )
    return GeneratedPage(SRC, "References", body)
