"""Key moments: each day's stream whole, its talks as chapters; a post's moments too.

Google reads a video's chapters from schema.org ``Clip`` parts of a
``VideoObject`` on a page that plays it: one start per clip, each with an end
and a URL that starts playback there. The offsets are checked against the
source article's facts (``tests/data/article.toml``), not against our records.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from .conftest import build_root, copy_root
from .test_site import TALKS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    Page = Callable[[str], BeautifulSoup]


def structured(soup: BeautifulSoup) -> list[dict[str, Any]]:
    return [json.loads(s.string) for s in soup.select("script[type='application/ld+json']")]


def videos(soup: BeautifulSoup) -> list[dict[str, Any]]:
    return [d for d in structured(soup) if d["@type"] == "VideoObject"]


def assert_key_moments(video: dict[str, Any]) -> None:
    """Google's rules: clips in order, one per start, each ending after it starts, each URL
    opening the video at its start."""
    clips = video["hasPart"]
    starts = [c["startOffset"] for c in clips]
    assert starts == sorted(set(starts)), "one clip per start, in order"
    for clip, after in zip(clips, [*clips[1:], None], strict=True):
        assert clip["@type"] == "Clip" and clip["name"]
        assert clip["startOffset"] < clip["endOffset"]
        if after is not None:
            assert clip["endOffset"] <= after["startOffset"]
        assert clip["url"] == f"{video['url']}&t={clip['startOffset']}s"


def test_each_day_stream_plays_on_the_programme_with_its_talks_as_chapters(page: Page) -> None:
    soup = page("conference/programme.html")
    found = {v["url"].rsplit("=", 1)[1]: v for v in videos(soup)}
    streams = sorted({talk.stream for talk in TALKS})
    assert sorted(found) == streams
    for stream in streams:
        video = found[stream]
        assert_key_moments(video)
        expected = sorted(t.offset for t in TALKS if t.stream == stream)
        assert [c["startOffset"] for c in video["hasPart"]] == expected
        # the page plays that video: its player is the entity's @id
        anchor = video["@id"].rsplit("#", 1)[1]
        player = soup.select_one(f"#{anchor}.talk-player")
        assert player is not None and stream in player["data-embed"]


@pytest.mark.parametrize("talk", TALKS, ids=[t.slug for t in TALKS])
def test_a_talk_is_a_chapter_of_its_day_stream(page: Page, talk: Any) -> None:
    (event,) = [d for d in structured(page(f"talks/{talk.slug}.html")) if d["@type"] == "Event"]
    video = event["recordedIn"]
    assert_key_moments(video)
    assert video["url"].endswith(talk.stream)
    assert video["hasPart"][0]["startOffset"] == talk.offset
    # the same stream as on the programme, by @id
    programme = {v["@id"] for v in videos(page("conference/programme.html"))}
    assert video["@id"] in programme


def test_a_posts_moments_are_chapters_of_the_talk_it_plays(tmp_path: Path) -> None:
    app = build_root(copy_root("posts", tmp_path / "src"))
    soup = BeautifulSoup((app.outdir / "posts" / "first.html").read_text(), "html.parser")
    (video,) = videos(soup)  # the player plays talk one; talk two has no player here
    assert_key_moments(video)
    one = 55 * 60 + 9
    clips = {c["startOffset"]: c for c in video["hasPart"]}
    assert sorted(clips) == [one, one + 12 * 60 + 30]  # the talk, and its moment 12:30
    assert clips[one]["name"] == "Talk One (Ada Lovelace)"
    assert clips[one]["endOffset"] == one + 750  # chapters follow each other
    assert clips[one + 750]["name"].startswith("At 12:30 the speaker shows the engine")
    assert clips[one + 750]["endOffset"] == one + 3600  # the talk's scheduled end
