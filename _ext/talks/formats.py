"""What other builders than HTML need: their node handlers, the PDF's book.

Handlers. Sphinx looks up a node's writer functions under the builder's
*name* and, only when no extension registered anything under that name,
under its *format*. sphinxcontrib-youtube registers ``epub`` handlers, so
the ePub builder stops seeing the ``html`` handlers every other extension
registered (sphinx-design's nodes among them) and crashes on them. Here,
once the builder is known, the handlers missing under its name are taken
from its format, so each extension's own choice still wins.

The PDF's book. A LaTeX document whose root is not the site's root (``book``
in ``latex_documents``) is a page of the PDF only: every other builder
leaves it out. In the LaTeX build the book's toctree alone orders the
chapters: the pages' own toctrees, which nest the site for the web, are
dropped as the pages are read, so every page is read afresh for LaTeX. A
page of the site missing from the book is reported.

The single page. ``singlehtml`` puts every page in one document but links
into it as ``#document-<page>#<anchor>`` (sphinx-doc/sphinx#14221, fix
proposed in #14241), which no browser resolves, and keeps each page's ids,
so a heading found on every talk page has the same id nine times. Once the
whole document is resolved, an id used by more than one page is prefixed
with its page's name, and every link, in the body and in the rendered
tables of contents, goes to ``#<id>``.

Valid HTML. furo wraps each table in a container that copies the table's
ids; they are kept once, on the table. Control characters, which no HTML,
XML or TeX output can carry, are reported where a page has them.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import warn
from .model import not_carried

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def inherit_format_handlers(app: Sphinx) -> None:
    handlers = app.registry.translation_handlers
    own = handlers.get(app.builder.name)
    if own is None or app.builder.name == app.builder.format:
        return
    for node_name, visitors in handlers.get(app.builder.format, {}).items():
        own.setdefault(node_name, visitors)


# -- the PDF's book ---------------------------------------------------------------


def book_roots(config: Config) -> set[str]:
    """Roots of LaTeX documents other than the site's root: pages of the PDF only."""
    return {str(entry[0]) for entry in config.latex_documents} - {config.root_doc}


def book_patterns(config: Config) -> list[str]:
    return [f"{docname}.*" for docname in sorted(book_roots(config))]


def hide_book(app: Sphinx, config: Config) -> None:
    """Leave the book out of every build; the same value each run, so no rebuilds."""
    new = [p for p in book_patterns(config) if p not in config.exclude_patterns]
    config.exclude_patterns = [*config.exclude_patterns, *new]


def show_book(app: Sphinx) -> None:
    if app.builder.format == "latex":
        hidden = set(book_patterns(app.config))
        app.config.exclude_patterns = [p for p in app.config.exclude_patterns if p not in hidden]


def in_book(app: Sphinx) -> bool:
    return app.builder.format == "latex" and bool(book_roots(app.config))


def reread_for_book(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> Iterable[str]:
    """Pages read by another builder still have their toctrees: read them again."""
    return sorted(env.found_docs) if in_book(app) else []


def drop_page_toctrees(app: Sphinx, doctree: nodes.document) -> None:
    """In the book, a page's toctree would nest the next pages under its last section.

    Runs after Sphinx's toctree collector, so the site's structure is known.
    """
    if not in_book(app) or app.env.current_document.docname in book_roots(app.config):
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        wrapper = toctree.parent
        if isinstance(wrapper, nodes.compound) and len(wrapper) == 1:
            toctree = wrapper
        toctree.parent.remove(toctree)


def check_book(app: Sphinx, env: BuildEnvironment) -> None:
    """Every page of the site has its chapter (or appendix) in the book."""
    if not in_book(app):
        return
    chapters = set(app.config.latex_appendices)
    for root in book_roots(app.config):
        chapters |= {root, *env.toctree_includes.get(root, ())}
    site: set[str] = set()
    todo = [app.config.root_doc]
    while todo:
        docname = todo.pop()
        if docname not in site:
            site.add(docname)
            todo += env.toctree_includes.get(docname, ())
    for docname in sorted(site - chapters):
        roots = " or ".join(sorted(book_roots(app.config)))
        warn(f"this page is not in the PDF: add it to the toctree of {roots}", docname, "book")


# -- the single page --------------------------------------------------------------

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


# -- valid HTML -------------------------------------------------------------------


class TableIdsOnce(SphinxPostTransform):
    """furo's table wrapper copies the table's ids: keep them on the table only."""

    formats = ("html",)
    default_priority = 510  # furo wraps at 500

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"] and isinstance(
                table := wrapper.next_node(nodes.table), nodes.table
            ):
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]


def report_control_characters(app: Sphinx, doctree: nodes.document) -> None:
    """What no output can carry (``model.NOT_CARRIED``), where the page has it."""
    for text in doctree.findall(nodes.Text):
        if found := not_carried(text):
            where = text.parent
            while where.line is None and where.parent is not None:
                where = where.parent
            warn(f"{found} in {text.astext()!r}; no page, feed or book can show it", where, "text")


def setup_formats(app: Sphinx) -> None:
    app.connect("builder-inited", inherit_format_handlers)
    app.connect("config-inited", hide_book)
    app.connect("builder-inited", show_book)
    app.connect("env-get-outdated", reread_for_book)
    app.connect("doctree-read", drop_page_toctrees, priority=900)
    app.connect("env-check-consistency", check_book)
    app.connect("doctree-resolved", relink_single_page, priority=900)
    app.connect("html-page-context", relink_single_page_toc, priority=900)
    app.add_post_transform(TableIdsOnce)
    app.connect("doctree-read", report_control_characters)
