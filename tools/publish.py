"""Publish draft posts: ``make publish POST=<slug>[,<slug>...] [DATE=YYYY-MM-DD]``.

Moves ``posts/drafts/<slug>.md`` to ``posts/<slug>.md`` with the files it
uses, sets its ``:published:`` to today or to ``DATE``, then runs the build
given after ``--`` (the Makefile passes its ``html`` build, ``-n -W``; the
draft's page from an earlier ``DRAFTS=1`` build is deleted from its output
first) and says what the author does next.

The files a draft uses (its images, figures, included code and downloads)
are found in its text as MyST reads it. Those under ``posts/drafts/`` move
with it, to the same place under ``posts/``, so that the paths the draft
gives hold after the move: the guide's place, a folder named after the
post (``posts/drafts/<slug>/``, which moves whole), or beside the draft; a
file another draft uses as well is copied and left for it. Paths from the
site's root (``/posts/images/x.png``) hold wherever the post is.

Nothing is changed by a publish that cannot succeed. Refused with one line
and exit status 2, before anything is changed: an unknown draft, a post
already at the target, a malformed date, a draft that still holds the
skeleton's placeholder text (``tools/example-post.md``'s author, abstract or
prose), a draft with no ``post`` block or with two, a file it uses that is
missing, one whose path would not hold once the draft moves (a relative path
out of ``posts/drafts/``), and a file that would overwrite another. The
``post`` block's options may be ``:key: value`` lines or MyST's YAML block
(``---`` ... ``---``): ``published`` is set in either. Several drafts
(``POST=a,b``, for posts that link to each other) are published together or
not at all. Then, if the build fails, every move is undone and the drafts
are as they were (git's index too), and the build's warnings say what to fix.
"""

from __future__ import annotations

import datetime
import filecmp
import re
import runpy
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
# the engine, found as conf.py finds it: its parser reads a date as :published: is read
if str(ROOT / "_ext") not in sys.path:
    sys.path.append(str(ROOT / "_ext"))
from talks.model import FieldError, parse_date  # noqa: E402

EXAMPLE = ROOT / "tools" / "example-post.md"
POSTS = ROOT / "posts"
DRAFTS = POSTS / "drafts"
#: Directives whose argument is a file of the site, and roles whose target is.
FILE_DIRECTIVES = {"image", "figure", "literalinclude", "include"}
FILE_ROLES = {"download"}
#: Directives whose content is not Markdown (their text is not searched for files).
LITERAL_DIRECTIVES = {"code-block", "code", "sourcecode", "literalinclude", "math", "raw"}
LITERAL_DIRECTIVES |= {"post", "talk", "eval-rst", "csv-table"}
DIRECTIVE = re.compile(r"\{([\w:-]+)\}\s*(.*)")
OPTION = re.compile(r":[\w-]+:")
ROLE_TARGET = re.compile(r"<([^<>]+)>\s*$")


class RefusedError(Exception):
    pass


def publication_date(text: str | None) -> datetime.date:
    if text is None:
        return datetime.date.today()
    try:
        return parse_date(text)
    except FieldError:
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
                f"{name_of(draft)}, line {number}, is still the skeleton's: "
                f"{line[:60]!r}; write your own before publishing"
            )
    return draft


def name_of(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


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


# -- the draft as MyST reads it ------------------------------------------------------


def markdown() -> MarkdownIt:
    """MyST's parser, with the site's MyST extensions (``conf.py``)."""
    settings = runpy.run_path(str(ROOT / "conf.py"))
    extensions = set(settings.get("myst_enable_extensions", ()))
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


def directive_body(content: str) -> tuple[list[str], int]:
    """A directive's content without its options (``:key:`` lines or a YAML block), and
    how many lines those took."""
    lines = content.splitlines()
    if lines[:1] == ["---"] and "---" in lines[1:]:
        end = lines.index("---", 1) + 1
        return lines[end:], end
    skipped = 0
    while skipped < len(lines) and OPTION.match(lines[skipped]):
        skipped += 1
    return lines[skipped:], skipped


@dataclass
class Use:
    """A file the draft uses: the path as written, and the line it is written on."""

    path: str
    line: int


@dataclass
class Draft:
    path: Path
    text: str
    uses: list[Use] = field(default_factory=list)
    #: (first line, last line) of each ``post`` block, 0-based, fences included
    posts: list[tuple[int, int]] = field(default_factory=list)


def walk(md: MarkdownIt, text: str, offset: int, found: Draft, top: bool) -> None:
    """Note the files ``text`` uses and, at the top level, its ``post`` blocks."""
    for token in md.parse(text):
        line = offset + (token.map[0] if token.map else 0)
        if token.type in {"fence", "colon_fence"} and (match := DIRECTIVE.match(token.info)):
            name, argument = match[1].split(":")[-1], match[2].strip()
            if name == "post" and top and token.map:
                found.posts.append((offset + token.map[0], offset + token.map[1] - 1))
            if name in FILE_DIRECTIVES and argument:
                found.uses.append(Use(argument, line + 1))
            if name not in LITERAL_DIRECTIVES:
                body, skipped = directive_body(token.content)
                walk(md, "\n".join(body) + "\n", line + 1 + skipped, found, top=False)
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "image":
                    found.uses.append(Use(str(child.attrs["src"]), line + 1))
                elif child.type == "myst_role" and child.meta.get("name") in FILE_ROLES:
                    target = ROLE_TARGET.search(child.content)
                    found.uses.append(Use(target[1] if target else child.content, line + 1))


def read(path: Path, md: MarkdownIt) -> Draft:
    draft = Draft(path, path.read_text(encoding="utf-8"))
    walk(md, draft.text, 0, draft, top=True)
    return draft


def local(use: Use) -> bool:
    return "://" not in use.path and not use.path.startswith(("//", "data:", "mailto:"))


def source_of(draft: Path, use: Use) -> Path:
    """The file a path the draft gives names: from the site's root if it starts with /."""
    if use.path.startswith("/"):
        return ROOT / use.path.lstrip("/")
    return draft.parent / use.path


# -- what a publish does -------------------------------------------------------------


@dataclass
class Plan:
    """Every change a publish makes, worked out before any is made."""

    moves: list[tuple[Path, Path]] = field(default_factory=list)
    copies: list[tuple[Path, Path]] = field(default_factory=list)
    dated: dict[Path, str] = field(default_factory=dict)  # target -> its new text

    def targets(self) -> Iterator[Path]:
        yield from (target for _, target in self.moves + self.copies)


def folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def carried(draft: Draft, others: list[Draft], plan: Plan) -> None:
    """The files ``draft`` uses that move (or, shared with another draft, are copied)."""
    folder = DRAFTS / draft.path.stem
    for use in draft.uses:
        if not local(use):
            continue  # another site: the build says why that is refused
        where = f"{name_of(draft.path)}, line {use.line}"
        source = source_of(draft.path, use)
        if not source.is_file():
            raise RefusedError(f"{where}: {use.path} is not there ({name_of(source)} is missing)")
        if use.path.startswith("/") or not source.resolve().is_relative_to(DRAFTS.resolve()):
            if not use.path.startswith("/"):
                rooted = "/" + source.resolve().relative_to(ROOT.resolve()).as_posix()
                raise RefusedError(
                    f"{where}: {use.path} is outside posts/drafts/, so the path would not "
                    f"hold once the post moves; write it from the site's root: {rooted}"
                )
            continue  # from the site's root: the same file from posts/
        if source.resolve().is_relative_to(folder.resolve()):
            continue  # the post's own folder moves whole, below
        target = POSTS / source.resolve().relative_to(DRAFTS.resolve())
        shared = any(
            source.resolve() == source_of(other.path, u).resolve()
            for other in others
            for u in other.uses
            if local(u)
        )
        pairs = plan.copies if shared else plan.moves
        if (source, target) not in pairs:
            pairs.append((source, target))
    if folder.is_dir():
        plan.moves += [(f, POSTS / f.relative_to(DRAFTS)) for f in folder_files(folder)]


def dated(draft: Draft, day: datetime.date) -> str:
    """The draft's text with its ``post`` block's ``published`` set to ``day``."""
    if not draft.posts:
        raise RefusedError(
            f"{name_of(draft.path)} has no post block (```{{post}}); start from the guide's "
            "example, or from make post"
        )
    if len(draft.posts) > 1:
        line = draft.posts[1][0] + 1
        raise RefusedError(f"{name_of(draft.path)}, line {line}: a second post block; keep one")
    start, end = draft.posts[0]
    lines = draft.text.splitlines(keepends=True)
    body = range(start + 1, end if lines[end].lstrip().startswith(("`", ":", "~")) else end + 1)
    first = lines[body.start].rstrip("\r\n") if body else ""
    if first == "---":  # MyST's YAML block: `published: YYYY-MM-DD`
        closing = next((i for i in body[1:] if lines[i].rstrip("\r\n") == "---"), None)
        if closing is None:
            raise RefusedError(
                f"{name_of(draft.path)}, line {body.start + 1}: the post block's YAML has no "
                "closing ---"
            )
        options, new = range(body.start + 1, closing), f"published: {day.isoformat()}\n"
        pattern = re.compile(r"published\s*:")
    else:
        options = range(body.start, body.start)
        while (
            options.stop < body.stop
            and (
                OPTION.match(lines[options.stop])  # a field, or the rest of one, indented
                or (
                    options
                    and lines[options.stop][:1] in {" ", "\t"}
                    and lines[options.stop].strip()
                )
            )
        ):
            options = range(body.start, options.stop + 1)
        new, pattern = f":published: {day.isoformat()}\n", re.compile(r":published:")
    for i in options:
        if pattern.match(lines[i]):
            lines[i] = new
            return "".join(lines)
    lines.insert(options.start, new)
    return "".join(lines)


def plan_for(posts: list[str], day: datetime.date) -> Plan:
    md = markdown()
    drafts = [read(written(draft_of(post)), md) for post in posts]
    others = [
        read(path, md)
        for path in sorted(DRAFTS.glob("*.md"))
        if path not in {d.path for d in drafts}
    ]
    plan = Plan()
    for draft in drafts:
        plan.dated[POSTS / draft.path.name] = dated(draft, day)
        plan.moves.append((draft.path, POSTS / draft.path.name))
    for draft in drafts:
        carried(draft, others, plan)
    targets = list(plan.targets())
    for target in targets:
        if targets.count(target) > 1:
            raise RefusedError(f"two drafts would publish a file as {name_of(target)}")
    for source, target in plan.moves + plan.copies:
        if target.exists() and not filecmp.cmp(source, target, shallow=False):
            raise RefusedError(f"{name_of(target)} exists already, and is another file")
    return plan


class Publication:
    """The changes of a plan, made one by one, each undone on request."""

    def __init__(self) -> None:
        self.undo: list[tuple[str, Path, Path]] = []
        self.texts: dict[Path, str] = {}

    def move(self, source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if tracked(source):
            subprocess.run(["git", "mv", str(source), str(target)], cwd=ROOT, check=True)
            self.undo.append(("git mv", target, source))
        else:
            source.rename(target)
            self.undo.append(("move", target, source))

    def copy(self, source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        self.undo.append(("copy", target, source))

    def write(self, path: Path, text: str) -> None:
        self.texts.setdefault(path, path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")

    def make(self, plan: Plan) -> None:
        for source, target in plan.copies:
            if not target.exists():
                self.copy(source, target)
        for source, target in plan.moves:
            if target.exists():  # the same file is there already
                continue
            self.move(source, target)
        for path, text in plan.dated.items():
            self.write(path, text)
        for _how, _target, source in self.undo:  # a draft's folder, emptied by the moves
            for folder in source.parents:
                if folder == DRAFTS or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()

    def roll_back(self) -> None:
        for path, text in self.texts.items():
            path.write_text(text, encoding="utf-8")
        for how, target, source in reversed(self.undo):
            source.parent.mkdir(parents=True, exist_ok=True)
            if how == "git mv":
                subprocess.run(["git", "mv", str(target), str(source)], cwd=ROOT, check=True)
            elif how == "move":
                target.rename(source)
            else:
                target.unlink()
            for folder in target.parents:  # folders the publish made, now empty
                if folder == POSTS or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()


def next_commands(plan: Plan) -> str:
    """``git add`` of what the publish made (a post's folder as one), then the commit."""
    names = [name_of(target) for target in plan.dated]
    added = dict.fromkeys(names)
    for target in plan.targets():
        folder = POSTS / target.relative_to(POSTS).parts[0]
        added[name_of(folder if folder.is_dir() else target)] = None
    return f'git add {" ".join(added)} && git commit -m "Publish {", ".join(names)}"'


def main(argv: list[str]) -> int:
    split = argv.index("--") if "--" in argv else len(argv)
    build = argv[split + 1 :]
    head, date = argv[:split], None
    if head[:1] == ["--date"]:
        date, head = " ".join(head[1:2]), head[2:]
    posts = [p.strip() for p in " ".join(head).split(",") if p.strip()]
    try:
        if not posts:
            raise RefusedError("name the draft, for example: make publish POST=debugging")
        day = publication_date(date)
        plan = plan_for(posts, day)
    except RefusedError as refused:
        print(f"make publish: {refused}", file=sys.stderr)
        return 2

    names = [name_of(target) for target in plan.dated]
    publication = Publication()
    publication.make(plan)
    if build:  # the drafts' pages from a DRAFTS=1 build are not the posts
        for target in plan.dated:
            (ROOT / build[-1] / "posts" / "drafts" / f"{target.stem}.html").unlink(missing_ok=True)
    files = len(plan.moves) + len(plan.copies) - len(names)
    uses = f", with the {files} file{'s' if files != 1 else ''} used" if files else ""
    print(
        f"Published {', '.join(names)} (from posts/drafts/{uses}), dated {day.isoformat()}. "
        "Building the site:"
    )
    sys.stdout.flush()
    if build and subprocess.run(build, cwd=ROOT, check=False).returncode != 0:
        publication.roll_back()
        drafts = ", ".join(f"posts/drafts/{PurePosixPath(n).name}" for n in names)
        print(
            f"make publish: the site does not build with {', '.join(names)}, so nothing is "
            f"published: {drafts} and the files used are back where they were. Fix what the "
            "build reports above (it names the post as published), then run make publish again",
            file=sys.stderr,
        )
        return 1
    if build:
        for target in plan.dated:
            page = Path(build[-1]) / "posts" / f"{target.stem}.html"
            print(f"Built: open {page.as_posix()} to read it as readers will.")
    print(f"Next: {next_commands(plan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
