"""Furo's sidebar tree, computed once per build and marked for each page.

Furo asks every page for the whole site's toctree, renders it and re-parses it
with BeautifulSoup (``furo._compute_navigation_tree``): the cost of a page grows
with the site, and the build is quadratic. Yet what differs from one page to
the next is small:

- the links, which are relative to the page's folder;
- the ``current`` class Sphinx puts on the page's own link and on every ``li``
  and ``ul`` above it (``_toctree_add_classes``), the ``checked`` state furo
  gives to the expanders of those ``li``, and the ``current-page`` class furo
  adds to the last ``li`` marked ``current``;
- a link to the page itself, which is ``#``.

:class:`NavigationTemplate` therefore runs the real pipeline (Sphinx's
``global_toctree_for_doc`` with furo's arguments, ``render_partial``, furo's
``get_navigation_tree``) twice, for a page that exists nowhere:

- once as is, with every internal link replaced by a numbered hole, which
  gives every start tag as it is on a page where it is not current;
- once with the ``current`` class on every node Sphinx could mark, which gives
  every start tag as it is on a page where it is current.

A page is then the neutral tags with its folder's links filled in (by
Sphinx's ``relative_uri``), and the tags on its own branch swapped for their
current form. Every byte comes from Sphinx and furo, but two that follow their
code: ``#`` for an empty link (Sphinx's HTML writer) and the ``current-page``
class appended to the last current ``li`` (furo's ``get_navigation_tree``).
Whatever the two runs do not explain makes :func:`make_shape` or
:meth:`NavigationTemplate.render` return ``None``, and furo computes the
pages itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from bs4 import BeautifulSoup
from docutils import nodes
from furo.navigation import get_navigation_tree
from sphinx import addnodes
from sphinx.environment.adapters.toctree import TocTree, global_toctree_for_doc
from sphinx.util.osutil import relative_uri

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder

#: What furo passes to the ``toctree`` template function (``_compute_navigation_tree``).
FURO_TOCTREE_KWARGS: dict[str, Any] = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}

# Private-use characters: no docname, title or URL of a real site contains them,
# and neither docutils nor BeautifulSoup escapes them.
HOLE_OPEN = "\ue000"
HOLE_CLOSE = "\ue001"
#: The page the template is computed for; it exists in no toctree.
PROBE = "\ue002"

#: Start tags whose attributes can differ from page to page. BeautifulSoup's
#: "minimal" formatter escapes ``>`` in attribute values, so ``[^>]*`` is exact.
TAG_RE = re.compile(r"<(ul|li|a|input)(?=[\s/>])[^>]*>")
HOLE_RE = re.compile(f"{HOLE_OPEN}(\\d+){HOLE_CLOSE}")
#: The link hole of an ``a`` tag and the anchor after it, up to the closing quote.
LINK_RE = re.compile(f'{HOLE_OPEN}(\\d+){HOLE_CLOSE}([^"]*)(?=")')
WEB_HREF_RE = re.compile(r'\shref="https?://')
CLASS_RE = re.compile(r'class="([^"]*)"')
#: A link goes into a hole as it is only if neither docutils nor BeautifulSoup
#: would change it on the way (entities, quoting, whitespace).
UNSAFE_URI_RE = re.compile(f"[&<>\"'\\s{HOLE_OPEN}{HOLE_CLOSE}{PROBE}]")

#: How many folders' links are kept; dirhtml makes every page a folder.
FOLDER_CACHE_SIZE = 32

furo_tree: Callable[[str], str] = getattr(
    get_navigation_tree, "__wrapped__", get_navigation_tree
)  # furo's function without its lru_cache, which would keep one copy per caller


class HoleBuilder:
    """Stands in for the builder while the probe's toctree is resolved.

    Sphinx asks it for each internal link (``get_relative_uri``); it answers
    with a numbered hole and remembers the target docname.
    """

    def __init__(self, builder: Builder) -> None:
        self._builder = builder
        self.targets: list[str] = []

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        if typ is not None:  # Sphinx's toctree never asks for a typed link
            msg = f"unexpected link type {typ!r}"
            raise TypeError(msg)
        self.targets.append(to)
        return f"{HOLE_OPEN}{len(self.targets) - 1}{HOLE_CLOSE}"

    def __getattr__(self, name: str) -> Any:
        return getattr(self._builder, name)


@dataclass(frozen=True)
class Shape:
    """The parts every page's tree is made of, for one build (picklable, see cache.py).

    Tags are numbered in document order; ``texts[i]`` is the text before tag i.
    """

    texts: list[str]
    #: each start tag as it is where it is not current (``a`` with a link hole)
    neutral: list[str]
    #: each start tag as it is on the current branch
    current: list[str]
    #: ``li`` index -> its start tag when it is furo's "current-page"
    current_page: dict[int, str]
    #: ``a`` index -> (hole number, whether the link has no anchor)
    links: dict[int, tuple[int, bool]]
    #: index of an ``a`` without anchor -> indices of the ``li``/``ul`` above it
    branches: dict[int, tuple[int, ...]]
    #: ``li`` index -> indices of its expanders (``input``)
    expanders: dict[int, tuple[int, ...]]
    #: hole number -> the docname Sphinx asked a link to
    targets: list[str]
    #: docs whose toc holds only-nodes: Sphinx copies them differently below them
    guarded: frozenset[str]


def resolve_probe(builder: StandaloneHTMLBuilder) -> tuple[nodes.Element | None, list[str]]:
    """Sphinx's toctree, as furo asks for it, for a page in no toctree, links as holes."""
    holes = HoleBuilder(builder)
    tree = global_toctree_for_doc(
        builder.env, PROBE, cast("Builder", holes), tags=builder.tags, **FURO_TOCTREE_KWARGS
    )
    return tree, holes.targets


def make_shape(
    builder: StandaloneHTMLBuilder, tree: nodes.Element | None, targets: list[str]
) -> Shape | None:
    """Render the probe's tree twice (neutral, all current); ``None`` if they do not line up."""
    if tree is None:
        return Shape([""], [], [], {}, {}, {}, {}, [], frozenset())
    neutral_html = furo_tree(builder.render_partial(tree.deepcopy())["fragment"])
    tree = tree.deepcopy()
    mark_every_branch(tree)
    current_html = furo_tree(builder.render_partial(tree)["fragment"])

    n_tags = list(TAG_RE.finditer(neutral_html))
    c_tags = list(TAG_RE.finditer(current_html))
    texts = split_between(neutral_html, n_tags)
    if [m[1] for m in n_tags] != [m[1] for m in c_tags] or texts != split_between(
        current_html, c_tags
    ):
        return None
    neutral = [m[0] for m in n_tags]
    current = [m[0] for m in c_tags]

    soup = BeautifulSoup(neutral_html, "html.parser")
    elements = soup.find_all(["ul", "li", "a", "input"])
    if [e.name for e in elements] != [m[1] for m in n_tags]:
        return None
    position = {id(e): i for i, e in enumerate(elements)}

    links: dict[int, tuple[int, bool]] = {}
    branches: dict[int, tuple[int, ...]] = {}
    expanders: dict[int, tuple[int, ...]] = {}
    for index, element in enumerate(elements):
        if element.name == "a" and (hole := HOLE_RE.search(neutral[index])):
            link, same = LINK_RE.search(neutral[index]), LINK_RE.search(current[index])
            if (
                not str(element.get("href", "")).startswith(hole[0])
                or link is None
                or same is None
                or link[0] != same[0]
                or UNSAFE_URI_RE.search(link[2])
            ):
                return None
            plain = link[2] == ""
            links[index] = (int(hole[1]), plain)
            if plain:
                branches[index] = tuple(
                    position[id(p)] for p in element.parents if p.name in ("li", "ul")
                )
        elif element.name == "li":
            expanders[index] = tuple(
                position[id(c)] for c in element.find_all("input", recursive=False)
            )

    # furo adds "current-page" to the last current li; in the marked run
    # that is the last li of all. Keep the current form without it, and
    # derive the current-page form of every li the same way furo does.
    li_indices = [i for i, m in enumerate(n_tags) if m[1] == "li"]
    current_page: dict[int, str] = {}
    if li_indices:
        last = li_indices[-1]
        stripped = CLASS_RE.sub(strip_current_page, current[last], count=1)
        if stripped == current[last]:
            return None
        current[last] = stripped
        for i in li_indices:
            current_page[i] = CLASS_RE.sub(
                lambda m: f'class="{m[1]} current-page"', current[i], count=1
            )
    guarded = frozenset(
        doc
        for doc, toc in builder.env.tocs.items()
        if next(iter(toc.findall(addnodes.only)), None) is not None
    )
    return Shape(
        texts, neutral, current, current_page, links, branches, expanders, targets, guarded
    )


class NavigationTemplate:
    """furo's navigation tree for any page of one build, from one :class:`Shape`."""

    def __init__(self, builder: StandaloneHTMLBuilder, shape: Shape) -> None:
        self.builder = builder
        self.shape = shape
        self.target_uris = [builder.get_target_uri(t) for t in shape.targets]
        #: docname -> indices of the ``a`` that Sphinx would mark ``current``
        self.marks: dict[str, list[int]] = {}
        #: target URI -> indices of every ``a`` that links to it
        self.by_uri: dict[str, list[int]] = {}
        #: ``a`` index -> the anchor that follows its link hole
        self.anchors: dict[int, str] = {}
        for index, (hole, plain) in shape.links.items():
            if plain:
                self.marks.setdefault(shape.targets[hole], []).append(index)
            self.by_uri.setdefault(self.target_uris[hole], []).append(index)
            self.anchors[index] = link_value(shape.neutral[index])
        #: every ``a`` without a hole links to an http(s) URL (see render's rewrite)
        self.only_web_links = all(
            WEB_HREF_RE.search(tag)
            for index, tag in enumerate(shape.neutral)
            if tag.startswith("<a") and index not in shape.links
        )
        self._folders: dict[str, list[str] | None] = {}

    def render(
        self, pagename: str, rewrite: Callable[[dict[int, str]], dict[int, str]] | None = None
    ) -> str | None:
        """The tree exactly as furo would compute it on ``pagename``, or ``None``.

        ``rewrite`` gets the link of every ``a`` with a hole, as Sphinx puts it
        in the tree (``refuri``), and returns the links to render instead; every
        other ``a`` must link to an http(s) URL.
        """
        shape = self.shape
        if not shape.neutral:
            return shape.texts[0] if rewrite is None else None
        if shape.guarded and shape.guarded.intersection(
            TocTree(self.builder.env).get_toctree_ancestors(pagename)
        ):
            return None  # Sphinx deep-copies these docs' tocs (with only-nodes) for this page
        own = self.builder.get_target_uri(pagename)
        to_self = relative_uri(own, own)
        if rewrite is None:
            base = self.folder(own)
            if base is None:
                return None
            parts = base.copy()
            values = {i: to_self + self.anchors[i] for i in self.by_uri.get(own, ())}
        else:
            if not self.only_web_links:
                return None
            parts = [""] * (2 * len(shape.neutral) + 1)
            parts[::2] = shape.texts
            parts[1::2] = shape.neutral
            values = rewrite(
                {
                    i: relative_uri(own, self.target_uris[hole]) + self.anchors[i]
                    for i, (hole, _) in shape.links.items()
                }
            )
            if any(UNSAFE_URI_RE.search(v) for v in values.values()):
                return None
        for index, value in values.items():
            parts[2 * index + 1] = fill(shape.neutral[index], value)
        branch: set[int] = set()
        for index in self.marks.get(pagename, ()):
            branch.add(index)
            branch.update(shape.branches[index])
        last_li = max((i for i in branch if i in shape.expanders), default=-1)
        for index in branch:
            if index in shape.links:
                tag = fill(shape.current[index], values[index])
            elif index == last_li:
                tag = shape.current_page[index]
            else:
                tag = shape.current[index]
            parts[2 * index + 1] = tag
            for expander in shape.expanders.get(index, ()):
                parts[2 * expander + 1] = shape.current[expander]
        return "".join(parts)

    def folder(self, own: str) -> list[str] | None:
        """The neutral tree with links as seen from the folder of the URI ``own``."""
        path = own.partition("#")[0]
        key = path[: path.rfind("/") + 1]
        if key not in self._folders:
            if len(self._folders) >= FOLDER_CACHE_SIZE:
                del self._folders[next(iter(self._folders))]
            self._folders[key] = self._links_from(key + PROBE)
        return self._folders[key]

    def _links_from(self, probe: str) -> list[str] | None:
        # relative_uri depends on the page's folder only, except for a link to
        # the page itself; a name no target has stands for any page there.
        shape = self.shape
        parts = [""] * (2 * len(shape.neutral) + 1)
        parts[::2] = shape.texts
        for index, tag in enumerate(shape.neutral):
            if index in shape.links:
                uri = relative_uri(probe, self.target_uris[shape.links[index][0]])
                if UNSAFE_URI_RE.search(uri):
                    return None
                parts[2 * index + 1] = fill(tag, uri + self.anchors[index])
            else:
                parts[2 * index + 1] = tag
        return parts


def link_value(tag: str) -> str:
    """The anchor after the link hole of an ``a`` start tag."""
    link = LINK_RE.search(tag)
    assert link is not None
    return link[2]


def fill(tag: str, value: str) -> str:
    """Put a link in the tag's hole (with its anchor); empty is ``#``, as Sphinx writes it."""
    link = LINK_RE.search(tag)
    assert link is not None
    return tag[: link.start()] + (value or "#") + tag[link.end() :]


def mark_every_branch(tree: nodes.Element) -> None:
    """Add ``current`` where Sphinx would on any page: above every internal link."""
    for reference in tree.findall(nodes.reference):
        if not HOLE_RE.fullmatch(reference.get("refuri", "")):
            continue  # external, or with an anchor: never current
        node: nodes.Element | None = reference
        while node is not None:
            if "current" not in node["classes"]:
                node["classes"].append("current")
            node = node.parent if node is not tree else None


def split_between(html: str, tags: list[re.Match[str]]) -> list[str]:
    """The text around and between the matched tags (one more item than tags)."""
    texts, start = [], 0
    for tag in tags:
        texts.append(html[start : tag.start()])
        start = tag.end()
    texts.append(html[start:])
    return texts


def strip_current_page(match: re.Match[str]) -> str:
    classes = match[1].split(" ")
    if classes[-1] == "current-page":
        classes.pop()
    return f'class="{" ".join(classes)}"'
