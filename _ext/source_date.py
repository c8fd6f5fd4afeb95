"""``SOURCE_DATE_EPOCH`` checked before Sphinx reads it: a malformed value is a message
and exit status 2, never a traceback.

What the variable may hold is its specification's (reproducible-builds.org/specs/
source-date-epoch): "The value MUST be an ASCII representation of an integer with
no fractional component, identical to the output format of ``date +%s``" and "If
the value is malformed, the build process SHOULD exit with a non-zero error code".
So ``abc``, ``1e9``, ``-5`` and an empty value (no integer either) stop the build
with a message that names the variable and what it takes, and exit status 2
(:func:`stop_on_malformed`), as does a time past the year 9999, which Python
cannot date.

Sphinx reads the variable in four places, with ``int()`` or ``float()``, one of
them when ``sphinx.builders.gettext`` is imported, before any extension loads:
the site's ``conf.py`` calls :func:`check_source_date_epoch` for that reason (the
workaround; ``tests/test_output_fixes.py`` holds its canary), and
``output_fixes`` connects :func:`stop_on_malformed` on ``config-inited``, which
also covers builds in a process that imported Sphinx's module already. The
upstream issue, as it would be filed (Sphinx 9.0.4):

    A malformed SOURCE_DATE_EPOCH stops every build with a traceback.
    ``sphinx/builders/gettext.py`` runs ``time.gmtime(float(source_date_epoch))``
    at import, so ``SOURCE_DATE_EPOCH=abc`` (or set but empty) fails every
    sphinx-build, whatever the builder, with "Could not import extension
    sphinx.builders.gettext" and a ValueError traceback, before conf.py's
    extensions load. ``correct_copyright_year`` uses ``int()``, so ``1e9`` passes
    the import and fails there, as ExtensionError with a traceback; a value past
    year 9999 fails later in ``format_date``. The specification asks for a
    non-zero exit; a message such as "SOURCE_DATE_EPOCH='abc' is not an integer
    number of seconds (date +%s)" instead of a traceback would say what to fix.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

VARIABLE = "SOURCE_DATE_EPOCH"
#: The last second Python's datetime can hold: 9999-12-31T23:59:59Z.
LATEST = 253402300799


def problem(value: str) -> str:
    """What is wrong with ``value`` as ``SOURCE_DATE_EPOCH``, or ``""``."""
    if re.fullmatch(r"[0-9]+", value) is not None and int(value) <= LATEST:
        return ""
    return (
        f"{VARIABLE}={value!r} cannot date this build: expected the number of seconds "
        f"since 1970-01-01 00:00 UTC in digits, such as 1478563200 (what date +%s prints), "
        f"at most {LATEST} (the end of the year 9999); unset {VARIABLE} to date the build now"
    )


#: A malformed value conf.py took out of the environment, for :func:`stop_on_malformed`.
refused: list[str] = []


def check_source_date_epoch() -> None:
    """Called by conf.py, before Sphinx imports ``sphinx.builders.gettext``: a malformed
    ``SOURCE_DATE_EPOCH`` is taken out of the environment, where Sphinx's import would
    fail on it, and kept for the ``config-inited`` check, which stops the build."""
    value = os.environ.get(VARIABLE)
    if value is not None and problem(value):
        refused.append(value)
        del os.environ[VARIABLE]


def stop_on_malformed(app: Sphinx, config: Config) -> None:
    """Say what is wrong with ``SOURCE_DATE_EPOCH`` and exit with status 2, as the
    specification asks, before Sphinx's ``correct_copyright_year`` reads it with
    ``int()``; a message, never a traceback."""
    value = refused.pop() if refused else os.environ.get(VARIABLE)
    refused.clear()
    if value is not None and (message := problem(value)):
        logging.getLogger(__name__).error(message)
        raise SystemExit(2)
