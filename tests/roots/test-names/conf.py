extensions = ["myst_parser", "talks"]
html_baseurl = "https://example.org/kb/"
talks_feed_tag = "example.org,2026"
