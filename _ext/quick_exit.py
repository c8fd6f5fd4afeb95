"""A finished build leaves the interpreter's exit nothing to scan.

When sphinx-build has finished, the application and its environment (every page's
records, 1000 talks' worth in ``bench/scale.py``) stay reachable until the
interpreter exits: Sphinx's logging keeps the application (the adapter's
``LastMessagesWriter`` holds it). At exit, CPython's finalisation runs the cyclic
garbage collector over all of those objects, whose memory the process gives back
a moment later anyway. ``bench/phases.py`` shows it as ``python``: 0.51 s of a
2.77 s prose edit at 1000 talks.

:func:`freeze` moves every object the collector tracks out of its sight
(:func:`gc.freeze`) once the build has finished, so the exit does not scan them.
The same prose edit, 9 runs alternating with 75c0109 on one machine: 2.79 s →
2.37 s (median). A process that builds again (the tests, anything that runs
Sphinx in-process) gets them back on its next build's ``config-inited``
(:func:`thaw`), so no build keeps the previous build's garbage past its own start.

Nothing here changes what a build writes; ``tests/test_quick_exit.py`` checks
that the collector is frozen after a build and thawed by the next.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: After every other ``build-finished`` handler (Sphinx's default priority is 500).
LAST = 999


def freeze(app: Sphinx, exception: BaseException | None) -> None:
    gc.freeze()


def thaw(app: Sphinx, config: Config) -> None:
    gc.unfreeze()


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", thaw, priority=0)
    app.connect("build-finished", freeze, priority=LAST)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
