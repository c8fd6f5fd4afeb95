"""Keep incremental builds equal to clean ones, writing no more than needed.

Sphinx writes again only the pages it read again. But a page also shows
facts declared elsewhere: furo's sidebar shows every title, a talk card
shows the talk's day and the posts about it, a listing shows every talk.
Each placeholder and moment names the *facets* it shows (``talk:<slug>``,
``talks``, ``days``, ``covering:<slug>``, ...). After every read this
collector hashes each facet and returns the pages that show one that
changed; a change of any title or toctree rewrites every page.

Its state lives in the ``talks`` domain's data (``pages`` and ``digests``),
because collectors are not pickled with the environment; only this module
reads or writes those keys.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from .domain import domain_of
from .placeholders import late_nodes

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .model import Record

#: Fields no other page shows: where a record was written, and a talk's
#: description (only its own page's metadata has it).
UNSHOWN = {"lineno", "lines", "description"}
#: What the root page's JSON-LD (metadata.py) shows besides its listings.
ROOT_FACETS = {"conference", "days", "talks"}


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


def facet_digests(env: BuildEnvironment) -> dict[str, str]:
    domain = domain_of(env)
    talks = {slug: shown(talk) for slug, talk in domain.talks().items()}
    entries = [shown(e) for e in domain.entries]
    found = {
        "nav": digest(
            sorted((doc, title.astext()) for doc, title in env.titles.items()),
            sorted((doc, page["toctrees"]) for doc, page in pages(env).items()),
        ),
        "talks": digest(sorted(talks.items())),
        "days": digest([shown(d) for d in domain.days().values()]),
        "conference": digest(shown(domain.conference())),
        "source": digest(shown(domain.source())),
        "entries": digest(entries),
        "series": digest([(p.docname, p.title, p.published) for p in domain.posts]),
    }
    found.update({f"talk:{slug}": digest(text) for slug, text in talks.items()})
    for slug in talks:
        found[f"covering:{slug}"] = digest([shown(e) for e in domain.covering.get(slug, [])])
    return found


class PagesCollector(EnvironmentCollector):
    """What each page shows; which pages to write again; which outputs to delete."""

    def __init__(self) -> None:
        self.removed: set[str] = set()

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        pages(env).pop(docname, None)
        if docname not in env.found_docs:
            self.removed.add(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = pages(other)
        for docname in docnames & theirs.keys():
            pages(env)[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.current_document.docname
        facets: set[str] = ROOT_FACETS.copy() if docname == env.config.root_doc else set()
        for node in late_nodes(doctree):
            facets.update(node["facets"])
        toctrees = [
            (t["entries"], t.get("caption"), t["hidden"], t["maxdepth"], t["numbered"])
            for t in doctree.findall(addnodes.toctree)
        ]
        pages(env)[docname] = {"facets": frozenset(facets), "toctrees": repr(toctrees)}

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        data = domain_of(env).data
        now, before = facet_digests(env), data["digests"]
        data["digests"] = now
        changed = {k for k in now.keys() | before.keys() if now.get(k) != before.get(k)}
        if "nav" in changed:
            return sorted(env.found_docs)
        return sorted(
            doc
            for doc, page in pages(env).items()
            if page["facets"] & changed and doc in env.found_docs
        )

    def delete_removed(self, app: Sphinx, builder: Builder) -> None:
        """A removed page's old output would stay reachable; delete it."""
        outfile = getattr(builder, "get_outfilename", None)
        if outfile is not None:
            for docname in self.removed:
                Path(outfile(docname)).unlink(missing_ok=True)
        self.removed.clear()

    def enable(self, app: Sphinx) -> None:
        super().enable(app)
        app.connect("write-started", self.delete_removed)
