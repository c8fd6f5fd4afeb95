"""Atom feeds of the summary posts (RFC 4287): the series at ``talks_feed_path``,
and one per topic and per speaker beside it (``feeds/topics/<topic>.xml``,
``feeds/speakers/<slug>.xml``: ``model.narrow_feed_path``), as ablog and PyVideo
offer them, so a reader can follow one subject or one speaker.

Written with the standard library's ElementTree: Atom needs a dozen
elements, and writing them ourselves keeps the bytes the same from build to
build (no generation time, no library version in the output) with no extra
dependency.

Each feed carries its newest published posts (``talks_feed_entries``, 20
unless set otherwise), newest first, with absolute URLs at the canonical base
(``html_baseurl``): a topic's feed the posts the topics index lists under it,
a speaker's the posts about their talks. A feed with no post yet is still a
valid, empty feed. An entry's content is the post's body, rendered by the
HTML builder and made to stand alone in a reader (``entry.py``: absolute
links and images, footnotes, sphinx-design's tabs and dropdowns unfolded); it
is captured when the post is written (``doctree-resolved`` runs in the main
process, whatever ``-j``) and kept in a small cache beside the doctrees, so a
build that does not rewrite a post still has its content. The feeds are written through
``extra_files.publish``: a topic or speaker that goes takes its feed with it;
they are made again only when what they show changed (``extra_files.made_of``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from docutils import nodes

from .domain import domain_of
from .entry import as_entry
from .extra_files import made_of, publish, unchanged
from .model import NOT_CARRIED, iri, narrow_feed_path, topic_anchor
from .placeholders import writes_feeds

if TYPE_CHECKING:
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config

    from .domain import TalksDomain
    from .model import Post, Speaker

ATOM = "http://www.w3.org/2005/Atom"
SITE_ONLY = {"talks-byline", "talks-series"}


def timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class Channel:
    """One feed: where it is written, what it is called, the page it stands for."""

    path: str
    title: str
    key: str  # in the feed's tag URI: "feed", "topic/orm", "speaker/carl-meyer"
    subtitle: str
    page: tuple[str, str] | None  # (docname, anchor) of its entry in an index
    posts: tuple[Post, ...]


def topic_feed(config: Config, topic: str) -> tuple[str, str]:
    """Where a topic's feed is, and its title."""
    path = narrow_feed_path(config.talks_feed_path, "topics", topic)
    return path, f"{config.project}: write-ups on {topic}"


def speaker_feed(config: Config, speaker: Speaker) -> tuple[str, str]:
    """Where a speaker's feed is, and its title."""
    path = narrow_feed_path(config.talks_feed_path, "speakers", speaker.slug)
    return path, f"{config.project}: write-ups about talks by {speaker.name}"


def channels(app: Sphinx) -> list[Channel]:
    """Every feed of the site: the series', each topic's and each speaker's."""
    domain = domain_of(app.env)
    config = app.config
    project, path, limit = config.project, config.talks_feed_path, config.talks_feed_entries

    def newest(posts: list[Post]) -> tuple[Post, ...]:
        published = sorted((p for p in posts if not p.draft), key=lambda p: p.sort_key)
        return tuple(reversed(published))[: limit or None]

    posts_index = domain.index_page("posts")
    found = [
        Channel(
            path,
            f"{project}: write-ups",
            "feed",
            f"Summary posts about the talks of {project}.",
            (posts_index, "") if posts_index else None,
            newest(domain.posts),
        )
    ]
    topics_index = domain.index_page("topics")
    for topic, (_talks, entries) in domain.topics.items():
        found.append(
            Channel(
                *topic_feed(config, topic),
                f"topic/{topic}",
                f"Summary posts on {topic}, about the talks of {project}.",
                (topics_index, topic_anchor(topic)) if topics_index else None,
                newest([e for e in entries if not e.external]),  # type: ignore[misc]
            )
        )
    speakers_index = domain.index_page("speakers")
    for slug, (speaker, talks) in domain.speakers.items():
        about = {t.slug for t in talks}
        found.append(
            Channel(
                *speaker_feed(config, speaker),
                f"speaker/{slug}",
                f"Summary posts about the talks {speaker.name} gave at {project}.",
                (speakers_index, speaker.anchor) if speakers_index else None,
                newest([p for p in domain.posts if about & set(p.talks)]),
            )
        )
    return found


class Feed:
    """One per application: post contents captured while writing, then the feeds."""

    def __init__(self) -> None:
        self.contents: dict[str, str] = {}
        #: the posts some feed carries, by docname; worked out once per write
        self.carried: set[str] | None = None

    def wanted(self, app: Sphinx) -> bool:
        return writes_feeds(app.config, app.builder)

    def forget(self, app: Sphinx, env: object) -> None:
        self.carried = None

    def capture(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if not self.wanted(app) or docname not in domain_of(app.env).post_of:
            return
        if self.carried is None:
            self.carried = {p.docname for channel in channels(app) for p in channel.posts}
        if docname in self.carried:
            self.contents[docname] = self.render(app, doctree, docname)

    def render(self, app: Sphinx, doctree: nodes.document, docname: str) -> str:
        """The post's body as HTML, without its title, made to stand alone (``entry.py``)."""
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        # what write_doc sets before translating a page, for this page
        builder.current_docname = docname
        builder.secnumbers = app.env.toc_secnumbers.get(docname, {})
        builder.fignumbers = app.env.toc_fignumbers.get(docname, {})
        # the node's own deepcopy: copy.deepcopy would follow .document to the whole environment
        section = next(iter(doctree.findall(nodes.section))).deepcopy()
        # the entry has its own title, byline and place in the series; the body stays
        # in a section, so its subsections are <h2> as on the page, not <h1>
        body = nodes.section(
            "", *(n for n in section.children[1:] if not SITE_ONLY & set(n.get("classes", ())))
        )
        as_entry(body, builder, docname, app.config.html_baseurl)
        # no heading permalinks: a feed reader would take "#id" to be in the feed
        permalinks, builder.add_permalinks = builder.add_permalinks, False
        try:
            fragment = builder.render_partial(body)["fragment"].strip()
        finally:
            builder.add_permalinks = permalinks
        # what cannot be XML is reported where it was read (control_characters.py), left out here
        return NOT_CARRIED.sub("", fragment)

    def write(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is not None:
            return
        cache = Path(app.doctreedir) / f"talks-feed-{app.builder.name}.json"
        if not self.wanted(app):  # turned off (talks_feed_path = ""): what was written goes
            publish(app, "feeds", {})
            cache.unlink(missing_ok=True)
            return
        domain = domain_of(app.env)
        every = channels(app)
        carried = {p.docname: p for channel in every for p in channel.posts}
        base = app.config.html_baseurl
        stored = json.loads(cache.read_text()) if cache.is_file() else {}
        contents = stored.get("contents", {}) if stored.get("base") == base else {}
        contents.update(self.contents)
        for docname in sorted(carried.keys() - contents.keys()):  # e.g. the cache was deleted
            doctree = app.env.get_and_resolve_doctree(docname, app.builder, tags=app.builder.tags)
            contents[docname] = self.render(app, doctree, docname)
        contents = {docname: contents[docname] for docname in sorted(carried)}
        cache.write_text(json.dumps({"base": base, "contents": contents}, sort_keys=True))
        self.contents, self.carried = {}, None
        # made again only when what document() reads changed (287 feeds at 1000 talks)
        config = app.config
        pages = sorted({c.page[0] for c in every if c.page} | carried.keys())
        inputs = made_of(
            every,
            contents,
            [base, config.language, config.talks_feed_tag, config.author, domain.source()],
            [app.builder.get_target_uri(docname) for docname in pages],
        )
        if not unchanged(app, "feeds", inputs):
            files = {c.path: self.document(app, domain, c, contents) for c in every}
            publish(app, "feeds", files, inputs)

    def document(
        self, app: Sphinx, domain: TalksDomain, channel: Channel, contents: dict[str, str]
    ) -> bytes:
        config = app.config
        base = config.html_baseurl
        ET.register_namespace("", ATOM)
        feed = ET.Element(
            f"{{{ATOM}}}feed",
            {"{http://www.w3.org/XML/1998/namespace}lang": config.language or "en"},
        )

        def sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
            element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
            if text:
                element.text = text
            return element

        tag = config.talks_feed_tag
        self_url = base + iri(channel.path, escaped=True)
        sub(feed, "id", f"tag:{tag}:{channel.key}" if tag else self_url)
        sub(feed, "title", channel.title)
        sub(feed, "subtitle", channel.subtitle)
        sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
        if channel.page is not None:
            docname, anchor = channel.page
            href = (
                base
                + iri(app.builder.get_target_uri(docname), escaped=True)
                + (f"#{anchor}" if anchor else "")
            )
            sub(feed, "link", rel="alternate", type="text/html", href=href)
        source = domain.source()
        posts = channel.posts
        newest = max((p.modified for p in posts), default=source.published if source else None)
        sub(feed, "updated", timestamp(newest) if newest else "1970-01-01T00:00:00Z")
        author = sub(feed, "author")
        sub(author, "name", config.author)
        for post in posts:
            # ids and links are IRIs: a page's name may hold a space (posts/my post.md)
            url = base + iri(app.builder.get_target_uri(post.docname), escaped=True)
            entry = sub(feed, "entry")
            sub(entry, "id", f"tag:{tag}:{iri(post.key)}" if tag else url)
            sub(entry, "title", post.title)
            sub(entry, "link", rel="alternate", type="text/html", href=url)
            sub(entry, "published", timestamp(post.published))
            sub(entry, "updated", timestamp(post.modified))
            for person in post.authors:
                author = sub(entry, "author")
                sub(author, "name", person.name)
                if person.url:
                    sub(author, "uri", person.url)
            for topic in post.topics:
                sub(entry, "category", term=topic)
            sub(entry, "summary", post.abstract)
            sub(entry, "content", contents[post.docname], type="html")
        ET.indent(feed)
        return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def setup_feed(app: Sphinx) -> None:
    feed = Feed()
    app.connect("env-updated", feed.forget)
    app.connect("doctree-resolved", feed.capture)
    app.connect("build-finished", feed.write)
