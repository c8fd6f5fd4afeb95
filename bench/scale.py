"""How the build scales with the number of talks, against a floor.

For each N (``make bench BENCH_TALKS="50 200 1000"``), a copy of the project
gets N synthetic talk pages in the project's own ``talk`` syntax (about 300
words each, speakers and topics shared between talks) in the talks toctree.
The same pages are built with the project's settings and, as the floor, with
``-D html_theme=basic`` (Sphinx's plain theme: what any HTML build of these
pages costs). Runs alternate project and floor; each figure is the median.

Printed per N: clean ``-j 1`` build (project, floor, ratio), seconds per page,
peak memory of the sphinx-build process, clean ``-j auto``, and two
incremental builds on top of a clean ``-j 1`` one: a prose edit of one talk and
a rename of one talk (median of the runs), each with the number of pages it
writes (the most for an edit, the fewest for a rename). Then, per N, where the
prose edit's time goes (``bench/phases.py``): each phase of the build, and under
it every handler and post-transform that took 10 ms or more, by name.

Not part of the tests (which never assert timings). ``tests/test_scale.py``
uses :func:`make_site` to build the 200-talk site with ``-j 1`` and ``-j 2``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__:  # imported as bench.scale (tests/test_scale.py)
    from . import phases
else:  # run as a script, with bench/ on the path
    import phases  # type: ignore[no-redef,import-not-found]

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", "_build", "node_modules", ".git", "tests", "*.pyc")
SIZES = (50, 200, 1000)
RUNS = int(os.environ.get("BENCH_RUNS", "3"))

STREAMS = {"2016-11-03": "rsEkQbMLCH4", "2016-11-04": "kWH3Waigi5Y"}
TOPICS = [
    "orm", "migrations", "templates", "forms", "admin", "testing", "async", "channels",
    "security", "performance", "deployment", "databases", "caching", "javascript",
    "community", "open-source", "internals", "http", "rest", "search",
]  # fmt: skip
PROSE = (
    "the request travels through middleware before the view sees it and every layer adds a "
    "small cost that the speaker measured on a real project with thousands of pages while the "
    "audience asked how the query planner treats joins across tables that hold millions of rows "
    "and why a cache in front of the template engine changes what developers should expect"
)
WORDS = PROSE.split()


def talk_page(i: int, n: int) -> str:
    """The i-th of n synthetic talks, as an author would write its page."""
    day = "2016-11-03" if i < (n + 1) // 2 else "2016-11-04"
    k = i if day == "2016-11-03" else i - (n + 1) // 2  # position within its day
    start = 6 * 60 + k % 960
    speakers = [i % max(8, n // 4), (i * 7 + 3) % max(8, n // 4)][: 1 + i % 2]
    described = " ; ".join(
        f"Speaker Number{s} | @speaker{s} | Company {s % 13}" for s in dict.fromkeys(speakers)
    )
    topics = ", ".join(dict.fromkeys(TOPICS[(i * j) % len(TOPICS)] for j in (1, 3, 7)))
    prose = [
        " ".join(WORDS[(i + p + w) % len(WORDS)] for w in range(48)).capitalize() + "."
        for p in range(6)
    ]
    link = f"It followed {{talk}}`synthetic-{i - 1:04d}`." if i else "It opened the day."
    return "\n".join(
        [
            f"# Synthetic talk {i}: {TOPICS[i % len(TOPICS)]} under the hood",
            "",
            f"```{{talk}} synthetic-{i:04d}",
            f":speakers: {described}",
            f":day: {day}",
            f":time: {start // 60:02d}:{start % 60:02d}-{(start + 1) // 60:02d}:{(start + 1) % 60:02d}",
            f":recording: https://youtu.be/{STREAMS[day]}?t={k * 60 + 5}s",
            f":slides: https://example.org/slides/synthetic-{i:04d}.pdf",
            f":topics: {topics}",
            "```",
            "",
            "## What the talk covered",
            "",
            *prose[:3],
            "",
            link,
            "",
            "## Summary",
            "",
            *prose[3:],
            "",
        ]
    )


def make_site(dest: Path, n: int) -> list[Path]:
    """A copy of the project at ``dest`` with n synthetic talks; returns their pages."""
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    pages = []
    for i in range(n):
        page = dest / "talks" / f"synthetic-{i:04d}.md"
        page.write_text(talk_page(i, n))
        pages.append(page)
    index = dest / "talks" / "index.md"
    toctree_end = "\n```\n"
    text = index.read_text()
    head, sep, tail = text.rpartition(toctree_end)  # the talks toctree is the last block
    entries = "".join(f"\n{p.stem}" for p in pages)
    index.write_text(head + entries + sep + tail)
    return pages


# -- measuring -------------------------------------------------------------

#: Runs sphinx-build as its child and reports wall time and the child's peak RSS.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "seconds": seconds, "peak_kb": peak}))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float


def sphinx(
    src: Path, out: Path, *extra: str, strict: bool = True, phases: Path | None = None
) -> Run:
    """A build in a process of its own; with ``phases``, run by ``bench/phases.py``,
    which writes there where its time went."""
    runner = [str(ROOT / "bench" / "phases.py"), str(phases)] if phases else ["-m", "sphinx"]
    command = [sys.executable, *runner, "-q", "-b", "html", "-n"]
    command += ["-W", "--keep-going"] if strict else []
    command += ["-d", str(out / ".doctrees"), *extra, str(src), str(out)]
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=False
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"sphinx-build failed ({' '.join(command)}):\n{result.stderr}")
    return Run(report["seconds"], report["peak_kb"] / 1024)


def clean(src: Path, out: Path, *extra: str, strict: bool = True) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    return sphinx(src, out, *extra, strict=strict)


def written(out: Path, before: dict[Path, int]) -> int:
    return sum(1 for p, t in stamps(out).items() if before.get(p) != t)


def stamps(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs), statistics.median(r.peak_mb for r in runs)
    )


@dataclass
class Row:
    talks: int
    pages: int
    project: Run
    floor: Run
    parallel: Run
    prose: float
    prose_pages: int
    prose_phases: list[dict[tuple[str, str], float]]
    rename: float
    rename_pages: int


def measure(n: int, tmp: Path) -> Row:
    src = tmp / f"src-{n}"
    pages = make_site(src, n)
    project_out, floor_out, parallel_out = tmp / f"p-{n}", tmp / f"f-{n}", tmp / f"j-{n}"
    project, floor, parallel = [], [], []
    for _ in range(RUNS):  # alternate, so drift in the machine hits both alike
        project.append(clean(src, project_out, "-j", "1"))
        floor.append(clean(src, floor_out, "-j", "1", "-D", "html_theme=basic", strict=False))
        parallel.append(clean(src, parallel_out, "-j", "auto"))
    html_pages = len(stamps(project_out))

    # incremental builds on top of the last clean -j 1 build (median of RUNS each)
    page = pages[n // 2]
    heading = page.read_text().split("\n", 1)[0]
    prose, prose_pages, rename, rename_pages = [], [], [], []
    prose_phases = []
    for run in range(RUNS):
        before = stamps(project_out)
        page.write_text(page.read_text() + f"\nOne more sentence of prose ({run}).\n")
        timings = tmp / f"phases-{n}-{run}.json"
        prose.append(sphinx(src, project_out, "-j", "1", phases=timings).seconds)
        prose_pages.append(written(project_out, before))
        prose_phases.append(phases.load(timings))
    for run in range(RUNS):
        before = stamps(project_out)
        title = heading.replace("# ", f"# Renamed ({run}) ", 1)
        page.write_text(title + "\n" + page.read_text().split("\n", 1)[1])
        rename.append(sphinx(src, project_out, "-j", "1").seconds)
        rename_pages.append(written(project_out, before))
    shutil.rmtree(src)
    for out in (project_out, floor_out, parallel_out):
        shutil.rmtree(out)
    return Row(
        n,
        html_pages,
        median(project),
        median(floor),
        median(parallel),
        statistics.median(prose),
        max(prose_pages),
        prose_phases,
        statistics.median(rename),
        min(rename_pages),
    )


def report(rows: list[Row]) -> None:
    print(
        f"\nScaling: N synthetic talks added to the site; clean builds -j 1 unless said; "
        f"median of {RUNS}; floor = the same pages with -D html_theme=basic"
    )
    header = (
        f"{'talks':>5} {'pages':>5} {'project':>8} {'floor':>7} {'ratio':>6} "
        f"{'s/page':>7} {'(floor)':>7} {'peak MB':>7} {'(floor)':>7} {'ratio':>5} "
        f"{'-j auto':>7} {'prose edit (pages)':>18} {'rename (pages)':>16} {'÷floor':>6}"
    )
    print(header)
    for r in rows:
        print(
            f"{r.talks:5d} {r.pages:5d} {r.project.seconds:7.2f}s {r.floor.seconds:6.2f}s "
            f"{r.project.seconds / r.floor.seconds:5.2f}x "
            f"{r.project.seconds / r.pages:7.4f} {r.floor.seconds / r.pages:7.4f} "
            f"{r.project.peak_mb:7.0f} {r.floor.peak_mb:7.0f} "
            f"{r.project.peak_mb / r.floor.peak_mb:4.2f}x "
            f"{r.parallel.seconds:6.2f}s "
            f"{r.prose:10.2f}s ({r.prose_pages:4d}) {r.rename:8.2f}s ({r.rename_pages:4d}) "
            f"{r.rename / r.floor.seconds:5.2f}x"
        )
    for r in rows:
        phases.report(
            f"Where the prose edit's time goes, at {r.talks} talks", r.prose_phases, r.prose
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last.project.seconds / last.pages) / (first.project.seconds / first.pages)
        print(
            f"cost per page at {last.talks} talks / at {first.talks} talks: {growth:.2f}x "
            f"(floor: {(last.floor.seconds / last.pages) / (first.floor.seconds / first.pages):.2f}x)"
        )


def main(argv: list[str]) -> None:
    # here: tests import this module as bench.scale, without bench/ on the path
    from build import require_furo_navigation  # type: ignore[import-not-found]

    require_furo_navigation()
    sizes = [int(a) for a in " ".join(argv).split()] or list(SIZES)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            started = time.perf_counter()
            rows.append(measure(n, Path(tmp)))
            print(f"  ({n} talks measured in {time.perf_counter() - started:.0f} s)", flush=True)
    report(rows)


if __name__ == "__main__":
    main(sys.argv[1:])
