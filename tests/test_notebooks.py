"""The committed notebooks: stamped in full mode and fresh, one setup cell and badge, README tables in sync."""

import ast
import copy

import nbformat
import pytest

from utils.course import colab, runner

NOTEBOOKS = runner.notebook_paths()
SKELETON = ("What you will learn", "ELI5", "The idea", "Results", "Pitfalls", "Test time", "Exercises",
            "Further reading")


def read(path):
    return nbformat.read(path, as_version=4)


def test_course_has_notebooks_00_and_01():
    assert [path.name[:2] for path in NOTEBOOKS][:2] == ["00", "01"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_stamped_fresh_and_clean(path):
    problems = runner.stamp_problems(read(path))
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_badge_and_setup_cell_follow_the_slug(path):
    assert colab.badge_problems(read(path), path.name) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_has_the_whole_skeleton(path):
    markdown = "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "markdown")
    missing = [section for section in SKELETON if f"## {section}" not in markdown]
    assert not missing, f"{path.name} lacks the sections {missing}"
    assert "<details>" in markdown, "quiz answers and solutions are hidden in <details> blocks"
    assert read(path).metadata["course"]["card"]["teaches"]


def test_editing_a_code_cell_makes_the_stamp_stale():
    notebook = read(NOTEBOOKS[-1])
    edited = copy.deepcopy(notebook)
    code_cell = [cell for cell in edited.cells if cell.cell_type == "code"][-1]
    code_cell.source += "\n# an edit after stamping"
    assert runner.stamp_problems(notebook) == []
    assert any("changed after" in problem for problem in runner.stamp_problems(edited))


def test_unexecuted_cell_stored_error_and_banner_are_caught():
    notebook = copy.deepcopy(read(NOTEBOOKS[-1]))
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    code_cells[1].execution_count = None
    code_cells[2].outputs.append(nbformat.v4.new_output("error", ename="ValueError", evalue="x", traceback=[]))
    code_cells[3].outputs.append(nbformat.v4.new_output(
        "stream", name="stderr", text="I0000 cudart_stub.cc:31] Could not find cuda drivers"))
    problems = " | ".join(runner.stamp_problems(notebook))
    assert "has no output" in problems and "stores an error" in problems and "banner" in problems


def test_unstamped_and_quick_mode_notebooks_are_caught():
    notebook = copy.deepcopy(read(NOTEBOOKS[-1]))
    notebook.metadata["course"]["stamp"]["mode"] = "quick"
    assert any("full mode" in problem for problem in runner.stamp_problems(notebook))
    del notebook.metadata["course"]["stamp"]
    assert runner.stamp_problems(notebook) == ["not stamped: run `python -m utils.course.runner <notebook>`"]


def test_readme_tables_match_the_stamps():
    readme = runner.README.read_text()
    stale = "README tables are stale: run `python -m utils.course.runner --readme`"
    assert runner.render_readme(readme) == readme, stale


def test_readme_gives_the_two_commands_and_the_slug():
    readme = runner.README.read_text()
    assert "pip install -r requirements.txt" in readme and "jupyter lab" in readme
    assert "\npytest\n" in readme
    assert colab.REPO_SLUG in readme


def test_ci_runs_the_readme_test_command():
    ci = (runner.REPO_ROOT / ".ci" / "run").read_text()
    assert "pip install --quiet -r requirements.txt" in ci
    lines = [line.strip() for line in ci.splitlines()]
    assert "pytest" in lines                                      # the README's test command, exactly
    jax_run = "KERAS_BACKEND=jax pytest tests -p no:cacheprovider -q"
    assert jax_run in lines and lines.index(jax_run) > lines.index("pytest")   # then the unit tests on JAX


def test_colab_urls_and_bad_names():
    assert colab.colab_url("01_x.ipynb").endswith(f"{colab.REPO_SLUG}/blob/{colab.BRANCH}/notebooks/01_x.ipynb")
    with pytest.raises(ValueError, match="notebooks/01_x.ipynb"):
        colab.colab_url("notebooks/01_x.ipynb")


def _one_cell_notebook(source):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    return notebook


def test_stamp_hashes_follow_what_the_notebook_uses_from_utils():
    hashes = runner.utils_hashes(_one_cell_notebook("from utils.baselines import PCABaseline\nimport numpy as np"))
    assert "utils.baselines.PCABaseline" in hashes
    assert "utils.validation.positive_int" in hashes  # reached through PCABaseline's code (validation.positive_int)
    assert not any(name.startswith("utils.blocks") for name in hashes)


def test_code_hash_ignores_docstrings_and_comments_but_not_code():
    def documented(x):
        """Twice x."""
        return 2 * x  # doubled

    def bare(x):
        return 2 * x

    def changed(x):
        return 3 * x

    def code(function):
        return runner._code_of(function)[0].replace(function.__name__, "f")

    assert code(documented) == code(bare) != code(changed)


def test_a_changed_utils_hash_makes_the_stamp_stale():
    notebook = copy.deepcopy(read(NOTEBOOKS[-1]))
    name = next(iter(notebook.metadata["course"]["stamp"]["utils_sha256"]))
    notebook.metadata["course"]["stamp"]["utils_sha256"][name] = "0" * 64
    assert any("utils code it uses changed" in problem and name in problem
               for problem in runner.stamp_problems(notebook))


def test_setup_cell_explains_a_failed_clone():
    assert "could not fetch" in colab.SETUP_CELL.lower() and "REPO_SLUG above" in colab.SETUP_CELL


def test_setup_cell_is_valid_python():
    ast.parse(colab.SETUP_CELL)  # a stray newline inside a string literal once made it a SyntaxError


ONEDNN_BLOCK = '# oneDNN carries the AMX kernels.\nos.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"\n'


def _notebook_opened_by(setup_source):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(colab.badge_markdown("16_x.ipynb")),
                      nbformat.v4.new_code_cell(setup_source)]
    return notebook


def test_the_onednn_override_is_the_one_accepted_variant_of_the_setup_cell():
    variant = colab.with_onednn_override(ONEDNN_BLOCK)
    assert variant != colab.SETUP_CELL and "import os\n" in variant
    ast.parse(variant)
    assert colab.split_onednn_override(variant) == (colab.SETUP_CELL, ONEDNN_BLOCK)
    assert colab.badge_problems(_notebook_opened_by(variant), "16_x.ipynb") == []
    assert not colab.sync(_notebook_opened_by(variant), "16_x.ipynb")  # sync keeps the override


@pytest.mark.parametrize("setup_source", [
    colab.SETUP_CELL + "\nprint('extra')",                                         # anything else added
    colab.with_onednn_override(ONEDNN_BLOCK).replace('"1"', '"0"'),                # the override, but off
    colab.with_onednn_override(ONEDNN_BLOCK).replace("import os\n", ""),          # os never imported
    colab.SETUP_CELL.replace("keras = load_keras()", ONEDNN_BLOCK + "keras = load_keras()"),  # after the import
])
def test_other_changes_to_the_setup_cell_are_rejected(setup_source):
    assert colab.badge_problems(_notebook_opened_by(setup_source), "16_x.ipynb") != []


def test_the_hash_of_a_set_constant_does_not_depend_on_string_hashing():
    import subprocess
    import sys

    code = ("from utils.course.runner import utils_hashes; import nbformat; "
            "notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("
            "'from utils.settings import is_quick')]); "
            "print(sorted(utils_hashes(notebook).items()))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in range(6)}
    assert len(outputs) == 1, outputs
    assert "utils.settings._TRUE" in outputs.pop()


def test_a_cache_filled_at_run_time_does_not_change_the_hash(monkeypatch):
    from utils import datafiles

    notebook = _one_cell_notebook("from utils.datafiles import fetch")
    before = runner.utils_hashes(notebook)
    assert "utils.datafiles._verified" in before
    monkeypatch.setitem(datafiles._verified, ("/somewhere/else", 0, 0), "f" * 64)
    assert runner.utils_hashes(notebook) == before  # CI once failed on this: the value was hashed, not the code


def test_editing_a_constant_definition_changes_its_hash(tmp_path, monkeypatch):
    import importlib
    import sys

    def hash_of(value_source):
        (tmp_path / "utils_probe_module.py").write_text(f"LIMITS = {value_source}\n")
        sys.modules.pop("utils_probe_module", None)
        module = importlib.import_module("utils_probe_module")
        return runner._code_of(runner.ModuleName("utils_probe_module", "LIMITS", module.LIMITS))[0]

    monkeypatch.syspath_prepend(str(tmp_path))
    assert hash_of("{'a': 1}") == hash_of("{'a': 1}") != hash_of("{'a': 2}")
