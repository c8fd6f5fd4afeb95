"""Each id once in a page: furo's table wrapper copies the table's ids.

furo wraps each table in a container that copies the table's ids; they are
kept once, on the table.

The issue, as it would be filed against furo (pradyunsg/furo):

    **The table wrapper repeats the table's ids: duplicate ids in the page**

    furo's ``WrapTableAndMathInAContainerTransform`` wraps each table in a
    ``div.table-wrapper`` container and copies the table's attributes onto it
    (``update_all_atts``), ids included, so ``<table id="numbers">`` comes out inside ``<div
    id="numbers">``: two elements with one id (the Nu Html Checker's
    "Duplicate ID"), and a link to it lands on the wrapper.

    To reproduce: a ``list-table`` with ``:name: numbers``, built with furo.

    Expected: the wrapper gets the table's classes, not its ids.

Canary: ``tests/test_canaries.py::test_canary_furo_copies_a_tables_ids_to_its_wrapper``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class TableIdsOnce(SphinxPostTransform):
    """furo's table wrapper copies the table's ids: keep them on the table only."""

    formats = ("html",)
    default_priority = 510  # furo wraps at 500

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"] and isinstance(
                table := wrapper.next_node(nodes.table), nodes.table
            ):
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]


def setup_table_ids(app: Sphinx) -> None:
    app.add_post_transform(TableIdsOnce)
