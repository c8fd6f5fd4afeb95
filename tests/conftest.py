"""Shared fixtures: Sphinx's own testing fixtures, our roots, the real site (as shipped
and with posts published)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from jinja2 import FileSystemBytecodeCache
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors
from sphinx.util.inventory import InventoryFile

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]


@pytest.fixture(scope="session", autouse=True)
def compile_templates_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each in-process build makes a new template environment and compiles furo's
    templates again: a third of a small root's build. The run's builds share the
    compiled code through Jinja's own bytecode cache, which reuses it only while a
    template's source is unchanged; what they render is the same."""
    cache = FileSystemBytecodeCache(str(tmp_path_factory.mktemp("jinja")))
    init = BuiltinTemplateLoader.init

    def shared(self: BuiltinTemplateLoader, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.environment.bytecode_cache = cache

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BuiltinTemplateLoader, "init", shared)
        yield


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOT / "tests" / "roots"


def sphinx_build(
    src: Path, out: Path, builder: str = "html", *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build the way the Makefile does, in a separate process (with ``env``
    added to this one's environment)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-n",
            "--keep-going",
            "--no-color",  # CI terminals may ask for colour; warnings are read as text
            "-d",
            str(out / ".doctrees"),
            *extra,
            str(src),
            str(out / builder),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "_ext"), **(env or {})},
    )


def build_root(
    srcdir: Path,
    buildername: str = "html",
    parallel: int = 0,
    builddir: Path | None = None,
    fail_on_warnings: bool = False,
    freshenv: bool = False,
    **confoverrides: Any,
) -> SphinxTestApp:
    """Build a project in this process, as a new ``sphinx-build`` run would.

    A second call on the same ``srcdir`` (and ``builddir``, by default
    ``srcdir/_build``) is an incremental build. ``fail_on_warnings`` is ``-W``: the
    build goes on, and its ``statuscode`` (sphinx-build's exit status) is 1.
    """
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        warningiserror=fail_on_warnings,
        confoverrides=confoverrides,
        parallel=parallel,
        freshenv=freshenv,
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def quiet_build(srcdir: Path, buildername: str = "html", **options: Any) -> SphinxTestApp:
    """``build_root`` for a build that must print no warning."""
    app = build_root(srcdir, buildername, **options)
    assert warnings(app) == [], app.warning.getvalue()
    return app


def warnings(app: SphinxTestApp) -> list[str]:
    """The build's warnings as plain lines (the stream may carry colour codes)."""
    return strip_colors(app.warning.getvalue()).splitlines()


def copy_root(name: str, to: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` that a test may edit."""
    shutil.copytree(ROOT / "tests" / "roots" / f"test-{name}", to)
    return to


def save(path: Path, text: str) -> None:
    """Write a page as an editor would: new text, a later modification time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    stamp = path.stat().st_mtime + 5
    os.utime(path, (stamp, stamp))


def write_png(path: Path, width: int = 60, height: int = 30) -> Path:
    """A small image, one colour, as an author would save beside a post."""
    rows = b"".join(b"\x00" + b"\x0c\x4b\x33" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text()
    assert old in text, f"{old!r} not in {page}"
    save(page, text.replace(old, new))


# -- the author's loop on the posts root (tests/roots/test-posts) -------------------


def add_post(src: Path) -> None:
    text = (src / "posts" / "first.md").read_text()
    text = text.replace("# First look at Talk One", "# A third post")
    save(src / "posts" / "third.md", text.replace("2026-11-01", "2026-12-20"))


def edit_post(src: Path) -> None:
    edit(src / "posts" / "second.md", "Both talks, compared", "Both talks, compared again")


def redate_post(src: Path) -> None:
    # the first post becomes the newest: the series order flips
    edit(src / "posts" / "first.md", "2026-11-01", "2026-12-24")


def remove_post(src: Path) -> None:
    (src / "posts" / "second.md").unlink()
    edit(src / "posts" / "first.md", "[the second post](second.md)", "the second post")


def publish_draft(src: Path) -> None:
    (src / "posts" / "drafts" / "wip.md").rename(src / "posts" / "wip.md")


#: What an author does to the posts root: add, edit, re-date, remove, publish a draft.
AUTHORS_LOOP: dict[str, Callable[[Path], None]] = {
    "add-post": add_post,
    "edit-post": edit_post,
    "redate-post": redate_post,
    "remove-post": remove_post,
    "publish-draft": publish_draft,
}


def clean_copy(src: Path, to: Path) -> Path:
    """The sources of an edited project, without its build: for a clean build."""
    shutil.copytree(src, to, ignore=shutil.ignore_patterns("_build"))
    return to


def comparable(app: SphinxTestApp) -> dict[str, bytes]:
    """Every file of a build's output, ``searchindex.js`` without the words no page has
    any more: Sphinx keeps them on an incremental build (``"word": []``); the site's
    output_fixes drops them, and the test roots do not load it."""
    found = files(Path(app.outdir))
    if "searchindex.js" in found:
        head, _, body = found["searchindex.js"].decode().partition("(")
        index = json.loads(body.rstrip().removesuffix(")"))
        for key in ("terms", "titleterms"):
            index[key] = {word: pages for word, pages in index[key].items() if pages != []}
        found["searchindex.js"] = f"{head}({json.dumps(index, sort_keys=True)})".encode()
    return found


def located(app: SphinxTestApp) -> list[str]:
    """The build's warnings, with its source folder left out of their locations."""
    return sorted(line.replace(f"{app.srcdir}/", "") for line in warnings(app))


def incremental_and_clean(
    root: str, change: Callable[[Path], None], tmp: Path
) -> tuple[SphinxTestApp, SphinxTestApp]:
    """Build ``root``, change it, build again; and build the changed sources afresh.
    Every file of the two outputs is the same, and so are their warnings."""
    src = copy_root(root, tmp / "src")
    first = build_root(src)
    assert warnings(first) == []
    before = comparable(first)
    change(src)
    incremental = build_root(src)
    clean = build_root(clean_copy(src, tmp / "clean"))
    got = comparable(incremental)
    assert got != before, "the edit must change the site"
    assert_same(got, comparable(clean))
    assert located(incremental) == located(clean)
    return incremental, clean


def assert_incremental_equals_clean(root: str, change: Callable[[Path], None], tmp: Path) -> None:
    """``incremental_and_clean``, for an edit that leaves nothing to warn about."""
    incremental, _clean = incremental_and_clean(root, change, tmp)
    assert warnings(incremental) == []


def output(app: SphinxTestApp, suffixes: tuple[str, ...] = (".html", ".xml")) -> dict[str, bytes]:
    """Every written page and feed, by path, for byte-for-byte comparisons."""
    return files(Path(app.outdir), suffixes)


def files(outdir: Path, suffixes: tuple[str, ...] | None = None) -> dict[str, bytes]:
    """Every file of an output folder (or those with ``suffixes``), by path."""
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts and (suffixes is None or p.suffix in suffixes)
    }


def assert_same(got: dict[str, bytes], expected: dict[str, bytes]) -> None:
    """The same files, byte for byte; the message names those that differ."""
    assert sorted(got) == sorted(expected)
    stale = [name for name in expected if got[name] != expected[name]]
    assert not stale, f"files differ: {stale}"


#: The real site as shipped, and in use: with the posts of ``tests/data/posts`` published.
SITES = ("shipped", "with-posts")
TEST_POSTS = ROOT / "tests" / "data" / "posts"
#: What a copy of the site leaves out: builds, environments, caches, the tests.
SITE_ONLY = shutil.ignore_patterns(
    ".venv", "_build", "node_modules", ".git", "tests", "*.pyc", "__pycache__", ".*_cache"
)


def copy_site(to: Path) -> Path:
    """The site's sources (``to`` is replaced)."""
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(ROOT, to, ignore=SITE_ONLY)
    return to


def with_test_posts(src: Path) -> Path:
    """``src`` with every post of ``tests/data/posts`` published under ``posts/``, with
    the folders of images beside them."""
    for post in sorted(TEST_POSTS.iterdir()):
        if post.is_dir():
            shutil.copytree(post, src / "posts" / post.name)
        elif post.suffix == ".md" and post.name != "README.md":
            shutil.copy(post, src / "posts" / post.name)
    return src


def once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """``build(out)`` once per test run, into the run's directory ``name``.

    Under pytest-xdist the workers share it: the first to take its lock builds,
    the others wait, then read. A build that failed is tried again by the next.
    The lock is a POSIX one (``lockf``): a process forked while building (as
    sphinx-sitemap's manager is) does not hold it on.
    """
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's directory, shared by its workers
    out = base / name
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        if not (base / f"{name}.done").exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            build(out)
            (base / f"{name}.done").touch()  # last: the build is whole
    return out


@pytest.fixture(scope="session", params=SITES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per run with -n -W (HTML output dir): as shipped, and
    with test posts published (its sources are a copy, ``source_of(site)``). Every test
    that uses it, or ``page``, runs on both. Tests only read it.
    """

    def build(out: Path) -> None:
        src = ROOT if request.param == "shipped" else with_test_posts(copy_site(out / "src"))
        result = sphinx_build(src, out, "html", "-W", "-j", "auto")
        assert result.returncode == 0, result.stderr
        (out / "warnings.txt").write_text(result.stderr)

    return once(tmp_path_factory, f"site-{request.param}", build) / "html"


def source_of(site: Path) -> Path:
    """The sources ``site`` was built from."""
    copy = site.parent / "src"
    return copy if copy.is_dir() else ROOT


def after_site(site: Path, out: Path, builder: str, **confoverrides: Any) -> SphinxTestApp:
    """``builder`` run on the real site in this process, after the session's HTML build
    and on its doctrees, as Read the Docs does and ``make epub`` after ``make html``.
    The doctrees are copied into ``out`` once; output goes to ``out/<builder>``."""
    if not (out / "doctrees").exists():
        shutil.copytree(site.parent / ".doctrees", out / "doctrees")
    return build_root(source_of(site), builder, builddir=out, **confoverrides)


#: The builders run after the HTML one by ``other_builds``.
OTHER_BUILDERS = ("epub", "dirhtml", "singlehtml", "latex")
#: A proxy that refuses every connection: a download would fail and show in the log.
OFFLINE = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}


@pytest.fixture(scope="session")
def other_builds(
    tmp_path_factory: pytest.TempPathFactory, site: Path
) -> dict[str, tuple[Path, str]]:
    """builder -> (output dir, what the build printed): each builder after the HTML one,
    on its doctrees, as ``make epub`` after ``make html``, offline; once per run and site."""

    def build(out: Path) -> None:
        with pytest.MonkeyPatch.context() as env:
            for name, value in OFFLINE.items():
                env.setenv(name, value)
            for builder in OTHER_BUILDERS:
                (out / f"{builder}.log").write_text(log(after_site(site, out, builder)))

    out = once(tmp_path_factory, f"{site.parent.name}-formats", build)
    return {b: (out / b, (out / f"{b}.log").read_text()) for b in OTHER_BUILDERS}


@dataclass(frozen=True)
class SitePost:
    docname: str
    title: str
    published: str  # YYYY-MM-DD
    talks: tuple[str, ...]  # the slugs of the talks it covers


def published_posts(site: Path) -> list[SitePost]:
    """The posts a built site publishes, oldest first: those its ``objects.inv`` lists,
    each as its page says (``article:published_time``, the cards of its talks)."""
    inventory = InventoryFile.loads((site / "objects.inv").read_bytes(), uri="")
    posts = []
    for item in inventory.data.get("talks:post", {}).values():
        page = BeautifulSoup((site / item.uri).read_text(), "html.parser")
        published = page.select_one('meta[property="article:published_time"]')["content"]
        talks = [
            str(a["href"]).rsplit("#talk-", 1)[1]
            for a in page.select(".talks-covers .sd-card-title a")
        ]
        docname = item.uri.removesuffix(".html")
        posts.append(SitePost(docname, item.display_name, str(published), tuple(talks)))
    return sorted(posts, key=lambda p: (p.published, p.docname))


def log(app: SphinxTestApp) -> str:
    """What the build printed, status and warnings, as plain text."""
    return strip_colors(app.status.getvalue() + app.warning.getvalue())


@pytest.fixture(scope="session")
def page(site: Path) -> Callable[[str], BeautifulSoup]:
    cache: dict[str, BeautifulSoup] = {}

    def load(name: str) -> BeautifulSoup:
        if name not in cache:
            cache[name] = BeautifulSoup((site / name).read_text(), "html.parser")
        return cache[name]

    return load
