"""Which builders are the web: the one definition every module imports.

- :data:`WEB_BUILDERS` write the published site: its pages and what is
  published beside them (the feeds, the PyVideo folder, the sitemap and
  ``robots.txt``, the link-preview fields of pages with no doctree). Files
  published beside the pages are linked relatively only there.
- :func:`on_web` says whether a page is read in a browser: HTML that is not
  the ePub (the single page counts). Such a page gets the player, the moments
  as links into it, the structured data and only the assets it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: The builders that write the site's web pages and what is published beside them.
WEB_BUILDERS = ("html", "dirhtml")


def on_web(builder: Builder) -> bool:
    """A page on the web: HTML that is not the ePub (``singlehtml`` counts)."""
    return builder.format == "html" and builder.name != "epub"
