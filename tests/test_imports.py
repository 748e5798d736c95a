"""The package's layers (dashboard/__init__.py LAYERS): no import runs up a layer, and no import forms a cycle.

Every module's imports are read from its source (ast), the lazy ones inside
functions too: an import made late is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

from dashboard import LAYERS

PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"
# The command line (dashboard/__main__.py) and the package's own file sit above every layer.
TOP = len(LAYERS)


def package_sources() -> dict[str, str]:
    """Dotted module name -> its source, for every module of the package."""
    sources = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        sources[name] = path.read_text(encoding="utf-8")
    return sources


def imports_of(module: str, source: str, modules: set[str]) -> list[tuple[int, str]]:
    """(line, module) for each module of ``modules`` that ``source`` imports, ``from dashboard.x import y``
    counted as an import of dashboard.x.y when y is a module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name in modules]
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                if child in modules:
                    found.append((node.lineno, child))
                elif node.module in modules:
                    found.append((node.lineno, node.module))
    return sorted({(line, name) for line, name in found if name != module})


def layer_of(module: str) -> int:
    """The rank of the layer ``module`` is in (0 lowest); TOP for the package itself and its command line."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else TOP


def upward_imports(sources: dict[str, str]) -> list[str]:
    """Each import that runs up a layer, as "dashboard/page/layout.py:36 imports dashboard.web.server (page < web)"."""
    problems = []
    for module, source in sources.items():
        for line, imported in imports_of(module, source, set(sources)):
            if layer_of(imported) > layer_of(module):
                below, above = (*LAYERS, "dashboard")[layer_of(module)], LAYERS[layer_of(imported)]
                problems.append(f"{module}:{line} imports {imported} ({below} is below {above})")
    return problems


def import_cycles(sources: dict[str, str]) -> list[str]:
    """Each cycle of imports once, as "dashboard.a -> dashboard.b -> dashboard.a"."""
    modules = set(sources)
    graph = {
        module: sorted({name for _, name in imports_of(module, source, modules)}) for module, source in sources.items()
    }
    cycles: set[tuple[str, ...]] = set()

    def visit(module: str, path: list[str]) -> None:
        for imported in graph[module]:
            if imported in path:
                cycle = path[path.index(imported) :]
                start = cycle.index(min(cycle))
                cycles.add(tuple(cycle[start:] + cycle[:start]))
            elif imported not in done:
                visit(imported, [*path, imported])
        done.add(module)

    done: set[str] = set()
    for module in graph:
        if module not in done:
            visit(module, [module])
    return [" -> ".join([*cycle, cycle[0]]) for cycle in sorted(cycles)]


def test_no_import_runs_up_a_layer() -> None:
    assert upward_imports(package_sources()) == []


def test_no_import_cycle() -> None:
    assert import_cycles(package_sources()) == []


def test_every_module_is_in_a_layer() -> None:
    """A module beside the layers would escape the rule: only the package's own files sit at the top."""
    outside = [module for module in package_sources() if layer_of(module) == TOP]
    assert outside == ["dashboard", "dashboard.__main__"]


def test_an_import_up_a_layer_or_round_a_cycle_is_named() -> None:
    """The checks above can fail: a model module importing a page module, and two modules importing each
    other, are each named with the line of the import."""
    sources = package_sources()
    sources["dashboard.model.metrics"] += "\nfrom dashboard.page.layout import build_layout\n"
    sources["dashboard.figures.style"] += "\nfrom dashboard.figures import readings\n"
    sources["dashboard.figures.readings"] += "\nimport dashboard.figures.style\n"
    lines = len(sources["dashboard.model.metrics"].splitlines())
    assert f"dashboard.model.metrics:{lines} imports dashboard.page.layout (model is below page)" in (
        upward_imports(sources)
    )
    assert "dashboard.figures.readings -> dashboard.figures.style -> dashboard.figures.readings" in (
        import_cycles(sources)
    )
