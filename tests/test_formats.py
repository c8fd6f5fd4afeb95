"""Non-HTML builders: the ePub crash fix, recordings as timestamped links, the
PDF's book and the single page (talks.handlers, talks.book, talks.single_page,
on the tiny root test-formats).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from .conftest import build_root, copy_root, output, warnings

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("epub", testroot="epub")
def test_epub_writes_sphinx_design_nodes(app: SphinxTestApp) -> None:
    # sphinxcontrib-youtube registers ePub handlers; without talks.handlers the
    # ePub builder then has none for sphinx-design's PassthroughTextElement.
    app.build()
    assert app.warning.getvalue() == ""
    index = BeautifulSoup((app.outdir / "index.xhtml").read_text(), "html.parser")
    assert "A card title" in index.get_text()
    talk = BeautifulSoup((app.outdir / "talk.xhtml").read_text(), "html.parser")
    links = [a["href"] for a in talk.select(".talk-recording-link a")]
    assert links == ["https://www.youtube.com/watch?v=rsEkQbMLCH4&t=11648s"]
    assert not talk.select(".talk-player, iframe, script")


@pytest.mark.sphinx("html", testroot="epub")
def test_html_keeps_its_own_handlers(app: SphinxTestApp) -> None:
    app.build()
    soup = BeautifulSoup((app.outdir / "talk.html").read_text(), "html.parser")
    assert soup.select_one(".talk-player") is not None
    assert not soup.select(".talk-recording-link")


# -- the PDF's book ------------------------------------------------------------------


def chapters(tex: str) -> list[str]:
    return re.findall(r"\\chapter\{(.*?)\}", tex)


def test_the_site_never_sees_the_book(tmp_path: Path) -> None:
    site = output(build_root(copy_root("formats", tmp_path / "src")))
    assert "book.html" not in site
    plain = copy_root("formats", tmp_path / "plain")
    (plain / "book.md").unlink()
    root_only = [("index", "book.tex", "Formats test", "tests", "manual")]
    assert output(build_root(plain, latex_documents=root_only)) == site


def test_pdf_chapters_follow_the_book_after_an_html_build(tmp_path: Path) -> None:
    src = copy_root("formats", tmp_path / "src")
    site = output(build_root(src))  # the same doctrees next, as on Read the Docs
    app = build_root(src, "latex")
    assert warnings(app) == []
    tex = (app.outdir / "book.tex").read_text()
    # Without the book, Part, One and Two nest under Home's last section.
    assert chapters(tex) == ["Home", "One", "Two", "Part", "Appendix"]
    assert tex.index("\\appendix") < tex.index("\\chapter{Appendix}")
    assert r"\section{Last section}" in tex
    assert output(build_root(src)) == site, "the site after a PDF is the site before"


def test_a_latex_build_after_a_latex_build_is_the_same(tmp_path: Path) -> None:
    src = copy_root("formats", tmp_path / "src")
    first = (build_root(src, "latex").outdir / "book.tex").read_text()
    app = build_root(src, "latex")
    assert warnings(app) == []
    assert (app.outdir / "book.tex").read_text() == first


def test_a_page_missing_from_the_book_is_reported(tmp_path: Path) -> None:
    src = copy_root("formats", tmp_path / "src")
    book = src / "book.md"
    book.write_text(book.read_text().replace("part/two\n", ""))
    app = build_root(src, "latex")
    (warning,) = warnings(app)
    assert "part/two" in warning and warning.endswith("[talks.book]")
    assert "not in the PDF: add it to the toctree of book" in warning
    assert chapters((app.outdir / "book.tex").read_text()) == ["Home", "One", "Part", "Appendix"]


# -- the single page -----------------------------------------------------------------


def in_page_links(soup: BeautifulSoup) -> list[str]:
    return [str(a["href"]) for a in soup.select('a[href^="#"]') if a["href"] != "#"]  # "#": the top


def test_single_page_links_land_once_on_the_right_page(tmp_path: Path) -> None:
    app = build_root(copy_root("formats", tmp_path / "src"), "singlehtml")
    assert warnings(app) == []
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    assert in_page_links(soup)
    assert [h for h in in_page_links(soup) if ids[h[1:]] != 1] == []
    # Both pages have a "Details" section; each keeps its own, named after its page.
    assert soup.find(id="part-one-details").find_parent("section") is soup.find(id="one-details")
    assert soup.find(id="part-two-details").find_parent("section") is soup.find(id="two")
    links = {a.get_text(): a["href"] for a in soup.select("#two a.reference.internal")}
    assert links == {
        "the details of one": "#one-details",
        "the same by its heading": "#part-one-details",
        "these": "#part-two-details",
    }
    assert soup.select_one("#part-two-details a.headerlink")["href"] == "#part-two-details"
    toc = [a["href"] for a in soup.select(".toc-tree a")]
    assert "#one-details" in toc and "#part-two-details" in toc
    assert not [h for h in toc if h.count("#") > 1]
    assert soup.find(id="document-index") is not None, "a link to the root page has its target"


def test_html_pages_keep_their_ids(tmp_path: Path) -> None:
    app = build_root(copy_root("formats", tmp_path / "src"))
    soup = BeautifulSoup((app.outdir / "part" / "two.html").read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("article a.reference.internal")}
    assert links["the same by its heading"] == "one.html#details"
    assert links["these"] == "#details"
