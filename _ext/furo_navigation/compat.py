"""The code the navigation template reproduces, pinned by version and source.

:mod:`furo_navigation.tree` gives every page the bytes furo's own functions
would give it. That holds for the furo whose code was checked against the
equality tests (``tests/test_furo_navigation.py``); for any other furo the
optimisation switches itself off, and the compatibility test fails with a
message that says what changed.

The same goes for sphinx-notfound-page's 404 page, whose ``toctree`` function
the template follows (then rewrites links with notfound's own
``replace_uris``): for another notfound, furo computes that one page.

Either case is a warning when the build asks for furo (so ``-W`` fails it): the
fix is to run the equality tests with the new version and add its version and
fingerprints here, or to set ``furo_navigation_cache = False`` on purpose.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import TYPE_CHECKING

import furo
import furo.navigation

try:  # the 404 page's extension is optional: without it, there is no 404 page to follow
    import notfound
    from notfound.extension import finalize_media
    from notfound.utils import replace_uris as replace_uris
except ImportError:  # pragma: no cover (the site installs it)
    notfound = replace_uris = None

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

#: furo version -> sha256 of the source of each piece of furo the template copies.
KNOWN_FURO: dict[str, dict[str, str]] = {
    "2025.12.19": {
        "furo._html_page_context": "c975beb0bb11643d5213bbb8b0026e7f64fa5f2a9745d7bda6d2686947da34b2",
        "furo._compute_navigation_tree": "376f6a271e349b74257ce3a9a7785c5d0b8e705671702340672ff81f3fa431dc",
        "furo.navigation": "d38a557d277767f50f7dfe887f0033f7682209f51fd630f74a571a2b357a204f",
    },
}


#: sphinx-notfound-page version -> sha256 of ``finalize_media`` (which defines its toctree).
KNOWN_NOTFOUND: dict[str, str] = {
    "1.1.0": "89600aa57e3a6e38f55814ffe0fc4debc28b400a8062d39912705e2218be21c4",
}


def pieces() -> dict[str, ModuleType | Callable[..., object]]:
    return {
        "furo._html_page_context": furo._html_page_context,
        "furo._compute_navigation_tree": furo._compute_navigation_tree,
        "furo.navigation": furo.navigation,
    }


def fingerprints() -> dict[str, str]:
    """sha256 of the installed furo's source for each piece the template copies."""
    return {
        name: hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()
        for name, obj in pieces().items()
    }


def furo_version() -> str:
    return str(furo.__version__)


def incompatibility() -> str | None:
    """Why the installed furo is not one the template is known to reproduce, or None."""
    version = furo_version()
    known = KNOWN_FURO.get(version)
    if known is None:
        return (
            f"furo {version} is not a version the navigation template was checked against "
            f"(known: {', '.join(sorted(KNOWN_FURO))})"
        )
    changed = [name for name, digest in fingerprints().items() if known.get(name) != digest]
    if changed:
        return f"furo {version}'s source of {', '.join(changed)} is not the one that was checked"
    return None


def notfound_fingerprint() -> tuple[str, str] | None:
    """The installed sphinx-notfound-page's version and sha256 of ``finalize_media``."""
    if notfound is None:
        return None
    digest = hashlib.sha256(inspect.getsource(finalize_media).encode()).hexdigest()
    return str(notfound.__version__), digest


def notfound_incompatibility() -> str | None:
    """Why the installed sphinx-notfound-page is not the one checked, or None."""
    installed = notfound_fingerprint()
    if installed is None:
        return "sphinx-notfound-page is not installed"
    version, digest = installed
    known = KNOWN_NOTFOUND.get(version)
    if known is None:
        return (
            f"sphinx-notfound-page {version} is not a version the navigation template was "
            f"checked against (known: {', '.join(sorted(KNOWN_NOTFOUND))})"
        )
    if known != digest:
        return (
            f"sphinx-notfound-page {version}'s source of notfound.extension.finalize_media "
            "is not the one that was checked"
        )
    return None


def notfound_is_known() -> bool:
    """Whether the installed sphinx-notfound-page's 404 toctree is the one checked."""
    return notfound_incompatibility() is None
