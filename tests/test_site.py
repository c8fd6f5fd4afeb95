"""The real site: every fact of the source article is on it, reachable.

Expectations come from ``tests/data/article.toml``, the article's facts as
data (see ``test_article_data.py`` for how that file is checked against the
article itself).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    Page = Callable[[str], BeautifulSoup]

DATA = tomllib.loads((ROOT / "tests" / "data" / "article.toml").read_text(encoding="utf-8"))
ARTICLE_URL: str = DATA["url"]


@dataclass(frozen=True)
class ArticleTalk:
    slug: str
    title: str
    speaker: str
    twitter: str
    slides: str
    stream: str
    offset: int


TALKS = [ArticleTalk(**talk) for talk in DATA["talks"]]
SLUGS = [talk.slug for talk in TALKS]


def test_article_has_nine_talks() -> None:
    assert len(TALKS) == 9 == len(SLUGS)


def test_build_has_no_warnings(site: Path) -> None:
    assert (site.parent / "warnings.txt").read_text() == ""


@pytest.mark.parametrize(("slug", "talk"), list(zip(SLUGS, TALKS, strict=True)), ids=SLUGS)
def test_talk_page_carries_the_article_facts(page: Page, slug: str, talk: ArticleTalk) -> None:
    soup = page(f"talks/{slug}.html")
    main = soup.select_one("article[role=main]")
    assert main is not None
    assert main.select_one("h1").get_text().strip("¶ ") == talk.title
    card = main.select_one(".talk-card")
    assert card is not None
    assert talk.speaker.casefold() in card.get_text().casefold()
    hrefs = [a["href"] for a in card.select("a[href]")]
    assert talk.twitter in hrefs
    assert talk.slides in hrefs
    assert f"https://www.youtube.com/watch?v={talk.stream}&t={talk.offset}s" in hrefs
    player = main.select_one(".talk-player")
    assert player is not None
    assert player["data-embed"].startswith(
        f"https://www.youtube-nocookie.com/embed/{talk.stream}?start={talk.offset}&"
    )
    assert ARTICLE_URL in [a["href"] for a in main.select("a[href]")]
    when = card.select_one(".talk-card-when").get_text()
    assert "Pakhuis de Zwijger, Amsterdam" in when, "the card says where the talk was"
    assert when.strip().startswith("Keynote") == (slug == "mental-health")
    assert main.find(id="summary") is None, "no stub section: write-ups are listed in the card"
    assert "not been written" not in main.get_text()
    writeups = [f for f in card.select("dt") if f.get_text().startswith("Write-ups")]
    assert len(writeups) == 1, "the card says what has been written about the talk"


def test_overview_grid_links_every_talk(page: Page) -> None:
    grid = page("index.html").select(".sd-row .sd-card .sd-card-title a")
    assert [a["href"] for a in grid] == [f"talks/{s}.html#talk-{s}" for s in SLUGS]
    assert [a.get_text() for a in grid] == [t.title for t in TALKS]


def test_programme_lists_all_talks_in_time_order(page: Page) -> None:
    rows = page("conference/programme.html").select("table.talk-table tbody tr")
    talks = [r for r in rows if r.select_one("a.internal")]
    assert [r.select_one("a.internal")["href"] for r in talks] == [
        f"../talks/{s}.html#talk-{s}" for s in SLUGS
    ]
    stream_links = [r.select("a")[-1]["href"] for r in talks]
    assert stream_links == [
        f"https://www.youtube.com/watch?v={t.stream}&t={t.offset}s" for t in TALKS
    ]


def test_programme_has_the_rest_of_each_day_as_rows(page: Page) -> None:
    tables = page("conference/programme.html").select("table.talk-table")
    rows = [
        [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in t.select("tbody tr")]
        for t in tables
    ]
    day1 = [r for r in rows[0] if not r[3].endswith("into the stream")]
    day2 = [r for r in rows[1] if not r[3].endswith("into the stream")]
    assert day1 == [
        ["12:00", "Registration", "", ""],
        ["13:30", "Welcome, with opening words", "Marc Tamlyn", "its own video"],
    ]
    assert [r[:2] for r in day2] == [
        ["09:30", "Doors open"],
        ["12:00", "Lunch"],
        ["15:00", "Coffee"],
        ["17:30", "Introduction to the sprints"],
    ]
    times = [r[0][:5] for r in rows[1]]
    assert times == sorted(times), "talks and the rest of the day in time order"
    videos = [a["href"] for t in tables for a in t.select("a") if "its own video" in a.get_text()]
    assert videos == [
        "https://www.youtube.com/watch?v=SKqKufjteJU",
        "https://www.youtube.com/watch?v=MgpMh2aXzWM",
    ]


def test_sidebar_lists_talks_in_programme_order(page: Page) -> None:
    sidebar = page("conference/about.html").select_one(".sidebar-tree")
    assert sidebar is not None
    titles = [a.get_text() for a in sidebar.select("a.reference") if "talks/" in a["href"]]
    assert [t for t in titles if t in {x.title for x in TALKS}] == [t.title for t in TALKS]


@pytest.mark.parametrize("fact", DATA["figures"])
def test_conference_figures_on_the_overview_or_about(page: Page, fact: str) -> None:
    text = " ".join(
        " ".join(page(name).select_one("article[role=main]").get_text().split())
        for name in ("index.html", "conference/about.html")
    )
    assert fact.casefold() in text.casefold()


def test_extra_links_and_photo_credit(page: Page) -> None:
    resources = {a["href"] for a in page("conference/resources.html").select("article a[href]")}
    links = DATA["links"]
    assert links["website"] in {h.rstrip("/") for h in resources}
    for stream in links["streams"]:
        assert f"https://www.youtube.com/watch?v={stream}" in resources
    photos = page("conference/photos.html").select_one("article[role=main]")
    hrefs = {a["href"] for a in photos.select("a[href]")}
    assert {links["photos"], links["group-photo"]} <= hrefs
    assert links["photographer"] in photos.get_text()


def test_article_is_credited_on_the_overview(page: Page) -> None:
    main = page("index.html").select_one("article[role=main]")
    credit = [a for a in main.select("a[href]") if a["href"] == ARTICLE_URL]
    assert credit
    assert DATA["author"] in main.get_text()


def test_images_are_the_sites_own_and_no_page_is_empty(site: Path, page: Page) -> None:
    """An image is a file of the site, described for those who cannot see it: none is
    asked of another site. As shipped the site has none; posts bring theirs."""
    for path in site.rglob("*.html"):
        for img in page(str(path.relative_to(site))).select("article img"):
            src = urlsplit(str(img["src"]))
            assert not (src.scheme or src.netloc), (path, img["src"])
            assert (path.parent / src.path).resolve().is_file(), (path, img["src"])
            assert img.get("alt", "").strip(), (path, img["src"])
    assert not (site / "py-modindex.html").exists()
    assert not (site / "genindex.html").exists()
    footer = page("index.html").select_one("footer").get_text()
    assert "the DUTH 2016 knowledge base contributors" in footer


def test_pages_load_only_the_assets_they_use(page: Page) -> None:
    def assets(name: str) -> set[str]:
        soup = page(name)
        urls = [t.get("href") or t.get("src") for t in soup.select("link[rel=stylesheet], script")]
        return {u.split("?")[0].rsplit("/", 1)[-1] for u in urls if u}

    overview, talk, linking = (
        assets(n) for n in ("index.html", "talks/channels.html", "conference/linking.html")
    )
    assert "pygments.css" not in overview | talk, "no code on these pages"
    assert "pygments.css" in linking, "the linking page shows code"
    assert "design-tabs.js" not in overview | talk | linking, "no tab sets anywhere"
    assert {"talks-player.js", "talks-player.css"} <= talk
    assert not {"talks-player.js", "talks-player.css"} & overview


def test_the_keynote_is_marked_in_grid_and_programme(page: Page) -> None:
    cards = page("index.html").select(".sd-row .sd-card")
    marked = [c.select_one(".talk-card-title a").get_text() for c in cards if "Keynote" in c.text]
    assert marked == ["Mental Health"]
    rows = page("conference/programme.html").select("table.talk-table tbody tr")
    marked = [r.select_one("a.internal").get_text() for r in rows if "(keynote)" in r.text]
    assert marked == ["Mental Health"]
