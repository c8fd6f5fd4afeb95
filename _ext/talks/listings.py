"""Listings that fill themselves from the ``talks`` domain.

Each listing directive leaves a :class:`talk_listing` placeholder;
:func:`fill_listings` replaces it on ``doctree-resolved``, per builder and
after all documents are read, so a page listing talks is right whatever
order the documents were read in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import create_component

from .render import credit, day_label, joined, link, time_label

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .domain import TalksDomain
    from .model import Talk

DIRECTIVE_NAME_GRID = "talk-grid"
DIRECTIVE_NAME_PROGRAMME = "talk-programme"
DIRECTIVE_NAME_SPEAKERS = "talk-speakers"
DIRECTIVE_NAME_TOPICS = "talk-topics"
DIRECTIVE_NAME_TARGETS = "talk-targets"
DIRECTIVE_NAME_CREDIT = "article-credit"


class talk_listing(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder for a generated listing; ``kind`` says which."""


class ListingDirective(SphinxDirective):
    kind: ClassVar[str]

    def run(self) -> list[nodes.Node]:
        if self.kind in ("speakers", "topics"):
            domain: TalksDomain = self.env.domains["talks"]  # type: ignore[assignment]
            domain.note_index(self.kind, self.env.docname, self.lineno)
        node = talk_listing(kind=self.kind)
        self.set_source_info(node)
        return [node]


def listing_directive(kind: str) -> type[ListingDirective]:
    return type(f"Talk{kind.title()}Directive", (ListingDirective,), {"kind": kind})


class ArticleCreditDirective(SphinxDirective):
    """The credit line for the source article, from ``talks_source``."""

    def run(self) -> list[nodes.Node]:
        return [credit(self.config.talks_source)]


def fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with its listing, for the builder at work."""
    domain: TalksDomain = app.env.domains["talks"]  # type: ignore[assignment]
    listing = Listing(app.builder, docname, domain)
    builders: dict[str, Callable[[], list[nodes.Node]]] = {
        "grid": listing.grid,
        "programme": listing.programme,
        "speakers": listing.speakers,
        "topics": listing.topics,
        "targets": listing.targets,
    }
    for node in list(doctree.findall(talk_listing)):
        node.replace_self(builders[node["kind"]]())


class Listing:
    """Builds one listing's nodes for the document being written."""

    def __init__(self, builder: Builder, docname: str, domain: TalksDomain) -> None:
        self.builder = builder
        self.docname = docname
        self.config = builder.config
        self.domain = domain

    def ref(self, typ: str, slug: str, text: str, classes: Sequence[str] = ()) -> nodes.Node:
        found = self.domain.target(typ, slug)
        if found is None:
            return nodes.Text(text)
        docname, anchor, _title = found
        ref = make_refnode(
            self.builder, self.docname, docname, anchor, nodes.inline(text, text), text
        )
        ref["classes"] += classes
        return ref

    def talk_ref(self, talk: Talk, classes: Sequence[str] = ()) -> nodes.Node:
        return self.ref("talk", talk.slug, talk.title, classes)

    def speakers_of(self, talk: Talk) -> list[nodes.Node]:
        return joined([self.ref("speaker", s.slug, s.name) for s in talk.speakers], " and ")

    # -- the listings --------------------------------------------------------

    def grid(self) -> list[nodes.Node]:
        container = create_component(
            "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"]
        )
        row = create_component(
            "grid-row", ["sd-row", *row_columns_option("1 2 2 3"), *gutter_option("3")]
        )
        container += row
        for talk in self.domain.programme():
            title = create_component(
                "card-title", ["sd-card-title", "sd-font-weight-bold", "talk-card-title"]
            )
            title += nodes.paragraph("", "", self.talk_ref(talk, ["sd-stretched-link"]))
            body = create_component("card-body", ["sd-card-body"])
            body += title
            body += nodes.paragraph("", talk.speaker_names, classes=["sd-card-text"])
            body += nodes.paragraph(
                "",
                f"{talk.day:%A} {talk.day.day} {talk.day:%B}, {time_label(talk)}",
                classes=["sd-card-text", "talk-card-when"],
            )
            card = create_component(
                "card",
                ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover"],
            )
            card += body
            item = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
            item += card
            row += item
        return [container]

    def programme(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for day, talks in self.by_day().items():
            name = self.config.talks_days[day]
            caption: list[nodes.Node] = [
                nodes.Text(f"{day_label(talks[0].day)} ({name}): "),
                link(f"{name} live stream", f"https://www.youtube.com/watch?v={talks[0].stream}"),
            ]
            rows = [
                [
                    [nodes.Text(time_label(t))],
                    [self.talk_ref(t)],
                    self.speakers_of(t),
                    [link(t.timestamp, t.recording_url)],
                ]
                for t in talks
            ]
            out.append(
                table(
                    f"programme-{day}",
                    caption,
                    ["Time", "Talk", "Speaker", "Starts in the stream at"],
                    rows,
                )
            )
        return out

    def by_day(self) -> dict[str, list[Talk]]:
        days: dict[str, list[Talk]] = {}
        for talk in self.domain.programme():
            days.setdefault(talk.day.isoformat(), []).append(talk)
        return days

    def speakers(self) -> list[nodes.Node]:
        items = nodes.definition_list(classes=["talk-speakers"])
        for speaker, talks in self.domain.speakers().values():
            about: list[nodes.Node] = []
            if speaker.handle:
                about.append(link(f"@{speaker.handle}", speaker.twitter_url))
            if speaker.affiliation:
                about.append(nodes.Text(speaker.affiliation))
            definition = nodes.definition()
            if about:
                definition += nodes.paragraph("", "", *joined(about, " \u00b7 "))
            label = "Talk: " if len(talks) == 1 else "Talks: "
            definition += nodes.paragraph(
                "", "", nodes.Text(label), *joined([self.talk_ref(t) for t in talks])
            )
            term = nodes.term(speaker.name, speaker.name, ids=[speaker.anchor])
            items += nodes.definition_list_item("", term, definition)
        return [items]

    def topics(self) -> list[nodes.Node]:
        items = nodes.definition_list(classes=["talk-topics"])
        for topic, talks in self.domain.topics().items():
            entries = nodes.bullet_list()
            for talk in talks:
                entries += nodes.list_item(
                    "",
                    nodes.paragraph(
                        "", "", self.talk_ref(talk), nodes.Text(f", {talk.speaker_names}")
                    ),
                )
            term = nodes.term(topic, topic, ids=[f"topic-{topic}"])
            items += nodes.definition_list_item("", term, nodes.definition("", entries))
        return [items]

    def targets(self) -> list[nodes.Node]:
        rows = []
        for label, docname, anchor, name in self.domain.std_labels():
            ref = make_refnode(
                self.builder, self.docname, docname, anchor, nodes.inline(name, name), name
            )
            rows.append([[nodes.literal(label, label)], [ref]])
        caption = [nodes.Text("Labels for :ref: and intersphinx")]
        return [table("talk-targets", caption, ["Label", "Links to"], rows)]


def table(
    anchor: str,
    caption: list[nodes.Node],
    headers: list[str],
    rows: list[list[list[nodes.Node]]],
) -> nodes.table:
    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        out = nodes.row()
        for cell in cells:
            out += nodes.entry("", nodes.paragraph("", "", *cell))
        return out

    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=1) for _ in headers]
    group += nodes.thead("", row([[nodes.Text(h)] for h in headers]))
    group += nodes.tbody("", *(row(r) for r in rows))
    title = nodes.title("", "", *caption)
    return nodes.table("", title, group, ids=[anchor], classes=["talk-table"])


def setup_listings(app: Sphinx) -> None:
    app.add_node(talk_listing)
    for kind, name in [
        ("grid", DIRECTIVE_NAME_GRID),
        ("programme", DIRECTIVE_NAME_PROGRAMME),
        ("speakers", DIRECTIVE_NAME_SPEAKERS),
        ("topics", DIRECTIVE_NAME_TOPICS),
        ("targets", DIRECTIVE_NAME_TARGETS),
    ]:
        app.add_directive(name, listing_directive(kind))
    app.add_directive(DIRECTIVE_NAME_CREDIT, ArticleCreditDirective)
    app.connect("doctree-resolved", fill_listings)
