"""Files a build writes besides its pages: the feeds, the PyVideo folder.

A page that goes is deleted by the collector; a generated file that is no
longer made would stay in the output and make an incremental build differ
from a clean one. Each kind of file is written through :func:`publish`,
which keeps the list of what it wrote beside the doctrees and removes what a
past build wrote and this one did not (and folders that become empty). A
writer that a setting turns off still calls it, with no file: what it wrote
while it was on goes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx


def publish(app: Sphinx, kind: str, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (path in the output -> bytes), replacing what ``kind`` wrote last time."""
    outdir = Path(app.outdir)
    manifest = Path(app.doctreedir) / f"talks-{kind}-{app.builder.name}.json"
    if not files and not manifest.is_file():
        return  # nothing written now or before (this builder never made this kind)
    before = json.loads(manifest.read_text()) if manifest.is_file() else []
    for path in sorted(set(before) - files.keys()):
        target = outdir / path
        target.unlink(missing_ok=True)
        for folder in target.parents:  # and the folders that left empty
            if folder == outdir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    for path, data in files.items():
        target = outdir / path
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if files:
        manifest.write_text(json.dumps(sorted(files)))
    else:
        manifest.unlink()
