"""Placeholders left while reading, filled from the domain once all is read.

A directive cannot know, while its page is read, what other pages declare
(the day of a talk, the posts about it, every talk for a grid). It leaves a
:class:`talks_placeholder` naming what it shows (``kind`` and ``key``) and
the facts that shows (``facets``, read by ``collector.py`` to know which
pages to write again when those facts change). :class:`FillPlaceholders`
replaces each one for the builder at work, before references are resolved;
the links fillers make are finished references (``make_refnode``), or plain
text where the builder at work leaves the target page out.

Other nodes resolved late register here too (``LATE``: a moment, roles.py),
so one walk fills a page and one registry tells the collector what it shows.
What a page shows from other pages outside any node (its structured data,
metadata.py) is declared in ``PAGE_FACETS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias, cast

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .builders import WEB_BUILDERS, on_web
from .domain import domain_of, page_subject, warn
from .model import Record, date_text
from .sphinx_private import builder_of

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .domain import R, TalksDomain
    from .model import Talk, Writeup


def writes_feeds(config: Config, builder: Builder) -> bool:
    """Whether this build writes the Atom feeds (feed.py), which pages then link to."""
    return bool(config.talks_feed_path) and builder.name in WEB_BUILDERS


class Page:
    """What a filler needs: the domain, the settings, the page being written."""

    def __init__(self, env: BuildEnvironment, builder: Builder, docname: str) -> None:
        self.domain = domain_of(env)
        self.config = env.config
        self.builder = builder
        self.docname = docname
        self.stale_ids: list[str] = []

    @property
    def on_web(self) -> bool:
        return on_web(self.builder)

    def date(self, day: date, style: str) -> str:
        """A date as the site's language writes it (``model.DATE_STYLES``)."""
        return date_text(day, style, self.config.language)

    def timezone_label(self, talk: Talk | None = None) -> str:
        """``Amsterdam time``; ``Amsterdam time, inferred`` for an edition whose sources
        state no time zone."""
        conference = self.domain.conference() if talk is None else self.domain.edition_of(talk)
        if conference is None:
            return "local time"
        label = f"{conference.timezone.rsplit('/', 1)[-1].replace('_', ' ')} time"
        return f"{label}, inferred" if conference.timezone_inferred else label

    def day_name(self, talk: Talk) -> str:
        day = self.domain.day_of(talk)
        return day.name if day else ""

    def ref(self, typ: str, slug: str, text: str, classes: Sequence[str] = ()) -> nodes.Node:
        """A link to a talk, speaker or topic; plain text where it has no page."""
        found = self.domain.target(typ, slug)
        if found is None:
            return nodes.inline(text, text)
        return self.doc_ref(found[0], text, found[1], classes)

    def doc_ref(
        self, docname: str, text: str, anchor: str = "", classes: Sequence[str] = ()
    ) -> nodes.Node:
        try:
            ref = make_refnode(
                self.builder, self.docname, docname, anchor or None, nodes.inline(text, text), text
            )
        except NoUri:  # a page this output leaves out: its title stays
            return nodes.inline(text, text)
        ref["classes"] += classes
        return ref

    def declared_here(self, kind: str, cls: type[R], node: talks_placeholder) -> R | None:
        """The record a placeholder shows, if the page that left it declares the one that counts."""
        record = self.domain.effective(kind, cls).get(node["key"])
        return record if record is not None and record.docname == node["docname"] else None

    def finish(self, document: nodes.document) -> None:
        """Ids of declarations that did not count (a duplicate slug) are dropped.

        A section keeps one, though: its title may have made that id itself.
        """
        for anchor in self.stale_ids:
            for node in document.findall(nodes.Element):
                if anchor in node["ids"] and len(node["ids"]) > 1:
                    node["ids"].remove(anchor)


#: A placeholder's facets from its key, the page that leaves it, and the domain as read.
Facets: TypeAlias = "Callable[[str, str, TalksDomain], set[str]]"


def always(*facets: str) -> Facets:
    """The same facets wherever the placeholder is."""
    return lambda _key, _docname, _domain: set(facets)


def of_talk(*facets: str) -> Facets:
    """The talk of the key (``talk:<slug>``), and ``facets``."""
    return lambda slug, _docname, _domain: {f"talk:{slug}", *facets}


def talk_card(slug: str, docname: str, domain: TalksDomain) -> set[str]:
    """The talk, its day and place, the source article (credit, slide hosts), its
    newest write-ups, and the pages it links to."""
    shown = {f"talk:{slug}", "days", "conference", "source", f"covering:{slug}"}
    links = {"index:speakers", "index:topics", "index:posts"}
    guide = domain.env.config.talks_guide
    return shown | links | ({f"doc:{guide}"} if guide else set())


def post_header(key: str, docname: str, domain: TalksDomain) -> set[str]:
    """The cards of the talks the post covers; and in the page's metadata
    (``metadata.py``) those talks and the index the post is part of."""
    subject = page_subject(domain.env)
    talks = (subject.talks or ()) if subject is not None else ()
    return {*(f"talk:{slug}" for slug in talks), "days", "index:posts"}


def post_list(key: str, docname: str, domain: TalksDomain) -> set[str]:
    """Every entry and the talks they cover; the guide's title while no post is out."""
    guide = domain.env.config.talks_guide
    return {"entries", "talks", *([f"doc:{guide}"] if guide else [])}


def writeup(slug: str, docname: str, domain: TalksDomain) -> set[str]:
    """The write-up declared here (if it counts), and the talks it names."""
    declared = cast("Writeup | None", domain.records["writeup"].get(slug, {}).get(docname))
    talks = {f"target:talk:{t}" for t in declared.talks} if declared else set()
    return {f"writeup:{slug}", *talks}


#: What each kind of placeholder shows, as facets (see collector.py).
FACETS: dict[str, Facets] = {
    "talk-card": talk_card,
    "player": of_talk("days"),
    "talk-player": of_talk("days"),
    "grid": always("talks", "counts"),
    "programme": always("talks", "days", "counts", "conference", "index:speakers"),
    "day": always("talks", "days", "counts", "conference", "index:speakers"),
    "speakers": always("talks", "entries", "index:posts"),
    "topics": always("talks", "entries", "index:posts"),
    "targets": always("talks", "index:speakers"),
    "credit": always("source"),
    "conference": always("conference", "days"),
    "conference-facts": always("conference", "days"),
    "edition": always("conference", "days"),
    "post-header": post_header,
    "series": lambda _key, docname, _domain: {f"series:{docname}"},
    "post-list": post_list,
    "writeup": writeup,
}

#: Listings whose page others link to: kind -> the index it is, noted in the domain.
INDEXES = {"speakers": "speakers", "topics": "topics", "post-list": "posts"}


class talks_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Stands for generated content: ``kind``, ``key`` and the ``facets`` it shows."""


def placeholder(kind: str, key: str, directive: SphinxDirective) -> talks_placeholder:
    docname = directive.env.docname
    facets = FACETS[kind](key, docname, domain_of(directive.env))
    node = talks_placeholder(kind=kind, key=key, docname=docname, facets=sorted(facets))
    directive.set_source_info(node)
    return node


#: Listings that show one edition's talks, or the whole series': ``{talk-grid} 2014``,
#: ``{talk-grid} all``; without an argument, the conference's own edition.
BY_EDITION = ("grid", "programme")


class ListingDirective(SphinxDirective):
    """A listing with no options: grid, programme, indexes, targets, credit."""

    kind: ClassVar[str]
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        key = str(self.arguments[0]) if self.arguments else ""
        if key and (self.kind not in BY_EDITION or not (key == "all" or key.isdigit())):
            expected = "an edition's year or 'all'" if self.kind in BY_EDITION else "no argument"
            message = f"unexpected argument {key!r} to {self.name}; expected {expected}"
            warn(message, (self.env.docname, self.lineno), "edition")
            return []
        shown = self.state.document.findall(talks_placeholder)
        if any(node["kind"] == self.kind for node in shown):
            message = f"a second {self.name} in this page; a page shows each listing once"
            warn(message, (self.env.docname, self.lineno), "duplicate")
            return []
        if self.kind in INDEXES:
            domain = domain_of(self.env)
            domain.declare("index", INDEXES[self.kind], Record(self.env.docname, self.lineno))
        return [placeholder(self.kind, key, self)]


class TalkGrid(ListingDirective):
    """``talk-grid``: every talk's card (``listings.grid``)."""

    kind = "grid"


class TalkProgramme(ListingDirective):
    """``talk-programme``: every day's talks (``listings.programme``)."""

    kind = "programme"


class TalkSpeakers(ListingDirective):
    """``talk-speakers``: the speakers index (``listings.speakers``)."""

    kind = "speakers"


class TalkTopics(ListingDirective):
    """``talk-topics``: the topics index (``listings.topics``)."""

    kind = "topics"


class TalkTargets(ListingDirective):
    """``talk-targets``: the labels for ``:ref:`` and intersphinx (``listings.targets``)."""

    kind = "targets"


class ArticleCredit(ListingDirective):
    """``article-credit``: the source article's credit line (``render.credit_line``)."""

    kind = "credit"


class PostList(ListingDirective):
    """``post-list``: every entry, newest first, by year (``posts.post_list``)."""

    kind = "post-list"


class ConferenceFacts(ListingDirective):
    """``conference-facts``: dates, places, organisers, website (``listings.conference``)."""

    kind = "conference-facts"


#: Directive name -> its class.
LISTING_DIRECTIVES: dict[str, type[ListingDirective]] = {
    "talk-grid": TalkGrid,
    "talk-programme": TalkProgramme,
    "talk-speakers": TalkSpeakers,
    "talk-topics": TalkTopics,
    "talk-targets": TalkTargets,
    "article-credit": ArticleCredit,
    "post-list": PostList,
    "conference-facts": ConferenceFacts,
}


#: What a page shows from other pages besides its placeholders and moments (the
#: structured data metadata.py writes into it, say): module -> a function of the
#: environment, the page's doctree as read, and its docname, giving facets. Called as
#: the page is read (collector.py); whoever shows a fact at write time declares it here.
PAGE_FACETS: dict[str, Callable[[BuildEnvironment, nodes.document, str], set[str]]] = {}

#: kind -> function building the nodes that replace a placeholder.
FILLERS: dict[str, Callable[[Page, talks_placeholder], list[nodes.Node]]] = {}
#: node class -> function building what replaces it; every such node has ``facets``.
LATE: dict[type[nodes.Element], Callable[[Page, Any], list[nodes.Node]]] = {
    talks_placeholder: lambda page, node: FILLERS[node["kind"]](page, node),
}


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
        page = Page(self.env, builder_of(self.env), self.env.current_document.docname)
        # one walk over the page as read: what fillers add holds no placeholder
        for node in late_nodes(self.document):
            node.replace_self(LATE[type(node)](page, node))
        page.finish(self.document)


def late_nodes(doctree: nodes.Node) -> list[nodes.Element]:
    """The nodes of a page that are filled after reading (placeholders, moments)."""
    return list(doctree.findall(lambda n: type(n) in LATE))


def setup_placeholders(app: Sphinx) -> None:
    app.add_node(talks_placeholder)
    for name, directive in LISTING_DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_post_transform(FillPlaceholders)
