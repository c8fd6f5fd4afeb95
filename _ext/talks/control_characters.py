"""Control characters, which no HTML, XML or TeX output can carry, reported
where a page has them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .domain import warn
from .model import not_carried

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def report_control_characters(app: Sphinx, doctree: nodes.document) -> None:
    """What no output can carry (``model.NOT_CARRIED``), where the page has it."""
    for text in doctree.findall(nodes.Text):
        if found := not_carried(text):
            where = text.parent
            while where.line is None and where.parent is not None:
                where = where.parent
            warn(f"{found} in {text.astext()!r}; no page, feed or book can show it", where, "text")


def setup_control_characters(app: Sphinx) -> None:
    app.connect("doctree-read", report_control_characters)
