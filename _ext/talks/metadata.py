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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .domain import domain_of
from .model import DESCRIPTION_LENGTH, date_text
from .placeholders import on_web

if TYPE_CHECKING:
    from datetime import date

    from sphinx.application import Sphinx

    from .model import Conference, Post, Talk, Venue


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
            f"{self.base}{self.app.builder.get_target_uri(docname)}{'#' + anchor if anchor else ''}"
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

    def recording(self, talk: Talk, tz: str) -> dict[str, Any] | None:
        day = self.domain.day_of(talk)
        moment = self.domain.recording(talk)
        if day is None or moment is None:
            return None
        return {
            "@type": "VideoObject",
            "name": f"{self.project}, live stream, {day.name}",
            "description": f"The live stream of {day.name} ({self.date(talk.day)}).",
            "uploadDate": talk.starts_at(tz).date().isoformat(),
            "thumbnailUrl": moment.thumbnail_url,
            "url": moment.video_url,
            "embedUrl": moment.plain_embed_url,
            "hasPart": {
                "@type": "Clip",
                "name": talk.display_name,
                "startOffset": moment.start,
                "url": moment.watch_url,
            },
        }

    def conference_event(self, conference: Conference) -> dict[str, Any]:
        """What an Event needs: name, dates, place; the talks point here by ``@id``."""
        days = sorted(d.day for d in self.domain.days().values())
        talk_days = [d for d in self.domain.days().values() if d.kind == "talks"]
        return {
            "@type": "Event",
            "@id": self.url(self.app.config.root_doc, "event"),  # talks' superEvent
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
            "subEvent": [self.talk_event(t, conference) for t in self.domain.programme],
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


def json_ld(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def meta_tag(kind: str, name: str, content: str) -> str:
    return f'<meta {kind}="{name}" content="{html.escape(content)}" />\n'


def page_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not on_web(app.builder):
        return
    metatags = context.setdefault("metatags", "")
    if feed := app.config.talks_feed_path:
        title = f"{app.config.project}: write-ups (Atom)"
        href = f"{app.config.html_baseurl}{feed}"
        metatags += (
            f'<link rel="alternate" type="application/atom+xml" '
            f'title="{html.escape(title)}" href="{html.escape(href)}" />\n'
        )
    data = Metadata(app)
    conference = data.domain.conference()
    if pagename == app.config.root_doc and conference is not None:
        metatags += json_ld(data.conference(conference))
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
    if doctree is None:  # search and 404: previews like every other page's
        metatags += preview_tags(app, data.url(pagename), title, description)
    if talk is not None:
        fields.setdefault("og:type", "article")
        if conference is not None:
            event = {"@context": "https://schema.org", **data.talk_event(talk, conference)}
            if (video := data.recording(talk, conference.timezone)) is not None:
                event["recordedIn"] = video
            event["superEvent"] = data.conference_event(conference)
            metatags += json_ld(event)
    elif post is not None:
        fields.setdefault("og:type", "article")
        metatags += meta_tag("property", "article:published_time", post.published.isoformat())
        metatags += meta_tag("property", "article:modified_time", post.modified.isoformat())
        for author in post.authors:
            metatags += meta_tag("property", "article:author", author.name)
        metatags += json_ld(data.post(post))
    context["meta"] = fields
    context["metatags"] = metatags


def preview_tags(app: Sphinx, url: str, title: str, description: str) -> str:
    """Link-preview fields for a page sphinxext-opengraph skips (it has no doctree)."""
    config = app.config
    tags = {
        "og:title": f"{title} - {config.project}",
        "og:type": "website",
        "og:url": url,
        "og:site_name": config.project,
        "og:description": description,
    }
    if image := getattr(config, "ogp_image", None):  # as sphinxext-opengraph is set up
        tags["og:image"] = f"{config.html_baseurl}{image}"
        tags["og:image:alt"] = getattr(config, "ogp_image_alt", None) or config.project
    out = "".join(meta_tag("property", name, value) for name, value in tags.items())
    return out + "".join(f"{tag}\n" for tag in getattr(config, "ogp_custom_meta_tags", ()))


def write_robots(app: Sphinx, exception: Exception | None) -> None:
    """``robots.txt`` pointing at the sitemap, at the canonical URL."""
    if exception is None and app.builder.name in {"html", "dirhtml"} and app.config.html_baseurl:
        sitemap = f"{app.config.html_baseurl}sitemap.xml"
        (Path(app.outdir) / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8"
        )


def setup_metadata(app: Sphinx) -> None:
    # before sphinxext-opengraph (priority 500) reads the page's fields
    app.connect("html-page-context", page_metadata, priority=400)
    app.connect("build-finished", write_robots)
