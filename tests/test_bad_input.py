"""Every kind of bad input is a located, typed warning; -W fails the build."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, build_root, warnings

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

EXPECTED = [
    ("offset-letters.md:8", "malformed offset '55x9s'", "offset"),
    ("offset-negative.md:8", "malformed offset '-3s'", "offset"),
    ("offset-range.md:7", "offset '99m99s' is out of range", "offset"),
    ("youtube-id.md:7", "malformed YouTube id 'rsEkQbML'", "youtube"),
    ("youtube-missing.md:7", "malformed YouTube id ''", "youtube"),
    ("missing-field.md:3", "missing the required field :day:", "missing"),
    ("unknown-option.md:8", "unknown field :colour: in talk; expected one of:", "option"),
    ("unknown-day.md:5", "unknown day '2016-11-05'; expected one of: 2016-11-03", "day"),
    ("slides-scheme.md:8", "unsafe or malformed link 'javascript:alert(1)'", "url"),
    ("dup-two.md:3", "duplicate talk slug 'dup-one'; already declared in", "duplicate"),
    # titled like the slug, so its section's id is the talk's anchor: kept, not stripped
    ("dup-three.md:3", "duplicate talk slug 'dup-one'; already declared in", "duplicate"),
    ("bad-time.md:6", "time '14:45-13:45' ends before it starts", "time"),
    ("markup-title.md:1", "markup in the talk title 'Talk with markup'", "title"),
    ("unknown-role.md:3", "unknown talk 'no-such-talk'; expected one of:", "unknown"),
    ("unknown-role.md:3", "unknown speaker 'nobody'", "unknown"),
    (
        "conflict-speaker.md:4",
        "speaker 'Ada Lovelace' is given as 'ada_l | Somewhere Else'",
        "speaker",
    ),
    ("conflict-stream.md:7", "talk streams in 'kWH3Waigi5Y', but", "stream"),
    (
        "long-description.md:8",
        "the description of 'long-description' is 161 characters; at most 117 fit beside",
        "description",
    ),
    ("bad-slug.md:3", "malformed slug 'Bad_Slug'; expected lowercase words joined by", "slug"),
    ("placement.md:5", "talk must come right under the page's title heading", "placement"),
    ("recording-and-offset.md:8", "give either :recording: (a youtu.be link", "recording"),
    ("bad-topic.md:8", ":topics: malformed topic 'what now?'", "topic"),
    ("bad-day.md:3", "impossible date '2016-11-31'", "date"),
    ("bad-day.md:6", ":kind: unknown kind of day 'party'; expected one of", "day"),
    # a schedule line is located on its own line; blank lines between them are fine
    ("bad-day.md:14", "impossible time in '25:00 | Drinks'", "day"),
    ("bad-conference.md:6", ":timezone: unknown time zone 'Mars/Olympus_Mons'", "timezone"),
    ("bad-conference.md:7", ":venue: malformed venue 'Hall | Street 1'", "venue"),
    ("bad-conference.md:8", ":organisers: malformed name 'Ana | https", "person"),
    ("flag-value.md:8", ":keynote: unexpected value 'yes'; this field takes no value", "option"),
    ("empty-value.md:8", ":official-title: empty value; expected plain text", "missing"),
    (
        "same-page-twice.md:10",
        "a second talk in this page; the talk at line 3 is what this page is about",
        "duplicate",
    ),
    # another slug is no excuse: the page, its description and its JSON-LD describe one talk
    ("second-talk.md:10", "a second talk in this page; the talk at line 3 is", "duplicate"),
    # two talks cannot start at one second of a stream (one key moment, one chapter)
    (
        "same-second.md:7",
        "talk 'same-second' starts at the same second of its day's stream as 'dup-one'",
        "offset",
    ),
    ("no-stream.md:3", "the day Sprint day (2016-11-06) has no :stream:", "stream"),
    ("bad-handle.md:4", "malformed Twitter handle '@this_is_far_too_long'", "speaker"),
    (
        "bad-speaker.md:4",
        "malformed speaker 'Ada Lovelace | @ada | Somewhere | Elsewhere'",
        "speaker",
    ),
    ("label-clash.md:2", "label 'talk-dup-one' is generated for Talk dup-one", "duplicate"),
    # each schedule line on its own line, even where two read the same
    ("bad-day.md:15", "malformed schedule line '13:00'", "day"),
    ("bad-day.md:16", "impossible time in '25:00 | Drinks'", "day"),
    ("repeated-field.md:6", ":time: is given 2 times (lines 6, 7)", "option"),
    ("yaml-options.md:7", ":time: impossible time '25:00-26:00'", "time"),
    ("second-title.md:7", "talk must come right under the page's title heading", "placement"),
    ("control-char.md:8", ":description: control character U+0007 in", "text"),
    ("second-conference.md:3", "duplicate conference; already declared in", "duplicate"),
    ("listing-twice.md:6", "a second talk-targets in this page; a page shows each", "duplicate"),
    ("bad-conference.md:9", ":language: malformed language 'english'; expected an ISO", "language"),
    ("bad-video.md:5", ":video: malformed YouTube id 'NtBznRAc'", "youtube"),
    ("bad-video.md:3", "conference-video is missing the required field :description:", "missing"),
    ("pyvideo-clash.md:3", "a second recording is published as videos/dup-one.json", "pyvideo"),
    (
        "pyvideo-long.md:3",
        "would be 166 bytes, more than the 139 allowed (pyvideo/data takes fewer than 140), "
        "so it is written as videos/a-very-long-recording-name",
        "pyvideo",
    ),
    ("published-path.md:3", "malformed published path '../outside.txt'", "url"),
    # located on the schedule line, not the day
    ("pyvideo-slot.md:8", "a second recording is published as videos/dup-one.json", "pyvideo"),
    ("pyvideo-slot.md:15", "the title '***' makes no slug, so it has no file", "pyvideo"),
]


POSTS = [
    ("date-malformed.md:4", ":published: malformed date '1 December 2026'", "post"),
    ("date-impossible.md:4", ":published: impossible date '2026-02-30'", "post"),
    ("updated-before.md:5", ":updated: 2026-11-01 is before :published: 2026-12-01", "post"),
    ("unknown-talk.md:6", "unknown talk 'nope' in :talks:; expected one of: one, two", "post"),
    ("no-talk.md:6", ":talks: no talk given", "post"),
    ("missing-field.md:3", "post is missing the required field :abstract:", "post"),
    ("posts/same/index.md:3", "duplicate post URL 'posts/same'; already declared in", "post"),
    ("two-talks.md:12", "a second post in this page; the post at line 3 is", "post"),
    # a post that names its talk wrong, or fails for another field, is one warning: its
    # moments and player count from what :talks: says, or stay quiet
    ("typo-talk.md:6", "unknown talk 'onne' in :talks:; expected one of: one, two", "post"),
    ("empty-title.md:1", "the post title is empty; write it after the '# '", "post"),
    # a moment's own line, not its paragraph's first
    ("moment-lines.md:12", "moment '2:00:00' (2:00:00 into the talk) is past the end", "moment"),
    ("moment-lines.md:13", "moment '2:00:00' (2:00:00 into the talk) is past the end", "moment"),
    ("moment-lines.md:15", "malformed moment 'one ²'", "moment"),
    # what no page, feed or book can carry: noncharacters and C1 controls too
    ("noncharacters.md:1", "the post title: character U+FFFF in", "post"),
    ("noncharacters.md:10", "character U+0090, U+FFFE in 'A body", "text"),
    ("noncharacter-abstract.md:7", ":abstract: character U+FFFE in", "post"),
    ("long-abstract.md:7", ":abstract: is 173 characters; at most 160 fit in a link", "post"),
    ("writeup.md:6", ":date: impossible date '2016-13'", "post"),
    ("second-title.md:7", "post must come right under the page's title heading", "post"),
    ("control-title.md:1", "the post title: control character U+0007 in", "post"),
    ("control-title.md:10", "control character U+0007 in 'It is covered by", "text"),
    # MyST cuts the fields at a line separator and says the rest is content
    ("line-separator.md:3", "'post': Has content, but none permitted", "myst.directive_parse"),
    ("line-separator.md:5", "line break U+2028 inside ':authors: Ann", "post"),
    ("writeup.md:15", ":date: impossible date '2016-00' (month must be in 1..12)", "post"),
    ("writeup-again.md:3", "duplicate write-up slug 'twice'; already declared in", "post"),
    ("writeup-again.md:12", "unknown talk 'no-such-talk' in talk-player; expected one of", "post"),
    ("about-nothing.md:5", "talk-player needs a talk slug here", "post"),
    ("talk.md:10", "malformed moment '12:3x'", "moment"),
    # named as the author wrote it, and as a time into the talk
    (
        "talk.md:12",
        "moment '60:01' (1:00:01 into the talk) is past the end of A talk, scheduled for 60",
        "moment",
    ),
    ("about-nothing.md:3", "unknown talk 'nope' in {moment}", "moment"),
    (
        "about-nothing.md:3",
        "no talk to be relative to for '1:00': this page is about no talk",
        "moment",
    ),
    (
        "two-talks.md:10",
        "no talk to be relative to for '1:00': this page covers one, two",
        "moment",
    ),
    # raw HTML: what would run or load is refused, each on its own line (talks.markup)
    ("raw-html.md:10", "raw HTML refused: href='javascript:alert(1)' (javascript:", "html"),
    ("raw-html.md:10", "raw HTML refused: href=' JaVaScRiPt:alert(2)'", "html"),
    (
        "raw-html.md:11",
        "![text](path)); onerror='alert(3)' (an event handler: script is refused)",
        "html",
    ),
    ("raw-html.md:13", "raw HTML refused: <script> (what runs, embeds or redirects", "html"),
    ("raw-html.md:15", "raw HTML refused: <iframe> (what runs, embeds or redirects", "html"),
    ("raw-html.md:17", "raw HTML refused: href='data:text/html;base64,", "html"),
    ("raw-html.md:17", "raw HTML refused: href='vbscript:msgbox(6)'", "html"),
    ("raw-html.md:19", "link to 'javascript:alert(7)' is not made: javascript:", "html"),
    ("raw-html.md:21", "image 'https://tracker.example.org/pixel.png' is on another", "image"),
    ("raw-html.md:23", "math ('x^2') cannot be shown here: on the web it needs MathJax", "math"),
    ("raw-html.md:25", "math ('E = mc^2') cannot be shown here", "math"),
]


def typed(subtype: str) -> str:
    """``[talks.<subtype>]``, or another extension's ``[type.subtype]`` given whole."""
    return f"[{subtype}]" if "." in subtype else f"[talks.{subtype}]"


def bad(tmp_path_factory: pytest.TempPathFactory, root: str) -> SphinxTestApp:
    """A root of bad input built with -W, as sphinx-build would (a traceback would raise)."""
    app = build_root(
        ROOT / "tests" / "roots" / f"test-{root}",
        builddir=tmp_path_factory.mktemp(root),
        fail_on_warnings=True,
    )
    assert app.statuscode == 1, "-W must fail the build on bad input"
    return app


@pytest.fixture(scope="module")
def bad_posts_build(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return bad(tmp_path_factory, "bad-posts")


@pytest.fixture(scope="module")
def bad_posts(bad_posts_build: SphinxTestApp) -> str:
    return "\n".join(warnings(bad_posts_build))


@pytest.mark.parametrize(("where", "what", "subtype"), POSTS)
def test_post_and_moment_warnings_are_located_and_typed(
    bad_posts: str, where: str, what: str, subtype: str
) -> None:
    lines = [line for line in bad_posts.splitlines() if f"/{where}: WARNING: " in line]
    assert any(what in line and line.endswith(typed(subtype)) for line in lines), bad_posts


def test_every_post_warning_is_expected(bad_posts: str) -> None:
    warnings = [line for line in bad_posts.splitlines() if "WARNING" in line]
    assert len(warnings) == len(POSTS), "\n".join(warnings)


def test_a_moment_in_a_heading_is_text_in_the_contents(bad_posts_build: SphinxTestApp) -> None:
    soup = BeautifulSoup((bad_posts_build.outdir / "talk.html").read_text(), "html.parser")
    heading = soup.select_one("h2")
    assert heading.select_one("a.talk-moment")["href"].endswith("&t=3909s")
    toc = [
        a for a in soup.select("a.reference.internal") if a["href"] == f"#{heading.parent['id']}"
    ]
    assert [a.get_text() for a in toc] == ["From 10:00 on"], toc


def test_the_feed_stays_xml_whatever_the_posts_hold(bad_posts_build: SphinxTestApp) -> None:
    feed = ElementTree.parse(bad_posts_build.outdir / "atom.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "A post with a bellin its title" in titles
    assert "A post whose title ends in a noncharacter" in titles
    content = "".join(e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}content"))
    assert "control character and a noncharacter in it" in content


def active(html: str) -> list[str]:
    """What in ``html`` would run or load: script, event handlers, active or remote URLs."""
    soup = BeautifulSoup(html, "html.parser")
    found = [f"<{tag.name}>" for tag in soup.select("script, iframe, object, embed")]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") or re.match(r"\s*(javascript|vbscript|data):", text, re.I):
                found.append(f"{tag.name} {name}={text!r}")
            if name == "src" and "tracker.example.org" in text:
                found.append(f"{tag.name} {name}={text!r}")
    return found


def test_refused_raw_html_reaches_no_output(bad_posts_build: SphinxTestApp, tmp_path: Path) -> None:
    """Not the page, not the feed, not the ePub: the rest of the paragraph stays."""
    page = BeautifulSoup((bad_posts_build.outdir / "raw-html.html").read_text(), "html.parser")
    body = page.select_one("div.body")
    assert "a fine one" in body.get_text() and "a link" in body.get_text()
    assert active(str(body)) == []
    feed = feedparser.parse((bad_posts_build.outdir / "atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.link.endswith("raw-html.html")]
    assert "a fine one" in entry.content[0].value
    assert active(entry.content[0].value) == []
    epub = build_root(ROOT / "tests" / "roots" / "test-bad-posts", "epub", builddir=tmp_path)
    xhtml = (epub.outdir / "raw-html.xhtml").read_bytes()
    ElementTree.fromstring(xhtml)  # well-formed, what was left of the raw HTML included
    assert active(xhtml.decode()) == []


def test_a_duplicate_writeup_leaves_one_entry_with_its_id(bad_posts_build: SphinxTestApp) -> None:
    ids = [
        element["id"]
        for page in ("writeup.html", "writeup-again.html")
        for element in BeautifulSoup(
            (bad_posts_build.outdir / page).read_text(), "html.parser"
        ).select("[id]")
    ]
    assert ids.count("writeup-twice") == 1


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    app = bad(tmp_path_factory, "bad-input")
    return "\n".join(warnings(app)), app.outdir


@pytest.mark.parametrize(("where", "what", "subtype"), EXPECTED)
def test_warning_is_located_and_typed(
    bad_build: tuple[str, Path], where: str, what: str, subtype: str
) -> None:
    lines = [line for line in bad_build[0].splitlines() if f"/{where}: WARNING: " in line]
    assert any(what in line and line.endswith(typed(subtype)) for line in lines), bad_build[0]


def test_every_warning_is_expected(bad_build: tuple[str, Path]) -> None:
    warnings = [line for line in bad_build[0].splitlines() if "WARNING" in line]
    assert len(warnings) == len(EXPECTED), "\n".join(warnings)


def test_no_unsafe_link_reaches_a_page(bad_build: tuple[str, Path]) -> None:
    pages = sorted(bad_build[1].glob("*.html"))
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(), "html.parser")
        hrefs = [a.get("href", "") for a in soup.select("a")]
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], path


def test_fields_are_checked_when_read_whatever_the_builder(tmp_path: Path) -> None:
    """Not when an HTML page is written: the ePub, the PDF and an incremental build that
    writes other pages hear about a description too long for a preview too."""
    app = build_root(ROOT / "tests" / "roots" / "test-bad-input", "text", builddir=tmp_path)
    assert any(
        "long-description.md:8: WARNING: the description of 'long-description'" in line
        for line in warnings(app)
    )
