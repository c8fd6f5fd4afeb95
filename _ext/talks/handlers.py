"""Every extension's node handlers for the builders it did not name.

Sphinx looks up a node's writer functions under the builder's *name* and, only
when no extension registered anything under that name, under its *format*.
sphinxcontrib-youtube registers ``epub`` handlers, so the ePub builder stops
seeing the ``html`` handlers every other extension registered (sphinx-design's
nodes among them) and crashes on them. Here, once the builder is known, the
handlers missing under its name are taken from its format, so each extension's
own choice still wins.

The issue, as it would be filed against sphinxcontrib-youtube
(sphinx-contrib/youtube; the look-up is Sphinx's ``SphinxComponentRegistry``):

    **Registering epub handlers hides every other extension's html handlers from the ePub builder**

    ``setup()`` calls ``app.add_node(youtube, html=..., epub=..., latex=...)``.
    Sphinx takes a node's handlers under the builder's name and falls back to its
    format only when nothing at all is registered under the name, so from then
    on the ePub builder finds only the ``epub`` handlers: sphinx-design's nodes
    (registered for ``html``) fail the build with "departing unknown node type:
    PassthroughTextElement".

    To reproduce: ``extensions = ["myst_parser", "sphinx_design",
    "sphinxcontrib.youtube"]``, a page with a ``card``, ``make epub``.

    Expected: register the ePub's handlers under ``html`` (the ePub writer is the
    HTML one), or Sphinx falls back to the format for each node.

Canary: ``tests/test_canaries.py::test_canary_youtube_epub_handlers_hide_every_other_extensions``.
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
