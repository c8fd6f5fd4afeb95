"""Links to what the build publishes beside the pages.

The ``published`` role links a file the build publishes beside the pages
(the feed, ``objects.inv``, the PyVideo folder): relative on the web, at
``html_baseurl`` in the PDF and the ePub, which do not carry those files.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title
from sphinx.util.osutil import relative_uri

from .builders import WEB_BUILDERS
from .domain import warn
from .sphinx_private import builder_of

if TYPE_CHECKING:
    from docutils.nodes import system_message
    from sphinx.application import Sphinx

PATH_RE = re.compile(r"[\w.-]+(/[\w.-]+)*/?")


class PublishedRole(SphinxRole):
    """``{published}`atom.xml``` or ``{published}`the folder <data/pyvideo/>```."""

    def run(self) -> tuple[list[nodes.Node], list[system_message]]:
        _explicit, title, target = split_explicit_title(self.text)
        target = target.strip()
        if not PATH_RE.fullmatch(target) or ".." in target.split("/"):
            warn(
                f"malformed published path {target!r}; expected a path from the site's "
                "root such as atom.xml or data/pyvideo/",
                self.get_location(),
                "url",
            )
            return [nodes.inline(self.rawtext, title)], []
        node = nodes.reference(self.rawtext, title, refuri=target, talks_published=target)
        self.set_source_info(node)
        return [node], []


class PublishedLinks(SphinxPostTransform):
    """Point each ``published`` link at the file, for the builder at work."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        builder = builder_of(self.env)
        base = self.config.html_baseurl
        for ref in list(self.document.findall(nodes.reference)):
            if (target := ref.get("talks_published")) is None:
                continue
            if builder.name in WEB_BUILDERS:  # the builds that publish those files
                here = builder.get_target_uri(self.env.current_document.docname)
                ref["refuri"] = relative_uri(here, target) or "./"
            elif base:
                ref["refuri"] = f"{base}{target}"
            else:  # nowhere to point at: the words stay
                ref.replace_self(nodes.inline(ref.rawsource, ref.astext()))


def setup_published(app: Sphinx) -> None:
    app.add_role("published", PublishedRole())
    app.add_post_transform(PublishedLinks)
