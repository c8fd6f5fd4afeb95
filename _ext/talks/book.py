"""The PDF's book: its chapters, and every page of the site among them.

A LaTeX document whose root is not the site's root (``book`` in
``latex_documents``) is a page of the PDF only: every other builder leaves it
out. In the LaTeX build the book's toctree alone orders the chapters: the
pages' own toctrees, which nest the site for the web, are dropped as the pages
are read, so every page is read afresh for LaTeX. A page of the site missing
from the book is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .domain import domain_of, warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


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


def site_pages(env: BuildEnvironment) -> set[str]:
    """The root and every page its toctrees reach."""
    site: set[str] = set()
    todo = [env.config.root_doc]
    while todo:
        docname = todo.pop()
        if docname not in site:
            site.add(docname)
            todo += env.toctree_includes.get(docname, ())
    return site


def check_book(app: Sphinx, env: BuildEnvironment) -> None:
    """Every page of the site has its chapter (or appendix) in the book."""
    if not in_book(app):
        return
    chapters = set(app.config.latex_appendices)
    for root in book_roots(app.config):
        chapters |= {root, *env.toctree_includes.get(root, ())}
    domain = domain_of(env)
    if domain.index_page("posts") in chapters:  # the posts follow it (PostsInTheBook)
        chapters |= {post.docname for post in domain.posts}
    for docname in sorted(site_pages(env) - chapters):
        roots = " or ".join(sorted(book_roots(app.config)))
        warn(f"this page is not in the PDF: add it to the toctree of {roots}", docname, "book")


def setup_book(app: Sphinx) -> None:
    app.connect("config-inited", hide_book)
    app.connect("builder-inited", show_book)
    app.connect("env-get-outdated", reread_for_book)
    app.connect("doctree-read", drop_page_toctrees, priority=900)
    app.connect("env-check-consistency", check_book)
