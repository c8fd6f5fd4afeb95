"""What search engines, link previews and feed readers read, from the records.

- Every page: ``<link rel="alternate">`` to the Atom feed of the posts.
- A talk page: OpenGraph/description fields that describe the talk
  (sphinxext-opengraph writes the tags), and JSON-LD: the talk as a
  schema.org ``Event`` and its recording as a ``VideoObject`` (the day's
  stream) with a ``Clip`` starting at the talk's offset.
- A post page: ``og:type=article`` with its dates, its abstract as the
  description, and JSON-LD ``BlogPosting`` about the talks' events.
- The root page: the conference as an ``Event`` with every talk as a
  ``subEvent``.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from docutils import nodes
from sphinxcontrib.youtube.youtube import youtube

from .builders import on_web
from .domain import domain_of, page_subject
from .feed import speaker_feed, topic_feed
from .model import DESCRIPTION_LENGTH, Recording, date_text, iri
from .placeholders import PAGE_FACETS, late_nodes
from .roles import moment_link

if TYPE_CHECKING:
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import TalksDomain
    from .model import Conference, Day, Post, Talk, Venue


#: The longest sentence a clip takes as its name; a longer one gives the link's name.
CLIP_NAME_LENGTH = 110
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def whole_sentences(*texts: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """As many whole sentences as fit in ``limit`` characters, never a cut one."""
    kept = ""
    for text in texts:
        for sentence in SENTENCE_END.split(" ".join(text.split())):
            candidate = f"{kept} {sentence}".strip()
            if len(candidate) > limit:
                return kept
            kept = candidate
    return kept


def describe(talk: Talk, project: str, language: str | None) -> str:
    """For ``<meta name=description>`` and link previews: what, who and when.

    A description too long to fit beside the byline was reported when its page was
    read (directives.py); the preview then says what, who and when in one sentence.
    """
    described = f"{talk.description} {talk.byline(language)}"
    if talk.description and len(described) <= DESCRIPTION_LENGTH:
        return described
    when = date_text(talk.day, "day", language)
    return f"{talk.title}, a talk by {talk.speaker_names} at {project} on {when}."


def first_paragraph(doctree: nodes.document) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        if not isinstance(paragraph.parent, nodes.field_body | nodes.entry | nodes.list_item):
            return str(paragraph.astext())
    return ""


def place(venue: Venue) -> dict[str, Any]:
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street,
            "addressLocality": venue.locality,
            "addressCountry": venue.country,
        },
    }


class Metadata:
    """JSON-LD and preview fields for one page, with absolute URLs."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.domain = domain_of(app.env)
        self.base = app.config.html_baseurl
        self.project = app.config.project

    def date(self, day: date) -> str:
        return date_text(day, "weekday", self.app.config.language)

    def url(self, docname: str, anchor: str = "") -> str:
        return (
            f"{self.base}{iri(self.app.builder.get_target_uri(docname), escaped=True)}"
            f"{'#' + anchor if anchor else ''}"
        )

    def talk_event(self, talk: Talk, conference: Conference) -> dict[str, Any]:
        tz = conference.timezone
        day = self.domain.day_of(talk)
        return {
            "@type": "Event",
            "name": talk.title,
            "url": self.url(talk.docname, talk.anchor),
            "startDate": talk.starts_at(tz).isoformat(),
            "endDate": talk.ends_at(tz).isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": place(conference.venue_of(day) if day else conference.venue),
            "performer": [
                {
                    "@type": "Person",
                    "name": s.name,
                    **({"sameAs": s.twitter_url} if s.handle else {}),
                    **(
                        {"affiliation": {"@type": "Organization", "name": s.affiliation}}
                        if s.affiliation
                        else {}
                    ),
                }
                for s in talk.speakers
            ],
        }

    # -- key moments: a day's stream as a VideoObject, its talks and moments as Clips

    def talk_end(self, talk: Talk) -> int:
        return self.domain.stream_ends[talk.slug]

    def talk_clip(self, talk: Talk) -> dict[str, Any] | None:
        if (moment := self.domain.recording(talk)) is None:
            return None
        return clip(talk.display_name, moment, self.talk_end(talk))

    def stream(self, day: Day, clips: list[dict[str, Any]]) -> dict[str, Any] | None:
        """A day's live stream with ``clips`` (at most one per start, in order) as parts."""
        if (recording := day.at(0)) is None:
            return None
        conference = self.domain.conference()
        uploaded = (
            datetime.combine(day.day, day.start, ZoneInfo(conference.timezone)).isoformat()
            if conference is not None
            else day.day.isoformat()
        )
        parts = {c["startOffset"]: c for c in sorted(clips, key=lambda c: c["startOffset"])}
        return {
            "@type": "VideoObject",
            "@id": self.url(day.docname, day.anchor),  # where it plays whole
            "name": f"{self.project}, live stream, {day.name}",
            "description": f"The live stream of {day.name} ({self.date(day.day)}).",
            "uploadDate": uploaded,
            "thumbnailUrl": recording.thumbnail_url,
            "url": recording.video_url,
            "embedUrl": recording.plain_embed_url,
            **({"hasPart": list(parts.values())} if parts else {}),
        }

    def own_video(self, talk: Talk, clips: list[dict[str, Any]]) -> dict[str, Any] | None:
        """A talk's video of its own, where it has no place in a day's stream."""
        if self.domain.in_stream(talk) or (recording := talk.standalone) is None:
            return None
        parts = {c["startOffset"]: c for c in sorted(clips, key=lambda c: c["startOffset"])}
        return {
            "@type": "VideoObject",
            "@id": self.url(talk.docname, talk.anchor),
            "name": talk.display_name,
            "description": talk.byline("en"),
            "uploadDate": talk.day.isoformat(),
            "thumbnailUrl": recording.thumbnail_url,
            "url": recording.video_url,
            "embedUrl": recording.plain_embed_url,
            **({"hasPart": list(parts.values())} if len(parts) > 1 else {}),
        }

    def day_streams(self, docname: str) -> list[dict[str, Any]]:
        """Where days are declared (the programme), their streams play: every talk a Clip."""
        found = []
        for day in self.domain.days().values():
            if day.docname == docname:
                talks = [t for t in self.domain.programme if t.day == day.day]
                clips = [c for t in talks if (c := self.talk_clip(t)) is not None]
                if (video := self.stream(day, clips)) is not None:
                    found.append({"@context": "https://schema.org", **video})
        return found

    def chapters(self, doctree: nodes.document | None, talk: Talk) -> list[dict[str, Any]]:
        """A talk and the page's moments of it (the links that play in its player) as
        consecutive Clips: each until the next, the last until the talk ends."""
        if (recording := self.domain.recording(talk)) is None:
            return []
        starts = {recording.start: (talk.display_name, recording)}
        for link in doctree.findall(moment_link) if doctree is not None else ():
            if link["talk_slug"] == talk.slug:
                second = int(link["talk_second"])
                starts.setdefault(second, (moment_name(link), Recording(recording.video, second)))
        ends = [*sorted(starts)[1:], self.talk_end(talk)]
        return [
            clip(name, start, end)
            for (name, start), end in zip((starts[s] for s in sorted(starts)), ends, strict=True)
        ]

    def played_talks(self, doctree: nodes.document, docname: str) -> list[dict[str, Any]]:
        """A post's players of talks: each talk's stream, the talk and the post's moments
        in it as Clips (on a talk page, its own Event carries the stream)."""
        found = []
        for key in dict.fromkeys(n.get("talk_slug", "") for n in doctree.findall(youtube)):
            talk = self.domain.talks().get(key)
            day = self.domain.day_of(talk) if talk is not None else None
            if talk is None or day is None or talk.docname == docname:
                continue
            clips = self.chapters(doctree, talk)
            if (video := self.stream(day, clips) or self.own_video(talk, clips)) is not None:
                found.append({"@context": "https://schema.org", **video})
        return found

    def conference_event(self, conference: Conference) -> dict[str, Any]:
        """What an Event needs: name, dates, place; the talks point here by ``@id``.
        An edition other than the conference's own is an Event of its own, on the page
        that declares it, dated by its ``:dates:``."""
        found = self.domain.edition_days(conference.year)
        days = [d.day for d in found]
        if conference.dates is not None:
            days = list(conference.dates)
        talk_days = [d for d in found if d.kind == "talks"]
        home = conference.docname if conference.year else self.app.config.root_doc
        return {
            "@type": "Event",
            "@id": self.url(home, "event"),  # talks' superEvent
            "name": conference.name,
            "url": conference.url,
            **({"startDate": days[0].isoformat(), "endDate": days[-1].isoformat()} if days else {}),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": place(conference.venue_of(talk_days[0]) if talk_days else conference.venue),
        }

    def conference(self, conference: Conference) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            **self.conference_event(conference),
            "organizer": [
                {"@type": "Organization", "name": o.name, **({"url": o.url} if o.url else {})}
                for o in conference.organisers
            ],
            "subEvent": [
                self.talk_event(t, conference) for t in self.domain.edition_talks(conference.year)
            ],
        }

    def post(self, post: Post) -> dict[str, Any]:
        talks = self.domain.talks()
        index = self.domain.index_page("posts")
        return {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": post.title,
            "description": post.abstract,
            "url": self.url(post.docname),
            "mainEntityOfPage": self.url(post.docname),
            "datePublished": post.published.isoformat(),
            "dateModified": post.modified.isoformat(),
            "author": [
                {"@type": "Person", "name": a.name, **({"url": a.url} if a.url else {})}
                for a in post.authors
            ],
            "about": [
                {
                    "@type": "Event",
                    "name": talks[slug].title,
                    "url": self.url(talks[slug].docname, talks[slug].anchor),
                }
                for slug in post.talks
                if slug in talks
            ],
            "isPartOf": {
                "@type": "Blog",
                "name": f"{self.project}: write-ups",
                **({"url": self.url(index)} if index else {}),
            },
        }


def clip(name: str, start: Recording, end: int) -> dict[str, Any]:
    """A key moment of a video, as Google reads one: name, start and end, a URL there."""
    return {
        "@type": "Clip",
        "name": name,
        "startOffset": start.start,
        "endOffset": end,
        "url": start.watch_url,
    }


def moment_name(link: nodes.Element) -> str:
    """What a moment shows: the sentence around its link, or the link's own name."""
    paragraph = link.parent
    while paragraph is not None and not isinstance(paragraph, nodes.paragraph):
        paragraph = paragraph.parent
    if paragraph is not None:
        for sentence in SENTENCE_END.split(" ".join(paragraph.astext().split())):
            if link.astext() in sentence and len(sentence) <= CLIP_NAME_LENGTH:
                return sentence
    return str(link["talk_label"])


def json_ld(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def meta_tag(kind: str, name: str, content: str) -> str:
    return f'<meta {kind}="{name}" content="{html.escape(content)}" />\n'


def page_feeds(app: Sphinx, domain: TalksDomain, pagename: str) -> list[tuple[str, str]]:
    """The feeds a page stands for, (path, title): the series' on every page; a talk's
    or post's topics and speakers; every topic's or speaker's on their index."""
    config = app.config
    if not config.talks_feed_path:
        return []
    talks: list[Talk] = []
    topics: tuple[str, ...] = ()
    if (talk := domain.talk_of.get(pagename)) is not None:
        talks, topics = [talk], talk.topics
    elif (post := domain.post_of.get(pagename)) is not None:
        talks = [domain.talks()[slug] for slug in post.talks if slug in domain.talks()]
        topics = post.topics
    speakers = [speaker for talk in talks for speaker in talk.speakers]
    if pagename == domain.index_page("topics"):
        topics = tuple(domain.topics)
    if pagename == domain.index_page("speakers"):
        speakers = [speaker for speaker, _talks in domain.speakers.values()]
    return [
        (config.talks_feed_path, f"{config.project}: write-ups"),
        *(topic_feed(config, t) for t in dict.fromkeys(topics) if t in domain.topics),
        *(speaker_feed(config, s) for s in dict.fromkeys(speakers)),
    ]


def page_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not on_web(app.builder):
        return
    metatags = context.setdefault("metatags", "")
    data = Metadata(app)
    for path, title in page_feeds(app, data.domain, pagename):
        href = f"{app.config.html_baseurl}{path}"
        metatags += (
            f'<link rel="alternate" type="application/atom+xml" '
            f'title="{html.escape(title)} (Atom)" href="{html.escape(href)}" />\n'
        )
    conference = data.domain.conference()
    if pagename == app.config.root_doc and conference is not None:
        metatags += json_ld(data.conference(conference))
    for edition in data.domain.editions().values():
        if edition.docname == pagename:  # an edition's Event, on its overview
            metatags += json_ld(data.conference(edition))
    fields = context.get("meta") or {}
    title = re.sub(r"<[^>]+>", "", context.get("title") or "") or pagename.title()
    post = data.domain.post_of.get(pagename)
    if (talk := data.domain.talk_of.get(pagename)) is not None:
        description = describe(talk, app.config.project, app.config.language)
    elif post is not None:
        description = post.abstract
    else:
        description = whole_sentences(first_paragraph(doctree)) if doctree else ""
        description = description or f"{title}: a page of the {app.config.project} knowledge base."
    fields.setdefault("og:description", html.escape(description))
    metatags += meta_tag("name", "description", description)
    if talk is not None:
        fields.setdefault("og:type", "article")
        if (held := data.domain.edition_of(talk)) is not None:
            event = {"@context": "https://schema.org", **data.talk_event(talk, held)}
            day = data.domain.day_of(talk)
            clips = data.chapters(doctree, talk)
            video = data.stream(day, clips) if day is not None else None
            if (video := video or data.own_video(talk, clips)) is not None:
                event["recordedIn"] = video
            event["superEvent"] = data.conference_event(held)
            metatags += json_ld(event)
    elif post is not None:
        fields.setdefault("og:type", "article")
        metatags += meta_tag("property", "article:published_time", post.published.isoformat())
        metatags += meta_tag("property", "article:modified_time", post.modified.isoformat())
        for author in post.authors:
            metatags += meta_tag("property", "article:author", author.name)
        metatags += json_ld(data.post(post))
    if doctree is not None:
        for video in [*data.day_streams(pagename), *data.played_talks(doctree, pagename)]:
            metatags += json_ld(video)
    context["meta"] = fields
    context["metatags"] = metatags


#: Placeholders that become a talk's player: a post's players have their stream here.
PLAYERS = ("player", "talk-player")


def shown_facets(env: BuildEnvironment, doctree: nodes.document, docname: str) -> set[str]:
    """What :func:`page_metadata` shows in a page from other pages, as facets
    (collector.py), known when the page is read: the talk's or post's talks and
    where each ends in its stream (``end:<slug>``, after the next talk starts),
    the days and the conference's time zone (every stream's ``uploadDate``, every
    talk's start), every talk on the root page."""
    facets = set()
    if docname == env.config.root_doc:  # the conference, every talk a subEvent
        facets |= {"conference", "days", "talks"}
    if any(docname in declared for declared in domain_of(env).records["edition"].values()):
        facets |= {"conference", "days", "talks"}  # an edition's Event, its talks
    played = [n["key"] for n in late_nodes(doctree) if n.get("kind") in PLAYERS]
    subject = page_subject(env)
    if subject is not None and subject.talks:
        facets |= {f"talk:{slug}" for slug in subject.talks}
        if subject.directive == "post":
            facets.add("index:posts")  # the blog it is part of
        else:
            played += subject.talks  # a talk's Event is recorded in its day's stream
    for slug in played:
        facets |= {f"talk:{slug}", f"end:{slug}", "days", "conference"}
    if any(docname in declared for declared in domain_of(env).records["day"].values()):
        facets |= {"talks", "days", "conference"}  # the day's stream, every talk a Clip
    return facets


def setup_metadata(app: Sphinx) -> None:
    PAGE_FACETS[__name__] = shown_facets
    # before sphinxext-opengraph (priority 500) reads the page's fields
    app.connect("html-page-context", page_metadata, priority=400)
