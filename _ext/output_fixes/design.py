"""sphinx-design's markup as well-formed XHTML and valid HTML (sphinx-design 0.8.0).

Each tab of a ``tab-set`` is a radio ``<input>`` followed by its ``<label>``.
sphinx-design writes them with two defects, repaired here, for every
HTML-format builder, by writing the two nodes ourselves (``sd_tab_input``,
``sd_tab_label``) once the label's ``aria-controls`` is moved to the input:

- the ``<input>`` is left open (``<input ... type="radio">``), which HTML
  allows but XHTML does not: the ePub's page is not well-formed and EPUBCheck
  stops on it (FATAL RSC-016), so an ePub reader may refuse the chapter. Here
  it is written ``<input ... />``, as Sphinx writes ``<img />`` and ``<hr />``;
- the ``<label>`` carries ``aria-controls`` (added in 0.8.0), which the HTML
  standard's ARIA rules forbid on a label associated with a labelable element
  (the Nu Html Checker reports each one). Here it is on the ``<input>``, the
  control that shows the panel, where it is allowed and means the same.

And its icons (``{octicon}``, a dropdown's chevron) cannot stand in an ePub
that EPUBCheck passes: they are ``<svg>`` elements written without their
namespace, which HTML supplies but XHTML does not (RSC-005 "element svg not
allowed here"); and, namespaced, a page holding one must be declared
``properties="svg"`` in the book's manifest, which Sphinx's ePub builder (9.0)
never writes (OPF-014). An icon is decoration (sphinx-design marks it
``aria-hidden``), so in the ePub it is left out, or stands as its label when
it has one (``aria-label``).

On paper (LaTeX), a card's title and its link are bare text in the card
(sphinx-design's ``PassthroughTextElement``, which writes nothing of its
own): the title runs into the card's first line, and the link into the
paragraph after the card. Here each stands as a paragraph of its own, the
title in bold.

``tests/test_output_fixes.py`` renders a tab set with sphinx-design's own
writers, and one of its icons, as well: those tests fail once upstream is
fixed, and this module (or that part of it) can go.

The issue as filed upstream (executablebooks/sphinx-design)::

    ePub: tab sets and icons are not valid XHTML; HTML: aria-controls on <label>

    With sphinx-design 0.8.0, a `tab-set` writes each tab as

        <input checked="checked" id="sd-tab-item-0" name="sd-tab-set-0" type="radio">
        <label aria-controls="sd-tab-item-0-content" class="sd-tab-label" for="sd-tab-item-0">

    1. `visit_tab_input` writes the start tag with `self.starttag(...)`, which
       does not close it. The `epub` builder writes XHTML, where a void element
       must be written `<input ... />`: every chapter with a tab set is not
       well-formed XML, and EPUBCheck 5 reports `FATAL(RSC-016) ... The element
       type "input" must be terminated by the matching end-tag "</input>"`
       (e-readers may refuse the chapter). #126 removed the stray `</input>`;
       the tag still needs closing for XHTML. `self.emptytag(node, "input", ...)`
       writes `<input ... />`, valid in HTML too (sphinx-inline-tabs made the
       same change: pradyunsg/sphinx-inline-tabs#46, #47).

    2. `visit_tab_label` writes `aria-controls` on the `<label>` (#283). The Nu
       Html Checker (vnu 24+) reports: `The "aria-controls" attribute must not
       be used on any "label" element that is associated with a labelable
       element.` The control that shows the panel is the radio input; putting
       `aria-controls` on the `<input>` keeps the relationship and validates.

    3. `get_octicon()` writes `<svg version="1.1" ...>` without
       `xmlns="http://www.w3.org/2000/svg"`. HTML puts an `<svg>` in the SVG
       namespace by itself; XHTML does not, so in the ePub every icon (the
       dropdown's chevron, `{octicon}`) is an unknown XHTML element: EPUBCheck
       reports `ERROR(RSC-005) ... element "svg" not allowed here`, and readers
       draw nothing. Adding the `xmlns` attribute to the `<svg>` fixes both
       outputs (it is allowed, and ignored, in HTML).

    4. In LaTeX, a card's title and its `:link:` are `PassthroughTextElement`s,
       written with `visit_depart_null`: their text is set in no paragraph of
       its own, so the PDF prints "The title Text of the card." on one line,
       and the link's text on the line of the paragraph after the card. A
       paragraph break after each (the title in bold)
       would print them as they read on the web.

    To reproduce: a `tab-set` with two `tab-item`s, a `dropdown` and a `card`
    with a title and a `:link:`; `sphinx-build -b epub`, then `epubcheck` on
    the book; `sphinx-build -b html`, then `java -jar vnu.jar --errors-only`
    on the page; `sphinx-build -M latexpdf`, and look at the card.

And the issue as filed upstream (sphinx-doc/sphinx), for the manifest::

    epub3: a page with inline SVG is not declared properties="svg" (OPF-014)

    A page whose XHTML holds an <svg> element (an extension's icon, raw HTML)
    must be declared with `properties="svg"` in content.opf's manifest (EPUB
    3.3, "svg" manifest property). `templates/epub3/content.opf.jinja` writes
    every item as `<item id=... href=... media-type=... />` and `ManifestItem`
    has no field for properties, so EPUBCheck reports `ERROR(OPF-014): ... The
    property "svg" should be declared in the OPF file` for each such page.
    The builder could note, while writing each page, whether it holds <svg>
    (or MathML, `properties="mathml"`) and write the property.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.icons import sd_icon
from sphinx_design.shared import PassthroughTextElement, is_component
from sphinx_design.tabs import sd_tab_input, sd_tab_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


class AriaControlsOnTheInput(SphinxPostTransform):
    """Each tab's ``aria-controls`` goes from its label to its radio input."""

    formats = ("html",)
    default_priority = 201  # right after sphinx-design's TabSetHtmlTransform (200)

    def run(self, **kwargs: Any) -> None:
        for tab_set in list(self.document.findall(lambda n: is_component(n, "tab-set"))):
            children = list(tab_set.children)
            # sphinx-design sets the list: extended again, each child knows its parent
            tab_set.children = []
            tab_set.extend(children)
            for radio, label in itertools.pairwise(children):
                if (
                    isinstance(radio, sd_tab_input)
                    and isinstance(label, sd_tab_label)
                    and "aria_controls" in label
                ):
                    radio["aria_controls"] = label["aria_controls"]
                    del label["aria_controls"]


def visit_tab_input(self: HTML5Translator, node: sd_tab_input) -> None:
    attributes = {"ids": [node["id"]], "type": node["type"], "name": node["set_id"]}
    if node["checked"]:
        attributes["checked"] = "checked"
    if "aria_controls" in node:
        attributes["aria-controls"] = node["aria_controls"]
    self.body.append(self.emptytag(node, "input", **attributes))


def depart_tab_input(self: HTML5Translator, node: sd_tab_input) -> None:
    pass


def visit_tab_label(self: HTML5Translator, node: sd_tab_label) -> None:
    attributes = {"for": node["input_id"]}
    if "sync_id" in node and "sync_group" in node:
        attributes["data-sync-id"] = node["sync_id"]
        attributes["data-sync-group"] = node["sync_group"]
    self.body.append(self.starttag(node, "label", **attributes))


def depart_tab_label(self: HTML5Translator, node: sd_tab_label) -> None:
    self.body.append("</label>")


def visit_passthrough_latex(self: LaTeXTranslator, node: PassthroughTextElement) -> None:
    self.body.append("\n\\sphinxAtStartPar\n")
    if "sd-card-title" in node.parent.get("classes", ()):
        self.body.append("\\sphinxstylestrong{")


def depart_passthrough_latex(self: LaTeXTranslator, node: PassthroughTextElement) -> None:
    if "sd-card-title" in node.parent.get("classes", ()):
        self.body.append("}")
    self.body.append("\\par\n")


ARIA_LABEL = re.compile(r'aria-label="([^"]*)"')


def is_icon(node: nodes.Node) -> bool:
    """sphinx-design's icon: an ``sd_icon`` (``{octicon}``) or raw ``<svg>`` (a chevron)."""
    if isinstance(node, sd_icon):
        return True
    return (
        isinstance(node, nodes.raw)
        and node.astext().startswith("<svg ")
        and "sd-octicon" in (node.astext().split(">", 1)[0])
    )


class NoIconsInTheBook(SphinxPostTransform):
    """In the ePub, sphinx-design's icons are left out, or stand as their label."""

    builders = ("epub",)
    default_priority = 900  # after sphinx-design's own transforms (199, 200)

    def run(self, **kwargs: Any) -> None:
        for icon in list(self.document.findall(is_icon)):
            svg = icon["svg"] if isinstance(icon, sd_icon) else icon.astext()
            label = ARIA_LABEL.search(svg.split(">", 1)[0])
            icon.replace_self(nodes.Text(html.unescape(label[1])) if label else [])


def take_over(app: Sphinx, config: Config) -> None:
    """Once every extension is set up: sphinx-design's writers, if it is one, are ours."""
    if "sphinx_design" in app.extensions:
        app.add_node(sd_tab_input, override=True, html=(visit_tab_input, depart_tab_input))
        app.add_node(sd_tab_label, override=True, html=(visit_tab_label, depart_tab_label))
        app.add_node(
            PassthroughTextElement,
            override=True,
            latex=(visit_passthrough_latex, depart_passthrough_latex),
        )


def setup_design(app: Sphinx) -> None:
    app.connect("config-inited", take_over)
    app.add_post_transform(AriaControlsOnTheInput)
    app.add_post_transform(NoIconsInTheBook)
