"""Pages that warned, read and written again by the next build.

A page whose build warned, in any phase (read, consistency check, write), is
read and written again by the next build, so that ``-W`` fails until the
source is fixed (:class:`WarnedPages`). Write-time warnings come after the
environment is pickled, so that list is kept in a small JSON file beside the
doctrees, one per builder.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.logging import get_node_location, is_suppressed_warning

from .sphinx_private import hear_warnings_first, stop_hearing

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class WarnedPages(logging.Handler):
    """Notes the pages a build warns about; the next build reads and writes them again."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.warned: set[str] = set()
        self.before: set[str] = set()

    @property
    def path(self) -> Path:
        return Path(self.app.doctreedir) / f"talks-warned-{self.app.builder.name}.json"

    def emit(self, record: logging.LogRecord) -> None:
        env = self.app.env
        type_, subtype = getattr(record, "type", ""), getattr(record, "subtype", "")
        if env is None or is_suppressed_warning(type_, subtype, env.config.suppress_warnings):
            return
        if (docname := docname_at(env, getattr(record, "location", None))) is not None:
            self.warned.add(docname)

    def start(self, app: Sphinx) -> None:
        self.before = set(json.loads(self.path.read_text())) if self.path.is_file() else set()
        # first: Sphinx's own warning handler raises at the first warning under -W
        # without --keep-going, and the handlers after it would never hear of it
        hear_warnings_first(self)

    def outdated(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: Set[str],
        changed: Set[str],
        removed: Set[str],
    ) -> list[str]:
        return sorted(self.before & env.found_docs)

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        stop_hearing(self)
        # after a failed build, what warned before may not have been read again
        warned = self.warned | (self.before if exception is not None else set())
        if warned or self.path.is_file():
            self.path.write_text(json.dumps(sorted(warned)))


def docname_at(env: BuildEnvironment, location: object) -> str | None:
    """The page a warning's ``location`` is in: a docname, ``(docname, line)``,
    a node, or ``path:line`` (as Sphinx passes warnings on from other processes)."""
    if isinstance(location, tuple):
        location = location[0]
    elif isinstance(location, nodes.Node):
        location = get_node_location(location)
    if not isinstance(location, str) or not location:
        return None
    if location in env.all_docs:
        return location
    path = location.rsplit(":", 1)[0] if ":" in location else location
    return env.path2doc(path)


def setup_warned(app: Sphinx) -> None:
    warned = WarnedPages(app)
    app.connect("builder-inited", warned.start)
    app.connect("env-get-outdated", warned.outdated)
    app.connect("build-finished", warned.finish)
