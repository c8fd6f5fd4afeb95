"""``{talk}`slug``` and ``{speaker}`slug``` without the ``talks:`` prefix.

Both are ordinary cross-references into the ``talks`` domain; an unknown
slug is reported as ``[talks.unknown]`` at the role's file and line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.roles import XRefRole
from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes
    from docutils.nodes import system_message
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain

logger = logging.getLogger(__name__)

ROLE_NAME_TALK = "talk"
ROLE_NAME_SPEAKER = "speaker"


class TalksXRefRole(XRefRole):
    """Resolve in the ``talks`` domain whatever name the role was called by."""

    def run(self) -> tuple[list[nodes.Node], list[system_message]]:
        if ":" not in self.name:
            self.name = f"talks:{self.name}"
        return super().run()


def warn_unknown(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    if domain is None or domain.name != "talks":
        return None
    expected = ", ".join(sorted(domain.data["talks"])) if node["reftype"] == "talk" else ""
    logger.warning(
        "unknown %s %r%s",
        node["reftype"],
        node["reftarget"],
        f"; expected one of: {expected}" if expected else "",
        location=node,
        type="talks",
        subtype="unknown",
    )
    return True


def setup_roles(app: Sphinx) -> None:
    for name in (ROLE_NAME_TALK, ROLE_NAME_SPEAKER):
        app.add_role(name, TalksXRefRole(warn_dangling=True))
    app.connect("warn-missing-reference", warn_unknown)
