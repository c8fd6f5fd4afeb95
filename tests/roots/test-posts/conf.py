extensions = ["myst_parser", "talks"]
project = "Test Conference 2016"
author = "the test authors"
html_baseurl = "https://example.org/kb/"
talks_guide = "writing"
talks_feed_tag = "example.org,2026"
# link previews, as on the site (sphinxext-opengraph writes the og: fields we set)
extensions.append("sphinxext.opengraph")
ogp_site_url = html_baseurl
