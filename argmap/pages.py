"""All generated pages of a publication, in a stable order."""

from __future__ import annotations

from argmap.mappages import index_page, overview_page, retired_pages, section_page
from argmap.nodepage import node_page
from argmap.printpage import print_page
from argmap.refpage import references_page
from argmap.sitedata import GeneratedFile, GeneratedPage, SiteData


def generated_pages(site: SiteData) -> tuple[tuple[GeneratedPage, ...], tuple[GeneratedFile, ...]]:
    pages: list[GeneratedPage] = [overview_page(site), index_page(site)]
    pages += [section_page(site, s) for s in site.amap.sections]
    files: list[GeneratedFile] = []
    for node in site.amap.nodes:
        page, extra = node_page(site, node)
        pages.append(page)
        files.extend(extra)
    pages += retired_pages(site)
    if site.bibliography is not None:
        pages.append(references_page(site))
    pages.append(print_page(site))
    return tuple(pages), tuple(files)
