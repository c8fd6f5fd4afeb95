"""What other builders than HTML need, one module each, set up in this order:

- :mod:`talks.handlers`: each extension's node handlers for the builders it
  did not name (the ePub);
- :mod:`talks.book`: the PDF's book, and every page of the site in it;
- :mod:`talks.outputs`: the posts in every output, and every page in the ePub
  and the single page;
- :mod:`talks.single_page`: the single page's links and ids;
- :mod:`talks.table_ids`: each id once in a page (furo's table wrapper);
- :mod:`talks.control_characters`: what no output can carry, reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .book import setup_book
from .control_characters import setup_control_characters
from .handlers import setup_handlers
from .outputs import setup_outputs
from .single_page import setup_single_page
from .table_ids import setup_table_ids

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_formats(app: Sphinx) -> None:
    # the order in which their handlers were connected before the split
    setup_handlers(app)
    setup_book(app)
    setup_outputs(app)
    setup_single_page(app)
    setup_table_ids(app)
    setup_control_characters(app)
