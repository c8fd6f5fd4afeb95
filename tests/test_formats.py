"""Non-HTML builders: the ePub crash fix, and recordings as timestamped links."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("epub", testroot="epub")
def test_epub_writes_sphinx_design_nodes(app: SphinxTestApp) -> None:
    # sphinxcontrib-youtube registers ePub handlers; without talks.formats the
    # ePub builder then has none for sphinx-design's PassthroughTextElement.
    app.build()
    assert app.warning.getvalue() == ""
    index = BeautifulSoup((app.outdir / "index.xhtml").read_text(), "html.parser")
    assert "A card title" in index.get_text()
    talk = BeautifulSoup((app.outdir / "talk.xhtml").read_text(), "html.parser")
    links = [a["href"] for a in talk.select(".talk-recording-link a")]
    assert links == ["https://www.youtube.com/watch?v=rsEkQbMLCH4&t=11648s"]
    assert not talk.select(".talk-player, iframe, script")


@pytest.mark.sphinx("html", testroot="epub")
def test_html_keeps_its_own_handlers(app: SphinxTestApp) -> None:
    app.build()
    soup = BeautifulSoup((app.outdir / "talk.html").read_text(), "html.parser")
    assert soup.select_one(".talk-player") is not None
    assert not soup.select(".talk-recording-link")
