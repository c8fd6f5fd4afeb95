"""Generated listings: grid, programme, speakers, topics, targets; and roles."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

Pages = "Callable[[str], BeautifulSoup]"


@pytest.fixture
def pages(app: SphinxTestApp) -> Callable[[str], BeautifulSoup]:
    app.build()
    assert app.warning.getvalue() == ""
    return lambda name: BeautifulSoup((app.outdir / name).read_text(), "html.parser")


@pytest.mark.sphinx("html", testroot="listings")
def test_grid_is_in_programme_order(pages: Callable[[str], BeautifulSoup]) -> None:
    cards = pages("index.html").select(".sd-row .sd-card")
    titles = [c.select_one(".sd-card-title a").get_text() for c in cards]
    hrefs = [c.select_one(".sd-card-title a")["href"] for c in cards]
    # source files are zebra, alpha, middle, late: the grid follows the clock
    assert titles == ["First Talk", "Second Talk", "Third Talk", "Fourth Talk"]
    assert hrefs == [
        "zebra.html#talk-first",
        "alpha.html#talk-second",
        "middle.html#talk-third",
        "late.html#talk-fourth",
    ]
    assert "Grace Hopper and Ada Lovelace" in cards[1].get_text()
    assert "Friday 4 November, 16:30–17:30" in cards[3].get_text()


@pytest.mark.sphinx("html", testroot="listings")
def test_programme_by_day_with_offsets(pages: Callable[[str], BeautifulSoup]) -> None:
    tables = pages("index.html").select("table.talk-table")
    assert [t["id"] for t in tables] == ["programme-2016-11-03", "programme-2016-11-04"]
    day2 = tables[1]
    caption = day2.select_one("caption")
    assert caption is not None
    assert caption.get_text().startswith(
        "Day 2, Friday 4 November 2016, 10:00–18:00, at Example Hall, Example Street 1, Amsterdam."
    )
    assert caption.select_one("a")["href"] == "https://www.youtube.com/watch?v=kWH3Waigi5Y"
    rows = [[td.get_text() for td in tr.select("td")] for tr in day2.select("tbody tr")]
    # stream positions in words, never to be read as a time of day
    assert rows == [
        ["10:30–11:00", "Third Talk", "Édouard Lucas", "36 min 30 s into the stream"],
        ["16:30–17:30", "Fourth Talk", "Grace Hopper", "6 h 30 min into the stream"],
    ]
    offsets = [a["href"] for a in day2.select("tbody td:nth-of-type(4) a")]
    assert offsets == [
        "https://www.youtube.com/watch?v=kWH3Waigi5Y&t=2190s",
        "https://www.youtube.com/watch?v=kWH3Waigi5Y&t=23400s",
    ]


@pytest.mark.sphinx("html", testroot="listings")
def test_speakers_index(pages: Callable[[str], BeautifulSoup]) -> None:
    # each speaker is a heading: a reader (and the search) lands on it
    entries = pages("speakers.html").select("section.talk-speaker")
    assert [(s["id"], s.select_one("h2").get_text().strip("¶")) for s in entries] == [
        ("speaker-ada-lovelace", "Ada Lovelace"),
        ("speaker-edouard-lucas", "Édouard Lucas"),
        ("speaker-grace-hopper", "Grace Hopper"),
    ]
    ada = entries[0]
    assert ada.select_one(".talk-speaker-about").get_text() == "@ada · Analytical Engines"
    assert [a.get_text() for a in ada.select("a.internal")] == ["First Talk", "Second Talk"]


@pytest.mark.sphinx("html", testroot="listings")
def test_topics_index(pages: Callable[[str], BeautifulSoup]) -> None:
    topics = pages("topics.html").select("section.talk-topic")
    assert [t["id"] for t in topics] == ["topic-compilers", "topic-engines", "topic-history"]
    compilers = topics[0].select("li a")
    assert [a.get_text() for a in compilers] == ["Second Talk", "Fourth Talk"]


@pytest.mark.sphinx("html", testroot="listings")
def test_targets_table(pages: Callable[[str], BeautifulSoup]) -> None:
    rows = pages("topics.html").select("table#talk-targets tbody tr")
    got = {r.select_one("code").get_text(): r.select_one("a")["href"] for r in rows}
    assert got["talk-first"] == "zebra.html#talk-first"
    assert got["speaker-edouard-lucas"] == "speakers.html#speaker-edouard-lucas"
    assert len(got) == 4 + 3


@pytest.mark.sphinx("html", testroot="listings")
def test_roles(pages: Callable[[str], BeautifulSoup]) -> None:
    links = pages("late.html").select("section > p a.internal")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("First Talk", "zebra.html#talk-first"),
        ("the second one", "alpha.html#talk-second"),
        ("Ada Lovelace", "speakers.html#speaker-ada-lovelace"),
    ]


@pytest.mark.sphinx("html", testroot="escaping")
def test_metadata_text_is_escaped(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    live = [s for s in soup.select("script") if s.get("type") != "application/ld+json"]
    assert not [s for s in live if "alert" in s.get_text()]
    found = soup.select('script[type="application/ld+json"]')
    assert not [d for d in found if "<" in d.get_text()], "JSON-LD cannot close its script"
    assert [d for d in found if "<script>" in json.dumps(json.loads(d.get_text()))]
    assert not soup.select("img")
    text = soup.get_text()
    assert '<script>alert("title")</script>' in text.replace("“", '"').replace("”", '"')
    assert "Mallory <script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "markup in the talk title" in app.warning.getvalue()
