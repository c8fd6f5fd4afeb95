"""Doctree snapshots of every generated part, before and after it is filled.

As sphinx-design's ``tests/test_snippets.py`` does: the doctree as read
(placeholders naming what they show) and as resolved for the HTML builder
(the card, listings and post parts as nodes). A change to either shape shows
up as a diff to review; ``pytest --force-regen`` accepts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import build_root, copy_root

if TYPE_CHECKING:
    from pathlib import Path

    from pytest_regressions.file_regression import FileRegressionFixture

CASES = [
    ("talk", "index"),  # the talk card and its player
    ("listings", "index"),  # grid and programme
    ("listings", "speakers"),
    ("listings", "topics"),  # topics and targets
    ("posts", "posts/first"),  # post header, player, moments, series
    ("posts", "posts/index"),  # the posts index and the feed link
    ("posts", "elsewhere"),  # write-ups elsewhere
    ("posts", "people"),  # speakers and topics with posts
]


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return {
        root: build_root(copy_root(root, tmp_path_factory.mktemp(root) / "src"))
        for root in dict.fromkeys(root for root, _ in CASES)
    }


@pytest.mark.parametrize(("root", "docname"), CASES, ids=[f"{r}-{d}" for r, d in CASES])
@pytest.mark.parametrize("stage", ["read", "resolved"])
def test_doctree(
    apps: dict[str, object],
    root: str,
    docname: str,
    stage: str,
    file_regression: FileRegressionFixture,
) -> None:
    app = apps[root]
    env = app.env  # type: ignore[attr-defined]
    if stage == "read":
        doctree = env.get_doctree(docname)
    else:
        doctree = env.get_and_resolve_doctree(docname, app.builder, tags=app.builder.tags)  # type: ignore[attr-defined]
    srcdir: Path = app.srcdir  # type: ignore[attr-defined]
    text = doctree.pformat().replace(str(srcdir), "<srcdir>")
    file_regression.check(text, extension=".xml")
