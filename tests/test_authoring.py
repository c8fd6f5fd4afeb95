"""What an author reads on the site: the draft banner, the series before its first post."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from .conftest import build_root, copy_root, published_posts

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def not_started(outdir: Path) -> Tag | None:
    index = BeautifulSoup((outdir / "posts" / "index.html").read_text(), "html.parser")
    return index.select_one(".talks-not-started")


def test_the_draft_banner_names_what_the_author_types(tmp_path: Path) -> None:
    app = build_root(copy_root("posts", tmp_path / "src"), talks_drafts=True)
    assert app.warning.getvalue() == ""
    draft = BeautifulSoup((app.outdir / "posts/drafts/wip.html").read_text(), "html.parser")
    banner = draft.select_one("p.talks-draft").get_text()
    assert "make html DRAFTS=1" in banner
    assert "make livehtml DRAFTS=1" in banner
    assert "talks_drafts" not in banner


def test_before_the_first_post_the_index_says_so_and_links_the_guide(tmp_path: Path) -> None:
    """Two posts: no such line. Only a draft, built: the series has still not started."""
    src = copy_root("posts", tmp_path / "src")
    assert not_started(build_root(src).outdir) is None
    shutil.rmtree(src / "_build")
    for name in ("first.md", "second.md"):
        (src / "posts" / name).unlink()
    app = build_root(src, talks_drafts=True)
    assert app.warning.getvalue() == ""
    line = not_started(app.outdir)
    assert line is not None
    assert (
        line.get_text()
        == "The series of summaries has not started yet: Writing a summary explains how to write one."
    )
    assert line.select_one("a")["href"] == "../writing.html"
    # and without a guide, the sentence alone
    shutil.rmtree(app.outdir.parent)
    app = build_root(src, talks_drafts=True, talks_guide="")
    line = not_started(app.outdir)
    assert line.get_text() == "The series of summaries has not started yet."


def test_the_site_says_its_series_has_not_started_until_it_has(
    site: Path, page: Callable[[str], BeautifulSoup]
) -> None:
    """As shipped, the site has no post; with posts published, the line is gone."""
    line = page("posts/index.html").select_one(".talks-not-started")
    if published_posts(site):
        assert line is None
    else:
        assert (
            "has not started yet: Writing a summary explains how to write one." in line.get_text()
        )
    prose = page("posts/index.html").select_one("article section > p").get_text()
    assert "not started" not in prose
