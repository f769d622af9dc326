"""The package's import graph, read from the source (ast): no circle, imports only downwards
(layers.FLOORS), and no import inside a function except of a declared heavy module (layers.LAZY)
that the importing module does not already load."""
import ast
from pathlib import Path

from manpower.layers import FLOOR, FLOORS, LAZY

PKG = Path(__file__).resolve().parents[1] / "src" / "manpower"


def imports(path: Path, modules: set[str]) -> list[tuple[str, str, int]]:
    """(module of the package imported, where: "module", "function" or "typing", line) for every import in `path`;
    an import under `if TYPE_CHECKING:` (never run) counts for circles and floors, not as loaded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function, typing_only = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            in_function.update(id(n) for n in ast.walk(node) if n is not node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for n in ast.walk(node) if n is not node)
    out = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            dotted = node.module or ""
            if node.level == 0 and not dotted.startswith("manpower"):
                continue
            if node.level > 1:
                raise AssertionError(f"{path.name}:{node.lineno}: import from a parent package")
            parts = dotted.split(".")[1:] if node.level == 0 else [p for p in dotted.split(".") if p]
            names = [parts[0]] if parts else [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("manpower.")]
        where = "typing" if id(node) in typing_only else "function" if id(node) in in_function else "module"
        out += [(n, where, node.lineno) for n in names if n in modules and n != path.stem]
    return out


MODULES = {p.stem for p in PKG.glob("*.py")}
GRAPH = {m: imports(PKG / f"{m}.py", MODULES) for m in sorted(MODULES)}
TOP = {m: sorted({t for t, where, _ in edges if where == "module"}) for m, edges in GRAPH.items()}


def loads(module: str) -> set[str]:
    """Every module of the package importing `module` loads (module-level imports, transitively)."""
    seen, todo = set(), [module]
    while todo:
        for t in TOP[todo.pop()]:
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_every_module_has_a_floor_and_every_floor_names_real_modules():
    assert not MODULES - FLOOR.keys(), f"modules without a floor in layers.FLOORS: {sorted(MODULES - FLOOR.keys())}"
    assert not FLOOR.keys() - MODULES, f"layers.FLOORS names modules that do not exist: {sorted(FLOOR.keys() - MODULES)}"
    named = [m for _, ms in FLOORS for m in ms]
    assert len(named) == len(set(named)), "a module is on two floors"
    assert not LAZY.keys() - MODULES, f"layers.LAZY names modules that do not exist: {sorted(LAZY.keys() - MODULES)}"
    late = {t for edges in GRAPH.values() for t, where, _ in edges if where == "function"}
    assert not LAZY.keys() - late, f"layers.LAZY names modules no function imports: {sorted(LAZY.keys() - late)}"


def test_no_circle_among_the_modules():
    """Function-level imports count too: a circle dodged by importing late is still a circle."""
    every = {m: sorted({t for t, _, _ in edges}) for m, edges in GRAPH.items()}
    found = cycles(every)
    assert not found, "circles: " + "; ".join(" <-> ".join(c) for c in found)


def test_imports_only_go_down_the_floors():
    up = [f"{m}.py:{line} imports {t} ({FLOORS[FLOOR[t]][0]}, above {FLOORS[FLOOR[m]][0]})"
          for m, edges in GRAPH.items() for t, _, line in edges if FLOOR[t] > FLOOR[m]]
    assert not up, "\n".join(up)


def test_an_import_inside_a_function_is_a_declared_heavy_module_not_loaded_already():
    bad = []
    for m, edges in GRAPH.items():
        already = loads(m)
        for t, where, line in edges:
            if where != "function":
                continue
            if t not in LAZY:
                bad.append(f"{m}.py:{line} imports {t} inside a function, and {t} is not in layers.LAZY")
            elif t in already:
                bad.append(f"{m}.py:{line} imports {t} inside a function, but {m} loads it at import already")
    assert not bad, "\n".join(bad)


def test_the_walker_sees_circles_upward_and_late_imports(tmp_path):
    """The checks above fail on a package that breaks them (so they cannot pass vacuously)."""
    (tmp_path / "a.py").write_text("from . import b\nfrom manpower.c import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from .a import y\n")
    (tmp_path / "c.py").write_text("import os\n")
    mods = {"a", "b", "c"}
    graph = {m: imports(tmp_path / f"{m}.py", mods) for m in mods}
    assert graph["a"] == [("b", "module", 1), ("c", "module", 2)]
    assert graph["b"] == [("a", "function", 2)]
    assert cycles({m: [t for t, _, _ in e] for m, e in graph.items()}) == [["a", "b"]]


def test_every_exception_the_package_defines_is_a_manpower_error():
    """One base (errors.ManpowerError): the command line prints any of them as one line."""
    import importlib
    import inspect

    import papermill  # noqa: F401  (first: its engine entry point imports papermill_engine)

    from manpower.errors import ManpowerError

    outside = []
    for m in sorted(MODULES - {"__main__", "_build"}):
        module = importlib.import_module(f"manpower.{m}" if m != "__init__" else "manpower")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, Exception) and not issubclass(cls, ManpowerError):
                outside.append(f"{m}.{name}")
    assert not outside, f"exceptions not under ManpowerError: {outside}"
