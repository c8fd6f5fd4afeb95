"""Send each page only the stylesheets and scripts it uses (Sphinx 9.0, sphinx-design 0.8).

Every HTML page gets Pygments' stylesheet and sphinx-design's tab script,
render-blocking or not, whether or not it has code or tabs. Readers on a
phone pay for both on every page; here they are dropped from pages that have
no highlighted code or no tab set.

The issue, as it would be filed against Sphinx (sphinx-doc/sphinx) and
sphinx-design (executablebooks/sphinx-design):

    **Every page loads pygments.css (and design-tabs.js), used or not**

    ``StandaloneHTMLBuilder`` adds ``pygments.css`` to every page's
    ``css_files``, and sphinx-design adds ``design-tabs.js`` to every page's
    scripts, whether the page has highlighted code or a tab set. A site whose
    pages are mostly prose makes every reader fetch (and the browser parse)
    both on every page.

    Expected: an asset added per page where that page's doctree needs it (as
    ``add_js_file`` inside ``html-page-context`` allows).

Canary: ``tests/test_canaries.py::test_canary_every_page_gets_pygments_css``
(for sphinx-design's script, ``tests/test_site.py`` checks the pages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from talks.builders import on_web

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _named(asset: Any, name: str) -> bool:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1] == name


def trim_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or not on_web(app.builder):
        return
    if next(doctree.findall(nodes.literal_block), None) is None:
        context["css_files"] = [c for c in context["css_files"] if not _named(c, "pygments.css")]
    containers = doctree.findall(nodes.container)
    if not any(node.get("design_component") == "tab-set" for node in containers):
        context["script_files"] = [
            s for s in context["script_files"] if not _named(s, "design-tabs.js")
        ]


def setup_assets(app: Sphinx) -> None:
    app.connect("html-page-context", trim_page_assets)
