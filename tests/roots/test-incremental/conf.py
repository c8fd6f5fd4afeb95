# furo_navigation is on, as on the site: the edits of test_builds then check its
# cached sidebar as well as the talks.
extensions = ["myst_parser", "talks", "furo_navigation"]
html_theme = "furo"
