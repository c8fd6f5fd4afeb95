"""A page whose name is too long for the files Sphinx makes of it: a warning, not a traceback.

A page's own file may have a name of up to the file system's limit (255 bytes on
every common one), but Sphinx writes files named after the page with a longer
suffix: ``<name>.doctree`` (8 bytes more than the page's name without its
suffix), ``_sources/<name>.md.txt``, ``<name>.xhtml``. A page of 248 to 251 bytes
(``.md`` included) is read, and the doctree write stops the build with
``OSError: [Errno 36] File name too long``, a traceback that names no page.

On ``env-before-read-docs`` (Sphinx's public event, whose list of pages to read
may be changed), each page to read whose longest derived name is over the
limit is a warning at its file, saying how long the name is and how long it may
be, and is left out of the build: not read, not written, not in any glob. The
-W build fails; without -W, the other pages build. Nothing is left behind, so
the next build finds it again and says so again, as a clean build would.

The upstream issue, as it would be filed (Sphinx 9.0.4):

    A page with a long file name stops the build with a bare OSError.
    ``Builder.write_doctree`` writes ``<docname>.doctree``, 8 bytes longer than
    the page's name without its suffix, so a page named with 248 to 251 bytes
    (``x…x.md``, valid on ext4) ends the build with "OSError: [Errno 36] File
    name too long: '…/.doctrees/x…x.doctree'". Expected: a warning at the page
    saying its name is too long for the files Sphinx makes of it, and the rest
    of the project built.

``tests/test_output_fixes.py`` has the canary: a build without this module still
raises ``OSError``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: What every builder adds to a page's name: its doctree. The other names made of
#: it (``.html``, ``.xhtml``, ``.fpickle``) are no longer; the ``_sources/`` copy,
#: ``.txt`` after the page's own suffix, may be (``.ipynb.txt``).
DOCTREE = ".doctree"
#: Where the file system will not say: every common one allows 255 bytes.
DEFAULT_NAME_MAX = 255


def name_max(env: BuildEnvironment) -> int:
    """The longest file name the doctree folder's file system takes."""
    try:
        return os.pathconf(env.doctreedir, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no such folder yet; no pathconf
        return DEFAULT_NAME_MAX


def longest_suffix(env: BuildEnvironment, docname: str) -> str:
    """The longest of what Sphinx adds to the page's name in the files it makes of it."""
    source = env.doc2path(docname).suffix
    return max([DOCTREE, f"{source}.txt"], key=len_bytes)


def len_bytes(name: str) -> int:
    return len(os.fsencode(name))


def leave_out_long_names(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    limit = name_max(env)
    for docname in list(docnames):
        stem = len_bytes(docname.rsplit("/", 1)[-1])
        suffix = longest_suffix(env, docname)
        if stem + len_bytes(suffix) <= limit:
            continue
        logger.warning(
            "the page's name is too long for the files Sphinx makes of it: with %r after "
            "it, it would be %d bytes, more than the %d the file system allows; the page "
            "is left out. Rename it to at most %d bytes before %r",
            suffix,
            stem + len_bytes(suffix),
            limit,
            limit - len_bytes(suffix),
            env.doc2path(docname).suffix,
            type="source",
            subtype="name",
            location=docname,
        )
        docnames.remove(docname)
        env.found_docs.discard(docname)


def setup_page_names(app: Sphinx) -> None:
    # before every other handler, so none of them sees the page
    app.connect("env-before-read-docs", leave_out_long_names, priority=0)
