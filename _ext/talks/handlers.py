"""Every extension's node handlers for the builders it did not name.

Sphinx looks up a node's writer functions under the builder's *name* and, only
when no extension registered anything under that name, under its *format*.
sphinxcontrib-youtube registers ``epub`` handlers, so the ePub builder stops
seeing the ``html`` handlers every other extension registered (sphinx-design's
nodes among them) and crashes on them. Here, once the builder is known, the
handlers missing under its name are taken from its format, so each extension's
own choice still wins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .sphinx_private import format_handlers

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def inherit_format_handlers(app: Sphinx) -> None:
    handlers = format_handlers(app)
    own = handlers.get(app.builder.name)
    if own is None or app.builder.name == app.builder.format:
        return
    for node_name, visitors in handlers.get(app.builder.format, {}).items():
        own.setdefault(node_name, visitors)


def setup_handlers(app: Sphinx) -> None:
    app.connect("builder-inited", inherit_format_handlers)
