"""No ``.buildinfo.bak`` in the output: Sphinx's backup of the last build's settings.

When the settings that shape HTML changed since the last build (``html_title``, a
theme option, ``html_baseurl``, ...), Sphinx (9.0) moves ``.buildinfo`` to
``.buildinfo.bak`` in the output folder and writes every page again. The backup
stays there for good: a clean build has no such file, so the output of an
incremental build is not the one of a clean build, the folder that is published
carries a stale copy of the settings, and the ePub builder (which shares the HTML
builder's check) warns "unknown mimetype for .buildinfo.bak, ignoring" when it
packs the book, which fails a ``-W`` build. Nothing reads the file; it records the
settings of a build whose output is gone.

It is removed once Sphinx has made it, before anything is written (so the ePub
never sees it), for every builder of the HTML family. The build's log still
says "build_info mismatch, copying .buildinfo to .buildinfo.bak", and the new
``.buildinfo`` is Sphinx's, untouched.

The issue, as it would be filed against Sphinx (sphinx-doc/sphinx):

    **``.buildinfo.bak`` is left in the HTML output after a configuration change**

    After any change to a setting that affects HTML (``html_title``, for
    instance), ``StandaloneHTMLBuilder.get_outdated_docs`` moves ``.buildinfo``
    to ``.buildinfo.bak`` in the output directory. Nothing ever removes it: the
    output of ``sphinx-build`` after the change differs from a clean build's by
    that file; deploying the output folder (``rsync``, GitHub Pages) publishes
    it; and ``make epub`` after such a change warns "unknown mimetype for
    .buildinfo.bak, ignoring" (``EpubBuilder.ignored_files`` lists
    ``.buildinfo`` but not the backup), so ``-W`` fails the build.

    To reproduce: ``sphinx-quickstart``, ``make html``, change ``html_title``
    in ``conf.py``, ``make html``: ``_build/html/.buildinfo.bak`` exists.

    Expected: the output folder holds what the build produced and nothing
    else; a backup for debugging, if wanted, goes beside the doctrees (or is
    logged).

``tests/test_output_fixes.py`` checks that the site's output never carries it,
and that Sphinx without this module still leaves it (the test fails once Sphinx
stops doing so, and this module can go).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The backup's name, as ``StandaloneHTMLBuilder.get_outdated_docs`` makes it.
BACKUP = ".buildinfo.bak"


def remove_backup(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """After Sphinx compared the settings (``get_outdated_docs``), before any page."""
    if isinstance(app.builder, StandaloneHTMLBuilder):
        Path(app.outdir, BACKUP).unlink(missing_ok=True)


def setup_buildinfo(app: Sphinx) -> None:
    app.connect("env-before-read-docs", remove_backup)
