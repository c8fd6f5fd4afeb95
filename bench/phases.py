"""Where a build's time goes: sphinx-build run with a clock on its phases and handlers.

``python bench/phases.py OUT.json <sphinx-build arguments>`` runs the build in this
process, as ``python -m sphinx`` would, and writes to ``OUT.json`` the seconds spent:

- in each phase of the build: ``start-up`` (imports, settings, each extension's
  import and ``setup()``, and ``load environment``, the pickled environment of
  the last build), ``read``,
  ``pickle`` (the environment saved), ``consistency``, ``write`` (what writing
  pages needs besides the three next), ``resolve`` (each written page's doctree:
  post-transforms, ``doctree-resolved``), ``translate`` (each page translated and
  templated, ``html-page-context``), ``index`` (each page fed to the search
  index), ``finish`` (indices, ``searchindex.js``, ``objects.inv``, static files)
  and ``build-finished``; then ``other`` (the build's own steps between them) and
  ``python`` (the interpreter starting, and freeing every object as it exits);
- in each event handler (``env-get-outdated``, ``env-updated``, ``doctree-resolved``,
  ...) and each post-transform, under the phase it ran in: the talks collector's
  digests, the feeds, the PyVideo folder, the sitemap and every other extension's
  work show by name; and each page resolved, translated and indexed.

The clocks cost nothing measurable (a few hundred calls per incremental build), so
``bench/scale.py`` runs its incremental builds through this and prints the figures
(:func:`report`). Not a test: tests never assert timings.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
import types
from collections import defaultdict
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

STARTED = time.perf_counter()

#: (phase, what) -> seconds; ``what`` is "" for the phase itself.
SPENT: defaultdict[tuple[str, str], float] = defaultdict(float)
PHASES = [
    "start-up",
    "read",
    "pickle",
    "consistency",
    "write",
    "resolve",
    "translate",
    "index",
    "finish",
    "build-finished",
]
#: The phases running now, innermost last, each with the time of the phases inside it.
STACK: list[list[Any]] = [["start-up", 0.0]]


def timed(phase: str | None, what: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, adding its time to ``(phase, what)``. With ``phase``, it is that
    phase: its time counts there and not in the phase it runs in (a page resolved
    while the feeds are written counts as ``resolve``, not ``build-finished``)."""

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        where = phase or STACK[-1][0]
        if phase:
            STACK.append([phase, 0.0])
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds = time.perf_counter() - start
            if phase:
                _name, inner = STACK.pop()
                STACK[-1][1] += seconds
                seconds -= inner
            SPENT[(where, what)] += seconds

    return run


def label(handler: Any) -> str:
    """``talks.collector.PagesCollector.get_updated_docs``: where a handler is written."""
    function = getattr(handler, "__func__", handler)
    module = getattr(function, "__module__", None) or type(handler).__module__
    name = getattr(function, "__qualname__", None) or type(handler).__qualname__
    return f"{module}.{name}"


def instrument() -> None:
    """Clocks on Sphinx's phases, its events' handlers and its post-transforms."""
    from sphinx import builders
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.events import EventManager
    from sphinx.registry import SphinxComponentRegistry
    from sphinx.transforms.post_transforms import SphinxPostTransform

    def phase(cls: type, method: str, name: str, per_page: bool = False) -> None:
        """``cls.method`` is the phase ``name``; ``per_page``: its first argument is a
        page's docname, and each page's time shows too."""
        function = timed(name, "", getattr(cls, method))
        if per_page:
            whole = function

            def function(self: Any, docname: str, *args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return whole(self, docname, *args, **kwargs)
                finally:
                    SPENT[(name, f"page {docname}")] += time.perf_counter() - start

        setattr(cls, method, function)

    Sphinx._init_env = timed(None, "load environment", Sphinx._init_env)  # type: ignore[method-assign]
    load_extension = SphinxComponentRegistry.load_extension
    loading: list[float] = []  # the time of the extensions each one being loaded loads

    def timed_load(self: SphinxComponentRegistry, app: Sphinx, name: str) -> None:
        if name in app.extensions:
            return load_extension(self, app, name)
        loading.append(0.0)
        start = time.perf_counter()
        try:
            return load_extension(self, app, name)
        finally:
            seconds = time.perf_counter() - start
            inner = loading.pop()
            if loading:
                loading[-1] += seconds
            SPENT[("start-up", f"extension {name} (import, setup)")] += seconds - inner

    SphinxComponentRegistry.load_extension = timed_load  # type: ignore[method-assign,assignment]
    phase(Builder, "read", "read")
    phase(BuildEnvironment, "check_consistency", "consistency")
    phase(Builder, "write", "write")
    phase(StandaloneHTMLBuilder, "prepare_writing", "write")
    phase(BuildEnvironment, "get_and_resolve_doctree", "resolve", per_page=True)
    phase(StandaloneHTMLBuilder, "write_doc", "translate", per_page=True)
    phase(StandaloneHTMLBuilder, "write_doc_serialized", "index", per_page=True)
    phase(StandaloneHTMLBuilder, "finish", "finish")
    # Builder.build pickles the environment with the module it imported
    saved = types.SimpleNamespace(**vars(pickle))
    saved.dump = timed("pickle", "", pickle.dump)
    builders.pickle = saved  # type: ignore[assignment,attr-defined]

    build = Sphinx.build

    def whole_build(self: Sphinx, *args: Any, **kwargs: Any) -> None:
        SPENT[("start-up", "")] += time.perf_counter() - STARTED
        STACK[:] = [["build", 0.0]]
        build(self, *args, **kwargs)

    Sphinx.build = whole_build  # type: ignore[method-assign]

    emit = EventManager.emit
    wrapped: dict[tuple[str, Any], Callable[..., Any]] = {}

    def timed_emit(self: EventManager, name: str, *args: Any, **kwargs: Any) -> list[Any]:
        listeners = self.listeners[name]
        saved = list(listeners)
        listeners[:] = [
            listener._replace(
                handler=wrapped.setdefault(
                    (name, listener.handler),
                    timed(None, f"{name}: {label(listener.handler)}", listener.handler),
                )
            )
            for listener in saved
        ]
        try:
            run = timed(name, "", emit) if name == "build-finished" else emit
            results: list[Any] = run(self, name, *args, **kwargs)
            return results
        finally:  # as they were, with what a handler connected or disconnected meanwhile
            original = {listener.id: listener for listener in saved}
            listeners[:] = [original.get(listener.id, listener) for listener in listeners]

    EventManager.emit = timed_emit  # type: ignore[method-assign]

    apply = SphinxPostTransform.apply

    def timed_apply(self: SphinxPostTransform, **kwargs: Any) -> None:
        what = f"post-transform: {type(self).__module__}.{type(self).__qualname__}"
        timed(None, what, apply)(self, **kwargs)

    SphinxPostTransform.apply = timed_apply  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    out, *arguments = argv
    instrument()
    from sphinx.cmd.build import main as sphinx_build

    try:
        return sphinx_build(arguments)
    finally:
        SPENT[("process", "")] = time.perf_counter() - STARTED
        Path(out).write_text(
            json.dumps([[phase, what, seconds] for (phase, what), seconds in SPENT.items()])
        )


# -- reading the figures ---------------------------------------------------------


def load(path: Path) -> dict[tuple[str, str], float]:
    return {(phase, what): seconds for phase, what, seconds in json.loads(path.read_text())}


def median_of(runs: list[dict[tuple[str, str], float]]) -> dict[tuple[str, str], float]:
    keys = {key for run in runs for key in run}
    return {key: sorted(run.get(key, 0.0) for run in runs)[len(runs) // 2] for key in sorted(keys)}


def lines(spent: dict[tuple[str, str], float], total: float, at_least: float) -> Iterator[str]:
    """A phase a line, then the handlers and post-transforms under it that took
    ``at_least`` seconds or more, slowest first."""
    phases = {p: s for (p, what), s in spent.items() if not what and p != "process"}
    # what no clock covers: the build's own steps between phases
    phases["other"] = spent.get(("process", ""), total) - sum(phases.values())
    # the interpreter starting, and freeing every object when it exits
    phases["python"] = total - spent.get(("process", ""), total)
    for phase in [*PHASES, "other", "python"]:
        seconds = phases.get(phase, 0.0)
        yield f"  {phase:<18} {seconds:6.2f} s {100 * seconds / total:4.0f} %"
        inside = sorted(
            ((s, what) for (p, what), s in spent.items() if p == phase and what and s >= at_least),
            reverse=True,
        )
        for seconds, what in inside:
            yield f"      {seconds:6.3f} s  {what}"


def report(title: str, runs: list[dict[tuple[str, str], float]], total: float) -> None:
    print(f"\n{title}: {total:.2f} s (median of {len(runs)})")
    for line in lines(median_of(runs), total, at_least=0.01):
        print(line)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
