"""Parallel and incremental builds write exactly what a clean serial build writes.

In-process, as Sphinx's own ``test_html_parallel`` and
``test_incremental_reading`` do: a second ``build_root`` on the same source
folder is an incremental build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import (
    assert_incremental_equals_clean,
    assert_same,
    build_root,
    clean_copy,
    copy_root,
    edit,
    files,
    output,
    quiet_build,
    sphinx_build,
    warnings,
)

if TYPE_CHECKING:
    from collections.abc import Callable


def build(src: Path, **options: object) -> dict[str, bytes]:
    return output(quiet_build(src, **options))


def test_parallel_equals_serial(tmp_path: Path) -> None:
    # 7 documents: enough for Sphinx to read and write in parallel
    serial = build(copy_root("listings", tmp_path / "j1"))
    parallel = build(copy_root("listings", tmp_path / "j2"), parallel=2)
    assert_same(parallel, serial)


def rename_title(src: Path) -> None:
    edit(src / "talks" / "one.md", "# Talk One", "# The Engine Talk")


def change_speaker(src: Path) -> None:
    edit(src / "talks" / "two.md", "Grace Hopper | @grace", "Mary Kenneth Keller")


def change_time(src: Path) -> None:
    # moves talk one after talk two in the programme and the grid
    edit(src / "talks" / "one.md", "13:45-14:45", "16:30-17:00")


def add_talk(src: Path) -> None:
    text = (src / "talks" / "three.md").read_text()
    text = text.replace("# Talk Three", "# Talk Zero").replace("{talk} three", "{talk} zero")
    text = text.replace("10:30-11:00", "09:00-09:30").replace(":offset: 36m30s", ":offset: 5m")
    (src / "talks" / "zero.md").write_text(text)


def remove_talk(src: Path) -> None:
    (src / "talks" / "two.md").unlink()


def change_stream(src: Path) -> None:
    # a day's stream is declared once; every talk of that day follows it
    edit(src / "index.md", ":stream: kWH3Waigi5Y", ":stream: NtBznRAcrwU")


EDITS: dict[str, Callable[[Path], None]] = {
    "rename-title": rename_title,
    "change-speaker": change_speaker,
    "change-time": change_time,
    "add-talk": add_talk,
    "remove-talk": remove_talk,
    "change-stream": change_stream,
}


@pytest.mark.parametrize("change", EDITS)
def test_incremental_equals_clean(tmp_path: Path, change: str) -> None:
    assert_incremental_equals_clean("incremental", EDITS[change], tmp_path)


def test_a_refused_duplicate_counts_once_the_first_is_gone(tmp_path: Path) -> None:
    src = copy_root("incremental", tmp_path / "src")
    text = (src / "talks" / "two.md").read_text()
    (src / "talks" / "zz-two.md").write_text(text.replace("# Talk Two", "# Talk Two, again"))
    (src / "index.md").write_text((src / "index.md").read_text())
    first = build_root(src)
    assert any("duplicate talk slug 'two'" in w for w in warnings(first))
    (src / "talks" / "two.md").unlink()  # the declaration that counted
    incremental = build(src)
    clean = build(clean_copy(src, tmp_path / "clean"))
    assert_same(incremental, clean)
    assert b"Talk Two, again" in incremental["index.html"]


def written(src: Path) -> dict[str, int]:
    html = src / "_build" / "html"
    return {str(p.relative_to(html)): p.stat().st_mtime_ns for p in html.rglob("*.html")}


@pytest.mark.parametrize(
    ("page", "old", "new"),
    [
        ("talks/three.md", "Read {talk}`one` first.", "Read {talk}`one` before this one."),
        ("talks/one.md", ":topics: engines", ":topics: engines\n:description: New words."),
    ],
    ids=["prose", "description"],
)
def test_an_edit_no_other_page_shows_rewrites_one_page(
    tmp_path: Path, page: str, old: str, new: str
) -> None:
    src = copy_root("incremental", tmp_path / "src")
    build(src)
    before = written(src)
    edit(src / page, old, new)
    build(src)
    after = written(src)
    rewritten = {name for name in after if after[name] != before[name]}
    # Sphinx itself rewrites its index and search pages on every build, and the
    # page whose toctree lists the edited one; the talks extension adds nothing:
    # not the people page or the grid's other talks, which show no prose.
    assert rewritten - {"genindex.html", "search.html"} == {
        page.replace(".md", ".html"),
        "index.html",
    }


def german_locale(tmp: Path) -> dict[str, str]:
    """An environment whose locale is German, compiled here if the machine has none."""
    if "de_DE.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout:
        return {"LC_ALL": "de_DE.UTF-8"}
    if shutil.which("localedef") is None or not Path("/usr/share/i18n/locales/de_DE").exists():
        pytest.skip("no German locale and no locale sources to compile one (Debian: locales)")
    subprocess.run(
        ["localedef", "-i", "de_DE", "-f", "UTF-8", str(tmp / "de_DE.UTF-8")],
        check=True,
        capture_output=True,
    )
    return {"LOCPATH": str(tmp), "LC_ALL": "de_DE.UTF-8"}


def test_the_build_machines_locale_changes_nothing(tmp_path: Path) -> None:
    """sphinx-build calls setlocale: dates must follow the site's language, not the machine."""
    src = copy_root("posts", tmp_path / "src")
    german = german_locale(tmp_path)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import locale, datetime; locale.setlocale(locale.LC_ALL, '');"
            "print(datetime.date(2016, 11, 3).strftime('%A'))",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **german},
        check=True,
    )
    assert probe.stdout.strip() == "Donnerstag"  # the locale is really German
    results = {}
    for name, env in (("c", {"LC_ALL": "C.UTF-8"}), ("de", german)):
        run = sphinx_build(src, tmp_path / name, "html", "-W", env=env)
        assert run.returncode == 0, run.stderr
        results[name] = files(tmp_path / name / "html")
    assert "Thursday" in results["c"]["talks/one.html"].decode()
    assert_same(results["de"], results["c"])
