"""Sphinx settings for the Django: Under the Hood 2016 knowledge base."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).parent / "_ext"))

# -- Project -------------------------------------------------------------------
project = "Django: Under the Hood 2016"
author = "the DUTH 2016 knowledge base contributors"
copyright = "2026, the DUTH 2016 knowledge base contributors"  # noqa: A001
language = "en"

# -- Sources -------------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.youtube",
    "talks",
]
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = [
    "_build",
    ".venv",
    ".ci",
    "README.md",
    "tests",
    "node_modules",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
]
nitpicky = True

# -- Talk data (read by the ``talks`` extension in _ext/talks) ------------------
talks_days = {"2016-11-03": "Day 1", "2016-11-04": "Day 2"}
talks_timezone = "Europe/Amsterdam"
talks_source = {
    "title": "Django Under the Hood 2016",
    "url": "https://simpleisbetterthancomplex.com/article/2016/11/08/django-under-the-hood.html",
    "author": "Vitor Freitas",
    "site": "Simple is Better Than Complex",
    "date": "2016-11-08",
}

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
html_title = "Django: Under the Hood 2016"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_domain_indices = False
html_use_index = False
html_copy_source = False
html_show_sourcelink = False
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://duth-2016.readthedocs.io/en/latest/"
)
