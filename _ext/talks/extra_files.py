"""Files a build writes besides its pages: the feeds, the PyVideo folder.

A page that goes is deleted by the collector; a generated file that is no
longer made would stay in the output and make an incremental build differ
from a clean one. Each kind of file is written through :func:`publish`,
which keeps the list of what it wrote beside the doctrees and removes what a
past build wrote and this one did not (and folders that become empty). A
writer that a setting turns off still calls it, with no file: what it wrote
while it was on goes. A writer whose files cost time to make may first ask
:func:`unchanged` whether what they are made of is what it was last time.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx


@cache
def code() -> str:
    """A digest of this extension's code: files made by another version are made again."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()


def made_of(*parts: object) -> str:
    """A digest of what files are made from (each part's ``repr``), and of the code."""
    return hashlib.sha256(repr((code(), *parts)).encode()).hexdigest()


def manifest_of(app: Sphinx, kind: str) -> Path:
    return Path(app.doctreedir) / f"talks-{kind}-{app.builder.name}.json"


def written(app: Sphinx, kind: str) -> dict[str, Any]:
    """What ``kind`` wrote last: ``files`` (paths in the output) and ``made_of``."""
    manifest = manifest_of(app, kind)
    stored = json.loads(manifest.read_text()) if manifest.is_file() else {}
    return {"files": stored, "made_of": ""} if isinstance(stored, list) else stored


def unchanged(app: Sphinx, kind: str, inputs: str) -> bool:
    """Whether ``kind`` wrote its files last from ``inputs`` (:func:`made_of`: all they are
    made from, the code included), and they are all still there: then they need not
    be made again."""
    last = written(app, kind)
    outdir = Path(app.outdir)
    return (
        bool(last)
        and last["made_of"] == inputs
        and all((outdir / path).is_file() for path in last["files"])
    )


def publish(app: Sphinx, kind: str, files: Mapping[str, bytes], inputs: str = "") -> None:
    """Write ``files`` (path in the output -> bytes), replacing what ``kind`` wrote last
    time; ``inputs`` (:func:`made_of`) is kept for :func:`unchanged`."""
    outdir = Path(app.outdir)
    manifest = manifest_of(app, kind)
    if not files and not manifest.is_file():
        return  # nothing written now or before (this builder never made this kind)
    for path in sorted(set(written(app, kind).get("files", [])) - files.keys()):
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
        manifest.write_text(json.dumps({"files": sorted(files), "made_of": inputs}))
    else:
        manifest.unlink()
