"""The PyVideo folder: PyVideo's own checks pass, and it says what the records say.

PyVideo's data repository (``pyvideo/data``) runs these checks on every pull
request (its ``Makefile``'s ``test`` and ``.tests/*.py``): the folder layout
(``pathschema``), each file against its JSON Schema, the serialisation of
``tools/constants.py``, unique slugs and ids, an ISO 639-3 language it
knows, descriptions that render as reStructuredText, file names under 140
bytes and a speaker-name rule. Its schemas and language list are vendored in
``tests/data/pyvideo/`` (CC0); the checks are restated here, the
reStructuredText one adapted from its ``.tests/render_rest.py``.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import docutils.frontend
import docutils.nodes
import docutils.utils
import jsonschema
import pathschema
import pytest
from bs4 import BeautifulSoup
from docutils.core import publish_doctree
from docutils.parsers import rst
from talks.pyvideo import rest

from .conftest import ROOT, after_site, build_root, clean_copy, copy_root, edit, warnings

if TYPE_CHECKING:
    from collections.abc import Callable

DATA = ROOT / "tests" / "data" / "pyvideo"
EVENT = "django-under-the-hood-2016"
#: The other edition with recordings (2015 has none): its folder and its six talks.
EVENT_2014 = "django-under-the-hood-2014"
TALKS_2014 = 6
#: ``JSON_FORMAT_KWARGS`` of pyvideo/data's ``tools/constants.py``.
JSON_FORMAT: dict[str, Any] = {"indent": 2, "separators": (",", ": "), "sort_keys": True}
#: pyvideo/data's ``.tests/speaker_names.py``: names it refuses, and what to write instead.
SPEAKER_NAMES = {"Glyph Lefkowitz": "Glyph"}
BASE = "https://duth-2016.readthedocs.io/en/latest/"
DAY_1, DAY_2 = ("2016-11-03", "rsEkQbMLCH4"), ("2016-11-04", "kWH3Waigi5Y")

#: The facts (research notes): slug -> (day, its stream, where the talk starts, own upload).
TALKS: dict[str, tuple[str, str, int, str | None]] = {
    "channels": (*DAY_1, 55 * 60 + 9, "xEW8kWQqEew"),
    "testing": (*DAY_1, 2 * 3600 + 17 * 60 + 10, "EHyKzPQFXzo"),
    "debugging": (*DAY_1, 3 * 3600 + 14 * 60 + 8, "5fheDDj3oHY"),
    # its own upload (lzg_IH22CvQ) is gone: PyVideo deleted its record (e6c22d1, 2024)
    "mental-health": (*DAY_2, 36 * 60 + 30, None),
    "validation": (*DAY_2, 3600 + 15 * 60, "uzTaWKcMzos"),
    "modern-javascript": (*DAY_2, 3 * 3600 + 17 * 60 + 30, "hdICVfMtsMc"),
    "database-backends": (*DAY_2, 4 * 3600 + 18 * 60 + 30, "OCq2eUmrCfI"),
    "oss-funding": (*DAY_2, 5 * 3600 + 48 * 60 + 45, "HokXBjDS_UA"),
    "django-at-instagram": (*DAY_2, 6 * 3600 + 30 * 60, "lx5WQjXLlq8"),
}
#: The other recordings: slug -> (day, video, speakers).
EXTRAS = {
    "welcome-with-opening-words": ("2016-11-03", "SKqKufjteJU", ["Marc Tamlyn"]),
    "introduction-to-the-sprints": (
        "2016-11-04",
        "MgpMh2aXzWM",
        ["Tim Graham", "Jacob Kaplan-Moss"],
    ),
    "highlights": ("2016-11-03", "NtBznRAcrwU", []),
}


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def records(root: Path) -> dict[str, dict[str, Any]]:
    """slug (file name) -> record, for every video of every event."""
    return {p.stem: json.loads(p.read_bytes()) for p in sorted(root.glob("*/videos/*"))}


def youtube(url: str) -> tuple[str, int | None]:
    """(video id, start in seconds or None) of a YouTube watch URL."""
    parts = urlsplit(url)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", "www.youtube.com", "/watch")
    query = parse_qs(parts.query)
    start = query.get("t", [None])[0]
    return query["v"][0], int(start.removesuffix("s")) if start else None


# -- PyVideo's checks, restated --------------------------------------------------


def schema_errors(root: Path) -> list[str]:
    """``.tests/schemas.py``: each file against its schema, formats checked."""
    found = []
    for name, pattern in (("category.json", "*/category.json"), ("video.json", "*/videos/*.json")):
        schema = json.loads((DATA / name).read_text())
        for path in sorted(root.glob(pattern)):
            try:
                jsonschema.validate(
                    json.loads(path.read_bytes()), schema, format_checker=jsonschema.FormatChecker()
                )
            except jsonschema.ValidationError as exc:
                found.append(f"{path.relative_to(root)}: {exc.message}")
    return found


def layout_errors(root: Path) -> list[str]:
    """``make test-directory-schemas``: the ``pathschema`` package on the folder."""
    result = pathschema.validate(root, (DATA / "pathschema").read_text())
    return [f"{path}: {e}" for path, errors in result.errors_by_path.items() for e in errors]


def rest_errors(text: str) -> list[tuple[int, str]]:
    """``.tests/render_rest.py`` (pyvideo/data, CC0): docutils' messages on a description.

    PyVideo fails a description on a message of level 2 (warning) or more; this
    returns every message, so that a level-1 notice is caught here too.
    """
    settings = docutils.frontend.get_default_settings(rst.Parser)
    settings.report_level = 5  # keep them in the tree, off the terminal
    document = docutils.utils.new_document("", settings)
    rst.Parser().parse(text, document)
    return [
        (node["level"], node.astext()) for node in document.findall(docutils.nodes.system_message)
    ]


def rendered(text: str) -> list[str]:
    """The paragraphs docutils renders from ``text``."""
    document = publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 5})
    assert all(isinstance(child, docutils.nodes.paragraph) for child in document.children)
    return [child.astext() for child in document.children]


# -- the folder that make pyvideo writes -------------------------------------------


@pytest.fixture(scope="module")
def folder(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``make pyvideo``: the pyvideo builder on the real site, after its HTML build."""
    app = after_site(site, tmp_path_factory.mktemp("pyvideo"), "pyvideo")
    assert warnings(app) == []
    return Path(app.outdir)


def test_make_pyvideo_writes_the_event_folder_the_site_publishes(folder: Path, site: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [EVENT_2014, EVENT]
    assert files(folder) == files(site / "data" / "pyvideo")
    assert len(records(folder)) == len(TALKS) + len(EXTRAS) + TALKS_2014


def test_the_folder_has_pyvideos_layout(folder: Path) -> None:
    assert layout_errors(folder) == []


def test_every_file_is_valid_against_pyvideos_schemas(folder: Path) -> None:
    assert {"uri", "date"} <= set(jsonschema.FormatChecker().checkers), "formats go unchecked"
    assert len(list(folder.rglob("*.json"))) == 2 + len(TALKS) + len(EXTRAS) + TALKS_2014
    assert schema_errors(folder) == []


def test_files_are_serialised_as_pyvideos_tools_write_them(folder: Path) -> None:
    for name, data in files(folder).items():
        text = data.decode("ascii")  # non-ASCII is written as \u escapes
        assert text == json.dumps(json.loads(text), **JSON_FORMAT) + "\n", name
    assert '"Lo\\u00efc Bistuer"' in (folder / EVENT / "videos" / "validation.json").read_text()


def test_slugs_and_ids_are_unique(folder: Path) -> None:
    # .tests/slugs_unique.py: (event title, slug) once; .tests/ids_unique.py: an id once
    found = records(folder)
    assert all(record["slug"] == slug for slug, record in found.items())
    ids = [record["id"] for record in found.values() if record.get("id")]
    assert len(set(ids)) == len(ids)
    assert ids == [], "PyVideo's numeric ids belong to its old database; we give none"


def test_language_is_an_iso_639_3_code_pyvideo_knows(folder: Path) -> None:
    known = json.loads((DATA / "languages.json").read_text())
    assert {record["language"] for record in records(folder).values()} == {"eng"}
    assert "eng" in known


def test_descriptions_render_as_restructured_text(folder: Path) -> None:
    for slug, record in records(folder).items():
        for field in ("description", "summary"):
            assert rest_errors(record.get(field) or "") == [], slug
        assert record["description"], slug


def test_file_names_are_short_enough_for_pyvideo(folder: Path) -> None:
    # .tests/filename_length.py: every name under 140 bytes (eCryptfs)
    assert all(len(p.name.encode()) < 140 for p in folder.rglob("*"))


def test_speaker_names_are_ones_pyvideo_takes(folder: Path) -> None:
    names = {name for record in records(folder).values() for name in record["speakers"]}
    assert not names & SPEAKER_NAMES.keys()


# -- what the folder says ------------------------------------------------------------


def test_the_event(folder: Path) -> None:
    category = json.loads((folder / EVENT / "category.json").read_bytes())
    assert category == {
        "title": "Django: Under the Hood 2016",
        "url": "https://djangounderthehood.com",
        "start_date": "2016-11-03",
        "end_date": "2016-11-06",
    }


@pytest.mark.parametrize("slug", TALKS)
def test_each_talk_on_its_own_day_with_its_stream_position(folder: Path, slug: str) -> None:
    day, stream, offset, own = TALKS[slug]
    record = records(folder)[slug]
    assert record["recorded"] == day
    videos = [youtube(video["url"]) for video in record["videos"]]
    assert videos == [*([(own, None)] if own else []), (stream, offset)]
    assert {video["type"] for video in record["videos"]} == {"youtube"}
    assert record["thumbnail_url"] == f"https://i.ytimg.com/vi/{own or stream}/hqdefault.jpg"


def test_titles_speakers_and_tags_come_from_the_records(folder: Path) -> None:
    found = records(folder)
    assert found["mental-health"]["title"] == "Keynote: Mental Health"
    assert found["mental-health"]["tags"] == ["keynote", "mental health", "community"]
    assert found["debugging"]["title"] == "Debugging Performance"
    assert found["channels"]["title"] == "Channels"
    assert found["validation"]["speakers"] == ["Loïc Bistuer"]
    assert found["django-at-instagram"]["description"].startswith("How Django helped Instagram")
    assert "(6 h 30 min in)" in found["django-at-instagram"]["description"]


def test_related_links_are_the_slides_the_deck_and_the_talks_page(folder: Path, site: Path) -> None:
    links = records(folder)["oss-funding"]["related_urls"]
    assert links == [
        {
            "label": "Slides (PDF) on simpleisbetterthancomplex.com",
            "url": "https://simpleisbetterthancomplex.com/media/2016/11/oss.pdf",
        },
        {
            "label": "Slides on slideshare.net",
            "url": "https://www.slideshare.net/NadiaEghbal/funding-open-source-the-hard-way",
        },
        {
            "label": "The talk's page on duth-2016.readthedocs.io",
            "url": f"{BASE}talks/oss-funding.html",
        },
    ]
    for record in records(folder).values():
        for link in record["related_urls"]:
            if link["url"].startswith(BASE):  # our own pages exist
                assert (site / link["url"].removeprefix(BASE)).is_file(), link


@pytest.mark.parametrize("slug", EXTRAS)
def test_the_other_recordings(folder: Path, slug: str) -> None:
    day, video, speakers = EXTRAS[slug]
    record = records(folder)[slug]
    assert (record["recorded"], record["speakers"]) == (day, speakers)
    assert [youtube(v["url"]) for v in record["videos"]] == [(video, None)]


def test_descriptions_are_ours(folder: Path) -> None:
    found = records(folder)
    assert found["welcome-with-opening-words"]["description"] == (
        "Recorded at 13:30 on Thursday 3 November 2016 (Day 1)."
    )
    assert found["highlights"]["description"] == (
        "A few minutes of both days of talks, at a glance."
    )


# -- the checks can fail -----------------------------------------------------------


def break_recorded(record: dict[str, Any]) -> None:
    record["recorded"] = "3 November 2016"


def break_url(record: dict[str, Any]) -> None:
    record["related_urls"] = [{"label": "Page", "url": "talks/channels.html"}]


def drop_videos(record: dict[str, Any]) -> None:
    record["videos"] = []


def empty_tag(record: dict[str, Any]) -> None:
    record["tags"] = [""]


@pytest.mark.parametrize("change", [break_recorded, break_url, drop_videos, empty_tag])
def test_the_schemas_refuse_a_bad_record(
    folder: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    copy = tmp_path / "data"
    shutil.copytree(folder, copy)
    path = copy / EVENT / "videos" / "channels.json"
    record = json.loads(path.read_bytes())
    change(record)
    path.write_text(json.dumps(record, **JSON_FORMAT) + "\n")
    assert [e.split(":")[0] for e in schema_errors(copy)] == [f"{EVENT}/videos/channels.json"]


def test_the_layout_check_refuses_a_stray_folder(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(folder, copy)
    (copy / "_video_thumbnail").mkdir()
    assert layout_errors(copy)


def test_the_rest_check_catches_what_pyvideo_refuses() -> None:
    assert rest_errors("Ends with a literal block::")[0][0] == 2
    assert rest_errors("A `dangling reference_") != []


# -- descriptions as reStructuredText ----------------------------------------------

TRICKY = [
    "Why *select_related* and `prefetch_related` matter",
    "a | b |c| d",
    "Ends with a literal block::",
    "- starts like a list",
    "* starts like a list",
    "1. starts like a numbered list",
    "A. Einstein was there",
    "#. auto-numbered",
    "(a) lettered",
    ".. a comment",
    ":field: list",
    ">>> 1 + 1",
    "----",
    "word_ and __anonymous__ and [1]_ and |sub|",
    "back\\slash and \\*",
    "-v option",
    "Term :role:`x` here",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_description_renders_as_exactly_its_text(text: str) -> None:
    source = rest(text, "A second paragraph.")
    assert rest_errors(source) == []
    assert rendered(source) == [text, "A second paragraph."]


def test_plain_descriptions_are_left_as_written() -> None:
    text = "What validating data in Django must balance, from enforcement to convenience."
    assert rest(text) == text
    assert rest(text, "", "Two.") == f"{text}\n\nTwo."


def test_any_text_renders_as_itself() -> None:
    pick = random.Random(2016)
    alphabet = "aB1 .:-*`_|\\#()[]<>=~^\"'!?+/@,;é"
    for _ in range(400):
        text = " ".join("".join(pick.choices(alphabet, k=pick.randint(1, 30))).split())
        if text:
            source = rest(text)
            assert rest_errors(source) == [], (text, source)
            assert rendered(source) == [text], (text, source)


# -- the site's page about it ------------------------------------------------------


def test_every_local_link_on_the_data_page_exists(site: Path) -> None:
    page = site / "conference" / "data.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    hrefs = [a["href"] for a in soup.select("a[href]")]
    local = [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]
    published = {
        f"../data/pyvideo/{EVENT}/category.json",
        f"../data/pyvideo/{EVENT}/videos/channels.json",
        "../atom.xml",
        "../objects.inv",
        "../sitemap.xml",
    }
    assert published <= set(local)
    missing = [h for h in local if not (page.parent / h.partition("#")[0]).resolve().is_file()]
    assert missing == []


def test_the_highlights_are_shown_where_declared(site: Path) -> None:
    soup = BeautifulSoup((site / "conference" / "programme.html").read_text(), "html.parser")
    shown = soup.select_one("p.talks-video")
    assert shown.a["href"] == "https://www.youtube.com/watch?v=NtBznRAcrwU"
    assert shown.get_text() == (
        "Highlights from Django: Under the Hood 2016: A few minutes of both days of talks, "
        "at a glance."
    )


# -- a small project, built every way ----------------------------------------------

ROOT_EVENT = "test-conference-edition-2016"


def published(src: Path, **options: Any) -> dict[str, bytes]:
    """Build ``src`` (html unless told), warning-free; the folder it publishes."""
    app = build_root(src, **options)
    assert warnings(app) == []
    return files(Path(app.outdir) / "data" / "pyvideo")


def test_the_folder_is_the_same_whatever_the_build(tmp_path: Path) -> None:
    serial = published(copy_root("pyvideo", tmp_path / "j1"))
    assert len(serial) == 9
    assert published(copy_root("pyvideo", tmp_path / "j2"), parallel=2) == serial
    again = copy_root("pyvideo", tmp_path / "again")
    published(again)
    assert published(again) == serial  # nothing read again
    dirhtml = published(copy_root("pyvideo", tmp_path / "dir"), buildername="dirhtml")
    assert dirhtml.keys() == serial.keys()
    app = build_root(copy_root("pyvideo", tmp_path / "pv"), "pyvideo")
    assert warnings(app) == []
    assert files(Path(app.outdir)) == serial


def drop_talk(src: Path) -> None:
    (src / "talks" / "five.md").unlink()
    edit(src / "index.md", "talks/five\n", "")


def move_talk(src: Path) -> None:
    edit(src / "talks" / "four.md", ":day: 2016-11-04", ":day: 2016-11-03")


def drop_slot(src: Path) -> None:
    edit(src / "index.md", "13:30 | Welcome, with opening words | Marc Tamlyn | SKqKufjteJU\n", "")


def rename_event(src: Path) -> None:
    edit(src / "index.md", ":name: Test Conference: Édition 2016", ":name: Other Event 2016")


def describe_talk(src: Path) -> None:
    # a field no page but the talk's own shows: the folder is made again all the same
    edit(src / "talks" / "four.md", "A plain description.", "A plain description, corrected.")


EDITS: dict[str, Callable[[Path], None]] = {
    "describe-talk": describe_talk,
    "drop-talk": drop_talk,
    "move-talk": move_talk,
    "drop-slot": drop_slot,
    "rename-event": rename_event,
}


@pytest.mark.parametrize("change", EDITS)
def test_an_incremental_build_publishes_what_a_clean_one_does(tmp_path: Path, change: str) -> None:
    src = copy_root("pyvideo", tmp_path / "src")
    before = published(src)
    EDITS[change](src)
    incremental = published(src)
    assert incremental != before
    assert incremental == published(clean_copy(src, tmp_path / "clean"))
    leftovers = [p for p in (src / "_build" / "html" / "data").rglob("*") if p.is_dir()]
    assert all(any(p.iterdir()) for p in leftovers), "empty folders are removed"


def test_a_talk_that_goes_takes_its_file_with_it(tmp_path: Path) -> None:
    src = copy_root("pyvideo", tmp_path / "src")
    assert f"{ROOT_EVENT}/videos/five.json" in published(src)
    drop_talk(src)
    assert f"{ROOT_EVENT}/videos/five.json" not in published(src)
    record = json.loads(published(src)[f"{ROOT_EVENT}/videos/four.json"])
    assert record["recorded"] == "2016-11-04"


def test_a_talk_without_its_own_video_has_its_stream(tmp_path: Path) -> None:
    found = published(copy_root("pyvideo", tmp_path / "src"))
    record = json.loads(found[f"{ROOT_EVENT}/videos/two.json"])
    assert [youtube(v["url"]) for v in record["videos"]] == [("rsEkQbMLCH4", 8230)]
    assert record["description"].startswith("The video is the live stream of Day 1")
    assert record["speakers"] == ["Grace Hopper", "Ada Lovelace"]


def test_publishing_can_be_switched_off(tmp_path: Path) -> None:
    app = build_root(copy_root("pyvideo", tmp_path / "src"), talks_pyvideo_path="")
    assert warnings(app) == []
    assert not (Path(app.outdir) / "data").exists()


def test_a_bad_path_setting_is_reported_and_the_default_used(tmp_path: Path) -> None:
    app = build_root(copy_root("pyvideo", tmp_path / "src"), talks_pyvideo_path="../outside")
    assert [line for line in warnings(app) if "talks_pyvideo_path" in line] == [
        "WARNING: invalid setting talks_pyvideo_path = '../outside'; expected a folder in the "
        "output such as 'data/pyvideo' (no '..', no name starting with '.', none Windows "
        "keeps such as 'con'), or '' for none; using 'data/pyvideo' [talks.config]"
    ]
    assert (Path(app.outdir) / "data" / "pyvideo" / ROOT_EVENT / "category.json").is_file()
    assert not (tmp_path / "src" / "_build" / "outside").exists()


@pytest.mark.parametrize(
    ("builder", "page", "expected"),
    [
        ("html", "published.html", f"data/pyvideo/{ROOT_EVENT}/category.json"),
        ("dirhtml", "published/index.html", f"../data/pyvideo/{ROOT_EVENT}/category.json"),
        (
            "singlehtml",
            "index.html",
            f"https://example.org/site/data/pyvideo/{ROOT_EVENT}/category.json",
        ),
    ],
)
def test_a_published_link_reaches_the_file(
    tmp_path: Path, builder: str, page: str, expected: str
) -> None:
    app = build_root(copy_root("pyvideo", tmp_path / "src"), builder)
    assert warnings(app) == []
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(), "html.parser")
    link = soup.find("a", string="the event")
    assert link["href"] == expected
    if builder != "singlehtml":  # the one-page build publishes no data; it links the site's
        assert (Path(app.outdir) / page).parent.joinpath(expected).resolve().is_file()
