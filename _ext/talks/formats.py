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

The posts in every output. A post is in no toctree: the web reaches it from
the series index (the page with ``post-list``) and the pages of its talks,
and a sidebar listing every post would weigh on every page. Every other
output holds them all, oldest first, right after the series page and before
its own sub-pages, with no edit of a toctree or of the book: once every page
is read, the series page's table of contents lists them (the ePub's spine
and navigation, the single page's contents), and the PDF and the single page,
which are put together from the pages' doctrees, take each post's in after
the series page's (a chapter of its own in the PDF). The web builders take
the list out again, since a build of another kind may have left it in the
stored environment. A page that the ePub and the single page would leave out
(no toctree leads to it from the root, and it is no post) is reported where
it is, in every build; the PDF's own check is ``check_book``.

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
from sphinx.builders.latex import LaTeXBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import inline_all_toctrees

from .domain import domain_of, warn
from .model import not_carried
from .placeholders import WEB_BUILDERS

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


# -- the posts, in every output ----------------------------------------------------

#: The attribute marking the toctree of posts added to the series page's contents.
POSTS_TOCTREE = "talks_posts"


def list_posts_in_toctree(app: Sphinx, env: BuildEnvironment) -> None:
    """Outside the web, the series page's table of contents lists the posts.

    What a build of another kind added is taken out first: the environment may
    have been stored with it.
    """
    for docname, toc in env.tocs.items():
        for added in list(toc.findall(addnodes.toctree)):
            if added.get(POSTS_TOCTREE):
                added.parent.remove(added)
                gone = set(added["includefiles"])
                included = env.toctree_includes.get(docname, [])
                env.toctree_includes[docname] = [d for d in included if d not in gone]
    series = domain_of(env).index_page("posts")
    toc = env.tocs.get(series or "", nodes.bullet_list())
    if app.builder.name in WEB_BUILDERS or series is None or not len(toc):
        return
    held = {docname for included in env.toctree_includes.values() for docname in included}
    posts = [p.docname for p in domain_of(env).posts if p.docname not in held]
    if not posts:
        return
    toctree = addnodes.toctree(
        parent=series,
        entries=[(None, docname) for docname in posts],
        includefiles=posts,
        maxdepth=-1,
        caption=None,
        glob=False,
        hidden=True,
        includehidden=False,
        numbered=0,
        titlesonly=False,
        **{POSTS_TOCTREE: True},
    )
    first = next(toc.findall(addnodes.toctree), None)
    if first is not None:  # before the page's own sub-pages
        first.parent.insert(first.parent.index(first), toctree)
    else:
        page = toc[0]
        if not isinstance(page[-1], nodes.bullet_list):
            page += nodes.bullet_list()
        page[-1] += toctree
    env.toctree_includes.setdefault(series, [])[:0] = posts


class PostsInTheBook(SphinxPostTransform):
    """The PDF and the single page are the pages their toctrees reach, put together:
    after the series page's doctree come the posts', each as a page of its own.

    In the PDF each post is a chapter after the series page's; in the single page
    they come under the series page, before its sub-pages, as in its contents.
    Runs first, so that the posts' placeholders and references are resolved
    with the rest.
    """

    builders = ("latex", "singlehtml")
    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        domain = domain_of(self.env)
        files = {n["docname"]: n for n in self.document.findall(addnodes.start_of_file)}
        page = files.get(domain.index_page("posts") or "")
        posts = [p.docname for p in domain.posts if p.docname not in files]
        if page is None or not posts:
            return
        builder = self.env._app.builder
        pages = [self.page(docname, [*files, *posts]) for docname in posts]
        if isinstance(builder, LaTeXBuilder):
            builder.docnames = {*builder.docnames, *posts}  # links to them resolve
            page.parent.insert(page.parent.index(page) + 1, pages)
        elif first := next(page.findall(addnodes.start_of_file, include_self=False), None):
            first.parent.insert(first.parent.index(first), pages)
        elif (section := next(page.findall(nodes.section), None)) is not None:
            section += pages

    def page(self, docname: str, traversed: list[str]) -> addnodes.start_of_file:
        """A post's doctree as ``inline_all_toctrees`` puts a page in."""
        builder = self.env._app.builder
        tree = inline_all_toctrees(
            builder, set(), docname, self.env.get_doctree(docname), str, traversed
        )
        page = addnodes.start_of_file(docname=docname)
        page.extend(tree.children)
        for section in page.findall(nodes.section):
            section.setdefault("docname", docname)
        return page


def check_outputs(app: Sphinx, env: BuildEnvironment) -> None:
    """A page that the ePub and the single page would leave out is reported.

    They hold the pages the root's toctrees lead to, and the posts after their
    series page. Sphinx reports a page in no toctree itself, unless it is an
    orphan; a page only in the toctree of such a page is reported here too.
    """
    domain = domain_of(env)
    series = domain.index_page("posts")
    posts = {post.docname for post in domain.posts}
    duplicates = {d for declared in domain.records["post"].values() for d in declared} - posts
    site = site_pages(env)
    included = set().union(*env.included.values())
    left = env.found_docs - site - book_roots(app.config) - included - duplicates
    for docname in sorted(left):  # a duplicate post is reported as such
        if docname not in posts and domain.subject_of(docname) == "post":
            continue  # a post with a mistake: the mistake is the one warning
        if docname in posts:
            if series is None:
                why, fix = "no page lists the posts", "add post-list to a page of the site"
            elif series not in site:
                why = f"posts follow {series}, which no toctree leads to from the root page"
                fix = f"add {series} to the toctree of a page of the site"
            else:
                continue
            message = f"{why}, so the ePub and the single page leave this post out: {fix}"
        elif "orphan" in env.metadata[docname] or docname in env.files_to_rebuild:
            message = (
                "no toctree leads here from the root page, so the ePub and the single page "
                "leave this page out: add it to the toctree of a page of the site (and to "
                "the book, for the PDF)"
            )
        else:  # Sphinx's "document isn't included in any toctree"
            continue
        warn(message, docname, "outputs")


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
    app.connect("env-updated", list_posts_in_toctree, priority=400)  # before furo_navigation
    app.add_post_transform(PostsInTheBook)
    app.connect("env-check-consistency", check_outputs)
    app.connect("doctree-resolved", relink_single_page, priority=900)
    app.connect("html-page-context", relink_single_page_toc, priority=900)
    app.add_post_transform(TableIdsOnce)
    app.connect("doctree-read", report_control_characters)
