"""The committed type stub matches the compiled module (regenerate with `bash .ci/stubs`)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_core_stub_is_up_to_date(tmp_path):
    stubgen = shutil.which("pybind11-stubgen", path=str(Path(sys.executable).parent))
    if stubgen is None:
        pytest.skip("pybind11-stubgen is not installed (bash .ci/setup --dev installs it)")
    subprocess.run([stubgen, "treem._core", "-o", str(tmp_path)], check=True, capture_output=True, cwd=tmp_path)
    generated = (tmp_path / "treem" / "_core.pyi").read_text(encoding="utf-8")
    committed = (ROOT / "python/treem/_core.pyi").read_text(encoding="utf-8")
    assert generated == committed, "python/treem/_core.pyi is out of date: run bash .ci/stubs"
