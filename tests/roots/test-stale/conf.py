# Pages that show what other pages declare, on furo with its cached sidebar: the
# cases of tests/test_rewrites.py (what an edit rewrites, and what a warning rebuilds).
extensions = ["myst_parser", "talks", "furo_navigation", "sphinxext.opengraph"]
html_theme = "furo"
project = "Test Conference 2016"
author = "the test authors"
html_baseurl = "https://example.org/kb/"
ogp_site_url = html_baseurl
talks_guide = "writing"
talks_feed_tag = "example.org,2026"
