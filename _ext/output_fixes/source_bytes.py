"""A page with bytes that are not UTF-8: a warning at its file and line, not a traceback.

Sphinx 9.0 reads each page with ``Path.read_text(encoding=...)``, strictly
(``Builder.read_doc``), so one byte that is not UTF-8 stops the build with a
``UnicodeDecodeError`` that names neither the file nor the line. Sphinx has no
setting for how undecodable bytes are handled and no event before that read;
``source-read`` and ``include-read`` come after it. The adapter is one codec:
the encoding Sphinx reads with (``source_encoding``, ``utf-8-sig`` by default)
with undecodable bytes read as U+FFFD, set as the environment's
``input_encoding`` (what ``read_doc`` and docutils' ``include`` read with) on
``env-before-read-docs``. On ``source-read`` and ``include-read``, a text with
U+FFFD in it is checked against its file's bytes: each line with bytes the
encoding cannot read is a warning at that line, with the byte's offset, so the
-W build fails; a U+FFFD written in the page as a character is left alone.

The upstream issue, as it would be filed (Sphinx 9.0.4):

    A page that is not valid UTF-8 stops the build with a bare traceback.
    ``read_doc`` reads sources with ``filename.read_text(encoding=...)``, so a
    stray byte (a Latin-1 "é" pasted into a .md file) ends every build with
    "Encoding error! UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9
    in position 26", which names neither the file nor the line. Expected: a
    warning with the file, the line and the byte, the rest of the page read
    (the byte replaced), and the build going on as for any other markup error.

``tests/test_output_fixes.py`` has the canary: a build without this module still
raises ``UnicodeDecodeError``.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: ``located_<encoding>``: ``<encoding>``, with undecodable bytes read as U+FFFD.
PREFIX = "located_"
REPLACEMENT = "\ufffd"


def lenient(name: str) -> codecs.CodecInfo | None:
    """The codec search function: ``located_utf_8_sig`` is utf-8-sig that never fails."""
    if not name.startswith(PREFIX):
        return None
    base = codecs.lookup(name.removeprefix(PREFIX))

    class Decoder(base.incrementaldecoder):  # type: ignore[name-defined,misc]
        def __init__(self, errors: str = "strict") -> None:
            super().__init__("replace")

    return codecs.CodecInfo(
        base.encode,
        lambda data, errors="strict": base.decode(data, "replace"),
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=Decoder,
        name=name,
    )


codecs.register(lenient)


def read_leniently(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.settings["input_encoding"] = PREFIX + codecs.lookup(app.config.source_encoding).name


def undecodable(data: bytes, encoding: str) -> list[tuple[int, int, bytes]]:
    """(line, byte offset, bytes) of each run of bytes ``encoding`` cannot read."""
    found = []
    at = 0
    while True:
        try:
            data[at:].decode(encoding)
        except UnicodeDecodeError as exc:
            start, end = at + exc.start, at + exc.end
            found.append((data.count(b"\n", 0, start) + 1, start, data[start:end]))
            at = end
        else:
            return found


def report(app: Sphinx, path: Path, text: str, where: Callable[[int], object]) -> None:
    """A warning at ``where(line)`` for each line of ``path`` with bytes that are not in
    the source encoding, when ``text`` (what was read of it) holds U+FFFD."""
    if REPLACEMENT not in text:
        return
    encoding = codecs.lookup(app.config.source_encoding).name
    named = "UTF-8" if encoding in {"utf-8", "utf-8-sig"} else encoding
    lines: dict[int, tuple[int, bytes]] = {}
    for line, offset, data in undecodable(path.read_bytes(), encoding):
        lines.setdefault(line, (offset, data))
    for line, (offset, data) in lines.items():
        logging.getLogger(__name__).warning(
            f"bytes that are not {named}: {data!r} at byte {offset}, read as U+FFFD; "
            f"save the file as {named}",
            location=where(line),
            type="source",
            subtype="encoding",
        )


def check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    report(app, app.env.doc2path(docname), source[0], lambda line: (docname, line))


def check_include(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    path = app.srcdir / relative_path
    report(app, path, content[0], lambda line: f"{path}:{line}")


def setup_source_bytes(app: Sphinx) -> None:
    app.connect("env-before-read-docs", read_leniently)
    app.connect("source-read", check_page)
    app.connect("include-read", check_include)
