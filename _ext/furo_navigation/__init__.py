"""furo's sidebar at the cost of one page, not of the whole site on every page.

furo computes the site's full navigation tree for every page it writes, so a
build costs the square of the number of pages. This extension gives furo a
stand-in ``toctree`` that answers its call with nothing, then hands it the
tree :mod:`furo_navigation.tree` derives from one computation per build: the
same bytes furo would have produced (``tests/test_furo_navigation.py``
compares every page, with and without it).

It switches itself off, with one info line, for a theme other than furo, a
builder other than ``html`` and ``dirhtml``, or ``furo_navigation_cache =
False``. A furo whose code it was not checked against (:mod:`furo_navigation.compat`)
switches it off with a warning that says how to check the new furo, as does a
sphinx-notfound-page it was not checked against (furo then computes the 404
page): without it, an upgrade would make every build quadratic again, silently.
Pages whose ``toctree`` function is neither Sphinx's own nor
sphinx-notfound-page's (for its 404 page) are left to furo.

The template is checked: furo computes the first page of a build as well, and
a difference is a warning, after which furo computes every page. A checked
template is stored beside the environment (:mod:`furo_navigation.cache`) and
used again while nothing it is computed from changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from .cache import load_shape, save_shape, shape_key, shape_path
from .compat import incompatibility, notfound_incompatibility, notfound_is_known, replace_uris
from .tree import FURO_TOCTREE_KWARGS, NavigationTemplate, make_shape, resolve_probe

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

KNOWN_BUILDERS = (StandaloneHTMLBuilder, DirectoryHTMLBuilder)
#: The ``toctree`` function Sphinx puts in each page's context (``handle_page``).
SPHINX_TOCTREE = ("sphinx.builders.html", "StandaloneHTMLBuilder.handle_page.<locals>.<lambda>")
#: The one sphinx-notfound-page puts in the 404 page's context instead.
NOTFOUND_TOCTREE = ("notfound.extension", "finalize_media.<locals>.toctree")
#: What to do about a furo or sphinx-notfound-page the template was not checked against.
RECHECK = (
    "re-check the template: run tests/test_furo_navigation.py with it and, once the tests "
    "pass, add its version and fingerprints (furo_navigation.compat.fingerprints() or "
    "notfound_fingerprint()) to KNOWN_FURO or KNOWN_NOTFOUND in "
    "_ext/furo_navigation/compat.py; to build without the optimisation on purpose, set "
    "furo_navigation_cache = False in conf.py"
)
#: furo's handler runs at the default priority, 500: ours run just before and after.
BEFORE_FURO, AFTER_FURO = 450, 501
CONTEXT_KEY = "_furo_navigation"


def toctree_of(function: object) -> tuple[object, object]:
    return getattr(function, "__module__", None), getattr(function, "__qualname__", None)


def is_sphinx_toctree(function: object) -> bool:
    return toctree_of(function) == SPHINX_TOCTREE


def notfound_rewrite(app: Sphinx) -> Callable[[dict[int, str]], dict[int, str]]:
    """The 404 page's links: what notfound's ``replace_uris`` makes of Sphinx's."""

    def rewrite(links: dict[int, str]) -> dict[int, str]:
        references = {i: nodes.reference("", "", refuri=uri) for i, uri in links.items()}
        holder = nodes.paragraph("", "", *references.values())
        replace_uris(app, holder, nodes.reference, "refuri")
        return {i: str(node["refuri"]) for i, node in references.items()}

    return rewrite


class StandIn:
    """What furo finds as ``toctree``: nothing for its own call, the real tree otherwise."""

    def __init__(self, toctree: Callable[..., str]) -> None:
        self.toctree = toctree

    def __call__(self, **kwargs: Any) -> str:
        if kwargs == FURO_TOCTREE_KWARGS:
            return ""
        return self.toctree(**kwargs)


class FuroNavigation:
    """Per-application state; each process (``-j``) keeps its own template."""

    def __init__(self) -> None:
        self.enabled = False
        #: the template is computed (or loaded) for this build
        self.prepared = False
        #: furo's own tree has matched the template's on one page of this build
        self.checked = False
        self.template: NavigationTemplate | None = None
        self.key: str | None = None

    def builder_inited(self, app: Sphinx) -> None:
        self.enabled = False
        builder = app.builder
        reason = None
        if not app.config.furo_navigation_cache:
            reason = "furo_navigation_cache = False"
        elif type(builder) not in KNOWN_BUILDERS:
            reason = f"the {builder.name!r} builder is not one it knows (html, dirhtml)"
        elif app.config.html_theme != "furo":
            reason = f"the theme {app.config.html_theme!r} is not furo"
        if reason is not None:
            self.off(reason)
            return
        if (unchecked := incompatibility()) is not None:
            self.unchecked(
                unchecked,
                "furo computes the whole sidebar on every page: the build time grows with "
                "the square of the number of pages",
            )
            return
        if "notfound.extension" in app.extensions and (unchecked := notfound_incompatibility()):
            self.unchecked(unchecked, "furo computes the 404 page's sidebar itself")
        self.enabled = True

    def unchecked(self, reason: str, consequence: str) -> None:
        """Code the template follows is not the code it was checked against: a warning."""
        logger.warning(
            "furo_navigation: %s; %s. To fix, %s",
            reason,
            consequence,
            RECHECK,
            type="furo_navigation",
            subtype="unchecked",
        )

    def off(self, reason: str) -> None:
        self.enabled = False
        logger.info(
            "furo_navigation: off, %s; the sidebar is computed on every page",
            reason,
            type="furo_navigation",
            subtype="off",
        )

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> None:
        """The toctrees may have changed: compute (or load) the template again."""
        self.prepared = self.checked = False
        self.template = None

    def prepare(self, app: Sphinx) -> None:
        """The template for this build: stored by an earlier one, or computed now."""
        self.prepared = True
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)
        self.key = shape_key(builder)
        shape = load_shape(shape_path(builder), self.key) if self.key else None
        if shape is not None:
            self.checked = True  # it matched furo's tree in the build that stored it
        else:
            shape = make_shape(builder, *resolve_probe(builder))
        if shape is None:
            self.off("this site's toctree cannot be templated")
        else:
            self.template = NavigationTemplate(builder, shape)

    def before_furo(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: object,
    ) -> None:
        toctree = context.get("toctree")
        if not self.enabled:
            return
        rewrite = None
        if not is_sphinx_toctree(toctree):
            if not self.notfound_page(app, pagename, toctree):
                return
            rewrite = notfound_rewrite(app)
        if not self.prepared:
            self.prepare(app)
        if not self.checked or self.template is None:
            return  # furo computes this page; after_furo compares
        tree = self.template.render(pagename, rewrite)
        if tree is not None:
            context[CONTEXT_KEY] = (toctree, tree)
            context["toctree"] = StandIn(toctree)  # type: ignore[arg-type]

    def notfound_page(self, app: Sphinx, pagename: str, toctree: object) -> bool:
        """Whether this is sphinx-notfound-page's 404 page, with the toctree checked."""
        return (
            toctree_of(toctree) == NOTFOUND_TOCTREE
            and pagename == app.config.notfound_pagename
            and notfound_is_known()
        )

    def after_furo(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: object,
    ) -> None:
        if (state := context.pop(CONTEXT_KEY, None)) is not None:
            context["toctree"], context["furo_navigation_tree"] = state
        elif self.enabled and not self.checked and is_sphinx_toctree(context.get("toctree")):
            self.check(app, pagename, context["furo_navigation_tree"])

    def check(self, app: Sphinx, pagename: str, furo_tree: str) -> None:
        """Compare furo's tree for this page with the template's; store the template if equal."""
        assert self.template is not None
        mine = self.template.render(pagename)
        if mine is None:
            return  # a page the template leaves to furo: check the next one
        if mine != furo_tree:
            self.enabled = False
            logger.warning(
                "furo_navigation: the templated sidebar differs from furo's on this page; "
                "furo computes it on every page of this build",
                location=pagename,
                type="furo_navigation",
                subtype="mismatch",
            )
            return
        self.checked = True
        assert isinstance(app.builder, StandaloneHTMLBuilder)
        if self.key:
            save_shape(shape_path(app.builder), self.key, self.template.shape)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("furo_navigation_cache", True, "", types=[bool])
    state = FuroNavigation()
    app.connect("builder-inited", state.builder_inited)
    app.connect("env-updated", state.env_updated)
    app.connect("html-page-context", state.before_furo, priority=BEFORE_FURO)
    app.connect("html-page-context", state.after_furo, priority=AFTER_FURO)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
