"""Keep incremental builds equal to clean ones.

Every page shows the site's navigation (furo's sidebar lists every title),
and listing pages show every talk. Sphinx rewrites only the pages it re-read,
so after a title, a toctree or a talk changes the other pages would keep
stale copies. After each read we compare what the navigation and listings
depend on with what the previous build stored; if it differs, every page is
written again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def signature(env: BuildEnvironment) -> str:
    parts = [
        sorted((doc, title.astext()) for doc, title in env.titles.items()),
        sorted(env.toctree_includes.items()),
        sorted(repr(talk) for talk in env.domains["talks"].data["talks"].values()),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    data = env.domains["talks"].data
    current = signature(env)
    if data.get("signature") == current:
        return []
    data["signature"] = current
    return sorted(env.found_docs)


def remove_stale_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A removed page's old output would stay reachable; delete it."""
    outfile = getattr(app.builder, "get_outfilename", None)
    if outfile is not None:
        for docname in removed:
            Path(outfile(docname)).unlink(missing_ok=True)
    return []
