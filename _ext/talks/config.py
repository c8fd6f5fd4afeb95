"""The extension's settings, checked once when the configuration is read.

Content (the conference, its days, the source article) is declared in the
pages, not here; settings only say how to build. Like intersphinx's
``validate_intersphinx_mapping``, every setting is checked on
``config-inited`` and a bad one is reported by name with what is expected;
the build goes on with the default.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from .domain import warn
from .model import is_output_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config

DRAFTS = "drafts"

#: name -> (default, a check that is True for a valid value, what is expected)
SETTINGS: dict[str, tuple[Any, Callable[[Any], bool], str]] = {
    "talks_drafts": (
        False,
        lambda v: isinstance(v, bool),
        "True or False (-D talks_drafts=1 on the command line)",
    ),
    "talks_guide": (
        "",
        lambda v: isinstance(v, str) and not v.startswith("/") and not v.endswith((".md", ".rst")),
        "the docname of the authoring guide, such as 'posts/writing', or ''",
    ),
    "talks_feed_path": (
        "atom.xml",
        lambda v: v == "" or is_output_path(v, ".xml"),
        "a path in the output such as 'atom.xml' (no '..', no name starting with '.', "
        "none Windows keeps such as 'con'), or '' for no feed",
    ),
    "talks_feed_entries": (
        20,
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "how many of the newest posts the feed carries, such as 20, or 0 for all",
    ),
    "talks_feed_tag": (
        "",
        lambda v: (
            isinstance(v, str)
            and (v == "" or re.fullmatch(r"[\w.-]+,[0-9]{4}(-[0-9]{2}){0,2}", v) is not None)
        ),
        "a tag URI authority and date such as 'example.org,2026' (RFC 4151), or ''",
    ),
    "talks_pyvideo_path": (
        "data/pyvideo",
        lambda v: v == "" or is_output_path(v),
        "a folder in the output such as 'data/pyvideo' (no '..', no name starting with '.', "
        "none Windows keeps such as 'con'), or '' for none",
    ),
}
#: What a change of a setting makes Sphinx read again: every page (``"env"``) unless
#: named here (the PyVideo folder is written from the domain, after reading).
REBUILD: dict[str, Literal["", "env"]] = {"talks_pyvideo_path": ""}
FEED_DEFAULT = SETTINGS["talks_feed_path"][0]
#: Other extensions' settings that name a file in the output the feed cannot take.
ELSEWHERE = ("sitemap_filename",)
#: Settings that used to hold content; where that content is declared now.
MOVED = {
    "talks_days": "declare each day with the conference-day directive",
    "talks_source": "declare the article with the source-article directive",
    "talks_event": "declare the conference with the conference directive",
    "talks_timezone": "give it as :timezone: in the conference directive",
}


def validate(app: Sphinx, config: Config) -> None:
    for name, (default, check, expected) in SETTINGS.items():
        value = config[name]
        if not check(value):
            warn(
                f"invalid setting {name} = {value!r}; expected {expected}; using {default!r}",
                None,
                "config",
            )
            setattr(config, name, default)
    for name, where in MOVED.items():
        if config[name] is not None:  # set in conf.py or with -D
            warn(f"the setting {name} is no longer read; {where}", None, "config")
    feed = config.talks_feed_path
    for other in ELSEWHERE:  # another extension writes a file there: one would be lost
        if feed and other in config and config[other] == feed:
            warn(
                f"invalid setting talks_feed_path = {feed!r}: {other} writes that file; "
                f"expected a path no other file takes; using {FEED_DEFAULT!r}",
                None,
                "config",
            )
            config.talks_feed_path = FEED_DEFAULT
    if not config.talks_drafts:  # drafts are pages under a drafts/ folder
        config.exclude_patterns = [*config.exclude_patterns, f"{DRAFTS}/**", f"**/{DRAFTS}/**"]


def setup_config(app: Sphinx) -> None:
    for name, (default, _check, _expected) in SETTINGS.items():
        # typed, as sphinx-design's and todo's are: -D talks_drafts=1 reads as a bool
        rebuild: Literal["", "env"] = REBUILD.get(name, "env")
        app.add_config_value(name, default, rebuild, types=frozenset({type(default)}))
    for name in MOVED:  # registered so that conf.py's value can be read (and reported)
        app.add_config_value(name, None, "")
    app.connect("config-inited", validate, priority=100)
