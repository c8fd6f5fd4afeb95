extensions = ["myst_parser", "talks"]
html_baseurl = "https://example.org/site/"
