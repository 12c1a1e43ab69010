"""The benchmark harness at smoke size: the four engines still agree, and the harness still runs.
Timings are not asserted (speed is measured by bench/run, never by a test)."""

import json
import os
import subprocess
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parents[2] / "bench" / "harness.py"


def test_engines_agree_at_smoke_size():
    out = subprocess.run([sys.executable, str(HARNESS), "--worker", "compute", "--size", "smoke", "--threads", "1", "--reps", "1", "--check"],
                         capture_output=True, text=True, timeout=600, env={**os.environ, "POLARS_MAX_THREADS": "1"})
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["checked_rows"] > 3000
    assert {engine: len(times) for engine, times in result["times"].items()} == {"treem": 1, "polars": 1, "duckdb": 1, "pandas": 1}


def test_the_boundary_benchmark_runs(tmp_path):
    from test_cli import PROGRAM

    assert subprocess.run([PROGRAM, "generate", "--units", "sonha", "--seed", "3", "--out", str(tmp_path)], capture_output=True).returncode == 0
    out = subprocess.run([sys.executable, str(HARNESS.parent / "boundary.py"), str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.splitlines()
    assert len(lines) == 3 and lines[0].startswith("read_children: ") and " rows: tabulate " in lines[2]
