"""Our templates restate furo's page frame: only the marked repairs differ.

``_templates/page.html`` restates the frame of furo's ``page.html`` (the
markup around furo's blocks) to name its landmarks; ``_templates/search.html``
adds a heading to furo's search block. If furo changes that
frame, the restatement would silently drift: these tests fail instead, and
say what to do.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import furo
from bs4 import BeautifulSoup

from .conftest import ROOT, build_root, copy_root, output

if TYPE_CHECKING:
    from collections.abc import Callable

FURO_PAGE = Path(furo.__file__).parent / "theme" / "furo" / "page.html"
#: furo 2025.12.19's page.html, which _templates/page.html restates.
RESTATED_FROM = "ad8bad98317b2e09e018cde7113e90a32b3a87e0440cfab385d1bb7ca1c9cd6d"
REPAIRS = {
    "aside.sidebar-drawer": "Site navigation",
    "aside.toc-drawer": "On this page",
}


def test_furo_page_is_the_one_restated() -> None:
    digest = hashlib.sha256(FURO_PAGE.read_bytes()).hexdigest()
    assert digest == RESTATED_FROM, (
        f"furo {furo.__version__} ships another page.html than the one _templates/page.html "
        "restates (furo 2025.12.19): compare the two frames, carry the marked repairs over, "
        "then update RESTATED_FROM"
    )


def without_repairs(html: bytes) -> str:
    text = html.decode()
    for label in REPAIRS.values():
        text = text.replace(f' aria-label="{label}"', "")
    text = re.sub(r' id="furo-(sidebar|toc)"', "", text)
    # the button furo shows on scrolling up, in a landmark of its own (axe: region)
    text = re.sub(
        r'<nav aria-label="Back to top">(\s*<a href="#" class="back-to-top.*?</a>)\s*</nav>',
        r"\1",
        text,
        flags=re.S,
    )
    # _templates/search.html: a level-one heading and a search box of its own
    text = re.sub(r"<h1>Search</h1>\s*<form class=\"talks-search\".*?</form>", "", text, flags=re.S)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", text))


def test_restated_frame_renders_as_furo_does_but_for_the_repairs(tmp_path: Path) -> None:
    ours = output(
        build_root(
            copy_root("incremental", tmp_path / "ours"), templates_path=[str(ROOT / "_templates")]
        )
    )
    theirs = output(build_root(copy_root("incremental", tmp_path / "furo"), templates_path=[]))
    pages = [name for name in ours if name.endswith(".html")]
    assert pages and sorted(ours) == sorted(theirs)
    for name in pages:
        assert ours[name] != theirs[name], f"{name}: the repairs are missing"
        assert without_repairs(ours[name]) == without_repairs(theirs[name]), name


def test_every_page_names_its_landmarks(site: Path, page: Callable[[str], BeautifulSoup]) -> None:
    for path in site.rglob("*.html"):
        soup = page(str(path.relative_to(site)))
        for selector, label in REPAIRS.items():
            found = soup.select(selector)
            assert [a.get("aria-label") for a in found] == [label], (path, selector)
