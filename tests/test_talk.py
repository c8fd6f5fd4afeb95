"""A talk page: its card and its recording, rendered from the talk record."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from pytest_regressions.file_regression import FileRegressionFixture
    from sphinx.testing.util import SphinxTestApp


@pytest.fixture
def talk_page(app: SphinxTestApp) -> BeautifulSoup:
    app.build()
    assert app.warning.getvalue() == ""
    return BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")


@pytest.mark.sphinx("html", testroot="talk")
def test_card_and_embed_snapshot(
    talk_page: BeautifulSoup, file_regression: FileRegressionFixture
) -> None:
    section = talk_page.select_one("section#talk-debugging")
    assert section is not None
    parts = [section.select_one(".talk-card"), section.select_one(".talk-player")]
    file_regression.check("\n".join(p.prettify() for p in parts if p), extension=".html")


@pytest.mark.sphinx("html", testroot="talk")
def test_card_facts(talk_page: BeautifulSoup) -> None:
    card = talk_page.select_one(".talk-card")
    assert card is not None
    links = {a.get_text(): a["href"] for a in card.select("a")}
    assert links["@aymericaugustin"] == "https://twitter.com/aymericaugustin"
    assert links["from 3 h 14 min 8 s into the Day 1 live stream"] == (
        "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=11648s"
    )
    assert links["as a video of its own"] == "https://www.youtube.com/watch?v=5fheDDj3oHY"
    assert links["on simpleisbetterthancomplex.com"].endswith("/media/2016/11/debugging.pdf")
    assert links["on Speaker Deck"].startswith("https://speakerdeck.com/")
    assert card.select_one(".talk-card-when").get_text().strip() == (
        "Thursday 3 November 2016 · 16:15–17:15 (Amsterdam time) · Day 1 · Example Hall, Amsterdam"
    )
    programme_title = [dt for dt in card.select("dt") if "Title in the programme" in dt.text]
    assert programme_title[0].find_next_sibling("dd").get_text().strip() == "Debugging Performance"


@pytest.mark.sphinx("html", testroot="talk")
def test_recording_starts_at_offset_in_privacy_mode(talk_page: BeautifulSoup) -> None:
    player = talk_page.select_one(".talk-player")
    assert player is not None
    assert player["data-embed"] == (
        "https://www.youtube-nocookie.com/embed/rsEkQbMLCH4?start=11648&autoplay=1"
    )
    start = player.select_one("a.talk-player-start")
    assert start is not None
    assert start["href"] == "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=11648s"
    assert start.get_text() == "Play the recording of Debugging from 3:14:08"
    poster = player.select_one(".talk-player-poster")
    assert poster is not None
    assert [s.get_text() for s in poster.select("span")] == [
        "",
        "Debugging",
        "Aymeric Augustin",
        "From 3 h 14 min 8 s into the Day 1 live stream",
    ]
    # nothing on the page loads from YouTube by itself
    assert not talk_page.select("iframe")
    assert not [t for t in talk_page.select("[src]") if "youtube" in t["src"]]


@pytest.mark.sphinx("html", testroot="talk")
def test_player_assets_only_on_pages_with_a_player(talk_page: BeautifulSoup) -> None:
    scripts = [s.get("src", "").split("?")[0] for s in talk_page.select("script")]
    styles = [s.get("href", "").split("?")[0] for s in talk_page.select("link[rel=stylesheet]")]
    assert "_static/talks-player.js" in scripts
    assert "_static/talks-player.css" in styles


@pytest.mark.sphinx("html", testroot="listings")
def test_no_player_assets_without_a_player(app: SphinxTestApp) -> None:
    app.build()
    assert "talks-player" in (app.outdir / "index.html").read_text()  # the days' streams
    html = (app.outdir / "speakers.html").read_text()
    assert "talks-player" not in html
