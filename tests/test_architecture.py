"""The house rules of the code, checked on its source: layers, no import cycle, no private reach.

Data flows one way (design notes, "Flow of data"): norms → the view of the norms in force → pure
formulas → the typed estimate → checks and reports → the CLI. A module may import from its own
layer or a lower one, never from a higher one; no import cycle exists (lazy imports included); no
module imports another module's ``_private`` name, and a ``_private`` module is imported only from
inside its own package (``ictcost._internal`` is the package for code shared privately).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "ictcost"


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(name: str) -> str | None:
    """The ictcost module that ``name`` (a dotted import target) lives in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in ast.walk(node):
                if hasattr(sub, "lineno"):
                    lines.add(sub.lineno)
    return lines


def _imports(name: str) -> list[tuple[str, tuple[str, ...], int]]:
    """``(target module, imported names, line)`` of every runtime import of a module."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = name if _is_package(name) else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ictcost"):
                    target = _resolve(alias.name)
                    if target:
                        out.append((target, (), node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if not module.startswith("ictcost"):
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                if sub in MODULES:
                    out.append((sub, (), node.lineno))
                else:
                    target = _resolve(module)
                    if target:
                        out.append((target, (alias.name,), node.lineno))
    return out


# The layers, lowest first. A module belongs to the first prefix it matches.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "ictcost._version",
        "ictcost.errors",
        "ictcost._internal",
        "ictcost.notes",
        "ictcost.keys",
        "ictcost.report.layout",
        "ictcost.report.messages",
    ),
    ("ictcost.money", "ictcost.words"),
    (
        "ictcost.norms.models",
        "ictcost.norms.loader",
        "ictcost.norms.cited",
        "ictcost.norms.registry",
    ),
    (
        "ictcost.regimes",
        "ictcost.norms.view",
        "ictcost.norms",
        "ictcost.structure",
        "ictcost.documents",
        "ictcost.labels",
    ),
    ("ictcost.types", "ictcost.validation"),
    ("ictcost.fees", "ictcost.software"),
    ("ictcost.estimate", "ictcost.inputs"),
    ("ictcost.checks", "ictcost.report", "ictcost.simulation", "ictcost.portfolio"),
    ("ictcost.stages",),
    ("ictcost.cli", "ictcost.__main__", "ictcost"),
)


def _layer(name: str) -> int:
    best: tuple[int, int] | None = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                # the longest matching prefix decides (ictcost.report.layout before ictcost.report)
                if best is None or len(prefix) > best[1]:
                    best = (rank, len(prefix))
    assert best is not None, f"{name} belongs to no layer: add it to LAYERS"
    return best[0]


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        _layer(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_from_a_higher_layer(name: str) -> None:
    mine = _layer(name)
    wrong = [
        f"{name}:{line} imports {target} (layer {_layer(target)} > {mine})"
        for target, _, line in _imports(name)
        if _layer(target) > mine
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle() -> None:
    graph = {
        name: {t for t, _, _ in _imports(name) if t != name and not name.startswith(t + ".")}
        for name in MODULES
    }
    # a package's __init__ importing its own submodules is how re-exports work; a submodule
    # importing its package's __init__ would close a loop and is counted
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_reach_across_modules(name: str) -> None:
    wrong = []
    for target, names, line in _imports(name):
        if target == name:
            continue
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        if private and not target.startswith("ictcost._internal"):
            wrong.append(f"{name}:{line} imports {', '.join(private)} from {target}")
        leaf = target.rpartition(".")[2]
        owner = target.rpartition(".")[0]
        if (
            leaf.startswith("_")
            and not leaf.startswith("__")
            and owner not in {"ictcost", "ictcost._internal"}
            and not (name == owner or name.startswith(owner + "."))
        ):
            wrong.append(f"{name}:{line} imports the private module {target}")
    assert not wrong, "\n".join(sorted(set(wrong)))


SHIPPED_REGISTRY_ALLOWED = {
    # the top entry point: its helpers stand for its commands
    "ictcost.cli",
    # pydantic types for other tools (NormId, NormRef) check against the shipped norms inside
    # their validators: a field type has no argument to receive a registry
    "ictcost.types",
    # the renderer puts the keys a note carries in the shipped tables' own words (labels only,
    # never a figure): a note has no registry, and a user pack cannot change an amount through it
    "ictcost.report._words",
}


@pytest.mark.parametrize("name", sorted(set(MODULES) - SHIPPED_REGISTRY_ALLOWED))
def test_only_public_entry_points_reach_the_shipped_registry(name: str) -> None:
    """Below the public functions, formulas get a registry or a view passed in."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    wrong = [
        f"{name}:{sub.lineno} {fn.name}() calls NormRegistry.shipped()"
        for fn in functions
        if fn.name.startswith("_") and fn.name != "__init__"
        for sub in ast.walk(fn)
        if isinstance(sub, ast.Call)
        and isinstance(sub.func, ast.Attribute)
        and sub.func.attr == "shipped"
    ]
    assert not wrong, "\n".join(wrong)


def test_the_estimate_does_not_know_the_reports() -> None:
    for name in MODULES:
        if name.startswith("ictcost.estimate"):
            targets = {t for t, _, _ in _imports(name)}
            assert not {t for t in targets if t.startswith(("ictcost.report", "ictcost.checks"))}


# A lower layer may name a higher module only to import it on first use, where the name is a
# hook with a default: a result finds its displays and its workbook writer, the registry its
# view. Each such name is listed here; any other would be an import around the layers.
NAMED_UPWARD = {
    ("ictcost.estimate.result", "ictcost.report.text"),
    ("ictcost.estimate.result", "ictcost.report.excel"),
    ("ictcost.fees.result", "ictcost.report.text"),
    ("ictcost.software.results", "ictcost.report.text"),
    ("ictcost.norms.registry", "ictcost.norms.view"),
    # the rule registry loads the stage rules when it is first read (one registry, one codes page)
    ("ictcost.checks.rules", "ictcost.stages.rules"),
}


def test_a_higher_module_is_named_only_by_the_listed_hooks() -> None:
    found = set()
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value in MODULES
                and node.value != "ictcost"  # the package's own name (its resources)
                and _layer(node.value) > _layer(name)
            ):
                found.add((name, node.value))
    assert found <= NAMED_UPWARD, sorted(found - NAMED_UPWARD)
    # the listed hooks are used (a stale entry is an error too); the software result's hook is
    # listed for when it reads its displays by name
    assert NAMED_UPWARD - found <= {("ictcost.software.results", "ictcost.report.text")}
