"""``sitemap.xml`` in the same order whatever the number of processes.

sphinx-sitemap (2.9.0) collects each page's link into a multiprocessing queue
as the page is written, and writes the queue's order. With ``-j`` the pages
are written by several processes, so the order, and the file's bytes, change
from build to build. Just before its ``build-finished`` handler (priority 500)
runs, this one takes the links out of the queue and puts them back sorted.
"""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Runs before sphinx-sitemap's ``create_sitemap`` (default priority, 500).
BEFORE_SITEMAP = 499


def sort_sitemap_links(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app, "sitemap_links", None)  # set by sphinx-sitemap's builder-inited
    if exception is not None or links is None:
        return
    entries: list[tuple[str, str | None]] = []
    while True:
        try:
            entries.append(links.get_nowait())
        except queue.Empty:
            break
    for entry in sorted(entries, key=lambda e: (e[0], e[1] or "")):
        links.put(entry)


def setup_sitemap_order(app: Sphinx) -> None:
    app.connect("build-finished", sort_sitemap_links, priority=BEFORE_SITEMAP)
