"""The extensions' modules import in one direction, and only at the top.

An import inside a function hides a dependency (often to dodge a cycle);
a cycle means no module can be read, tested or replaced on its own. Read
from the sources with ``ast``, type-only imports (``if TYPE_CHECKING:``)
included: they too must point down.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from .conftest import ROOT

EXT = ROOT / "_ext"
MODULES = sorted(p for p in EXT.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(EXT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, tree: ast.Module) -> set[str]:
    """The project modules ``path`` imports (relative imports resolved)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    known = {module_name(p) for p in MODULES}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            modules = {f"{target}.{a.name}" for a in node.names} & known
            found |= modules or ({target} & known)  # `from . import listings` names a module
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
    found.discard(module_name(path))
    return found


#: The talks engine's layers, bottom up: a module imports from its own layer or below.
LAYERS = [
    {"talks.model", "talks.extra_files", "talks.builders"},  # records, files, builders: no Sphinx
    {"talks.domain"},  # where records are declared; warnings
    {"talks.placeholders"},  # what is filled after reading, and the page being filled
    {"talks.render", "talks.roles", "talks.published", "talks.player", "talks.unfold"},
    {"talks.listings", "talks.posts"},
    {
        "talks.book",
        "talks.collector",
        "talks.config",
        "talks.control_characters",
        "talks.directives",
        "talks.entry",
        "talks.feed",
        "talks.formats",
        "talks.handlers",
        "talks.labels",
        "talks.markup",
        "talks.metadata",
        "talks.outputs",
        "talks.pyvideo",
        "talks.single_page",
        "talks.table_ids",
        "talks.warned",
    },
    {"talks"},  # setup()
]


def test_no_import_inside_a_function() -> None:
    inside = [
        f"{path.relative_to(ROOT)}:{child.lineno} in {node.name}()"
        for path in MODULES
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.walk(node)
        if isinstance(child, ast.Import | ast.ImportFrom)
    ]
    assert not inside, "imports inside functions:\n" + "\n".join(inside)


def test_the_import_graph_has_no_cycle() -> None:
    graph = {module_name(p): imported(p, ast.parse(p.read_text())) for p in MODULES}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")
    assert order


def test_the_engine_imports_downwards() -> None:
    layer = {name: n for n, names in enumerate(LAYERS) for name in names}
    engine = [p for p in MODULES if module_name(p).split(".")[0] == "talks"]
    assert {module_name(p) for p in engine} == set(layer), "place each module in LAYERS"
    upward = [
        f"{module_name(p)} imports {other}"
        for p in engine
        for other in sorted(imported(p, ast.parse(p.read_text())))
        if layer[other] > layer[module_name(p)]
    ]
    assert not upward, "\n".join(upward)


def test_the_model_needs_no_sphinx() -> None:
    tree = ast.parse((EXT / "talks" / "model.py").read_text())
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {n for n in names if n.split(".")[0] in {"sphinx", "docutils"}}
