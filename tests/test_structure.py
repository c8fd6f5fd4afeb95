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
    # records, files, builders (no Sphinx); the one adapter to Sphinx's internals
    {"talks.model", "talks.extra_files", "talks.builders", "talks.sphinx_private"},
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


#: The one place each upstream's private names are used, each listed in its docstring
#: with why and what public API would replace it: Sphinx's (talks.sphinx_private),
#: sphinxext-opengraph's parsers (output_fixes.opengraph_private), furo's functions
#: the navigation template reproduces (furo_navigation.compat, which fingerprints them).
ADAPTERS = {
    EXT / "talks" / "sphinx_private.py",
    EXT / "output_fixes" / "opengraph_private.py",
    EXT / "furo_navigation" / "compat.py",
}
#: Sphinx's application internals, not its public API (``SphinxComponentRegistry``,
#: ``EventManager``), and a logger's handler list, whose order Sphinx relies on.
INTERNALS = {"registry", "events", "handlers"}


def own_private_names(tree: ast.Module) -> set[str]:
    """``_name``s the module itself defines: on ``self`` (its own state, not a base's),
    and its methods."""
    methods = {
        node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.ClassDef)
    }
    return methods | {
        target.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    }


def private_uses(tree: ast.Module) -> list[tuple[int, str]]:
    """``x._name`` (but an object's own), ``getattr(x, "_name")``, imports of
    ``_module``s and Sphinx's ``INTERNALS``: another package's private names."""
    found = []
    own = own_private_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in INTERNALS:
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            owner = node.value
            if node.attr.startswith("__") and node.attr.endswith("__"):
                continue  # __version__, __file__, ...
            if isinstance(owner, ast.Name) and owner.id in {"self", "cls"} and node.attr in own:
                continue  # an object's own state (not a base class's, such as Builder._app)
            found.append((node.lineno, ast.unparse(node)))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr"}
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and str(node.args[1].value).startswith("_")
            and not str(node.args[1].value).startswith("__")
        ):
            found.append((node.lineno, ast.unparse(node)))
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and not node.level
            and any(p.startswith("_") and p != "__future__" for p in node.module.split("."))
        ):
            found.append((node.lineno, f"from {node.module} import ..."))
    return found


def test_private_names_of_other_packages_only_in_the_adapters() -> None:
    uses = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in MODULES
        if path not in ADAPTERS
        for line, text in private_uses(ast.parse(path.read_text()))
    ]
    assert not uses, "use a public API, or add it to talks.sphinx_private:\n" + "\n".join(uses)


def test_the_adapters_use_private_names() -> None:
    """The test above reads what it should: each adapter's uses are found."""
    for path in ADAPTERS:
        assert private_uses(ast.parse(path.read_text())), path
