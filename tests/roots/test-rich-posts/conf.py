# A post with everything a blog post holds (images, footnotes, sphinx-design's
# components, a table, raw HTML), and a second post on the same day.
extensions = ["myst_parser", "talks", "output_fixes"]
project = "Rich posts"
author = "the test authors"
copyright = "2026, the test authors"
version = "1"
html_theme = "furo"
html_baseurl = "https://example.org/kb/"
talks_feed_tag = "example.org,2026"
myst_enable_extensions = ["colon_fence"]
epub_tocscope = "includehidden"  # as on the site: the posts are in the navigation
