"""Repairs to what third-party machinery writes, one module per concern.

- :mod:`output_fixes.sitemap`: ``sitemap.xml`` complete on every build, in a
  stable order, its URLs percent-encoded (in place of sphinx-sitemap's writer);
- :mod:`output_fixes.opengraph`: the preview fields sphinxext-opengraph writes
  from page text, escaped exactly once;
- :mod:`output_fixes.search`: ``searchindex.js`` after an incremental build
  without the terms that no page has any more (Sphinx);
- :mod:`output_fixes.reproducible`: the ePub's zip members dated from
  ``SOURCE_DATE_EPOCH`` (Sphinx);
- :mod:`output_fixes.source_bytes`: a page with bytes that are not UTF-8 is a
  warning at its line, not a traceback (Sphinx);
- :mod:`output_fixes.page_names`: a page named too long for the files Sphinx
  makes of it is a warning at its file, not a traceback (Sphinx);
- :mod:`output_fixes.assets`: Pygments' stylesheet and sphinx-design's tab
  script only on the pages that use them (Sphinx, sphinx-design);
- :mod:`output_fixes.design`: sphinx-design's tab sets as well-formed XHTML
  (the ePub) and valid HTML;
- :mod:`output_fixes.buildinfo`: no ``.buildinfo.bak`` left in the output after
  a change of settings (Sphinx).

Also this site's policy for crawlers and previews, beside what it repairs:
``robots.txt`` names the sitemap (:mod:`output_fixes.robots`), and the pages with no doctree (search, 404)
get the link-preview fields every other page has.

Each module says which release it was written against and what it repairs;
the tests in ``tests/test_output_fixes.py`` fail when a repair is not needed
any more or stops working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assets import setup_assets
from .buildinfo import setup_buildinfo
from .design import setup_design
from .opengraph import setup_opengraph
from .page_names import setup_page_names
from .reproducible import setup_reproducible
from .search import setup_search
from .sitemap import setup_sitemap
from .source_bytes import setup_source_bytes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    setup_sitemap(app)
    setup_opengraph(app)
    setup_search(app)
    setup_reproducible(app)
    setup_assets(app)
    setup_source_bytes(app)
    setup_page_names(app)
    setup_design(app)
    setup_buildinfo(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
