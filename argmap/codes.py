"""Every diagnostic code, documented once: what it means, a failing snippet and the fix.

`docs/about/errors.md` is generated from this table; a test checks that every code the
package can emit is here and that the page is up to date.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    meaning: str
    bad: str
    fix: str


_N = "nodes:\n  - id: a\n    type: claim\n    title: A\n"

CODES: tuple[Code, ...] = (
    Code(
        "AM001",
        "No configuration",
        "There is no mkdocs.yml where argmap looked.",
        "$ argmap check   # in a folder without mkdocs.yml",
        "$ argmap check --config path/to/mkdocs.yml",
    ),
    Code(
        "AM002",
        "Plugin not enabled",
        "mkdocs.yml does not list the argmap plugin, so argmap does not know where the map is.",
        "plugins:\n  - search",
        "plugins:\n  - search\n  - argmap",
    ),
    Code(
        "AM003",
        "Option outside the project",
        "A path option of the plugin points outside "
        "the project folder; argmap never reads files there.",
        "plugins:\n  - argmap:\n      map: ../../elsewhere",
        "plugins:\n  - argmap:\n      map: map",
    ),
    Code(
        "AM100",
        "Unreadable file",
        "The file is missing or cannot be read.",
        "$ argmap check docs/map/missing.yml",
        "Check the path and permissions.",
    ),
    Code(
        "AM101",
        "YAML syntax error",
        "The file is not valid YAML (or has several documents, "
        "an undefined alias, or nesting deeper than 64 levels).",
        "nodes:\n  - id: a\n    title: [unclosed",
        "nodes:\n  - id: a\n    title: closed",
    ),
    Code(
        "AM102",
        "Too many values",
        "Anchors and aliases expand to more than 200,000 values "
        "(an 'alias bomb'); reading stops at once.",
        "a: &a [x, x]\nb: &b [*a, *a]\n# ...",
        "Write values out instead of multiplying them through aliases.",
    ),
    Code(
        "AM103",
        "File too large",
        "A map file is larger than 5 MB.",
        "(a 50 MB argument file)",
        "Split the map into one file per section.",
    ),
    Code(
        "AM104",
        "Invalid UTF-8",
        "The file is not UTF-8 text; the message gives the byte offset.",
        "title: caf\\xe9   # Latin-1 byte",
        "Save the file as UTF-8.",
    ),
    Code(
        "AM105",
        "Duplicate key",
        "The same key appears twice in one mapping; YAML would silently keep the last.",
        _N + "    title: B",
        _N,
    ),
    Code(
        "AM106",
        "Unknown field",
        "A field the format does not define (often a typo).",
        _N + "    atacks: b",
        _N + "    attacks: b",
    ),
    Code(
        "AM107",
        "Wrong type",
        "A field holds the wrong kind of value.",
        _N + "    implicit: maybe",
        _N + "    implicit: true",
    ),
    Code(
        "AM108",
        "Missing field",
        "A required field is absent.",
        "nodes:\n  - id: a\n    type: claim",
        _N,
    ),
    Code(
        "AM109",
        "Unknown type",
        "A node or relation type outside the vocabulary.",
        "nodes:\n  - id: a\n    type: clam\n    title: A",
        _N,
    ),
    Code(
        "AM110",
        "Bad id",
        "Ids are lower-case words of letters and digits joined by "
        "hyphens (relation ids may also use dots), at most 80 characters.",
        "nodes:\n  - id: My_Node\n    type: claim\n    title: A",
        _N,
    ),
    Code(
        "AM111",
        "Path leaves the docs folder",
        "A file reference is absolute or climbs out of docs/ with '..'; argmap never reads it.",
        "sections:\n  - id: s\n    title: S\n    page: ../../etc/passwd",
        "sections:\n  - id: s\n    title: S\n    page: text/s.md",
    ),
    Code(
        "AM120",
        "Bad metadata field",
        "A field of the publication metadata file is missing or has the wrong type.",
        "title: 42",
        "title: An argument-mapping edition",
    ),
    Code(
        "AM121",
        "Unknown metadata field",
        "The publication metadata file has a field it does not define.",
        "titel: My edition",
        "title: My edition",
    ),
    Code(
        "AM200",
        "Duplicate id",
        "Two nodes or relations share an id (across all files).",
        _N + "  - id: a\n    type: premise\n    title: B",
        _N + "  - id: b\n    type: premise\n    title: B",
    ),
    Code(
        "AM201",
        "Unknown node",
        "A relation names a node that does not exist.",
        _N + "    supports: missing",
        _N + "    supports: b",
    ),
    Code(
        "AM202",
        "Unknown relation",
        "An undercut names a relation id that does not exist.",
        _N + "    undercuts: no-such-relation",
        _N + "    undercuts: b.supports.c",
    ),
    Code(
        "AM203",
        "Wrong endpoint",
        "The relation cannot connect these node types (for "
        "example `raises` must end at a question).",
        _N + "    raises: b   # b is a claim",
        _N + "    raises: q-open   # q-open is a question",
    ),
    Code(
        "AM204",
        "Self-loop",
        "A relation connects a node to itself.",
        _N + "    supports: a",
        _N + "    supports: b",
    ),
    Code(
        "AM205",
        "Unknown section",
        "A node names a section that is not declared.",
        _N + "    section: intro",
        "sections:\n  - {id: intro, title: Introduction}\n" + _N + "    section: intro",
    ),
    Code(
        "AM206",
        "Evidence without citation",
        "Evidence must cite the work it reports.",
        "nodes:\n  - id: e\n    type: evidence\n    title: A study",
        "nodes:\n  - id: e\n    type: evidence\n    title: A study\n    cites: [locke2013]",
    ),
    Code(
        "AM207",
        "Retired id reused",
        "An id listed under `retired` names a node again; a published id may never change meaning.",
        "retired:\n  - {id: a, successor: b}\n" + _N,
        "retired:\n  - {id: a, successor: b}\n# give the new node another id",
    ),
    Code(
        "AM208",
        "Unknown successor",
        "A retired id points at a node that does not exist.",
        "retired:\n  - {id: old, successor: gone}",
        "retired:\n  - {id: old, successor: a}",
    ),
    Code(
        "AM209",
        "Section declared twice",
        "Two sections share an id.",
        "sections:\n  - {id: s, title: A}\n  - {id: s, title: B}",
        "sections:\n  - {id: s, title: A}\n  - {id: t, title: B}",
    ),
    Code(
        "AM210",
        "Undercut of a non-inference",
        "Undercuts attack the inference of a "
        "supports, attacks or qualifies relation, not a raises/answers/rephrases link.",
        _N + "    undercuts: x.raises.q",
        _N + "    undercuts: x.supports.c",
    ),
    Code(
        "AM211",
        "Several sources",
        "Only `supports` takes linked premises.",
        "relations:\n  - {id: r, type: attacks, from: [a, b], to: c}",
        "relations:\n  - {id: r1, type: attacks, from: a, to: c}\n"
        "  - {id: r2, type: attacks, from: b, to: c}",
    ),
    Code(
        "AM212",
        "Orphan node (warning)",
        "A node takes part in no relation.",
        _N,
        _N + "    supports: b",
    ),
    Code(
        "AM213",
        "Unsupported claim (warning)",
        "A thesis or claim that nothing supports.",
        _N,
        _N + "  - {id: p, type: premise, title: P, supports: a}",
    ),
    Code(
        "AM214",
        "Question raised by nothing (warning)",
        "Every question should be raised by a node (a gap, a limitation).",
        "nodes:\n  - {id: q, type: question, title: Q}",
        "nodes:\n  - {id: q, type: question, title: Q}\n"
        "  - {id: gap, type: limitation, title: Gap, raises: q}",
    ),
    Code(
        "AM215",
        "Unknown parent section",
        "A section names a parent that is not declared.",
        "sections:\n  - {id: s, title: S, parent: nope}",
        "sections:\n  - {id: p, title: P}\n  - {id: s, title: S, parent: p}",
    ),
    Code(
        "AM216",
        "Repeated relation (warning)",
        "The same relation is stated twice.",
        _N + "    supports: [b, b]",
        _N + "    supports: b",
    ),
    Code(
        "AM217",
        "Circular support (warning)",
        "Supports relations form a circle, so a claim ends up supporting itself.",
        "  - {id: a, ..., supports: b}\n  - {id: b, ..., supports: a}",
        "Keep the direction the text argues.",
    ),
    Code(
        "AM300",
        "Unknown BibTeX key",
        "A node cites a key that the bibliography lacks.",
        _N + "    cites: [hasel2008]",
        _N + "    cites: [hassel2008]",
    ),
    Code(
        "AM301",
        "BibTeX syntax error",
        "The .bib file cannot be parsed at this line.",
        "@article{hassel2008,\n  title = {Unclosed",
        "@article{hassel2008,\n  title = {Closed}\n}",
    ),
    Code(
        "AM302",
        "Bibliography missing",
        "The configured .bib file cannot be read.",
        "plugins:\n  - argmap:\n      bibliography: missing.bib",
        "plugins:\n  - argmap:\n      bibliography: references.bib",
    ),
    Code(
        "AM303",
        "Duplicate BibTeX key",
        "Two entries share a key.",
        "@book{a, ...}\n@article{a, ...}",
        "@book{a, ...}\n@article{b, ...}",
    ),
    Code(
        "AM304",
        "Incomplete entry (warning)",
        "An entry lacks an author/editor or a year, so it cannot be cited author-year.",
        "@book{a, title = {T}}",
        "@book{a, author = {Doe, Jane}, title = {T}, year = {2020}}",
    ),
    Code(
        "AM400",
        "Quote not in the text",
        "A node's `quote` is not found verbatim in the "
        "text pages (whitespace is folded; everything else must match).",
        _N + '    quote: "the efects remain limited"',
        _N + '    quote: "the effects of all these emerging global labor governance forms '
        'remain limited"',
    ),
    Code(
        "AM401",
        "Marker names no node",
        "A `[[id]]` marker in a text page names no node.",
        "The effects remain limited. [[intro-limted-effects]]",
        "The effects remain limited. [[intro-limited-effects]]",
    ),
    Code(
        "AM402",
        "Text cites unknown key",
        "A `[@key]` citation in a text page names no bibliography entry.",
        "as argued before [@hasel2008]",
        "as argued before [@hassel2008]",
    ),
    Code(
        "AM403",
        "Unknown paragraph anchor",
        "A node's `anchor` is not the anchor of any paragraph.",
        _N + "    anchor: introduction-p99",
        _N + "    anchor: introduction-p4",
    ),
    Code(
        "AM404",
        "Quote outside its paragraph",
        "The quote exists, but not in the paragraph named by `anchor`.",
        _N + "    quote: ...\n    anchor: introduction-p1",
        _N + "    quote: ...\n    anchor: introduction-p4",
    ),
    Code(
        "AM405",
        "Quote without anchor",
        "A node quotes the text but does not say which "
        "paragraph; the node page could not link to its passage.",
        _N + "    quote: ...",
        _N + "    quote: ...\n    anchor: introduction-p4",
    ),
    Code(
        "AM406",
        "Unknown diagram",
        "A diagram directive names a view that does not exist.",
        "[[map: section/intro]]   # no section 'intro'",
        "[[map: section/introduction]]",
    ),
    Code(
        "AM407",
        "Duplicate paragraph anchor",
        "Two paragraphs share an anchor.",
        "First.\n{: #p1 }\n\nSecond.\n{: #p1 }",
        "First.\n{: #p1 }\n\nSecond.\n{: #p2 }",
    ),
    Code("AM408", "Section page missing", "A section's `page` names a file that does not "
         "exist under docs/, so its links would break.",
         "sections:\n  - {id: s, title: S, page: text/missing.md}",
         "sections:\n  - {id: s, title: S, page: text/s.md}"),
    Code(
        "AM500",
        "Graphviz missing",
        "Graphviz's `dot` is not installed, so no diagram can be drawn.",
        "$ argmap generate --out out",
        "$ apt-get install graphviz",
    ),
    Code(
        "AM501",
        "Graphviz failed",
        "`dot` failed on a diagram; the message quotes its error.",
        "(a diagram Graphviz cannot lay out)",
        "Report it with the DOT file.",
    ),
    Code(
        "AM220",
        "Published id removed",
        "`argmap check --against REV`: a node id of the edition at REV is gone, and no "
        "`retired` entry names its successor, so its permanent page (cited, linked) would "
        "vanish.",
        "# REV had node io-old; the new map has neither it nor a retired entry\n" + _N,
        "retired:\n  - {id: io-old, successor: a, note: merged into a}\n" + _N,
    ),
    Code(
        "AM221",
        "Retired id brought back",
        "`argmap check --against REV`: an id retired at REV names a node again (and its "
        "retired entry was dropped); a published id may never change meaning.",
        "# REV retired a (successor b)\n" + _N,
        "retired:\n  - {id: a, successor: b}\n# and give the new node another id",
    ),
    Code(
        "AM222",
        "Retired entry dropped",
        "`argmap check --against REV`: a `retired` entry of the edition at REV is gone, so "
        "the old URL would no longer redirect to its successor.",
        "# REV had retired: [{id: old, successor: a}]\nretired: []",
        "retired:\n  - {id: old, successor: a}",
    ),
    Code(
        "AM223",
        "Previous edition not found",
        "The edition to compare with (`check --against REV`, `argmap diff OLD NEW`) cannot be "
        "loaded: an unknown git revision, no git, or a file that is not an argmap JSON export.",
        "$ argmap check --against origin/mian",
        "$ git fetch origin main && argmap check --against origin/main",
    ),
    Code(
        "AM224",
        "Published node changed type (warning)",
        "`argmap check --against REV`: a node published at REV has another type now; its "
        "permanent URL may now say something else than what was cited.",
        "# REV: {id: a, type: claim, ...}\nnodes:\n  - {id: a, type: limitation, title: A}",
        "retired:\n  - {id: a, successor: a-limits}\nnodes:\n"
        "  - {id: a-limits, type: limitation, title: A}",
    ),
    Code(
        "AM225",
        "Previous edition file unreadable (warning)",
        "An argument file of the edition at REV cannot be read (YAML error, not UTF-8, too "
        "large), so the ids in it are not compared.",
        "$ argmap check --against v0.1.0   # a file at v0.1.0 has a YAML error",
        "Compare with a revision whose files are valid, or with a JSON export.",
    ),
    Code("AM600", "Not imported (warning)", "An imported file holds a construct a map cannot "
         "hold; the rest of the file is imported and the line is named.",
         "[Claim]: A claim.\n\n* a list item", "[Item]: a statement.\n  +> [Claim]"),
    Code("AM601", "Unreadable import", "The file to import is not valid JSON or AIF, or an "
         "Argdown relation has no parent, premises have no `----`, or data is not YAML.",
         "<A>\n\n(1) [P]: p\n(2) [C]: c", "<A>\n\n(1) [P]: p\n----\n(2) [C]: c"),
    Code("AM602", "Dialogue left out (warning)", "The AIF file's L, YA and TA nodes and its "
         "locutions were dropped; the warning gives their counts.",
         '{"nodes": [{"nodeID": "1", "type": "L", "text": "Bob : ..."}]}',
         "Nothing to do: the argument (I, RA, CA, MA nodes) is imported."),
    Code("AM603", "Unknown reference in an import", "An edge to a missing node, `uses` of a "
         "missing premise number, or a data relation to an id nothing has.",
         "[A]: a {qualifies: [nowhere]}", "[A]: a {qualifies: [b]}\n\n[B]: b {id: b}"),
)

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}


def errors_page() -> str:
    """The Markdown of docs/about/errors.md."""
    out = [
        "# Error codes",
        "",
        "Every problem `argmap check` (and the build) reports carries one of these codes. "
        "`AM0xx` project set-up, `AM1xx` file structure, `AM2xx` argument semantics, "
        "`AM3xx` references, `AM4xx` text and markers, `AM5xx` rendering, `AM6xx` import. "
        "Warnings are "
        "marked; `argmap check --strict` treats them as errors.",
        "",
        "<!-- Generated from argmap/codes.py by `python -m argmap.reference`. -->",
        "",
    ]
    for c in CODES:
        out += [
            f"## {c.code}: {c.title}",
            "",
            c.meaning,
            "",
            "Fails:",
            "",
            "```yaml",
            c.bad,
            "```",
            "",
            "Fix:",
            "",
            "```yaml",
            c.fix,
            "```",
            "",
        ]
    return "\n".join(out)
