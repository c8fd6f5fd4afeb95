"""output_fixes: what sphinx-sitemap, sphinxext-opengraph, sphinx-design and Sphinx write,
repaired.

Each repair is checked on real output of a tiny root (test-output-fixes: titles,
text and page names that need escaping or encoding), and each test fails
without its repair (``extensions`` without ``output_fixes``).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
import sphinx
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
    sphinx_build,
    warnings,
)
from .test_validators import epubcheck_messages, sitemap_errors, vnu_errors

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


#: Values SOURCE_DATE_EPOCH may not hold (its specification: an integer as
#: date +%s prints it), and one past what Python can date.
MALFORMED = ["abc", "", "1e9", "-5", "1478563200.5", "300000000000"]


@pytest.mark.parametrize(
    ("value", "builder"),
    [(v, "html") for v in MALFORMED]
    + [
        ("abc", "epub"),
        ("", "latex"),
        ("1e9", "pyvideo"),
    ],
)
def test_a_malformed_source_date_epoch_is_named_not_a_traceback(
    tmp_path: Path, value: str, builder: str
) -> None:
    """The site's build stops at once with exit status 2 and a message that names the
    variable, whatever the builder (before: Sphinx's traceback from an import)."""
    result = sphinx_build(ROOT, tmp_path, builder, env={"SOURCE_DATE_EPOCH": value})
    printed = result.stdout + result.stderr
    assert result.returncode == 2, printed
    assert f"ERROR: SOURCE_DATE_EPOCH={value!r} cannot date this build: expected" in printed
    assert "Traceback" not in printed and "Error!" not in printed, printed
    assert not (tmp_path / builder).exists() or not any((tmp_path / builder).iterdir())


def test_a_malformed_source_date_epoch_stops_an_in_process_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where Sphinx's module that reads it at import is loaded already, the
    config-inited check stops the build before Sphinx's own int() fails."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1e9")
    with pytest.raises(SystemExit) as stopped:
        build_root(copy_root("source-bytes", tmp_path / "src"))
    assert stopped.value.code == 2


def test_canary_sphinx_reads_source_date_epoch_when_imported(tmp_path: Path) -> None:
    """Why conf.py calls source_date.check_source_date_epoch: importing Sphinx's
    gettext builder (which every sphinx-build does, before any extension) still fails
    on a malformed SOURCE_DATE_EPOCH. When this fails, the call can go."""
    result = subprocess.run(
        [sys.executable, "-c", "import sphinx.builders.gettext"],
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "abc", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "ValueError: could not convert string to float: 'abc'" in result.stderr


def test_an_epub_dated_after_2107_keeps_its_date_where_a_zip_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip member's date ends in 2107: the book's members are dated its last second,
    content.opf keeps the real date (before: struct.error from the restamping)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "5000000000")  # 2128-06-11T08:53:20Z
    app = build_root(copy_root("source-bytes", tmp_path / "src"), "epub")
    (book,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        assert {m.date_time for m in epub.infolist()} == {(2107, 12, 31, 23, 59, 58)}
        assert "<dc:date>2128-06-11T08:53:20Z</dc:date>" in epub.read("content.opf").decode()


# -- a page that is not UTF-8 -------------------------------------------------------

#: A page with a Latin-1 "é" on line 4, three stray bytes on line 6, and a real U+FFFD.
NOT_UTF8 = (
    b"# Bytes\n\nSome text\nCaf\xe9 au lait\n\nAnd \xff\xfe here, \xe9 there.\n\n"
    b"A real \xef\xbf\xbd is text.\n"
)


def with_bad_page(tmp_path: Path) -> Path:
    src = copy_root("source-bytes", tmp_path / "src")
    (src / "bytes.md").write_bytes(NOT_UTF8)
    return src


@pytest.mark.parametrize("parallel", [0, 2])
def test_bytes_that_are_not_utf8_are_a_warning_at_their_line(tmp_path: Path, parallel: int) -> None:
    app = build_root(with_bad_page(tmp_path), parallel=parallel, fail_on_warnings=True)
    assert app.statuscode == 1, "-W fails the build"
    assert [w.split("/src/", 1)[1] for w in warnings(app) if "[source.encoding]" in w] == [
        "bytes.md:4: WARNING: bytes that are not UTF-8: b'\\xe9' at byte 22, read as U+FFFD; "
        "save the file as UTF-8 [source.encoding]",
        "bytes.md:6: WARNING: bytes that are not UTF-8: b'\\xff' at byte 37, read as U+FFFD; "
        "save the file as UTF-8 [source.encoding]",
    ]
    page = BeautifulSoup((Path(app.outdir) / "bytes.html").read_text(), "html.parser")
    assert "Caf\ufffd au lait" in page.get_text()
    assert "A real \ufffd is text." in page.get_text()


def test_canary_sphinx_still_fails_on_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    """Without output_fixes.source_bytes, Sphinx's read stops the build. When this
    fails, Sphinx reads such a page itself and the adapter can go."""
    with pytest.raises(UnicodeDecodeError):
        build_root(with_bad_page(tmp_path), extensions="myst_parser")


# -- a page named too long (output_fixes.page_names) --------------------------------

#: 248 bytes before ".md": the page's own file fits in 255, its doctree (+ ".doctree") not.
LONG_STEM = "talk-" + "\u00e9" * 120 + "x" * 3


def with_long_name(tmp_path: Path) -> Path:
    src = copy_root("source-bytes", tmp_path / "src")
    assert len(LONG_STEM.encode()) == 248
    (src / f"{LONG_STEM}.md").write_text("# Long\n\nA page with a long name.\n")
    (src / "short.md").write_text("# Short\n\nA page with a short name.\n")
    return src


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_page_named_too_long_is_a_warning_at_its_file_and_left_out(
    tmp_path: Path, parallel: int
) -> None:
    src = with_long_name(tmp_path)
    for build in ("clean", "incremental"):
        app = build_root(src, parallel=parallel, fail_on_warnings=True)
        assert app.statuscode == 1, f"{build}: -W fails the build"
        assert [w.split("/src/", 1)[1] for w in warnings(app) if "[source.name]" in w] == [
            f"{LONG_STEM}.md: WARNING: the page's name is too long for the files Sphinx makes "
            "of it: with '.doctree' after it, it would be 256 bytes, more than the 255 the "
            "file system allows; the page is left out. Rename it to at most 247 bytes "
            "before '.md' [source.name]"
        ], build
        out = Path(app.outdir)
        assert (out / "short.html").is_file()
        assert not list(out.glob("talk-*")), "nothing is written for the page left out"
        index = BeautifulSoup((out / "index.html").read_text(), "html.parser")
        assert [a["href"] for a in index.select(".toctree-wrapper a")] == ["short.html"]


def test_canary_sphinx_still_fails_on_a_page_named_too_long(tmp_path: Path) -> None:
    """Without output_fixes.page_names, Sphinx's doctree write stops the build. When
    this fails, Sphinx names such a page itself and the module can go."""
    with pytest.raises(OSError, match="File name too long"):
        build_root(with_long_name(tmp_path), extensions="myst_parser")


# -- sphinx-design's markup (output_fixes.design) ------------------------------------


@pytest.fixture(scope="module")
def design(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """test-design (tab sets, a dropdown, icons, a card), built as HTML, ePub and LaTeX."""
    src = copy_root("design", tmp_path_factory.mktemp("design") / "src")
    builders = ("html", "epub", "latex")
    return {builder: Path(quiet_build(src, builder).outdir) for builder in builders}


def tab_controls(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(element, the id its aria-controls names) for every element that has one."""
    return [(tag.name, str(tag["aria-controls"])) for tag in page.select("[aria-controls]")]


def test_tab_sets_are_valid_html(design: dict[str, Path]) -> None:
    page = design["html"] / "index.html"
    assert vnu_errors(page) == []
    soup = BeautifulSoup(page.read_text(), "html.parser")
    controls = tab_controls(soup)
    assert controls == [("input", "sd-tab-item-0-content"), ("input", "sd-tab-item-1-content")]
    assert all(soup.find(id=panel) for _tag, panel in controls), "each names its panel"


def test_the_epub_is_well_formed_and_passes_epubcheck(design: dict[str, Path]) -> None:
    pages = sorted(design["epub"].glob("*.xhtml"))
    assert pages
    for page in pages:
        ElementTree.fromstring(page.read_bytes())  # raises on what is not well-formed
    index = (design["epub"] / "index.xhtml").read_text()
    assert "<svg" not in index, "icons are left out of the book"
    assert "An icon: , and a decorative one: ." in BeautifulSoup(index, "html.parser").text
    (book,) = design["epub"].glob("*.epub")
    assert epubcheck_messages(book) == []


def card_on_paper(latex: Path) -> str:
    tex = next(latex.glob("*.tex")).read_text()
    return tex[tex.index(r"\begin{sphinxuseclass}{sd-card}") : tex.index("The paragraph after")]


def test_a_card_prints_its_title_and_link_as_paragraphs(design: dict[str, Path]) -> None:
    card = card_on_paper(design["latex"])
    assert "\\sphinxAtStartPar\n\\sphinxstylestrong{A card’s title}\\par" in card
    assert "\\sphinxAtStartPar\n\\sphinxhref{https://example.org/card}" in card
    assert "{https://example.org/card}\\par" in card, "then ends its paragraph"


def test_what_design_repairs_is_still_broken_upstream(tmp_path: Path) -> None:
    """Canary: sphinx-design's own writers (and Sphinx's manifest), without the repair.
    When this fails, upstream has fixed that part: drop it from output_fixes.design."""
    src = copy_root("design", tmp_path / "src")
    edit(src / "conf.py", ', "output_fixes"]', "]")
    html_page = Path(quiet_build(src, "html").outdir) / "index.html"
    soup = BeautifulSoup(html_page.read_text(), "html.parser")
    assert [tag for tag, _panel in tab_controls(soup)] == ["label", "label"], "aria-controls"
    assert any("aria-controls" in m["message"] for m in vnu_errors(html_page))
    xhtml = (Path(quiet_build(src, "epub").outdir) / "index.xhtml").read_bytes()
    with pytest.raises(ElementTree.ParseError, match="mismatched tag"):
        ElementTree.fromstring(xhtml)  # the <input> left open
    assert re.search(rb'<svg version="1.1"[^>]*class="sd-octicon', xhtml), "no xmlns"
    assert b"xmlns=" not in re.search(rb"<svg[^>]*>", xhtml)[0]
    card = card_on_paper(Path(quiet_build(src, "latex").outdir))
    assert "{sd-font-weight-bold}A card’s title\n" in card, "the title runs into the text"
    assert "\\end{sphinxuseclass}\\sphinxhref{" in card, "the link into what follows"
    template = Path(sphinx.__file__).parent / "templates" / "epub3" / "content.opf.jinja"
    assert "properties" not in template.read_text().split("{%- for item in manifest_items %}")[1]
