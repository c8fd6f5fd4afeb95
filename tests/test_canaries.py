"""Canaries: each workaround of an upstream defect, taken away, and the defect still there.

Every test here builds (or imports) without one workaround and asserts that the
defect it works around is still upstream. When one fails, upstream has fixed it:
the workaround can go (its module's docstring holds the issue as filed). The
canaries that live beside their repairs: ``test_output_fixes.py`` (the backup
of ``.buildinfo``, ``SOURCE_DATE_EPOCH`` at import, bytes that are not UTF-8,
sphinx-design's markup), ``test_furo_navigation.py`` (furo's fingerprints) and
``test_site.py``/``test_output_fixes.py`` for OpenGraph's escaping.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sphinx.search import js_index

from .conftest import build_root, copy_root, edit, log, save, sphinx_build

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: The output-fixes root's extensions without output_fixes (its conf.py lists it last).
WITHOUT_FIXES = ["myst_parser", "sphinxext.opengraph", "sphinx_sitemap"]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def unfixed(tmp_path: Path) -> Path:
    """tests/roots/test-output-fixes, without output_fixes."""
    src = copy_root("output-fixes", tmp_path / "src")
    edit(src / "conf.py", ', "output_fixes"]', "]")
    return src


def sitemap_locs(app: SphinxTestApp) -> list[str]:
    root = ElementTree.parse(Path(app.outdir) / "sitemap.xml").getroot()
    return [loc.text or "" for loc in root.findall("s:url/s:loc", NS)]


# -- output_fixes.sitemap --------------------------------------------------------------


def test_canary_sphinx_sitemap_lists_raw_names_and_only_pages_just_written(
    tmp_path: Path,
) -> None:
    """sphinx-sitemap 2.9.0 without output_fixes.sitemap: links not percent-encoded,
    an unchanged rebuild writes no sitemap, and one that rewrites pages lists them alone."""
    src = unfixed(tmp_path)
    clean = sitemap_locs(build_root(src))
    assert "https://example.org/kb/my post.html" in clean, "not percent-encoded"
    assert "https://example.org/kb/a#b?c.html" in clean, "# and ? left in the path"
    assert "No pages generated" in log(build_root(src)), "an unchanged rebuild"
    edit(src / "entity.md", "written with", "typed with")
    rewritten = sitemap_locs(build_root(src))  # the page, and the page whose toctree lists it
    assert sorted(rewritten) == [f"https://example.org/kb/{p}.html" for p in ("entity", "index")]
    assert len(clean) > len(rewritten)


# -- output_fixes.search ---------------------------------------------------------------


def test_canary_sphinx_keeps_emptied_terms_in_the_search_index(tmp_path: Path) -> None:
    """Sphinx 9.0 without output_fixes.search: after an edit takes a word out of its
    only page, the incremental build's index still has the word, mapped to no page."""
    src = unfixed(tmp_path)
    build_root(src)
    edit(src / "my post.md", "has a space.", "has a space, and a quokka.")
    build_root(src)
    edit(src / "my post.md", "has a space, and a quokka.", "has a space.")
    app = build_root(src)
    index = js_index.loads((Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8"))
    assert index["terms"]["quokka"] == []


# -- output_fixes.reproducible -----------------------------------------------------------


def test_canary_sphinx_dates_epub_members_with_the_build_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx 9.0 without output_fixes.reproducible: under SOURCE_DATE_EPOCH the
    ePub's content.opf has that date, but its zip members the time of the build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1478563200")  # 2016-11-08
    app = build_root(unfixed(tmp_path), "epub", version="1", copyright="2026")
    (book,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        assert "<dc:date>2016-11-08T00:00:00Z</dc:date>" in epub.read("content.opf").decode()
        dates = {member.date_time[:3] for member in epub.infolist()}
    assert (2016, 11, 8) not in dates, dates


# -- output_fixes.assets -----------------------------------------------------------------


def test_canary_every_page_gets_pygments_css(tmp_path: Path) -> None:
    """Sphinx 9.0 without output_fixes.assets: a page with no code still loads
    Pygments' stylesheet."""
    app = build_root(unfixed(tmp_path))
    page = BeautifulSoup((Path(app.outdir) / "entity.html").read_text(), "html.parser")
    assert not page.select("div.highlight"), "no code on this page"
    assert [s for s in page.select("link[rel=stylesheet]") if "pygments.css" in s["href"]]


# -- talks.handlers ------------------------------------------------------------------------


def test_canary_youtube_epub_handlers_hide_every_other_extensions(tmp_path: Path) -> None:
    """sphinxcontrib-youtube 1.5.0 registers ``epub`` handlers, so the ePub builder
    no longer finds the ``html`` ones of sphinx-design (without talks.handlers)."""
    save(
        tmp_path / "src" / "conf.py",
        'extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.youtube"]\nversion = "1"\ncopyright = "2026"\n',
    )
    save(tmp_path / "src" / "index.md", "# Cards\n\n```{card} A card title\n\nIts text.\n```\n")
    with pytest.raises(NotImplementedError, match="unknown node type: PassthroughTextElement"):
        build_root(tmp_path / "src", "epub")


# -- talks.single_page -------------------------------------------------------------------


def test_canary_single_page_links_carry_two_anchors(tmp_path: Path) -> None:
    """Sphinx 9.0 without talks.single_page: links into the single page read
    ``#document-<page>#<id>`` (sphinx-doc/sphinx#14221), and ids repeat across pages."""
    app = build_root(
        copy_root("formats", tmp_path / "src"), "singlehtml", extensions=["myst_parser"]
    )
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    hrefs = [str(a["href"]) for a in soup.select('a[href^="#document-"]')]
    assert [h for h in hrefs if h.count("#") == 2], hrefs
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert "details" in ids and ids.count("details") > 1


# -- talks.table_ids ----------------------------------------------------------------------


def test_canary_furo_copies_a_tables_ids_to_its_wrapper(tmp_path: Path) -> None:
    """furo 2025.12.19 without talks.table_ids: a table's id is on its wrapper too."""
    src = unfixed(tmp_path)
    save(src / "table.md", "# Table\n\n```{list-table}\n:name: numbers\n\n* - one\n  - two\n```\n")
    app = build_root(src)
    page = BeautifulSoup((Path(app.outdir) / "table.html").read_text(), "html.parser")
    assert [tag.name for tag in page.find_all(id="numbers")] == ["div", "table"]


# -- quiet_build -----------------------------------------------------------------------------
# In other processes: quiet_build's filters, once added to a logger, stay for the process.


def test_canary_opengraph_prints_a_notice_when_imported() -> None:
    """sphinxext-opengraph 0.13.0 prints its notice on import, social cards on or off."""
    imported = subprocess.run(
        [sys.executable, "-c", "import sphinxext.opengraph"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "matplotlib is not installed, social cards will not be generated" in imported.stdout


def test_canary_an_unchanged_rebuild_says_the_configuration_changed(tmp_path: Path) -> None:
    """Without quiet_build: MyST prints its whole configuration on every build, and an
    unchanged rebuild reports the options Sphinx's HTML builder (the priority of an
    html_js_files entry), sphinx-design (html_static_path) and furo
    (pygments_dark_style) change after the configuration is compared."""
    src = tmp_path / "src"
    conf = 'extensions = ["myst_parser", "sphinx_design"]\nhtml_theme = "furo"\n'
    save(src / "conf.py", conf + 'html_js_files = [("site.js", {"defer": "defer"})]\n')
    save(src / "index.md", "# Home\n\nText.\n")
    first = sphinx_build(src, tmp_path / "out")
    assert first.returncode == 0, first.stderr
    assert "myst v" in first.stdout and "MdParserConfig(" in first.stdout
    second = sphinx_build(src, tmp_path / "out")
    assert (
        "The configuration has changed (3 options: "
        "'html_js_files', 'html_static_path', 'pygments_dark_style')"
    ) in second.stdout


# -- output_fixes.opengraph -------------------------------------------------------------


def test_canary_opengraph_writes_page_text_unescaped(tmp_path: Path) -> None:
    """sphinxext-opengraph 0.13.0 without output_fixes.opengraph: the title and the
    site's name go into the attribute raw, and the description is cut mid-entity."""
    app = build_root(unfixed(tmp_path))
    entity = (Path(app.outdir) / "entity.html").read_text(encoding="utf-8")
    assert 'property="og:title" content="Tom & Jerry"' in entity
    assert 'property="og:site_name" content="Tom & Jerry\'s &quot;Docs&quot;"' in entity
    cut = (Path(app.outdir) / "cut.html").read_text(encoding="utf-8")
    assert 'property="og:description" content="Fish &amp; chips &amp; peas &amp; &am..."' in cut
