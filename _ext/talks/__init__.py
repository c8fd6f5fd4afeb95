"""Talks as data: one record per talk, everything else generated from it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .assets import setup_assets
from .directives import setup_directives
from .domain import TalksDomain
from .formats import setup_formats
from .labels import sync_std_labels
from .listings import setup_listings
from .metadata import setup_metadata
from .navigation import pages_to_rewrite, remove_stale_pages
from .player import setup_player
from .roles import setup_roles

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinxcontrib.youtube")
    app.add_config_value("talks_days", {}, "env", types=[dict])
    app.add_config_value("talks_timezone", "Europe/Amsterdam", "env", types=[str])
    app.add_config_value("talks_source", {}, "env", types=[dict])
    app.add_domain(TalksDomain)
    setup_directives(app)
    setup_listings(app)
    setup_roles(app)
    setup_player(app)
    setup_formats(app)
    setup_metadata(app)
    setup_assets(app)
    app.connect("env-updated", sync_std_labels)
    app.connect("env-updated", pages_to_rewrite)
    app.connect("env-get-outdated", remove_stale_pages)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
