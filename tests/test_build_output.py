"""What ``make html`` prints and where it writes, in a fresh clone.

A plain build prints no third-party notice, an unchanged rebuild does not
claim the configuration changed (and a real change is still reported), and
the doctrees stay out of the HTML that gets published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .loop import fresh_clone, ok, shell

if TYPE_CHECKING:
    from pathlib import Path

CHANGED = "The configuration has changed"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A clone, and what its first and second ``make html`` printed."""
    site = fresh_clone(tmp_path_factory.mktemp("output") / "site")
    return site, ok("make html", site), ok("make html", site)


def test_a_build_prints_no_third_party_notice(builds: tuple[Path, str, str]) -> None:
    _, first, _ = builds
    assert "build succeeded" in first
    assert "matplotlib" not in first
    assert "MdParserConfig" not in first
    assert "myst v" not in first


def test_an_unchanged_rebuild_says_nothing_changed(builds: tuple[Path, str, str]) -> None:
    _, _, second = builds
    assert "loading pickled environment" in second
    assert "0 added, 0 changed, 0 removed" in second
    assert CHANGED not in second


def test_a_real_change_of_configuration_is_still_reported(builds: tuple[Path, str, str]) -> None:
    site, _, _ = builds
    changed = shell('make html SPHINXOPTS="-D html_title=Another"', site)
    assert changed.returncode == 0, changed.stdout
    assert CHANGED in changed.stdout and "'html_title'" in changed.stdout


def test_doctrees_stay_out_of_the_published_html(builds: tuple[Path, str, str]) -> None:
    site, _, _ = builds
    html = site / "_build" / "html"
    assert not (html / ".doctrees").exists()
    assert not [p for p in html.rglob("*") if p.suffix in {".doctree", ".pickle"}]
    assert (site / "_build" / "doctrees" / "environment.pickle").is_file()
    # and the other targets that write doctrees name the same folder
    dry = shell("make -n html livehtml linkcheck", site)
    recipes = [line for line in dry.stdout.splitlines() if "sphinx" in line or "livehtml" in line]
    assert len(recipes) == 3, dry.stdout
    for line in recipes:
        assert "-d _build/doctrees" in line, line
