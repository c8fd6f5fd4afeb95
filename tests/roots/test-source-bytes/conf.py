extensions = ["myst_parser", "sphinx_sitemap", "output_fixes"]
html_baseurl = "https://example.org/"
version = "1"
