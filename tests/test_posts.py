"""Summary posts and write-ups elsewhere: where readers meet them, drafts, metadata.

Built from ``tests/roots/test-posts``: three talks, two posts (one covering
both of the first two talks), a draft, and two write-ups elsewhere.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile

from .conftest import build_root, copy_root, edit

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    Pages = Callable[[str], BeautifulSoup]

BASE = "https://example.org/kb/"


def reader(outdir: Path) -> Pages:
    return lambda name: BeautifulSoup((outdir / name).read_text(), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = build_root(copy_root("posts", tmp_path_factory.mktemp("posts") / "src"))
    assert app.warning.getvalue() == ""
    return app.outdir


@pytest.fixture(scope="module")
def pages(built: Path) -> Pages:
    return reader(built)


@pytest.fixture(scope="module")
def with_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = copy_root("posts", tmp_path_factory.mktemp("drafts") / "src")
    app = build_root(src, talks_drafts=True)
    assert app.warning.getvalue() == ""
    return app.outdir


def writeups(soup: BeautifulSoup) -> list[tuple[str, str]]:
    items = soup.select(".talk-card ul.talk-writeups > li")
    return [(li.select_one("a").get_text(), li.get_text(" ", strip=True)) for li in items]


def test_talk_card_lists_what_covers_the_talk_newest_first(pages: Pages) -> None:
    one = writeups(pages("talks/one.html"))
    assert [title for title, _ in one] == ["Both talks, side by side", "First look at Talk One"]
    assert "Ann Author and Bob Writer, 1 December 2026" in one[0][1]
    assert "The second post, about both talks." in one[0][1]
    two = pages("talks/two.html")
    assert [t for t, _ in writeups(two)] == ["Both talks, side by side", "A recap"]
    recap = two.select(".talk-card ul.talk-writeups > li")[1]
    assert recap.select_one("a")["href"] == "https://blog.example.org/recap/"
    assert "(elsewhere)" in recap.get_text()
    assert "Carol Blogger, 2016, on blog.example.org" in recap.get_text()


def test_talk_without_writeups_says_so_in_one_line(pages: Pages) -> None:
    card = pages("talks/three.html").select_one(".talk-card")
    field = next(dt for dt in card.select("dt") if dt.get_text().startswith("Write-ups"))
    value = field.find_next_sibling("dd")
    assert " ".join(value.get_text().split()) == "None yet (how to write one)."
    assert value.select_one("a")["href"] == "../writing.html"
    main = pages("talks/three.html").select_one("body")
    assert "not been written" not in main.get_text()
    assert not main.select("section#summary")


def test_posts_index_newest_first_by_year(pages: Pages) -> None:
    soup = pages("posts/index.html")
    assert soup.select_one(".talks-feed a")["href"] == "../atom.xml"
    assert [r.get_text() for r in soup.select("p.rubric")] == ["2026", "2016"]
    titles = [li.select_one(".talks-entry-title a") for li in soup.select("ul.talks-posts > li")]
    assert [(a.get_text(), a["href"]) for a in titles] == [
        ("Both talks, side by side", "second.html"),
        ("First look at Talk One", "first.html"),
        ("An interview", "https://company.example.org/interview/"),
        ("A recap", "https://blog.example.org/recap/"),
    ]
    external = [li for li in soup.select("ul.talks-posts > li") if "(elsewhere)" in li.get_text()]
    assert len(external) == 2
    second = soup.select("ul.talks-posts > li")[0]
    assert [a["href"] for a in second.select("a")][1:] == [
        "../talks/one.html#talk-one",
        "../talks/two.html#talk-two",
    ]


def test_speaker_and_topic_indexes_list_posts(pages: Pages) -> None:
    soup = pages("people.html")
    ada = soup.select_one("section#speaker-ada-lovelace")
    line = next(p for p in ada.select("p") if p.get_text().startswith("Write-ups"))
    assert [a.get_text() for a in line.select("a")] == [
        "Both talks, side by side",
        "First look at Talk One",
    ]
    engines = soup.select_one("section#topic-engines")
    assert [a.get_text() for a in engines.select("li a")] == ["Talk One", "First look at Talk One"]


def test_grid_and_programme_show_which_talks_have_writeups(pages: Pages) -> None:
    cards = pages("index.html").select(".sd-row .sd-card")
    counts = [c.select_one(".talk-card-writeups") for c in cards]
    assert [c.get_text() if c else None for c in counts] == ["2 write-ups", "2 write-ups", None]
    rows = pages("people.html").select("table.talk-table tbody tr")
    talk_cells = [r.select("td")[1].get_text(" ", strip=True) for r in rows if r.select("td a")]
    assert talk_cells == ["Talk One (2 write-ups)", "Talk Two (2 write-ups)", "Talk Three"]


def test_post_page_shows_its_talks_above_and_the_series_below(pages: Pages) -> None:
    first = pages("posts/first.html")
    article = first.select_one("section")
    covers = article.select(".talks-covers a")
    assert covers[0]["href"] == "../talks/one.html#talk-one"
    byline = article.select_one(".talks-byline")
    assert byline.get_text() == "By Ann Author · published 1 November 2026"
    # the author's link, as the feed and the JSON-LD carry it
    assert [(a.get_text(), a["href"]) for a in byline.select("a")] == [
        ("Ann Author", "https://ann.example.org")
    ]
    blocks = [c for c in article.children if getattr(c, "name", None)]
    assert blocks.index(article.select_one(".talks-covers")) < blocks.index(
        article.select_one(".talk-player")
    ), "the talk comes above the post's text"
    nav = article.select_one(".talks-series")
    assert blocks[-1] is nav, "the series navigation closes the post"
    assert nav.get_text(" ", strip=True) == (
        "Next in the series: Both talks, side by side (1 December 2026)"
    )
    second = pages("posts/second.html").select_one(".talks-series")
    assert second.get_text(" ", strip=True) == (
        "Previous in the series: First look at Talk One (1 November 2026)"
    )
    assert "updated 5 December 2026" in pages("posts/second.html").select_one(".talks-byline").text


def test_moments_link_to_the_second_and_name_the_talk(pages: Pages) -> None:
    first = pages("posts/first.html")
    moments = first.select("a.talk-moment")
    assert [(a.get_text(), a["href"]) for a in moments] == [
        ("12:30", "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=4059s"),  # 55:09 + 12:30
        ("1:00", "https://www.youtube.com/watch?v=kWH3Waigi5Y&t=2250s"),  # 36:30 + 1:00
    ]
    assert moments[0]["data-embed"] == (
        "https://www.youtube-nocookie.com/embed/rsEkQbMLCH4?start=4059&autoplay=1"
    )
    assert moments[0]["data-talk"] == "one"
    assert moments[0]["aria-label"] == (
        "Talk One, 12:30 into the talk (1:07:39 into the Day 1 live stream)"
    )
    assert first.select_one(".talk-player")["data-talk"] == "one"
    on_talk_page = pages("talks/one.html").select_one("a.talk-moment")
    assert on_talk_page["href"] == "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=3909s"


def test_post_metadata(pages: Pages) -> None:
    soup = pages("posts/second.html")
    (data,) = [json.loads(s.get_text()) for s in soup.select('script[type="application/ld+json"]')]
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Both talks, side by side"
    assert (data["datePublished"], data["dateModified"]) == ("2026-12-01", "2026-12-05")
    assert [a["name"] for a in data["author"]] == ["Ann Author", "Bob Writer"]
    assert [e["url"] for e in data["about"]] == [
        BASE + "talks/one.html#talk-one",
        BASE + "talks/two.html#talk-two",
    ]
    assert data["isPartOf"] == {
        "@type": "Blog",
        "name": "Test Conference 2016: write-ups",
        "url": BASE + "posts/index.html",
    }
    meta = {m.get("property") or m.get("name"): m["content"] for m in soup.select("meta[content]")}
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == "2026-12-01"
    assert meta["article:modified_time"] == "2026-12-05"
    assert meta["description"] == "The second post, about both talks."
    assert len(soup.select('meta[name="description"]')) == 1


def test_feed_is_linked_from_every_page(built: Path, pages: Pages) -> None:
    for path in built.rglob("*.html"):
        links = pages(str(path.relative_to(built))).select(
            'head link[rel="alternate"][type="application/atom+xml"]'
        )
        hrefs = [link["href"] for link in links]
        assert hrefs[0] == BASE + "atom.xml", path  # the series', then the page's narrower ones
        assert all((built / h.removeprefix(BASE)).is_file() for h in hrefs), (path, hrefs)


def test_drafts_are_neither_built_nor_listed_by_default(built: Path, pages: Pages) -> None:
    assert not (built / "posts" / "drafts").exists()
    for name in ("posts/index.html", "talks/two.html", "people.html"):
        assert "Work in progress" not in pages(name).get_text(), name
    inventory = InventoryFile.loads((built / "objects.inv").read_bytes(), uri="")
    assert sorted(inventory.data["talks:post"]) == ["posts/first", "posts/second"]


def test_drafts_build_when_asked_but_never_feed(with_drafts: Path) -> None:
    pages = reader(with_drafts)
    draft = pages("posts/drafts/wip.html")
    assert draft.select_one(".talks-draft") is not None
    listed = list(pages("posts/index.html").select("ul.talks-posts > li"))
    assert "Work in progress (draft)" in listed[0].get_text(" ", strip=True)
    # on its talk's page too: a reader of the preview sees it is not out yet
    card = [
        li.get_text(" ", strip=True) for li in pages("talks/two.html").select(".talk-writeups li")
    ]
    assert any(t.startswith("Work in progress") and "(draft)" in t for t in card), card
    assert b"Work in progress" not in (with_drafts / "atom.xml").read_bytes()


def test_no_page_repeats_an_id(built: Path) -> None:
    """A talk titled like its slug ("Talk One", slug "one") has its anchor once, not twice."""
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 8
    for path in pages:
        ids = [e["id"] for e in BeautifulSoup(path.read_text(), "html.parser").select("[id]")]
        assert len(ids) == len(set(ids)), (path.name, sorted(i for i in ids if ids.count(i) > 1))
    assert "talk-one" in {e["id"] for e in reader(built)("talks/one.html").select("section[id]")}


def test_a_title_reads_the_same_everywhere(tmp_path: Path) -> None:
    """Smart quotes curl the heading's apostrophe: the card, the listings, the feed and the
    structured data follow the heading, not the source."""
    src = copy_root("posts", tmp_path / "src")
    edit(src / "posts" / "first.md", "# First look at Talk One", "# Talk One's first look")
    shown = reader(build_root(src).outdir)
    title = "Talk One\u2019s first look"
    assert shown("posts/first.html").select_one("h1").get_text().rstrip("¶") == title
    assert title in [a.get_text() for a in shown("posts/index.html").select("a")]
    assert title in [a.get_text() for a in shown("talks/one.html").select(".talk-writeups a")]
    feed = feedparser.parse((src / "_build" / "html" / "atom.xml").read_bytes())
    assert title in [entry.title for entry in feed.entries]
    data = [
        json.loads(s.string)
        for s in shown("posts/first.html").select("script[type='application/ld+json']")
    ]
    assert [d["headline"] for d in data if d["@type"] == "BlogPosting"] == [title]
