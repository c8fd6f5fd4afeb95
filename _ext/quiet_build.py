"""A build prints what happened, not what third-party code says on every run.

conf.py lists this extension first. Each line it keeps out has no setting of
its own, and each is kept out where it arises, nothing more:

- sphinxext-opengraph prints "matplotlib is not installed, social cards will
  not be generated" when it is imported, whether social cards are on or not
  (they are off here: ``ogp_social_cards``). It is imported here first, with
  that line held back; anything else it prints is passed on.
- MyST logs its whole configuration on every build (``myst v5: MdParserConfig(...)``).
- "The configuration has changed" on a build with no change. Sphinx compares
  the configuration as conf.py and ``config-inited`` leave it with the one the
  previous build saved, after ``builder-inited`` had changed it:

  * ``html_css_files``, ``html_js_files``: the HTML builder writes the default
    priority (800) into the configuration's own entries. It is written here on
    ``config-inited``, so both sides carry it and the builder changes nothing.
  * ``html_static_path``: sphinx-design and sphinxcontrib-youtube add their
    folders on ``builder-inited`` (the talks extension adds its own on
    ``config-inited``).
  * ``pygments_dark_style``: furo declares it when the theme is loaded, after
    the comparison.

  The last two cannot be settled before the comparison, so the report is
  dropped when it names only them; any other option it names keeps it whole.

The issues, as they would be filed:

    **sphinxext-opengraph prints "matplotlib is not installed" on import**
    (wpilibsuite/sphinxext-opengraph): the notice is printed when the package
    is imported, to stdout, with ``ogp_social_cards`` off or on; it belongs in
    the log, and only when social cards are asked for.

    **MyST logs its whole configuration on every build** (executablebooks/
    MyST-Parser): ``myst v5: MdParserConfig(...)``, a line of 1,300 characters,
    at info level, on every build; it belongs at verbose level.

    **"The configuration has changed" on a rebuild with no change**
    (sphinx-doc/sphinx): the configuration is compared before
    ``builder-inited``, where the HTML builder writes the default priority into
    ``html_css_files``/``html_js_files`` entries given with attributes and
    extensions (sphinx-design, sphinxcontrib-youtube) add to
    ``html_static_path``, and before the theme declares ``pygments_dark_style``
    (furo). The saved configuration carries those changes, the fresh one not,
    so every rebuild of an unchanged project says the configuration changed
    and reads every page again.

Canaries: ``tests/test_canaries.py::test_canary_opengraph_prints_a_notice_when_imported``
and ``::test_canary_an_unchanged_rebuild_says_the_configuration_changed``.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import re
import sys
from typing import TYPE_CHECKING, Any

from sphinx.locale import __

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

OPENGRAPH = "sphinxext.opengraph"
MATPLOTLIB_NOTICE = "matplotlib is not installed, social cards will not be generated\n"
#: Options that differ between the saved and the fresh configuration of an unchanged site.
SET_AFTER_COMPARISON = frozenset({"html_static_path", "pygments_dark_style"})
#: What Sphinx's HTML builder gives the user's CSS and JS files (``init_css_files``).
USER_ASSET_PRIORITY = 800


def import_opengraph_quietly() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        importlib.import_module(OPENGRAPH)
    sys.stdout.write(printed.getvalue().replace(MATPLOTLIB_NOTICE, ""))


def is_myst_config_dump(record: logging.LogRecord) -> bool:
    args = record.args if isinstance(record.args, tuple) else ()
    return any(type(arg).__name__ == "MdParserConfig" for arg in args)


def changed_options(record: logging.LogRecord) -> set[str] | None:
    """The options a "configuration has changed" report names, if it names them all."""
    message, args = str(record.msg), record.args if isinstance(record.args, tuple) else ()
    if message == str(__("The configuration has changed (1 option: %r)")) and args:
        return {str(args[0])}
    if message == str(__("The configuration has changed (%d options: %s)")) and len(args) == 2:
        return set(re.findall(r"'([^']+)'", str(args[1])))
    return None


def is_unchanged_config_report(record: logging.LogRecord) -> bool:
    names = changed_options(record)
    return names is not None and names <= SET_AFTER_COMPARISON


class Drop(logging.Filter):
    def __init__(self, test: Any) -> None:
        super().__init__()
        self.test = test

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.test(record)


def drop_from(logger_name: str, test: Any) -> None:
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, Drop) and f.test is test for f in logger.filters):
        logger.addFilter(Drop(test))


def settle_asset_priorities(app: Sphinx, config: Config) -> None:
    for name in ("html_css_files", "html_js_files"):
        for entry in getattr(config, name, ()):
            if isinstance(entry, tuple) and isinstance(entry[1], dict):
                entry[1].setdefault("priority", USER_ASSET_PRIORITY)


def setup(app: Sphinx) -> ExtensionMetadata:
    if OPENGRAPH in app.config.extensions:
        import_opengraph_quietly()
    drop_from("sphinx.myst_parser.sphinx_ext.main", is_myst_config_dump)
    drop_from("sphinx.sphinx.environment", is_unchanged_config_report)
    # after Sphinx's own conversion of the entries to (name, attributes), at 800
    app.connect("config-inited", settle_asset_priorities, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
