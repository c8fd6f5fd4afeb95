"""Running the repository's own commands as an author does: in a fresh clone, with make.

The commands are the ones the authoring guide shows (``guide_commands``), run
verbatim through the shell; only the environment differs from an author's:
``VENV`` names this run's virtual environment, so nothing is installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from .conftest import ROOT

GUIDE = ROOT / "posts" / "writing.md"
#: Set by an outer make or a shell, they would change what the commands do.
INHERITED = {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "DRAFTS", "SPHINXOPTS", "JOBS", "PORT", "DATE"}
ENV = {k: v for k, v in os.environ.items() if k not in INHERITED} | {
    "VENV": sys.prefix,  # the Makefile's `VENV ?= .venv`
    "GIT_AUTHOR_NAME": "An Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "An Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
}


def fresh_clone(to: Path, *free: str) -> Path:
    """``git clone`` of this checkout's HEAD, as a new author starts; with no post or
    draft under the names ``free`` (a site in use may have one: the guide's example
    commands are for a talk not written about yet)."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(to)], check=True)
    # The Makefile reinstalls the venv when a requirements file is newer than its stamp;
    # a clone's files are all new, and this run's venv is already complete.
    for name in (
        "requirements.txt",
        "requirements-live.txt",
        "requirements-test.txt",
        "package.json",
    ):
        os.utime(to / name, (0, 0))
    taken = [
        page
        for slug in free
        for page in (to / "posts" / f"{slug}.md", to / "posts" / "drafts" / f"{slug}.md")
        if page.exists()
    ]
    for page in taken:
        page.unlink()
    if taken:
        shell(f"git add --all posts && git commit --quiet -m 'Make room for {free}'", to)
    return to


def write(draft: Path) -> None:
    """What an author does between make post and make publish: the skeleton's author,
    abstract and prose become their own (moments and headings stay)."""
    lines = []
    for line in draft.read_text(encoding="utf-8").splitlines():
        if line.startswith(":authors:"):
            line = ":authors: Ann Author | https://ann.example.org"
        elif line.startswith(":abstract:"):
            line = ":abstract: What the talk showed, and the moment worth watching again."
        elif line[:1].isalpha():
            line = f"In the talk, as I heard it: {line}"
        lines.append(line)
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")


def published_posts_of(site: Path) -> list[str]:
    """The posts a site's sources publish (drafts are not)."""
    return sorted(p.stem for p in (site / "posts").glob("*.md") if "```{post}" in p.read_text())


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command`` as an author types it; stdout and stderr together, as a terminal shows."""
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def ok(command: str, cwd: Path) -> str:
    """Run ``command``; it must succeed and warn about nothing. Returns what it printed."""
    result = shell(command, cwd)
    assert result.returncode == 0, f"$ {command}\n{result.stdout}"
    assert "WARNING" not in result.stdout, f"$ {command}\n{result.stdout}"
    return result.stdout


def guide_commands(path: Path = GUIDE) -> list[str]:
    """Every command of the guide's ``console`` blocks (the lines after ``$``), in order."""
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    return [
        line.removeprefix("$ ")
        for token in tokens
        if token.type == "fence" and token.info.strip() == "console"
        for line in token.content.splitlines()
        if line.startswith("$ ")
    ]


def guide_examples(path: Path = GUIDE) -> list[str]:
    """Every Markdown example of the guide (its ``markdown`` blocks), in order."""
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    return [t.content for t in tokens if t.type == "fence" and t.info.strip() == "markdown"]


def guide_command(pattern: str) -> str:
    """The one command of the guide that matches ``pattern`` (a regex, whole command),
    which the guide may show in more than one step."""
    found = sorted({c for c in guide_commands() if re.fullmatch(pattern, c)})
    assert len(found) == 1, f"the guide shows {len(found)} commands like {pattern!r}: {found}"
    return found[0]


def printed_commands(output: str) -> list[str]:
    """The commands a tool prints for the author to type next, without their comments."""
    found = []
    for line in output.splitlines():
        line = re.sub(r"^(Next:)?\s*", "", line)
        if line.startswith(("make ", "git ")):
            found.append(re.sub(r"\s+#\s.*$", "", line))
    return found
