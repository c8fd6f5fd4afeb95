"""``robots.txt``: this site's policy for crawlers, beside what output_fixes repairs.

Every crawler may read every page, and finds the sitemap at the site's canonical
URL (Read the Docs serves a site's own ``robots.txt``). It is written with the
sitemap (:mod:`output_fixes.sitemap`), whose address it gives, and goes when
the sitemap goes.
"""

from __future__ import annotations

from urllib.parse import quote


def robots_txt(site_url: str, sitemap_filename: str) -> bytes:
    """Allow every page; name the sitemap at ``site_url``."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}{quote(sitemap_filename)}\n".encode()
