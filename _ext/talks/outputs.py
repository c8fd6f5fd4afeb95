"""The posts in every output, and every page in the ePub and the single page.

A post is in no toctree: the web reaches it from the series index (the page
with ``post-list``) and the pages of its talks, and a sidebar listing every
post would weigh on every page. Every other output holds them all, oldest
first, right after the series page and before its own sub-pages, with no edit
of a toctree or of the book: once every page is read, the series page's table
of contents lists them (the ePub's spine and navigation, the single page's
contents), and the PDF and the single page, which are put together from the
pages' doctrees, take each post's in after the series page's (a chapter of its
own in the PDF). The web builders take the list out again, since a build of
another kind may have left it in the stored environment. A page that the ePub
and the single page would leave out (no toctree leads to it from the root, and
it is no post) is reported where it is, in every build; the PDF's own check is
``check_book``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import inline_all_toctrees

from .book import book_roots, site_pages
from .builders import WEB_BUILDERS
from .domain import domain_of, warn
from .sphinx_private import builder_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


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
        builder = builder_of(self.env)
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
        builder = builder_of(self.env)
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


def setup_outputs(app: Sphinx) -> None:
    app.connect("env-updated", list_posts_in_toctree, priority=400)  # before furo_navigation
    app.add_post_transform(PostsInTheBook)
    app.connect("env-check-consistency", check_outputs)
