"""Shared fixtures: Sphinx's own testing fixtures, our roots, the real site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOT / "tests" / "roots"


def sphinx_build(
    src: Path, out: Path, builder: str = "html", *extra: str
) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build the way the Makefile does, in a separate process."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-n",
            "--keep-going",
            "--no-color",  # CI terminals may ask for colour; warnings are read as text
            "-d",
            str(out / ".doctrees"),
            *extra,
            str(src),
            str(out / builder),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")},
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with -n -W (HTML output dir)."""
    out = tmp_path_factory.mktemp("site")
    result = sphinx_build(ROOT, out, "html", "-W", "-j", "auto")
    assert result.returncode == 0, result.stderr
    (out / "warnings.txt").write_text(result.stderr)
    return out / "html"


@pytest.fixture(scope="session")
def page(site: Path) -> Callable[[str], BeautifulSoup]:
    cache: dict[str, BeautifulSoup] = {}

    def load(name: str) -> BeautifulSoup:
        if name not in cache:
            cache[name] = BeautifulSoup((site / name).read_text(), "html.parser")
        return cache[name]

    return load
