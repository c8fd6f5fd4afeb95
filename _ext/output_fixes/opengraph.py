"""Link-preview fields that sphinxext-opengraph (0.13.0) writes from page text,
escaped exactly once.

It writes each ``<meta property="og:…" content="…">`` with only ``"`` replaced,
so:

- ``og:title`` is the page title's HTML parsed back to text and written as is:
  ``Tom & Jerry`` and ``I <3 Django`` land in the attribute raw, and a title
  whose text is ``&amp;`` (a code span) reads ``&`` once parsed;
- ``og:site_name`` and ``og:image:alt`` (``project``, ``ogp_image_alt``, or
  the title) are written raw as well;
- ``og:description`` and ``<meta name="description">`` are escaped, then cut
  to ``ogp_description_length`` characters of the *escaped* text, which can cut
  an entity in two (``&am...``).

Just before it runs, this handler gives each of those fields its value, escaped
once, through the page's fields, which it writes as given (``og:…`` fields) or
takes as the page's own (a ``<meta name="description">`` already in
``metatags``). Fields a page or another extension set first are left alone:
sphinxext-opengraph documents them as written verbatim.

The issue, as it would be filed against sphinxext-opengraph
(wpilibsuite/sphinxext-opengraph):

    **og: fields are not HTML-escaped, and the description is cut inside an entity**

    ``get_tags`` writes ``<meta property="og:title" content="{title}">`` with
    only ``"`` replaced: a page titled "Tom & Jerry" (or "I <3 Django") gives
    ``content="Tom & Jerry"``, and so do ``project`` (``og:site_name``) and
    ``ogp_image_alt``. The description is HTML-escaped first and then cut to
    ``ogp_description_length`` characters, so the cut can fall inside an
    entity: ``content="Fish &amp; chips &amp; peas &amp; &am..."``.

    Expected: every field escaped once, when written, and the description cut
    as text, before escaping.

Canary: ``tests/test_canaries.py::test_canary_opengraph_writes_page_text_unescaped``.
"""

from __future__ import annotations

import html
import sys
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sphinxext.opengraph import DEFAULT_DESCRIPTION_LENGTH  # type: ignore[import-untyped]
from talks.builders import WEB_BUILDERS

from .opengraph_private import get_description, get_meta_description, get_title

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: sphinxext-opengraph's handler runs at the default priority, 500.
BEFORE_OPENGRAPH = 450
ELLIPSIS = "..."


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def description_of(doctree: nodes.document, titles: set[str], length: int) -> str:
    """sphinxext-opengraph's description, cut to ``length`` characters of text."""
    text = html.unescape(get_description(doctree, sys.maxsize, titles))
    if len(text) <= length:
        return text
    return text[: length - len(ELLIPSIS)] + ELLIPSIS if length >= len(ELLIPSIS) else text[:length]


def preview_fields(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or app.builder.name == "epub":
        return  # sphinxext-opengraph writes nothing for these
    if "sphinxext.opengraph" not in app.extensions:
        return
    config = app.config
    fields = dict(context.get("meta") or {})  # a copy: Sphinx hands over the environment's
    if "ogp_disable" in fields:
        return
    title = Markup(context.get("title") or "").striptags()  # the text of <title>
    fields.setdefault("og:title", escape(title))
    site_name = config.project if config.ogp_site_name is None else config.ogp_site_name
    if site_name:
        fields.setdefault("og:site_name", escape(site_name))
    if (config.ogp_image or "og:image" in fields) and "og:image:alt" not in fields:
        alt = None if "og:image" in fields else config.ogp_image_alt
        if alt is None:
            alt = site_name or title
        if isinstance(alt, str):
            fields["og:image:alt"] = escape(alt)
    metatags = context.get("metatags", "")
    wants_meta = config.ogp_enable_meta_description and not get_meta_description(metatags)
    if "og:description" not in fields or wants_meta:
        try:
            length = int(fields.get("ogp_description_length", config.ogp_description_length))
        except ValueError:
            length = DEFAULT_DESCRIPTION_LENGTH
        titles = {title, *get_title(context.get("title") or "")}
        if description := description_of(doctree, titles, length):
            fields.setdefault("og:description", escape(description))
            if wants_meta:
                tag = f'<meta name="description" content="{escape(description)}" />\n'
                context["metatags"] = metatags + tag
    context["meta"] = fields


def skipped_page_fields(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """sphinxext-opengraph writes nothing for a page with no doctree (search, 404): the
    fields it writes for every other page, from the page's title and description."""
    if doctree is not None or app.builder.name not in WEB_BUILDERS:
        return
    if "sphinxext.opengraph" not in app.extensions:
        return
    config = app.config
    title = Markup(context.get("title") or "").striptags() or pagename
    metatags = context.get("metatags", "")
    description = get_meta_description(metatags)
    tags = {
        "og:title": f"{title} - {config.project}",
        "og:type": "website",
        "og:url": f"{config.ogp_site_url}{app.builder.get_target_uri(pagename)}",
        "og:site_name": config.project,
        **({"og:description": description} if isinstance(description, str) else {}),
    }
    if config.ogp_image:
        tags["og:image"] = f"{config.ogp_site_url}{config.ogp_image}"
        tags["og:image:alt"] = config.ogp_image_alt or config.project
    metatags += "".join(
        f'<meta property="{name}" content="{escape(value)}" />\n' for name, value in tags.items()
    )
    context["metatags"] = metatags + "".join(f"{tag}\n" for tag in config.ogp_custom_meta_tags)


def setup_opengraph(app: Sphinx) -> None:
    app.connect("html-page-context", preview_fields, priority=BEFORE_OPENGRAPH)
    app.connect("html-page-context", skipped_page_fields, priority=BEFORE_OPENGRAPH)
