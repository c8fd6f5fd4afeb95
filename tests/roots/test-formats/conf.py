# A site, its PDF and its single page (see talks.book and talks.single_page):
# book.md orders the PDF's chapters; two pages share a heading, as the talk
# pages do.
extensions = ["myst_parser", "talks"]
project = "Formats test"
copyright = "2026, tests"
version = "1"
exclude_patterns = ["_build"]
html_theme = "furo"
myst_heading_anchors = 2
latex_documents = [("book", "book.tex", "Formats test", "tests", "manual")]
latex_appendices = ["appendix"]
