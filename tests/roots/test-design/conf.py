# sphinx-design's tab sets, dropdowns and icons, repaired by output_fixes.design.
extensions = ["myst_parser", "sphinx_design", "output_fixes"]
project = "Design test"
copyright = "2026, tests"
version = "1"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"  # as on the site (alabaster skips heading levels)
