"""output_fixes: what sphinx-sitemap, sphinxext-opengraph and Sphinx write, repaired.

Each repair is checked on real output of a tiny root (test-output-fixes: titles,
text and page names that need escaping or encoding), and each test fails
without its repair (``extensions`` without ``output_fixes``).
"""

from __future__ import annotations

import html
import re
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sphinx.search import js_index

from .conftest import (
    ROOT,
    build_root,
    clean_copy,
    copy_root,
    edit,
    files,
    log,
    output,
    quiet_build,
)
from .test_validators import sitemap_errors, vnu_errors

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

BASE = "https://example.org/kb/"
#: The root's extensions (tests/roots/test-output-fixes/conf.py).
EXTENSIONS = ["myst_parser", "sphinxext.opengraph", "sphinx_sitemap", "output_fixes"]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PROJECT = 'Tom & Jerry\'s "Docs"'
#: RFC 3986's path: segments of pchar (unreserved / pct-encoded / sub-delims / ":" / "@").
RFC3986_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*")

#: Page -> the text of its title, as MyST reads the source heading.
TITLES = {
    "markup": "Hello <script>alert(“x”)</script> & co",  # escaped in the source: text
    "entity": "Tom & Jerry",  # `Tom &amp; Jerry`: CommonMark reads the entity
    "less-than": "I <3 Django",  # `I &lt;3 Django`
    "code": "The &amp; and &copy entities",  # code spans keep entities as text
    "raw": "Raw bold title",  # raw HTML in a heading is markup, as in <title>
}


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root built once (html); tests only read it."""
    app = quiet_build(copy_root("output-fixes", tmp_path_factory.mktemp("fixes") / "src"))
    return Path(app.outdir)


def soup(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


# -- sitemap.xml -------------------------------------------------------------------


def locs(sitemap: Path) -> list[str]:
    root = ElementTree.parse(sitemap).getroot()
    return [loc.text or "" for loc in root.findall("s:url/s:loc", NS)]


def page_of(outdir: Path, loc: str, builder: str) -> Path:
    """The file a server would send for ``loc``: RFC 3986 first, then the path."""
    parts = urlsplit(loc)
    assert (parts.query, parts.fragment) == ("", ""), f"{loc} has a query or a fragment"
    assert RFC3986_PATH.fullmatch(parts.path), f"{loc} is not percent-encoded"
    assert loc.startswith(BASE)
    path = unquote(loc.removeprefix(BASE))
    return outdir / (
        path + "index.html" if builder == "dirhtml" and not path.endswith(".html") else path
    )


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_sitemap_lists_every_page_at_its_encoded_url(tmp_path: Path, builder: str) -> None:
    app = quiet_build(copy_root("output-fixes", tmp_path / "src"), builder)
    outdir = Path(app.outdir)
    urls = locs(outdir / "sitemap.xml")
    html_pages = {"search.html", "genindex.html"} if builder == "html" else set()
    expected = sorted(
        str(p.relative_to(outdir))
        for p in outdir.rglob("*.html")
        if p.name not in html_pages and p.parent.name not in {"search", "genindex"}
    )
    assert sorted(str(page_of(outdir, u, builder).relative_to(outdir)) for u in urls) == expected
    assert urls == sorted(urls), "in a stable order"
    assert BASE + ("my%20post.html" if builder == "html" else "my%20post/") in urls
    assert BASE + ("caf%C3%A9.html" if builder == "html" else "caf%C3%A9/") in urls
    assert BASE + ("a%23b%3Fc.html" if builder == "html" else "a%23b%3Fc/") in urls
    assert sitemap_errors(outdir / "sitemap.xml") == []
    assert "sphinx-sitemap" not in log(app)


def test_sitemap_is_whole_after_incremental_builds(tmp_path: Path) -> None:
    src = copy_root("output-fixes", tmp_path / "src")
    clean = (Path(quiet_build(src).outdir) / "sitemap.xml").read_bytes()
    noop = quiet_build(src)  # nothing to rewrite
    assert "No pages generated" not in log(noop)
    assert (Path(noop.outdir) / "sitemap.xml").read_bytes() == clean
    edit(src / "entity.md", "written with", "typed with")  # rewrites one page
    assert (Path(quiet_build(src).outdir) / "sitemap.xml").read_bytes() == clean


@pytest.mark.parametrize(
    ("setting", "gone", "kept"),
    [
        ('sitemap_filename = "pages.xml"', ["sitemap.xml"], ["pages.xml", "robots.txt"]),
        (
            'extensions.remove("sphinx_sitemap")',
            ["sitemap.xml", "robots.txt"],
            [],
        ),
    ],
    ids=["renamed", "turned-off"],
)
def test_a_sitemap_setting_changed_leaves_no_old_file(
    tmp_path: Path, setting: str, gone: list[str], kept: list[str]
) -> None:
    src = copy_root("output-fixes", tmp_path / "src")
    quiet_build(src)
    edit(
        src / "conf.py",
        'sitemap_url_scheme = "{link}"',
        f'sitemap_url_scheme = "{{link}}"\n{setting}',
    )
    incremental = quiet_build(src)
    out = Path(incremental.outdir)
    assert [name for name in gone if (out / name).exists()] == []
    assert [name for name in kept if not (out / name).is_file()] == []
    clean = quiet_build(clean_copy(src, tmp_path / "clean"))
    assert files(out) == files(Path(clean.outdir))


def test_no_sitemap_beside_other_builders(tmp_path: Path) -> None:
    src = copy_root("output-fixes", tmp_path / "src")
    for builder in ("singlehtml", "latex"):
        app = quiet_build(src, builder)
        assert not (Path(app.outdir) / "sitemap.xml").exists(), builder
        assert "sphinx-sitemap" not in log(app), builder


def test_parallel_writes_what_serial_writes(tmp_path: Path) -> None:
    """output_fixes declares itself parallel-safe: -j 2 writes every file as -j 1 does."""
    serial, parallel = (
        files(Path(quiet_build(copy_root("output-fixes", tmp_path / str(n)), parallel=n).outdir))
        for n in (1, 2)
    )
    assert sorted(parallel) == sorted(serial)
    assert [name for name in serial if parallel[name] != serial[name]] == []


def test_sitemap_settings_are_honoured(tmp_path: Path) -> None:
    app = quiet_build(
        copy_root("output-fixes", tmp_path / "src"),
        sitemap_url_scheme="{lang}{version}{link}",
        language="fr",
        version="2.0",
        sitemap_excludes=["*.html"],
        sitemap_filename="pages.xml",
    )
    assert locs(Path(app.outdir) / "pages.xml") == []
    app = quiet_build(
        copy_root("output-fixes", tmp_path / "two"),
        sitemap_url_scheme="{lang}{version}{link}",
        language="fr",
        version="2.0",
        sitemap_locales=["de_CH"],
    )
    root = ElementTree.parse(Path(app.outdir) / "sitemap.xml").getroot()
    first = root.find("s:url", NS)
    assert first is not None
    assert first.findtext("s:loc", namespaces=NS) == BASE + "fr/2.0/a%23b%3Fc.html"
    (alternate,) = first.findall("{http://www.w3.org/1999/xhtml}link")
    assert alternate.attrib == {
        "rel": "alternate",
        "hreflang": "de-CH",
        "href": BASE + "de_CH/2.0/a%23b%3Fc.html",
    }


# -- link previews ----------------------------------------------------------------


def previews(page: BeautifulSoup) -> dict[str, str]:
    tags = page.select("meta[property^='og:'], meta[name='description']")
    return {str(m.get("property") or m["name"]): str(m["content"]) for m in tags}


@pytest.mark.parametrize(("name", "title"), TITLES.items(), ids=TITLES)
def test_preview_title_is_the_page_title(fixed: Path, name: str, title: str) -> None:
    page = soup(fixed, f"{name}.html")
    og = previews(page)
    assert og["og:title"] == title
    assert page.title is not None
    assert page.title.get_text().rsplit(" - ", 1)[0] == title  # furo: "<page> - <site>"
    raw = (fixed / f"{name}.html").read_text(encoding="utf-8")
    assert f'property="og:title" content="{html.escape(title)}"' in raw, "escaped once"


def test_preview_fields_from_settings_are_text(fixed: Path) -> None:
    og = previews(soup(fixed, "entity.html"))
    assert og["og:site_name"] == PROJECT
    assert og["og:image:alt"] == PROJECT
    raw = (fixed / "entity.html").read_text(encoding="utf-8")
    for field in ("og:site_name", "og:image:alt"):
        assert f'property="{field}" content="{html.escape(PROJECT)}"' in raw, "escaped once"


def test_preview_description_is_cut_as_text(fixed: Path) -> None:
    """``ogp_description_length = 40``: 37 characters of the text and an ellipsis."""
    og = previews(soup(fixed, "cut.html"))
    expected = "Fish & chips & peas & & mash & more &..."
    assert og["og:description"] == og["description"] == expected
    assert len(expected) == 40


def test_previews_are_valid_html(fixed: Path) -> None:
    pages = [fixed / f"{name}.html" for name in [*TITLES, "cut"]]
    assert vnu_errors(*pages) == []


# -- searchindex.js ------------------------------------------------------------------


def search_index(app: SphinxTestApp) -> dict[str, object]:
    index: dict[str, object] = js_index.loads(
        (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    )
    return index


def test_search_index_after_an_edit_is_a_clean_builds(tmp_path: Path) -> None:
    src = copy_root("output-fixes", tmp_path / "src")
    quiet_build(src)
    edit(src / "my post.md", "has a space.", "has a space, and a quokka.")
    assert "quokka" in search_index(quiet_build(src))["terms"]  # type: ignore[operator]
    edit(src / "my post.md", "has a space, and a quokka.", "has a space.")  # the word is gone
    incremental = quiet_build(src)
    clean = quiet_build(clean_copy(src, tmp_path / "clean"))
    assert "quokka" not in search_index(incremental)["terms"]  # type: ignore[operator]
    assert output(incremental, (".js",)) == output(clean, (".js",))


# -- no .buildinfo.bak ----------------------------------------------------------------


def retitle(src: Path) -> None:
    """A change to a setting that shapes HTML: Sphinx writes every page again."""
    edit(src / "conf.py", "html_title = project", 'html_title = "Another title"')


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_a_change_of_settings_leaves_no_backup_in_the_output(tmp_path: Path, builder: str) -> None:
    src = copy_root("output-fixes", tmp_path / "src")
    book = {"version": "1", "copyright": "2026"} if builder == "epub" else {}  # EPUB3's
    quiet_build(src, builder, **book)
    retitle(src)
    incremental = quiet_build(src, builder, **book)  # the ePub: no "unknown mimetype"
    assert "build_info mismatch" in log(incremental), "Sphinx saw the change"
    assert not (Path(incremental.outdir) / ".buildinfo.bak").exists()
    clean = quiet_build(clean_copy(src, tmp_path / "clean"), builder, **book)
    if builder == "html":  # every file (an ePub's zip dates are the build's)
        assert files(Path(incremental.outdir)) == files(Path(clean.outdir))


def test_canary_sphinx_still_leaves_a_backup_in_the_output(tmp_path: Path) -> None:
    """Without output_fixes, Sphinx leaves ``.buildinfo.bak`` after a change of
    settings. When this fails, Sphinx no longer does: output_fixes.buildinfo can go."""
    src = copy_root("output-fixes", tmp_path / "src")
    without = {"extensions": [e for e in EXTENSIONS if e != "output_fixes"]}
    build_root(src, **without)
    retitle(src)
    app = build_root(src, **without)
    assert (Path(app.outdir) / ".buildinfo.bak").is_file()


# -- reproducible downloads -----------------------------------------------------------

#: 8 November 2016, the day of the source article (UTC midnight).
EPOCH = 1478563200


def test_the_site_builds_byte_for_byte_again_under_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """html, epub and latex of the real site, twice, seconds apart (a zip stores times
    to two seconds): every file is the same, and the dates are SOURCE_DATE_EPOCH's."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    builds: list[dict[str, bytes]] = []
    for run in ("first", "second"):
        if builds:
            time.sleep(2.1)
        written: dict[str, bytes] = {}
        for builder in ("html", "epub", "latex"):
            app = quiet_build(ROOT, builder, builddir=tmp_path / run)
            written |= {f"{builder}/{k}": v for k, v in files(Path(app.outdir)).items()}
        builds.append(written)
    first, second = builds
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    (book,) = (tmp_path / "first" / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        assert {m.date_time for m in epub.infolist()} == {(2016, 11, 8, 0, 0, 0)}
        assert epub.infolist()[0].filename == "mimetype"
        assert epub.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert "<dc:date>2016-11-08T00:00:00Z</dc:date>" in epub.read("content.opf").decode()
    (tex,) = (tmp_path / "first" / "latex").glob("*.tex")
    assert r"\date{Nov 08, 2016}" in tex.read_text(encoding="utf-8")
