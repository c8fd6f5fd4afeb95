"""What an author may write that not every output can carry: checked when a page is read.

Raw HTML (MyST's ``html_block`` and ``html_inline``, the ``raw`` directive)
goes as written into the page, the single page, the ePub and every feed. In
it, what would run or load something is refused, each with one located
warning (``talks.html``), and left out of every output, the rest of the HTML
kept:

- a link or source that is not a web address or a path: ``javascript:``,
  ``vbscript:``, ``file:``, and ``data:`` but for images, the check that
  markdown-it applies to a Markdown link (``[x](javascript:…)``, which it does
  not make a link: that is reported here too, where it would otherwise stand
  in the page as text);
- script: ``<script>`` (and the elements that embed or redirect: ``iframe``,
  ``object``, ``embed``, ``base``, ``meta``, ``link``, ``style``, ``form``),
  event handlers (``onerror=``) and ``url(…)`` in a ``style``;
- a file it would load (``<img src="…">``): from another site, it would have
  every reader's browser ask that site for it; from a path, Sphinx copies no
  file that raw HTML names, so it would not be there. An image is written
  ``![text](path)`` or with ``{image}``/``{figure}``, and one from another site
  is refused there too (``talks.image``): no reader's browser asks another site
  for anything, and the PDF could not print it without downloading it.

The ePub is XHTML: there, raw HTML that is not already well-formed XML is
written again as XHTML (``<br>`` as ``<br />``, ``&nbsp;`` as the character).

Math (``{math}``) is refused (``talks.math``): Sphinx shows it on the web with
MathJax, a script from another site, and feed and ePub readers would show
the TeX source. MyST's ``dollarmath`` is off for the same reason, and because
prose about money and shells is full of ``$``.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from docutils import nodes
from markdown_it.common.normalize_url import validateLink
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Elements left out with what they hold: they run, embed or redirect.
DROPPED = {"script", "style", "iframe", "object", "embed", "frame", "frameset", "applet"}
DROPPED |= {"base", "meta", "link", "form", "noscript", "template"}
#: Attributes whose value is a URL a reader follows (``href``) or the browser loads.
LINKS = {"href", "action", "formaction", "cite", "longdesc", "usemap", "xlink:href"}
LOADS = {"src", "poster", "data", "background", "codebase", "manifest", "ping"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID |= {"source", "track", "wbr"}
LOADED = (
    "raw HTML loads no file: Sphinx copies none it names, and none is asked of another "
    "site; write an image as ![text](path)"
)
#: What browsers drop from a URL before reading its scheme (WHATWG URL: tab, newline).
URL_NOISE = re.compile(r"[\t\n\r]")
MARKDOWN_LINK = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*:(?:[^()\s>]|\([^()\s]*\))*)")


def refused_url(value: str) -> str:
    """Why a link or source cannot stand (``""`` if it can), as markdown-it decides."""
    url = URL_NOISE.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08 \x0b\x0c")
    if not validateLink(url):
        return "javascript:, vbscript:, file: and data: links are refused, as in Markdown"
    return ""


def elsewhere(value: str) -> bool:
    """Whether a browser would load ``value`` from another site."""
    parts = urlsplit(URL_NOISE.sub("", value).strip())
    return bool(parts.scheme and parts.scheme != "data") or bool(parts.netloc)


class Sanitizer(HTMLParser):
    """Raw HTML as tokens, written again without what is refused (``problems``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.problems: list[str] = []
        self.skipping: str | None = None  # the dropped element whose content is skipped

    def attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        for name, value in attrs:
            text = value or ""
            if name.startswith("on"):
                self.problems.append(f"{name}={text!r} (an event handler: script is refused)")
            elif name in LINKS | LOADS and (why := refused_url(text)):
                self.problems.append(f"{name}={text!r} ({why})")
            elif name in LOADS | {"srcset"} and not text.strip().lower().startswith("data:"):
                self.problems.append(f"{name}={text!r} ({LOADED})")
            elif name == "style" and re.search(r"url\s*\(|expression\s*\(", text, re.I):
                self.problems.append(f"style={text!r} (url() and expression() are refused)")
            else:
                kept.append(f' {name}="{escape(value if value is not None else name)}"')
        return "".join(kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=True)

    def start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.skipping:
            return
        if tag in DROPPED:
            self.problems.append(f"<{tag}> (what runs, embeds or redirects is refused)")
            if not closed and tag not in VOID:
                self.skipping = tag
            return
        attributes = self.attributes(tag, attrs)
        if tag in VOID:
            self.out.append(f"<{tag}{attributes} />")
        else:
            self.out.append(f"<{tag}{attributes}>" + (f"</{tag}>" if closed else ""))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping:
                self.skipping = None
        elif tag in DROPPED:
            pass  # its start tag is reported, in this fragment or another
        elif tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))


def sanitized(fragment: str) -> tuple[str, list[str]]:
    """``fragment`` as XHTML without what is refused, and what was refused."""
    parser = Sanitizer()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out), parser.problems


def located(node: nodes.Node, written: str, docname: str) -> nodes.Node | tuple[str, int]:
    """Where ``written`` stands: MyST gives an inline node its paragraph's first line, so
    the line is counted in the paragraph's source; else the node, or the nearest one
    above it with a line."""
    block = node.parent
    while block is not None and not (isinstance(block, nodes.TextElement) and block.line):
        block = block.parent
    if block is not None and (at := block.rawsource.find(written)) >= 0:
        return docname, int(block.line) + block.rawsource.count("\n", 0, at)
    where = node
    while where.line is None and where.parent is not None:
        where = where.parent
    return where


def is_html(node: nodes.raw) -> bool:
    return "html" in node.get("format", "").split()


def check_raw(raw: nodes.raw, docname: str) -> None:
    clean, problems = sanitized(raw.astext())
    if problems:
        found = "; ".join(problems)
        where = located(raw, raw.astext(), docname)
        warn(f"raw HTML refused: {found}; it is left out of every output", where, "html")
        raw.replace_self(nodes.raw("", clean, format=raw["format"]) if clean else [])


def check_image(image: nodes.image, docname: str) -> None:
    if elsewhere(image["uri"]):
        warn(
            f"image {image['uri']!r} is on another site: save it beside the post and give "
            "its path, so that no reader's browser asks that site for it and the PDF and "
            "the ePub hold it",
            located(image, image["uri"], docname),
            "image",
        )
        image.replace_self(nodes.inline("", image.get("alt", "")))


def check_math(math: nodes.math | nodes.math_block, docname: str) -> None:
    warn(
        f"math ({math.astext()!r}) cannot be shown here: on the web it needs MathJax, a "
        "script from another site, and feed and ePub readers would show its TeX; write "
        "it as code or as an image",
        located(math, math.astext(), docname),
        "math",
    )
    math.replace_self(nodes.literal("", math.astext()))


def check_text(text: nodes.Text, docname: str) -> None:
    """A Markdown link markdown-it refused stands as text: say so where it is."""
    if isinstance(text.parent, nodes.FixedTextElement | nodes.literal | nodes.raw):
        return
    for url in MARKDOWN_LINK.findall(text.astext()):
        if why := refused_url(url):
            warn(f"link to {url!r} is not made: {why}", located(text, url, docname), "html")


def check_markup(app: Sphinx, doctree: nodes.document) -> None:
    """Each check where it applies, in the order of the page."""
    docname = app.env.docname
    for node in list(doctree.findall()):
        if isinstance(node, nodes.raw) and is_html(node):
            check_raw(node, docname)
        elif isinstance(node, nodes.image):
            check_image(node, docname)
        elif isinstance(node, nodes.math | nodes.math_block):
            check_math(node, docname)
        elif isinstance(node, nodes.Text):
            check_text(node, docname)


class RawHtmlAsXhtml(SphinxPostTransform):
    """In the ePub, raw HTML that is not well-formed XML is written again as XHTML."""

    builders = ("epub",)
    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if not is_html(raw):
                continue
            try:
                ET.fromstring(f"<fragment>{raw.astext()}</fragment>")
            except ET.ParseError:
                raw.replace_self(nodes.raw("", sanitized(raw.astext())[0], format=raw["format"]))


def setup_markup(app: Sphinx) -> None:
    app.connect("doctree-read", check_markup)
    app.add_post_transform(RawHtmlAsXhtml)
