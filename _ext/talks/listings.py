"""Listings generated from the domain: grid, programme, days, indexes, targets.

Each is the filler of a placeholder (``placeholders.py``): it runs once per
page and builder, after every page has been read, so a listing is right
whatever order pages were read in. The speakers and topics indexes list the
newest write-ups of each (``render.WRITEUPS_SHOWN``) and count the older ones,
so that they stay light whatever the number of posts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import create_component

from .model import Conference, Day, day_anchor, narrow_feed_path, topic_anchor
from .placeholders import filler
from .render import (
    WRITEUPS_SHOWN,
    card,
    card_text,
    card_title,
    day_player,
    entry_link,
    feed_link,
    joined,
    link,
    more_in_index,
    source_links,
    speaker_about,
    talk_ref,
    website,
)
from .roles import playing_link

if TYPE_CHECKING:
    from .model import Slot, Talk
    from .placeholders import Page, talks_placeholder


def writeup_count(page: Page, talk: Talk) -> str:
    count = len(page.domain.covering.get(talk.slug, []))
    return f"{count} write-up{'s' if count != 1 else ''}" if count else ""


def speakers_of(page: Page, talk: Talk) -> list[nodes.Node]:
    return joined([page.ref("speaker", s.slug, s.name) for s in talk.speakers], " and ")


def edition_talks(page: Page, key: str) -> list[Talk]:
    """The talks a listing shows: ``""`` the conference's own edition's, ``"all"`` the
    series', ``"2014"`` that edition's."""
    if key == "all":
        return page.domain.programme
    return page.domain.edition_talks(int(key) if key else 0)


@filler("grid")
def grid(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    row = create_component(
        "grid-row", ["sd-row", *row_columns_option("1 2 2 3"), *gutter_option("3")]
    )
    style = "weekday" if node["key"] == "all" else "weekday-short"
    for talk in edition_talks(page, node["key"]):
        title = nodes.paragraph("", "", talk_ref(page, talk, ["sd-stretched-link"]))
        body: list[nodes.Node] = [card_title(title, classes=["talk-card-title"])]
        body.append(card_text(talk.speaker_names))
        when = f"{page.date(talk.day, style)}, {talk.hours}"
        body.append(card_text(f"Keynote \u00b7 {when}" if talk.keynote else when, "talk-card-when"))
        if count := writeup_count(page, talk):
            body.append(card_text(count, "talk-card-writeups"))
        talk_card = card(["sd-w-100", "sd-shadow-sm", "sd-card-hover"], body)
        row += create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[talk_card])
    classes = ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"]
    return [create_component("grid-container", classes, children=[row])]


def day_caption(page: Page, day: Day) -> list[nodes.Node]:
    """``Day 1, Thursday 3 November 2016, 13:00-18:00, at Venue, Street, Town``."""
    text = f"{day.name}, {page.date(day.day, 'weekday')}, {day.hours}"
    if (conference := page.domain.edition_of_day(day)) is not None:
        venue = conference.venue_of(day)
        text += f", at {venue.name}, {venue.address}"
    caption: list[nodes.Node] = [nodes.Text(text)]
    if (stream := day.at(0)) is not None:
        caption += [nodes.Text(". "), link(f"The {day.name} live stream", stream.video_url)]
    return caption


def talk_row(page: Page, talk: Talk, plays_here: bool) -> list[list[nodes.Node]]:
    """A talk's row; where the day's stream plays on the page, its recording link plays it."""
    cell = [talk_ref(page, talk)]
    if talk.keynote:
        cell.append(nodes.inline("", " (keynote)", classes=["talk-keynote"]))
    if count := writeup_count(page, talk):
        cell.append(nodes.inline("", f" ({count})", classes=["talk-writeup-count"]))
    recording = page.domain.recording(talk)
    where: list[nodes.Node] = []
    if recording is not None and not page.domain.in_stream(talk):
        where.append(link("its own video", recording.video_url))
    elif recording is not None:
        text = f"{recording.position} into the stream"
        day = page.day_name(talk)
        if plays_here:
            title = f"The {day} live stream, from {talk.title} ({recording.timestamp})"
            label = f"{talk.title}: {text} of {day}"
            where.append(playing_link(page, text, recording, day_anchor(talk.day), title, label))
        else:
            where.append(link(text, recording.watch_url))
    return [[nodes.Text(talk.hours)], cell, speakers_of(page, talk), where]


def slot_row(slot: Slot) -> list[list[nodes.Node]]:
    recording = slot.recording
    return [
        [nodes.Text(f"{slot.start:%H:%M}")],
        [nodes.Text(slot.title)],
        [nodes.Text(slot.speakers)] if slot.speakers else [],
        [link("its own video", recording.video_url)] if recording else [],
    ]


def day_table(page: Page, day: Day, talks: list[Talk], plays_here: bool = False) -> nodes.table:
    """The day's talks and the rest of its schedule, in time order."""
    rows = sorted(
        [(t.start, 1, talk_row(page, t, plays_here)) for t in talks]
        + [(s.start, 0, slot_row(s)) for s in day.slots],
        key=lambda row: row[:2],
    )
    return table(
        f"programme-{day.day.isoformat()}",
        day_caption(page, day),
        ["Time", "What", "Who", "Recording"],
        [cells for _start, _order, cells in rows],
    )


def by_day(page: Page, key: str = "all") -> dict[str, list[Talk]]:
    days: dict[str, list[Talk]] = {}
    for talk in edition_talks(page, key):
        days.setdefault(talk.day.isoformat(), []).append(talk)
    return days


@filler("programme")
def programme(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    """Every day's talks; a day declared on this page already shows them there."""
    days = page.domain.days()
    return [
        day_table(page, days[iso], talks)
        for iso, talks in by_day(page, node["key"]).items()
        if iso in days and days[iso].docname != node["docname"]
    ]


@filler("day")
def day(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    """A day where it is declared: its schedule, or its hours and place."""
    found = page.declared_here("day", Day, node)
    if found is None:
        return []
    talks = by_day(page).get(node["key"], [])
    if talks or found.slots:
        return [*day_player(page, found), day_table(page, found, talks, plays_here=True)]
    return [
        nodes.paragraph("", "", *day_caption(page, found), nodes.Text("."), classes=["talks-day"])
    ]


@filler("conference", "conference-facts", "edition")
def conference(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    """Dates, places, organisers and website, from the conference and its days.

    Shown where the conference or an edition is declared, and wherever
    ``conference-facts`` asks (the conference's).
    """
    if node["kind"] in ("conference", "edition"):
        record = page.declared_here(node["kind"], Conference, node)
    else:
        record = page.domain.conference()
    if record is None:
        return []
    days = page.domain.edition_days(record.year)
    facts = nodes.definition_list(classes=["talks-conference"])

    def item(term: str, *body: nodes.Node) -> None:
        facts.append(
            nodes.definition_list_item(
                "", nodes.term(term, term), nodes.definition("", nodes.paragraph("", "", *body))
            )
        )

    if record.dates is not None:
        first, last = record.dates
        item("Dates", nodes.Text(f"{page.date(first, 'weekday')} to {page.date(last, 'weekday')}"))
    elif days:
        first, last = days[0].day, days[-1].day
        item("Dates", nodes.Text(f"{page.date(first, 'weekday')} to {page.date(last, 'weekday')}"))
    for kind, term in (("talks", "Talks"), ("sprints", "Sprints")):
        chosen = [d for d in days if d.kind == kind]
        if not chosen:
            continue
        when = " and ".join(f"{page.date(d.day, 'weekday')}, {d.hours}" for d in chosen)
        venue = record.venue_of(chosen[0])
        item(term, nodes.Text(f"{when}, at {venue.name}, {venue.address}"))
    if record.timezone_inferred:
        zone = record.timezone.rsplit("/", 1)[-1].replace("_", " ")
        item("Times", nodes.Text(f"local, {zone} time (inferred: no source states a time zone)"))
    if record.organisers:
        item(
            "Organisers",
            *joined(
                [link(o.name, o.url) if o.url else nodes.Text(o.name) for o in record.organisers]
            ),
        )
    item("Website", website(record))
    if record.sources:
        item("Sources", *joined(source_links(record), "; "))
    return [facts]


def entry_section(anchor: str, title: str, cls: str, *body: nodes.Node) -> nodes.section:
    """An index entry as a section: a heading readers and search can land on."""
    return nodes.section("", nodes.title(title, title), *body, ids=[anchor], classes=[cls])


@filler("speakers")
def speakers(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for speaker, talks in page.domain.speakers.values():
        body: list[nodes.Node] = []
        if about := speaker_about(speaker):
            body.append(nodes.paragraph("", "", *about, classes=["talk-speaker-about"]))
        label = "Talk: " if len(talks) == 1 else "Talks: "
        refs = [
            nodes.inline("", "", talk_ref(page, t), nodes.Text(f" ({t.edition})"))
            if t.edition
            else talk_ref(page, t)
            for t in talks
        ]
        body.append(nodes.paragraph("", "", nodes.Text(label), *joined(refs)))
        written = dict.fromkeys(e for t in talks for e in page.domain.covering.get(t.slug, []))
        entries = sorted(written, key=lambda e: e.sort_key, reverse=True)
        if entries:
            shown = [entry_link(page, e) for e in entries[:WRITEUPS_SHOWN]]
            body.append(nodes.paragraph("", "", nodes.Text("Write-ups: "), *joined(shown)))
            if len(entries) > WRITEUPS_SHOWN:
                body.append(more_in_index(page, len(entries) - WRITEUPS_SHOWN))
        path = narrow_feed_path(page.config.talks_feed_path, "speakers", speaker.slug)
        body += feed_link(page, path, f"write-ups about talks by {speaker.name}")
        out.append(entry_section(speaker.anchor, speaker.name, "talk-speaker", *body))
    return out


@filler("topics")
def topics(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for topic, (talks, entries) in page.domain.topics.items():
        found = nodes.bullet_list()
        for talk in talks:
            found += nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    "",
                    talk_ref(page, talk),
                    nodes.Text(f", {talk.speaker_names}"),
                    *([nodes.Text(f", {talk.edition}")] if talk.edition else []),
                ),
            )
        newest = entries[::-1]  # the domain lists posts oldest first
        for entry in newest[:WRITEUPS_SHOWN]:
            found += nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    "",
                    entry_link(page, entry),
                    nodes.Text(f", write-up by {entry.author_names}"),
                ),
            )
        body: list[nodes.Node] = [found]
        if len(newest) > WRITEUPS_SHOWN:
            body.append(more_in_index(page, len(newest) - WRITEUPS_SHOWN))
        path = narrow_feed_path(page.config.talks_feed_path, "topics", topic)
        body += feed_link(page, path, f"write-ups on {topic}")
        out.append(entry_section(topic_anchor(topic), topic, "talk-topic", *body))
    return out


@filler("targets")
def targets(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    rows = []
    for label, docname, anchor, name in page.domain.std_labels():
        rows.append([[nodes.literal(label, label)], [page.doc_ref(docname, name, anchor)]])
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
