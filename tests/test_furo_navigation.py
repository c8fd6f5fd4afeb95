"""furo_navigation gives readers furo's own sidebar, byte for byte.

Every page is built with and without the optimisation (``furo_navigation_cache``)
and compared whole: on a root with every shape of toctree (test-furo-navigation)
with the html and dirhtml builders, on the real site, with ``-j 2`` against
``-j 1``, and after incremental edits (test_builds' talk edits run with it on, as
its root has it). Where it cannot vouch for the result it switches itself off, and
the tests check that it says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import furo_navigation
import pytest
from bs4 import BeautifulSoup
from furo_navigation import compat, tree

from .conftest import (
    after_site,
    build_root,
    copy_root,
    files,
    log,
    output,
    quiet_build,
    warnings,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


pytestmark = [
    # sphinx-sitemap and sphinx-notfound-page call APIs Sphinx 11 removes
    pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:sphinx_sitemap"),
    pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:notfound"),
]

#: Pages the template leaves to furo on the navigation root: the first page
#: written (furo's tree checks the template's), and the two pages below a toc
#: with an only-node (Sphinx copies such tocs differently for their descendants).
LEFT_TO_FURO = {"guide/advanced", "reference/conditional", "reference/extra"}


def output_of(outdir: Path) -> dict[str, bytes]:
    """Every page and the sitemap, by path."""
    return files(outdir, (".html", ".xml"))


def sidebar(page: bytes) -> str:
    tree_div = BeautifulSoup(page, "html.parser").select_one(".sidebar-tree")
    return str(tree_div)


def assert_same_site(got: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert sorted(got) == sorted(expected)
    sidebars = [
        n for n in expected if n.endswith(".html") and sidebar(got[n]) != sidebar(expected[n])
    ]
    assert not sidebars, f"the sidebar differs on {sidebars}"
    other = [n for n in expected if got[n] != expected[n]]
    assert not other, f"pages differ outside the sidebar: {other}"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The pages whose sidebar came from the template (in this process)."""
    pages: list[str] = []
    before_furo = furo_navigation.FuroNavigation.before_furo

    def spy(self: Any, app: Any, pagename: str, template: str, context: Any, doctree: Any) -> None:
        before_furo(self, app, pagename, template, context, doctree)
        if furo_navigation.CONTEXT_KEY in context:
            pages.append(pagename)

    monkeypatch.setattr(furo_navigation.FuroNavigation, "before_furo", spy)
    yield pages


def build(src: Path, builder: str = "html", **overrides: Any) -> SphinxTestApp:
    return quiet_build(src, builder, freshenv=True, **overrides)


def nav_root(tmp_path: Path, name: str) -> Path:
    return copy_root("furo-navigation", tmp_path / name)


def off_lines(app: SphinxTestApp) -> list[str]:
    return [line for line in app.status.getvalue().splitlines() if "furo_navigation: off" in line]


# -- furo itself ---------------------------------------------------------------


def test_furo_is_the_one_the_template_was_checked_against() -> None:
    reason = compat.incompatibility()
    assert reason is None, (
        f"{reason}. furo_navigation reproduces furo's sidebar code, and switches itself off "
        "for a furo it was not checked against (every build is then quadratic again). Run "
        "this file's equality tests with the new furo; if they pass, add its version and "
        "fingerprints (compat.fingerprints()) to KNOWN_FURO in _ext/furo_navigation/compat.py."
    )
    assert compat.notfound_is_known(), (
        "sphinx-notfound-page's finalize_media (its 404 page's toctree) is not the one "
        "furo_navigation follows; update KNOWN_NOTFOUND in _ext/furo_navigation/compat.py "
        "once the equality tests pass"
    )


# -- the same bytes --------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_page_is_the_same_with_and_without(
    tmp_path: Path, served: list[str], builder: str
) -> None:
    without = build(nav_root(tmp_path, "without"), builder, furo_navigation_cache=False)
    assert len(off_lines(without)) == 1
    assert served == []
    with_it = build(nav_root(tmp_path, "with"), builder)
    assert off_lines(with_it) == []

    expected = output_of(without.outdir)
    assert_same_site(output_of(with_it.outdir), expected)
    pages = set(with_it.env.found_docs) | {"genindex", "search", "404"}
    assert set(served) == pages - LEFT_TO_FURO


def test_what_the_root_covers(tmp_path: Path) -> None:
    """The root has the shapes the comparison is meant to cover."""
    app = build(nav_root(tmp_path, "src"))

    def tree_of(name: str) -> BeautifulSoup:
        return BeautifulSoup(sidebar((app.outdir / name).read_bytes()), "html.parser")

    deep = tree_of("guide/deep/page.html")
    assert [a.get_text() for a in deep.select("li.current.has-children > a")] == [
        "1. Guide",
        "1.3. Deep",
    ]
    assert [i.has_attr("checked") for i in deep.select("input")] == [
        True,
        False,
        True,
        False,
        False,
    ]
    assert deep.select_one("li.current-page > a")["href"] == "#"
    assert deep.select_one("a.external")["href"] == "https://example.org/"
    api = tree_of("reference/api.html")  # listed in two toctrees: both branches current
    assert len(api.select("a.current")) == 2
    assert [a["href"] for a in api.select("a.current")] == ["#", "#"]
    assert not tree_of("orphan.html").select(".current")
    assert tree_of("genindex.html").select_one("li.current-page > a").get_text() == "Index"
    not_found = tree_of("404.html")
    assert all(a["href"].startswith(("/docs/", "https://")) for a in not_found.select("a"))


def test_parallel_writes_what_serial_writes(tmp_path: Path) -> None:
    src = nav_root(tmp_path, "src")
    serial, parallel = (build_root(src, parallel=n, builddir=tmp_path / str(n)) for n in (1, 2))
    assert warnings(serial) == warnings(parallel) == []
    assert_same_site(output_of(parallel.outdir), output_of(serial.outdir))


def test_the_real_site_is_the_same_without(site: Path, tmp_path: Path) -> None:
    """The session's site (-j auto, optimised) against furo computing every page (written
    anew from the same doctrees)."""
    app = after_site(site, tmp_path, "html", furo_navigation_cache=False)
    assert warnings(app) == []
    assert "furo_navigation: off, furo_navigation_cache = False" in log(app)
    assert_same_site(output_of(site), output_of(app.outdir))


# -- incremental builds --------------------------------------------------------


def rename_nested_title(src: Path) -> None:
    page = src / "guide" / "deep" / "page.md"
    page.write_text(page.read_text().replace("# Deep page", "# A deeper page"))


def reorder_toctree(src: Path) -> None:
    page = src / "guide" / "index.md"
    page.write_text(
        page.read_text().replace("install\nUsing it <usage>", "Using it <usage>\ninstall")
    )


def stop_numbering(src: Path) -> None:
    page = src / "index.md"
    page.write_text(page.read_text().replace(":numbered:\n", ""))


def edit_prose(src: Path) -> None:
    page = src / "guide" / "install.md"
    page.write_text(page.read_text() + "\nMore prose.\n")


NAV_EDITS: dict[str, Callable[[Path], None]] = {
    "rename-nested-title": rename_nested_title,
    "reorder-toctree": reorder_toctree,
    "stop-numbering": stop_numbering,
    "edit-prose": edit_prose,
}


def rebuild(src: Path, out: Path, **overrides: Any) -> dict[str, bytes]:
    """Build into ``out``, incrementally if it holds an earlier build."""
    return output(quiet_build(src, builddir=out, **overrides))


@pytest.mark.parametrize("edit", NAV_EDITS)
def test_nav_edits_rebuild_as_without(tmp_path: Path, edit: str) -> None:
    """An incremental build writes what it writes without the optimisation.

    (Not what a clean build writes: without the talks extension, Sphinx leaves
    the sidebars of pages it does not re-read stale, and keeps section numbers
    that ``:numbered:`` no longer asks for. The optimisation must not change any
    of that.)
    """
    sites = {}
    for switch in (True, False):
        src = nav_root(tmp_path, f"src-{switch}")
        before = rebuild(src, tmp_path / f"out-{switch}", furo_navigation_cache=switch)
        NAV_EDITS[edit](src)
        sites[switch] = rebuild(src, tmp_path / f"out-{switch}", furo_navigation_cache=switch)
        # Sphinx keeps the numbers in an incremental build (see above), so
        # that edit leaves every byte as it was
        assert (sites[switch] != before) == (edit != "stop-numbering")
    assert_same_site(sites[True], sites[False])


def test_a_checked_shape_is_used_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = nav_root(tmp_path, "src")
    made: list[object] = []
    make_shape = tree.make_shape

    def spy(*args: Any) -> object:
        made.append(args)
        return make_shape(*args)

    monkeypatch.setattr(furo_navigation, "make_shape", spy)
    build(src)
    assert len(made) == 1
    stored = src / "_build" / "doctrees" / "furo_navigation.html.pickle"
    assert stored.exists()
    edit_prose(src)
    rebuild(src, src / "_build")  # the same environment, one page changed
    assert len(made) == 1, "a prose edit changes nothing the shape is made from"
    rename_nested_title(src)
    rebuild(src, src / "_build")
    assert len(made) == 2, "a title is in the shape"
    stored.write_bytes(stored.read_bytes()[:100])  # truncated: computed again, no error
    edit_prose(src)
    rebuild(src, src / "_build")
    assert len(made) == 3


# -- switching off -------------------------------------------------------------


@pytest.mark.sphinx("singlehtml", testroot="furo-navigation", srcdir="furo-navigation-single")
def test_off_for_a_builder_it_does_not_know(app: SphinxTestApp) -> None:
    app.build()
    assert off_lines(app) == [
        "furo_navigation: off, the 'singlehtml' builder is not one it knows (html, dirhtml); "
        "the sidebar is computed on every page"
    ]


@pytest.mark.sphinx(
    "html",
    testroot="furo-navigation",
    srcdir="furo-navigation-basic",
    confoverrides={"html_theme": "basic"},
)
def test_off_for_a_theme_it_does_not_know(app: SphinxTestApp) -> None:
    app.build()
    assert off_lines(app) == [
        "furo_navigation: off, the theme 'basic' is not furo; the sidebar is computed on every page"
    ]


def build_warned(src: Path) -> SphinxTestApp:
    """A build that may warn."""
    return build_root(src, freshenv=True)


def unchecked_warning(app: SphinxTestApp) -> str:
    (line,) = warnings(app)
    assert line.endswith("[furo_navigation.unchecked]")
    assert "To fix, re-check the template: run tests/test_furo_navigation.py" in line
    assert "_ext/furo_navigation/compat.py" in line
    assert "set furo_navigation_cache = False in conf.py" in line
    return line


def test_a_furo_it_was_not_checked_against_is_a_warning(
    tmp_path: Path, served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compat, "KNOWN_FURO", {"2024.1.1": {}})
    line = unchecked_warning(build_warned(nav_root(tmp_path, "src")))
    assert f"furo {compat.furo_version()} is not a version the navigation template" in line
    assert "(known: 2024.1.1)" in line and "KNOWN_FURO" in line
    assert "the square of the number of pages" in line
    assert served == []


def test_a_changed_furo_source_is_a_warning(
    tmp_path: Path, served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = {**compat.fingerprints(), "furo.navigation": "0" * 64}
    monkeypatch.setattr(compat, "KNOWN_FURO", {compat.furo_version(): changed})
    line = unchecked_warning(build_warned(nav_root(tmp_path, "src")))
    assert "source of furo.navigation is not the one that was checked" in line
    assert served == []


def test_an_unchecked_furo_fails_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compat, "KNOWN_FURO", {"2024.1.1": {}})
    app = build_root(nav_root(tmp_path, "src"), fail_on_warnings=True)
    assert app.statuscode == 1


def test_an_unchecked_notfound_is_a_warning_and_furo_computes_the_404_page(
    tmp_path: Path, served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compat, "KNOWN_NOTFOUND", {"0.1": "0" * 64})
    app = build_warned(nav_root(tmp_path, "src"))
    line = unchecked_warning(app)
    assert "sphinx-notfound-page 1.1.0 is not a version" in line and "KNOWN_NOTFOUND" in line
    assert "404" not in served and "index" in served


def test_off_on_purpose_is_one_info_line(tmp_path: Path) -> None:
    app = build(nav_root(tmp_path, "src"), furo_navigation_cache=False)
    assert off_lines(app) == [
        "furo_navigation: off, furo_navigation_cache = False; the sidebar is computed on every page"
    ]


def test_a_wrong_template_is_a_warning_and_furo_takes_over(
    tmp_path: Path, served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = output_of(build(nav_root(tmp_path, "a"), furo_navigation_cache=False).outdir)
    monkeypatch.setattr(tree.NavigationTemplate, "render", lambda *_args: "<ul>wrong</ul>")
    app = build_warned(nav_root(tmp_path, "b"))
    assert "the templated sidebar differs from furo's" in app.warning.getvalue()
    assert "[furo_navigation.mismatch]" in app.warning.getvalue()
    assert served == []
    assert_same_site(output_of(app.outdir), expected)


def test_make_bench_stops_when_the_optimisation_would_be_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bench.build import require_furo_navigation

    require_furo_navigation()  # the pinned furo: the benchmark runs
    monkeypatch.setattr(compat, "KNOWN_FURO", {"2024.1.1": {}})
    with pytest.raises(SystemExit) as stopped:
        require_furo_navigation()
    message = str(stopped.value)
    assert message.startswith("make bench: furo_navigation would be off: furo ")
    assert furo_navigation.RECHECK in message
