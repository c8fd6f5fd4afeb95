"""Parallel and incremental builds write exactly what a clean serial build writes."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from .conftest import ROOT, sphinx_build

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

ROOTS = ROOT / "tests" / "roots"


def html_files(out: Path) -> dict[str, str]:
    html = out / "html"
    return {str(p.relative_to(html)): p.read_text() for p in sorted(html.rglob("*.html"))}


def build(src: Path, out: Path, *extra: str) -> dict[str, str]:
    result = sphinx_build(src, out, "html", "-W", *extra)
    assert result.returncode == 0, result.stderr
    return html_files(out)


def assert_same(got: dict[str, str], expected: dict[str, str]) -> None:
    assert sorted(got) == sorted(expected)
    stale = [name for name in expected if got[name] != expected[name]]
    assert not stale, f"pages differ from a clean build: {stale}"


def test_parallel_equals_serial(tmp_path: Path) -> None:
    src = ROOTS / "test-listings"  # 7 documents: enough for Sphinx to read in parallel
    serial = build(src, tmp_path / "j1", "-j", "1")
    parallel = build(src, tmp_path / "j2", "-j", "2")
    assert_same(parallel, serial)


def rename_title(src: Path) -> None:
    page = src / "talks" / "one.md"
    page.write_text(page.read_text().replace("# Talk One", "# The Engine Talk"))


def change_speaker(src: Path) -> None:
    page = src / "talks" / "two.md"
    page.write_text(page.read_text().replace("Grace Hopper | @grace", "Mary Kenneth Keller"))


def change_time(src: Path) -> None:
    # moves talk one after talk two in the programme and the grid
    page = src / "talks" / "one.md"
    page.write_text(page.read_text().replace("13:45-14:45", "16:30-17:00"))


def add_talk(src: Path) -> None:
    text = (src / "talks" / "three.md").read_text()
    text = text.replace("# Talk Three", "# Talk Zero").replace("{talk} three", "{talk} zero")
    (src / "talks" / "zero.md").write_text(text.replace("10:30-11:00", "09:00-09:30"))


def remove_talk(src: Path) -> None:
    (src / "talks" / "two.md").unlink()


EDITS: dict[str, Callable[[Path], None]] = {
    "rename-title": rename_title,
    "change-speaker": change_speaker,
    "change-time": change_time,
    "add-talk": add_talk,
    "remove-talk": remove_talk,
}


@pytest.mark.parametrize("edit", EDITS)
def test_incremental_equals_clean(tmp_path: Path, edit: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-incremental", src)
    before = build(src, tmp_path / "inc")
    EDITS[edit](src)
    incremental = build(src, tmp_path / "inc")
    clean = build(src, tmp_path / "clean")
    assert incremental != before, "the edit must change the site"
    assert_same(incremental, clean)
