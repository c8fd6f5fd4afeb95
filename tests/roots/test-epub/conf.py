extensions = ["myst_parser", "talks"]
version = "1"
copyright = "2026, tests"
