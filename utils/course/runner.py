"""Execute notebooks in full mode, stamp them, and regenerate the README's tables from the stamps.

    python -m utils.course.runner notebooks/01_vanilla_autoencoder.ipynb   # execute, stamp, refresh README
    python -m utils.course.runner --readme                                 # only regenerate the README tables
    python -m utils.course.runner --check                                  # list stale or broken notebooks

A stamp lives in the notebook's metadata under `course.stamp`: the mode (always "full" for a committed notebook), the
sha256 of its code cells, a sha256 of the code of every `utils` function, class and constant the notebook uses, the
runtime, the versions it ran with, and the headline metrics that the notebook reported through
`utils.course.results.report_headline`. The tests compare the stamp with the notebook and with `utils`, so a code
cell edited after stamping, a change to the code of something the notebook uses, a cell left unexecuted, or a stored
error fails the suite.

What the `utils` hashes see: each name a code cell imports from a `utils` module (`from utils.x import f`), and,
followed recursively, each `utils` function, class or constant that the code of those names refers to by a plain name
or as `module.name`. Code means the source with docstrings and comments removed (`ast.unparse`), so fixing a
docstring or adding a new function stales nothing. What they do not see: code reached only dynamically (a function
looked up by a string, a method of an object built elsewhere and passed in), third-party libraries, and data files.
"""

import argparse
import ast
import dataclasses
import datetime
import hashlib
import importlib
import inspect
import json
import os
import platform
import re
import sys
import time
import types
from importlib.metadata import version
from pathlib import Path

from utils.course.colab import badge_markdown
from utils.course.results import MIME_TYPE, format_value

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
README = REPO_ROOT / "README.md"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
CELL_TIMEOUT_S = 1800
BANNER_MARKERS = ("oneDNN", "cudart", "cuda_", "absl::", "TF_ENABLE_ONEDNN_OPTS", "computation placer",
                  "This TensorFlow binary is optimized")
TABLES = ("course-map", "results")


def notebook_paths():
    """Every course notebook, in course order."""
    return sorted(NOTEBOOKS_DIR.glob(NOTEBOOK_GLOB))


def code_hash(notebook):
    """sha256 of the notebook's code cells (their sources, in order)."""
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    return hashlib.sha256(json.dumps(sources, ensure_ascii=False).encode("utf-8")).hexdigest()


def _strip_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


def _is_utils(obj):
    module = getattr(obj, "__module__", None) if not isinstance(obj, types.ModuleType) else obj.__name__
    return isinstance(module, str) and (module == "utils" or module.startswith("utils."))


def _code_of(obj):
    """The code of a function, class or module, without docstrings and comments; or the repr of a constant."""
    obj = _unwrapped(obj)
    if isinstance(obj, (types.FunctionType, type, types.ModuleType)):
        source = inspect.getsource(obj)
        lines = source.splitlines()
        indent = len(lines[0]) - len(lines[0].lstrip()) if lines else 0
        tree = ast.parse("\n".join(line[indent:] for line in lines))
        return ast.unparse(_strip_docstrings(tree)), tree
    if isinstance(obj, ModuleName):
        return _definition_of(obj), None
    text = repr(obj)
    return (f"<{type(obj).__module__}.{type(obj).__qualname__}>" if " at 0x" in text else text), None


@dataclasses.dataclass(frozen=True)
class ModuleName:
    """A module-level constant that utils code names: hashed by the code that defines it, not by its value."""

    module: str
    name: str
    value: object


def _definition_of(constant):
    """The module-level statements that assign `constant.name` in its module, as text.

    A value is not hashed: a cache such as `utils.datafiles._verified` is filled while the course runs, and a set's
    repr follows Python's per-process string hashing. Where no assignment is found (the name is imported), the repr of
    an immutable value stands in, and a mutable one counts by its type alone.
    """
    module = sys.modules.get(constant.module)
    try:
        tree = ast.parse(inspect.getsource(module))
    except (TypeError, OSError):
        tree = ast.Module(body=[], type_ignores=[])
    statements = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names = [target for target in node.targets]
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            names = [node.target]
        else:
            continue
        if any(isinstance(sub, ast.Name) and sub.id == constant.name for target in names for sub in ast.walk(target)):
            statements.append(ast.unparse(node))
    if statements:
        return "\n".join(statements)
    if isinstance(constant.value, (list, dict, set)):
        return f"<{type(constant.value).__name__}>"
    if isinstance(constant.value, frozenset):
        return f"frozenset({sorted(map(repr, constant.value))})"
    return repr(constant.value)


def _unwrapped(obj):
    return inspect.unwrap(obj) if callable(obj) and hasattr(obj, "__wrapped__") else obj


CONSTANT_TYPES = (bool, int, float, str, bytes, tuple, list, dict, frozenset, set)


def _referenced(obj, tree):
    """The `utils` objects that the code in `tree` (the source of `obj`) names, as {qualified name: object}."""
    if isinstance(obj, types.ModuleType):
        namespace = vars(obj)
    else:
        namespace = vars(sys.modules[obj.__module__])
    found = {}
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Name) and node.id in namespace:
            target = namespace[node.id]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in namespace:
            base = namespace[node.value.id]
            if isinstance(base, types.ModuleType) and _is_utils(base):
                target = getattr(base, node.attr, None)
        if target is None:
            continue
        if isinstance(target, CONSTANT_TYPES) and isinstance(node, ast.Name) and not node.id.startswith("__"):
            module_name = obj.__name__ if isinstance(obj, types.ModuleType) else obj.__module__
            found[f"{module_name}.{node.id}"] = ModuleName(module_name, node.id, target)
            continue
        target = _unwrapped(target)
        if target is None or isinstance(target, types.ModuleType) or not _is_utils(target):
            continue
        if isinstance(target, (types.FunctionType, type)):
            found[f"{target.__module__}.{target.__qualname__}"] = target
    return found


def _resolve(module_name, attribute=None):
    """The object `module_name.attribute` (or the module), or a string saying it is missing."""
    try:
        module = importlib.import_module(module_name)
        if attribute is None:
            return module
        if hasattr(module, attribute):
            return getattr(module, attribute)
        return importlib.import_module(f"{module_name}.{attribute}")
    except ImportError as error:
        return f"<missing: {error}>"


def imported_utils(notebook):
    """{qualified name: object} of every name that the notebook's code cells import from `utils` modules."""
    names = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "utils":
                for alias in node.names:
                    names[f"{node.module}.{alias.name}"] = _resolve(node.module, alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "utils":
                        names[alias.name] = _resolve(alias.name)
    return names


def utils_hashes(notebook):
    """{qualified name: sha256 of its code} for what the notebook uses from `utils`, followed recursively."""
    pending = dict(imported_utils(notebook))
    hashes = {}
    while pending:
        name, obj = pending.popitem()
        if name in hashes:
            continue
        code, tree = _code_of(obj)
        hashes[name] = hashlib.sha256(code.encode("utf-8")).hexdigest()
        if tree is not None:
            for other, target in _referenced(obj, tree).items():
                if other not in hashes:
                    pending[other] = target
    return dict(sorted(hashes.items()))


def headline_of(notebook):
    """The headline rows that the notebook's outputs carry (from `report_headline`), or an empty list."""
    rows = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME_TYPE in data:
                rows.extend(data[MIME_TYPE]["headline"])
    return rows


def _output_text(output):
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return str(output.get("data", {}).get("text/plain", ""))


def stamp_problems(notebook):
    """What makes a committed notebook stale or broken (an empty list when it is fine)."""
    stamp = notebook.metadata.get("course", {}).get("stamp")
    if not stamp:
        return ["not stamped: run `python -m utils.course.runner <notebook>`"]
    problems = []
    if stamp.get("mode") != "full":
        problems.append(f"stamped in {stamp.get('mode')!r} mode; commit notebooks executed in full mode")
    if stamp.get("source_sha256") != code_hash(notebook):
        problems.append("a code cell changed after the notebook was stamped: re-execute it")
    if "utils_sha256" not in stamp:
        problems.append("the stamp records no utils hashes (stamped by an older runner): re-execute it")
    else:
        now = utils_hashes(notebook)
        changed = sorted(name for name in set(now) | set(stamp["utils_sha256"])
                         if now.get(name) != stamp["utils_sha256"].get(name))
        if changed:
            problems.append(f"utils code it uses changed after stamping ({', '.join(changed)}): re-execute it")
    counts = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None:
            problems.append(f"code cell {index} has no output (it was not executed)")
        counts.append(cell.get("execution_count"))
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"code cell {index} stores an error: {output.get('ename')}")
            text = _output_text(output)
            for marker in BANNER_MARKERS:
                if marker in text:
                    problems.append(f"code cell {index} stores a TensorFlow start-up banner ({marker!r})")
    if counts and all(count is not None for count in counts) and counts != list(range(1, len(counts) + 1)):
        problems.append("code cells were not executed once, top to bottom, in one run")
    if not headline_of(notebook):
        problems.append("no headline metrics (call utils.course.results.report_headline in the Results section)")
    return problems


def execute_and_stamp(path):
    """Execute a notebook in full mode in its own folder, stamp it, and write it back. Returns the stamp."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path).resolve()
    notebook = nbformat.read(path, as_version=4)
    os.environ.pop("AE_QUICK", None)
    os.environ["AE_VERBOSE"] = "2"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    client.execute()
    runtime = time.perf_counter() - started

    stamp = {
        "mode": "full",
        "source_sha256": code_hash(notebook),
        "utils_sha256": utils_hashes(notebook),
        "runtime_s": round(runtime, 1),
        "executed_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{os.cpu_count()} CPU cores, {platform.machine()}",
        "versions": {name: version(name) for name in ("tensorflow", "keras", "numpy", "scikit-learn")}
        | {"python": platform.python_version()},
        "headline": headline_of(notebook),
    }
    notebook.metadata.setdefault("course", {})["stamp"] = stamp
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return stamp


def format_runtime(seconds):
    """`1 min 05 s` style."""
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def _title(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return re.sub(r"^\d\d\s*·\s*", "", match.group(1).strip())
    return "(untitled)"


def readme_tables():
    """The generated README tables, keyed by table name."""
    import nbformat

    course_map = ["| # | notebook | what it teaches | data | open | full-mode runtime |", "|---|---|---|---|---|---|"]
    results = ["| notebook | metric | ours | baseline | verdict | published | full-mode runtime |",
               "|---|---|---|---|---|---|---|"]
    for path in notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        course = notebook.metadata.get("course", {})
        card, stamp = course.get("card", {}), course.get("stamp", {})
        runtime = format_runtime(stamp["runtime_s"]) if "runtime_s" in stamp else "not stamped"
        link = f"[{_title(notebook)}](notebooks/{path.name})"
        course_map.append(f"| {path.name[:2]} | {link} | {card.get('teaches', '')} | {card.get('data', '')} | "
                          f"{badge_markdown(path.name)} | {runtime} |")
        for row in stamp.get("headline", []):
            results.append(f"| {path.name[:2]} | {row['metric']} | {format_value(row, 'ours')} | "
                           f"{format_value(row, 'baseline')} ({row['baseline_name']}) | {row.get('verdict', '—')} | "
                           f"{row.get('published') or '—'} | {runtime} |")
    return {"course-map": "\n".join(course_map), "results": "\n".join(results)}


def _block(name, body):
    return (f"<!-- BEGIN {name}: generated by `python -m utils.course.runner --readme`, do not edit by hand -->\n"
            f"{body}\n<!-- END {name} -->")


def render_readme(text):
    """`text` with every generated table replaced by its current version."""
    for name, body in readme_tables().items():
        pattern = re.compile(rf"<!-- BEGIN {name}:.*?-->.*?<!-- END {name} -->", flags=re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"README.md has no generated block {name!r}.")
        block = _block(name, body)
        text = pattern.sub(lambda _match: block, text)  # noqa: B023 (used at once, inside this iteration)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to execute in full mode and stamp")
    parser.add_argument("--readme", action="store_true", help="only regenerate the README tables")
    parser.add_argument("--check", action="store_true", help="list stale or broken notebooks; exit 1 if any")
    args = parser.parse_args(argv)
    if args.check:
        import nbformat

        failed = False
        for path in notebook_paths():
            for problem in stamp_problems(nbformat.read(path, as_version=4)):
                print(f"{path.name}: {problem}")
                failed = True
        return 1 if failed else 0
    for path in args.notebooks:
        stamp = execute_and_stamp(path)
        print(f"{Path(path).name}: {format_runtime(stamp['runtime_s'])}, headline {stamp['headline']}")
    README.write_text(render_readme(README.read_text()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
