"""Settings are checked once, when the configuration is read: named, never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import warnings

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

EXPECTED = [
    "invalid setting talks_drafts = 'yes'; expected True or False",
    "invalid setting talks_guide = 'posts/writing.md'; expected the docname of the authoring guide",
    "invalid setting talks_feed_path = '/feeds/atom.xml'; expected a path in the output",
    "invalid setting talks_feed_entries = -1; expected how many of the newest posts",
    "invalid setting talks_feed_tag = 'not a tag'; expected a tag URI authority and date",
    "the setting talks_days is no longer read; declare each day with the conference-day directive",
    "the setting talks_source is no longer read; declare the article with the source-article",
]


@pytest.mark.sphinx("html", testroot="config")
def test_bad_settings_are_named_and_replaced_by_defaults(app: SphinxTestApp) -> None:
    app.build()
    found = warnings(app)
    for expected in EXPECTED:
        assert [w for w in found if expected in w and w.endswith("[talks.config]")], expected
    assert app.config.talks_drafts is False
    assert app.config.talks_feed_path == "atom.xml"
    assert (app.outdir / "atom.xml").is_file()
    # one warning per bad setting: ours, named; Sphinx's type check finds the default
    assert len([w for w in found if "talks_" in w]) == len(EXPECTED), found


@pytest.mark.sphinx("html", testroot="posts", confoverrides={"talks_drafts": "1"})
def test_settings_are_typed_as_sphinx_design_does(app: SphinxTestApp) -> None:
    # what -D talks_drafts=1 on the command line gives: a string, read by its type
    assert app.config.talks_drafts is True
    for name in ("talks_drafts", "talks_guide", "talks_feed_path", "talks_feed_entries"):
        default = app.config._options[name].default
        assert app.config._options[name].valid_types == frozenset({type(default)}), name


@pytest.mark.sphinx("html", testroot="config", freshenv=True)
def test_a_source_without_a_date_is_a_located_warning(app: SphinxTestApp) -> None:
    # the crash this replaces: KeyError 'date' in render.credit()
    app.build()
    (warning,) = [w for w in warnings(app) if "[talks.missing]" in w]
    assert "index.md:3: WARNING: source-article is missing the required field :date:" in warning
    assert "Traceback" not in app.warning.getvalue()
