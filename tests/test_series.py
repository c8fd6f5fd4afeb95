"""The whole series: 2014 and 2015 beside 2016, and nothing of 2016 moved."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile
from talks.pyvideo import serialise

from .conftest import (
    ROOT,
    assert_incremental_equals_clean,
    assert_same,
    build_root,
    copy_root,
    edit,
    output,
    quiet_build,
    warnings,
)

# the browser tests' fixtures (Chromium, the real site served as Read the Docs serves it)
from .test_browser import PRIVACY_HOST, Recorder, browser, origin, server  # noqa: F401

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Browser

DATA = Path(__file__).parent / "data" / "series"


def entries(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (URI, display name), read by Sphinx's inventory reader."""
    inventory = InventoryFile.loads(path.read_bytes(), uri="")
    return {
        (objtype, name): (item.uri, item.display_name)
        for objtype, items in inventory.data.items()
        for name, item in items.items()
    }


def test_every_2016_inventory_entry_is_unchanged(site: Path) -> None:
    before = entries(DATA / "objects-2016.inv")
    assert len(before) == 95  # 35 labels, 24 documents, 9 talks, 9 speakers, 18 topics
    now = entries(site / "objects.inv")
    moved = {key: (value, now.get(key)) for key, value in before.items() if now.get(key) != value}
    assert moved == {}


def test_every_2016_page_address_still_exists(
    site: Path, page: Callable[[str], BeautifulSoup]
) -> None:
    pages = (DATA / "pages-2016.txt").read_text().split()
    assert len(pages) == 26
    assert [p for p in pages if not (site / p).is_file()] == []
    for uri, _display in entries(DATA / "objects-2016.inv").values():
        path, _, anchor = uri.partition("#")
        if anchor:
            assert page(path).find(id=anchor), uri


# -- PyVideo: the 2014 folder against PyVideo's, row by row -------------------------

PYVIDEO_2014 = DATA / "pyvideo-2014"
#: The organisers' titles (their talks page) and the slot each was announced for.
TITLES_2014 = {
    "django-orm": "QuerySet.filter() demystified",
    "django-migrations": "Migrations Under The Hood",
    "django-rest-framework": "REST framework: Under The Hood",
    "django-internationalisation": "Django internationalisation",
    "model-meta": "The Meta API",
    "lets-talk-about-templates": "Let's Talk About Templates",
}


def pyvideo_records(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_bytes()) for p in sorted(folder.glob("videos/*.json"))}


def slides_in(description: str) -> str:
    """PyVideo's 2014 records give the slides as the first line: ``Slides: <url>``."""
    first = description.split("\n", 1)[0]
    assert first.startswith("Slides: ")
    return first.removeprefix("Slides: ")


def test_our_serialiser_writes_pyvideos_own_files_byte_for_byte() -> None:
    files = sorted(PYVIDEO_2014.rglob("*.json"))
    assert len(files) == 7
    for path in files:
        assert serialise(json.loads(path.read_bytes())) == path.read_bytes(), path.name


def test_the_2014_folder_replaces_pyvideos_file_for_file(site: Path) -> None:
    ours = site / "data" / "pyvideo" / "django-under-the-hood-2014"
    theirs = pyvideo_records(PYVIDEO_2014)
    found = pyvideo_records(ours)
    assert sorted(found) == sorted(theirs) == sorted(TITLES_2014)
    for slug, record in found.items():
        before = theirs[slug]
        assert record["title"] == TITLES_2014[slug]
        assert record["videos"] == before["videos"]
        assert record["thumbnail_url"] == before["thumbnail_url"]
        assert record["recorded"] == before["recorded"] == "2014-11-14"
        assert record["language"] == before["language"]
        assert record["speakers"] == [unicodedata.normalize("NFC", n) for n in before["speakers"]]
        slides = [link["url"] for link in record["related_urls"] if "Slides" in link["label"]]
        assert slides == [slides_in(before["description"])]
        assert record["tags"]
        raw = (ours / "videos" / f"{slug}.json").read_bytes()
        assert raw == serialise(record)
    assert found["django-orm"]["speakers"] == ["Anssi K\u00e4\u00e4ri\u00e4inen"]
    category = json.loads((ours / "category.json").read_bytes())
    assert category == {
        "title": "Django: Under the Hood 2014",
        "url": "http://2014.djangounderthehood.com/",
        "start_date": "2014-11-14",
        "end_date": "2014-11-15",
    }


def test_there_is_no_2015_folder_and_the_keynote_uses_the_stream(site: Path) -> None:
    folder = site / "data" / "pyvideo"
    assert sorted(p.name for p in folder.iterdir()) == [
        "django-under-the-hood-2014",
        "django-under-the-hood-2016",
    ]
    removed = json.loads(next((DATA / "pyvideo-2016").glob("*.json")).read_bytes())
    gone = removed["videos"][0]["url"].rsplit("=", 1)[-1]
    keynote = (folder / "django-under-the-hood-2016" / "videos" / "mental-health.json").read_text()
    assert gone == "lzg_IH22CvQ"
    assert gone not in keynote
    assert json.loads(keynote)["videos"] == [
        {"type": "youtube", "url": "https://www.youtube.com/watch?v=kWH3Waigi5Y&t=2190s"}
    ]
    page = (site / "talks" / "mental-health.html").read_text()
    assert gone in page  # named, as the upload that is gone, never played or linked
    assert f"v={gone}" not in page
    assert f"embed/{gone}" not in page


# -- the pages of the earlier editions ----------------------------------------------


def test_a_2014_talk_plays_its_own_video_from_its_start(
    page: Callable[[str], BeautifulSoup],
) -> None:
    soup = page("2014/talks/django-migrations.html")
    (player,) = soup.select("div.talk-player")
    assert player["data-embed"] == (
        "https://www.youtube-nocookie.com/embed/-4jhPRfCRSM?start=0&autoplay=1"
    )
    card = soup.select_one(".talk-card").get_text(" ")
    assert "Friday 14 November 2014" in card
    assert "Amsterdam time, inferred" in card
    assert "Pakhuis de Zwijger, Amsterdam" in card
    assert "speakerdeck.com/andrewgodwin/migrations-under-the-hood" in str(
        soup.select_one(".talk-card")
    )
    assert "2014.djangounderthehood.com" in soup.select_one(".talk-card-source").get_text()
    assert soup.find(id="talk-2014-django-migrations") is not None


def test_an_editions_sources_are_credited_on_its_overview_and_its_talks(
    page: Callable[[str], BeautifulSoup],
) -> None:
    """The edition record's sources, after its website: in the overview's facts and in
    each talk's credit line, links in the order the record gives them."""
    kept = {
        "2014": ["https://github.com/djangounderthehood/duh-web/tree/oldsites/2014"],
        "2015": [
            "https://github.com/djangounderthehood/duth-2015-website-archive",
            "https://github.com/djangounderthehood/duh-web/tree/oldsites/2015",
        ],
    }
    talks = {"2014": "django-orm", "2015": "once-upon-a-django"}
    for year, urls in kept.items():
        facts = page(f"{year}/index.html").select_one("dl.talks-conference")
        terms = [dt.get_text() for dt in facts.select("dt")]
        sources = facts.select("dd")[terms.index("Sources")]
        assert [a["href"] for a in sources.select("a")] == urls, year
        credit = page(f"{year}/talks/{talks[year]}.html").select_one(".talk-card-source")
        assert [a["href"] for a in credit.select("a")] == [
            f"http://{year}.djangounderthehood.com/",
            *urls,
        ], year
        assert " ".join(credit.get_text().split()).startswith(
            f"Source: the organisers' website of Django: Under the Hood {year}, "
            f"{year}.djangounderthehood.com, as kept in djangounderthehood/"
        ), year


def test_a_2015_talk_says_no_recording_is_known(page: Callable[[str], BeautifulSoup]) -> None:
    soup = page("2015/talks/once-upon-a-django.html")
    assert soup.select("div.talk-player") == []
    card = " ".join(soup.select_one(".talk-card").get_text(" ").split())
    assert "Recording : None known." in card
    assert "Opbeat" in card
    assert "youtube" not in str(soup.select_one("[role=main]"))


def test_one_person_across_editions(page: Callable[[str], BeautifulSoup]) -> None:
    entry = page("conference/speakers.html").find(id="speaker-andrew-godwin")
    links = [a["href"] for a in entry.select("a.reference.internal")]
    assert "../2014/talks/django-migrations.html#talk-2014-django-migrations" in links
    assert "../talks/channels.html#talk-channels" in links
    assert "@andrewgodwin" in entry.get_text()


def test_grids_per_edition_and_across_the_series(page: Callable[[str], BeautifulSoup]) -> None:
    def talks(name: str) -> list[str]:
        return [str(a["href"]) for a in page(name).select(".talk-card-title a")]

    assert len(talks("index.html")) == 9  # the 2016 overview, as before
    assert all("2014" not in href for href in talks("index.html"))
    assert len(talks("2014/index.html")) == 6
    assert len(talks("2015/index.html")) == 9
    assert len(talks("series.html")) == 24


def test_each_edition_is_an_event_with_its_talks(page: Callable[[str], BeautifulSoup]) -> None:
    def events(name: str) -> list[dict[str, Any]]:
        found = [
            json.loads(s.get_text())
            for s in page(name).select("script[type='application/ld+json']")
        ]
        return [e for e in found if e.get("@type") == "Event"]

    (e2016,) = events("index.html")
    (e2014,) = events("2014/index.html")
    (e2015,) = events("2015/index.html")
    assert (len(e2016["subEvent"]), len(e2014["subEvent"]), len(e2015["subEvent"])) == (9, 6, 9)
    assert (e2014["startDate"], e2014["endDate"]) == ("2014-11-14", "2014-11-15")
    assert e2014["subEvent"][0]["startDate"] == "2014-11-14T10:30:00+01:00"
    (talk,) = events("2014/talks/django-orm.html")
    assert talk["superEvent"]["@id"] == e2014["@id"]
    assert talk["recordedIn"]["url"] == "https://www.youtube.com/watch?v=CGF-0csOjPw"


def test_search_and_sitemap_hold_every_edition(site: Path) -> None:
    index = (site / "searchindex.js").read_text()
    assert "2014/talks/django-orm" in index
    assert "2015/talks/once-upon-a-django" in index
    sitemap = (site / "sitemap.xml").read_text()
    assert "2014/talks/django-orm.html" in sitemap
    assert "2015/talks/expressions.html" in sitemap


def test_names_are_nfc_in_every_source() -> None:
    for path in sorted(
        [*ROOT.glob("2014/**/*.md"), *ROOT.glob("2015/**/*.md"), ROOT / "series.md"]
    ):
        assert unicodedata.is_normalized("NFC", path.read_text()), path


# -- bad input ---------------------------------------------------------------------

BAD = [
    ("bad-year.md:5", "malformed edition '14'; expected its year", "edition"),
    ("edition-dates.md:6", "the edition 2013 is dated 2014-11-14", "edition"),
    ("edition-venue.md:8", "malformed venue 'Example Hall | NL'", "venue"),
    ("edition-sources.md:9", "malformed source 'An archive'; expected 'Title | URL'", "source"),
    ("edition-year.md:3", "malformed edition 'fourteen'", "edition"),
    ("listing-args.md:3", "unexpected argument 'twenty' to talk-grid", "edition"),
    ("listing-args.md:6", "unexpected argument '2014' to talk-speakers", "edition"),
    ("no-recording.md:3", "talk is missing the required field :offset:", "missing"),
    ("unrecorded-offset.md:9", ":unrecorded: says no recording is known", "recording"),
    ("year-slug.md:3", "talk slug '2014-orm' starts with a year and '-'", "slug"),
    ("e2014-again.md:3", "duplicate edition '2014'; already declared in", "duplicate"),
    ("unknown-edition.md:5", "unknown edition 2011; expected one of: 2014", "edition"),
    ("no-edition.md:5", "a day of the edition 2014, but gives no :edition:", "edition"),
    ("outside.md:6", "is dated 2014-11-20, outside the edition 2014", "edition"),
]


@pytest.fixture(scope="module")
def bad_editions(tmp_path_factory: pytest.TempPathFactory) -> str:
    app = build_root(
        ROOT / "tests" / "roots" / "test-bad-editions",
        builddir=tmp_path_factory.mktemp("bad-editions"),
        fail_on_warnings=True,
    )
    assert app.statuscode == 1, "-W must fail the build on bad input"
    return "\n".join(warnings(app))


@pytest.mark.parametrize(("where", "what", "subtype"), BAD)
def test_bad_edition_input_is_located_and_typed(
    bad_editions: str, where: str, what: str, subtype: str
) -> None:
    lines = [line for line in bad_editions.splitlines() if f"/{where}: WARNING: " in line]
    assert any(what in line and line.endswith(f"[talks.{subtype}]") for line in lines), bad_editions


def test_every_bad_edition_warning_is_expected(bad_editions: str) -> None:
    found = [line for line in bad_editions.splitlines() if "WARNING" in line]
    assert len(found) == len(BAD), "\n".join(found)


# -- a site of three editions: moments, equivalence ---------------------------------


def test_moments_of_a_2014_talk_seek_in_its_own_video(tmp_path: Path) -> None:
    app = quiet_build(copy_root("editions", tmp_path / "src"))
    soup = BeautifulSoup((Path(app.outdir) / "posts" / "orm-notes.html").read_text(), "html.parser")
    moments = soup.select("a.talk-moment")
    assert [(m["href"], m["data-embed"]) for m in moments] == [
        (
            f"https://www.youtube.com/watch?v=CGF-0csOjPw&t={s}s",
            f"https://www.youtube-nocookie.com/embed/CGF-0csOjPw?start={s}&autoplay=1",
        )
        for s in (150, 600)
    ]
    assert all(m["data-talk"] == "orm" for m in moments)
    assert "into its video" in moments[0]["aria-label"]
    feed = (Path(app.outdir) / "atom.xml").read_text()
    assert "Notes on the 2014 ORM talk" in feed
    people = (Path(app.outdir) / "people.html").read_text()
    assert "2014/orm.html#talk-2014-orm" in people
    assert "posts/orm-notes.html" in people


def test_three_editions_in_parallel_equal_serial(tmp_path: Path) -> None:
    pages_feeds_folders = (".html", ".xml", ".json", ".inv")
    serial = output(quiet_build(copy_root("editions", tmp_path / "j1")), pages_feeds_folders)
    parallel = output(
        quiet_build(copy_root("editions", tmp_path / "j2"), parallel=2), pages_feeds_folders
    )
    assert_same(parallel, serial)
    assert "data/pyvideo/series-conference-2014/videos/orm.json" in serial
    assert not any(name.startswith("data/pyvideo/series-conference-2015") for name in serial)


def rename_2014(src: Path) -> None:
    edit(src / "2014" / "index.md", ":name: Series Conference 2014", ":name: Series Meeting 2014")


def move_the_2014_talk(src: Path) -> None:
    edit(src / "2014" / "orm.md", ":time: 10:30-11:30", ":time: 11:30-12:30")


def record_the_2015_keynote(src: Path) -> None:
    edit(
        src / "2015" / "keynote.md",
        ":unrecorded: The videos were said to be on a site that is gone.",
        ":video: 3cSsbe-tA0E",
    )


@pytest.mark.parametrize("change", [rename_2014, move_the_2014_talk, record_the_2015_keynote])
def test_three_editions_incremental_equals_clean(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    assert_incremental_equals_clean("editions", change, tmp_path)


# -- in Chromium: from the 2016 overview to a 2014 talk, and play it ---------------


def test_a_reader_goes_from_2016_to_a_2014_talk_and_plays_it(
    browser: Browser,  # noqa: F811
    origin: str,  # noqa: F811
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    recorder = Recorder(page, origin)
    page.goto(f"{origin}/index.html", wait_until="load")
    page.locator("article[role=main]").get_by_role("link", name="The series").click()
    page.get_by_role("link", name="Django: Under the Hood 2014").first.click()
    page.get_by_role("link", name="Migrations Under The Hood").first.click()
    assert page.url.endswith("/2014/talks/django-migrations.html")
    button = page.get_by_role(
        "button", name="Play the recording of Migrations Under The Hood from 0:00"
    )
    assert recorder.foreign == []
    with page.expect_request(lambda r: urlsplit(r.url).hostname == PRIVACY_HOST):
        button.click()
    frame = page.locator(".talk-player iframe")
    assert frame.get_attribute("title") == (
        "Recording of Migrations Under The Hood by Andrew Godwin, from 0:00"
    )
    page.wait_for_timeout(200)
    assert recorder.foreign == [
        "https://www.youtube-nocookie.com/embed/-4jhPRfCRSM?start=0&autoplay=1"
    ]
    page.close()
