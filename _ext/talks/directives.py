"""The ``talk`` directive: one talk's record, declared under its page title.

The page's H1 heading is the talk's title (written once, where the author
expects it); the directive holds every other fact, stores the typed record
in the ``talks`` domain and renders the talk's card and its recording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import model, render
from .model import FieldError, Talk

if TYPE_CHECKING:
    from collections.abc import Callable

    from .domain import TalksDomain

logger = logging.getLogger(__name__)

DIRECTIVE_NAME_TALK = "talk"

#: Fields a talk cannot go without; ``recording`` may instead be given as
#: ``stream`` plus ``offset``.
REQUIRED = ("speakers", "day", "time", "recording")


class UnknownOption(str):
    """Marks a value given under an option name the directive does not know."""


class FieldSpec(dict[str, "Callable[[str | None], Any]"]):
    """An ``option_spec`` whose converters never raise.

    docutils and MyST report bad options with their own message and type;
    we want ``[talks.<subtype>]`` with a line, so a converter returns the
    :class:`FieldError` instead of raising it, and an unknown option name
    comes back as :class:`UnknownOption`; ``run`` reports both.
    """

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return lambda value: UnknownOption(value or "")


def field(parse: Callable[[str], Any]) -> Callable[[str | None], Any]:
    def convert(value: str | None) -> Any:
        try:
            return parse(value or "")
        except FieldError as exc:
            return exc

    return convert


def plain_text(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise FieldError("missing", "empty value; expected plain text")
    return text


class TalkDirective(SphinxDirective):
    """Declare a talk: ``.. talk:: slug`` followed by its fields."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str | None], Any]]] = FieldSpec(
        {
            "official-title": field(plain_text),
            "speakers": field(model.parse_speakers),
            "day": field(plain_text),  # checked against talks_days in run()
            "time": field(model.parse_time_range),
            "recording": field(model.parse_recording),
            "stream": field(model.parse_youtube_id),
            "offset": field(model.parse_offset),
            "video": field(model.parse_youtube_id),
            "slides": field(model.parse_url),
            "deck": field(model.parse_url),
            "topics": field(model.parse_topics),
            "description": field(plain_text),
        }
    )

    def warn(self, subtype: str, message: str, option: str | None = None) -> None:
        logger.warning(
            message,
            location=(self.env.docname, self.option_line(option)),
            type="talks",
            subtype=subtype,
        )

    def option_line(self, option: str | None) -> int:
        """The source line of ``:option:`` in this block, else the directive's."""
        if option is not None:
            for number, line in enumerate(self.block_text.splitlines()):
                if line.strip().startswith(f":{option}:"):
                    return int(self.lineno) + number
        return int(self.lineno)

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0]
        if model.slugify(slug) != slug:
            self.warn(
                "slug", f"malformed talk slug {slug!r}; expected lowercase words joined by '-'"
            )
            return []
        section = self.state_machine.node
        if not isinstance(section, nodes.section) or not isinstance(section.parent, nodes.document):
            self.warn(
                "placement",
                f"talk {slug!r} must come right under the page's title heading, "
                "which is the talk's title",
            )
            return []
        fields = self.parse_fields()
        if fields is None:
            return []
        talk = Talk(
            slug=slug,
            docname=self.env.docname,
            lineno=self.lineno,
            title=self.plain_title(section),
            **fields,
        )
        domain: TalksDomain = self.env.domains["talks"]  # type: ignore[assignment]
        if not domain.add_talk(talk):
            return []
        # A stable anchor from the slug, never from a counter or the title.
        section["ids"].insert(0, talk.anchor)
        self.state.document.ids[talk.anchor] = section
        return render.talk_header(self, talk)

    def plain_title(self, section: nodes.section) -> str:
        """The heading's text; markup in it is reported and shown as text."""
        title = section[0]
        text = title.astext()
        if any(not isinstance(child, nodes.Text) for child in title.children):
            self.warn(
                "title",
                f"markup in the talk title {text!r}; a talk title must be plain text",
            )
            title.children = []
            title += nodes.Text(text)
        return str(text)

    def parse_fields(self) -> dict[str, Any] | None:
        options = dict(self.options)
        ok = True
        for name, value in list(options.items()):
            if isinstance(value, UnknownOption):
                known = ", ".join(sorted(self.option_spec))
                self.warn(
                    "option", f"unknown field :{name}: in talk; expected one of: {known}", name
                )
                ok = False
            elif isinstance(value, FieldError):
                self.warn(value.subtype, f":{name}: {value}", name)
                ok = False
        if "stream" in options or "offset" in options:
            if "recording" in options or not {"stream", "offset"} <= options.keys():
                self.warn(
                    "recording",
                    "give either :recording: (a youtu.be link with ?t=) "
                    "or both :stream: and :offset:",
                    "stream" if "stream" in options else "offset",
                )
                return None
            options["recording"] = (options.pop("stream"), options.pop("offset"))
        missing = [name for name in REQUIRED if name not in options]
        for name in missing:
            self.warn("missing", f"talk is missing the required field :{name}:")
        if "day" in options and not isinstance(options["day"], FieldError):
            try:
                options["day"] = model.parse_date(options["day"], self.config.talks_days)
            except FieldError as exc:
                self.warn(exc.subtype, f":day: {exc}", "day")
                ok = False
        if not ok or missing:
            return None
        stream, offset = options.pop("recording")
        start, end = options.pop("time")
        renamed = {"official-title": "official_title"}
        return {
            "stream": stream,
            "offset": offset,
            "start": start,
            "end": end,
            **{renamed.get(k, k): v for k, v in options.items()},
        }


def setup_directives(app: Any) -> None:
    app.add_directive(DIRECTIVE_NAME_TALK, TalkDirective)
