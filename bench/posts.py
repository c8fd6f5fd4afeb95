"""What summary posts cost: the site with 0 and with N generated posts (make bench).

Each post covers one talk (round robin), has a moment link, a player and
~300 words, in the syntax of ``tools/example-post.md``. For 0 posts and each
N of ``BENCH_POSTS`` (``make bench BENCH_POSTS="100 1000"``) it prints:

- the clean ``-j 1`` build, the plain-theme floor in the same run (the same
  pages with ``-D html_theme=basic``, runs alternating) and their ratio;
- the weight of a talk page (``talks/channels.html``) and its ratio to the
  site with 0 posts, of ``posts/index.html``, of the speakers and topics
  indexes, of Sphinx's search index and of furo's sidebar on that talk page;
- adding one post to the built site: the seconds, the pages written and which.

Figures are medians of ``BENCH_RUNS`` runs (3 unless set). Not part of the tests,
which never assert timings; ``tests/test_rewrites.py`` asserts which pages an
added post rewrites.
"""

from __future__ import annotations

import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from build import require_furo_navigation  # bench/ is on the path here
from scale import IGNORE, ROOT, clean, sphinx, stamps

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
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
TALK_PAGE = "talks/channels.html"


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


def write_post(src: Path, number: int) -> Path:
    page = src / "posts" / f"bench-{number:04d}.md"
    page.write_text(post(number))
    return page


@dataclass
class Row:
    posts: int
    project: float
    floor: float
    sizes: dict[str, int]
    add: float
    added_pages: list[str]


def size(out: Path, name: str) -> int:
    path = out / name
    return path.stat().st_size if path.is_file() else 0


def sidebar(out: Path) -> int:
    """The bytes of furo's sidebar drawer on the talk page."""
    soup = BeautifulSoup((out / TALK_PAGE).read_text(), "html.parser")
    drawer = soup.select_one(".sidebar-drawer")
    return len(str(drawer)) if drawer is not None else 0


def measure(count: int, tmp: Path) -> Row:
    src = tmp / f"src-{count}"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    for number in range(count):
        write_post(src, number)
    out, floor_out = tmp / f"out-{count}", tmp / f"floor-{count}"
    project, floor = [], []
    for _ in range(RUNS):  # alternate, so drift in the machine hits both alike
        project.append(clean(src, out, "-j", "1").seconds)
        floor.append(
            clean(src, floor_out, "-j", "1", "-D", "html_theme=basic", strict=False).seconds
        )
    sizes = {
        name: size(out, name)
        for name in (
            TALK_PAGE,
            "posts/index.html",
            "conference/speakers.html",
            "conference/topics.html",
            "searchindex.js",
        )
    }
    sizes["sidebar"] = sidebar(out)
    added, pages = [], []
    for run in range(RUNS):  # each run adds the next post to the site as built
        before = stamps(out)
        write_post(src, count + run)
        added.append(sphinx(src, out, "-j", "1").seconds)
        after = stamps(out)
        pages.append(
            sorted(str(p.relative_to(out)) for p, t in after.items() if before.get(p) != t)
        )
    shutil.rmtree(src)
    for path in (out, floor_out):
        shutil.rmtree(path)
    return Row(
        count,
        statistics.median(project),
        statistics.median(floor),
        sizes,
        statistics.median(added),
        max(pages, key=len),
    )


def report(rows: list[Row]) -> None:
    print(
        f"\nPosts: N generated posts; clean builds -j 1, median of {RUNS}; "
        "floor = the same pages with -D html_theme=basic"
    )
    print(
        f"{'posts':>5} {'clean':>7} {'floor':>7} {'ratio':>6} {'talk page':>10} {'ratio':>6} "
        f"{'posts/index':>11} {'speakers':>9} {'topics':>8} {'search':>8} {'sidebar':>8} "
        f"{'add a post':>10} {'pages':>5}"
    )
    base = rows[0].sizes[TALK_PAGE]
    for r in rows:
        kb = {name: value / 1024 for name, value in r.sizes.items()}
        print(
            f"{r.posts:5d} {r.project:6.2f}s {r.floor:6.2f}s {r.project / r.floor:5.2f}x "
            f"{kb[TALK_PAGE]:7.1f} KB {r.sizes[TALK_PAGE] / base:5.2f}x "
            f"{kb['posts/index.html']:8.1f} KB {kb['conference/speakers.html']:6.1f} KB "
            f"{kb['conference/topics.html']:5.1f} KB {kb['searchindex.js']:5.0f} KB "
            f"{kb['sidebar']:5.1f} KB {r.add:9.2f}s {len(r.added_pages):5d}"
        )
    for r in rows:
        written = " ".join(r.added_pages) if len(r.added_pages) <= 30 else "(every page)"
        print(f"pages written when a post is added to {r.posts} posts: {written}")


def main(argv: list[str]) -> None:
    require_furo_navigation()
    counts = [0, *(int(a) for a in " ".join(argv).split() if int(a))]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            started = time.perf_counter()
            rows.append(measure(count, Path(tmp)))
            print(
                f"  ({count} posts measured in {time.perf_counter() - started:.0f} s)", flush=True
            )
    report(rows)


if __name__ == "__main__":
    main(sys.argv[1:] or os.environ.get("BENCH_POSTS", "100 1000").split())
