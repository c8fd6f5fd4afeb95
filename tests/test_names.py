"""Names that become files, anchors and ids: in any script, of any length, without a
letter, spelled two ways, a file name with a space, a setting that points out of the
output. Each is a located warning that shows the name, never a traceback, never a file
the file system refuses and never a silently wrong name (tests/roots/test-names)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from talks.model import NAME_BYTES, digest

from .conftest import ROOT, build_root, copy_root, edit, warnings

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/kb/"
LONG_NAME = " ".join(["Bartholomew"] * 25)
LONG_TOPIC = "-".join(["structure"] * 24)


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The root built with -W, as sphinx-build would: a traceback would raise here."""
    app = build_root(
        ROOT / "tests" / "roots" / "test-names",
        builddir=tmp_path_factory.mktemp("names"),
        fail_on_warnings=True,
    )
    assert app.statuscode == 1, "-W must fail the build on these names"
    return app


def warned(app: SphinxTestApp, where: str, *what: str) -> str:
    """The one warning at ``where`` (``talks/x.md:4``) that says all of ``what``."""
    found = [
        w for w in warnings(app) if f"/{where}: WARNING: " in w and all(part in w for part in what)
    ]
    assert len(found) == 1, "\n".join(warnings(app))
    return found[0]


def people(app: SphinxTestApp) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / "people.html").read_text(), "html.parser")


def feed_links(app: SphinxTestApp) -> dict[str, str]:
    """Each speaker's and topic's entry id on the people page -> the feed it links."""
    return {
        str(entry["id"]): str(entry.select_one(".talks-feed a")["href"])
        for entry in people(app).select("section.talk-speaker, section.talk-topic")
    }


def test_every_name_the_build_makes_fits_a_file_system(names: SphinxTestApp) -> None:
    made = [p for p in names.outdir.rglob("*") if ".doctrees" not in p.parts]
    assert made
    too_long = [p.name for p in made if len(p.name.encode()) > NAME_BYTES]
    assert not too_long


def test_a_long_speaker_name_or_topic_gets_a_short_feed_and_a_warning(
    names: SphinxTestApp,
) -> None:
    for where, what, kind in (
        ("talks/long.md:4", f"speaker {LONG_NAME!r}", "speakers"),
        ("talks/long.md:8", f"topic {LONG_TOPIC!r}", "topics"),
    ):
        line = warned(names, where, f"the feed of {what} cannot be named after it")
        assert line.endswith("[talks.name]")
        path = line.split(", so it is ")[1].split(";")[0]
        assert path.startswith(f"feeds/{kind}/") and (names.outdir / path).is_file(), line
        assert path in feed_links(names).values(), "the people page links the file it names"


def test_a_byline_too_long_for_any_description_says_so(names: SphinxTestApp) -> None:
    line = warned(names, "talks/long.md:9", "the description of 'long' is 12 characters")
    assert "none fits beside 'A talk by Bartholomew" in line
    assert "-1" not in line.split("characters;")[1].split("beside")[0]


def test_a_name_in_any_script_makes_a_slug(names: SphinxTestApp) -> None:
    links = feed_links(names)
    for slug in ("shantiantailang", "lingmuyilang"):  # 山田太郎, 鈴木一郎
        assert links[f"speaker-{slug}"] == f"feeds/speakers/{slug}.xml"
        assert (names.outdir / "feeds" / "speakers" / f"{slug}.xml").is_file()
    hidden = [p.name for p in names.outdir.rglob(".*") if ".doctrees" not in p.parts]
    assert hidden == [".buildinfo"]  # no feeds/speakers/.xml
    assert not people(names).select('[id="speaker-"]')


def test_a_name_without_letters_gets_its_own_slug_and_a_warning_that_shows_it(
    names: SphinxTestApp,
) -> None:
    links = feed_links(names)
    for name in ("★☆", "☆★"):
        slug = digest(name)
        line = warned(names, "talks/symbols.md:4", f"speaker {name!r} has no letter or digit")
        assert f"named {slug!r}" in line and line.endswith("[talks.speaker]")
        assert links[f"speaker-{slug}"] == f"feeds/speakers/{slug}.xml"
    assert digest("★☆") != digest("☆★")
    assert not [w for w in warnings(names) if "'- | -'" in w]


def test_two_spellings_of_one_slug_show_both_names(names: SphinxTestApp) -> None:
    line = warned(names, "talks/no-accent.md:4", "speaker 'Jose Ruiz' makes the slug 'jose-ruiz'")
    assert "as 'José Ruiz' does in" in line and "accent.md (line 4)" in line
    assert line.endswith("[talks.speaker]")


def test_a_name_composed_two_ways_is_one_person(names: SphinxTestApp) -> None:
    """``Jose`` + U+0301 (as some editors save it) and ``José`` are one speaker: no
    warning, one entry, one feed."""
    assert not [w for w in warnings(names) if "/talks/decomposed.md:" in w]
    assert list(feed_links(names)).count("speaker-jose-ruiz") == 1
    assert feed_links(names)["speaker-mhmd-ly"] == "feeds/speakers/mhmd-ly.xml"  # محمد علي


def test_a_bidirectional_override_in_a_name_is_refused(names: SphinxTestApp) -> None:
    """U+202E would turn around the text after the name in every list that shows it."""
    line = warned(names, "talks/override.md:4", "bidirectional embedding or override U+202E")
    assert "'\\u202eAda Lovelace'" in line and line.endswith("[talks.text]")
    assert "\u202e" not in (names.outdir / "people.html").read_text()


def test_a_video_given_twice_is_a_warning_at_the_second(names: SphinxTestApp) -> None:
    line = warned(names, "talks/no-accent.md:8", "the video 'xEW8kWQqEew' is given again")
    assert "recording of talk 'accent'" in line and "accent.md (line 8)" in line
    assert line.endswith("[talks.duplicate]")


def test_a_windows_device_name_makes_another_file_name(names: SphinxTestApp) -> None:
    line = warned(names, "talks/kanji.md:8", "the feed of topic 'con' cannot be named after it")
    assert "'con.xml' is a name Windows keeps for a device" in line
    name = f"con-{digest('con')}.xml"
    assert (names.outdir / "feeds" / "topics" / name).is_file()
    assert not (names.outdir / "feeds" / "topics" / "con.xml").exists()


def test_feed_ids_and_links_are_iris(names: SphinxTestApp) -> None:
    """``posts/my post.md``: the entry's id and link percent-encode the space, and the
    link still leads to the page."""
    feed = ElementTree.parse(names.outdir / "atom.xml").getroot()
    (entry,) = feed.iter(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == "tag:example.org,2026:posts/my%20post"
    href = entry.find(f"{ATOM}link").get("href")
    assert href == f"{BASE}posts/my%20post.html"
    assert (names.outdir / unquote(urlsplit(href).path).removeprefix("/kb/")).is_file()
    for path in names.outdir.rglob("*.xml"):
        for element in ElementTree.parse(path).getroot().iter():
            values = (
                [element.get("href", ""), element.text or ""]
                if element.tag
                in (
                    f"{ATOM}id",
                    f"{ATOM}link",
                )
                else [element.get("href", "")]
            )
            assert not [v for v in values if any(c.isspace() for c in v.strip())], path


def pyvideo_with_conference(tmp_path: Path, name: str) -> SphinxTestApp:
    src = copy_root("names", tmp_path / "src")
    edit(src / "index.md", ":name: Names Conference 2016", f":name: {name}")
    return build_root(src, "pyvideo")


def test_a_conference_in_any_script_has_its_pyvideo_event_folder(tmp_path: Path) -> None:
    app = pyvideo_with_conference(tmp_path, "東京カンファレンス")
    outdir = app.outdir
    assert not (outdir / "category.json").exists()
    assert not (outdir / "videos").exists()
    assert (outdir / "dongjingkanfuarensu" / "category.json").is_file()
    assert (outdir / "dongjingkanfuarensu" / "videos" / "kanji.json").is_file()


def test_a_conference_without_letters_has_no_pyvideo_folder_and_a_warning(
    tmp_path: Path,
) -> None:
    app = pyvideo_with_conference(tmp_path, "★ ★ ★")
    line = warned(app, "index.md:11", "the conference name '★ ★ ★' has no letter or digit")
    assert "there is no PyVideo folder" in line and line.endswith("[talks.pyvideo]")
    assert not list(app.outdir.rglob("*.json"))


def test_a_long_conference_name_makes_a_short_event_folder(tmp_path: Path) -> None:
    app = pyvideo_with_conference(tmp_path, " ".join(["Conference"] * 20))
    line = warned(app, "index.md:11", "the conference name cannot name the PyVideo event folder")
    folder = line.split("so the folder is '")[1].split("'")[0]
    assert folder.endswith(digest("-".join(["conference"] * 20)))
    assert (app.outdir / folder / "category.json").is_file()


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("talks_feed_path", "x/../../../escaped-feed.xml"),
        ("talks_feed_path", "feeds/.hidden.xml"),
        ("talks_pyvideo_path", "x/../../../escaped"),
        ("talks_pyvideo_path", "data/.hidden"),
        ("talks_feed_path", "feeds/con.xml"),
        ("talks_pyvideo_path", "data/aux"),
    ],
)
def test_a_path_setting_cannot_leave_the_output(tmp_path: Path, setting: str, value: str) -> None:
    """The same check refuses the same trick for both settings: nothing is written
    outside the output, and the default is used."""
    src = copy_root("names", tmp_path / "src")
    app = build_root(src, builddir=tmp_path / "build", **{setting: value})
    (line,) = [w for w in warnings(app) if f"invalid setting {setting} = {value!r}" in w]
    assert "no name starting with '.'" in line and line.endswith("[talks.config]")
    outside = [
        p
        for p in tmp_path.rglob("*")
        if "escaped" in p.name or (".hidden" in p.name and "build" not in p.parts)
    ]
    assert not outside
    default = {"talks_feed_path": "atom.xml", "talks_pyvideo_path": "data/pyvideo"}[setting]
    assert (app.outdir / default).exists()


def test_the_feed_cannot_take_the_sitemaps_file(tmp_path: Path) -> None:
    src = copy_root("names", tmp_path / "src")
    app = build_root(
        src, extensions=["myst_parser", "talks", "sphinx_sitemap"], talks_feed_path="sitemap.xml"
    )
    (line,) = [w for w in warnings(app) if "talks_feed_path = 'sitemap.xml'" in w]
    assert "sitemap_filename writes that file" in line and line.endswith("[talks.config]")
    assert (app.outdir / "atom.xml").is_file()
