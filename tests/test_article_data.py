"""``tests/data/article.toml`` says what the source article says.

The article is not part of this repository. Where a copy sits beside it
(``../shared/seeds/``, as on the team's machines and in CI), its talk blocks
are parsed and compared with the data file field by field; elsewhere the
comparison is skipped with the reason, and the rest of the suite still runs
on the data file.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT
from .test_site import DATA, TALKS, ArticleTalk

ARTICLE = ROOT.parent / "shared" / "seeds" / "000_8049dff4ee8f03f1.txt"


def seconds(stamp: str) -> int:
    parts = {unit: int(value) for value, unit in re.findall(r"(\d+)([hms])", stamp)}
    return sum(parts.get(unit, 0) * size for unit, size in (("h", 3600), ("m", 60), ("s", 1)))


def article_talks(text: str) -> list[ArticleTalk]:
    soup = BeautifulSoup(text, "html.parser")
    talks = []
    for block, expected in zip(soup.select("div.six.columns"), TALKS, strict=True):
        heading = block.select_one("h5")
        speaker = heading.select_one("small").extract().get_text().removeprefix("By ")
        links = {a.get_text().strip(): a["href"] for a in block.select("a")}
        recording = urlsplit(links["Recording"])
        talks.append(
            ArticleTalk(
                slug=expected.slug,  # the article has no slugs; ours are by position
                title=heading.get_text().strip(),
                speaker=speaker.strip().title(),  # printed in capitals there
                twitter=next(h for t, h in links.items() if t.startswith("@")),
                slides=urljoin(DATA["url"], str(links["Slides"])),
                stream=recording.path.strip("/"),
                offset=seconds(parse_qs(recording.query)["t"][0]),
            )
        )
    return talks


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"the source article is not beside this repository ({ARTICLE})")
    return ARTICLE.read_text(encoding="utf-8")


def test_data_file_holds_nine_talks() -> None:
    assert len(TALKS) == 9
    assert len({t.slug for t in TALKS}) == 9


def test_talks_match_the_article(article: str) -> None:
    parsed = article_talks(article)
    for got, expected in zip(parsed, TALKS, strict=True):
        assert got == expected


def test_figures_and_links_are_in_the_article(article: str) -> None:
    text = " ".join(article.split()).casefold()
    for fact in DATA["figures"]:
        assert fact.casefold() in text, fact
    links = DATA["links"]
    for url in (links["website"], links["photos"], links["group-photo"]):
        assert url in article
    assert links["photographer"] in article
    for stream in links["streams"]:
        assert f"https://youtu.be/{stream}" in article
    assert re.search(r"^date: 2016-11-08", article, re.MULTILINE)
