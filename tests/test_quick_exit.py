"""quick_exit: the collector frozen once a build has finished, thawed by the next build."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from tests.conftest import copy_root, quiet_build

if TYPE_CHECKING:
    from pathlib import Path


def test_a_finished_build_leaves_the_collector_frozen_and_the_next_build_thaws_it(
    tmp_path: Path,
) -> None:
    gc.unfreeze()
    src = copy_root("quick-exit", tmp_path / "src")
    try:
        quiet_build(src, freshenv=True)
        # the application, its environment and Sphinx's modules: out of the exit's scan
        assert gc.get_freeze_count() > 10_000
        app = quiet_build(src, freshenv=True)
        # thawed on config-inited, before this build read a page
        assert int((app.outdir / "frozen-at-read.txt").read_text()) == 0
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
