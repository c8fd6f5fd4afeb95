"""sphinxext-opengraph's private parsers (0.13.0), the one place they are imported.

``output_fixes.opengraph`` writes the link-preview fields sphinxext-opengraph
would write, escaped once; to read a page as it does (its description, the
``<meta name="description">`` a page already has, the title's text) it calls
the package's own functions, which it exports from private modules only:
``sphinxext.opengraph._description_parser.get_description``,
``._meta_parser.get_meta_description`` and ``._title_parser.get_title``.
Replace them with public names, should the package export them; an upgrade
that moves them breaks here (and ``tests/test_output_fixes.py`` checks the
fields against the package's own).
"""

from __future__ import annotations

from sphinxext.opengraph._description_parser import (  # type: ignore[import-untyped]
    get_description as get_description,
)
from sphinxext.opengraph._meta_parser import (  # type: ignore[import-untyped]
    get_meta_description as get_meta_description,
)
from sphinxext.opengraph._title_parser import get_title as get_title  # type: ignore[import-untyped]
