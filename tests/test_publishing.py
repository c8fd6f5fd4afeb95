"""Read the Docs, link previews, search engines and other formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import OTHER_BUILDERS, ROOT, published_posts
from .test_outputs import HEADINGS, epub_order, single_page_order
from .test_site import SLUGS, TALKS
from .test_validators import epubcheck_messages, vnu_errors

if TYPE_CHECKING:
    from collections.abc import Callable

    Page = Callable[[str], BeautifulSoup]

BASE = "https://duth-2016.readthedocs.io/en/latest/"
# Read the Docs' own schema for .readthedocs.yaml (readthedocs/readthedocs.org,
# readthedocs/rtd_tests/fixtures/spec/v2/schema.json, commit 7937196), kept here.
SCHEMA = ROOT / "tests" / "data" / "readthedocs-config-v2.schema.json"


def content_pages(site: Path) -> list[str]:
    skip = {"search.html", "404.html"}
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name not in skip)


def test_readthedocs_config_is_valid() -> None:
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    jsonschema.validate(config, json.loads(SCHEMA.read_text()))
    assert config["build"]["tools"]["python"] == "3.12"
    assert config["sphinx"] == {
        "configuration": "conf.py",
        "builder": "html",
        "fail_on_warning": True,
    }
    assert {"requirements": "requirements.txt"} in config["python"]["install"]
    assert "epub" in config["formats"]
    assert "pdf" in config["formats"]  # built and read back in test_pdf.py


def test_canonical_and_opengraph_on_every_page(site: Path, page: Page) -> None:
    for name in content_pages(site):
        soup = page(name)
        canonical = soup.select_one('link[rel="canonical"]')
        assert canonical is not None and canonical["href"] == BASE + name, name
        og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        assert og["og:url"] == BASE + name
        assert og["og:title"] and og["og:description"], name
        assert og["og:image"] == BASE + "_static/og-card.png"
        card = soup.select('meta[name="twitter:card"]')
        assert [m["content"] for m in card] == ["summary_large_image"], name
        assert (site / "_static" / "og-card.png").is_file()
        description = soup.select('meta[name="description"]')
        assert len(description) == 1 and description[0]["content"], name
        feeds = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
        hrefs = [f["href"] for f in feeds]
        assert hrefs[0] == BASE + "atom.xml", name  # the series', then the page's narrower ones
        assert all((site / h.removeprefix(BASE)).is_file() for h in hrefs), (name, hrefs)


def test_every_page_has_one_whole_sentence_description(site: Path, page: Page) -> None:
    for path in sorted(site.rglob("*.html")):
        name = str(path.relative_to(site))
        soup = page(name)
        (description,) = [m["content"] for m in soup.select('meta[name="description"]')]
        assert len(description) <= 160, (name, len(description))
        assert description.endswith((".", "!", "?")) and "..." not in description, name
        og = [m["content"] for m in soup.select('meta[property="og:description"]')]
        assert og == [description], name


def test_search_and_404_pages_have_previews(page: Page) -> None:
    for name in ("search.html", "404.html"):
        og = {m["property"]: m["content"] for m in page(name).select("meta[property^='og:']")}
        assert og["og:title"] and og["og:image"] == BASE + "_static/og-card.png", name
        assert og["og:url"] == BASE + name


@pytest.mark.parametrize(("slug", "talk"), list(zip(SLUGS, TALKS, strict=True)), ids=SLUGS)
def test_talk_previews_describe_the_talk(page: Page, slug: str, talk: object) -> None:
    soup = page(f"talks/{slug}.html")
    og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
    assert og["og:title"] == talk.title  # type: ignore[attr-defined]
    speaker = talk.speaker.casefold()  # type: ignore[attr-defined]
    assert speaker in og["og:description"].casefold()
    assert "November 2016" in og["og:description"]
    assert og["og:description"] == soup.select_one('meta[name="description"]')["content"]


def test_sitemap_and_robots(site: Path) -> None:
    tree = ElementTree.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = sorted(loc.text or "" for loc in tree.getroot().findall("s:url/s:loc", ns))
    assert urls == sorted(BASE + name for name in content_pages(site))
    robots = (site / "robots.txt").read_text().splitlines()
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_404_page_works_at_any_depth(page: Page) -> None:
    soup = page("404.html")
    assets = [t.get("href") or t.get("src") for t in soup.select("link[href], script[src]")]
    local = [a for a in assets if a and not a.startswith(("http:", "https:"))]
    assert local and all(a.startswith("/en/latest/") for a in local), local
    nav = [a["href"] for a in soup.select(".sidebar-tree a[href]")]
    assert nav and all(h.startswith("/en/latest/") for h in nav)


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.get_text()) for s in soup.select('script[type="application/ld+json"]')]


def test_overview_json_ld(page: Page) -> None:
    (event,) = json_ld(page("index.html"))
    assert event["@type"] == "Event"
    assert (event["startDate"], event["endDate"]) == ("2016-11-03", "2016-11-06")
    assert event["location"]["@type"] == "Place"
    assert event["location"]["address"]["streetAddress"] == "Piet Heinkade 179"
    assert event["organizer"]
    subs = event["subEvent"]
    assert [s["name"] for s in subs] == [t.title for t in TALKS]
    assert [s["performer"][0]["name"].casefold() for s in subs] == [
        t.speaker.casefold() for t in TALKS
    ]
    assert subs[0]["startDate"] == "2016-11-03T13:45:00+01:00"
    assert all(s["startDate"].endswith("+01:00") for s in subs)


@pytest.mark.parametrize(("slug", "talk"), list(zip(SLUGS, TALKS, strict=True)), ids=SLUGS)
def test_talk_json_ld(page: Page, slug: str, talk: object) -> None:
    soup = page(f"talks/{slug}.html")
    (event,) = json_ld(soup)
    assert event["@type"] == "Event" and event["name"] == talk.title  # type: ignore[attr-defined]
    video = event["recordedIn"]
    assert video["@type"] == "VideoObject"
    assert video["url"] == f"https://www.youtube.com/watch?v={talk.stream}"  # type: ignore[attr-defined]
    clip = video["hasPart"][0]  # the talk; then any moment the page cites
    assert clip["@type"] == "Clip"
    assert clip["startOffset"] == talk.offset  # type: ignore[attr-defined]
    start = soup.select_one(".talk-player")["data-embed"].split("start=")[1].split("&")[0]
    assert clip["startOffset"] == int(start)
    # the conference, as an Event with its dates and place, the one the overview describes
    parent = event["superEvent"]
    (conference,) = json_ld(page("index.html"))
    assert parent["@id"] == conference["@id"] == BASE + "index.html#event"
    assert (parent["startDate"], parent["endDate"]) == ("2016-11-03", "2016-11-06")
    assert parent["location"]["address"]["streetAddress"] == "Piet Heinkade 179"


@pytest.mark.parametrize("builder", OTHER_BUILDERS)
def test_other_builders_are_warning_free(
    other_builds: dict[str, tuple[Path, str]], builder: str
) -> None:
    _out, log = other_builds[builder]
    assert "WARNING" not in log and "Traceback" not in log


def test_epub_holds_every_talk_with_its_recording(
    other_builds: dict[str, tuple[Path, str]],
) -> None:
    out, _log = other_builds["epub"]
    (book,) = out.glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        for slug, talk in list(zip(SLUGS, TALKS, strict=True)):
            soup = BeautifulSoup(epub.read(f"talks/{slug}.xhtml"), "html.parser")
            links = [a["href"] for a in soup.select(".talk-recording-link a")]
            assert links == [f"https://www.youtube.com/watch?v={talk.stream}&t={talk.offset}s"]
            assert not soup.select("iframe")


def test_epub_says_what_it_is(other_builds: dict[str, tuple[Path, str]]) -> None:
    """No "unknown" in the book's metadata: a reader's library shows these fields."""
    out, _log = other_builds["epub"]
    (book,) = out.glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        opf = ElementTree.fromstring(epub.read("content.opf"))
    dc = "{http://purl.org/dc/elements/1.1/}"
    fields = {e.tag.removeprefix(dc): (e.text or "") for e in opf.iter() if e.tag.startswith(dc)}
    assert fields["identifier"] == "duth-2016-knowledge-base"
    assert fields["description"].startswith("The 2016 edition of Django: Under the Hood")
    assert "Vitor Freitas" in fields["contributor"]
    assert "unknown" not in fields.values(), fields


def test_epub_reads_and_lists_every_post_after_the_write_ups(
    other_builds: dict[str, tuple[Path, str]], site: Path
) -> None:
    out, _log = other_builds["epub"]
    spine, contents = epub_order(out)
    pages = [name.removesuffix(".html") for name in content_pages(site)]
    assert sorted(spine) == sorted(pages), "every page, in the reading order"
    posts = [post.docname for post in published_posts(site)]
    for order in (spine, contents):
        at = order.index("posts/index")
        assert order[at : at + len(posts) + 2] == ["posts/index", *posts, "posts/elsewhere"]


def test_single_page_holds_every_post_after_the_write_ups(
    other_builds: dict[str, tuple[Path, str]], site: Path
) -> None:
    out, _log = other_builds["singlehtml"]
    soup = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    order = single_page_order(soup)
    pages = {name.removesuffix(".html") for name in content_pages(site)}
    assert sorted(order) == sorted(pages), "every page once"
    posts = published_posts(site)
    at = order.index("posts/index")
    assert order[at : at + len(posts) + 2] == [
        "posts/index",
        *(post.docname for post in posts),
        "posts/elsewhere",
    ]
    for post in posts:
        start = soup.find(id=f"document-{post.docname}")
        assert start.find_next(HEADINGS).get_text().strip("¶ ") == post.title
    contents = [a["href"] for a in soup.select(".sidebar-tree a")]
    assert [f"#document-{post.docname}" for post in posts] == [
        href for href in contents if href.removeprefix("#document-") in {p.docname for p in posts}
    ]


def test_dirhtml_sitemap_lists_content_pages_only(
    other_builds: dict[str, tuple[Path, str]],
) -> None:
    out, _log = other_builds["dirhtml"]
    tree = ElementTree.parse(out / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text or "" for loc in tree.getroot().findall("s:url/s:loc", ns)]
    assert BASE + "talks/channels/" in urls
    assert not [u for u in urls if u.endswith(("/search/", "/404/"))], urls


def test_latex_touches_no_network(other_builds: dict[str, tuple[Path, str]]) -> None:
    out, log = other_builds["latex"]
    assert "(downloading)" not in log and "Cannot download" not in log
    thumbs = (
        list((out / "_video_thumbnail").glob("*")) if (out / "_video_thumbnail").exists() else []
    )
    assert thumbs == [], "no thumbnail may be fetched or left behind"
    tex = next(out.glob("*.tex")).read_text()
    assert "rsEkQbMLCH4" in tex


def find_python312() -> str | None:
    """PYTHON312, else a pyenv 3.12, else python3.12 on PATH (pyenv shims may not run)."""
    candidates = [
        os.environ.get("PYTHON312"),
        *map(str, sorted(Path("/root/.pyenv/versions").glob("3.12*/bin/python3.12"))),
        shutil.which("python3.12"),
    ]
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", ""], capture_output=True, check=False).returncode == 0:
            return candidate
    return None


def test_readthedocs_build_steps_on_python_312(tmp_path: Path) -> None:
    if not os.environ.get("CI"):
        pytest.skip(
            "installs the requirements from the network into a new venv; runs in CI (CI=true)"
        )
    python = find_python312()
    if python is None:
        pytest.fail("CI must provide Python 3.12 (see .ci/run)")
    venv = tmp_path / "rtd-venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    subprocess.run([*pip, "-r", str(ROOT / "requirements.txt")], check=True)
    canonical = "https://duth-2016.readthedocs.io/en/stable/"
    env = {**os.environ, "READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": canonical}
    env.pop("PYTHONPATH", None)
    out = tmp_path / "html"
    result = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "sphinx",
            "-T",
            "-W",
            "--keep-going",
            "-b",
            "html",
            "-d",
            str(tmp_path / "doctrees"),
            "-D",
            "language=en",
            ".",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    soup = BeautifulSoup((out / "talks" / "channels.html").read_text(), "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"] == canonical + "talks/channels.html"


def test_epub_passes_epubcheck(other_builds: dict[str, tuple[Path, str]]) -> None:
    out, _log = other_builds["epub"]
    (book,) = out.glob("*.epub")
    assert epubcheck_messages(book) == []
    with zipfile.ZipFile(book) as epub:
        assert not [n for n in epub.namelist() if n.startswith("book.")], "the PDF's root stays out"


def test_single_page_links_and_ids(other_builds: dict[str, tuple[Path, str]]) -> None:
    """Every in-page link lands on exactly one element: Sphinx 9 alone leaves 191 that don't."""
    out, _log = other_builds["singlehtml"]
    soup = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    links = [a for a in soup.select('a[href^="#"]') if a["href"] != "#"]  # "#": the top
    assert len(links) > 250
    assert [a["href"] for a in links if ids[a["href"][1:]] != 1] == []
    # The page's table of contents lands on the headings it names.
    headings = ["h1", "h2", "h3", "h4", "h5", "h6"]
    toc = soup.select(".toc-tree a")
    assert len(toc) > 40
    for a in toc:
        target = soup.find(id=a["href"][1:])
        heading = target.find_next(headings) if target.name == "span" else target.find(headings)
        assert heading.get_text().strip("¶ ") == a.get_text(), a["href"]
    # The talk pages' shared heading is each talk's own.
    covered = [a["href"] for a in toc if a.get_text() == "What the talk covered"]
    assert covered == [f"#talks-{slug}-what-the-talk-covered" for slug in SLUGS]
    assert vnu_errors(out / "index.html") == []
