"""The whole series: 2014 and 2015 beside 2016, and nothing of 2016 moved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.inventory import InventoryFile

if TYPE_CHECKING:
    from collections.abc import Callable

    from bs4 import BeautifulSoup

DATA = Path(__file__).parent / "data" / "series"


def entries(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (URI, display name), read by Sphinx's inventory reader."""
    inventory = InventoryFile.loads(path.read_bytes(), uri="")
    return {
        (objtype, name): (item.uri, item.display_name)
        for objtype, items in inventory.data.items()
        for name, item in items.items()
    }


def test_every_2016_inventory_entry_is_unchanged(site: Path) -> None:
    before = entries(DATA / "objects-2016.inv")
    assert len(before) == 95  # 35 labels, 24 documents, 9 talks, 9 speakers, 18 topics
    now = entries(site / "objects.inv")
    moved = {key: (value, now.get(key)) for key, value in before.items() if now.get(key) != value}
    assert moved == {}


def test_every_2016_page_address_still_exists(
    site: Path, page: Callable[[str], BeautifulSoup]
) -> None:
    pages = (DATA / "pages-2016.txt").read_text().split()
    assert len(pages) == 26
    assert [p for p in pages if not (site / p).is_file()] == []
    for uri, _display in entries(DATA / "objects-2016.inv").values():
        path, _, anchor = uri.partition("#")
        if anchor:
            assert page(path).find(id=anchor), uri
