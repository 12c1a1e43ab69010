"""The example notebooks (examples/notebooks): stored without outputs, reproduced by their
generator, and run from a clean kernel without error (their cells assert what they state).

The national-scale notebook reads its size from TREEM_NOTEBOOK_CHILDREN; CI runs it at 200,000
children so the whole suite takes well under a few minutes.
"""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import pytest

import nbformat  # `bash .ci/setup --dev` installs it, nbclient and ipykernel: a missing one fails, never skips
from nbclient import NotebookClient
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "examples" / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
CI_CHILDREN = "200000"


def test_the_four_stories_are_there():
    assert [p.name for p in NOTEBOOKS] == ["01-son-ha-2024-plan.ipynb", "02-certification.ipynb",
                                           "03-child-statistics.ipynb", "04-national-scale.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path: Path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {cell.id} has outputs"
            assert cell.execution_count is None, f"{path.name}: cell {cell.id} has an execution count"
        assert "execution" not in cell.metadata, f"{path.name}: cell {cell.id} has execution timings"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prose_in_both_languages(path: Path):
    """Each story is told in Vietnamese and in English: markdown cells come in pairs, the
    Vietnamese one first."""
    prose = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    assert len(prose) >= 4 and len(prose) % 2 == 0
    for vi, en in zip(prose[::2], prose[1::2]):
        assert any(ch in vi for ch in "ăâđêôơưạảấầẩậắằẳặẹẻếềểệịỉọỏốồổộớờởợụủứừửựỳỷ"), vi[:60]
        assert " the " in en or " of " in en, en[:60]  # English (proper names keep their diacritics)


def test_generator_reproduces_the_notebooks(tmp_path: Path):
    spec = importlib.util.spec_from_file_location("make_notebooks", FOLDER / "make_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for path in NOTEBOOKS:
        assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), \
            f"{path.name} differs from what make_notebooks.py writes: run it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_from_a_clean_kernel(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("TREEM_NOTEBOOK_CHILDREN", os.environ.get("TREEM_NOTEBOOK_CHILDREN", CI_CHILDREN))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws every figure to PNG
    # The kernel's connection file and IPython's profile go to tmp_path, not the user's home.
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    notebook = nbformat.read(path, as_version=4)
    # A new kernel per notebook (python3: this Python's ipykernel), talking over local sockets in
    # tmp_path rather than TCP (which the kernel warns about on every start).
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(tmp_path / "kernel")
    client = NotebookClient(notebook, kernel_name="python3", config=config, timeout=600, allow_errors=False,
                            resources={"metadata": {"path": str(FOLDER)}})
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError, naming the cell, on the first error
    print(f"{path.name}: {time.perf_counter() - started:.1f} s")
    # Warnings do not stop a cell; they print on stderr (a glyph missing from the font, a
    # deprecated call). A notebook that warns fails too.
    warnings = [o.text for c in notebook.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "stream" and o.name == "stderr" and "Warning" in o.text]
    assert warnings == [], warnings
