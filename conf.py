"""Sphinx settings for the Django: Under the Hood 2016 knowledge base."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).parent / "_ext"))

# -- Project -------------------------------------------------------------------
project = "Django: Under the Hood 2016"
author = "the DUTH 2016 knowledge base contributors"
copyright = "2026, the DUTH 2016 knowledge base contributors"
language = "en"
version = release = "2016.1"  # this knowledge base's own version (ePub requires one)

# -- Sources -------------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.youtube",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "talks",
    "furo_navigation",
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

talks_event = {
    "url": "https://djangounderthehood.com",
    "start": "2016-11-03",
    "end": "2016-11-06",
    "venue": {
        "name": "Pakhuis de Zwijger",
        "address": {
            "streetAddress": "Piet Heinkade 179",
            "addressLocality": "Amsterdam",
            "addressCountry": "NL",
        },
    },
    "organizers": [
        {"name": "Django: Under the Hood", "url": "https://djangounderthehood.com"},
        {"name": "Dutch Django Association"},
    ],
}

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
html_title = "Django: Under the Hood 2016"
html_theme_options = {"top_of_page_buttons": []}
html_favicon = "_static/favicon.svg"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_domain_indices = False
html_use_index = False
html_copy_source = False
html_show_sourcelink = False
# Read the Docs sets the canonical URL; the default is where it publishes us.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://duth-2016.readthedocs.io/en/latest/"
)

# -- Link previews, sitemap, 404 -------------------------------------------------
ogp_site_url = html_baseurl
ogp_image = "_static/og-card.png"
ogp_image_alt = "Django: Under the Hood 2016 knowledge base"
ogp_social_cards = {"enable": False}  # they need matplotlib; we ship one image
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image" />']
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "404.html"]
notfound_urls_prefix = "/" + "/".join(html_baseurl.split("/")[3:])

# -- Link check (make linkcheck; needs the network) -------------------------------
linkcheck_anchors_ignore_for_url = [r"https://(www\.)?youtube\.com/.*", r"https://youtu\.be/.*"]
linkcheck_ignore = [
    # Twitter/X answers every unauthenticated request with 4xx or a login wall.
    r"https://twitter\.com/.*",
]
linkcheck_allowed_redirects = {
    r"https://youtu\.be/.*": r"https://www\.youtube\.com/.*",
    r"https://speakerdeck\.com/.*": r"https://speakerdeck\.com/.*",
    r"https://www\.slideshare\.net/.*": r"https://www\.slideshare\.net/.*",
    r"https://500px\.com/.*": r"https://500px\.com/.*",
}
linkcheck_timeout = 15
linkcheck_retries = 2
