"""The one place the extensions reach into Sphinx's internals.

Each function stands for one internal that no public API gives (Sphinx 9.0.4):
why it is needed, and what would replace it. An upgrade that changes one of
them breaks here, and ``tests/test_structure.py`` keeps any other module from
reaching for a private name. The other adapters: ``output_fixes.opengraph_private``
(sphinxext-opengraph's parsers) and ``furo_navigation.compat`` (furo's functions
the navigation template reproduces, pinned by fingerprints).

- :func:`builder_of` (``env._app.builder``): the builder at work, for a
  post-transform (which placeholders to fill for it, which pages it leaves out,
  where a published file is). ``SphinxPostTransform.app`` and
  ``BuildEnvironment.app`` are deprecated since Sphinx 9.0 for removal in 11.0,
  with no alternative listed; Sphinx's own ``ReferencesResolver`` reads
  ``env._app.builder``. Replace with the builder a post-transform is given, once
  Sphinx gives one.
- :func:`format_handlers` (``app.registry.translation_handlers``): every node's
  writer functions, by builder name (``talks.handlers``). ``add_node`` only adds;
  nothing public lists them. Replace once Sphinx looks handlers up by the
  builder's format when its name lacks them (the defect ``talks.handlers``
  works around).
- :func:`disconnect` (``app.events.listeners``): the ids of sphinx-sitemap's
  handlers, to disconnect them (``output_fixes.sitemap`` writes the sitemap in
  their place). ``app.disconnect`` is public but takes the id that
  ``app.connect`` returned inside sphinx-sitemap's ``setup``. Replace with a
  setting of sphinx-sitemap that turns its writer off, should it get one.
- :func:`hear_warnings_first` (the order of the ``sphinx`` logger's
  ``handlers``): ``talks.warned`` must hear a warning before Sphinx's own
  handler raises on it under ``-W`` without ``--keep-going``; ``addHandler``
  appends. Replace with a ``warning`` event, if Sphinx adds one.
- :func:`partial_settings` (``StandaloneHTMLBuilder._settings``): the docutils
  settings the builder renders tables of contents with, part of the key under
  which ``furo_navigation.cache`` stores them. No public attribute holds them.
Left where they are, as public attributes used as Sphinx documents them:
``env.tocs`` and ``env.toctree_includes`` (``talks.outputs`` adds the posts to
the series page's contents outside the web; ``furo_navigation`` reads them).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sphinx.util.logging import NAMESPACE

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def builder_of(env: BuildEnvironment) -> Builder:
    """The builder at work, for a post-transform."""
    return env._app.builder


def format_handlers(app: Sphinx) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Builder name -> node class name -> its writer functions (the registry's own dict)."""
    handlers: dict[str, dict[str, tuple[Any, ...]]] = app.registry.translation_handlers
    return handlers


def disconnect(app: Sphinx, handlers: Collection[Callable[..., Any]]) -> None:
    """Disconnect every listener whose function is one of ``handlers``."""
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            if listener.handler in handlers:
                app.disconnect(listener.id)


def hear_warnings_first(handler: logging.Handler) -> None:
    """Put ``handler`` before Sphinx's own handlers of its log records."""
    logging.getLogger(NAMESPACE).handlers.insert(0, handler)


def stop_hearing(handler: logging.Handler) -> None:
    logging.getLogger(NAMESPACE).removeHandler(handler)


def partial_settings(builder: Builder) -> object | None:
    """The docutils settings an HTML builder renders parts of pages with, if any."""
    return getattr(builder, "_settings", None)
