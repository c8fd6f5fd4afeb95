"""Build-time figures: clean, no-op and one-edit incremental builds, -j 1 and -j auto.

Each figure is the median of a few runs in this process's machine, printed
beside the clean serial build as the baseline (ratio 1.00). Not part of the
tests. Run with ``make bench``; it stops first, saying what to do, when
furo_navigation would be off for the site (an unchecked furo).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", "_build", "node_modules", ".git", "tests", "*.pyc")
RUNS = 3


def require_furo_navigation() -> None:
    """Stop, saying why and what to do, if furo_navigation would be off for the site.

    The site's figures are the optimised build's: measured without it, every page
    computes furo's whole sidebar and the numbers mean something else. (The builds
    run with ``-W`` as well, so its warning stops them too.)
    """
    sys.path.insert(0, str(ROOT / "_ext"))
    from furo_navigation import RECHECK, compat

    reason = compat.incompatibility() or compat.notfound_incompatibility()
    if reason is not None:
        raise SystemExit(f"make bench: furo_navigation would be off: {reason}. To fix, {RECHECK}.")


def sphinx(src: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            "-n",
            "-W",
            *extra,
            str(src),
            str(out),
        ],
        check=True,
        stdout=subprocess.DEVNULL,  # sphinxext-opengraph's note about matplotlib
    )
    return time.perf_counter() - start


def median(fn: Callable[[], float], runs: int = RUNS) -> float:
    return statistics.median(fn() for _ in range(runs))


def main() -> None:
    require_furo_navigation()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(ROOT, src, ignore=IGNORE)
        out = Path(tmp) / "out"
        figures: dict[str, float] = {}

        def clean(*extra: str) -> float:
            shutil.rmtree(out, ignore_errors=True)
            return sphinx(src, out, *extra)

        figures["clean, -j 1"] = median(lambda: clean("-j", "1"))
        figures["clean, -j auto"] = median(lambda: clean("-j", "auto"))
        sphinx(src, out)
        figures["no change"] = median(lambda: sphinx(src, out))
        page = src / "talks" / "testing.md"
        text = page.read_text()

        def edit_prose() -> float:
            page.write_text(page.read_text() + "\nMore.\n")
            return sphinx(src, out)

        def rename() -> float:
            body = page.read_text()
            title = "# Testing" if "# Testing in Django" in body else "# Testing in Django"
            page.write_text(title + "\n" + body.split("\n", 1)[1])
            return sphinx(src, out)

        figures["edit a talk's prose"] = median(edit_prose)
        figures["rename a talk (all pages rewritten)"] = median(rename)
        page.write_text(text)
    base = figures["clean, -j 1"]
    print(f"{'build':40} {'seconds':>8} {'ratio':>6}")
    for name, seconds in figures.items():
        print(f"{name:40} {seconds:8.2f} {seconds / base:6.2f}")


if __name__ == "__main__":
    main()
