"""The ePub byte for byte the same from build to build under ``SOURCE_DATE_EPOCH``,
and a ``SOURCE_DATE_EPOCH`` Sphinx cannot read named as such, not a traceback.

Sphinx (9.0) already takes the ePub's ``content.opf`` dates and LaTeX's
``\\date`` (``format_date``, for ``today``) from ``SOURCE_DATE_EPOCH``, but
its ``build_epub`` zips each file with the file's modification time, which is
the time of the build. When ``SOURCE_DATE_EPOCH`` is set, the book is zipped
again with that time on every member (and one file mode), in the same order,
with the same compression: the ``mimetype`` member stays first and stored. A
zip member's date runs from 1980 to 2107: a time outside is taken to the
nearest end, as reproducible-builds.org's example for zip files does for 1980.

A ``SOURCE_DATE_EPOCH`` that its specification does not allow stops the build
with a message (``source_date.py``, beside this package) before Sphinx reads it.

The issue, as it would be filed against Sphinx (sphinx-doc/sphinx):

    **The ePub is not reproducible under SOURCE_DATE_EPOCH: zip members carry the build time**

    ``EpubBuilder.build_epub`` adds each file with ``ZipFile.write``, which
    dates the member with the file's modification time: the time of the build.
    ``content.opf`` already takes its date from ``SOURCE_DATE_EPOCH``, but two
    builds of the same sources a few seconds apart give two different
    ``.epub`` files.

    To reproduce: ``SOURCE_DATE_EPOCH=1478563200 make epub`` twice, two seconds
    apart, and compare the books (or list their members' dates).

    Expected: under ``SOURCE_DATE_EPOCH``, every member dated from it (clamped to
    1980-2107, what a zip can hold), as reproducible-builds.org recommends.

Canary: ``tests/test_canaries.py::test_canary_sphinx_dates_epub_members_with_the_build_time``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import ZipFile, ZipInfo

from source_date import VARIABLE, problem, stop_on_malformed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: A zip file cannot record a time before 1980, nor after 2107 (in two-second steps).
ZIP_EPOCH = 315532800
ZIP_END = (2107, 12, 31, 23, 59, 58)
#: A regular file, rw-r--r--.
FILE_MODE = 0o100644 << 16


def source_date() -> tuple[int, int, int, int, int, int] | None:
    """``SOURCE_DATE_EPOCH`` as a zip member's date and time, or ``None``."""
    value = os.environ.get(VARIABLE)
    if value is None or problem(value):  # stop_on_malformed has stopped the build
        return None
    year, month, day, hour, minute, second, *_ = time.gmtime(max(int(value), ZIP_EPOCH))
    return min((year, month, day, hour, minute, second), ZIP_END)


def restamp_epub(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "epub":
        return
    date_time = source_date()
    if date_time is None:
        return
    book = Path(app.outdir, f"{app.config.epub_basename}.epub")
    temporary = book.with_name(f"{book.name}.tmp")
    with ZipFile(book) as old, ZipFile(temporary, "w") as new:
        for member in old.infolist():
            info = ZipInfo(member.filename, date_time)
            info.compress_type = member.compress_type
            info.external_attr = FILE_MODE
            new.writestr(info, old.read(member))
    temporary.replace(book)


def setup_reproducible(app: Sphinx) -> None:
    # before Sphinx's correct_copyright_year (800) reads it with int()
    app.connect("config-inited", stop_on_malformed, priority=1)
    app.connect("build-finished", restamp_epub)
