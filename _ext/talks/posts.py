"""Summary posts: what a post page shows around its text, and the series index.

- Above a post's text: its byline and a compact card for each talk it covers.
- Below it: the previous and next post of the series (by publication date).
- ``post-list``: every post and write-up elsewhere, newest first, by year: the
  newest ten in full, older ones in a line each (a thousand posts stay a page
  one can scan, with a line of links to the years).
- ``writeup``: a write-up elsewhere, shown where it is declared.
- ``talk-player``: a covered talk's recording in a post, so that the post's
  moment links play in place.

Drafts are pages under a ``drafts/`` folder; they are read only when
``talks_drafts`` is on (``config.py``), and never go into the feed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .domain import domain_of, page_talk, warn
from .model import Post, Writeup, unknown
from .placeholders import FACETS, filler, placeholder, talks_placeholder
from .render import (
    card,
    card_text,
    card_title,
    entry_byline,
    entry_link,
    entry_mark,
    feed_link,
    guide_link,
    joined,
    link,
    player,
    talk_ref,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import Entry
    from .model import Talk
    from .placeholders import Page


def talk_summary(page: Page, talk: Talk) -> nodes.Node:
    """A compact card for a talk a post covers, linking to the talk's page."""
    about = nodes.paragraph("", "", nodes.Text("About the talk "), talk_ref(page, talk))
    when = f"{talk.speaker_names} \u00b7 {page.date(talk.day, 'weekday')}, {talk.hours}"
    line = card_text(when)
    if (recording := page.domain.recording(talk)) is not None:
        line += [
            nodes.Text(" \u00b7 "),
            link(f"recording from {recording.timestamp}", recording.watch_url),
        ]
    return card(["sd-mb-3", "sd-shadow-sm", "talks-covers"], [card_title(about), line])


@filler("post-header")
def post_header(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    post = page.declared_here("post", Post, node)
    if post is None:
        return []
    authors = [link(a.name, a.url) if a.url else nodes.Text(a.name) for a in post.authors]
    dates = f" \u00b7 published {page.date(post.published, 'day')}"
    if post.updated:
        dates += f" \u00b7 updated {page.date(post.updated, 'day')}"
    byline = nodes.paragraph(
        "",
        "",
        nodes.Text("By "),
        *joined(authors, " and "),
        nodes.Text(dates),
        classes=["talks-byline"],
    )
    out: list[nodes.Node] = [byline]
    if post.draft:
        out.append(
            nodes.paragraph(
                "",
                "Draft: built only by make html DRAFTS=1 and make livehtml DRAFTS=1; "
                "a normal build leaves it out, and the feed never carries it.",
                classes=["talks-draft"],
            )
        )
    talks = page.domain.talks()
    out += [talk_summary(page, talks[slug]) for slug in post.talks if slug in talks]
    return out


@filler("series")
def series(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    posts = page.domain.posts
    index = next((i for i, p in enumerate(posts) if p.docname == node["docname"]), None)
    if index is None:
        return []
    nav = nodes.container(classes=["talks-series"])
    for label, other in (
        ("Previous in the series", posts[index - 1] if index else None),
        ("Next in the series", posts[index + 1] if index + 1 < len(posts) else None),
    ):
        if other is not None:
            nav += nodes.paragraph(
                "",
                "",
                nodes.Text(f"{label}: "),
                page.doc_ref(other.docname, other.title),
                nodes.Text(f" ({page.date(other.published, 'day')})"),
            )
    return [nav] if nav.children else []


def entry_item(page: Page, entry: Entry) -> nodes.list_item:
    head = nodes.paragraph("", "", entry_link(page, entry), classes=["talks-entry-title"])
    head += entry_mark(entry)
    item = nodes.list_item("", head)
    item += nodes.paragraph("", entry_byline(page, entry), classes=["talks-byline"])
    talks = page.domain.talks()
    covered = [talk_ref(page, talks[slug]) for slug in entry.talks if slug in talks]
    if covered:
        item += nodes.paragraph("", "", nodes.Text("About: "), *joined(covered))
    item += nodes.paragraph("", entry.abstract, classes=["talks-abstract"])
    return item


def not_started(page: Page) -> list[nodes.Node]:
    """One line while no post is published (a draft does not count), pointing at the guide."""
    if any(not post.draft for post in page.domain.posts):
        return []
    line = nodes.paragraph(
        "", "The series of summaries has not started yet", classes=["talks-not-started"]
    )
    title = page.builder.env.titles.get(page.config.talks_guide)
    if title is not None and (how := guide_link(page, title.astext())):
        line += [nodes.Text(": "), *how, nodes.Text(" explains how to write one")]
    line += nodes.Text(".")
    return [line]


def entry_line(page: Page, entry: Entry) -> nodes.list_item:
    """An older entry in one line: its title and date."""
    line = nodes.paragraph("", "", entry_link(page, entry), *entry_mark(entry))
    line += nodes.Text(f", {entry.date_text(page.config.language)}")
    return nodes.list_item("", line)


#: How many of the newest entries the write-ups index shows in full (byline, talks,
#: abstract); older ones take a line each, under their year.
IN_FULL = 10


@filler("post-list")
def post_list(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    """Every entry, newest first, by year: the newest in full, the older in a line each."""
    series = [*feed_link(page, page.config.talks_feed_path, "new posts", full=True)]
    out: list[nodes.Node] = [*not_started(page), *series]
    entries = page.domain.entries
    years = list(dict.fromkeys(entry.sort_key[0].year for entry in entries))
    if len(entries) > IN_FULL and len(years) > 1:
        jumps = [page.doc_ref(page.docname, str(y), f"posts-{y}") for y in years]
        out.append(nodes.paragraph("", "By year: ", *joined(jumps), classes=["talks-years"]))
    year = None
    for number, entry in enumerate(entries):
        if entry.sort_key[0].year != year:
            year = entry.sort_key[0].year
            # the year's anchor on a target: LaTeX writes no label for a rubric's ids
            out.append(nodes.target("", "", ids=[f"posts-{year}"]))
            out.append(nodes.rubric(str(year), str(year)))
        listed = "talks-posts" if number < IN_FULL else "talks-posts-older"
        if not isinstance(out[-1], nodes.bullet_list) or listed not in out[-1]["classes"]:
            out.append(nodes.bullet_list(classes=[listed]))
        out[-1] += entry_item(page, entry) if number < IN_FULL else entry_line(page, entry)
    if not entries:
        out.append(nodes.paragraph("", "Nothing is listed yet.", classes=["talks-empty"]))
    return out


@filler("writeup")
def writeup(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    found = page.declared_here("writeup", Writeup, node)
    if found is None:  # a duplicate slug: the write-up is another page's
        node["ids"] = []
        return []
    items = nodes.bullet_list(classes=["talks-posts"])
    items += entry_item(page, found)
    items["ids"] = node["ids"]
    return [items]


@filler("talk-player")
def post_player(page: Page, node: talks_placeholder) -> list[nodes.Node]:
    talk = page.domain.talks().get(node["key"])
    if talk is None:  # counted from the page's post: its :talks: field has the warning
        if not node["relative"]:
            warn(unknown(f"talk {node['key']!r} in talk-player", page.domain.talks()), node, "post")
        return []
    return player(page, talk)


class TalkPlayerDirective(SphinxDirective):
    """A talk's recording in a post: ``{talk-player}`` or ``{talk-player} slug``."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        slug, why = (self.arguments[0], "") if self.arguments else page_talk(self.env)
        if slug is None:
            if why:
                message = f"talk-player needs a talk slug here: {why}"
                warn(message, (self.env.docname, self.lineno), "post")
            return []
        node = placeholder("talk-player", slug, self)
        node["relative"] = not self.arguments
        return [node]


def add_series_nav(app: Sphinx, doctree: nodes.document) -> None:
    """The series navigation goes at the end of a post, after the author's text.

    The author's text includes its footnotes, which MyST puts after the page's
    section: they are moved into it, before the navigation, so that the page reads
    text, notes, series, and the feed entry (the section's copy) has them too.
    """
    for header in list(doctree.findall(talks_placeholder)):
        if header["kind"] == "post-header":
            docname = header["docname"]
            section = header.parent
            if section.parent is doctree:
                notes = doctree.children[doctree.index(section) + 1 :]
                for note in [n for n in notes if isinstance(n, nodes.footnote | nodes.transition)]:
                    doctree.remove(note)
                    section += note
            facets = FACETS["series"]("", docname, domain_of(app.env))
            nav = talks_placeholder(kind="series", key="", docname=docname, facets=sorted(facets))
            section += nav


def setup_posts(app: Sphinx) -> None:
    app.add_directive("talk-player", TalkPlayerDirective)
    # before the pages collector (priority 500) notes what the page shows
    app.connect("doctree-read", add_series_nav, priority=400)
