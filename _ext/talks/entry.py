"""A post's body made fit to stand alone in a feed entry (``feed.py`` renders it).

A feed reader shows an entry away from the post's page, without the site's
styles and scripts, often beside other entries. So, in a copy of the body:

- every link is absolute: a reader resolves a relative one against the feed;
- every image is the file the build wrote (``_images/<name>``), at its absolute
  URL (the page's own path, ``posts/x.png``, is not where the file is);
- a footnote mark links to the footnote on the post's page, and the footnotes'
  text follows the body (``posts.py`` keeps them in the post's section): no
  ``#id`` link, which a reader would resolve against the feed, and no back
  links; every id is prefixed with the post's name (``posts-x-the-consumer``),
  so that none clashes between the entries a reader shows together;
- sphinx-design's tabs and dropdowns are unfolded into plain content, as on
  paper (``unfold.py``): no radio buttons, no chevron, nothing hidden behind a
  control the reader cannot work;
- the talk's player is a link to the recording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes
from docutils.languages import get_language
from sphinx.locale import admonitionlabels
from sphinx.util.osutil import relative_uri
from sphinxcontrib.youtube.youtube import youtube

from .player import recording_of
from .unfold import unfold_design

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder


def labelled_admonitions(body: nodes.Element, language: str) -> None:
    """An admonition docutils has no label for (Sphinx's ``seealso``) as a titled one:
    rendered alone, the body goes through docutils' admonition transform, which would
    look that label up and fail (a page's writer never applies it)."""
    labels = get_language(language).labels
    for node in list(body.findall(nodes.Admonition)):
        name = node.__class__.__name__
        if isinstance(node, nodes.admonition) or name in labels:
            continue
        title = nodes.title("", admonitionlabels.get(name, name))
        titled = nodes.admonition("", title, *node.children, classes=["admonition", name])
        node.replace_self(titled)


def footnote_links(body: nodes.Element, here: str) -> None:
    """Footnote marks as links to the page's footnotes; footnotes without back links."""
    for mark in list(body.findall(nodes.footnote_reference)):
        link = nodes.reference("", mark.astext(), refuri=f"{here}#{mark['refid']}")
        mark.replace_self(nodes.superscript("", "", link))
    for note in body.findall(nodes.footnote):
        note["backrefs"] = []


def as_entry(body: nodes.Element, builder: StandaloneHTMLBuilder, docname: str, base: str) -> None:
    """Shape ``body``, a copy of the post ``docname``'s text, into an entry's content."""
    here = base + builder.get_target_uri(docname)
    # what write_doc sets before it translates a page, for this page: its images' files
    builder.imgpath = relative_uri(builder.get_target_uri(docname), builder.imagedir)
    builder.post_process_images(body)
    labelled_admonitions(body, builder.config.language or "en")
    footnote_links(body, here)
    for ref in list(body.findall(nodes.reference)):
        if "refuri" in ref:
            ref["refuri"] = urljoin(here, ref["refuri"])
        elif "refid" in ref:
            ref["refuri"] = f"{here}#{ref['refid']}"
    for image in body.findall(nodes.image):
        if image["uri"] in builder.images:
            image["uri"] = urljoin(base, f"{builder.imagedir}/{builder.images[image['uri']]}")
    for video in list(body.findall(youtube)):
        recording = recording_of(video)
        text = f"Watch {video.get('talk_title', 'the recording')} from {recording.timestamp}"
        link = nodes.reference(text, text, refuri=recording.watch_url)
        video.replace_self(nodes.paragraph("", "", link))
    unfold_design(body)
    prefix = docname.replace("/", "-")
    for element in body.findall(nodes.Element):
        element["ids"] = [f"{prefix}-{node_id}" for node_id in element["ids"]]
