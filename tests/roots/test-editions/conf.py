extensions = ["myst_parser", "talks"]
project = "Series Conference"
html_baseurl = "https://example.org/site/"
