extensions = ["myst_parser", "talks"]

# Settings this extension used to read: content now declared in pages.
talks_source = {"title": "Article", "url": "https://example.org/article"}
talks_days = {"2016-11-03": "Day 1"}

# Settings with values the extension cannot use.
talks_drafts = "yes"
talks_guide = "posts/writing.md"
talks_feed_path = "/feeds/atom.xml"
talks_feed_entries = -1
talks_feed_tag = "not a tag"
