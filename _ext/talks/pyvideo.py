"""The recordings as PyVideo records: a folder in the layout of ``pyvideo/data``.

PyVideo (pyvideo.org) is built from the ``pyvideo/data`` repository: one
folder per event, holding ``category.json`` and one ``videos/<slug>.json``
per recording. :func:`export` makes that folder from the domain alone: a
record for each talk, for each schedule line with a video of its own (the
opening words, the introduction to the sprints) and for each
``conference-video`` (the highlights). Every field comes from one record:
the title (the official one where it differs), the speakers, ``recorded``
(the talk's own day), the conference's ``:language:``, the standalone upload
and the day's live stream at the talk's second, the slides, the deck and
the talk's page here, tags from the topics, and a description in our words.
No ``id`` is given (PyVideo's numeric ids come from its old database) and
no ``duration`` (no record knows a video's length); ``slug`` is ours, so a
file, its PyVideo address and the talk's page here share one name.

Files are serialised as PyVideo's tools write them (``tools/constants.py``
and ``tools/reserialize.py`` in ``pyvideo/data``): sorted keys, two-space
indent, ASCII with ``\\u`` escapes, a final newline. A description is
reStructuredText that renders as exactly its text: escaped only where
docutils would read markup into it.

The folder is written twice, from the same function: by the ``pyvideo``
builder (``make pyvideo``, into ``_build/pyvideo/``) and with every html or
dirhtml build under ``talks_pyvideo_path`` (``data/pyvideo/`` unless set
otherwise; ``''`` for none). Both are written once per build in the main
process, after every page is read, so ``-j`` and incremental builds write
the same bytes as a clean one; a file an earlier build wrote and this one
does not (a talk that went) is removed, from a list kept beside the doctrees.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import docutils
from docutils import nodes
from docutils.core import publish_doctree
from sphinx.builders import Builder

from .builders import WEB_BUILDERS
from .domain import domain_of, warn
from .extra_files import made_of, publish, unchanged
from .model import date_text, file_name, file_name_problem, iri, slugify

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import TalksDomain
    from .model import ConferenceVideo, Day, Recording, Slot, Talk

#: ``JSON_FORMAT_KWARGS`` in pyvideo/data's ``tools/constants.py``.
JSON_FORMAT: dict[str, Any] = {"indent": 2, "separators": (",", ": "), "sort_keys": True}
#: pyvideo/data's CI refuses a file name of this many bytes or more; no file made
#: from a slug is as long (``model.NAME_BYTES``).
NAME_LIMIT = 140
#: What docutils may read as markup inside a paragraph, and at its start.
INLINE_MARKUP = re.compile(r"([\\*`_|])")
ENUMERATOR = re.compile(r"(\w+|#)[.)](\s|$)")


def serialise(data: dict[str, Any]) -> bytes:
    """As ``tools/reserialize.py`` writes a file: its format, then a newline."""
    return (json.dumps(data, **JSON_FORMAT) + "\n").encode("ascii")


def renders_as(text: str, paragraphs: list[str]) -> bool:
    """Whether docutils reads ``text`` as these paragraphs and nothing else."""
    document = publish_doctree(
        text, settings_overrides={"report_level": 5, "halt_level": 5, "warning_stream": False}
    )
    return not any(document.findall(nodes.system_message)) and [
        (type(child), child.astext()) for child in document.children
    ] == [(nodes.paragraph, p) for p in paragraphs]


def escape(paragraph: str) -> str:
    text = INLINE_MARKUP.sub(r"\\\1", paragraph)
    if not text.startswith("\\") and (not text[0].isalnum() or ENUMERATOR.match(text)):
        text = "\\" + text  # not a list, a field, a comment, a quote or a transition
    if text.endswith("::"):
        text = text[:-1] + "\\:"  # not the start of a literal block
    return text


def rest(*paragraphs: str) -> str:
    """Plain paragraphs as reStructuredText that renders as exactly them.

    A paragraph that :func:`escape` leaves as it is holds nothing docutils could
    read as markup, so docutils is asked only about the others (a parse costs
    about a millisecond: a second for every build of a thousand talks).
    """
    kept = [" ".join(p.split()) for p in paragraphs if p.strip()]
    text = "\n\n".join(kept)
    escaped = [escape(p) for p in kept]
    return text if escaped == kept or renders_as(text, kept) else "\n\n".join(escaped)


def day_words(day: Day) -> str:
    """``Thursday 3 November 2016``: English, as the descriptions are."""
    return date_text(day.day, "weekday", "en")


def link(what: str, url: str) -> dict[str, str]:
    host = urlsplit(url).hostname or ""
    label = f"{what} on {host.removeprefix('www.')}" if host else what
    return {"label": label, "url": url}


def youtube(recording: Recording, start: bool = False) -> dict[str, str]:
    return {"type": "youtube", "url": recording.watch_url if start else recording.video_url}


@dataclass(frozen=True)
class Entry:
    """One file of the folder: its slug and title, where it was declared, and how its
    record is made (only when the folder is written: checking the slugs needs none)."""

    slug: str
    title: str
    docname: str
    line: int
    make: Callable[[], dict[str, Any]]

    @property
    def data(self) -> dict[str, Any]:
        return self.make()

    @property
    def name(self) -> str:
        """Its file's name: ``<slug>.json``, or shortened (``model.file_name``)."""
        return file_name(self.slug, ".json")


class Export:
    """The folder's files, from the domain and the URL of each page."""

    def __init__(
        self, domain: TalksDomain, page_url: Callable[[str], str], edition: int = 0
    ) -> None:
        self.domain = domain
        self.page_url = page_url
        #: the edition whose folder this is (0: the conference's own)
        self.edition = edition
        conference = domain.editions().get(edition) if edition else domain.conference()
        self.conference = conference
        self.language = conference.language if conference else ""

    def common(self, title: str, slug: str, recorded: str, description: str) -> dict[str, Any]:
        slug = file_name(slug, ".json").removesuffix(".json")  # the file's name, if shortened
        record = {"title": title, "slug": slug, "recorded": recorded, "description": description}
        if self.language:
            record["language"] = self.language
        return record

    def page(self, docname: str, what: str) -> list[dict[str, str]]:
        url = self.page_url(docname)
        return [link(what, url)] if url else []

    def talk(self, talk: Talk) -> Entry | None:
        standalone, stream = talk.standalone, self.domain.recording(talk)
        if standalone is None and stream is None:  # the domain has said why (no stream
            return None  # for its day, an unknown day)
        title = talk.official_title or talk.title
        return Entry(talk.slug, title, talk.docname, talk.lineno, lambda: self.talk_data(talk))

    def talk_data(self, talk: Talk) -> dict[str, Any]:
        day = self.domain.day_of(talk)
        standalone, stream = talk.standalone, self.domain.recording(talk)
        if not self.domain.in_stream(talk):  # its own video is its recording
            stream = None
        first = standalone or stream
        assert first is not None  # talk() made no entry otherwise
        note = ""
        if stream is None and day is not None and self.conference is not None:
            venue = self.conference.venue_of(day)
            note = (
                f"Given at {self.conference.name}, {venue.name}, {venue.locality}, on "
                f"{day_words(day)}."
            )
        if stream is not None and day is not None:
            which = "second video" if standalone else "video"
            note = (
                f"The {which} is the live stream of {day.name}, from the start of the talk "
                f"({stream.position} in)."
            )
        title = talk.official_title or talk.title
        data = self.common(title, talk.slug, talk.day.isoformat(), rest(talk.description, note))
        data["speakers"] = [s.name for s in talk.speakers]
        data["videos"] = [youtube(r, r is stream) for r in (standalone, stream) if r is not None]
        data["thumbnail_url"] = first.thumbnail_url
        related = []
        if talk.slides:
            related.append(
                link("Slides (PDF)" if talk.slides.endswith(".pdf") else "Slides", talk.slides)
            )
        if talk.deck:
            related.append(link("Slides", talk.deck))
        if related := [*related, *self.page(talk.docname, "The talk's page")]:
            data["related_urls"] = related
        tags = dict.fromkeys(
            ["keynote"] * talk.keynote + [t.replace("-", " ") for t in talk.topics]
        )
        if tags:
            data["tags"] = list(tags)
        return data

    def slot(self, day: Day, slot: Slot) -> Entry | None:
        if slot.recording is None:
            return None
        line = slot.line or day.lineno
        return Entry(slot.slug, slot.title, day.docname, line, lambda: self.slot_data(day, slot))

    def slot_data(self, day: Day, slot: Slot) -> dict[str, Any]:
        recording = slot.recording
        assert recording is not None  # slot() made no entry otherwise
        when = f"Recorded at {slot.start:%H:%M} on {day_words(day)} ({day.name})."
        data = self.common(slot.title, slot.slug, day.day.isoformat(), rest(when))
        data["speakers"] = list(slot.names)
        data["videos"] = [youtube(recording)]
        data["thumbnail_url"] = recording.thumbnail_url
        if related := self.page(day.docname, "The day's schedule"):
            data["related_urls"] = related
        return data

    def video(self, video: ConferenceVideo, first_day: str) -> Entry:
        return Entry(
            video.slug,
            video.title,
            video.docname,
            video.lineno,
            lambda: self.video_data(video, first_day),
        )

    def video_data(self, video: ConferenceVideo, first_day: str) -> dict[str, Any]:
        data = self.common(video.title, video.slug, first_day, rest(video.description))
        data["speakers"] = []
        data["videos"] = [youtube(video.recording)]
        data["thumbnail_url"] = video.recording.thumbnail_url
        if related := self.page(video.docname, "Where it is listed"):
            data["related_urls"] = related
        return data

    def entries(self) -> Iterator[Entry]:
        """Every recording of the edition, in this order: talks, schedule lines,
        conference videos (the conference's own edition's)."""
        for talk in self.domain.edition_talks(self.edition):
            if (entry := self.talk(talk)) is not None:
                yield entry
        days = self.domain.edition_days(self.edition)
        for day in days:
            for slot in sorted(day.slots, key=lambda s: s.start):
                if (entry := self.slot(day, slot)) is not None:
                    yield entry
        if days and not self.edition:  # a video of the whole event is dated its first day
            for video in self.domain.videos().values():
                yield self.video(video, days[0].day.isoformat())

    def category(self) -> tuple[str, dict[str, Any]] | None:
        """The event's folder and ``category.json``; none without a conference, or for a
        name that makes no slug (:func:`check_slugs` says so)."""
        conference = self.conference
        if conference is None or not slugify(conference.name):
            return None
        data: dict[str, Any] = {"title": conference.name, "url": conference.url}
        days = [d.day for d in self.domain.edition_days(self.edition)]
        if conference.dates is not None:
            days = list(conference.dates)
        if days:
            data["start_date"], data["end_date"] = days[0].isoformat(), days[-1].isoformat()
        return file_name(slugify(conference.name), ""), data


def export(domain: TalksDomain, page_url: Callable[[str], str]) -> dict[str, bytes]:
    """The folder's files by path (``<event>/videos/<slug>.json``); none without a conference.

    A slug claimed twice keeps its first record; a title that makes no slug has
    no file (:func:`check_slugs` reports both).
    """
    files: dict[str, bytes] = {}
    # the conference's own edition, then every other that has a recording, each a folder
    for edition in [0, *domain.editions()]:
        made = Export(domain, page_url, edition)
        category = made.category()
        entries = list(made.entries())
        if category is None or (edition and not entries):
            continue
        folder, data = category
        files[f"{folder}/category.json"] = serialise(data)
        for entry in entries:
            if entry.slug:
                files.setdefault(f"{folder}/videos/{entry.name}", serialise(entry.data))
    return files


def check_slugs(app: Sphinx, env: BuildEnvironment) -> None:
    """Each recording is one file: its slug is unique and short enough for PyVideo."""
    domain = domain_of(env)
    conference = domain.conference()
    if conference is not None:
        slug, where = slugify(conference.name), conference.lines.get("name", conference.lineno)
        if not slug:
            warn(
                f"the conference name {conference.name!r} has no letter or digit (in any "
                "script) to name the PyVideo event folder after, so there is no PyVideo "
                "folder; give the conference a name in letters",
                (conference.docname, where),
                "pyvideo",
            )
        elif problem := file_name_problem(slug, ""):
            warn(
                f"the conference name cannot name the PyVideo event folder: {problem}, so the "
                f"folder is {file_name(slug, '')!r}; expected a shorter or another name",
                (conference.docname, where),
                "pyvideo",
            )
    seen: dict[str, Entry] = {}
    every = [Export(domain, lambda docname: "", e).entries() for e in [0, *domain.editions()]]
    for entry in (entry for entries in every for entry in entries):
        if not entry.slug:
            warn(
                f"the title {entry.title!r} makes no slug, so it has no file in the "
                "PyVideo folder; give it a title with letters a-z or digits",
                (entry.docname, entry.line),
                "pyvideo",
            )
            continue
        first = seen.setdefault(entry.name, entry)
        if first is not entry:
            warn(
                f"a second recording is published as videos/{entry.name} ('{entry.title}'); "
                f"{env.doc2path(first.docname)} (line {first.line}) has that slug already, so "
                "this one is left out of the PyVideo folder; give it another title or slug",
                (entry.docname, entry.line),
                "pyvideo",
            )
        elif problem := file_name_problem(entry.slug, ".json"):
            warn(
                f"the PyVideo file name {problem} (pyvideo/data takes fewer than "
                f"{NAME_LIMIT}), so it is written as videos/{entry.name}: give it a shorter "
                "slug or title",
                (entry.docname, entry.line),
                "pyvideo",
            )


# -- writing ----------------------------------------------------------------------


def page_urls(app: Sphinx) -> Callable[[str], str]:
    base = app.config.html_baseurl
    return lambda docname: (
        f"{base}{iri(app.builder.get_target_uri(docname), escaped=True)}" if base else ""
    )


def publish_folder(app: Sphinx, under: str) -> None:
    """Write the folder under ``under`` in the output; remove what a past build left.

    The folder is made again only when what :func:`export` reads changed (the
    records, the pages' addresses): a thousand talks take a third of a second.
    """
    domain, page_url = domain_of(app.env), page_urls(app)
    kinds = ("talk", "day", "conference", "edition", "video")
    records = [domain.effective_records[kind] for kind in kinds]
    pages = sorted({record.docname for found in records for record in found.values()})
    urls = [page_url(docname) for docname in pages]
    inputs = made_of(records, urls, under, docutils.__version__)  # docutils: rest()
    if unchanged(app, "pyvideo", inputs):
        return
    files = {
        f"{under.strip('/')}/{path}".lstrip("/"): data
        for path, data in export(domain, page_url).items()
    }
    publish(app, "pyvideo", files, inputs)


def publish_with_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name in WEB_BUILDERS:
        if app.config.talks_pyvideo_path:
            publish_folder(app, app.config.talks_pyvideo_path)
        else:  # turned off: what an earlier build published goes
            publish(app, "pyvideo", {})


class PyVideoBuilder(Builder):
    """``make pyvideo``: the folder alone, ready to copy into a clone of pyvideo/data."""

    name = "pyvideo"
    format = "pyvideo"
    epilog = "The PyVideo folder is in %(outdir)s."
    allow_parallel = True

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self.sphinx = app  # Builder.app is deprecated (Sphinx 9.0), to be removed in 11.0

    def init(self) -> None:
        # the pages' addresses are those of the html build, which is the published site
        suffix = self.config.html_file_suffix or ".html"
        link = self.config.html_link_suffix
        self.link_suffix = suffix if link is None else link

    def get_outdated_docs(self) -> str:
        return "the PyVideo folder"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}{self.link_suffix}"

    def write_documents(self, docnames: object) -> None:
        pass  # no page is written, so none is resolved

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        if domain_of(self.env).conference() is None:
            warn("no conference is declared, so there is no PyVideo folder", None, "pyvideo")
        publish_folder(self.sphinx, "")
        # the output is the folder to copy: no empty folder other extensions
        # make in every output (sphinxcontrib-youtube's _video_thumbnail)
        for child in sorted(Path(self.outdir).iterdir()):
            if child.is_dir() and not any(child.iterdir()):
                child.rmdir()


# -- set-up -----------------------------------------------------------------------


def setup_pyvideo(app: Sphinx) -> None:
    app.add_builder(PyVideoBuilder)
    app.connect("env-check-consistency", check_slugs)
    app.connect("build-finished", publish_with_site)
