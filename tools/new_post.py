"""Start a summary post for a talk, dated today: ``make post TALK=<slug>``.

The post is written to ``posts/drafts/<slug>.md`` from the guide's example
(``tools/example-post.md``), with the talk's title, slug and topics and
today's date. The talks are read from the site itself, with Sphinx, so an
unknown slug is refused with the list of known ones.
"""

from __future__ import annotations

import datetime
import re
import sys
import tempfile
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tools" / "example-post.md"
DRAFTS = ROOT / "posts" / "drafts"


def known_talks(srcdir: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """slug -> (title, topics), from a read of the site (nothing is written)."""
    from sphinx.application import Sphinx

    with tempfile.TemporaryDirectory() as tmp:
        app = Sphinx(
            srcdir,
            srcdir,
            f"{tmp}/out",
            f"{tmp}/doctrees",
            "dummy",
            status=None,
            warning=StringIO(),
        )
        app.build()
        talks = app.env.domains["talks"].talks()  # type: ignore[attr-defined]
        return {slug: (talk.title, talk.topics) for slug, talk in talks.items()}


def post_text(slug: str, title: str, topics: tuple[str, ...], today: datetime.date) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^# .*$", f"# {title}: a summary", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^:published: .*$", f":published: {today.isoformat()}", text, flags=re.MULTILINE)
    text = re.sub(r"^:talks: .*$", f":talks: {slug}", text, flags=re.MULTILINE)
    topics_line = f":topics: {', '.join(topics)}\n" if topics else ""
    return re.sub(r"^:topics: .*\n", topics_line, text, flags=re.MULTILINE)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0]:
        print(
            "usage: make post TALK=<slug>, for example: make post TALK=debugging", file=sys.stderr
        )
        return 2
    slug = argv[0]
    talks = known_talks(ROOT)
    if slug not in talks:
        known = ", ".join(sorted(talks))
        print(f"unknown talk {slug!r}; expected one of: {known}", file=sys.stderr)
        return 2
    target = DRAFTS / f"{slug}.md"
    if target.exists():
        print(
            f"{target.relative_to(ROOT)} exists already; edit it or move it first", file=sys.stderr
        )
        return 1
    title, topics = talks[slug]
    DRAFTS.mkdir(parents=True, exist_ok=True)
    target.write_text(post_text(slug, title, topics, datetime.date.today()), encoding="utf-8")
    print(f"Started {target.relative_to(ROOT)}, a draft about {title}.")
    print("Preview it with: make livehtml DRAFTS=1")
    print(f"Publish it with: git mv {target.relative_to(ROOT)} posts/ (see posts/writing.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
