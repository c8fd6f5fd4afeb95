"""The ``talks`` domain: every talk record of the project, keyed by slug.

Directives write into it while documents are read; listings, roles,
labels and metadata read from it afterwards. Speakers and topics are not
stored: they are derived from the talks, so they can never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .roles import TalksXRefRole

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.roles import XRefRole
    from sphinx.util.typing import RoleFunction

    from .model import Speaker, Talk

logger = logging.getLogger(__name__)

#: Listings that are link targets themselves: kind -> anchor prefix.
INDEX_KINDS = ("speakers", "topics")


class TalksDomain(Domain):
    name = "talks"
    label = "Talks"
    object_types: ClassVar[dict[str, ObjType]] = {  # type: ignore[misc]
        "talk": ObjType("talk", "talk"),
        "speaker": ObjType("speaker", "speaker"),
        "topic": ObjType("topic", "topic"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {  # type: ignore[misc]
        "talk": TalksXRefRole(warn_dangling=True),
        "speaker": TalksXRefRole(warn_dangling=True),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "talks": {},  # slug -> Talk
        "indexes": {},  # "speakers" / "topics" -> docname holding that index
        "signature": None,  # what every page's navigation depends on
    }
    data_version = 1

    # -- reading ---------------------------------------------------------

    @property
    def talks(self) -> dict[str, Talk]:
        return cast("dict[str, Talk]", self.data["talks"])

    @property
    def indexes(self) -> dict[str, str]:
        return cast("dict[str, str]", self.data["indexes"])

    def add_talk(self, talk: Talk) -> bool:
        """Record ``talk``; warn and refuse it if its slug is taken."""
        other = self.talks.get(talk.slug)
        if other is not None and other.docname != talk.docname:
            logger.warning(
                "duplicate talk slug %r; already declared in %s (line %d). "
                "Every talk needs its own slug",
                talk.slug,
                self.env.doc2path(other.docname),
                other.lineno,
                location=(talk.docname, talk.lineno),
                type="talks",
                subtype="duplicate",
            )
            return False
        self.talks[talk.slug] = talk
        return True

    def note_index(self, kind: str, docname: str, lineno: int) -> None:
        other = self.indexes.get(kind)
        if other is not None and other != docname:
            logger.warning(
                "a second talk-%s index; the one in %s stays the link target",
                kind,
                self.env.doc2path(other),
                location=(docname, lineno),
                type="talks",
                subtype="duplicate",
            )
            return
        self.indexes[kind] = docname

    def clear_doc(self, docname: str) -> None:
        for slug in [s for s, t in self.talks.items() if t.docname == docname]:
            del self.talks[slug]
        for kind in [k for k, d in self.indexes.items() if d == docname]:
            del self.indexes[kind]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for talk in otherdata["talks"].values():
            if talk.docname in docnames:
                self.add_talk(talk)
        for kind, docname in otherdata["indexes"].items():
            if docname in docnames:
                self.note_index(kind, docname, 0)

    def check_consistency(self) -> None:
        """Facts that span talks: one speaker, one description; one day, one stream."""
        speakers: dict[str, tuple[Speaker, Talk]] = {}
        streams: dict[object, Talk] = {}
        for talk in self.programme():
            for speaker in talk.speakers:
                first, where = speakers.setdefault(speaker.slug, (speaker, talk))
                if first != speaker:
                    logger.warning(
                        "speaker %r is given as %r here but as %r in %s (line %d); "
                        "expected the same handle and affiliation in every talk",
                        speaker.name,
                        f"{speaker.handle or '-'} | {speaker.affiliation or '-'}",
                        f"{first.handle or '-'} | {first.affiliation or '-'}",
                        self.env.doc2path(where.docname),
                        where.lineno,
                        location=(talk.docname, talk.lineno),
                        type="talks",
                        subtype="speaker",
                    )
            other = streams.setdefault(talk.day, talk)
            if other.stream != talk.stream:
                logger.warning(
                    "talk streams in %r, but %s (line %d) puts the same day in %r; "
                    "expected one live stream per day",
                    talk.stream,
                    self.env.doc2path(other.docname),
                    other.lineno,
                    other.stream,
                    location=(talk.docname, talk.lineno),
                    type="talks",
                    subtype="stream",
                )

    # -- derived views (always in programme order) --------------------------

    def programme(self) -> list[Talk]:
        return sorted(self.talks.values(), key=lambda t: t.sort_key)

    def speakers(self) -> dict[str, tuple[Speaker, list[Talk]]]:
        """slug -> (speaker, their talks), sorted by name."""
        found: dict[str, tuple[Speaker, list[Talk]]] = {}
        for talk in self.programme():
            for speaker in talk.speakers:
                found.setdefault(speaker.slug, (speaker, []))[1].append(talk)
        return dict(sorted(found.items()))

    def topics(self) -> dict[str, list[Talk]]:
        found: dict[str, list[Talk]] = {}
        for talk in self.programme():
            for topic in talk.topics:
                found.setdefault(topic, []).append(talk)
        return dict(sorted(found.items()))

    # -- cross-references ------------------------------------------------

    def target(self, typ: str, slug: str) -> tuple[str, str, str] | None:
        """(docname, anchor, display name) for a talk or speaker slug."""
        if typ == "talk" and (talk := self.talks.get(slug)) is not None:
            return talk.docname, talk.anchor, talk.title
        if typ == "speaker" and "speakers" in self.indexes:
            found = self.speakers().get(slug)
            if found is not None:
                return self.indexes["speakers"], found[0].anchor, found[0].name
        if typ == "topic" and "topics" in self.indexes and slug in self.topics():
            return self.indexes["topics"], f"topic-{slug}", slug
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        found = self.target(typ, target)
        if found is None:
            # A known speaker or topic in a project without that index page
            # stays plain text; an unknown slug is reported (see roles.py).
            known: dict[str, object] = {"speaker": self.speakers(), "topic": self.topics()}
            return contnode if target in known.get(typ, {}) else None  # type: ignore[return-value,operator]
        docname, anchor, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode["classes"])
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in self.object_types:
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                results.append((f"talks:{typ}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for talk in self.programme():
            yield talk.slug, talk.display_name, "talk", talk.docname, talk.anchor, 1
        if "speakers" in self.indexes:
            for slug, (speaker, _talks) in self.speakers().items():
                yield slug, speaker.name, "speaker", self.indexes["speakers"], speaker.anchor, 1
        if "topics" in self.indexes:
            for topic in self.topics():
                yield topic, topic, "topic", self.indexes["topics"], f"topic-{topic}", 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        return cast("str | None", node.get("reftarget"))

    # -- public standard labels ------------------------------------------

    def std_labels(self) -> Iterable[tuple[str, str, str, str]]:
        """(label, docname, anchor, display name) for intersphinx users."""
        for talk in self.programme():
            yield talk.anchor, talk.docname, talk.anchor, talk.display_name
        if "speakers" in self.indexes:
            for speaker, _talks in self.speakers().values():
                yield speaker.anchor, self.indexes["speakers"], speaker.anchor, speaker.name
