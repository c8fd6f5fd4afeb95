"""An incremental build writes what a clean one writes, and no more than it must.

Every file of the output is compared byte for byte (pages, ``atom.xml``,
``objects.inv``, the search index), after edits whose effect shows on pages
that were not edited (``tests/roots/test-stale``: links into the talks from a
page about no talk, a post, the feed) and along an author's loop with posts
(``tests/roots/test-posts``). A page whose build warned is built again until
its source is fixed, so ``-W`` keeps failing. Adding a post rewrites the pages
that show it and a fixed set, whatever the number of posts.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from .conftest import (
    AUTHORS_LOOP,
    assert_same,
    build_root,
    clean_copy,
    comparable,
    copy_root,
    edit,
    incremental_and_clean,
    save,
    warnings,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.testing.util import SphinxTestApp


# -- pages that show what another page declares ---------------------------------


def rename_speaker(src: Path) -> None:
    # the same slug, so every link still resolves; its text is the new name
    edit(src / "talks" / "one.md", "Ada Lovelace", "Ada Lovélace")


def move_speakers_index(src: Path) -> None:
    edit(src / "people.md", "```{talk-speakers}\n```\n", "")
    edit(src / "elsewhere.md", "# Elsewhere\n", "# Elsewhere\n\n```{talk-speakers}\n```\n")


def move_topics_index(src: Path) -> None:
    edit(src / "people.md", "```{talk-topics}\n```\n", "")
    edit(src / "writing.md", "How to write one.", "How to write one.\n\n```{talk-topics}\n```")


def retitle_linked_post(src: Path) -> None:
    # a post is in no toctree: its title shows only where it is linked or listed
    edit(src / "posts" / "first.md", "# First look at Talk One", "# Talk One, first look")


def retitle_labelled_section(src: Path) -> None:
    # a section of a post, in no toctree: its title shows where {ref} links to it
    edit(src / "posts" / "second.md", "## Side by side", "## Compared")


def move_talk_label(src: Path) -> None:
    # the talk's page changes: every link to talk-two follows it
    (src / "talks" / "two.md").rename(src / "talks" / "deux.md")
    edit(src / "index.md", "talks/two\n", "talks/deux\n")


STALE: dict[str, Callable[[Path], None]] = {
    "rename-speaker": rename_speaker,
    "move-speakers-index": move_speakers_index,
    "move-topics-index": move_topics_index,
    "retitle-linked-post": retitle_linked_post,
    "retitle-labelled-section": retitle_labelled_section,
    "move-talk-label": move_talk_label,
}


@pytest.mark.parametrize("change", STALE)
def test_pages_linking_into_the_talks_follow_an_edit(tmp_path: Path, change: str) -> None:
    incremental, _clean = incremental_and_clean("stale", STALE[change], tmp_path)
    assert warnings(incremental) == []


def test_the_feed_and_the_talk_pages_follow_the_speakers_index(tmp_path: Path) -> None:
    incremental, _clean = incremental_and_clean("stale", move_speakers_index, tmp_path)
    out = Path(incremental.outdir)
    assert "elsewhere.html#speaker-ada-lovelace" in (out / "talks" / "one.html").read_text()
    assert "kb/elsewhere.html#speaker-grace-hopper" in (out / "atom.xml").read_text()


# -- values a page derives from another page, and outputs a setting turns off ------


def move_next_talk(src: Path) -> None:
    # Talk Two (Day 2, from 36:30, 30 minutes) ends where Talk Three starts, now 50:00
    edit(src / "talks" / "three.md", ":offset: 1h15m00s", ":offset: 50m00s")


def move_talk_to_day_one(src: Path) -> None:
    # Talk Three now starts at 1:15:00 of Day 1's stream: Talk One (from 55:09, an
    # hour long) ends there instead of at 1:55:09
    edit(src / "talks" / "three.md", ":day: 2016-11-04", ":day: 2016-11-03")


def change_timezone(src: Path) -> None:
    # the streams' uploadDate, the talks' start and end: +01:00 becomes +00:00
    edit(src / "index.md", ":timezone: Europe/Amsterdam", ":timezone: Europe/London")


DERIVED: dict[str, Callable[[Path], None]] = {
    "move-next-talk": move_next_talk,
    "move-talk-to-day-one": move_talk_to_day_one,
    "change-timezone": change_timezone,
}


def json_ld(app: SphinxTestApp, page: str) -> list[dict[str, Any]]:
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(), "html.parser")
    return [json.loads(s.get_text()) for s in soup.select("script[type='application/ld+json']")]


def talk_end(video: dict[str, Any]) -> int:
    """Where the last of a talk's clips (the talk, then its moments) ends."""
    return max(clip["endOffset"] for clip in video["hasPart"])


@pytest.mark.parametrize("change", DERIVED)
def test_a_value_derived_from_another_page_follows_it(tmp_path: Path, change: str) -> None:
    incremental, _clean = incremental_and_clean("stale", DERIVED[change], tmp_path)
    assert warnings(incremental) == []
    (two,) = json_ld(incremental, "talks/two.html")
    (one,) = json_ld(incremental, "talks/one.html")
    post = json_ld(incremental, "posts/first.html")[-1]  # its player's stream
    expected = {
        "move-next-talk": (talk_end(two["recordedIn"]), 3000),
        "move-talk-to-day-one": (talk_end(one["recordedIn"]), 4500),
        "change-timezone": (post["uploadDate"], "2016-11-03T13:00:00+00:00"),
    }
    got, wanted = expected[change]
    assert got == wanted


def conf(line: str) -> Callable[[Path], None]:
    """A change to the project's conf.py: ``line`` added."""

    def change(src: Path) -> None:
        save(src / "conf.py", f"{(src / 'conf.py').read_text()}{line}\n")

    return change


#: A setting turned off, and what the build wrote for it.
TURNED_OFF = {
    "feeds": (conf('talks_feed_path = ""'), ["atom.xml", "feeds"]),
    "pyvideo": (conf('talks_pyvideo_path = ""'), ["data"]),
}


@pytest.mark.parametrize("setting", TURNED_OFF)
def test_a_setting_turned_off_removes_what_it_wrote(tmp_path: Path, setting: str) -> None:
    change, written = TURNED_OFF[setting]
    incremental, _clean = incremental_and_clean("stale", change, tmp_path)
    assert warnings(incremental) == []
    assert [name for name in written if (Path(incremental.outdir) / name).exists()] == []


def remove_speaker(src: Path) -> None:
    # notes.md still links to grace-hopper: a clean build reports it
    edit(src / "talks" / "two.md", "Grace Hopper | @grace", "Mary Kenneth Keller")


def shorten_talk(src: Path) -> None:
    # the first post's {moment}`12:30` is now past the talk's end
    edit(src / "talks" / "one.md", ":time: 13:45-14:45", ":time: 13:45-13:55")


def remove_linked_post(src: Path) -> None:
    (src / "posts" / "first.md").unlink()
    edit(src / "posts" / "second.md", "[the first post](first.md)", "the first post")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (remove_speaker, "notes.md:3: WARNING: unknown speaker 'grace-hopper'"),
        (
            shorten_talk,
            "first.md:14: WARNING: moment '12:30' (12:30 into the talk) is past the end of Talk One",
        ),
        (remove_linked_post, "notes.md:3: WARNING: 'myst' cross-reference target not found"),
    ],
    ids=["remove-speaker", "shorten-talk", "remove-linked-post"],
)
def test_a_change_elsewhere_warns_where_a_clean_build_would(
    tmp_path: Path, change: Callable[[Path], None], expected: str
) -> None:
    incremental, _clean = incremental_and_clean("stale", change, tmp_path)
    assert any(expected in line for line in warnings(incremental)), warnings(incremental)


# -- -W keeps failing until the source is fixed ----------------------------------


def bad_moment(src: Path) -> None:  # warned while the page is read
    edit(src / "notes.md", "# Notes\n", "# Notes\n\nAt {moment}`soon`.\n")


def undeclared_day(src: Path) -> None:  # warned when the pages are checked together
    edit(src / "index.md", "```{conference-day} 2016-11-04", "```{conference-day} 2016-11-05")


REWARN = {
    "read": (bad_moment, "notes.md:3: WARNING: malformed moment 'soon'"),
    "consistency": (undeclared_day, "two.md:5: WARNING: unknown day '2016-11-04'"),
    "write": (
        shorten_talk,
        "first.md:14: WARNING: moment '12:30' (12:30 into the talk) is past the end of Talk One",
    ),
}


@pytest.mark.parametrize("phase", REWARN)
def test_a_page_that_warned_is_built_again_until_fixed(tmp_path: Path, phase: str) -> None:
    change, expected = REWARN[phase]
    src = copy_root("stale", tmp_path / "src")
    assert build_root(src, fail_on_warnings=True).statuscode == 0
    original = {p: p.read_text() for p in src.rglob("*.md")}
    change(src)
    for build in range(2):
        app = build_root(src, fail_on_warnings=True)
        assert app.statuscode == 1, "-W must keep failing"
        assert any(expected in line for line in warnings(app)), warnings(app)
        if build == 0:
            assert "1 changed" in app.status.getvalue()
            settle(original)  # the next build has nothing new to read
    for path, text in original.items():  # the author fixes the source
        if path.read_text() != text:
            save(path, text)
    fixed = build_root(src, fail_on_warnings=True)
    assert (fixed.statuscode, warnings(fixed)) == (0, [])
    settle(original)
    again = build_root(src, fail_on_warnings=True)
    assert (again.statuscode, warnings(again)) == (0, [])
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue(), "nothing is read again"


def settle(sources: Iterable[Path]) -> None:
    """Sources older than the last build: Sphinx sees nothing new in them."""
    past = time.time() - 60
    for path in sources:
        os.utime(path, (past, past))


# -- the author's loop, with posts ---------------------------------------------


LOOP = AUTHORS_LOOP


@pytest.mark.parametrize("change", LOOP)
def test_the_authors_loop_writes_what_a_clean_build_writes(tmp_path: Path, change: str) -> None:
    incremental, _clean = incremental_and_clean("posts", LOOP[change], tmp_path)
    assert warnings(incremental) == []


# -- an added post rewrites the pages that show it, whatever the number of posts -------

OLD_POST = """# Old post {n}

```{{post}}
:published: {year}-01-{n:02d}
:authors: Ann Author
:talks: one
:topics: engines
:abstract: An older post about Talk One.
```

About {{talk}}`one`.
"""

NEW_POST = """# The newest post

```{post}
:published: 2026-12-20
:authors: Ann Author
:talks: two
:topics: compilers
:abstract: The newest post, about Talk Two.
```

About {talk}`two`.
"""


def add_old_posts(src: Path, count: int) -> None:
    """``count`` posts about Talk One, older than the root's, over three years."""
    for n in range(1, count + 1):
        text = OLD_POST.format(n=n, year=2023 + n % 3)
        (src / "posts" / f"old-{n:02d}.md").write_text(text)


def stamps(app: SphinxTestApp) -> dict[str, int]:
    out = Path(app.outdir)
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.html")}


@pytest.mark.parametrize("older", [0, 14])
def test_an_added_post_rewrites_the_pages_that_show_it(tmp_path: Path, older: int) -> None:
    src = copy_root("stale", tmp_path / "src")
    add_old_posts(src, older)
    before = stamps(build_root(src))
    save(src / "posts" / "newest.md", NEW_POST)
    app = build_root(src)
    assert warnings(app) == []
    after = stamps(app)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert rewritten == {
        "posts/newest.html",  # the post
        "posts/second.html",  # the post before it: its "next in the series"
        "talks/two.html",  # the talk's write-ups
        "posts/index.html",  # the list of posts
        "people.html",  # the speaker's and the topic's write-ups
        "index.html",  # the grid's count of write-ups (and Sphinx writes the root)
        "programme.html",  # the programme's count of write-ups
        "search.html",  # Sphinx writes these on every build
        "genindex.html",
    }


# -- what pages show of many posts -----------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], BeautifulSoup]:
    """The stale root with 14 more posts about Talk One: 18 entries over five years."""
    src = copy_root("stale", tmp_path_factory.mktemp("many") / "src")
    add_old_posts(src, 14)
    app = build_root(src)
    assert warnings(app) == []
    out = Path(app.outdir)
    return lambda name: BeautifulSoup((out / name).read_text(), "html.parser")


def test_a_talk_card_lists_the_newest_writeups_and_counts_the_others(
    many: Callable[[str], BeautifulSoup],
) -> None:
    card = many("talks/one.html").select_one(".talk-card")
    listed = [li.select_one("a").get_text() for li in card.select("ul.talk-writeups > li")]
    assert listed == ["Both talks, side by side", "First look at Talk One", "Old post 14"]
    more = card.select_one(".talks-more")
    assert more.get_text() == "and 13 older write-ups, in the write-ups index."
    assert more.select_one("a")["href"] == "../posts/index.html"


def test_the_posts_index_shows_the_newest_in_full_and_the_others_by_year(
    many: Callable[[str], BeautifulSoup],
) -> None:
    soup = many("posts/index.html")
    full = soup.select("ul.talks-posts > li")
    older = soup.select("ul.talks-posts-older > li")
    assert (len(full), len(full) + len(older)) == (10, 18)
    assert all(li.select_one(".talks-abstract") for li in full)
    assert older[-1].get_text() == "A recap (elsewhere), 2016"
    years = [r.get_text() for r in soup.select("p.rubric")]
    assert years == ["2026", "2025", "2024", "2023", "2016"]
    jumps = soup.select(".talks-years a")
    assert [a.get_text() for a in jumps] == years
    assert all(soup.select_one(a["href"]) is not None for a in jumps)


def test_the_years_of_the_posts_index_are_links_in_the_pdf_too(tmp_path: Path) -> None:
    """Each year the index jumps to has its label in the LaTeX: a rubric's id has none, and
    the PDF's log then warned of undefined references."""
    src = copy_root("stale", tmp_path / "src")
    add_old_posts(src, 14)
    app = build_root(src, "latex")
    assert warnings(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    jumps = re.findall(r"\\hyperref\[\\detokenize\{(posts/index:posts-\d{4})\}\]", tex)
    assert len(jumps) == 5
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    assert [jump for jump in jumps if jump not in labels] == []


def test_the_indexes_list_the_newest_writeups_and_count_the_others(
    many: Callable[[str], BeautifulSoup],
) -> None:
    soup = many("people.html")
    ada = soup.select_one("section#speaker-ada-lovelace")
    line = next(p for p in ada.select("p") if p.get_text().startswith("Write-ups"))
    assert len(line.select("a")) == 3
    assert ada.select_one(".talks-more").get_text().startswith("and 13 older write-ups")
    engines = soup.select_one("section#topic-engines")
    assert [a.get_text() for a in engines.select("li a")] == [
        "Talk One",
        "First look at Talk One",
        "Old post 14",
        "Old post 11",
    ]
    assert engines.select_one(".talks-more").get_text().startswith("and 12 older write-ups")


# -- a page whose toctree lists the edited page -------------------------------------


def add_prose(src: Path) -> None:
    edit(
        src / "talks" / "one.md", "the talk turns to engines.", "the talk turns to engines, twice."
    )


def retitle_talk(src: Path) -> None:
    edit(src / "talks" / "one.md", "# Talk One", "# Talk One, retold")


def hide_toctree(src: Path) -> None:
    edit(src / "index.md", "```{toctree}\n", "```{toctree}\n:hidden:\n\n")


@pytest.mark.parametrize(
    ("hidden", "change", "rewritten"),
    [
        (False, add_prose, True),  # the toctree shows the page's sections
        (True, add_prose, False),  # nothing the index shows changed
        (True, retitle_talk, True),  # the sidebar and the grid show the title
    ],
    ids=["visible-prose", "hidden-prose", "hidden-retitle"],
)
def test_a_toctree_page_is_written_again_when_it_shows_the_change(
    tmp_path: Path, hidden: bool, change: Callable[[Path], None], rewritten: bool
) -> None:
    """Sphinx writes a toctree's page again for any change to a page it lists; where
    the toctree is hidden, only for a change the page shows."""

    src = copy_root("stale", tmp_path / "src")
    before = stamps(build_root(src))
    if hidden:
        hide_toctree(src)
        before = stamps(build_root(src))
        settle(src.rglob("*.md"))  # index.md is not newer than its page any more
    change(src)
    app = build_root(src)
    assert warnings(app) == []
    after = stamps(app)
    assert "talks/one.html" in {name for name in after if after[name] != before[name]}
    assert (after["index.html"] != before["index.html"]) is rewritten
    clean = build_root(clean_copy(src, tmp_path / "clean"))
    assert_same(comparable(app), comparable(clean))
