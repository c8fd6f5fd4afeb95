"""Keep incremental builds equal to clean ones, writing no more than needed.

Sphinx writes again only the pages it read again (and the pages whose
toctree lists them). But a page also shows facts declared elsewhere. Each
page notes, when it is read, the *facets* it shows:

- its placeholders and moments name theirs (``placeholders.FACETS``):
  ``talk:<slug>``, ``covering:<slug>`` (the newest write-ups on its card),
  ``series:<docname>`` (a post's neighbours), ``talks``, ``days``,
  ``entries``, ``counts`` (write-ups per talk), ``index:<kind>`` (where the
  speakers, topics or posts index is), ...;
- each cross-reference names its target: ``target:<type>:<slug>`` for the
  talks domain, ``label:<name>`` for ``{ref}`` (the generated ``talk-*`` and
  ``speaker-*`` labels too), ``doc:<docname>`` for ``{doc}`` and Markdown
  links, all of them for ``{any}``;
- every page shows the sidebar, ``nav``: the toctrees and the titles of the
  pages they list (not an orphan's, such as a post's);
- what hooks write into a page at write time name theirs
  (``placeholders.PAGE_FACETS``): the structured data of metadata.py shows
  ``end:<slug>`` (where a talk ends in its day's stream: where the next talk
  starts), the conference's time zone, the talks of the page, every talk on
  the root page.

After every read this collector hashes each facet a page shows and returns
the pages that show one that changed. Its state lives in the ``talks``
domain's data (``pages`` and ``digests``), because collectors are not
pickled with the environment; only this module reads or writes those keys.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import docname_join

from .domain import domain_of
from .placeholders import PAGE_FACETS, late_nodes
from .render import WRITEUPS_SHOWN

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .domain import TalksDomain
    from .model import Post, Record

#: Fields no other page shows: where a record was written, and a talk's
#: description (only its own page's metadata has it).
UNSHOWN = {"lineno", "lines", "description"}
#: Where an ``{any}`` reference may lead.
ANY_TARGETS = ("talk", "speaker", "topic")


def pages(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    # domaindata, not domains: a parallel reader's environment has no domains
    return cast("dict[str, dict[str, Any]]", env.domaindata["talks"]["pages"])


def shown(record: Record | None) -> str:
    if record is None:
        return ""
    return repr(
        [(f.name, getattr(record, f.name)) for f in fields(record) if f.name not in UNSHOWN]
    )


def digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


# -- what a page shows ------------------------------------------------------------


def xref_facets(ref: addnodes.pending_xref, docname: str) -> set[str]:
    """What a cross-reference shows: its target's place and title."""
    domain, typ, target = ref.get("refdomain"), ref.get("reftype"), ref.get("reftarget", "")
    here = ref.get("refdoc", docname)
    if domain == "talks":
        return {f"target:{typ}:{target}"}
    if typ == "myst" and domain == "doc":  # a Markdown link to a page, found while reading
        return {f"doc:{target}"}
    if domain == "std" and typ in {"ref", "numref"}:
        return {f"label:{target}"}
    if domain == "std" and typ == "doc":
        return {f"doc:{docname_join(here, target)}"}
    if typ in {"any", "myst"}:  # a name any domain may know
        return {
            f"label:{target.lower()}",
            f"doc:{docname_join(here, target)}",
            *(f"target:{kind}:{target}" for kind in ANY_TARGETS),
        }
    return set()


def page_facets(env: BuildEnvironment, doctree: nodes.document, docname: str) -> set[str]:
    facets = {"nav"}
    for node in late_nodes(doctree):
        facets.update(node["facets"])
    for shows in PAGE_FACETS.values():
        facets |= shows(env, doctree, docname)
    for ref in doctree.findall(addnodes.pending_xref):
        facets |= xref_facets(ref, docname)
    return facets


# -- what each facet is -----------------------------------------------------------


def nav(env: BuildEnvironment) -> str:
    """The sidebar: every toctree, and the titles of the pages they list."""
    listed = {env.config.root_doc}.union(*env.toctree_includes.values())
    return digest(
        sorted((doc, env.titles[doc].astext()) for doc in listed if doc in env.titles),
        sorted((doc, p["toctrees"]) for doc, p in pages(env).items() if p["toctrees"]),
    )


def series(posts: list[Post], place: dict[str, int], docname: str) -> str:
    """A post's previous and next post (``place``: each post's index in ``posts``)."""
    at = place.get(docname)
    if at is None:
        return ""
    return digest([(p.docname, p.title, p.published) for p in posts[max(at - 1, 0) : at + 2]])


def covering(domain: TalksDomain, slug: str) -> str:
    """What a talk's card lists of what is written about it."""
    entries = domain.covering.get(slug, [])
    return digest([shown(e) for e in entries[:WRITEUPS_SHOWN]], len(entries))


def target(domain: TalksDomain, key: str) -> str:
    typ, _, slug = key.partition(":")
    known: dict[str, Iterable[str]] = {"speaker": domain.speakers, "topic": domain.topics}
    return digest(domain.target(typ, slug), slug in known.get(typ, ()))


def label(env: BuildEnvironment, name: str) -> str:
    std = env.domains.standard_domain
    return digest(std.labels.get(name), std.anonlabels.get(name))


def doc(env: BuildEnvironment, docname: str) -> str:
    if docname not in env.all_docs:
        return ""
    title = env.titles[docname].astext() if docname in env.titles else ""
    return digest(title, env.metadata[docname].get("myst_slugs"))


def facet_digests(env: BuildEnvironment, wanted: Set[str]) -> dict[str, str]:
    """The digest of every facet in ``wanted``, as things are after this read."""
    domain = domain_of(env)
    talks = {slug: shown(talk) for slug, talk in domain.talks().items()}
    every: dict[str, Callable[[], str]] = {
        "nav": lambda: nav(env),
        "talks": lambda: digest(sorted(talks.items())),
        "days": lambda: digest([shown(d) for d in domain.days().values()]),
        "conference": lambda: digest(
            shown(domain.conference()), [shown(e) for e in domain.editions().values()]
        ),
        "source": lambda: digest(shown(domain.source())),
        "entries": lambda: digest([shown(e) for e in domain.entries]),
        "counts": lambda: digest(sorted((s, len(e)) for s, e in domain.covering.items())),
    }
    writeups = domain.effective_records["writeup"]
    place = {post.docname: at for at, post in enumerate(domain.posts)}
    keyed: dict[str, Callable[[str], str]] = {
        "talk": lambda slug: digest(talks.get(slug)),
        "end": lambda slug: digest(domain.stream_ends.get(slug)),
        "covering": lambda slug: covering(domain, slug),
        "series": lambda docname: series(domain.posts, place, docname),
        "writeup": lambda slug: digest(shown(writeups.get(slug))),
        "index": lambda kind: digest(domain.index_page(kind)),
        "target": lambda key: target(domain, key),
        "label": lambda name: label(env, name),
        "doc": lambda docname: doc(env, docname),
    }
    found = {}
    for facet in wanted:
        kind, keyed_by, key = facet.partition(":")
        found[facet] = keyed[kind](key) if keyed_by else every[kind]()
    return found


class PagesCollector(EnvironmentCollector):
    """What each page shows; which pages to write again; which outputs to delete."""

    def __init__(self) -> None:
        self.removed: dict[str, str] = {}  # docname -> its source file, relative

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        page = pages(env).pop(docname, None)
        if docname not in env.found_docs and page is not None:
            self.removed[docname] = page["source"]

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = pages(other)
        for docname in docnames & theirs.keys():
            pages(env)[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.current_document.docname
        toctrees = [
            (t["entries"], t.get("caption"), t["hidden"], t["maxdepth"], t["numbered"])
            for t in doctree.findall(addnodes.toctree)
        ]
        shown = (t["includefiles"] for t in doctree.findall(addnodes.toctree) if not t["hidden"])
        pages(env)[docname] = {
            "facets": frozenset(page_facets(env, doctree, docname)),
            "toctrees": repr(toctrees) if toctrees else "",
            "lists": frozenset().union(*shown),  # the pages its visible toctrees show
            "source": str(env.doc2path(docname, False)),
        }

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        data = domain_of(env).data
        wanted = set().union(*(page["facets"] for page in pages(env).values()))
        now, before = facet_digests(env, wanted), data["digests"]
        data["digests"] = now
        changed = {k for k in now if now[k] != before.get(k)}
        return sorted(
            doc
            for doc, page in pages(env).items()
            if page["facets"] & changed and doc in env.found_docs
        )

    def linking(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: Set[str],
        changed: Set[str],
        removed: Set[str],
    ) -> list[str]:
        """Pages that link to an added or removed page are read again: a Markdown link
        to a page is looked up while its own page is read (MyST)."""
        gone_or_new = {f"doc:{docname}" for docname in added | removed}
        return sorted(doc for doc, page in pages(env).items() if page["facets"] & gone_or_new)

    def delete_removed(self, app: Sphinx, builder: Builder) -> None:
        """A removed page's old output (and its source's copy) would stay; delete them."""
        outfile = getattr(builder, "get_outfilename", None)
        if outfile is not None:
            for docname, source in self.removed.items():
                Path(outfile(docname)).unlink(missing_ok=True)
                for name in {source, source + app.config.html_sourcelink_suffix}:
                    Path(builder.outdir, "_sources", name).unlink(missing_ok=True)
        self.removed.clear()

    def spare_toctree_pages(self, app: Sphinx, builder: Builder) -> None:
        """Sphinx writes a page again whenever a page its toctrees list was read again
        (``env.files_to_rebuild``), for the table of contents it shows. A hidden
        toctree shows none, and what every page shows of the pages listed, the sidebar
        and the previous and next links, is the ``nav`` facet. So for this write, a
        page is taken out of that list where its only toctrees listing the page read
        again are hidden: ``talks/index``, whose grid of every talk is the site's
        longest page, is not written again for a sentence added to one talk. The
        environment is saved before writing: the next build starts from Sphinx's list.
        """
        env = app.env
        for docname, listing in env.files_to_rebuild.items():
            env.files_to_rebuild[docname] = {
                page
                for page in listing
                if page not in pages(env) or docname in pages(env)[page]["lists"]
            }

    def enable(self, app: Sphinx) -> None:
        super().enable(app)
        app.connect("env-get-outdated", self.linking)
        app.connect("write-started", self.delete_removed)
        app.connect("write-started", self.spare_toctree_pages)


def setup_collector(app: Sphinx) -> None:
    app.add_env_collector(PagesCollector)
