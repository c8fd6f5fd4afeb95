"""Docutils nodes for talk facts: the talk card and its recording.

Only standard docutils nodes, sphinx-design components and the
sphinxcontrib-youtube node are produced, so every builder can write them.
All text from talk records goes into ``Text`` nodes: writers escape it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx_design.cards import CardDirective
from sphinx_design.shared import create_component, is_component
from sphinxcontrib.youtube.youtube import youtube

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

    from .model import Talk


def day_label(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_label(talk: Talk) -> str:
    return f"{talk.start:%H:%M}\u2013{talk.end:%H:%M}"


def link(text: str, url: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=url, internal=False)


def xref(typ: str, target: str, text: str, docname: str) -> addnodes.pending_xref:
    """A reference resolved later by the ``talks`` domain."""
    return addnodes.pending_xref(
        text,
        nodes.inline(text, text),
        refdomain="talks",
        reftype=typ,
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )


def joined(items: list[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def field(name: str, *body: nodes.Node) -> nodes.field:
    return nodes.field(
        "", nodes.field_name(name, name), nodes.field_body("", nodes.paragraph("", "", *body))
    )


def speaker_nodes(talk: Talk) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for speaker in talk.speakers:
        part: list[nodes.Node] = [xref("speaker", speaker.slug, speaker.name, talk.docname)]
        extra: list[nodes.Node] = []
        if speaker.handle:
            extra.append(link(f"@{speaker.handle}", speaker.twitter_url))
        if speaker.affiliation:
            extra.append(nodes.Text(speaker.affiliation))
        if extra:
            part += [nodes.Text(" ("), *joined(extra), nodes.Text(")")]
        out.append(nodes.inline("", "", *part))
    return joined(out, "; ")


def recording_node(talk: Talk, day_name: str) -> youtube:
    """The day's stream, privacy-enhanced, starting at the talk's offset."""
    return youtube(
        id=talk.stream,
        aspect=(16, 9),
        width=(100, "%"),
        height=None,
        align=None,
        url_parameters=f"?start={talk.offset}",
        privacy_mode="true",
        platform="youtube",
        platform_url="https://youtu.be/",
        platform_url_privacy="https://www.youtube-nocookie.com/embed/",
        instance="https://youtu.be/",
        # read by our HTML player and ePub link (see player.py)
        talk_title=talk.title,
        talk_speakers=talk.speaker_names,
        talk_offset=talk.offset,
        talk_timestamp=talk.timestamp,
        talk_stream_name=f"{day_name} live stream",
    )


def talk_header(directive: SphinxDirective, talk: Talk) -> list[nodes.Node]:
    """The card that heads a talk page, then the embedded recording."""
    day_name = directive.config.talks_days[talk.day.isoformat()]
    card = CardDirective.create_card(
        directive, None, {"class-card": ["talk-card"], "margin": ["sd-mb-4"]}
    )
    body = next(n for n in card.findall(nodes.container) if is_component(n, "card-body"))
    header = create_component("card-header", ["sd-card-header", "talk-card-when"])
    header += nodes.paragraph(
        "",
        f"{day_label(talk.day)} \u00b7 {time_label(talk)} (Amsterdam time) \u00b7 {day_name}",
    )
    card.insert(card.index(body), header)

    facts = nodes.field_list(classes=["talk-facts"])
    facts += field("Speaker" if len(talk.speakers) == 1 else "Speakers", *speaker_nodes(talk))
    if talk.official_title and talk.official_title != talk.title:
        facts += field("Official title", nodes.Text(talk.official_title))
    watch = [link(f"{day_name} live stream from {talk.timestamp}", talk.recording_url)]
    if talk.video:
        watch.append(link("standalone video", talk.video_url))
    facts += field("Recording", *joined(watch))
    slides = []
    if talk.slides:
        slides.append(link("PDF from the article", talk.slides))
    if talk.deck:
        slides.append(link("public slide deck", talk.deck))
    if slides:
        facts += field("Slides", *joined(slides))
    if talk.topics:
        facts += field("Topics", *joined([xref("topic", t, t, talk.docname) for t in talk.topics]))
    body += facts

    footer = create_component("card-footer", ["sd-card-footer", "talk-card-source"])
    footer += credit(directive.config.talks_source)
    card += footer
    return [card, recording_node(talk, day_name)]


def credit(source: dict[str, str]) -> nodes.paragraph:
    """Credit for the source article (author, date, link)."""
    published = date.fromisoformat(source["date"])
    return nodes.paragraph(
        "",
        "",
        nodes.Text("Source: "),
        link(source["title"], source["url"]),
        nodes.Text(f", by {source['author']} on {source['site']}, {day_label(published)}."),
        classes=["talks-credit"],
    )
