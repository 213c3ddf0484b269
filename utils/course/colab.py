"""The repository slug, the Open-in-Colab badge, and the setup cell that opens every notebook.

The slug lives here and nowhere else by hand: `python -m utils.course.colab` rewrites every notebook's badge and setup
cell from it, and a test holds them (and the README) to it.
"""

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
    if first_code is None or first_code.source != SETUP_CELL:
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
    if first_code.source != SETUP_CELL:
        first_code.source, changed = SETUP_CELL, True
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
