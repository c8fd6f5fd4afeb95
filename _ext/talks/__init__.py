"""Talks and write-ups as data: records declared in pages, everything else generated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import listings, render  # noqa: F401 (they register their placeholder fillers)
from .collector import setup_collector
from .config import setup_config
from .directives import setup_directives
from .domain import TalksDomain
from .feed import setup_feed
from .formats import setup_formats
from .labels import sync_std_labels
from .markup import setup_markup
from .metadata import setup_metadata
from .placeholders import setup_placeholders
from .player import setup_player
from .posts import setup_posts
from .published import setup_published
from .pyvideo import setup_pyvideo
from .roles import setup_roles
from .unfold import setup_unfold
from .warned import setup_warned

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "2.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinxcontrib.youtube")
    setup_config(app)
    app.add_domain(TalksDomain)
    setup_collector(app)
    setup_warned(app)
    setup_directives(app)
    setup_placeholders(app)
    setup_posts(app)
    setup_roles(app)
    setup_player(app)
    setup_feed(app)
    setup_pyvideo(app)
    setup_published(app)
    setup_formats(app)
    setup_markup(app)
    setup_unfold(app)
    setup_metadata(app)
    app.connect("env-updated", sync_std_labels)
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
