"""Keep a checked :class:`~furo_navigation.tree.Shape` from one build to the next.

An incremental build that writes a handful of pages would otherwise pay for
the whole tree three times (to resolve it, to make the shape, to check it
against furo). The shape is stored beside Sphinx's environment, under a key
made of everything it is computed from:

- what Sphinx 9.0's ``global_toctree_for_doc`` reads from the environment:
  the root document's toctree nodes, and every document's toc, ``tocdepth``
  and title (the tocs carry section numbers too), written out node by node;
- what renders the tree: the builder and translator classes, the docutils
  settings, every configuration value, the tags;
- the code: Python, Sphinx, docutils, BeautifulSoup, furo (version and the
  fingerprints of :mod:`furo_navigation.compat`) and this extension.

What the environment part must cover is a fact about Sphinx's code, so shapes
are stored only under the Sphinx versions in :data:`CHECKED_SPHINX`; under any
other, every build computes its shape. A shape is stored only once furo's own
tree for a page has matched it; one that does not load, or whose key differs,
is computed again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bs4
import docutils
import sphinx
from docutils import nodes
from sphinx import addnodes
from talks.sphinx_private import partial_settings

from . import compat
from .tree import Shape

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

#: Bump when :class:`Shape` or the way it is made changes.
FORMAT = 1
#: Sphinx versions whose ``global_toctree_for_doc`` reads only what :func:`shape_key` hashes.
CHECKED_SPHINX = frozenset({"9.0.4"})


def stable(value: Any) -> str:
    """A repr that is the same from one process to the next (no ids, sorted sets)."""
    if isinstance(value, dict):
        items = sorted((stable(k), stable(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable(v) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable(v) for v in value)) + "}"
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)


def shape_key(builder: StandaloneHTMLBuilder) -> str | None:
    """The key of the build's shape, or ``None`` where shapes are not stored."""
    if sphinx.__display_version__ not in CHECKED_SPHINX:
        return None
    env = builder.env
    settings = partial_settings(builder)
    facts = [
        FORMAT,
        sys.version,
        sphinx.__display_version__,
        docutils.__version__,
        bs4.__version__,
        compat.furo_version(),
        stable(compat.fingerprints()),
        stable(type(builder)),
        builder.name,
        stable(builder.get_translator_class()),
        stable(vars(settings) if settings is not None else None),
        stable({c.name: c.value for c in builder.config}),
        stable(sorted(builder.tags)),
    ]
    digest = hashlib.sha256(stable(facts).encode())
    # the root's toctree nodes hold their data in attributes (the nodes refer to
    # their document, whose settings refer to the whole environment)
    for node in env.master_doctree.findall(addnodes.toctree):
        digest.update(stable(node.attributes).encode())
    for doc in sorted(env.tocs):
        digest.update(stable([doc, env.metadata.get(doc, {}).get("tocdepth")]).encode())
        for tree in (env.tocs[doc], env.titles.get(doc)):
            digest.update(canonical(tree).encode() if tree is not None else b"-")
    return digest.hexdigest()


def canonical(node: nodes.Node) -> str:
    """A node's tag, attributes, text and children, whatever objects they share.

    (Pickles of equal trees differ with the objects they share, and a tree read
    in this build shares differently from one loaded from the environment.) An
    empty basic attribute (``ids``, ``classes``, ...) is left out: docutils gives
    every element these lists, so an empty one says nothing, and skipping it halves
    the time of a key over a thousand pages' tocs.
    """
    out: list[str] = []
    append = out.append
    empty_is_absent = nodes.Element.list_attributes

    def walk(item: nodes.Node) -> None:
        if isinstance(item, nodes.Text):
            append(repr(str(item)))
            return
        assert isinstance(item, nodes.Element)
        attributes = item.attributes
        append(f"<{item.tagname}")
        for name in sorted(attributes):
            value = attributes[name]
            if value or name not in empty_is_absent:
                append(f" {name}={value!r}")
        for child in item.children:
            walk(child)
        append(">")

    walk(node)
    return "".join(out)


def shape_path(builder: StandaloneHTMLBuilder) -> Path:
    return Path(builder.doctreedir, f"furo_navigation.{builder.name}.pickle")


def load_shape(path: Path, key: str) -> Shape | None:
    try:
        with path.open("rb") as stored:
            stored_key, shape = pickle.load(stored)  # written by save_shape, beside the env
    except (
        OSError,
        EOFError,
        ImportError,
        pickle.UnpicklingError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
    ):
        return None  # missing, truncated, or from another version of this module
    return shape if stored_key == key and isinstance(shape, Shape) else None


def save_shape(path: Path, key: str, shape: Shape) -> None:
    """Store the shape (atomically: a reader sees the old file or the new one)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as out:
            pickle.dump((key, shape), out, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)  # the next build computes the shape again
