"""Directives that declare records: talks, posts, days, the conference, sources.

Each directive parses its fields once (``model`` parsers), reports every
bad field as a located ``[talks.<subtype>]`` warning on the field's own
line, declares the record in the ``talks`` domain and leaves a placeholder
(``placeholders.py``) that is filled once every page has been read.

A talk's or a post's title is the page's H1 heading, written once where
authors expect it; the directive sits right under it and holds every other
fact.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from myst_parser.mocking import MockStateMachine
from sphinx.util.docutils import SphinxDirective

from . import model
from .domain import PAGE_SUBJECT, Subject, domain_of, page_subject, warn
from .model import NOT_CARRIED, FieldError
from .placeholders import placeholder

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


#: Characters Python and MyST take for line breaks, which no field or line can hold.
LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


class UnknownOption(str):
    """Marks a value given under an option name the directive does not know."""


class FieldSpec(dict[str, "Callable[[str | None], Any]"]):
    """An ``option_spec`` whose converters never raise.

    docutils and MyST report bad options with their own message and type;
    we want ``[talks.<subtype>]`` with a line, so a converter returns the
    :class:`FieldError` instead of raising it, and an unknown option name
    comes back as :class:`UnknownOption`; ``parse_fields`` reports both.
    """

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return lambda value: UnknownOption(value or "")


def field(parse: Callable[[str], Any]) -> Callable[[str | None], Any]:
    def convert(value: str | None) -> Any:
        try:
            return parse(model.printable(value or ""))
        except FieldError as exc:
            return exc

    return convert


class RecordDirective(SphinxDirective):
    """Parses fields, builds the record, declares it, shows it where it stands.

    Subclasses say which fields they take and may add values from the
    directive's argument, the page title or the content (``extra``), check
    what spans fields (``build``), and choose the record's key and what shows
    it (``key``, ``shown``). Every problem is a warning at its field's line.
    """

    kind: ClassVar[str]
    record: ClassVar[type[model.Record]]
    fields: ClassVar[dict[str, Callable[[str], Any]]]
    required: ClassVar[tuple[str, ...]] = ()
    #: option name -> record field, where it is not the name with '_' for '-'
    renames: ClassVar[dict[str, str]] = {}
    #: the placeholder kind that shows the record where it is declared
    shows: ClassVar[str] = ""
    #: one warning subtype for every problem, where the directive has one
    subtype: ClassVar[str | None] = None
    #: a page declares one such record, which says what the page is about (talk, post)
    subject: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.option_spec = FieldSpec({name: field(parse) for name, parse in cls.fields.items()})

    def warn(
        self, subtype: str, message: str, option: str | None = None, line: int | None = None
    ) -> None:
        line = line or self.line_of(option)
        warn(message, (self.env.docname, line), self.subtype or subtype)

    def lines_of(self, option: str) -> list[int]:
        """The source lines giving ``:option:`` (or ``option:`` in a YAML block)."""
        head = self.block_text.split("\n")
        if self.content:  # options come before the content
            head = head[: self.content_line(0) - self.lineno]
        starts = (f":{option}:", f"{option}:")
        return [self.lineno + n for n, line in enumerate(head) if line.strip().startswith(starts)]

    def line_of(self, option: str | None) -> int:
        return int(([*self.lines_of(option), self.lineno] if option else [self.lineno])[0])

    def content_line(self, index: int) -> int:
        """The source line of the content's line ``index``."""
        # MyST counts content_offset from the directive's line, docutils from the file's start
        start = self.lineno + 1 if isinstance(self.state_machine, MockStateMachine) else 1
        return int(start + self.content_offset + index)

    def run(self) -> list[nodes.Node]:
        for number, line in enumerate(self.block_text.split("\n")):
            if found := LINE_BREAKS.search(line):  # the parser cut the block there
                message = f"line break U+{ord(found[0]):04X} inside {line.strip()!r}"
                self.warn("text", f"{message}; write each line as one", line=self.lineno + number)
                return []
        if self.subject and not self.note_subject():
            return []
        extra = self.extra()
        fields = self.parse_fields()
        if extra is None or fields is None:
            return []
        values = {self.renames.get(k, k.replace("-", "_")): v for k, v in fields.items()}
        record = self.build({**values, **extra})
        domain = domain_of(self.env)
        if record is None or not domain.declare(self.kind, self.key(record), record):
            return []
        return self.shown(record)

    def note_subject(self) -> bool:
        """Note what the page is about, before any field is checked: the page's roles and
        players count from it even when a field is wrong (one warning per mistake)."""
        first = page_subject(self.env)
        if first is not None:
            self.warn(
                "duplicate",
                f"a second {self.name} in this page; the {first.directive} at line "
                f"{first.lineno} is what this page is about, and a page is about one",
            )
            return False
        self.env.current_document[PAGE_SUBJECT] = Subject(self.name, self.lineno, self.about())
        domain_of(self.env).note_subject(self.env.docname, self.name)
        return True

    def about(self) -> tuple[str, ...] | None:
        """The talks the page is about, as far as they can be read; None if they cannot."""
        return None

    def parse_fields(self) -> dict[str, Any] | None:
        """Typed field values by option name, or None after warning."""
        options = dict(self.options)
        ok = True
        for name, value in options.items():
            if isinstance(value, UnknownOption):
                message = model.unknown(f"field :{name}: in {self.name}", sorted(self.fields))
                self.warn("option", message, name)
                ok = False
            elif isinstance(value, FieldError):
                self.warn(value.subtype, f":{name}: {value}", name)
                ok = False
            if len(given := self.lines_of(name)) > 1:
                lines = ", ".join(map(str, given))
                self.warn("option", f":{name}: is given {len(given)} times (lines {lines})", name)
                ok = False
        for name in self.required:
            if name not in options:
                self.warn("missing", f"{self.name} is missing the required field :{name}:")
                ok = False
        return options if ok else None

    def extra(self) -> dict[str, Any] | None:
        """Values from elsewhere than the fields; None after a warning."""
        return {}

    def build(self, values: dict[str, Any]) -> model.Record | None:
        lines = {name: self.line_of(name) for name in self.options}
        return self.record(docname=self.env.docname, lineno=self.lineno, lines=lines, **values)

    def key(self, record: Any) -> str:
        return ""

    def shown(self, record: Any) -> list[nodes.Node]:
        return [placeholder(self.shows, self.key(record), self)]

    def page_title(self, what: str) -> str | None:
        """The H1 this directive sits under; markup in it is reported, shown as text."""
        section = self.state_machine.node
        if section is not self.state.document.next_node(nodes.section):
            self.warn(
                "placement",
                f"{self.name} must come right under the page's title heading, "
                f"which is the {what}'s title",
            )
            return None
        title = section[0]
        text = str(title.astext())
        if not text.strip():
            self.warn(
                "title", f"the {what} title is empty; write it after the '# '", line=title.line
            )
            return None
        if any(not isinstance(child, nodes.Text) for child in title.children):
            self.warn(
                "title",
                f"markup in the {what} title {text!r}; it must be plain text",
                line=title.line,
            )
        try:
            model.printable(text)
        except FieldError as exc:
            self.warn("title", f"the {what} title: {exc}; it is left out", line=title.line)
            text = model.BIDI_OVERRIDES.sub("", NOT_CARRIED.sub("", text))
        if title.children != [nodes.Text(text)]:
            title.children = []
            title += nodes.Text(text)
        return text

    def slug_argument(self) -> str | None:
        try:
            return model.parse_slug(str(self.arguments[0]))
        except FieldError as exc:
            self.warn(exc.subtype, str(exc))
            return None


class TalkDirective(RecordDirective):
    """Declare a talk: ``.. talk:: slug`` followed by its fields."""

    kind = "talk"
    record = model.Talk
    subject = True
    required_arguments = 1
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "official-title": model.plain_text,
        "speakers": model.parse_speakers,
        "day": model.parse_date,
        "time": model.parse_time_range,
        "offset": model.parse_offset,
        "recording": model.parse_recording,
        "stream": model.parse_youtube_id,
        "video": model.parse_youtube_id,
        "slides": model.parse_url,
        "deck": model.parse_url,
        "topics": model.parse_topics,
        "description": model.plain_text,
        "keynote": model.parse_flag,
        "edition": model.parse_year,
        "unrecorded": model.plain_text,
    }
    required = ("speakers", "day", "time")

    def about(self) -> tuple[str, ...] | None:
        slug = str(self.arguments[0])
        return (slug,) if model.slugify(slug) == slug else None

    def extra(self) -> dict[str, Any] | None:
        slug, title = self.slug_argument(), self.page_title("talk")
        if slug and model.YEAR_PREFIX.match(slug):
            self.warn(
                "slug",
                f"talk slug {slug!r} starts with a year and '-', as the targets of other "
                "editions' talks do (talk-2014-<slug>); expected a slug that starts otherwise",
            )
            return None
        return {"slug": slug, "title": title} if slug and title else None

    def build(self, values: dict[str, Any]) -> model.Record | None:
        if "recording" in values:  # the form copied from a link: stream and offset
            if "offset" in values or "stream" in values:
                self.warn(
                    "recording",
                    "give either :recording: (a youtu.be link with ?t=) or :offset: "
                    "(the stream comes from the talk's day)",
                    "offset" if "offset" in values else "stream",
                )
                return None
            values["stream"], values["offset"] = values.pop("recording")
        if "offset" not in values:
            # no place in a day's stream: the talk's own video, or none known
            if "video" not in values and "unrecorded" not in values:
                self.warn(
                    "missing",
                    "talk is missing the required field :offset: (where it starts in its "
                    "day's stream); a talk with a recording of its own gives :video: "
                    "instead, and one with no known recording :unrecorded: (what is known)",
                )
                return None
            values["offset"], values["own"] = 0, True
        elif "unrecorded" in values:
            self.warn(
                "recording",
                ":unrecorded: says no recording is known, but :offset: places the talk in "
                "its day's stream; give one of them",
                "unrecorded",
            )
            return None
        values["start"], values["end"] = values.pop("time")
        talk = super().build(values)
        assert isinstance(talk, model.Talk)
        byline = talk.byline(self.config.language)
        room = model.DESCRIPTION_LENGTH - len(byline) - 1
        if talk.description and len(talk.description) > room:
            fits = f"at most {room} fit" if room > 0 else "none fits"
            self.warn(
                "description",
                f"the description of {talk.slug!r} is {len(talk.description)} characters; "
                f"{fits} beside {byline!r} in a preview of {model.DESCRIPTION_LENGTH}",
                "description",
            )
        return talk

    def key(self, record: model.Talk) -> str:
        return record.slug

    def shown(self, record: model.Talk) -> list[nodes.Node]:
        # A stable anchor from the slug, never from a counter or the title.
        section = self.state_machine.node
        if record.anchor not in section["ids"]:  # a title like the slug has that id already
            section["ids"].insert(0, record.anchor)
        self.state.document.set_id(section)  # registers its ids (a duplicate is reported)
        return [
            placeholder("talk-card", record.slug, self),
            placeholder("player", record.slug, self),
        ]


class PostDirective(RecordDirective):
    """Declare a summary post: the page it sits in is the post."""

    kind = "post"
    record = model.Post
    subtype = "post"
    subject = True
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "published": model.parse_date,
        "updated": model.parse_date,
        "authors": model.parse_people,
        "talks": model.parse_slugs,
        "topics": model.parse_topics,
        "abstract": model.plain_text,
    }
    required = ("published", "authors", "talks", "abstract")

    def about(self) -> tuple[str, ...] | None:
        talks = self.options.get("talks")  # the converted value, or the FieldError
        return talks if isinstance(talks, tuple) else None

    def extra(self) -> dict[str, Any] | None:
        # A post is reached from the series, not from the sidebar, even one with a
        # mistake in it: the mistake is the one warning.
        self.env.metadata[self.env.docname]["orphan"] = True
        title = self.page_title("post")
        draft = "drafts" in self.env.docname.split("/")[:-1]
        return {"title": title, "draft": draft} if title else None

    def build(self, values: dict[str, Any]) -> model.Record | None:
        if len(values["abstract"]) > model.DESCRIPTION_LENGTH:
            self.warn(
                "post",
                f":abstract: is {len(values['abstract'])} characters; at most "
                f"{model.DESCRIPTION_LENGTH} fit in a link preview or a search result",
                "abstract",
            )
            return None
        if values.get("updated") and values["updated"] < values["published"]:
            self.warn(
                "post",
                f":updated: {values['updated']} is before :published: {values['published']}; "
                "expected the date of the last revision, on or after publication",
                "updated",
            )
            return None
        return super().build(values)

    def key(self, record: model.Post) -> str:
        return record.key

    def shown(self, record: model.Post) -> list[nodes.Node]:
        return [placeholder("post-header", record.key, self)]


class WriteupDirective(RecordDirective):
    """A write-up published elsewhere: listed with the posts, marked external.

    The content, if any, is shown under it: what the write-up says, in this
    site's words.
    """

    kind = "writeup"
    record = model.Writeup
    subtype = "post"
    required_arguments = 1
    has_content = True
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "title": model.plain_text,
        "authors": model.parse_people,
        "date": model.parse_partial_date,
        "url": model.parse_url,
        "site": model.plain_text,
        "talks": model.parse_slugs,
        "abstract": model.plain_text,
    }
    required = ("title", "authors", "date", "url", "site", "abstract")
    renames: ClassVar[dict[str, str]] = {"date": "published"}

    def extra(self) -> dict[str, Any] | None:
        slug = self.slug_argument()
        return {"slug": slug} if slug else None

    def key(self, record: model.Writeup) -> str:
        return record.slug

    def shown(self, record: model.Writeup) -> list[nodes.Node]:
        entry = placeholder("writeup", record.slug, self)
        entry["ids"] = [record.anchor]
        notes = nodes.container(classes=["talks-writeup-notes"])
        self.state.nested_parse(self.content, self.content_offset, notes)
        return [entry, notes] if self.content else [entry]


class DayDirective(RecordDirective):
    """Declare a day of the conference; its programme is shown where it is declared.

    Its content lists what happens besides the talks, a line each:
    ``12:00 | Registration`` or ``17:30 | Sprints introduced | Name ; Name | VIDEO_ID``.
    """

    kind = "day"
    record = model.Day
    shows = "day"
    required_arguments = 1
    has_content = True
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "name": model.plain_text,
        "hours": model.parse_time_range,
        "kind": model.parse_day_kind,
        "stream": model.parse_youtube_id,
    }
    required = ("name", "hours")

    def extra(self) -> dict[str, Any] | None:
        values: dict[str, Any] | None = {}
        try:
            day = model.parse_date(self.arguments[0])
        except FieldError as exc:
            self.warn(exc.subtype, str(exc))
            values = None
        slots = []
        for index, line in enumerate(self.content):
            try:
                if line.strip():
                    where = self.content_line(index)
                    slots.append(model.parse_slot(model.printable(line), where))
            except FieldError as exc:
                self.warn(exc.subtype, str(exc), line=self.content_line(index))
                values = None
        return None if values is None else {"day": day, "slots": tuple(slots)}

    def build(self, values: dict[str, Any]) -> model.Record | None:
        values["start"], values["end"] = values.pop("hours")
        return super().build(values)

    def key(self, record: model.Day) -> str:
        return record.day.isoformat()


class ConferenceDirective(RecordDirective):
    """Declare the conference itself; shows its dates, places and organisers."""

    kind = "conference"
    record = model.Conference
    shows = "conference"
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "name": model.plain_text,
        "url": model.parse_url,
        "timezone": model.parse_timezone,
        "venue": model.parse_venue,
        "sprint-venue": model.parse_venue,
        "organisers": model.parse_people,
        "language": model.parse_language,
    }
    required = ("name", "url", "timezone", "venue")


class EditionDirective(RecordDirective):
    """Declare an edition of the series other than the site's own (which is the
    ``conference`` record): ``.. edition:: 2014`` on its overview page, with its name,
    dates, places and website; its talks say ``:edition: 2014``."""

    kind = "edition"
    record = model.Conference
    shows = "edition"
    required_arguments = 1
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "name": model.plain_text,
        "url": model.parse_url,
        "dates": model.parse_date_range,
        "timezone": model.parse_timezone,
        "timezone-inferred": model.parse_flag,
        "venue": model.parse_place,
        "sprint-venue": model.parse_place,
        "organisers": model.parse_people,
        "language": model.parse_language,
        "sources": model.parse_sources,
    }
    required = ("name", "url", "dates", "timezone", "venue")

    def extra(self) -> dict[str, Any] | None:
        try:
            return {"year": model.parse_year(self.arguments[0])}
        except FieldError as exc:
            self.warn(exc.subtype, str(exc))
            return None

    def build(self, values: dict[str, Any]) -> model.Record | None:
        if values["dates"][0].year != values["year"]:
            self.warn(
                "edition",
                f"the edition {values['year']} is dated {values['dates'][0]}; expected its "
                "dates in its year",
                "dates",
            )
            return None
        return super().build(values)

    def key(self, record: model.Conference) -> str:
        return str(record.year)


class ConferenceVideoDirective(RecordDirective):
    """Declare a recording of the conference that is neither a talk nor a schedule line.

    ``.. conference-video:: highlights`` with its title, YouTube id and a
    sentence about it; shown where it is declared, as a link and that sentence.
    """

    kind = "video"
    record = model.ConferenceVideo
    required_arguments = 1
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "title": model.plain_text,
        "video": model.parse_youtube_id,
        "description": model.plain_text,
    }
    required = ("title", "video", "description")

    def extra(self) -> dict[str, Any] | None:
        slug = self.slug_argument()
        return {"slug": slug} if slug else None

    def key(self, record: model.ConferenceVideo) -> str:
        return record.slug

    def shown(self, record: model.ConferenceVideo) -> list[nodes.Node]:
        url = record.recording.video_url
        link = nodes.reference(record.title, record.title, refuri=url)
        text = nodes.Text(f": {record.description}")
        paragraph = nodes.paragraph("", "", link, text, classes=["talks-video"])
        paragraph["ids"] = [f"video-{record.slug}"]
        self.set_source_info(paragraph)
        return [paragraph]


class SourceDirective(RecordDirective):
    """Declare the article this site started from; shows its credit line."""

    kind = "source"
    record = model.Source
    shows = "credit"
    fields: ClassVar[dict[str, Callable[[str], Any]]] = {
        "title": model.plain_text,
        "url": model.parse_url,
        "author": model.plain_text,
        "site": model.plain_text,
        "date": model.parse_date,
    }
    required = ("title", "url", "author", "site", "date")
    renames: ClassVar[dict[str, str]] = {"date": "published"}


def title_as_shown(app: Sphinx, doctree: nodes.document) -> None:
    """A title read as its page shows it, after Sphinx's smart quotes: the card, the
    listings and the feed have a curly apostrophe where the page's heading has one."""
    if (section := doctree.next_node(nodes.section)) is not None:
        domain_of(app.env).retitle(app.env.current_document.docname, section[0].astext())


def setup_directives(app: Sphinx) -> None:
    app.add_directive("talk", TalkDirective)
    app.add_directive("post", PostDirective)
    app.add_directive("writeup", WriteupDirective)
    app.add_directive("conference-day", DayDirective)
    app.add_directive("conference", ConferenceDirective)
    app.add_directive("edition", EditionDirective)
    app.add_directive("conference-video", ConferenceVideoDirective)
    app.add_directive("source-article", SourceDirective)
    app.connect("doctree-read", title_as_shown)
