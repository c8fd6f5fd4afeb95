"""What summary posts cost: the site with 0 and with N generated posts (make bench).

Each post covers one talk (round robin), has a moment link, a player and
~300 words, in the syntax of ``tools/example-post.md``. Figures are medians
of a few runs, with the site without posts as the baseline (ratio 1.00).
Not part of the tests.
"""

from __future__ import annotations

import datetime
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from build import require_furo_navigation, sphinx  # bench/ is on the path when a script here runs

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", "_build", "node_modules", ".git", "tests", "*.pyc")
TALKS = [
    "channels",
    "testing",
    "debugging",
    "mental-health",
    "validation",
    "modern-javascript",
    "database-backends",
    "oss-funding",
    "django-at-instagram",
]
WORDS = (
    "the talk shows how a request moves through the framework and where time goes " * 22
).strip()
RUNS = 3


def post(number: int) -> str:
    talk = TALKS[number % len(TALKS)]
    day = datetime.date(2026, 12, 1) + datetime.timedelta(days=number)
    return f"""# Summary number {number}

```{{post}}
:published: {day.isoformat()}
:authors: Bench Writer
:talks: {talk}
:topics: bench
:abstract: Generated post {number}, about {talk}.
```

```{{talk-player}}
```

At {{moment}}`1:{number % 60:02d}` {WORDS}.

## Details

{WORDS}.
"""


def main(count: int = int(os.environ.get("BENCH_POSTS", "100"))) -> None:
    require_furo_navigation()
    with tempfile.TemporaryDirectory() as tmp:
        figures: dict[str, float] = {}
        sizes: dict[str, int] = {}
        for posts in (0, count):
            src = Path(tmp) / f"src-{posts}"
            shutil.copytree(ROOT, src, ignore=IGNORE)
            for number in range(posts):
                (src / "posts" / f"bench-{number:03d}.md").write_text(post(number))
            out = Path(tmp) / f"out-{posts}"

            def clean(src: Path = src, out: Path = out) -> float:
                shutil.rmtree(out, ignore_errors=True)
                return sphinx(src, out, "-j", "1")

            figures[f"{posts} posts: clean build, -j 1"] = statistics.median(
                clean() for _ in range(RUNS)
            )
            figures[f"{posts} posts: no change"] = statistics.median(
                sphinx(src, out, "-j", "1") for _ in range(RUNS)
            )
            sizes[f"{posts} posts"] = (out / "atom.xml").stat().st_size
            if posts:
                page = src / "posts" / f"bench-{posts - 1:03d}.md"  # the newest: in the feed

                def edit(page: Path = page, src: Path = src, out: Path = out) -> float:
                    page.write_text(page.read_text() + "\nOne more sentence.\n")
                    return sphinx(src, out, "-j", "1")

                figures[f"{posts} posts: edit the newest post's text"] = statistics.median(
                    edit() for _ in range(RUNS)
                )
    base = figures["0 posts: clean build, -j 1"]
    print(f"{'posts build':44} {'seconds':>8} {'ratio':>6}")
    for name, seconds in figures.items():
        print(f"{name:44} {seconds:8.2f} {seconds / base:6.2f}")
    for name, size in sizes.items():
        print(f"feed (atom.xml) with {name}: {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
