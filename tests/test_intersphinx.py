"""Other Sphinx projects link to our talks with intersphinx and no extension."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

BASE = "https://duth-2016.readthedocs.io/en/latest/"
TALKS = {
    "channels": ("Channels", "Andrew Godwin"),
    "testing": ("Testing", "Ana Balica"),
    "debugging": ("Debugging", "Aymeric Augustin"),
    "mental-health": ("Mental Health", "Jennifer Akullian"),
    "validation": ("Validation", "Loïc Bistuer"),
    "modern-javascript": ("Modern JavaScript", "Idan Gazit"),
    "database-backends": ("Database Backends", "Michael Manfre"),
    "oss-funding": ("OSS Funding", "Nadia Eghbal"),
    "django-at-instagram": ("Django at Instagram", "Carl Meyer"),
}
SPEAKERS = {
    "andrew-godwin": "Andrew Godwin",
    "ana-balica": "Ana Balica",
    "aymeric-augustin": "Aymeric Augustin",
    "jennifer-akullian": "Jennifer Akullian",
    "loic-bistuer": "Loïc Bistuer",
    "idan-gazit": "Idan Gazit",
    "michael-manfre": "Michael Manfre",
    "nadia-eghbal": "Nadia Eghbal",
    "carl-meyer": "Carl Meyer",
}
PAGES = {
    "programme": "conference/programme.html",
    "sprints": "conference/sprints.html",
    "speakers": "conference/speakers.html",
    "topics": "conference/topics.html",
}


@pytest.fixture(scope="module")
def inventory(site: Path) -> dict[str, dict[str, tuple[str, str]]]:
    inv = InventoryFile.loads((site / "objects.inv").read_bytes(), uri="")
    return {
        objtype: {name: (item.uri, item.display_name) for name, item in items.items()}
        for objtype, items in inv.data.items()
    }


def test_every_talk_and_speaker_is_a_titled_label(
    inventory: dict[str, dict[str, tuple[str, str]]],
) -> None:
    labels = inventory["std:label"]
    for slug, (title, speaker) in TALKS.items():
        uri, display = labels[f"talk-{slug}"]
        assert uri == f"talks/{slug}.html#talk-{slug}"
        assert display == f"{title} ({speaker})"
    for slug, name in SPEAKERS.items():
        assert labels[f"speaker-{slug}"] == (f"conference/speakers.html#speaker-{slug}", name)
    for label, page in PAGES.items():
        uri, display = labels[label]
        assert uri.split("#")[0] == page
        assert display not in ("", "-", label)


def test_every_inventory_entry_exists_in_the_build(
    site: Path,
    inventory: dict[str, dict[str, tuple[str, str]]],
    page: Callable[[str], BeautifulSoup],
) -> None:
    for objtype, entries in inventory.items():
        for name, (uri, display) in entries.items():
            path, _, anchor = uri.partition("#")
            assert (site / path).is_file(), f"{objtype} {name} -> {uri}: no such page"
            if anchor:
                assert page(path).find(id=anchor), f"{objtype} {name} -> {uri}: no such anchor"
            assert display, f"{objtype} {name} has no display name"
            assert not anchor.split("-")[-1].isdigit(), f"{uri} looks like a counter"


def test_talk_role_and_label_point_to_the_same_place(
    inventory: dict[str, dict[str, tuple[str, str]]],
) -> None:
    for slug in TALKS:
        assert inventory["talks:talk"][slug][0] == inventory["std:label"][f"talk-{slug}"][0]


def test_consumer_project_links_every_talk_and_speaker(
    make_app: Callable[..., SphinxTestApp],
    rootdir: Path,
    site: Path,
    tmp_path: Path,
    page: Callable[[str], BeautifulSoup],
) -> None:
    src = tmp_path / "consumer"
    shutil.copytree(rootdir / "test-consumer", src)
    app = make_app(
        "html",
        srcdir=src,
        confoverrides={"intersphinx_mapping": {"duth": (BASE, str(site / "objects.inv"))}},
        warningiserror=True,
    )
    app.build()
    assert app.warning.getvalue() == ""
    expected = {f"talk-{s}": (f"talks/{s}.html", t) for s, (t, _sp) in TALKS.items()}
    expected |= {f"speaker-{s}": ("conference/speakers.html", n) for s, n in SPEAKERS.items()}
    for name in ("index.html", "rest.html"):
        soup = BeautifulSoup((app.outdir / name).read_text(), "html.parser")
        links = soup.select("a.reference.external")
        seen = set()
        for link in links:
            href = urlsplit(link["href"])
            path = href.path.removeprefix(urlsplit(BASE).path)
            anchor = href.fragment
            assert page(path).find(id=anchor), link["href"]
            if anchor in expected:
                seen.add(anchor)
                assert path == expected[anchor][0]
                assert expected[anchor][1] in link.get_text()
        assert seen == set(expected), f"{name}: missing {set(expected) - seen}"
