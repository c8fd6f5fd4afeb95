extensions = ["myst_parser", "talks"]
