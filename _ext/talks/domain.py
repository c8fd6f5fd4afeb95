"""The ``talks`` domain: every record of the project, declared in its pages.

Directives *declare* records (talks, days, the conference, the source
article, posts, write-ups elsewhere) while their documents are read, as
``ReSTDomain.note_object`` does. Declarations are kept per document, so
``clear_doc`` and ``merge_domaindata`` are exact; which declaration of a key
counts is decided afterwards, the same way in every build (the first
document in name order), so an incremental build always agrees with a clean
one. Speakers and topics are derived from talks and posts, never stored.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .model import (
    Conference,
    ConferenceVideo,
    Day,
    Post,
    Record,
    Source,
    Speaker,
    Talk,
    Writeup,
    file_name_problem,
    narrow_feed_path,
    slugify,
    topic_anchor,
    unknown,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from docutils.nodes import Element, system_message
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import RoleFunction

    from .model import Recording

R = TypeVar("R", bound=Record)

#: Record kinds and what a reader calls them in a warning.
KINDS = {
    "talk": "talk slug",
    "day": "conference day",
    "conference": "conference",
    "edition": "edition",
    "source": "source article",
    "post": "post URL",
    "writeup": "write-up slug",
    "video": "conference video slug",
    "index": "talk index",
}
#: The warning subtype of a duplicate, where it is not ``duplicate``.
DUPLICATE_SUBTYPE = {"post": "post", "writeup": "post"}
Entry = Post | Writeup


def warn(message: str, location: object, subtype: str) -> None:
    """A ``[talks.<subtype>]`` warning at a node, a docname or ``(docname, line)``."""
    logging.getLogger(__name__).warning(message, location=location, type="talks", subtype=subtype)


def domain_of(env: BuildEnvironment) -> TalksDomain:
    """The ``talks`` domain, typed."""
    return env.domains["talks"]  # type: ignore[return-value]


class TalksXRefRole(XRefRole):
    """``{talk}`slug``` and ``{speaker}`slug```: resolve in the ``talks`` domain
    whatever name the role was called by."""

    def run(self) -> tuple[list[nodes.Node], list[system_message]]:
        if ":" not in self.name:
            self.name = f"talks:{self.name}"
        return super().run()


#: Where, while a page is read, the talk or post it is about is noted (see ``page_talks``).
PAGE_SUBJECT = "talks_page_subject"


@dataclass(frozen=True)
class Subject:
    """What a page is about, noted by its ``talk`` or ``post`` directive while it is read."""

    directive: str
    lineno: int
    #: the talks it is about; None when they could not be read (a warning said why)
    talks: tuple[str, ...] | None


def page_subject(env: BuildEnvironment) -> Subject | None:
    """While reading: the talk or post the page declares (its first), if any."""
    return cast("Subject | None", env.current_document.get(PAGE_SUBJECT))


def page_talk(env: BuildEnvironment) -> tuple[str | None, str]:
    """The one talk a moment or a player without a slug counts from, or why there is none.

    ``(None, "")`` when the page's talk or post could not name its talks: its own
    warning says why, and no knock-on warning is wanted.
    """
    subject = page_subject(env)
    talks = subject.talks if subject is not None else ()
    if talks is None:
        return None, ""
    if len(talks) == 1:
        return talks[0], ""
    return None, f"this page {'covers ' + ', '.join(talks) if talks else 'is about no talk'}"


def quoted(key: str) -> str:
    """`` 'key'`` after a kind's name; nothing for a record of which there is one."""
    return f" {key!r}" if key else ""


def warn_at(message: str, record: Record, subtype: str, line: int | None = None) -> None:
    warn(message, (record.docname, line or record.lineno), subtype)


class TalksDomain(Domain):
    name = "talks"
    label = "Talks"
    object_types: ClassVar[dict[str, ObjType]] = {  # type: ignore[misc]
        "talk": ObjType("talk", "talk"),
        "speaker": ObjType("speaker", "speaker"),
        "topic": ObjType("topic", "topic"),
        "post": ObjType("post", "post"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {  # type: ignore[misc]
        "talk": TalksXRefRole(warn_dangling=True),
        "speaker": TalksXRefRole(warn_dangling=True),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "records": {kind: {} for kind in KINDS},  # kind -> key -> docname -> record
        "pages": {},  # owned by collector.py: docname -> what the page shows
        "digests": {},  # owned by collector.py: what every shown fact hashed to
        "labels": [],  # owned by labels.py: the std labels we made
        "subjects": {},  # docname -> the directive a page is about (talk, post), valid or not
    }
    data_version = 6

    @property
    def records(self) -> dict[str, dict[str, dict[str, Record]]]:
        return cast("dict[str, dict[str, dict[str, Record]]]", self.data["records"])

    def forget_views(self) -> None:
        """Drop every derived view (``cached_property`` keeps them on the instance)."""
        for name in VIEWS:
            self.__dict__.pop(name, None)

    def declare(self, kind: str, key: str, record: Record) -> bool:
        """Note ``record``; a second one for ``key`` in the same page is refused."""
        declared = self.records[kind].setdefault(key, {})
        if record.docname in declared:
            what = KINDS[kind]
            warn_at(
                f"a second {kind}{quoted(key)} in this page; one page declares each {what} once",
                record,
                DUPLICATE_SUBTYPE.get(kind, "duplicate"),
            )
            return False
        declared[record.docname] = record
        self.forget_views()
        return True

    def retitle(self, docname: str, title: str) -> None:
        """The talk or post of a page takes its title as the page finally shows it."""
        for kind in ("talk", "post"):
            for declared in self.records[kind].values():
                record = declared.get(docname)
                if record is not None and getattr(record, "title", title) != title:
                    declared[docname] = replace(record, title=title)  # type: ignore[call-arg]
                    self.forget_views()

    def note_subject(self, docname: str, directive: str) -> None:
        """The page is a talk's or a post's, even if its fields turn out wrong."""
        self.data["subjects"][docname] = directive

    def subject_of(self, docname: str) -> str | None:
        return cast("str | None", self.data["subjects"].get(docname))

    def clear_doc(self, docname: str) -> None:
        self.data["subjects"].pop(docname, None)
        for by_key in self.records.values():
            for key in [k for k, declared in by_key.items() if declared.pop(docname, None)]:
                if not by_key[key]:
                    del by_key[key]
        self.forget_views()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, directive in otherdata["subjects"].items():
            if docname in docnames:
                self.data["subjects"][docname] = directive
        for kind, by_key in otherdata["records"].items():
            for key, declared in by_key.items():
                for docname, record in declared.items():
                    if docname in docnames:
                        self.records[kind].setdefault(key, {})[docname] = record
        self.forget_views()

    @cached_property
    def effective_records(self) -> dict[str, dict[str, Record]]:
        """kind -> key -> the declaration that counts: the first page in name order."""
        return {
            kind: {key: declared[min(declared)] for key, declared in sorted(by_key.items())}
            for kind, by_key in self.records.items()
        }

    def effective(self, kind: str, cls: type[R]) -> dict[str, R]:
        return cast("dict[str, R]", self.effective_records[kind])

    # -- checking, after every read ------------------------------------------

    def check_consistency(self) -> None:
        for kind, by_key in self.records.items():
            for key, declared in by_key.items():
                first, *others = sorted(declared)
                for docname in others:
                    warn_at(
                        f"duplicate {KINDS[kind]}{quoted(key)}; already declared in "
                        f"{self.env.doc2path(first)} (line {declared[first].lineno}), "
                        "which is the one used",
                        declared[docname],
                        DUPLICATE_SUBTYPE.get(kind, "duplicate"),
                    )
        days = self.days()
        speakers: dict[str, tuple[Speaker, Talk]] = {}
        starts: dict[tuple[object, int], Talk] = {}
        for talk in self.programme:
            in_edition = self.check_edition(talk)
            for speaker in talk.speakers:
                self.check_speaker(speaker, talk, speakers)
            if talk.own:  # its own video, or none known: no day's stream to check
                if in_edition and talk.day.isoformat() not in days:
                    warn_at(
                        unknown(
                            f"day {talk.day.isoformat()!r}",
                            days,
                            "none declared with conference-day",
                        ),
                        talk,
                        "day",
                        talk.lines.get("day"),
                    )
                continue
            earlier = starts.setdefault((talk.day, talk.offset), talk)
            if earlier is not talk:  # one second of a stream starts one talk (a key moment)
                warn_at(
                    f"talk {talk.slug!r} starts at the same second of its day's stream as "
                    f"{earlier.slug!r} ({self.env.doc2path(earlier.docname)}, "
                    f"line {earlier.lineno}); "
                    "expected each talk at its own :offset:",
                    talk,
                    "offset",
                    talk.lines.get("offset", talk.lines.get("recording")),
                )
            day = days.get(talk.day.isoformat())
            if day is None:
                warn_at(
                    unknown(
                        f"day {talk.day.isoformat()!r}", days, "none declared with conference-day"
                    ),
                    talk,
                    "day",
                    talk.lines.get("day"),
                )
            elif not day.stream:
                warn_at(
                    f"the day {day.name} ({day.day}) has no :stream:, so talk {talk.slug!r} "
                    "has no recording; give the day its live stream",
                    talk,
                    "stream",
                )
            elif talk.stream and talk.stream != day.stream:
                warn_at(
                    f"talk streams in {talk.stream!r}, but its day {day.name} is declared in "
                    f"{self.env.doc2path(day.docname)} (line {day.lineno}) with the stream "
                    f"{day.stream!r}; expected one live stream per day",
                    talk,
                    "stream",
                    talk.lines.get("recording"),
                )
        self.check_videos()
        self.check_file_names()
        talks = self.talks()
        for entry in self.entries:
            for slug in entry.talks:
                if slug not in talks:
                    warn_at(
                        unknown(f"talk {slug!r} in :talks:", talks),
                        entry,
                        "post",
                        entry.lines.get("talks"),
                    )

    def check_edition(self, talk: Talk) -> bool:
        """A talk of another edition names one that is declared, and is dated in it; a
        talk of the site's own edition is not dated in another's days. False after a
        warning."""
        editions = self.editions()
        if talk.edition:
            edition = editions.get(talk.edition)
            if edition is None:
                warn_at(
                    unknown(
                        f"edition {talk.edition}", map(str, editions), "none declared with edition"
                    ),
                    talk,
                    "edition",
                    talk.lines.get("edition"),
                )
                return False
            if not edition.holds(talk.day):
                assert edition.dates is not None
                first, last = edition.dates
                warn_at(
                    f"talk {talk.slug!r} is dated {talk.day}, outside the edition {talk.edition} "
                    f"({first} to {last}, {self.env.doc2path(edition.docname)}, line "
                    f"{edition.lineno}); expected a day of its edition",
                    talk,
                    "edition",
                    talk.lines.get("day"),
                )
                return False
            return True
        for year, edition in editions.items():
            if edition.holds(talk.day):
                warn_at(
                    f"talk {talk.slug!r} is dated {talk.day}, a day of the edition {year}, but "
                    f"gives no :edition:; expected :edition: {year}, or a day of the "
                    "conference's own edition",
                    talk,
                    "edition",
                    talk.lines.get("day"),
                )
                return False
        return True

    def check_speaker(
        self, speaker: Speaker, talk: Talk, speakers: dict[str, tuple[Speaker, Talk]]
    ) -> None:
        """One slug, one person, given the same way in every talk of an edition (a handle
        or an affiliation may change between editions, or be unknown in one); a name with no
        letter or digit in any script is told it stands under a made-up slug."""
        seen, where = speakers.setdefault(speaker.slug, (speaker, talk))
        line = talk.lines.get("speakers")
        if seen is speaker and not slugify(speaker.name):
            warn_at(
                f"speaker {speaker.name!r} has no letter or digit (in any script) to make a "
                f"slug from, so the speaker's anchor and feed are named {speaker.slug!r}; "
                "expected a name written in letters",
                talk,
                "speaker",
                line,
            )
        if seen == speaker:
            return
        there = (
            f"{self.env.doc2path(where.docname)} (line {where.lines.get('speakers', where.lineno)})"
        )
        if seen.name != speaker.name:
            warn_at(
                f"speaker {speaker.name!r} makes the slug {speaker.slug!r}, as {seen.name!r} "
                f"does in {there}, so both are listed as {seen.name!r}; expected one person "
                "written the same way in every talk, and another person under a name that "
                "makes another slug",
                talk,
                "speaker",
                line,
            )
        elif where.edition == talk.edition:
            here = f"{speaker.handle or '-'} | {speaker.affiliation or '-'}"
            other = f"{seen.handle or '-'} | {seen.affiliation or '-'}"
            warn_at(
                f"speaker {speaker.name!r} is given as {here!r} here but as {other!r} "
                f"in {there}; expected the same handle and affiliation in every talk",
                talk,
                "speaker",
                line,
            )

    def check_videos(self) -> None:
        """A recording is one talk's, one schedule line's or one conference video's."""
        seen: dict[str, tuple[str, str, int]] = {}

        def note(video: str, what: str, docname: str, line: int) -> None:
            first = seen.setdefault(video, (what, docname, line))
            if first[1:] != (docname, line):
                warn(
                    f"the video {video!r} is given again for {what}; it is the recording of "
                    f"{first[0]} in {self.env.doc2path(first[1])} (line {first[2]}) already; "
                    "expected each recording once",
                    (docname, line),
                    "duplicate",
                )

        for talk in self.programme:
            if talk.video:
                line = talk.lines.get("video", talk.lineno)
                note(talk.video, f"talk {talk.slug!r}", talk.docname, line)
        for day in sorted(self.days().values(), key=lambda d: d.day):
            for slot in sorted(day.slots, key=lambda s: s.start):
                if slot.video:
                    note(slot.video, f"{slot.title!r}", day.docname, slot.line or day.lineno)
        for slug, video in self.videos().items():
            note(
                video.video,
                f"video {slug!r}",
                video.docname,
                video.lines.get("video", video.lineno),
            )

    def check_file_names(self) -> None:
        """A topic or a speaker whose feed cannot be named after its slug (too long for
        a file system, or a name Windows keeps) is told the name it gets instead."""
        feed_path = self.env.config.talks_feed_path
        if not feed_path:
            return
        found: list[tuple[str, str, str, Record]] = []
        for slug, (speaker, talks) in self.speakers.items():
            found.append(("speakers", slug, f"speaker {speaker.name!r}", talks[0]))
        for topic, (talks, posts) in self.topics.items():
            first: Record = talks[0] if talks else posts[0]
            found.append(("topics", topic, f"topic {topic!r}", first))
        for kind, slug, what, record in found:
            if problem := file_name_problem(slug, ".xml"):
                warn_at(
                    f"the feed of {what} cannot be named after it: {problem}, so it is "
                    f"{narrow_feed_path(feed_path, kind, slug)}; expected a shorter or another name",
                    record,
                    "name",
                    record.lines.get(kind),
                )

    # -- derived views -------------------------------------------------------

    def talks(self) -> dict[str, Talk]:
        return self.effective("talk", Talk)

    @cached_property
    def programme(self) -> list[Talk]:
        return sorted(self.talks().values(), key=lambda t: t.sort_key)

    def days(self) -> dict[str, Day]:
        return self.effective("day", Day)

    def day_of(self, talk: Talk) -> Day | None:
        return self.days().get(talk.day.isoformat())

    def recording(self, talk: Talk, moment: int = 0) -> Recording | None:
        """The talk in its day's live stream, ``moment`` seconds after it starts; or, for
        a talk with a video of its own and no place in a stream, in that video."""
        if talk.own:
            return replace(talk.standalone, start=moment) if talk.standalone else None
        day = self.day_of(talk)
        return day.at(talk.offset + moment) if day is not None else None

    def in_stream(self, talk: Talk) -> bool:
        """Whether the talk's recording is its day's live stream (else its own video)."""
        return not talk.own

    def videos(self) -> dict[str, ConferenceVideo]:
        """Recordings that are neither talks nor schedule lines, by slug."""
        return self.effective("video", ConferenceVideo)

    def conference(self) -> Conference | None:
        return self.effective("conference", Conference).get("")

    @cached_property
    def home_year(self) -> int:
        """The year of the ``conference`` record's edition: of the first day that no
        other edition holds (0 without such a day)."""
        editions = self.editions().values()
        days = sorted(
            d.day for d in self.days().values() if not any(e.holds(d.day) for e in editions)
        )
        return days[0].year if days else 0

    def editions(self) -> dict[int, Conference]:
        """Editions declared with ``edition``, by year (the conference's own is not one)."""
        return {int(k): v for k, v in self.effective("edition", Conference).items()}

    @cached_property
    def series(self) -> list[tuple[int, Conference]]:
        """Every edition, the conference's own among them, by year."""
        found = dict(self.editions())
        if (home := self.conference()) is not None and self.home_year not in found:
            found[self.home_year] = home
        return sorted(found.items())

    def edition_of(self, talk: Talk) -> Conference | None:
        """The edition a talk was given at: its ``:edition:``, else the conference."""
        return self.editions().get(talk.edition) if talk.edition else self.conference()

    def edition_talks(self, edition: int) -> list[Talk]:
        """The talks of an edition (0: the conference's own), in programme order."""
        return [t for t in self.programme if t.edition == edition]

    def edition_days(self, edition: int) -> list[Day]:
        """The days of an edition (0: those no other edition holds), in order."""
        days = sorted(self.days().values(), key=lambda d: d.day)
        if edition:
            record = self.editions().get(edition)
            return [d for d in days if record is not None and record.holds(d.day)]
        editions = self.editions().values()
        return [d for d in days if not any(e.holds(d.day) for e in editions)]

    def edition_year(self, talk: Talk) -> int:
        return talk.edition or self.home_year

    def edition_of_day(self, day: Day) -> Conference | None:
        """The edition that holds a day; the conference for any other."""
        for edition in self.editions().values():
            if edition.holds(day.day):
                return edition
        return self.conference()

    def source(self) -> Source | None:
        return self.effective("source", Source).get("")

    def index_page(self, kind: str) -> str | None:
        index = self.effective("index", Record).get(kind)
        return index.docname if index else None

    @cached_property
    def posts(self) -> list[Post]:
        """The posts of the series, oldest first."""
        return sorted(self.effective("post", Post).values(), key=lambda p: p.sort_key)

    @cached_property
    def entries(self) -> list[Entry]:
        """Posts and write-ups elsewhere, newest first."""
        found: list[Entry] = [*self.posts, *self.effective("writeup", Writeup).values()]
        return sorted(found, key=lambda e: e.sort_key, reverse=True)

    @cached_property
    def covering(self) -> dict[str, list[Entry]]:
        """talk slug -> the posts and write-ups about it, newest first."""
        found: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for talk in entry.talks:
                found.setdefault(talk, []).append(entry)
        return found

    @cached_property
    def stream_ends(self) -> dict[str, int]:
        """talk slug -> where it ends in its day's stream: after its scheduled length, or
        where the next talk of its day starts, if that comes first."""
        by_day: dict[object, list[Talk]] = {}
        for talk in self.programme:
            by_day.setdefault(talk.day, []).append(talk)
        ends = {}
        for talk in self.programme:
            if talk.own:  # its own video: it runs its scheduled length from its start
                ends[talk.slug] = talk.length
        by_day = {d: [t for t in ts if not t.own] for d, ts in by_day.items()}
        for talks in by_day.values():
            starts = sorted({t.offset for t in talks})
            for talk in talks:
                at = bisect_right(starts, talk.offset)
                later = starts[at : at + 1]
                ends[talk.slug] = min([talk.offset + talk.length, *later])
        return ends

    @cached_property
    def post_of(self) -> dict[str, Post]:
        return {p.docname: p for p in self.posts}

    @cached_property
    def talk_of(self) -> dict[str, Talk]:
        return {t.docname: t for t in self.programme}

    @cached_property
    def speakers(self) -> dict[str, tuple[Speaker, list[Talk]]]:
        """slug -> (speaker, their talks), sorted by name."""
        found: dict[str, tuple[Speaker, list[Talk]]] = {}
        for talk in self.programme:
            for speaker in talk.speakers:
                known, talks = found.setdefault(speaker.slug, (speaker, []))
                talks.append(talk)
                if speaker.handle or speaker.affiliation or not (known.handle or known.affiliation):
                    # one person across editions: as their latest talk that says more gives them
                    found[speaker.slug] = (replace(speaker, name=known.name), talks)
        return dict(sorted(found.items()))

    @cached_property
    def topics(self) -> dict[str, tuple[list[Talk], list[Entry]]]:
        """topic -> (talks, posts) with that topic, sorted by topic."""
        found: dict[str, tuple[list[Talk], list[Entry]]] = {}
        for talk in self.programme:
            for topic in talk.topics:
                found.setdefault(topic, ([], []))[0].append(talk)
        for post in self.posts:
            for topic in post.topics:
                found.setdefault(topic, ([], []))[1].append(post)
        return dict(sorted(found.items()))

    # -- cross-references ------------------------------------------------

    def target(self, typ: str, slug: str) -> tuple[str, str, str] | None:
        """(docname, anchor, display name) for a talk, speaker or topic slug."""
        if typ == "talk" and (talk := self.talks().get(slug)) is not None:
            return talk.docname, talk.anchor, talk.title
        if typ == "speaker" and (index := self.index_page("speakers")):
            found = self.speakers.get(slug)
            if found is not None:
                return index, found[0].anchor, found[0].name
        if typ == "topic" and (index := self.index_page("topics")) and slug in self.topics:
            return index, topic_anchor(slug), slug
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
            known: dict[str, object] = {"speaker": self.speakers, "topic": self.topics}
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
        """For objects.inv; priority -1 keeps them out of the search index, where the
        pages and the index headings (which land on their anchors) already answer."""
        for talk in self.programme:
            yield talk.slug, talk.display_name, "talk", talk.docname, talk.anchor, -1
        if index := self.index_page("speakers"):
            for slug, (speaker, _talks) in self.speakers.items():
                yield slug, speaker.name, "speaker", index, speaker.anchor, -1
        if index := self.index_page("topics"):
            for topic in self.topics:
                yield topic, topic, "topic", index, topic_anchor(topic), -1
        for post in self.posts:
            if not post.draft:
                yield post.key, post.title, "post", post.docname, "", -1

    def get_full_qualified_name(self, node: Element) -> str | None:
        return cast("str | None", node.get("reftarget"))

    # -- public standard labels ------------------------------------------

    def std_labels(self) -> Iterable[tuple[str, str, str, str]]:
        """(label, docname, anchor, display name) for intersphinx users."""
        for _name, title, typ, docname, anchor, _priority in self.get_objects():
            if typ in {"talk", "speaker"}:
                yield anchor, docname, anchor, title


#: The views derived from the records, forgotten whenever a record changes.
VIEWS = [n for n, v in vars(TalksDomain).items() if isinstance(v, cached_property)]
