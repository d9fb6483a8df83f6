"""The shape of the ``tracker`` package: its modules import each other without a cycle.

A cycle means neither module can be read (or changed, or tested) without the other, and
it works at run time only as long as nobody reorders the imports.
"""

from __future__ import annotations

import ast
import graphlib
import itertools
from pathlib import Path

TRACKER = Path(__file__).resolve().parent.parent / "tracker"


def module_names(root: Path) -> dict[str, Path]:
    """Every module of the package at ``root``, by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None) if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST):
    """Every import statement, at the top or inside functions and classes.

    Imports under ``if TYPE_CHECKING:`` are left out: they never run, so they cannot make
    importing a module fail, and they are the usual way to name a type from a module that
    depends on this one.
    """
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif _is_type_checking_block(node):
            for statement in node.orelse:  # the else branch does run
                yield from _imports(ast.Module(body=[statement], type_ignores=[]))
        else:
            yield from _imports(node)


def imported_names(module: str, path: Path) -> set[str]:
    """Dotted names this module imports: modules, or ``module.name`` for ``from m import name``."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:  # relative: from . import x, from ..store import y
            anchor = module.split(".")
            anchor = anchor if is_package else anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join(anchor + ([base] if base else []))
        found.add(base)
        found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_graph(root: Path = TRACKER) -> dict[str, set[str]]:
    """Module → the modules of the package that importing it runs.

    Importing ``tracker.importers.base`` runs ``tracker/importers/__init__.py`` first, so
    an import reaches the target's parent packages too; but not the importer's own parent
    packages, which Python has already started before the importer itself.
    """
    modules = module_names(root)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        own_parents = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
        own_parents.add(module)
        targets = set()
        for name in imported_names(module, path):
            parts = name.split(".")
            for end in range(1, len(parts) + 1):
                prefix = ".".join(parts[:end])
                if prefix in modules and prefix not in own_parents:
                    targets.add(prefix)
        graph[module] = targets
    return graph


def test_the_graph_sees_every_kind_of_import(tmp_path):
    # A small package with each kind of import, so the checker is known to see them all.
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("import pkg.b\n")
    (pkg / "b.py").write_text("def later():\n    from pkg import c\n")
    (pkg / "c.py").write_text("from .sub.d import thing\n")
    (pkg / "sub" / "__init__.py").write_text("from pkg.sub import d\n")
    (pkg / "sub" / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n"
        "else:\n    from .. import e\n"
    )
    (pkg / "e.py").write_text("")
    assert import_graph(pkg) == {
        "pkg": set(),
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.c"},
        "pkg.c": {"pkg.sub", "pkg.sub.d"},
        "pkg.sub": {"pkg.sub.d"},
        "pkg.sub.d": {"pkg.e"},
        "pkg.e": set(),
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle, each module importing the next (the first is repeated at the end)."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        # graphlib lists each node before the ones that depend on it: turn it around.
        return list(reversed(error.args[1]))
    return None


def test_a_cycle_is_found_and_named_in_import_order():
    graph = {"t.a": {"t.b"}, "t.b": {"t.c"}, "t.c": {"t.a"}, "t.d": {"t.a"}}
    cycle = find_cycle(graph)
    assert cycle is not None and set(cycle) == {"t.a", "t.b", "t.c"}
    assert cycle[0] == cycle[-1]
    assert all(later in graph[module] for module, later in itertools.pairwise(cycle))
    assert find_cycle({"t.a": {"t.b"}, "t.b": set()}) is None


def test_tracker_modules_import_each_other_without_a_cycle():
    graph = import_graph()
    assert "tracker.backup" in graph and "tracker.importers" in graph  # it read the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle inside tracker/: " + " imports ".join(cycle or [])


# --- sizes: no class a newcomer can't hold in their head ----------------------------------

MAX_CLASS_LINES = 400
APP_CODE = ("tracker", "ui", "pages", "hosting")


def long_classes(paths, limit: int = MAX_CLASS_LINES) -> list[str]:
    """Classes longer than ``limit`` lines, as "path:line Name (N lines)"."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    found.append(f"{path.name}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_class_is_longer_than_a_newcomer_can_hold():
    root = TRACKER.parent
    paths = [path for folder in APP_CODE for path in sorted((root / folder).rglob("*.py"))]
    assert len(paths) > 40  # the check looked at the app's code
    assert long_classes(paths) == []


def test_a_long_class_is_named(tmp_path):
    module = tmp_path / "big.py"
    module.write_text("class Big:\n" + "    x = 1\n" * 401 + "\n\nclass Small:\n    y = 2\n")
    assert long_classes([module]) == ["big.py:1 Big (402 lines)"]
