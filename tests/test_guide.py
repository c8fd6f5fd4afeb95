"""The authoring guide's promises: its examples build, ``make post`` starts a post."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, build_root, copy_site, published_posts, warnings, write_png
from .loop import guide_examples

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


@pytest.fixture(scope="module")
def with_guide_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site with a post made of the skeleton and every Markdown example of the guide,
    its images saved where the guide says, beside the post on Channels it links to;
    built as HTML, then as LaTeX: builder -> output folder."""
    src = copy_site(tmp_path_factory.mktemp("guide") / "site")
    text = "\n".join([EXAMPLE.read_text(encoding="utf-8"), *guide_examples()])
    (src / "posts" / "debugging.md").write_text(text, encoding="utf-8")
    for image in sorted(set(re.findall(r"debugging/[\w-]+\.png", text))):
        write_png(src / "posts" / image)
    channels = EXAMPLE.read_text(encoding="utf-8").replace(":talks: debugging", ":talks: channels")
    (src / "posts" / "channels.md").write_text(channels.replace("Debugging:", "Channels:"))
    built: dict[str, Path] = {}
    for builder in ("html", "latex"):
        app = build_root(src, builder)
        assert warnings(app) == [], app.warning.getvalue()
        built[builder] = Path(app.outdir)
    return built


def test_the_guides_examples_build_into_a_post(with_guide_examples: dict[str, Path]) -> None:
    html = with_guide_examples["html"]
    post = BeautifulSoup((html / "posts" / "debugging.html").read_text(), "html.parser")
    article = post.select_one("article")
    text = [a for a in article.select("a[href]") if not a.find_parent(class_="talks-series")]
    hrefs = [a["href"] for a in text]
    assert "../talks/channels.html#talk-channels" in hrefs, "the {talk} link"
    assert hrefs.count("channels.html") == 2, "the post, by {doc} and by its file"
    images = article.select("img")
    assert [img["src"] for img in images] == ["../_images/flame-graph.png"] * 2
    assert all((html / "posts" / str(img["src"])).is_file() for img in images)
    assert article.select_one("figcaption").get_text().strip().startswith("Where a slow page")
    for shown in ("aside.footnote", "div.admonition.note", ".code-block-caption", "blockquote"):
        assert article.select_one(shown) is not None, shown
    assert article.select_one("table") and article.select(".sd-tab-set input")
    assert article.select_one("details.sd-dropdown") and article.select_one(".sd-badge")
    # the feed: every image at an address the build wrote a file for
    feed = feedparser.parse((html / "atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.link.endswith("/posts/debugging.html")]
    base = "https://duth-2016.readthedocs.io/en/latest/"
    sources = [str(i["src"]) for i in BeautifulSoup(entry.content[0].value, "html.parser")("img")]
    assert sources and all((html / s.removeprefix(base)).is_file() for s in sources), sources


def test_the_guides_examples_print(with_guide_examples: dict[str, Path]) -> None:
    latex = with_guide_examples["latex"]
    tex = next(latex.glob("*.tex")).read_text()
    post = tex[tex.index(r"\chapter{Debugging: a summary}") :]
    assert r"\begin{figure}[H]" in post, "the figure stays where it is written"
    assert (latex / "flame-graph.png").is_file()
    for printed in ("Use", "is for tests only", "WSGI servers keep serving", "Forty slides"):
        assert printed in post, printed
