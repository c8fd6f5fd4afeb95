"""What search engines and link previews read, generated from the talk data.

- On a talk page: OpenGraph/description fields that describe the talk
  (sphinxext-opengraph writes the tags), and JSON-LD: the talk as a
  schema.org ``Event`` and its recording as a ``VideoObject`` (the day's
  stream) with a ``Clip`` starting at the talk's offset.
- On the root page: the conference as an ``Event`` with every talk as a
  ``subEvent``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .render import day_label, time_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .domain import TalksDomain
    from .model import Talk


def describe(talk: Talk, config: Config) -> str:
    """One sentence for ``<meta name=description>`` and link previews."""
    when = f"{day_label(talk.day)}, {time_label(talk)}"
    about = f" {talk.description}" if talk.description else ""
    return f"{talk.title}: a talk by {talk.speaker_names} at {config.project}, {when}.{about}"


def place(config: Config) -> dict[str, Any]:
    venue = config.talks_event["venue"]
    return {
        "@type": "Place",
        "name": venue["name"],
        "address": {"@type": "PostalAddress", **venue["address"]},
    }


def talk_event(talk: Talk, config: Config, url: str) -> dict[str, Any]:
    tz = config.talks_timezone
    return {
        "@type": "Event",
        "name": talk.title,
        "url": url,
        "startDate": talk.starts_at(tz).isoformat(),
        "endDate": talk.ends_at(tz).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": place(config),
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


def recording(talk: Talk, config: Config) -> dict[str, Any]:
    day_name = config.talks_days[talk.day.isoformat()]
    return {
        "@type": "VideoObject",
        "name": f"{config.project}, live stream, {day_name}",
        "description": f"The live stream of {day_name} ({day_label(talk.day)}).",
        "uploadDate": talk.starts_at(config.talks_timezone).date().isoformat(),
        "thumbnailUrl": f"https://i.ytimg.com/vi/{talk.stream}/hqdefault.jpg",
        "url": f"https://www.youtube.com/watch?v={talk.stream}",
        "embedUrl": f"https://www.youtube-nocookie.com/embed/{talk.stream}",
        "hasPart": {
            "@type": "Clip",
            "name": f"{talk.title} ({talk.speaker_names})",
            "startOffset": talk.offset,
            "url": talk.recording_url,
        },
    }


def conference(domain: TalksDomain, config: Config, url: Any) -> dict[str, Any]:
    event = config.talks_event
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": config.project,
        "url": event["url"],
        "startDate": event["start"],
        "endDate": event["end"],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": place(config),
        "organizer": [{"@type": "Organization", **o} for o in event["organizers"]],
        "subEvent": [talk_event(t, config, url(t)) for t in domain.programme()],
    }


def json_ld(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def page_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    domain: TalksDomain = app.env.domains["talks"]  # type: ignore[assignment]
    config = app.config
    base = config.html_baseurl
    if doctree is None and 'name="description"' not in context.setdefault("metatags", ""):
        summary = f"{context.get('title', '')}: {config.project}".strip(": ")
        context["metatags"] += f'<meta name="description" content="{html.escape(summary)}" />\n'

    def url(talk: Talk) -> str:
        return f"{base}{app.builder.get_target_uri(talk.docname)}#{talk.anchor}"

    if pagename == config.root_doc and config.talks_event:
        context["metatags"] += json_ld(conference(domain, config, url))
    talk = next((t for t in domain.programme() if t.docname == pagename), None)
    if talk is None:
        return
    description = describe(talk, config)
    meta = context.get("meta") or {}
    meta.setdefault("og:description", html.escape(description))
    meta.setdefault("og:type", "article")
    context["meta"] = meta
    context["metatags"] += f'<meta name="description" content="{html.escape(description)}" />\n'
    if config.talks_event:
        event = {"@context": "https://schema.org", **talk_event(talk, config, url(talk))}
        event["recordedIn"] = recording(talk, config)
        event["superEvent"] = {
            "@type": "Event",
            "name": config.project,
            "url": config.talks_event["url"],
        }
        context["metatags"] += json_ld(event)


def write_robots(app: Sphinx, exception: Exception | None) -> None:
    """``robots.txt`` pointing at the sitemap, at the canonical URL."""
    if exception is None and app.builder.name in {"html", "dirhtml"} and app.config.html_baseurl:
        sitemap = f"{app.config.html_baseurl}sitemap.xml"
        (Path(app.outdir) / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8"
        )


def setup_metadata(app: Sphinx) -> None:
    app.add_config_value("talks_event", {}, "html", types=[dict])
    # before sphinxext-opengraph (priority 500) reads the page's fields
    app.connect("html-page-context", page_metadata, priority=400)
    app.connect("build-finished", write_robots)
