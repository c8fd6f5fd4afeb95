"""The authoring loop, followed as the guide gives it, in a fresh clone.

Start a post, build it as a draft, publish it, correct it, take it down: each
step is the guide's command (or the one ``make post`` / ``make publish``
prints), it exits 0 without a warning, and the built site shows the step.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from .conftest import ROOT, edit, write_png
from .loop import (
    fresh_clone,
    guide_command,
    guide_commands,
    ok,
    printed_commands,
    published_posts_of,
    shell,
    write,
)

if TYPE_CHECKING:
    from pathlib import Path

TODAY = datetime.date.today().isoformat()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def listed(html: Path, page: str) -> list[str]:
    """The titles of the posts listed on a page (the write-ups index or a talk's card)."""
    found = soup(html / page).select(".talks-posts .talks-entry-title a, .talk-writeups li > p > a")
    return [a.get_text() for a in found]


def feed_titles(html: Path) -> list[str]:
    feed = feedparser.parse((html / "atom.xml").read_bytes())
    assert not feed.bozo
    return [entry.title for entry in feed.entries]


def not_started(html: Path) -> bool:
    return "has not started yet" in soup(html / "posts" / "index.html").select_one("article").text


def test_readme_commands_are_the_guides() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Writing a summary post\n")[1].split("\n## ")[0]
    blocks = [t.content for t in MarkdownIt().parse(section) if t.info == "console"]
    commands = printed_commands(blocks[0])
    assert len(commands) == 4, blocks
    for command in commands:
        assert command in guide_commands(), f"README shows {command!r}; the guide does not"


def test_one_post_from_start_to_removal(tmp_path: Path) -> None:
    """On the site as it is: as shipped, or already in use (its posts are left alone)."""
    site = fresh_clone(tmp_path / "site", "debugging")
    in_use = bool(published_posts_of(site))
    html = site / "_build" / "html"
    draft, post = site / "posts" / "drafts" / "debugging.md", site / "posts" / "debugging.md"
    title = "Debugging: a summary"

    # start: the draft exists, untracked, and make post prints the guide's next commands
    started = ok(guide_command(r"make post TALK=\w+"), site)
    assert draft.is_file()
    tracked = ["git", "ls-files", "--error-unmatch", draft]
    assert subprocess.run(tracked, cwd=site, capture_output=True).returncode, "untracked"
    preview = guide_command(r"make livehtml DRAFTS=1")
    publish = guide_command(r"make publish POST=\S+")
    assert printed_commands(started) == [preview, publish]

    # a build with drafts: the draft is built, says it is one, and is no post yet
    ok(guide_command(r"make html DRAFTS=1"), site)
    banner = soup(html / "posts" / "drafts" / "debugging.html").select_one("p.talks-draft")
    assert "make html DRAFTS=1" in banner.get_text()
    assert title in listed(html, "posts/index.html")
    assert not_started(html) == (not in_use), "a draft does not start the series"
    assert title not in feed_titles(html)

    # publish: moved (a plain move, git does not know the draft), dated today, built
    write(draft)
    published = ok(publish, site)
    assert post.is_file() and not draft.exists()
    assert f":published: {TODAY}\n" in post.read_text()
    page = soup(html / "posts" / "debugging.html")
    assert page.select_one("h1").get_text().strip("¶") == title
    assert page.select_one(".talks-draft") is None
    assert not (html / "posts" / "drafts" / "debugging.html").exists()
    assert title in listed(html, "posts/index.html")
    assert title in listed(html, "talks/debugging.html")
    assert not not_started(html)
    assert title in feed_titles(html)
    commit = guide_command(r"git add .* && git commit .*")
    assert printed_commands(published) == [commit]
    ok(commit, site)
    assert shell("git status --porcelain", site).stdout == ""

    # correct: a new paragraph and :updated:, then the guide's build
    edit(post, f":published: {TODAY}\n", f":published: {TODAY}\n:updated: 2099-01-02\n")
    edit(post, "## A section of your own", "A correction.\n\n## A section of your own")
    ok(guide_command(r"make html"), site)
    ok(guide_command(r'git commit -m "[^"]*" posts/\S+'), site)
    page = soup(html / "posts" / "debugging.html")
    assert "updated 2 January 2099" in page.select_one(".talks-byline").get_text()
    assert "A correction." in page.select_one("article").get_text()
    feed = feedparser.parse((html / "atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.title == title]
    assert entry.updated.startswith("2099-01-02")

    # remove: the guide's two commands; the post is gone from every page and the feed
    ok(guide_command(r"git rm \S+"), site)
    ok(guide_command(r"make html"), site)  # incremental: no make clean
    ok(guide_command(r'git commit -m "[^"]*"'), site)
    assert shell("git status --porcelain", site).stdout == ""
    assert not post.exists()
    assert not (html / "posts" / "debugging.html").exists()
    assert "debugging.html" not in [
        u for u in (html / "sitemap.xml").read_text().split() if "/posts/" in u
    ]
    assert title not in listed(html, "posts/index.html")
    assert title not in listed(html, "talks/debugging.html")
    assert not_started(html) == (not in_use)
    assert title not in feed_titles(html)


def test_a_post_about_two_talks(tmp_path: Path) -> None:
    site = fresh_clone(tmp_path / "site", "channels-and-testing")
    html = site / "_build" / "html"
    started = ok(guide_command(r"make post TALK=\w+(,[\w-]+)+"), site)
    draft = site / "posts" / "drafts" / "channels-and-testing.md"
    text = draft.read_text()
    assert text.startswith("# Channels and Testing: a summary\n")
    assert ":talks: channels, testing\n" in text
    assert ":topics: channels, async, websockets, testing, django-internals\n" in text
    publish = printed_commands(started)[-1]
    assert publish == "make publish POST=channels-and-testing"

    # an author who added the draft to git: publishing moves it with git
    write(draft)
    ok(f"git add {draft.relative_to(site)}", site)
    ok(publish, site)
    in_git = shell("git ls-files posts", site).stdout.split()
    assert "posts/channels-and-testing.md" in in_git
    assert "posts/drafts/channels-and-testing.md" not in in_git
    title = "Channels and Testing: a summary"
    assert title in listed(html, "talks/channels.html")
    assert title in listed(html, "talks/testing.html")
    assert title in listed(html, "posts/index.html")
    assert title in feed_titles(html)


def test_publish_refuses_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    site = fresh_clone(tmp_path / "site", "debugging", "debuging")
    drafts = site / "posts" / "drafts"
    drafts.mkdir(exist_ok=True)
    (drafts / "debugging.md").write_text((ROOT / "tools" / "example-post.md").read_text())
    cases = {
        "make publish POST=debuging": "no draft posts/drafts/debuging.md; the drafts are: ",
        "make publish POST=debugging DATE=2026-13-01": "malformed date '2026-13-01'",
        "make publish POST=debugging DATE=1.12.2026": "malformed date '1.12.2026'",
        "make publish": "name the draft, for example: make publish POST=debugging",
        # the skeleton as make post wrote it: nothing of the author's yet
        "make publish POST=debugging": "posts/drafts/debugging.md, line 5, is still the "
        "skeleton's: ':authors: Your Name'; write your own before publishing",
    }
    for command, reason in cases.items():
        result = shell(command, site)
        own = [line for line in result.stdout.splitlines() if not line.startswith("make: ***")]
        assert result.returncode == 2, (command, result.stdout)
        assert len(own) == 1 and own[0].startswith("make publish: "), (command, own)
        assert reason in own[0], (command, own)
    (site / "posts" / "debugging.md").write_text("# Already here\n")
    result = shell("make publish POST=debugging", site)
    assert result.returncode == 2
    assert "posts/debugging.md exists already" in result.stdout
    assert (drafts / "debugging.md").read_text().startswith("# Debugging: a summary")
    assert re.search(r"^:published: 2026-12-01$", (drafts / "debugging.md").read_text(), re.M)
    assert shell("git status --porcelain --untracked-files=no", site).stdout == ""


def as_yaml_block(draft: Path) -> None:
    """The draft's post fields as MyST's YAML block (``---`` ... ``---``), without
    :published: (make post wrote one; an author may well drop it)."""
    lines = draft.read_text(encoding="utf-8").splitlines()
    start = lines.index("```{post}")
    end = lines.index("```", start)
    fields = [
        re.sub(r"^:([\w-]+):\s*", r"\1: ", line)
        for line in lines[start + 1 : end]
        if not line.startswith(":published:")
    ]
    lines[start + 1 : end] = ["---", *fields, "---"]
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_publish_carries_the_images_of_posts_that_link_to_each_other(tmp_path: Path) -> None:
    """Two drafts with images, one with its fields as MyST's YAML block, linking to each
    other: published together, images moved, every output and feed showing them."""
    site = fresh_clone(tmp_path / "site", "debugging", "testing")
    html = site / "_build" / "html"
    drafts = site / "posts" / "drafts"
    ok("make post TALK=debugging", site)
    ok("make post TALK=testing", site)
    for slug, other in (("debugging", "testing"), ("testing", "debugging")):
        write(drafts / f"{slug}.md")
        with (drafts / f"{slug}.md").open("a", encoding="utf-8") as draft:
            draft.write(
                f"\n![A diagram](debugging/diagram.png)\n\nSee {{doc}}`{other}`.\n"
                if slug == "debugging"
                else f"\n```{{figure}} shot.png\n:alt: A screen\n\nThe caption.\n```\n\n"
                f"See {{doc}}`{other}`.\n"
            )
    write_png(drafts / "debugging" / "diagram.png")
    write_png(drafts / "shot.png")
    as_yaml_block(drafts / "debugging.md")
    published = ok("make publish POST=debugging,testing DATE=2026-12-02", site)

    assert not list(drafts.rglob("*")), "every draft and file moved"
    assert (site / "posts" / "debugging" / "diagram.png").is_file()
    assert (site / "posts" / "shot.png").is_file()
    text = (site / "posts" / "debugging.md").read_text()
    assert "```{post}\n---\npublished: 2026-12-02\n" in text
    assert ":published: 2026-12-02\n" in (site / "posts" / "testing.md").read_text()
    for slug in ("debugging", "testing"):
        page = soup(html / "posts" / f"{slug}.html")
        (img,) = page.select("article img")
        assert (html / "posts" / str(img["src"])).is_file()
    feed = feedparser.parse((html / "atom.xml").read_bytes())
    base = "https://duth-2016.readthedocs.io/en/latest/"
    # these two posts' entries, whatever posts the clone has published of its own
    ours = [
        e for e in feed.entries if e.link.endswith(("/posts/debugging.html", "/posts/testing.html"))
    ]
    assert len(ours) == 2
    for entry in ours:
        (src,) = [i["src"] for i in BeautifulSoup(entry.content[0].value, "html.parser")("img")]
        assert (html / str(src).removeprefix(base)).is_file(), src
    (commit,) = printed_commands(published)
    assert commit == (
        "git add posts/debugging.md posts/testing.md posts/debugging posts/shot.png && "
        'git commit -m "Publish posts/debugging.md, posts/testing.md"'
    )
    ok(commit, site)
    assert shell("git status --porcelain", site).stdout == ""


def state(site: Path) -> dict[str, bytes]:
    """Every source file of the clone but the build's, and what git has staged."""
    files = {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not {"_build", ".git"} & set(p.relative_to(site).parts)
    }
    files["git status"] = shell("git status --porcelain", site).stdout.encode()
    return files


def test_a_publish_that_cannot_build_changes_nothing(tmp_path: Path) -> None:
    """The draft, its folder of images and git's index are as they were."""
    site = fresh_clone(tmp_path / "site", "debugging")
    drafts = site / "posts" / "drafts"
    ok("make post TALK=debugging", site)
    write(drafts / "debugging.md")
    with (drafts / "debugging.md").open("a", encoding="utf-8") as draft:
        draft.write("\n![A diagram](debugging/diagram.png)\n\nSee {doc}`no-such-post`.\n")
    write_png(drafts / "debugging" / "diagram.png")
    ok("git add posts/drafts", site)  # git mv, then undone
    before = state(site)
    result = shell("make publish POST=debugging", site)
    assert result.returncode != 0
    assert "posts/debugging.md:" in result.stdout and "unknown document" in result.stdout
    last = [line for line in result.stdout.splitlines() if line.startswith("make publish: ")]
    assert last == [
        "make publish: the site does not build with posts/debugging.md, so nothing is "
        "published: posts/drafts/debugging.md and the files used are back where they were. "
        "Fix what the build reports above (it names the post as published), then run "
        "make publish again"
    ]
    assert state(site) == before


REFUSALS = {
    # (what the author did to the draft, the one line make publish says)
    "a missing image": (
        "\n![A diagram](debugging/diagram.png)\n",
        "posts/drafts/debugging.md, line 24: debugging/diagram.png is not there "
        "(posts/drafts/debugging/diagram.png is missing)",
    ),
    "a path out of the drafts": (
        "\n![A diagram](../images/diagram.png)\n",
        "posts/drafts/debugging.md, line 24: ../images/diagram.png is outside posts/drafts/, "
        "so the path would not hold once the post moves; write it from the site's root: "
        "/posts/images/diagram.png",
    ),
    "no post block": (None, "posts/drafts/debugging.md has no post block"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_publish_refuses_what_cannot_succeed_before_changing_anything(
    tmp_path: Path, case: str
) -> None:
    site = fresh_clone(tmp_path / "site", "debugging")
    drafts = site / "posts" / "drafts"
    ok("make post TALK=debugging", site)
    write(drafts / "debugging.md")
    added, reason = REFUSALS[case]
    if added is None:
        text = (drafts / "debugging.md").read_text(encoding="utf-8")
        (drafts / "debugging.md").write_text(text.replace("```{post}", "```{note}"))
    else:
        with (drafts / "debugging.md").open("a", encoding="utf-8") as draft:
            draft.write(added)
    write_png(site / "posts" / "images" / "diagram.png")
    before = state(site)
    result = shell("make publish POST=debugging", site)
    own = [line for line in result.stdout.splitlines() if not line.startswith("make: ***")]
    assert result.returncode == 2, result.stdout
    assert len(own) == 1 and own[0].startswith(f"make publish: {reason}"), own
    assert state(site) == before
