"""``searchindex.js`` after an incremental build: no term that maps to no page.

Sphinx (9.0) loads the previous index, drops the pages it is about to write
from every term's set of pages (``IndexBuilder.prune``) and feeds the written
pages back in. A term found only on pages that no longer have it keeps an
empty set, which ``IndexBuilder.get_terms`` writes as ``"term":[]``: a clean
build has no such term, and the file grows with every edit. Once Sphinx has
written the file, this drops those terms (``terms`` and ``titleterms``) and
writes it again, through Sphinx's own ``js_index`` (so a clean build's file
comes out byte for byte as it was, and is left untouched).

The issue, as it would be filed against Sphinx (sphinx-doc/sphinx):

    **searchindex.js keeps terms that no page has any more after an incremental build**

    ``IndexBuilder.prune`` removes the pages being rewritten from each term's
    set, and the rewritten pages add their terms back; a term that was only on
    those pages, and is not any more, keeps an empty set, which ``get_terms``
    writes as ``"term":[]``. A clean build has no such term, so the index of an
    incremental build differs from a clean build's and grows with every edit.

    To reproduce: add the word "quokka" to one page, ``make html``; remove it,
    ``make html``: ``searchindex.js`` holds ``"quokka":[]``.

    Expected: ``get_terms`` (or ``prune``) drops terms whose set is empty.

Canary: ``tests/test_canaries.py::test_canary_sphinx_keeps_emptied_terms_in_the_search_index``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search import js_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TERM_KEYS = ("terms", "titleterms")


def drop_emptied_terms(app: Sphinx, exception: Exception | None) -> None:
    builder = app.builder
    if (
        exception is not None
        or not isinstance(builder, StandaloneHTMLBuilder)
        or builder.indexer is None
        or builder.indexer_format is not js_index
    ):
        return
    path = Path(builder.outdir, builder.searchindex_filename)
    if not path.is_file():
        return  # singlehtml has an indexer but writes no index
    text = path.read_text(encoding="utf-8")
    if ":[]" not in text:
        return  # no term maps to no page (js_index writes one as "term":[]): nothing to read
    frozen = js_index.loads(text)
    emptied = [(key, term) for key in TERM_KEYS for term, docs in frozen[key].items() if docs == []]
    if not emptied:
        return
    for key, term in emptied:
        del frozen[key][term]
    temporary = path.with_name(f"{path.name}.tmp")
    temporary.write_text(js_index.dumps(frozen), encoding="utf-8")
    temporary.replace(path)


def setup_search(app: Sphinx) -> None:
    app.connect("build-finished", drop_emptied_terms)
