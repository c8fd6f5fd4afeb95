"""``sitemap.xml`` with every page, in a stable order, its URLs percent-encoded.

sphinx-sitemap (2.9.0) collects a page's link as the page is written and writes
what it collected, in the order the pages were written:

- an incremental build lists only the pages it rewrote (jdillard/sphinx-sitemap#13),
  and one that rewrites none logs "No pages generated" and leaves the old file;
- with ``-j`` the order, and so the file's bytes, change from build to build;
- a link is the page's name as it is (``my post.html``, ``café.html``,
  ``a#b?c.html``), where RFC 3986 wants it percent-encoded (sitemaps.org's
  "Entity escaping"); ``#`` and ``?`` even make it point at another page;
- every builder gets its events: ``latex`` logs "No pages generated", ``epub``
  and ``singlehtml`` leave a sitemap of their own pages beside their output.

Its writer is therefore replaced by a few lines over the environment's documents
(whatever the build rewrote) and the pages written besides them (search, 404,
additional pages), for the ``html`` and ``dirhtml`` builders only. Its settings
are kept and honoured: ``site_url`` (else ``html_baseurl``),
``sitemap_url_scheme``, ``sitemap_excludes`` (matched against the link as
sphinx-sitemap writes it, before encoding), ``sitemap_filename``,
``sitemap_locales``, ``sitemap_show_lastmod`` and ``sitemap_indent``. The
files go through the talks extension's ``extra_files.publish`` (the one place
that keeps a list of what a build wrote besides its pages), so a sitemap
renamed or turned off takes the files an earlier build wrote with it.

The issue, as it would be filed against sphinx-sitemap (jdillard/sphinx-sitemap;
the incremental part is #13):

    **sitemap.xml: links not percent-encoded, and partial after an incremental build**

    ``add_html_link`` collects ``pagename + ".html"`` as it is and
    ``create_sitemap`` writes it into ``<loc>`` unencoded: a page ``my post.md``
    gives ``<loc>https://example.org/my post.html</loc>``, ``a#b?c.md`` a URL
    whose path ends at ``a`` (sitemaps.org asks for RFC 3986 URLs). Only the pages
    written by this build are listed: a rebuild that rewrites one page replaces
    the sitemap by one of that page (and its parents), and a rebuild that
    rewrites none logs "No pages generated" and leaves the old file. With ``-j``
    the order of ``<url>`` entries changes from build to build.

    To reproduce: a project with ``my post.md`` and ``html_baseurl`` set, ``make
    html``; edit one page, ``make html`` again: the sitemap lists that page alone.

    Expected: every page of the environment, in a stable order, each link
    percent-encoded, whatever the build rewrote.

Canary: ``tests/test_canaries.py::test_canary_sphinx_sitemap_lists_raw_names_and_only_pages_just_written``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from xml.etree import ElementTree

import sphinx_sitemap  # type: ignore[import-untyped]
from sphinx.util import logging
from talks.builders import WEB_BUILDERS
from talks.extra_files import publish
from talks.sphinx_private import disconnect

from .robots import robots_txt

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def replace_writer(app: Sphinx, config: Config) -> None:
    """Disconnect sphinx-sitemap's handlers (every extension is loaded by now)."""
    theirs = {
        sphinx_sitemap.record_builder_type,
        sphinx_sitemap.add_html_link,
        sphinx_sitemap.create_sitemap,
    }
    disconnect(app, theirs)


class Sitemap:
    """The pages written in this process besides the documents (``-j`` writes
    documents in other processes, but never these)."""

    def __init__(self) -> None:
        self.extra_pages: set[str] = set()

    def builder_inited(self, app: Sphinx) -> None:
        self.extra_pages.clear()

    def page_written(
        self, app: Sphinx, pagename: str, templatename: str, context: Any, doctree: Any
    ) -> None:
        if doctree is None:
            self.extra_pages.add(pagename)

    def write(self, app: Sphinx, exception: Exception | None) -> None:
        """Write the sitemap and robots.txt (:mod:`output_fixes.robots`) through ``extra_files.publish``: a sitemap
        renamed or turned off takes the files an earlier build wrote with it."""
        if exception is not None or app.builder.name not in WEB_BUILDERS:
            return
        publish(app, "sitemap", self.files(app))

    def files(self, app: Sphinx) -> dict[str, bytes]:
        if "sphinx_sitemap" not in app.extensions:
            return {}  # this site asks for no sitemap
        config = app.config
        site_url = config.site_url or config.html_baseurl
        if not site_url:
            logger.warning(
                "sitemap.xml needs html_baseurl (or site_url) in conf.py; none is written",
                type="sitemap",
                subtype="configuration",
            )
            return {}
        pages = sorted(app.env.found_docs | self.extra_pages)
        links = sorted(
            (quote(link), pagename)
            for pagename in pages
            if not sphinx_sitemap.is_excluded(
                link := page_link(app, pagename), config.sitemap_excludes
            )
        )
        root = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
        lang = quote(f"{config.language}/") if config.language else ""
        version = quote(f"{config.version}/") if config.version else ""
        locales = sphinx_sitemap.get_locales(app)
        lastmod = getattr(app.env, "git_last_updated", {}) if config.sitemap_show_lastmod else {}
        for link, pagename in links:
            url = ElementTree.SubElement(root, "url")
            scheme = config.sitemap_url_scheme
            loc = site_url + scheme.format(lang=lang, version=version, link=link)
            ElementTree.SubElement(url, "loc").text = loc
            if (stamp := lastmod.get(pagename, (None,))[0]) is not None:
                when = datetime.fromtimestamp(int(stamp), UTC)
                ElementTree.SubElement(url, "lastmod").text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            for locale in locales:
                ElementTree.SubElement(
                    url,
                    f"{{{XHTML_NS}}}link",
                    rel="alternate",
                    hreflang=sphinx_sitemap.hreflang_formatter(locale),
                    href=site_url
                    + scheme.format(lang=quote(f"{locale}/"), version=version, link=link),
                )
        if isinstance(config.sitemap_indent, int) and config.sitemap_indent > 0:
            ElementTree.indent(root, space=config.sitemap_indent * " ")
        ElementTree.register_namespace("xhtml", XHTML_NS)
        sitemap = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
        robots = robots_txt(site_url, config.sitemap_filename)  # where crawlers find it
        return {config.sitemap_filename: sitemap, "robots.txt": robots}


def page_link(app: Sphinx, pagename: str) -> str:
    """The page's link as sphinx-sitemap makes it (not yet encoded)."""
    if app.builder.name == "dirhtml":
        if pagename == "index":
            return ""
        if pagename.endswith("/index"):
            return pagename[: -len("index")]
        return f"{pagename}/"
    return pagename + (app.config.html_file_suffix or ".html")


def setup_sitemap(app: Sphinx) -> None:
    state = Sitemap()
    app.connect("config-inited", replace_writer)
    app.connect("builder-inited", state.builder_inited)
    app.connect("html-page-context", state.page_written)
    app.connect("build-finished", state.write)
