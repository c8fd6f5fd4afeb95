"""The Atom feed of the summary posts (RFC 4287), at ``talks_feed_path``.

Written with the standard library's ElementTree: Atom needs a dozen
elements, and writing them ourselves keeps the bytes the same from build to
build (no generation time, no library version in the output) with no extra
dependency.

Entries are the newest published posts (``talks_feed_entries``, 20 unless
set otherwise), newest first, with absolute URLs at the
canonical base (``html_baseurl``). An entry's content is the post's body,
rendered by the HTML builder with every link made absolute; it is captured
when the post is written (``doctree-resolved`` runs in the main process,
whatever ``-j``) and kept in a small cache beside the doctrees, so a build
that does not rewrite a post still has its content.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinxcontrib.youtube.youtube import youtube

from .domain import domain_of
from .model import NOT_CARRIED
from .placeholders import WEB_BUILDERS
from .player import recording_of

if TYPE_CHECKING:
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

    from .domain import TalksDomain
    from .model import Post

ATOM = "http://www.w3.org/2005/Atom"
SITE_ONLY = {"talks-byline", "talks-series"}


def timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


class Feed:
    """One per application: post contents captured while writing, then the feed."""

    def __init__(self) -> None:
        self.contents: dict[str, str] = {}

    def wanted(self, app: Sphinx) -> bool:
        return bool(app.config.talks_feed_path) and app.builder.name in WEB_BUILDERS

    def entries(self, app: Sphinx) -> list[Post]:
        """The posts the feed carries: the newest published ones."""
        domain = domain_of(app.env)
        posts = [p for p in reversed(domain.posts) if not p.draft]
        return posts[: app.config.talks_feed_entries or None]

    def capture(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if self.wanted(app) and docname in {p.docname for p in self.entries(app)}:
            self.contents[docname] = self.render(app, doctree, docname)

    def render(self, app: Sphinx, doctree: nodes.document, docname: str) -> str:
        """The post's body as HTML, without its title, every link absolute."""
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        # what write_doc sets before translating a page, for this page
        builder.current_docname = docname
        builder.secnumbers = app.env.toc_secnumbers.get(docname, {})
        builder.fignumbers = app.env.toc_fignumbers.get(docname, {})
        here = app.config.html_baseurl + builder.get_target_uri(docname)
        # the node's own deepcopy: copy.deepcopy would follow .document to the whole environment
        section = next(iter(doctree.findall(nodes.section))).deepcopy()
        # the entry has its own title, byline and place in the series; the body stays
        # in a section, so its subsections are <h2> as on the page, not <h1>
        body = nodes.section(
            "", *(n for n in section.children[1:] if not SITE_ONLY & set(n.get("classes", ())))
        )
        for ref in list(body.findall(nodes.reference)):
            if "refuri" in ref:
                ref["refuri"] = urljoin(here, ref["refuri"])
            elif "refid" in ref:
                ref["refuri"] = f"{here}#{ref['refid']}"
        for image in body.findall(nodes.image):
            image["uri"] = urljoin(
                app.config.html_baseurl,
                builder.imgpath + "/" + builder.images.get(image["uri"], image["uri"]),
            )
        for video in list(body.findall(youtube)):
            recording = recording_of(video)
            text = f"Watch {video.get('talk_title', 'the recording')} from {recording.timestamp}"
            link = nodes.reference(text, text, refuri=recording.watch_url)
            video.replace_self(nodes.paragraph("", "", link))
        # no heading permalinks: a feed reader would take "#id" to be in the feed
        permalinks, builder.add_permalinks = builder.add_permalinks, False
        try:
            fragment = builder.render_partial(body)["fragment"].strip()
        finally:
            builder.add_permalinks = permalinks
        # what cannot be XML is reported where it was read (formats.py), left out here
        return NOT_CARRIED.sub("", fragment)

    def write(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is not None or not self.wanted(app):
            return
        domain = domain_of(app.env)
        posts = self.entries(app)
        cache = Path(app.doctreedir) / f"talks-feed-{app.builder.name}.json"
        base = app.config.html_baseurl
        stored = json.loads(cache.read_text()) if cache.is_file() else {}
        contents = stored.get("contents", {}) if stored.get("base") == base else {}
        contents.update(self.contents)
        for post in posts:
            if post.docname not in contents:  # e.g. the cache was deleted
                doctree = app.env.get_and_resolve_doctree(
                    post.docname, app.builder, tags=app.builder.tags
                )
                contents[post.docname] = self.render(app, doctree, post.docname)
        contents = {p.docname: contents[p.docname] for p in posts}
        cache.write_text(json.dumps({"base": base, "contents": contents}, sort_keys=True))
        self.contents = {}
        path = Path(app.outdir) / app.config.talks_feed_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.document(app, domain, posts, contents))

    def document(
        self, app: Sphinx, domain: TalksDomain, posts: list[Post], contents: dict[str, str]
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

        self_url = base + config.talks_feed_path
        sub(feed, "id", f"tag:{config.talks_feed_tag}:feed" if config.talks_feed_tag else self_url)
        sub(feed, "title", f"{config.project}: write-ups")
        sub(feed, "subtitle", f"Summary posts about the talks of {config.project}.")
        sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
        if index := domain.index_page("posts"):
            sub(
                feed,
                "link",
                rel="alternate",
                type="text/html",
                href=base + app.builder.get_target_uri(index),
            )
        source = domain.source()
        newest = max((p.modified for p in posts), default=source.published if source else None)
        sub(feed, "updated", timestamp(newest) if newest else "1970-01-01T00:00:00Z")
        author = sub(feed, "author")
        sub(author, "name", config.author)
        for post in posts:
            url = base + app.builder.get_target_uri(post.docname)
            entry = sub(feed, "entry")
            sub(
                entry,
                "id",
                f"tag:{config.talks_feed_tag}:{post.key}" if config.talks_feed_tag else url,
            )
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
    app.connect("doctree-resolved", feed.capture)
    app.connect("build-finished", feed.write)
