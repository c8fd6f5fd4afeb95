"""A site of archive shape builds to the same bytes with -j 2 as with -j 1.

The site is the project plus 40 synthetic talks from ``bench/scale.py`` (the
benchmark's generator): some 65 pages, which Sphinx's ``make_chunks`` splits into
four chunks for two processes, so reading and writing both run in parallel; every
page has the long sidebar and the listings hold every talk. Every file written is
compared, ``sitemap.xml`` included (sphinx-sitemap lists pages in the order they are
written, which ``-j`` varies; output_fixes writes it sorted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree

from bench.scale import make_site

from .conftest import build_root, warnings

if TYPE_CHECKING:
    from pathlib import Path


TALKS = 40


def written(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_40_talks_parallel_writes_what_serial_writes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    make_site(src, TALKS)
    builds = {
        jobs: build_root(src, parallel=jobs, builddir=tmp_path / str(jobs)) for jobs in (1, 2)
    }
    assert all(warnings(app) == [] for app in builds.values())
    serial, parallel = written(builds[1].outdir), written(builds[2].outdir)
    assert len([n for n in serial if n.startswith("talks/")]) > TALKS
    assert sorted(parallel) == sorted(serial)
    differ = [name for name in serial if parallel[name] != serial[name]]
    assert not differ, f"-j 2 wrote other bytes than -j 1 in {differ}"

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(serial["sitemap.xml"])
    urls = [loc.text or "" for loc in root.findall("s:url/s:loc", ns)]
    assert len(urls) > TALKS
    assert urls == sorted(urls)
