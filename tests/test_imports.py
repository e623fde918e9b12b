"""No import cycle inside the package (issue 9): the graph of module-level ``claimtrail`` imports,
read from the source with ``ast``, has no cycle; and the modules that once were in one import alone
in a fresh interpreter.

Only imports that run when a module is imported count: those at module level (also inside a
module-level ``if``/``try``/``with`` or a class body), not those inside functions (they run later,
once every module is loaded) nor those under ``if TYPE_CHECKING:`` (never run). Importing
``claimtrail.a.b`` also runs ``claimtrail/a/__init__.py``, so that package is an edge too, unless it
encloses the importing module (then it is already being imported).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = "claimtrail"
SRC = Path(__file__).resolve().parent.parent / "src"
ROOT = SRC / PACKAGE


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(body: list[ast.stmt], deferred: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of a body that run when the module is imported; with ``deferred``
    also those inside functions. Never those under ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if deferred:
                yield from _import_nodes(node.body, deferred)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _import_nodes(node.orelse, deferred)
        else:
            for block in _blocks(node):
                yield from _import_nodes(block, deferred)


def _blocks(node: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists inside a compound statement (if, try and its handlers, with, class...)."""
    for _field, value in ast.iter_fields(node):
        if isinstance(value, list):
            statements = [v for v in value if isinstance(v, ast.stmt)]
            if statements:
                yield statements
            for v in value:
                if isinstance(v, ast.ExceptHandler | ast.match_case):
                    yield v.body


def _targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool, known: set[str]) -> set[str]:
    """The package modules an import statement of ``importer`` loads (by name)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:
        base = importer if is_package else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            base = base.rpartition(".")[0]
        base = f"{base}.{node.module}" if node.module else base
    else:
        base = node.module or ""
    # ``from pkg import name``: the submodule pkg.name when there is one, else pkg's attribute.
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}


def _with_packages(target: str, importer: str) -> set[str]:
    """``target`` and the packages above it that importing it runs, except those that enclose the
    importer (already being imported when the importer runs)."""
    out = {target}
    parts = target.split(".")
    for i in range(1, len(parts)):
        package = ".".join(parts[:i])
        if not (importer == package or importer.startswith(package + ".")):
            out.add(package)
    return out


def import_graph(deferred: bool = False) -> dict[str, set[str]]:
    """Module -> the package modules it imports at import time (with ``deferred``: or at any time,
    from inside a function too)."""
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in _import_nodes(tree.body, deferred):
            for target in _targets(node, name, path.name == "__init__.py", known):
                if target in known:
                    edges |= _with_packages(target, name) & known
        edges.discard(name)
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a path that returns to its start) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the first module of a strongly connected group (breadth first)."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & members):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {start} in {group}")


def test_the_graph_sees_module_level_imports_only() -> None:
    graph = import_graph()
    assert f"{PACKAGE}.ingest.decode" in graph[f"{PACKAGE}.ingest.read"]
    assert f"{PACKAGE}.ingest" in graph[f"{PACKAGE}.store.ledger"]  # the package __init__ runs too
    assert f"{PACKAGE}.worker" in graph[f"{PACKAGE}.parallel"]
    assert f"{PACKAGE}.run" not in graph[PACKAGE]  # under TYPE_CHECKING
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_the_deferred_graph_sees_imports_inside_functions() -> None:
    assert f"{PACKAGE}.run" in import_graph(deferred=True)[PACKAGE]  # inside ``claimtrail.ingest()``
    assert f"{PACKAGE}.run" not in import_graph(deferred=True)[f"{PACKAGE}.store.ledger"]


def test_no_import_cycle() -> None:
    """No cycle among the imports that run at import time: any module imports first, alone."""
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_no_cycle_hidden_in_a_function() -> None:
    """No cycle either when imports deferred into functions count: moving an import into a
    function hides a cycle from the interpreter, not from the reader (the fetch/read, run/parallel
    and gazetteer/resolve cycles of issue 9 were all of this kind). Move what both need into a
    module of its own instead."""
    cycles = find_cycles(import_graph(deferred=True))
    assert not cycles, "cycles through imports inside functions:\n" + "\n".join(
        " -> ".join(c) for c in cycles
    )


def test_ingest_is_a_straight_line() -> None:
    """Only the package entry imports ``ingest.read`` (the dispatcher); no reader reaches back into it."""
    graph = import_graph(deferred=True)
    readers = [m for m, edges in graph.items() if f"{PACKAGE}.ingest.read" in edges]
    assert [m for m in readers if m.startswith(f"{PACKAGE}.ingest")] == [f"{PACKAGE}.ingest"]


@pytest.mark.parametrize(
    "module",
    ["ingest.fetch", "ingest.read", "parallel", "run", "worker", "geo.gazetteer", "geo.resolve"],
)
def test_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    """The modules that were in a cycle import on their own (no partially initialised module)."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {PACKAGE}.{module}"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
