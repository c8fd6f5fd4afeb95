"""The single page's links and ids.

``singlehtml`` puts every page in one document but links into it as
``#document-<page>#<anchor>`` (sphinx-doc/sphinx#14221, fix proposed in
#14241), which no browser resolves, and keeps each page's ids, so a heading
found on every talk page has the same id nine times. Once the whole document
is resolved, an id used by more than one page is prefixed with its page's
name, and every link, in the body and in the rendered tables of contents, goes
to ``#<id>``.

The issue, filed as sphinx-doc/sphinx#14221:

    **singlehtml: links into the document read ``#document-<page>#<anchor>``**

    ``SingleFileHTMLBuilder.get_relative_uri`` gives ``#document-<page>`` and the
    reference's anchor is appended, so a link to a section of another page
    has two fragments, which no browser resolves: it goes to the top. Each
    page's ids are kept as they are, so two pages with the same heading give
    the single page the same id twice.

    Expected: ``#<anchor>``, with ids made unique across the pages.

Canary: ``tests/test_canaries.py::test_canary_single_page_links_carry_two_anchors``.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


#: The document attribute carrying, for the page's templates, where each
#: ``<page>#<id>`` went.
RENAMED = "talks_single_page_ids"
DOUBLE_ANCHOR = re.compile(r'href="#document-([^"#]+)#([^"]*)"')


def pages_of(tree: nodes.Node, docname: str) -> Iterator[tuple[str, nodes.Element]]:
    """Every element of the assembled document, with the page it comes from."""
    for child in tree.children:
        if isinstance(child, addnodes.start_of_file):
            yield from pages_of(child, child["docname"])
        elif isinstance(child, nodes.Element):
            yield docname, child
            yield from pages_of(child, docname)


def relink_single_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    root = app.config.root_doc
    if app.builder.name != "singlehtml" or docname != root:
        return
    elements = list(pages_of(doctree, root))
    pages_by_id: dict[str, set[str]] = {}
    for page, node in elements:
        for node_id in node["ids"]:
            pages_by_id.setdefault(node_id, set()).add(page)
    taken = set(pages_by_id)
    renamed: dict[str, str] = {}
    for node_id, pages in sorted(pages_by_id.items()):
        for page in sorted(pages) if len(pages) > 1 else ():
            new, n = f"{page.replace('/', '-')}-{node_id}", 1
            while new in taken:
                new, n = f"{page.replace('/', '-')}-{node_id}-{n}", n + 1
            taken.add(new)
            renamed[f"{page}#{node_id}"] = new

    def target(page: str, node_id: str) -> str:
        return renamed.get(f"{page}#{node_id}", node_id)

    for page, node in elements:
        node["ids"] = [target(page, i) for i in node["ids"]]
        if node.get("refid"):
            node["refid"] = target(page, node["refid"])
        if node.get("backrefs"):
            node["backrefs"] = [target(page, i) for i in node["backrefs"]]
        uri = node.get("refuri", "") if isinstance(node, nodes.reference) else ""
        if uri.startswith("#document-") and "#" in uri[1:]:
            page, node_id = uri[len("#document-") :].split("#", 1)
            node["refuri"] = "#" + target(page, node_id)
    # A link to the root page itself goes to its first section.
    first = next(doctree.findall(nodes.section), None)
    if first is not None:
        first["ids"].append(f"document-{root}")
    doctree[RENAMED] = renamed


def relink_single_page_toc(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Tables of contents are rendered apart from the body: relink their HTML."""
    if app.builder.name != "singlehtml" or doctree is None or RENAMED not in doctree:
        return
    renamed: dict[str, str] = doctree[RENAMED]

    def relink(match: re.Match[str]) -> str:
        page, node_id = html.unescape(match[1]), html.unescape(match[2])
        new = renamed.get(f"{page}#{node_id}", node_id)
        return f'href="#{html.escape(new)}"'

    for key, value in context.items():
        if isinstance(value, str) and "#document-" in value:
            context[key] = type(value)(DOUBLE_ANCHOR.sub(relink, value))


def setup_single_page(app: Sphinx) -> None:
    app.connect("doctree-resolved", relink_single_page, priority=900)
    app.connect("html-page-context", relink_single_page_toc, priority=900)
