"""Publish a draft post: ``make publish POST=<slug> [DATE=YYYY-MM-DD]``.

Moves ``posts/drafts/<slug>.md`` to ``posts/<slug>.md`` (``git mv`` when git
tracks the draft, a plain move when it does not: a draft started by
``make post`` is not tracked until the author adds it), sets its
``:published:`` to today or to ``DATE``, then runs the build given after
``--`` (the Makefile passes its ``html`` build, ``-n -W``; the draft's page
from an earlier ``DRAFTS=1`` build is deleted from its output first) and says
what the author does next. An unknown draft, a post already at the target, a
malformed date, or a draft that still holds the skeleton's placeholder text
(``tools/example-post.md``'s author, abstract or prose) is refused with one
line and exit status 2, before anything is changed.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tools" / "example-post.md"
POSTS = ROOT / "posts"
DRAFTS = POSTS / "drafts"
PUBLISHED = re.compile(r"^:published:[ \t]*\S*[ \t]*$", re.MULTILINE)
POST_BLOCK = re.compile(r"^(```+|:::+)\{post\}[ \t]*\n", re.MULTILINE)


class RefusedError(Exception):
    pass


def publication_date(text: str | None) -> datetime.date:
    if text is None:
        return datetime.date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise RefusedError(
            f"malformed date {text!r}; expected YYYY-MM-DD, such as 2026-12-01"
        ) from None


def draft_of(post: str) -> Path:
    slug = Path(post).name.removesuffix(".md")  # POST=x, x.md or posts/drafts/x.md
    draft = DRAFTS / f"{slug}.md"
    if not slug or not draft.is_file():
        drafts = ", ".join(sorted(p.stem for p in DRAFTS.glob("*.md"))) or "none"
        raise RefusedError(f"no draft posts/drafts/{slug}.md; the drafts are: {drafts}")
    if (POSTS / draft.name).exists():
        raise RefusedError(f"posts/{draft.name} exists already; a published post is not replaced")
    return draft


def placeholders() -> set[str]:
    """The skeleton's lines an author replaces: its author, abstract and prose."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    return {
        line for line in lines if line.startswith((":authors:", ":abstract:")) or line[:1].isalpha()
    }


def written(draft: Path) -> Path:
    """The draft, if none of the skeleton's placeholder text is left in it."""
    left = placeholders()
    for number, line in enumerate(draft.read_text(encoding="utf-8").splitlines(), 1):
        if line in left:
            raise RefusedError(
                f"posts/drafts/{draft.name}, line {number}, is still the skeleton's: "
                f"{line[:60]!r}; write your own before publishing"
            )
    return draft


def tracked(path: Path) -> bool:
    """Whether git tracks ``path`` (False outside a repository or without git)."""
    if shutil.which("git") is None:
        return False
    found = subprocess.run(
        ["git", "ls-files", "--error-unmatch", str(path)],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    return found.returncode == 0


def dated(text: str, day: datetime.date) -> str:
    line = f":published: {day.isoformat()}"
    if PUBLISHED.search(text):
        return PUBLISHED.sub(line, text, count=1)
    return POST_BLOCK.sub(lambda m: f"{m.group(0)}{line}\n", text, count=1)


def main(argv: list[str]) -> int:
    split = argv.index("--") if "--" in argv else len(argv)
    build = argv[split + 1 :]
    head, date = argv[:split], None
    if head[:1] == ["--date"]:
        date, head = " ".join(head[1:2]), head[2:]
    post = " ".join(head)
    try:
        if not post:
            raise RefusedError("name the draft, for example: make publish POST=debugging")
        day = publication_date(date)
        draft = written(draft_of(post))
    except RefusedError as refused:
        print(f"make publish: {refused}", file=sys.stderr)
        return 2

    target = POSTS / draft.name
    name = target.relative_to(ROOT).as_posix()
    if tracked(draft):
        subprocess.run(["git", "mv", str(draft), str(target)], cwd=ROOT, check=True)
        how = "git mv"
    else:
        draft.rename(target)
        how = "moved"
    target.write_text(dated(target.read_text(encoding="utf-8"), day), encoding="utf-8")
    if build:  # the draft's page from a DRAFTS=1 build is not the post
        (ROOT / build[-1] / "posts" / "drafts" / f"{target.stem}.html").unlink(missing_ok=True)
    print(
        f"Published {name} ({how} from posts/drafts/), dated {day.isoformat()}. Building the site:"
    )
    sys.stdout.flush()
    if build and subprocess.run(build, cwd=ROOT, check=False).returncode != 0:
        print(
            f"make publish: {name} is published but the site does not build; "
            "fix what the build reports above, then run make html",
            file=sys.stderr,
        )
        return 1
    if build:
        page = Path(build[-1]) / "posts" / f"{target.stem}.html"
        print(f"Built: open {page.as_posix()} to read it as readers will.")
    print(f'Next: git add {name} && git commit -m "Publish {name}"')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
