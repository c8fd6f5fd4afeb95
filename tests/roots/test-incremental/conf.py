extensions = ["myst_parser", "talks"]
html_theme = "furo"
