"""The package's import graph, read from the source (ast): every module in a declared folder (a
module's floor is its folder, layers.FOLDERS), no circle, imports only downwards, and no import
inside a function except of a declared heavy module (layers.LAZY) that the importing module does
not already load. Modules are named by their dotted path inside the package ("report.render")."""
import ast
from pathlib import Path

from manpower.layers import BOTTOM, COMMAND, FLOORS, FOLDERS, LAZY, floor

PKG = Path(__file__).resolve().parents[1] / "src" / "manpower"


def module_names(pkg: Path) -> dict[str, Path]:
    """{dotted name inside the package: file}; a sub-package's own file is "folder.__init__"."""
    return {".".join(p.relative_to(pkg).with_suffix("").parts): p for p in sorted(pkg.rglob("*.py"))}


def _target(parts: list[str], name: str | None, modules: set[str]) -> str | None:
    """The module an import of `name` from package path `parts` loads: the submodule if there is
    one, else the (sub-)package's own module."""
    if name and ".".join([*parts, name]) in modules:
        return ".".join([*parts, name])
    if ".".join(parts) in modules:
        return ".".join(parts)
    init = ".".join([*parts, "__init__"])
    return init if init in modules else None


def imports(path: Path, module: str, modules: set[str]) -> list[tuple[str, str, int]]:
    """(module of the package imported, where: "module", "function" or "typing", line) for every
    import in `path`, the file of `module`; an import under `if TYPE_CHECKING:` (never run) counts
    for circles and floors, not as loaded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function, typing_only = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            in_function.update(id(n) for n in ast.walk(node) if n is not node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for n in ast.walk(node) if n is not node)
    package = module.split(".")[:-1]  # the folder `module` sits in ([] at the top)
    out = []
    for node in ast.walk(tree):
        targets: list[str | None] = []
        if isinstance(node, ast.ImportFrom):
            dotted = [p for p in (node.module or "").split(".") if p]
            if node.level == 0:
                if not dotted or dotted[0] != "manpower":
                    continue
                parts = dotted[1:]
            else:
                if node.level - 1 > len(package):
                    raise AssertionError(f"{module}:{node.lineno}: a relative import above the package")
                parts = package[:len(package) - (node.level - 1)] + dotted
            targets = [_target(parts, a.name, modules) for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [_target(a.name.split(".")[1:], None, modules) for a in node.names
                       if a.name.startswith("manpower.")]
        where = "typing" if id(node) in typing_only else "function" if id(node) in in_function else "module"
        out += [(t, where, node.lineno) for t in dict.fromkeys(targets) if t and t != module]
    return out


def graph_of(pkg: Path) -> dict[str, list[tuple[str, str, int]]]:
    files = module_names(pkg)
    return {m: imports(p, m, set(files)) for m, p in files.items()}


MODULES = set(module_names(PKG))
GRAPH = graph_of(PKG)
TOP = {m: sorted({t for t, where, _ in edges if where == "module"}) for m, edges in GRAPH.items()}


def misplaced(modules: set[str]) -> list[str]:
    """Modules outside the declared folders, or at the top of the package without being declared there."""
    bad = []
    for m in sorted(modules):
        folder, _, name = m.rpartition(".")
        if "." in folder:
            bad.append(f"{m}: folders inside folders are not floors")
        elif folder and folder not in FLOORS[1:-1]:
            bad.append(f"{m}: its folder {folder} is not a floor in layers.FOLDERS")
        elif not folder and name not in BOTTOM + COMMAND:
            bad.append(f"{m}: at the top of the package but neither in layers.BOTTOM nor in layers.COMMAND")
    return bad


def upward(graph: dict[str, list[tuple[str, str, int]]]) -> list[str]:
    return [f"{m}:{line} imports {t} ({FLOORS[floor(t)]}, above {FLOORS[floor(m)]})"
            for m, edges in graph.items() for t, _, line in edges if floor(t) > floor(m)]


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


def test_every_module_sits_in_a_declared_folder_and_lazy_names_real_modules():
    assert not misplaced(MODULES), "\n".join(misplaced(MODULES))
    assert sorted({m.split(".")[0] for m in MODULES if "." in m}) == sorted(name for name, _ in FOLDERS), \
        "layers.FOLDERS names a folder that does not exist"
    assert not LAZY.keys() - MODULES, f"layers.LAZY names modules that do not exist: {sorted(LAZY.keys() - MODULES)}"
    late = {t for edges in GRAPH.values() for t, where, _ in edges if where == "function"}
    assert not LAZY.keys() - late, f"layers.LAZY names modules no function imports: {sorted(LAZY.keys() - late)}"


def test_each_folder_says_its_job_and_imports_nothing_when_imported():
    """A sub-package's __init__.py is a docstring only: importing `manpower.report` for one module
    must not load the others (the command line starts at once)."""
    for name, _ in FOLDERS:
        tree = ast.parse((PKG / name / "__init__.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{name}/__init__.py has no docstring saying its job"
        assert all(isinstance(n, ast.Expr) for n in tree.body), f"{name}/__init__.py does more than say its job"


def test_no_circle_among_the_modules():
    """Function-level imports count too: a circle dodged by importing late is still a circle."""
    every = {m: sorted({t for t, _, _ in edges}) for m, edges in GRAPH.items()}
    found = cycles(every)
    assert not found, "circles: " + "; ".join(" <-> ".join(c) for c in found)


def test_imports_only_go_down_the_floors():
    bad = upward(GRAPH)
    assert not bad, "\n".join(bad)


def test_an_import_inside_a_function_is_a_declared_heavy_module_not_loaded_already():
    bad = []
    for m, edges in GRAPH.items():
        already = loads(m)
        for t, where, line in edges:
            if where != "function":
                continue
            if t not in LAZY:
                bad.append(f"{m}:{line} imports {t} inside a function, and {t} is not in layers.LAZY")
            elif t in already:
                bad.append(f"{m}:{line} imports {t} inside a function, but {m} loads it at import already")
    assert not bad, "\n".join(bad)


def test_the_walker_sees_circles_upward_misplaced_and_late_imports(tmp_path):
    """The checks above fail on a package that breaks them (so they cannot pass vacuously): a
    module in core/ importing from report/ (upward: it sits in the wrong folder), a circle dodged
    inside a function, a module in an undeclared folder and one loose at the top."""
    for folder in ("core", "report", "misc"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text('"""A folder."""\n')
    (tmp_path / "errors.py").write_text("import os\n")
    (tmp_path / "core" / "a.py").write_text("from . import b\nfrom ..report.c import x\nfrom manpower import errors\n")
    (tmp_path / "core" / "b.py").write_text("def f():\n    from .a import y\n")
    (tmp_path / "report" / "c.py").write_text("from manpower.core import a\nfrom .. import errors\n")
    (tmp_path / "misc" / "d.py").write_text("")
    (tmp_path / "loose.py").write_text("")
    graph = graph_of(tmp_path)
    assert graph["core.a"] == [("core.b", "module", 1), ("report.c", "module", 2), ("errors", "module", 3)]
    assert graph["core.b"] == [("core.a", "function", 2)]
    assert graph["report.c"] == [("core.a", "module", 1), ("errors", "module", 2)]
    assert cycles({m: [t for t, _, _ in e] for m, e in graph.items()}) == [["core.a", "core.b", "report.c"]]
    assert upward({m: e for m, e in graph.items() if m.split(".")[0] in ("core", "report", "errors")}) == \
        ["core.a:2 imports report.c (report, above core)"]
    assert [line.split(":")[0] for line in misplaced(set(graph))] == ["loose", "misc.__init__", "misc.d"]


def test_every_exception_the_package_defines_is_a_manpower_error():
    """One base (errors.ManpowerError): the command line prints any of them as one line."""
    import importlib
    import inspect

    import papermill  # noqa: F401  (first: its engine entry point imports papermill_engine)

    from manpower.errors import ManpowerError

    outside = []
    for m in sorted(MODULES - {"__main__", "_build"}):
        module = importlib.import_module("manpower." + m.removesuffix("__init__").rstrip(".") if m != "__init__" else "manpower")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, Exception) and not issubclass(cls, ManpowerError):
                outside.append(f"{m}.{name}")
    assert not outside, f"exceptions not under ManpowerError: {outside}"
