"""sphinx-design's interactive components unfolded, for readers that cannot work them.

A feed reader shows no radio buttons that switch tabs and may hide a closed
dropdown for good; an ePub reader may not run the CSS that switches tabs, and
a book, like paper, shows everything. So in a feed entry (``entry.py``) and
in the ePub, as in the PDF (where sphinx-design already does it):

- a tab set is each tab's label, in bold, over that tab's content, in order,
  in plain containers (sphinx-design's classes would have its stylesheet,
  which the ePub carries, hide every tab but the first);
- a dropdown is its title, in bold, over its content, shown whatever
  ``:open:`` says; an untitled one is its content.

It works on the structures sphinx-design's HTML transforms leave (``<input>``,
``<label>``, ``<details>``), after them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.dropdown import dropdown_main, dropdown_title
from sphinx_design.shared import is_component
from sphinx_design.tabs import sd_tab_input, sd_tab_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def bold(*children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong("", "", *children))


def title_text(title: dropdown_title) -> nodes.inline | None:
    """A dropdown's title text (an untitled one's "title" is an icon, no text)."""
    text = title.next_node(
        lambda n: isinstance(n, nodes.inline) and "sd-summary-text" in n["classes"]
    )
    return text if isinstance(text, nodes.inline) and text.astext().strip() else None


def unfold_design(tree: nodes.Element) -> None:
    for tab_set in list(tree.findall(lambda n: is_component(n, "tab-set"))):
        # Plain containers: sphinx-design's stylesheet, which the ePub carries, hides every
        # .sd-tab-content its radio button does not show, and lays .sd-tab-set out in a row.
        plain = nodes.container(classes=["talks-unfolded"], ids=tab_set["ids"])
        for child in tab_set.children:
            if isinstance(child, sd_tab_label):
                plain += bold(*child.children)
            elif isinstance(child, nodes.Element) and not isinstance(child, sd_tab_input):
                plain += nodes.container("", *child.children, ids=child["ids"])
        # replace, not replace_self: that would copy sphinx-design's classes onto it
        tab_set.parent.replace(tab_set, plain)
    for dropdown in list(tree.findall(dropdown_main)):
        plain = nodes.container(classes=["talks-unfolded"], ids=dropdown["ids"])
        for child in dropdown.children:
            if not isinstance(child, dropdown_title):
                plain += child.children
            elif (text := title_text(child)) is not None:
                plain += bold(*text.children)
        dropdown.parent.replace(dropdown, plain)


class UnfoldInTheBook(SphinxPostTransform):
    """The ePub shows sphinx-design's tabs and dropdowns unfolded, as the PDF does."""

    builders = ("epub",)
    default_priority = 250  # after sphinx-design's HTML transforms (199, 200)

    def run(self, **kwargs: Any) -> None:
        unfold_design(self.document)


def setup_unfold(app: Sphinx) -> None:
    app.add_post_transform(UnfoldInTheBook)
