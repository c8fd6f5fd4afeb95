"""furo's sidebar on a site with every shape of toctree the template must keep.

tests/test_furo_navigation.py builds it with and without furo_navigation,
with the html and dirhtml builders, and compares every page byte for byte.

- index: a numbered toctree with a caption, a URL entry and an explicit
  title; a hidden toctree with ``self`` and the generated ``genindex`` page
- guide/: nested folders three levels deep, a toctree inside a section
- reference/: hidden and titles-only toctrees, a page listed in two
  toctrees, a toctree inside an ``only`` directive
- orphan: a page in no toctree; 404: sphinx-notfound-page's page
"""

extensions = [
    "myst_parser",
    "notfound.extension",
    "sphinx_sitemap",
    "furo_navigation",
    "output_fixes",  # sitemap.xml in the same order with -j 2 as with -j 1
]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_baseurl = "https://example.org/docs/"
sitemap_url_scheme = "{link}"
notfound_urls_prefix = "/docs/"
