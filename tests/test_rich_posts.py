"""What a blog post holds, right in every output (the tiny root test-rich-posts).

Its post ``rich`` has an image, a figure with a caption, footnotes, an
admonition, code with a caption and an emphasized line, a quotation, a
table, a tab set, a dropdown, a card, a badge and raw HTML; ``plain`` is
another post of the same day. Each output is read back by its validator and
as its reader would: the web page and the single page by the Nu Html Checker,
the ePub by EPUBCheck, the PDF's LaTeX source (test_pdf.py reads the real
site's PDF: where its figures stand). The feeds are test_feed.py's.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from .conftest import build_root, copy_root, warnings
from .test_browser import CHROMIUM
from .test_outputs import epub_order, single_page_order
from .test_validators import epubcheck_messages, vnu_errors

#: Posts of one day stand in the order of their file names (the guide's rule): oldest first.
SAME_DAY = ["posts/plain", "posts/rich"]
TITLES = {"posts/plain": "A plain post of the same day", "posts/rich": "Everything a post holds"}


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """builder -> output folder: the web pages first, the others on their doctrees."""
    src = copy_root("rich-posts", tmp_path_factory.mktemp("rich") / "src")
    built: dict[str, Path] = {}
    for builder in ("html", "singlehtml", "epub", "latex"):
        app = build_root(src, builder)
        assert warnings(app) == [], builder
        built[builder] = app.outdir
    return built


def test_the_web_page_and_the_single_page_are_valid_html(rich: dict[str, Path]) -> None:
    page = rich["html"] / "posts" / "rich.html"
    assert vnu_errors(page, rich["singlehtml"] / "index.html") == []
    soup = BeautifulSoup(page.read_text(), "html.parser")
    article = soup.select_one("article")
    assert [img["src"] for img in article.select("img")] == [
        "../_images/diagram.png",
        "../_images/photo.png",
    ]
    assert all((page.parent / str(img["src"])).is_file() for img in article.select("img"))
    assert (
        article.select_one("figcaption").get_text(strip=True).rstrip("¶")
        == "The engine at the museum."
    )
    # the notes belong to the text: before the series links, not after them
    notes, series = article.select_one("aside.footnote-list"), article.select_one(".talks-series")
    assert notes is not None and series is not None
    assert series in notes.find_all_next(), "the series links follow the notes"


def test_the_epub_is_valid_and_shows_every_tab(rich: dict[str, Path]) -> None:
    (book,) = rich["epub"].glob("*.epub")
    assert epubcheck_messages(book) == []
    xhtml = (rich["epub"] / "posts" / "rich.xhtml").read_bytes()
    ElementTree.fromstring(xhtml)
    soup = BeautifulSoup(xhtml, "html.parser")
    assert not soup.select("input, label, details, svg"), "unfolded, as on paper"
    text = soup.get_text(" ", strip=True)
    assert "Steam Text of tab one. Diesel Text of tab two." in text
    assert "Closed details Text of the dropdown." in text
    assert b"<br />" in xhtml, "raw HTML as XHTML"


@pytest.mark.browser
def test_an_epub_reader_shows_every_tab_with_the_books_styles(rich: dict[str, Path]) -> None:
    """Read as an ePub reader renders it, with the book's stylesheets: no tab hidden."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 600, "height": 800})
        page.goto((rich["epub"] / "posts" / "rich.xhtml").as_uri())
        shown = page.inner_text("body")  # innerText leaves out what CSS hides
        # one under the other, as on paper: not side by side in sphinx-design's tab row
        tops = page.evaluate("""() => ['Steam', 'Text of tab one.', 'Diesel', 'Text of tab two.']
            .map(t => [...document.querySelectorAll('strong, p')].find(e => e.textContent === t))
            .map(e => e.getBoundingClientRect().top)""")
        browser.close()
    assert tops == sorted(tops) and len(set(tops)) == 4, tops
    lines = [line.strip() for line in shown.splitlines() if line.strip()]
    tabs = lines[lines.index("Steam") :][:4]
    assert tabs == ["Steam", "Text of tab one.", "Diesel", "Text of tab two."]
    assert "Text of the dropdown." in lines


def test_the_pdf_holds_the_images_and_every_tab(rich: dict[str, Path]) -> None:
    tex = next(rich["latex"].glob("*.tex")).read_text()
    assert {"diagram.png", "photo.png"} <= {p.name for p in rich["latex"].iterdir()}
    assert "{{diagram}.png}" in tex and "{{photo}.png}" in tex
    assert "Text of tab one." in tex and "Text of tab two." in tex
    assert "Text of the dropdown." in tex


def test_posts_of_one_day_stand_in_one_order_everywhere(rich: dict[str, Path]) -> None:
    html = rich["html"]
    index = BeautifulSoup((html / "posts" / "index.html").read_text(), "html.parser")
    listed = [a.get_text() for a in index.select(".talks-posts .talks-entry-title a")]
    newest_first = [TITLES[d] for d in reversed(SAME_DAY)]
    assert listed == newest_first
    for feed in ("atom.xml", "feeds/topics/engines.xml", "feeds/speakers/ada-lovelace.xml"):
        entries = feedparser.parse((html / feed).read_bytes()).entries
        assert [e.title for e in entries if e.title in newest_first] == newest_first, feed
    first, second = (
        BeautifulSoup((html / f"{d}.html").read_text(), "html.parser") for d in SAME_DAY
    )
    assert "Next in the series: " + TITLES[SAME_DAY[1]] in first.select_one(".talks-series").text
    assert (
        "Previous in the series: " + TITLES[SAME_DAY[0]] in second.select_one(".talks-series").text
    )
    spine, nav = epub_order(rich["epub"])
    assert [d for d in spine if d in SAME_DAY] == SAME_DAY
    assert [d for d in nav if d in SAME_DAY] == SAME_DAY
    tex = next(rich["latex"].glob("*.tex")).read_text()
    chapters = re.findall(r"\\chapter\{(.*?)\}", tex)
    assert [c for c in chapters if c in TITLES.values()] == [TITLES[d] for d in SAME_DAY]
    single = BeautifulSoup((rich["singlehtml"] / "index.html").read_text(), "html.parser")
    assert [d for d in single_page_order(single) if d in SAME_DAY] == SAME_DAY
