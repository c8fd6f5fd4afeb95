"""Sphinx settings for the Django: Under the Hood 2016 knowledge base."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).parent / "_ext"))

# A malformed SOURCE_DATE_EPOCH is named before Sphinx's own import of it fails with a
# traceback (the workaround, and Sphinx's issue, in _ext/source_date.py).
from source_date import check_source_date_epoch

check_source_date_epoch()

# -- Project -------------------------------------------------------------------
project = "Django: Under the Hood 2016"
author = "the DUTH 2016 knowledge base contributors"
copyright = "2026, the DUTH 2016 knowledge base contributors"
language = "en"
version = release = "2016.1"  # this knowledge base's own version (ePub requires one)

# -- Sources -------------------------------------------------------------------
extensions = [
    "quiet_build",  # first: keeps third-party notices out of the output (_ext/quiet_build.py)
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.youtube",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "talks",
    "furo_navigation",
    "output_fixes",  # repairs to what sphinx-sitemap, sphinxext-opengraph and Sphinx write
    "quick_exit",  # the exit after a build skips a garbage scan (_ext/quick_exit.py)
]
# No dollarmath/amsmath: prose about prices and shells is full of "$", and math would
# need MathJax from another site (talks.markup refuses {math} for that reason).
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
    "tools",
]
nitpicky = True

# -- The talks extension (_ext/talks) ------------------------------------------
# Content (the conference, its days, the source article) is declared in the
# pages; these are settings only. Drafts (posts under posts/drafts/) are built
# only with -D talks_drafts=1 (make html DRAFTS=1).
talks_guide = "posts/writing"
talks_feed_path = "atom.xml"
# Entry ids are tag URIs (RFC 4151), so they survive a move of the site.
talks_feed_tag = "duth-2016.readthedocs.io,2026"

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
html_title = "Django: Under the Hood 2016"
html_theme_options = {"top_of_page_buttons": []}
html_favicon = "_static/favicon.svg"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_js_files = [("site.js", {"defer": "defer"})]
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
sitemap_excludes = ["search.html", "404.html", "search/", "404/"]  # html and dirhtml names
notfound_urls_prefix = "/" + "/".join(html_baseurl.split("/")[3:])
# The 404 page is served at any depth: its ways on are absolute paths under the prefix.
notfound_context = {
    "title": "Page not found",
    "body": f"""<h1>Page not found</h1>
<p>Nothing is published at this address. These pages lead on:</p>
<ul>
  <li><a href="{notfound_urls_prefix}index.html">The overview of the 2016 edition</a></li>
  <li><a href="{notfound_urls_prefix}talks/index.html">The nine talks</a></li>
  <li><a href="{notfound_urls_prefix}posts/index.html">Write-ups about the talks</a></li>
</ul>
<form class="talks-search" action="{notfound_urls_prefix}search.html" method="get" role="search"
      aria-label="Search this site">
  <label for="notfound-q">Or search this site for</label>
  <input type="search" id="notfound-q" name="q">
  <button type="submit">Search</button>
</form>""",
}

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

# -- ePub (make epub, Read the Docs' epub) -------------------------------------------
# Every toctree of the site is hidden (furo's sidebar shows them): the ePub's
# table of contents lists their pages all the same, as its reading order does.
epub_tocscope = "includehidden"
# The book's metadata, where Sphinx would write "unknown". Sphinx writes epub_uid
# both as the identifier's XML id and as the NCX's dtb:uid, which must equal the
# identifier: one name, valid as both, serves.
epub_uid = epub_identifier = "duth-2016-knowledge-base"
epub_description = (
    "The 2016 edition of Django: Under the Hood: its talks, recordings, speakers and "
    "write-ups, from the knowledge base of the same name."
)
epub_contributor = "Vitor Freitas, whose article of 8 November 2016 the site started from"

# -- PDF (LaTeX builder, then latexmk; make latexpdf, Read the Docs' pdf) ----------
# book.md orders the PDF: the overview, a chapter per talk, the programme and
# the indexes, then the conference pages; the two pages for contributors are
# appendices. Only the LaTeX builder reads book.md (talks.book).
latex_documents = [("book", "duth-2016.tex", project, author, "manual")]
latex_appendices = ["posts/writing", "conference/linking"]
latex_show_urls = "footnote"  # a printed link is no link: show where it goes
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "extraclassoptions": "openany,oneside",  # short chapters: no blank pages
    "fncychap": "",  # plain chapter headings, not half a page each
    "printindex": "",  # the site has no general index
    # a figure stays where the author put it, never floated into a later page (and
    # into the middle of a code listing split across pages)
    "figure_align": "H",
    # a table shares the column out: no column narrower than a short word (tabulary would
    # cut "MySQL" to "MySQ"), and code breaks after an underscore, as a long identifier in a
    # cell must, instead of running past the margin; so does a hyphen (a slug such as
    # django-internationalisation; the typewriter font forbids TeX's own break there)
    "preamble": r"""
\setlength{\tymin}{10\fontcharwd\font`0 }
\protected\def\sphinxcode#1{{\def\_{\discretionary{\textunderscore}{}{\textunderscore}}\texttt{#1}}}
\protected\def\duthcodehyphen#1{\discretionary{-}{}{-}}
\let\sphinxhyphenininlineliteral\duthcodehyphen
""",
}
