"""The repository slug, the Open-in-Colab badge, and the setup cell that opens every notebook.

The slug lives here and nowhere else by hand: `python -m utils.course.colab` rewrites every notebook's badge and setup
cell from it, and a test holds them (and the README) to it.
"""

import re
import sys
from pathlib import Path

REPO_SLUG = "autoencoder-course/autoencoders"
BRANCH = "main"
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"

SETUP_CELL = f'''\
# Setup: the same cell opens every notebook. It makes the course's `utils` importable (in Colab it fetches the
# repository first; Colab already has TensorFlow and Keras) and loads Keras without TensorFlow's start-up banners.
import subprocess
import sys
from pathlib import Path

REPO_SLUG = "{REPO_SLUG}"
if "google.colab" in sys.modules:
    ROOT = Path("/content") / REPO_SLUG.split("/")[1]
    if not ROOT.exists():
        clone = subprocess.run(["git", "clone", "--depth", "1", f"https://github.com/{{REPO_SLUG}}.git", str(ROOT)],
                               capture_output=True, text=True)
        if clone.returncode != 0:
            raise RuntimeError(
                f"Could not fetch the course from https://github.com/{{REPO_SLUG}} ({{clone.stderr.strip()}}).\\n"
                "Check that this Colab session is online (Runtime > Restart session, then run this cell again). "
                "If you work from your own copy of the course, set REPO_SLUG above to 'your-name/your-repository'."
            )
else:  # the repository root is the nearest folder above this notebook that holds utils/
    ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "utils" / "course" / "colab.py").exists())
sys.path.insert(0, str(ROOT))
from utils.course.backend import load_keras

keras = load_keras()'''


# The one sanctioned variant of the setup cell: comment lines, then `os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"`,
# just before `load_keras` is imported (with `import os` added). `load_keras` turns TensorFlow's oneDNN kernels off by
# default, and they are the only way TensorFlow reaches a CPU's AMX bfloat16 units; the image notebooks (16–19),
# which train in mixed bfloat16 where the CPU has them, turn oneDNN back on this way.
ONEDNN_OVERRIDE = re.compile(r'(?:#[^\n]*\n)*os\.environ\["TF_ENABLE_ONEDNN_OPTS"\] = "1"\n'
                             r"(?=from utils\.course\.backend import load_keras\n)")


def split_onednn_override(source):
    """(the setup cell without the oneDNN override, the override block or "") for a first code cell's source."""
    match = ONEDNN_OVERRIDE.search(source)
    if match is None or "import os\nimport subprocess\n" not in source:
        return source, ""
    core = source[:match.start()] + source[match.end():]
    return core.replace("import os\nimport subprocess\n", "import subprocess\n", 1), match.group(0)


def with_onednn_override(block):
    """The course's setup cell with the oneDNN override `block` (as `split_onednn_override` returns it) put back."""
    if not block:
        return SETUP_CELL
    anchor = "from utils.course.backend import load_keras\n"
    return SETUP_CELL.replace("import subprocess\n", "import os\nimport subprocess\n", 1).replace(
        anchor, block + anchor, 1)


def colab_url(notebook_name):
    """The Colab URL that opens `notebooks/<notebook_name>` from GitHub."""
    if not notebook_name.endswith(".ipynb") or "/" in notebook_name:
        raise ValueError(f"Expected a notebook file name like '01_vanilla_autoencoder.ipynb', got {notebook_name!r}.")
    return f"https://colab.research.google.com/github/{REPO_SLUG}/blob/{BRANCH}/notebooks/{notebook_name}"


def badge_markdown(notebook_name):
    """The Open-in-Colab badge for one notebook, as Markdown."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({colab_url(notebook_name)})"


def badge_problems(notebook, notebook_name):
    """What is wrong with a notebook's badge and setup cell (an empty list when both are right)."""
    problems = []
    cells = notebook.cells
    first_markdown = next((cell for cell in cells if cell.cell_type == "markdown"), None)
    if first_markdown is None or badge_markdown(notebook_name) not in first_markdown.source:
        problems.append(f"the first Markdown cell lacks the badge {badge_markdown(notebook_name)}")
    first_code = next((cell for cell in cells if cell.cell_type == "code"), None)
    if first_code is None or split_onednn_override(first_code.source)[0] != SETUP_CELL:
        problems.append("the first code cell is not the course's setup cell (utils.course.colab.SETUP_CELL)")
    return problems


def sync(notebook, notebook_name):
    """Rewrite a notebook's badge line and setup cell from `REPO_SLUG`. Returns True if anything changed."""
    changed = False
    first_markdown = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
    lines = first_markdown.source.split("\n")
    badge = badge_markdown(notebook_name)
    for index, line in enumerate(lines):
        if line.startswith("[![Open In Colab]") and line != badge:
            lines[index], changed = badge, True
    first_markdown.source = "\n".join(lines)
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    expected = with_onednn_override(split_onednn_override(first_code.source)[1])
    if first_code.source != expected:
        first_code.source, changed = expected, True
    return changed


def main():
    """Rewrite the badge and setup cell of every notebook (after changing `REPO_SLUG`)."""
    import nbformat

    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        if sync(notebook, path.name):
            nbformat.write(notebook, path)
            print(f"updated {path.name}: re-execute it with `python -m utils.course.runner {path}`", file=sys.stderr)


if __name__ == "__main__":
    main()
