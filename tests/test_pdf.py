"""The PDF, built as Read the Docs builds it, then read back as a reader would.

Read the Docs runs the LaTeX builder (after the HTML one, on the same
doctrees: here, ``other_builds``, on a copy of the session's site build), then
``latexmk -r latexmkrc -pdf -f -dvi- -ps- -jobname=<slug> -interaction=nonstopmode``
with TeX Live; here ``-halt-on-error`` takes the place of ``-f`` so that a TeX error
fails. Debian's TeX Live packages are installed by ``.ci/run``; without
``latexmk`` the tests skip locally and fail in CI. The PDF is read with pypdf:
its outline gives the chapters, its text what is printed, its link annotations
where the links go. Like every site-level test, these run on the site as
shipped and with test posts published (``tests/conftest.py``).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from .conftest import once, published_posts, source_of
from .test_publishing import content_pages
from .test_site import SLUGS, TALKS, ArticleTalk

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import BeautifulSoup

    Page = Callable[[str], BeautifulSoup]

JOBNAME = "duth-2016"  # the name Read the Docs gives the file is the project's slug


@dataclass
class Chapter:
    title: str
    text: str  # as extracted, lines kept
    links: list[str]  # where its link annotations go
    start: int  # its first page (from 0)
    targets: list[int]  # the pages its links inside the PDF land on (footnotes aside)

    @property
    def squashed(self) -> str:
        """The text without any white space: long URLs break across lines."""
        return re.sub(r"\s+", "", self.text)


@dataclass
class Book:
    pages: int
    chapters: list[Chapter]
    tex: str
    log: str  # the TeX log
    build_log: str  # Sphinx's output
    pdf: Path

    @property
    def squashed(self) -> str:
        return "".join(c.squashed for c in self.chapters)


#: A part of the book (an edition of the series) in the PDF's outline: ``I The 2016 edition``.
PART = re.compile(r"[IVX]+ ")


def chapter_entries(outline: list[Any]) -> list[Destination]:
    """The chapters in the outline, in order: the top level's entries, and within a part
    (whose entries follow it as a list) the entries of that list."""
    found: list[Destination] = []
    for at, entry in enumerate(outline):
        if not isinstance(entry, Destination):
            continue
        children = outline[at + 1] if at + 1 < len(outline) else None
        if PART.match(str(entry.title)) and isinstance(children, list):
            found += [child for child in children if isinstance(child, Destination)]
        else:
            found.append(entry)
    return found


def read_book(pdf: Path) -> list[Chapter]:
    reader = PdfReader(pdf)
    top = chapter_entries(reader.outline)
    starts = [reader.get_destination_page_number(entry) for entry in top]
    named = reader.named_destinations
    chapters = []
    for entry, start, end in zip(top, starts, [*starts[1:], len(reader.pages)], strict=True):
        pages = reader.pages[start:end]
        actions = [
            annot.get_object().get("/A", {}) for page in pages for annot in page.get("/Annots", [])
        ]
        links = [str(action["/URI"]) for action in actions if "/URI" in action]
        inside = [str(action["/D"]) for action in actions if action.get("/S") == "/GoTo"]
        targets = [
            reader.get_destination_page_number(named[name])
            for name in inside
            if not name.startswith("Hfootnote.")
        ]
        text = "\n".join(page.extract_text() for page in pages)
        chapters.append(Chapter(str(entry.title), text, links, start, targets))
    return chapters


@pytest.fixture(scope="session")
def book(
    tmp_path_factory: pytest.TempPathFactory, other_builds: dict[str, tuple[Path, str]]
) -> Book:
    """The PDF made from the LaTeX build of ``other_builds``, once per run and site."""
    if shutil.which("latexmk") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide latexmk and TeX Live (see .ci/run)")
        pytest.skip("latexmk and TeX Live are not installed (Debian packages: see .ci/run)")
    latex, build_log = other_builds["latex"]

    def make(out: Path) -> None:
        shutil.copytree(latex, out, dirs_exist_ok=True)
        (tex,) = out.glob("*.tex")
        run = subprocess.run(
            [
                "latexmk",
                "-r",
                "latexmkrc",
                "-pdf",
                "-dvi-",
                "-ps-",
                f"-jobname={JOBNAME}",
                "-interaction=nonstopmode",
                "-halt-on-error",
                tex.name,
            ],
            cwd=out,
            capture_output=True,
            # TeX writes a name as its font encodes it (T1's "ä" is byte 0xe4), not as UTF-8
            encoding="utf-8",
            errors="replace",
            check=False,
        )
        assert run.returncode == 0, run.stdout[-4000:]

    out = once(tmp_path_factory, f"{latex.parent.name}-pdf", make)
    pdf = out / f"{JOBNAME}.pdf"
    return Book(
        pages=len(PdfReader(pdf).pages),
        chapters=read_book(pdf),
        tex=next(out.glob("*.tex")).read_text(),
        log=(out / f"{JOBNAME}.log").read_text(errors="replace"),
        build_log=build_log,
        pdf=pdf,
    )


def title(page: Page, name: str) -> str:
    return page(name).select_one("article[role=main] h1").get_text().strip("¶ ")


def test_chapters_read_like_a_book(book: Book, page: Page, site: Path) -> None:
    titles = [c.title for c in book.chapters]
    # the overview, the talks in programme order, then the programme and the indexes
    assert titles[:11] == [
        title(page, "index.html"),
        title(page, "talks/index.html"),
        *[t.title for t in TALKS],
    ]
    indexes = ["programme", "speakers", "topics"]
    assert titles[11:15] == [
        *[title(page, f"conference/{name}.html") for name in indexes],
        title(page, "posts/index.html"),
    ]
    # then every published post, oldest first, and the write-ups elsewhere
    posts = [post.title for post in published_posts(site)]
    assert titles[15 : 16 + len(posts)] == [*posts, title(page, "posts/elsewhere.html")]
    # the two pages for contributors are appendices, last
    assert titles[-2:] == [
        title(page, "posts/writing.html"),
        title(page, "conference/linking.html"),
    ]
    # every page of the site once, as a chapter of its own
    assert sorted(titles) == sorted(title(page, name) for name in content_pages(site))
    assert book.pages < 90 + 5 * len(posts), "short chapters, no blank pages"
    assert all(c.text.strip() for c in book.chapters)


def test_links_to_posts_land_on_their_chapters(book: Book, page: Page, site: Path) -> None:
    chapters = {c.title: c for c in book.chapters}
    titles = {t.slug: t.title for t in TALKS}
    listing = chapters[title(page, "posts/index.html")]
    posts = published_posts(site)
    for post in posts:
        start = chapters[post.title].start
        assert start in listing.targets, f"the series lists {post.title}"
        for slug in post.talks:
            assert start in chapters[titles[slug]].targets, f"{slug}'s card lists {post.title}"
    for before, after in itertools.pairwise(chapters[p.title] for p in posts):
        assert after.start in before.targets, f"{before.title}: next in the series"
        assert before.start in after.targets, f"{after.title}: previous in the series"


@pytest.mark.parametrize(("slug", "talk"), list(zip(SLUGS, TALKS, strict=True)), ids=SLUGS)
def test_each_talk_chapter_prints_its_facts(book: Book, slug: str, talk: ArticleTalk) -> None:
    (chapter,) = [c for c in book.chapters if c.title == talk.title]
    squashed = chapter.squashed.casefold()
    assert re.sub(r"\s+", "", talk.speaker).casefold() in squashed
    watch = f"https://www.youtube.com/watch?v={talk.stream}&t={talk.offset}s"
    for url in (watch, talk.slides, talk.twitter):
        assert url.casefold() in squashed, url  # printed, for paper
        assert url in chapter.links, url  # and a link, on screen
    assert f"Watch the recording of {talk.title}" in " ".join(chapter.text.split())


def test_recordings_never_in_the_short_form(book: Book) -> None:
    assert "youtu.be" not in book.squashed
    assert "?start=" not in book.squashed
    assert not [link for c in book.chapters for link in c.links if "youtu.be" in link]


def test_names_print_with_their_accents(book: Book) -> None:
    assert "LoïcBistuer" in book.squashed
    assert "KrzysztofŻuraw" in book.squashed
    assert "Missing character" not in book.log


def test_tex_log_has_no_warning(book: Book) -> None:
    lines = [line for line in book.log.splitlines() if "Warning" in line]
    assert [line for line in lines if not line.startswith("Package: ")] == []
    assert "WARNING" not in book.build_log


def test_nothing_prints_past_the_margin(book: Book) -> None:
    """Tables share the column: tabulary squeezed a short column under its words ("MySQ",
    "RETURNI") and code that cannot break (a long identifier) pushed the last one past the
    margin. TeX reports each such line as an overfull box; under 1pt, none shows."""
    overfull = re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", book.log)
    assert max(map(float, overfull), default=0.0) < 1, overfull


def test_images_are_the_sites_own(book: Book) -> None:
    """No image is downloaded at build time: each the PDF includes is a file of the site."""
    assert "(downloading)" not in book.build_log
    assert "sphinxcontribyoutube" not in book.tex
    for name in re.findall(
        r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{([^}]*)\}(\.\w+)\}", book.tex
    ):
        assert (book.pdf.parent / "".join(name)).is_file(), name


#: A figure of the posts in tests/data/posts: (text before it, its caption, text after it).
FIGURES = [
    (
        "A budget measured on a laptop says little",
        "The same list of books, with 101, 2 and 1 queries.",
        "A test can hold a page to its budget",
    ),
    (
        "this one draws the numbers",
        "Likes per day, rising to more than 2.3 trillion stored.",
        "The upgrade from Django 1.3 to 1.8",
    ),
]


def test_figures_stay_where_they_are_written(book: Book, site: Path) -> None:
    """A figure floated away, to a later page, into the middle of a split code listing:
    each is printed after the text before it, and before the text after it."""
    placements = set(re.findall(r"\\begin\{figure\}\[(\w+)\]", book.tex))
    assert placements <= {"H"}, placements
    if not (source_of(site) / "posts" / "query-budget.md").is_file():
        return  # the site without tests/data/posts (whatever posts it has of its own)
    pages = [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(book.pdf).pages]

    def page_of(text: str) -> tuple[int, int]:
        squashed = re.sub(r"\s+", "", text)
        found = [(n, page.index(squashed)) for n, page in enumerate(pages) if squashed in page]
        assert len(found) == 1, (text, [n for n, _ in found])
        return found[0]

    for before, caption, after in FIGURES:
        assert page_of(before) < page_of(caption) < page_of(after), caption


def test_the_book_page_is_for_latex_only(site: Path) -> None:
    assert not (site / "book.html").exists()
    assert "book.html" not in (site / "sitemap.xml").read_text()


def test_the_editions_are_the_books_parts(book: Book) -> None:
    reader = PdfReader(book.pdf)
    parts = [str(e.title) for e in reader.outline if isinstance(e, Destination)]
    assert [p for p in parts if PART.match(p)] == ["I The 2016 edition", "II The earlier editions"]
    chapters = [c.title for c in book.chapters]
    assert chapters.index("The series, 2014 to 2016") > chapters.index("The talks as data")
    (godwin,) = [c for c in book.chapters if c.title == "Migrations Under The Hood"]
    assert "https://www.youtube.com/watch?v=-4jhPRfCRSM&t=0s" in godwin.links
