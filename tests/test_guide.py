"""The authoring guide's promises: its example builds, ``make post`` starts a post."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, build_root, copy_site, published_posts, warnings

if TYPE_CHECKING:
    from collections.abc import Callable

EXAMPLE = ROOT / "tools" / "example-post.md"


def test_the_guide_shows_the_example_verbatim(page: Callable[[str], BeautifulSoup]) -> None:
    blocks = [pre.get_text() for pre in page("posts/writing.html").select("div.highlight pre")]
    assert EXAMPLE.read_text(encoding="utf-8") in blocks


@pytest.fixture(scope="module")
def with_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, with the guide's example published as it is."""
    src = copy_site(tmp_path_factory.mktemp("example") / "site")
    shutil.copy(EXAMPLE, src / "posts" / "example.md")
    app = build_root(src)
    assert app.warning.getvalue() == "", app.warning.getvalue()
    return app.outdir


def test_the_example_builds_into_a_post(with_example: Path) -> None:
    post = BeautifulSoup((with_example / "posts" / "example.html").read_text(), "html.parser")
    assert post.select_one("h1").get_text().strip("¶") == "Debugging: a summary"
    assert post.select_one(".talks-covers a")["href"] == "../talks/debugging.html#talk-debugging"
    assert post.select_one(".talk-player")["data-talk"] == "debugging"
    moments = [(a.get_text(), a["href"]) for a in post.select("a.talk-moment")]
    assert moments == [
        ("12:30", "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=12398s"),  # 3:14:08 + 12:30
        ("5:00", "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=8530s"),  # 2:17:10 + 5:00
    ]
    talk = BeautifulSoup((with_example / "talks" / "debugging.html").read_text(), "html.parser")
    listed = [a.get_text() for a in talk.select(".talk-writeups li > p > a")]
    example, recap = "Debugging: a summary", "Django Under The Hood 2016 recap"
    assert listed.index(example) < listed.index(recap), "newest first"
    feed = feedparser.parse((with_example / "atom.xml").read_bytes())
    assert not feed.bozo
    # with any posts the site has published: the feed carries the newest
    posts = published_posts(with_example)
    assert "posts/example" in [post.docname for post in posts]
    assert [e.title for e in feed.entries] == [post.title for post in posts[::-1][:20]]
    sitemap = (with_example / "sitemap.xml").read_text()
    assert "https://duth-2016.readthedocs.io/en/latest/posts/example.html" in sitemap


def test_a_published_post_is_a_chapter_of_the_pdf(with_example: Path) -> None:
    """Without an edit of the book (talks.formats; test_pdf.py reads the whole PDF)."""
    site = with_example.parent.parent  # the sources: <site>/_build/html
    app = build_root(site, buildername="latex")
    assert warnings(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert r"\chapter{Debugging: a summary}" in tex


def make_post(site: Path, talk: str) -> subprocess.CompletedProcess[str]:
    """``make post`` in a copy of the site, with this checkout's virtual environment."""
    return subprocess.run(
        ["make", "--no-print-directory", "post", f"TALK={talk}", f"VENV={ROOT / '.venv'}"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MAKEFLAGS": ""},
    )


def test_make_post_refuses_an_unknown_talk(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    drafts = site / "posts" / "drafts"
    before = sorted(drafts.rglob("*")) if drafts.exists() else []
    result = make_post(site, "debuging")
    assert result.returncode != 0
    assert "unknown talk 'debuging'; expected one of: channels, database-backends" in result.stderr
    several = make_post(site, "channels,debuging")
    assert several.returncode == 2
    assert "unknown talk 'debuging'; expected one of: channels, database-backends" in several.stderr
    assert (sorted(drafts.rglob("*")) if drafts.exists() else []) == before, "no draft begun"


def test_make_post_starts_a_draft_that_builds(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    result = make_post(site, "oss-funding")
    assert result.returncode == 0, result.stderr
    draft = site / "posts" / "drafts" / "oss-funding.md"
    text = draft.read_text()
    assert text.startswith("# OSS Funding: a summary\n")
    assert ":talks: oss-funding\n" in text
    assert ":topics: funding, open-source, community\n" in text
    assert make_post(site, "oss-funding").returncode != 0, "an existing draft is never overwritten"
    # that a build without talks_drafts skips a draft is test_posts' (tiny root, same setting)
    drafts = build_root(site, talks_drafts=True)
    assert drafts.warning.getvalue() == ""
    page = BeautifulSoup(
        (drafts.outdir / "posts" / "drafts" / "oss-funding.html").read_text(), "html.parser"
    )
    assert page.select_one(".talks-draft") is not None
