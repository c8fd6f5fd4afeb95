"""Docutils nodes for talk facts: the talk card, its recording, the credit line.

Only standard docutils nodes, sphinx-design components, finished references
(``Page.ref``, made with ``make_refnode``) and the sphinxcontrib-youtube node
are produced, so every builder can write them. All text from records goes
into ``Text`` nodes: writers escape it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.util.osutil import relative_uri
from sphinx_design.shared import create_component
from sphinxcontrib.youtube.youtube import youtube

from .model import Talk, talk_anchor
from .placeholders import filler, writes_feeds

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .domain import Entry
    from .model import Conference, Day, Recording, Speaker
    from .placeholders import Page, talks_placeholder


# -- small builders ------------------------------------------------------------


def link(text: str, url: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=url, internal=False)


def joined(items: list[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def field(name: str, *body: nodes.Node) -> nodes.field:
    body_node = nodes.field_body()
    if len(body) == 1 and isinstance(body[0], nodes.Sequential):  # a list
        body_node += body[0]
    else:
        body_node += nodes.paragraph("", "", *body)
    return nodes.field("", nodes.field_name(name, name), body_node)


def card(
    classes: Sequence[str],
    body: list[nodes.Node],
    header: tuple[list[nodes.Node], str] | None = None,
    footer: tuple[list[nodes.Node], str] | None = None,
) -> nodes.container:
    """A card as sphinx-design's ``card`` directive makes one (``sd-card`` and
    ``classes``); ``header`` and ``footer`` are (children, their own class)."""
    node = create_component("card", ["sd-card", "sd-sphinx-override", *classes])
    if header is not None:
        children, name = header
        node += create_component("card-header", ["sd-card-header", name], children=children)
    node += create_component("card-body", ["sd-card-body"], children=body)
    if footer is not None:
        children, name = footer
        node += create_component("card-footer", ["sd-card-footer", name], children=children)
    return node


def card_title(*children: nodes.Node, classes: Sequence[str] = ()) -> nodes.container:
    """A card's title, bold, as sphinx-design writes it."""
    title_classes = ["sd-card-title", "sd-font-weight-bold", *classes]
    return create_component("card-title", title_classes, children=list(children))


def card_text(text: str, *classes: str) -> nodes.paragraph:
    """A paragraph of a card's body."""
    return nodes.paragraph("", text, classes=["sd-card-text", *classes])


def talk_ref(page: Page, talk: Talk, classes: Sequence[str] = ()) -> nodes.Node:
    return page.ref("talk", talk.slug, talk.title, classes)


def speaker_about(speaker: Speaker) -> list[nodes.Node]:
    """``@handle · Affiliation``: what the card and the speakers index say of them."""
    about: list[nodes.Node] = []
    if speaker.handle:
        about.append(link(f"@{speaker.handle}", speaker.twitter_url))
    if speaker.affiliation:
        about.append(nodes.Text(speaker.affiliation))
    return joined(about, " \u00b7 ")


def speaker_nodes(page: Page, talk: Talk) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for speaker in talk.speakers:
        part: list[nodes.Node] = [page.ref("speaker", speaker.slug, speaker.name)]
        if about := speaker_about(speaker):
            part += [nodes.Text(" ("), *about, nodes.Text(")")]
        out.append(nodes.inline("", "", *part))
    return joined(out, "; ")


def website(record: Conference) -> nodes.reference:
    """An edition's website, shown by its address without the scheme."""
    return link(record.url.split("//", 1)[-1].rstrip("/"), record.url)


def source_links(record: Conference) -> list[nodes.Node]:
    """Where an edition's facts were read besides its website, a link each."""
    return [link(s.title, s.url) for s in record.sources]


def credit(page: Page, talk: Talk | None = None) -> list[nodes.Node]:
    """Credit for the source article (author, date, link); for a talk of another
    edition, the organisers' website of that edition, where its facts come from."""
    if talk is not None and talk.edition:
        edition = page.domain.edition_of(talk)
        if edition is None:
            return []
        sites = [website(edition)]
        if edition.sources:
            sites += [nodes.Text(", as kept in "), *joined(source_links(edition), " and ")]
        return [
            nodes.paragraph(
                "",
                "",
                nodes.Text(f"Source: the organisers' website of {edition.name}, "),
                *sites,
                nodes.Text("."),
                classes=["talks-credit"],
            )
        ]
    source = page.domain.source()
    if source is None:
        return []
    return [
        nodes.paragraph(
            "",
            "",
            nodes.Text("Source: "),
            link(source.title, source.url),
            nodes.Text(
                f", by {source.author} on {source.site}, {page.date(source.published, 'weekday')}."
            ),
            classes=["talks-credit"],
        )
    ]


def entry_byline(page: Page, entry: Entry) -> str:
    where = f", on {entry.site}" if entry.external else ""  # type: ignore[union-attr]
    return f"{entry.author_names}, {entry.date_text(page.config.language)}{where}"


def entry_link(page: Page, entry: Entry) -> nodes.Node:
    if entry.external:
        return link(entry.title, entry.url)  # type: ignore[union-attr]
    return page.doc_ref(entry.docname, entry.title)


def feed_link(page: Page, path: str, what: str, full: bool = False) -> list[nodes.Node]:
    """ "Follow ``what`` with the Atom feed", on the web builds that write the feeds;
    ``full`` adds the feed's address, for readers who paste it into a reader."""
    if not writes_feeds(page.config, page.builder):
        return []
    here = page.builder.get_target_uri(page.docname)
    line = nodes.paragraph(
        "",
        "",
        nodes.Text(f"Follow {what} with the "),
        link("Atom feed", relative_uri(here, path)),
        classes=["talks-feed"],
    )
    line += nodes.Text(f" ({page.config.html_baseurl}{path})." if full else ".")
    return [line]


def guide_link(page: Page, text: str) -> list[nodes.Node]:
    guide = page.config.talks_guide
    return [page.doc_ref(guide, text)] if guide in page.builder.env.all_docs else []


#: How many write-ups a talk's card lists, newest first; the write-ups index has them all.
WRITEUPS_SHOWN = 3


def more_in_index(page: Page, count: int) -> nodes.paragraph:
    """``and 12 older write-ups, in the write-ups index.``"""
    text = f"and {count} older write-up{'s' if count != 1 else ''}"
    index = page.domain.index_page("posts")
    if index is None:
        return nodes.paragraph("", f"{text}.", classes=["talks-more"])
    link = page.doc_ref(index, "the write-ups index")
    return nodes.paragraph(
        "", "", nodes.Text(f"{text}, in "), link, nodes.Text("."), classes=["talks-more"]
    )


def entry_mark(entry: Entry) -> list[nodes.Node]:
    """`` (elsewhere)`` after a write-up published elsewhere, `` (draft)`` after a draft."""
    if entry.external:
        return [nodes.Text(" "), nodes.inline("", "(elsewhere)", classes=["talks-external"])]
    if entry.draft:  # type: ignore[union-attr]
        return [nodes.Text(" "), nodes.inline("", "(draft)", classes=["talks-draft"])]
    return []


def writeups_field(page: Page, talk: Talk) -> nodes.field:
    """The newest posts and write-ups about a talk; one calm line while there is none."""
    entries = page.domain.covering.get(talk.slug, [])
    if not entries:
        how = guide_link(page, "how to write one")
        line = [nodes.Text("None yet"), *([nodes.Text(" ("), *how, nodes.Text(")")] if how else [])]
        return field("Write-ups", *line, nodes.Text("."))
    items = nodes.bullet_list(classes=["talk-writeups"])
    for entry in entries[:WRITEUPS_SHOWN]:
        item = nodes.list_item()
        head = nodes.paragraph(
            "", "", entry_link(page, entry), nodes.Text(f" \u2014 {entry_byline(page, entry)}")
        )
        head += entry_mark(entry)
        item += head
        item += nodes.paragraph("", entry.abstract, classes=["talks-abstract"])
        items += item
    shown = field("Write-ups", items)
    if len(entries) > WRITEUPS_SHOWN:
        shown[1] += more_in_index(page, len(entries) - WRITEUPS_SHOWN)
    return shown


# -- the talk card and its recording ----------------------------------------------

#: Where slide decks are published, by host, as readers know them.
SLIDE_HOSTS = {"speakerdeck.com": "Speaker Deck", "www.slideshare.net": "SlideShare"}


def slides_label(page: Page, url: str) -> str:
    """``a PDF hosted with the source article`` or ``on Speaker Deck``."""
    host = urlsplit(url).hostname or ""
    source = page.domain.source()
    if source is not None and host == urlsplit(source.url).hostname:
        return "a PDF hosted with the source article"
    return f"on {SLIDE_HOSTS.get(host, host)}"


def when_and_where(page: Page, talk: Talk) -> list[str]:
    """Keynote or not, day, hours and time zone, day name, venue."""
    parts = ["Keynote"] if talk.keynote else []
    parts += [page.date(talk.day, "weekday"), f"{talk.hours} ({page.timezone_label(talk)})"]
    day = page.domain.day_of(talk)
    if day is not None:
        parts.append(day.name)
    if (conference := page.domain.edition_of(talk)) is not None and day is not None:
        venue = conference.venue_of(day)
        parts.append(f"{venue.name}, {venue.locality}")
    return parts


@filler("talk-card")
def talk_card(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    """The card that heads a talk page: when, who, links, write-ups, source."""
    talk = page.declared_here("talk", Talk, node)
    if talk is None:  # a duplicate slug: the talk is another page's
        mine = page.domain.records["talk"].get(node["key"], {}).get(node["docname"])
        page.stale_ids.append(mine.anchor if isinstance(mine, Talk) else talk_anchor(node["key"]))
        return []
    day_name = page.day_name(talk)
    when = nodes.paragraph("", " \u00b7 ".join(when_and_where(page, talk)))

    facts = nodes.field_list(classes=["talk-facts"])
    facts += field("Speaker" if len(talk.speakers) == 1 else "Speakers", *speaker_nodes(page, talk))
    if talk.official_title and talk.official_title.replace("'", "\u2019") != talk.title:
        facts += field("Title in the programme", nodes.Text(talk.official_title))
    watch: list[nodes.Node] = []
    if not page.domain.in_stream(talk):
        if talk.standalone is not None:
            watch.append(link("a video of its own", talk.standalone.video_url))
    elif (recording := page.domain.recording(talk)) is not None:
        where = f"from {recording.position} into the {day_name} live stream"
        watch.append(link(where, recording.watch_url))
        if talk.standalone is not None:
            watch.append(link("as a video of its own", talk.standalone.video_url))
    if watch:
        facts += field("Recording", *joined(watch, "; also "))
    elif talk.unrecorded:
        facts += field("Recording", nodes.Text(f"None known. {talk.unrecorded}"))
    slides = []
    if talk.slides:
        slides.append(link(slides_label(page, talk.slides), talk.slides))
    if talk.deck:
        slides.append(link(slides_label(page, talk.deck), talk.deck))
    if slides:
        facts += field("Slides", *joined(slides, "; also "))
    if talk.topics:
        topics = [page.ref("topic", t, t) for t in talk.topics]
        facts += field("Topics", *joined(topics))
    facts += writeups_field(page, talk)
    source = credit(page, talk)
    return [
        card(
            ["sd-mb-4", "sd-shadow-sm", "talk-card"],
            [facts],
            header=([when], "talk-card-when"),
            footer=(source, "talk-card-source") if source else None,
        )
    ]


def stream_player(
    recording: Recording, key: str, title: str, speakers: str, stream: str
) -> youtube:
    """A recording, privacy-enhanced, from its start; moment links naming ``key`` play in it."""
    return youtube(
        id=recording.video,
        aspect=(16, 9),
        width=(100, "%"),
        height=None,
        align=None,
        url_parameters=f"?start={recording.start}",
        privacy_mode="true",
        platform="youtube",
        platform_url="https://youtu.be/",
        platform_url_privacy="https://www.youtube-nocookie.com/embed/",
        instance="https://youtu.be/",
        # read by our HTML player and ePub link (see player.py)
        talk_slug=key,
        talk_title=title,
        talk_speakers=speakers,
        talk_stream_name=stream,
        talk_position=recording.position,
        talk_start=recording.start,
    )


def player(page: Page, talk: Talk) -> list[nodes.Node]:
    """The day's stream, privacy-enhanced, starting at the talk's offset."""
    recording = page.domain.recording(talk)
    if recording is None:
        return []
    in_stream = page.domain.in_stream(talk)
    stream = f"{page.day_name(talk)} live stream" if in_stream else "video"
    return [stream_player(recording, talk.slug, talk.title, talk.speaker_names, stream)]


def day_player(page: Page, day: Day) -> list[nodes.Node]:
    """A day's whole live stream; its programme's recording links play in it."""
    if (recording := day.at(0)) is None:
        return []
    title = f"{day.name}, {page.date(day.day, 'weekday')}"
    node = stream_player(recording, day.anchor, title, "", f"{day.name} live stream")
    node["ids"] = [day.anchor]  # the stream's @id in the page's structured data
    return [node]


@filler("player")
def talk_player(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    talk = page.declared_here("talk", Talk, node)
    return player(page, talk) if talk is not None else []


@filler("credit")
def credit_line(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    return credit(page)
