"""The author's loop: after each step, the incremental build is a clean build, every file.

A site with posts (test-posts, with the site's extensions and settings) goes
through what an author does: build with no change, add a post, edit its text,
change its date, retitle it, remove it, publish the draft, retitle the site. After each step the
incremental build's output folder is compared with a clean build of the same
sources, byte for byte, every file: the pages, ``sitemap.xml``,
``searchindex.js``, ``objects.inv``, ``atom.xml``, ``robots.txt``,
``.buildinfo``, the static files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from .conftest import ROOT, build_root, clean_copy, copy_root, edit, save, warnings

if TYPE_CHECKING:
    from collections.abc import Callable

#: conf.py, read as Sphinx reads it: the site's extensions and settings come from there.
CONF = eval_config_file(ROOT / "conf.py", Tags())
#: The site's extensions and the settings of conf.py that shape its output; the
#: root's own addresses where conf.py has the site's.
SITE: dict[str, Any] = {
    **{
        name: CONF[name]
        for name in (
            "extensions",
            "html_theme",
            "html_copy_source",
            "html_show_sourcelink",
            "sitemap_url_scheme",
            "sitemap_excludes",
            "talks_feed_path",
        )
    },
    "ogp_site_url": "https://example.org/kb/",
    "notfound_urls_prefix": "/kb/",
}

THIRD = """# A third post

```{post}
:published: 2026-12-20
:authors: Ann Author
:talks: three
:abstract: The third post, about Talk Three.
```

Zanzibar quokkas watched the talk.
"""


def every_file(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()
    }


def add_post(src: Path) -> None:
    save(src / "posts" / "third.md", THIRD)


def edit_text(src: Path) -> None:
    edit(src / "posts" / "third.md", "Zanzibar quokkas watched", "Everyone watched")


def change_date(src: Path) -> None:
    edit(src / "posts" / "third.md", ":published: 2026-12-20", ":published: 2026-10-20")


def retitle(src: Path) -> None:
    edit(src / "posts" / "third.md", "# A third post", "# Talk Three, retold")


def remove_post(src: Path) -> None:
    (src / "posts" / "third.md").unlink()


def retitle_site(src: Path) -> None:
    """A setting that shapes every page: Sphinx writes them all again (and would leave
    ``.buildinfo.bak`` behind; output_fixes.buildinfo)."""
    save(src / "conf.py", f"{(src / 'conf.py').read_text()}html_title = 'Another title'\n")


def publish_draft(src: Path) -> None:
    draft = src / "posts" / "drafts" / "wip.md"
    text = draft.read_text()
    draft.unlink()
    save(src / "posts" / "wip.md", text)


STEPS: dict[str, Callable[[Path], None]] = {
    "no change": lambda src: None,
    "add a post": add_post,
    "edit its text": edit_text,
    "change its date": change_date,
    "retitle it": retitle,
    "remove it": remove_post,
    "publish the draft": publish_draft,
    "retitle the site": retitle_site,
}


def stale_after_each_step(tmp_path: Path, **settings: Any) -> dict[str, list[str]]:
    """Step -> the files in which the incremental build differs from a clean one."""
    src = copy_root("posts", tmp_path / "src")
    settings = {**SITE, **settings}
    first = build_root(src, **settings)
    assert warnings(first) == []
    stale: dict[str, list[str]] = {}
    for number, (step, change) in enumerate(STEPS.items()):
        change(src)
        incremental = build_root(src, **settings)
        clean = build_root(clean_copy(src, tmp_path / f"clean-{number}"), **settings)
        assert warnings(incremental) == warnings(clean) == [], step
        got, expected = every_file(Path(incremental.outdir)), every_file(Path(clean.outdir))
        differ = sorted(set(got) ^ set(expected))
        differ += [name for name in sorted(set(got) & set(expected)) if got[name] != expected[name]]
        if differ:
            stale[step] = differ
    return stale


def test_every_step_rebuilds_to_a_clean_build(tmp_path: Path) -> None:
    assert stale_after_each_step(tmp_path) == {}


def test_every_step_rebuilds_to_a_clean_build_with_sources_copied(tmp_path: Path) -> None:
    """Sphinx's default, ``html_copy_source = True`` (the site turns it off): a removed
    page's copy under ``_sources/`` goes with its HTML."""
    assert stale_after_each_step(tmp_path, html_copy_source=True) == {}
