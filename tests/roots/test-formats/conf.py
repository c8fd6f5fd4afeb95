# A site and its PDF: book.md orders the PDF's chapters (see talks.formats).
extensions = ["myst_parser", "talks"]
project = "Formats test"
copyright = "2026, tests"
version = "1"
exclude_patterns = ["_build"]
latex_documents = [("book", "book.tex", "Formats test", "tests", "manual")]
latex_appendices = ["appendix"]
