extensions = ["myst_parser", "talks"]
project = "Moments Conference 2016"
html_theme = "furo"  # the site's theme, with its sticky header on narrow screens
