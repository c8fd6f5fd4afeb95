"""Roles: ``{talk}`slug```, ``{speaker}`slug``` and ``{moment}`12:30```.

``talk`` and ``speaker`` are ordinary cross-references into the ``talks``
domain; an unknown slug is reported as ``[talks.unknown]`` at the role's
file and line.

``moment`` points at a moment of a talk's recording: ``{moment}`12:30``` is
relative to the talk of the page (a talk page, or a post that covers one
talk), ``{moment}`debugging 12:30``` to any talk. Its link opens the day's
stream at the absolute second, so it works without JavaScript, in the ePub
and in print; on a page with that talk's player, ``talks-player.js`` plays
it in place instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .domain import TalksXRefRole, domain_of, page_talk, warn
from .model import FieldError, format_offset, parse_offset, slugify, unknown
from .placeholders import LATE
from .player import frame_title

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils.nodes import system_message
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.writers.html5 import HTML5Translator

    from .model import Recording
    from .placeholders import Page


def warn_unknown(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    if domain is None or domain.name != "talks":
        return None
    talks = domain_of(app.env)
    known: dict[str, Iterable[str]] = {"talk": talks.talks(), "speaker": talks.speakers}
    what = f"{node['reftype']} {node['reftarget']!r}"
    warn(unknown(what, known.get(node["reftype"], ())), node, "unknown")
    return True


class talks_moment(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils naming)
    """A moment of a talk (``talk``, ``seconds``), resolved after reading."""


class moment_link(nodes.reference):  # noqa: N801 (docutils naming)
    """The resolved moment in HTML: a link that can also drive the page's player."""


class MomentRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[system_message]]:
        slug, _, stamp = self.text.strip().rpartition(" ")
        try:
            seconds = parse_offset(stamp)
        except FieldError:
            return self.fail(
                f"malformed moment {self.text!r}; expected a time into the talk, "
                "{moment}`12:30`, or a talk and a time, {moment}`slug 12:30`"
            )
        if slug and slugify(slug) != slug:
            return self.fail(f"malformed talk slug {slug!r}; expected lowercase words and '-'")
        relative = not slug
        if relative:
            counted, why = page_talk(self.env)
            if counted is None:
                message = f"no talk to be relative to for {self.text!r}: {why}; write {{moment}}`slug 12:30`"
                return self.fail(message if why else "")
            slug = counted
        node = talks_moment(
            self.rawtext,
            format_offset(seconds),
            talk=slug,  # not "slug": MyST makes an id of any node's "slug"
            seconds=seconds,
            relative=relative,
            written=self.text.strip(),  # as the author wrote it, for warnings
            facets=[f"talk:{slug}", "days"],
        )
        self.set_source_info(node)
        node.line = self.line()
        return [node], []

    def line(self) -> int:
        """The role's own line: MyST gives every role its paragraph's first line."""
        block = self.inliner.parent
        while block is not None and not (isinstance(block, nodes.TextElement) and block.line):
            block = block.parent
        if block is None or not self.rawtext.startswith(f":{self.name}:"):  # not MyST's form
            return self.lineno
        written = f"{{{self.name}}}`{self.text}`"
        before = len(list(block.findall(lambda n: getattr(n, "rawsource", None) == self.rawtext)))
        text: str = block.rawsource
        at = -1
        for _ in range(before + 1):
            at = text.find(written, at + 1)
            if at < 0:
                return self.lineno
        return int(block.line) + text.count("\n", 0, at)

    def fail(self, message: str) -> tuple[list[nodes.Node], list[system_message]]:
        if message:
            warn(message, (self.env.docname, self.line()), "moment")
        return [nodes.inline(self.rawtext, self.text)], []


def resolve_moment(page: Page, node: talks_moment) -> list[nodes.Node]:
    """The link that replaces a moment, for the builder at work."""
    text = node.astext()
    talk = page.domain.talks().get(node["talk"])
    if talk is None:  # counted from the page's post: its :talks: field has the warning
        if not node["relative"]:
            warn(
                unknown(f"talk {node['talk']!r} in {{moment}}", page.domain.talks()), node, "moment"
            )
        return [nodes.inline(text, text)]
    if node["seconds"] > talk.length:
        warn(
            f"moment {node['written']!r} ({text} into the talk) is past the end of "
            f"{talk.title}, scheduled for {talk.length // 60} minutes",
            node,
            "moment",
        )
        return [nodes.inline(text, text)]
    recording = page.domain.recording(talk, node["seconds"])
    if recording is None:
        return [nodes.inline(text, text)]
    stream = (
        f"the {page.day_name(talk)} live stream" if page.domain.in_stream(talk) else "its video"
    )
    name = f"{talk.title}, {text} into the talk ({recording.timestamp} into {stream})"
    title = frame_title(talk.title, talk.speaker_names, recording.timestamp)
    return [playing_link(page, text, recording, talk.slug, title, name)]


def playing_link(
    page: Page, text: str, recording: Recording, key: str, title: str, label: str
) -> nodes.reference:
    """A link to a moment of a recording that, on the web, plays it in the page's player
    for ``key`` (``talks-player.js``), named ``title`` while playing."""
    cls = moment_link if page.on_web else nodes.reference
    link = cls(text, text, refuri=recording.watch_url, internal=False, classes=["talk-moment"])
    if page.on_web:
        link["talk_slug"] = key
        link["talk_video"] = recording.video
        link["talk_second"] = recording.start
        link["talk_embed"] = recording.embed_url
        link["talk_frame_title"] = title
        link["talk_label"] = label
    return link


def visit_moment_link(self: HTML5Translator, node: moment_link) -> None:
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            CLASS="reference external",
            href=node["refuri"],
            **{
                "data-talk": node["talk_slug"],
                "data-embed": node["talk_embed"],
                "data-title": node["talk_frame_title"],
                "aria-label": node["talk_label"],
            },
        )
    )


def depart_moment_link(self: HTML5Translator, node: moment_link) -> None:
    self.body.append("</a>")


def as_text(self: object, node: talks_moment) -> None:
    """A moment left as it was read (its copy in a table of contents) shows its text."""


def setup_roles(app: Sphinx) -> None:
    for name in ("talk", "speaker"):
        app.add_role(name, TalksXRefRole(warn_dangling=True))
    app.add_role("moment", MomentRole())
    LATE[talks_moment] = resolve_moment
    text = (as_text, as_text)
    app.add_node(talks_moment, html=text, latex=text, text=text, man=text, texinfo=text)
    app.add_node(moment_link, html=(visit_moment_link, depart_moment_link))
    app.connect("warn-missing-reference", warn_unknown)
