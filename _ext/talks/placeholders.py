"""Placeholders left while reading, filled from the domain once all is read.

A directive cannot know, while its page is read, what other pages declare
(the day of a talk, the posts about it, every talk for a grid). It leaves a
:class:`talks_placeholder` naming what it shows (``kind`` and ``key``) and
the facts that shows (``facets``, read by ``collector.py`` to know which
pages to write again when those facts change). :class:`FillPlaceholders`
replaces each one for the builder at work, before references are resolved,
so generated links are ordinary cross-references.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .model import domain_of, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from .render import Page

#: What each kind of placeholder shows, as facets (see collector.py).
FACETS: dict[str, Callable[[str], set[str]]] = {
    "talk-card": lambda slug: {f"talk:{slug}", "days", "conference", "source", f"covering:{slug}"},
    "player": lambda slug: {f"talk:{slug}", "days"},
    "grid": lambda _: {"talks", "entries"},
    "programme": lambda _: {"talks", "days", "entries", "conference"},
    "day": lambda _: {"talks", "days", "entries", "conference"},
    "speakers": lambda _: {"talks", "entries"},
    "topics": lambda _: {"talks", "entries"},
    "targets": lambda _: {"talks"},
    "credit": lambda _: {"source"},
    "conference": lambda _: {"conference", "days"},
    "conference-facts": lambda _: {"conference", "days"},
    "post-header": lambda _: {"talks", "days", "series"},
    "series": lambda _: {"series"},
    "talk-player": lambda slug: {f"talk:{slug}", "days"},
    "post-list": lambda _: {"entries", "talks"},
    "writeup": lambda _: {"entries", "talks"},
}

DIRECTIVE_NAMES = {
    "talk-grid": "grid",
    "talk-programme": "programme",
    "talk-speakers": "speakers",
    "talk-topics": "topics",
    "talk-targets": "targets",
    "article-credit": "credit",
    "post-list": "post-list",
    "conference-facts": "conference-facts",
}
#: Listings whose page others link to: kind -> the index it is, noted in the domain.
INDEXES = {"speakers": "speakers", "topics": "topics", "post-list": "posts"}


class talks_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Stands for generated content: ``kind``, ``key`` and the ``facets`` it shows."""


def placeholder(kind: str, key: str, directive: SphinxDirective) -> talks_placeholder:
    docname = directive.env.docname
    node = talks_placeholder(kind=kind, key=key, docname=docname, facets=sorted(FACETS[kind](key)))
    directive.set_source_info(node)
    return node


class ListingDirective(SphinxDirective):
    """A listing with no options: grid, programme, indexes, targets, credit."""

    kind: ClassVar[str]

    def run(self) -> list[nodes.Node]:
        shown = self.state.document.findall(talks_placeholder)
        if any(node["kind"] == self.kind for node in shown):
            message = f"a second {self.name} in this page; a page shows each listing once"
            warn(message, (self.env.docname, self.lineno), "duplicate")
            return []
        if self.kind in INDEXES:
            from .model import Record

            domain = domain_of(self.env)
            domain.declare("index", INDEXES[self.kind], Record(self.env.docname, self.lineno))
        return [placeholder(self.kind, "", self)]


#: kind -> function building the nodes that replace a placeholder.
FILLERS: dict[str, Callable[[Page, talks_placeholder], list[nodes.Node]]] = {}


def filler(
    *kinds: str,
) -> Callable[[Callable[..., list[nodes.Node]]], Callable[..., list[nodes.Node]]]:
    def register(fn: Callable[..., list[nodes.Node]]) -> Callable[..., list[nodes.Node]]:
        for kind in kinds:
            FILLERS[kind] = fn
        return fn

    return register


class FillPlaceholders(SphinxPostTransform):
    """Replace every placeholder, before ``ReferencesResolver`` (priority 10)."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        from .render import Page
        from .roles import resolve_moment, talks_moment

        page = Page(self.env, self.env._app.builder, self.env.current_document.docname)
        # one walk over the page as read: what fillers add holds no placeholder
        found = list(
            self.document.findall(lambda n: isinstance(n, talks_placeholder | talks_moment))
        )
        for node in found:
            if isinstance(node, talks_moment):
                node.replace_self(resolve_moment(page, node))
            else:
                node.replace_self(FILLERS[node["kind"]](page, node))
        page.finish(self.document)


def setup_placeholders(app: Sphinx) -> None:
    app.add_node(talks_placeholder)
    for name, kind in DIRECTIVE_NAMES.items():
        app.add_directive(
            name, type(f"{kind.title()}Directive", (ListingDirective,), {"kind": kind})
        )
    app.add_post_transform(FillPlaceholders)
