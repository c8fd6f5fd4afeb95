import gc
from pathlib import Path

extensions = ["myst_parser", "quick_exit"]


def setup(app):
    """Write down, as this build starts reading, how many objects the collector ignores."""

    def note(app, env, docnames):
        Path(app.outdir, "frozen-at-read.txt").write_text(str(gc.get_freeze_count()))

    app.connect("env-before-read-docs", note)
