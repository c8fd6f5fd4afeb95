"""Start a summary post, dated today: ``make post TALK=<slug>[,<slug>...]``.

The post is written to ``posts/drafts/<name>.md`` from the guide's example
(``tools/example-post.md``), with the talks' titles, slugs and topics and
today's date. One talk names the draft after its slug (``debugging.md``);
several join theirs (``channels-and-testing.md``), and the player and the
first moment link then name the first talk, since the page covers more than
one. The talks are read from the site itself, with Sphinx, so an unknown slug
is refused with the list of known ones.
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
#: The talk the example's "another talk" moment names.
EXAMPLE_OTHER = "testing"

Talks = dict[str, tuple[str, tuple[str, ...]]]


def known_talks(srcdir: Path) -> Talks:
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


def in_words(items: list[str], sep: str = ", ", last: str = " and ") -> str:
    return sep.join(items[:-1]) + last + items[-1] if len(items) > 1 else items[0]


def draft_name(slugs: list[str]) -> str:
    """``debugging``; ``channels-and-testing``; ``channels-testing-and-validation``."""
    return in_words(slugs, sep="-", last="-and-")


def post_text(slugs: list[str], talks: Talks, today: datetime.date) -> str:
    title = in_words([talks[slug][0] for slug in slugs])
    topics = list(dict.fromkeys(t for slug in slugs for t in talks[slug][1]))
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^# .*$", f"# {title}: a summary", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^:published: .*$", f":published: {today.isoformat()}", text, flags=re.MULTILINE)
    text = re.sub(r"^:talks: .*$", f":talks: {', '.join(slugs)}", text, flags=re.MULTILINE)
    topics_line = f":topics: {', '.join(topics)}\n" if topics else ""
    text = re.sub(r"^:topics: .*\n", topics_line, text, flags=re.MULTILINE)
    if len(slugs) > 1:  # the page covers several talks: say which one plays
        text = text.replace("```{talk-player}\n", f"```{{talk-player}} {slugs[0]}\n")
        text = text.replace("{moment}`12:30`", f"{{moment}}`{slugs[0]} 12:30`")
    if EXAMPLE_OTHER in slugs:  # "another talk" must be one the post does not cover
        other = next((slug for slug in sorted(talks) if slug not in slugs), None)
        if other is not None:
            text = text.replace(f"{{moment}}`{EXAMPLE_OTHER} 5:00`", f"{{moment}}`{other} 5:00`")
    return text


def refuse(message: str) -> int:
    print(f"make post: {message}", file=sys.stderr)
    return 2


def main(argv: list[str]) -> int:
    slugs = list(dict.fromkeys(s.strip() for s in " ".join(argv).split(",") if s.strip()))
    if not slugs:
        return refuse("name the talk, for example: make post TALK=debugging")
    talks = known_talks(ROOT)
    if unknown := [slug for slug in slugs if slug not in talks]:
        known = ", ".join(sorted(talks))
        return refuse(f"unknown talk {unknown[0]!r}; expected one of: {known}")
    target = DRAFTS / f"{draft_name(slugs)}.md"
    name = target.relative_to(ROOT).as_posix()
    if target.exists():
        return refuse(f"{name} exists already; edit it, or publish it first")
    DRAFTS.mkdir(parents=True, exist_ok=True)
    target.write_text(post_text(slugs, talks, datetime.date.today()), encoding="utf-8")
    about = in_words([talks[slug][0] for slug in slugs])
    print(f"Started {name}, a draft about {about}. Next:")
    print("  make livehtml DRAFTS=1     # preview on http://127.0.0.1:8000; Ctrl-C stops it")
    print(f"  make publish POST={target.stem}")
    print("The guide: posts/writing.md (Writing a summary, on the site).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
