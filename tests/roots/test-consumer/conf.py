extensions = ["myst_parser", "sphinx.ext.intersphinx"]; nitpicky = True; intersphinx_mapping = {}  # noqa: E702 (the test points "duth" at the site just built)
