# The posts in every output (see talks.outputs): a site whose posts are in no
# toctree, its PDF's book (which does not list them either), and a draft.
# Post names sort against their publication order, on purpose.
extensions = ["myst_parser", "talks"]
project = "Outputs test"
author = "tests"
copyright = "2026, tests"
version = "1"
exclude_patterns = ["_build"]
html_theme = "furo"
epub_tocscope = "includehidden"
latex_documents = [("book", "book.tex", "Outputs test", "tests", "manual")]
latex_appendices = ["posts/guide"]
myst_heading_anchors = 2
