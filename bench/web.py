"""Lighthouse figures for readers, ours against a plain build, in one run.

Builds the site and a *plain* build of the same pages (furo + sphinx-design
cards + sphinxcontrib-youtube's own embed, no talks extension), serves both
on 127.0.0.1 with gzip as Read the Docs does, runs Lighthouse (npm, Debian's Chromium, offline) on the
overview and a talk page of each, and prints the four category scores and
the bytes loaded per origin, with ratios. Not part of the tests.

    make bench-web
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PLAIN_CONF = """\
project = "Django: Under the Hood 2016"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.youtube"]
html_theme = "furo"
"""
FIELD = re.compile(r"^:(\w[\w-]*): (.*)$", re.M)


def plain_project(dest: Path) -> None:
    """The same overview grid and talk page, written the plain way."""
    (dest / "talks").mkdir(parents=True)
    (dest / "conf.py").write_text(PLAIN_CONF)
    cards = []
    toctree = (ROOT / "talks" / "index.md").read_text().split("```{toctree}")[1].split("```")[0]
    slugs = [line for line in toctree.split() if not line.startswith(":")]
    for slug in slugs:
        source = (ROOT / "talks" / f"{slug}.md").read_text()
        title = source.split("\n", 1)[0].removeprefix("# ")
        fields = dict(FIELD.findall(source))
        speaker = fields["speakers"].split("|")[0].strip()
        stream, stamp = re.search(r"youtu\.be/([\w-]+)\?t=(\S+)", fields["recording"]).groups()
        units = dict(re.findall(r"(\d+)([hms])", stamp))
        start = sum(int(units.get(u, 0)) * f for u, f in (("h", 3600), ("m", 60), ("s", 1)))
        cards.append(
            f":::{{grid-item-card}} {title}\n:link: talks/{slug}\n:link-type: doc\n\n"
            f"{speaker}, {fields['day']} {fields['time']}\n:::\n"
        )
        (dest / "talks" / f"{slug}.md").write_text(
            f"# {title}\n\n**Speaker:** {speaker} · **When:** {fields['day']} {fields['time']}\n\n"
            f"```{{youtube}} {stream}\n:url_parameters: ?start={start}\n:privacy_mode:\n```\n\n"
            + re.sub(r"\{talk\}`([^`]+)`", r"\1", source.split("```", 2)[2])
        )
    (dest / "index.md").write_text(
        "# Django: Under the Hood 2016\n\n```{toctree}\n:hidden:\n:glob:\n\ntalks/*\n```\n\n"
        "::::{grid} 1 2 2 3\n" + "\n".join(cards) + "::::\n"
    )
    (dest / "conf.py").write_text(
        PLAIN_CONF
        + 'myst_enable_extensions = ["colon_fence"]\n'
        + "suppress_warnings = ['myst.xref_missing', 'ref']\n"
    )


def build(src: Path, out: Path) -> Path:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)]
    subprocess.run(command, check=True, cwd=ROOT)
    return out


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; with ``gzip``, compressed as Read the Docs serves them."""

    gzip = False

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compress = self.gzip and "gzip" in self.headers.get("Accept-Encoding", "")
        if not compress or not path.is_file() or path.suffix not in TEXT:
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


TEXT = {".html", ".css", ".js", ".svg", ".json", ".txt", ".xml"}


class GzipHandler(Handler):
    gzip = True


def serve(directory: Path, *, compress: bool) -> str:
    handler = functools.partial(GzipHandler if compress else Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def lighthouse(url: str, work: Path) -> dict[str, object]:
    report = work / f"lh-{abs(hash(url))}.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--chrome-path=/usr/bin/chromium",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--max-wait-for-load=20000",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    data = json.loads(report.read_text())
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    per_origin: dict[str, int] = defaultdict(int)
    for item in data["audits"]["network-requests"]["details"]["items"]:
        parts = urlsplit(item["url"])
        per_origin[f"{parts.scheme}://{parts.netloc}"] += int(item.get("transferSize") or 0)
    failed = [
        a
        for a, v in data["audits"].items()
        if v.get("score") is not None
        and v["score"] < 1
        and v.get("scoreDisplayMode") in {"binary", "numeric"}
        and a in _category_audits(data)
    ]
    return {"scores": scores, "bytes": dict(per_origin), "failed": failed}


def _category_audits(data: dict) -> set[str]:
    return {
        ref["id"]
        for c in CATEGORIES
        for ref in data["categories"][c]["auditRefs"]
        if ref.get("weight", 0) > 0
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        builds = {"ours": build(ROOT, work / "ours")}
        plain_project(work / "plain-src")
        builds["plain"] = build(work / "plain-src", work / "plain")
        pages = {"overview": "index.html", "talk (channels)": "talks/channels.html"}
        results = {}
        for served in ("gzip", "raw"):
            for site, out in builds.items():
                base = serve(out, compress=served == "gzip")
                for name, path in pages.items():
                    results[(served, site, name)] = lighthouse(f"{base}/{path}", work)
    header = " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
    print(f"{'served':6} {'page':16} {'build':6} {header}   bytes by origin")
    for (served, site, name), result in results.items():
        scores = result["scores"]
        origins = ", ".join(
            f"{'(site)' if o.startswith('http://127.0.0.1') else o} {b / 1024:.1f} KB"
            for o, b in sorted(result["bytes"].items())
            if not o.startswith("data:")
        )
        row = " ".join(f"{scores[c]:>13}" for c in CATEGORIES)
        print(f"{served:6} {name:16} {site:6} {row}   {origins}")
        if result["failed"]:
            print(f"{'':31} audits below 100%: {', '.join(result['failed'])}")
    print()
    for served in ("gzip", "raw"):
        for name in pages:
            ours_b = sum(results[(served, "ours", name)]["bytes"].values())
            plain_b = sum(results[(served, "plain", name)]["bytes"].values())
            print(
                f"{served:4} {name}: {ours_b / 1024:.1f} KB vs plain {plain_b / 1024:.1f} KB "
                f"(ratio {ours_b / plain_b:.2f})"
            )


if __name__ == "__main__":
    main()
