"""Every output carries every post (talks.outputs), on the tiny root test-outputs.

Its posts are in no toctree and its PDF's book does not list them; their file
names sort against their publication order; a draft waits under
``posts/drafts``. Each output is read back as a reader's program would: the
ePub's spine and navigation, the PDF's chapters (the LaTeX source: test_pdf.py
reads the real site's PDF), the single page's parts and links.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from .conftest import build_root, clean_copy, copy_root, edit, output, save, warnings

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: Oldest first: the order of every output.
POSTS = ["posts/zeta", "posts/alpha"]
#: The site's pages in its toctrees' order, with the posts after their series page.
SITE = ["index", "talks/one", "talks/two", "posts/index", *POSTS, "posts/elsewhere"]
SITE += ["posts/guide", "about"]
#: The book's chapters: its toctree's pages, the posts after the series page, the appendix.
BOOK = ["index", "talks/one", "talks/two", "posts/index", *POSTS, "posts/elsewhere", "about"]
BOOK += ["posts/guide"]
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
OPF = {"opf": "http://www.idpf.org/2007/opf"}
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def epub_order(outdir: Path) -> tuple[list[str], list[str]]:
    """The ePub's reading order (its linear spine) and its navigation, as pages."""
    (book,) = outdir.glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        opf = ElementTree.fromstring(epub.read("content.opf"))
        nav = ElementTree.fromstring(epub.read("nav.xhtml"))
    files = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:item", OPF)}
    spine = [
        str(files[ref.get("idref")]).removesuffix(".xhtml")
        for ref in opf.iterfind(".//opf:itemref", OPF)
        if ref.get("linear") != "no"
    ]
    links = [str(a.get("href")) for a in nav.iterfind(".//x:nav//x:a", XHTML)]
    return spine, [href.removesuffix(".xhtml") for href in links if "#" not in href]


def latex_order(app: SphinxTestApp) -> list[str]:
    """The pages of the PDF in order: LaTeX labels the start of each ``page::doc``."""
    tex = (app.outdir / "book.tex").read_text()
    return re.findall(r"\\label\{\\detokenize\{([^}]*)::doc\}\}", tex)[1:]  # [0]: the book


def single_page(app: SphinxTestApp) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")


def single_page_order(soup: BeautifulSoup) -> list[str]:
    """The pages of the single page in order, from where each starts."""
    starts = soup.select('article span[id^="document-"]')
    return [str(span["id"]).removeprefix("document-") for span in starts]


def test_the_epub_reads_and_lists_the_posts_after_their_series_page(tmp_path: Path) -> None:
    src = copy_root("outputs", tmp_path / "src")
    assert warnings(build_root(src)) == []  # the web pages first, on the same doctrees
    app = build_root(src, "epub")
    assert warnings(app) == []
    spine, nav = epub_order(app.outdir)
    assert spine == [*SITE, "genindex"], "no page is left out of the reading order"
    assert nav == SITE


def test_each_post_is_a_chapter_of_the_pdf_after_the_series_page(tmp_path: Path) -> None:
    src = copy_root("outputs", tmp_path / "src")
    assert warnings(build_root(src)) == []
    app = build_root(src, "latex")
    assert warnings(app) == []
    assert latex_order(app) == BOOK
    tex = (app.outdir / "book.tex").read_text()
    chapters = re.findall(r"\\chapter\{(.*?)\}", tex)
    assert chapters[4:6] == ["The first post", "The second post"]
    # links to a post and to a section of one are links inside the PDF, not printed titles
    second = tex[tex.index(r"\chapter{The second post}") : tex.index(r"\chapter{Elsewhere}")]
    assert r"\hyperref[\detokenize{posts/zeta::doc}]" in second
    assert r"\hyperref[\detokenize{posts/zeta:a-section-of-its-own}]" in second
    assert r"\label{\detokenize{posts/zeta:a-section-of-its-own}}" in tex
    assert "Work in progress" not in tex, "a draft is no chapter of a normal build"


def test_the_single_page_holds_every_post_and_every_link_lands(tmp_path: Path) -> None:
    app = build_root(copy_root("outputs", tmp_path / "src"), "singlehtml")
    assert warnings(app) == []
    soup = single_page(app)
    assert single_page_order(soup) == SITE
    for docname, title in zip(POSTS, ["The first post", "The second post"], strict=True):
        start = soup.find(id=f"document-{docname}")
        assert start.find_next(HEADINGS).get_text().strip("¶ ") == title
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    links = [str(a["href"]) for a in soup.select('a[href^="#"]') if a["href"] != "#"]
    assert "#document-posts/zeta" in links and "#a-section-of-its-own" in links
    assert [href for href in links if ids[href[1:]] != 1] == []
    contents = [str(a["href"]) for a in soup.select(".sidebar-tree a")]
    assert contents == [f"#document-{docname}" for docname in SITE[1:]], "in its contents too"
    assert "Work in progress" not in soup.get_text()


def test_the_web_pages_never_list_the_posts_in_their_sidebar(tmp_path: Path) -> None:
    src = copy_root("outputs", tmp_path / "src")
    site = output(build_root(src))
    sidebar = BeautifulSoup(site["about.html"], "html.parser").select(".sidebar-tree a")
    hrefs = [str(a["href"]) for a in sidebar]
    assert "posts/index.html" in hrefs and "posts/guide.html" in hrefs
    assert not [h for h in hrefs if h.startswith(("posts/zeta", "posts/alpha"))]
    for builder in ("epub", "singlehtml", "latex"):  # each stores its environment
        build_root(src, builder)
        assert output(build_root(src)) == site, f"the web pages after {builder}"
        # a page written again after it has the sidebar of a clean build
        save(src / "about.md", f"# About\n\nThe last page of the site, after {builder}.\n")
        got = output(build_root(src))
        assert got == output(build_root(clean_copy(src, tmp_path / builder)))
        site = got


def epub_contents(app: SphinxTestApp) -> list[str]:
    return epub_order(app.outdir)[1]


def single_page_contents(app: SphinxTestApp) -> list[str]:
    return single_page_order(single_page(app))


ORDER: dict[str, Callable[[SphinxTestApp], list[str]]] = {
    "epub": epub_contents,
    "latex": latex_order,
    "singlehtml": single_page_contents,
}


@pytest.mark.parametrize("builder", ORDER)
def test_a_post_published_between_two_builds_joins_in_its_place(
    tmp_path: Path, builder: str
) -> None:
    src = copy_root("outputs", tmp_path / "src")
    build_root(src, builder)
    text = (src / "posts" / "alpha.md").read_text()
    save(src / "posts" / "middle.md", text.replace("2026-12-01", "2026-11-15"))
    edit(src / "posts" / "alpha.md", "# The second post", "# The last post")
    app = build_root(src, builder)
    assert warnings(app) == []
    order = ORDER[builder](app)
    at = order.index("posts/index")
    assert order[at : at + 4] == ["posts/index", "posts/zeta", "posts/middle", "posts/alpha"]
    if builder == "latex":
        assert r"\chapter{The last post}" in (app.outdir / "book.tex").read_text()


def located(found: list[str]) -> dict[str, str]:
    """Warnings by the file they name."""
    return dict(w.split(": WARNING: ", 1) for w in found)  # type: ignore[misc]


def test_a_page_no_toctree_leads_to_is_reported_where_it_is(tmp_path: Path) -> None:
    src = copy_root("outputs", tmp_path / "src")
    save(src / "notes.md", "---\norphan: true\n---\n\n# Notes\n\n```{toctree}\nmore\n```\n")
    save(src / "more.md", "# More\n\nOnly in the toctree of a page in none.\n")
    for builder in ("html", "latex"):
        found = located(warnings(build_root(src, builder)))
        assert sorted(found) == [str(src / "more.md"), str(src / "notes.md")], builder
        for message in found.values():
            assert message.startswith("no toctree leads here from the root page, so the ePub")
            assert message.endswith(
                "add it to the toctree of a page of the site (and to the book, for the PDF) "
                "[talks.outputs]"
            )


def test_posts_with_no_way_in_are_reported_where_they_are(tmp_path: Path) -> None:
    src = copy_root("outputs", tmp_path / "src")
    edit(src / "posts" / "index.md", "```{post-list}\n```\n", "")
    found = located(warnings(build_root(src)))
    assert sorted(found) == [str(src / "posts" / "alpha.md"), str(src / "posts" / "zeta.md")]
    assert set(found.values()) == {
        "no page lists the posts, so the ePub and the single page leave this post out: "
        "add post-list to a page of the site [talks.outputs]"
    }


def test_posts_after_a_series_page_no_toctree_leads_to_are_reported(tmp_path: Path) -> None:
    src = copy_root("outputs", tmp_path / "src")
    edit(src / "index.md", "posts/index\n", "")
    found = located(warnings(build_root(src)))
    for post in ("alpha", "zeta"):
        assert found[str(src / "posts" / f"{post}.md")] == (
            "posts follow posts/index, which no toctree leads to from the root page, so the "
            "ePub and the single page leave this post out: add posts/index to the toctree of "
            "a page of the site [talks.outputs]"
        )
    assert "isn't included in any toctree" in found[str(src / "posts" / "index.md")]


@pytest.mark.parametrize(
    ("field", "wrong"),
    [(":published: 2026-12-01", ":published: 1 December 2026"), (":authors: Bob Writer\n", "")],
)
def test_a_post_with_a_mistake_is_one_warning_not_an_orphan_page(
    tmp_path: Path, field: str, wrong: str
) -> None:
    """A post whose fields fail is no post of the series, yet no page to add to a toctree
    either: its mistake is the one warning (found by an author who mistyped a date)."""
    src = copy_root("outputs", tmp_path / "src")
    edit(src / "posts" / "alpha.md", field, wrong)
    for builder in ("html", "epub"):
        found = warnings(build_root(src, builder))
        assert len(found) == 1, (builder, found)
        assert "alpha.md:" in found[0] and "[talks.post]" in found[0], found
