"""Same inputs, same bytes: the program's outputs do not depend on the number of threads or on the
run, and the generator's registers (the demo's data among them) are the same on every platform,
because every draw is made with integer arithmetic or a single correctly rounded operation."""

from __future__ import annotations

import hashlib
import subprocess

import pytest

from test_cli import PROGRAM


def run(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([PROGRAM, *args], capture_output=True)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A register of the national shape at a small size: 120 communes spread over every province."""
    folder = tmp_path_factory.mktemp("national")
    run("generate", "--units", "national", "--communes", "120", "--seed", "11", "--out", str(folder))
    return folder


def test_outputs_are_byte_identical_at_any_thread_count_and_run(national, tmp_path):
    files = ["--children", str(national / "children.csv"), "--incidents", str(national / "incidents.csv"), "--units", str(national / "units.toml")]
    indicators, checks, cleaned = set(), set(), set()
    # In sub-tables only (--whole-table-limit 0): the sub-tables are what threads share out; the whole
    # reading after them is one programme on one thread (and would take the four runs 7 minutes more).
    for threads, repeat in ((1, 0), (2, 0), (2, 1), (4, 0)):
        out = run("indicators", *files, "--level", "commune,district,province,nation", "--csv", "--threads", str(threads),
                  "--whole-table-limit", "0").stdout
        indicators.add(hashlib.sha256(out).hexdigest())
        clean = tmp_path / f"clean-{threads}-{repeat}.csv"
        check = run("register", "check", "--children", str(national / "children.csv"), "--units", str(national / "units.toml"),
                    "--threads", str(threads), "--out", str(clean), "--json").stdout
        checks.add(check)
        cleaned.add(hashlib.sha256(clean.read_bytes()).hexdigest())
    assert len(out) > 1_000_000, "the table is large enough for threads to matter"
    assert len(indicators) == 1 and len(checks) == 1 and len(cleaned) == 1


def test_the_national_sample_has_the_national_shape(national):
    units = (national / "units.toml").read_text(encoding="utf-8")
    communes = {line.split('"')[1] for line in units.splitlines() if line.startswith("code = ") and line.split('"')[1].startswith("90")}
    assert len(communes) == 120
    assert units.count('kind = "tinh"') == 63


# SHA-256 of the Sơn Hà registers of seed 1 (those behind `treem demo`), as this generator writes
# them. A change here is a change of every synthetic register: make it on purpose, say so in the
# commit, and update the figures that depend on them.
SON_HA_SEED_1 = {
    "children.csv": "6cceff10627c48679fde6372ec7f4a77b5ddfd84cbda32a90ef3c6b779db878f",
    # The incidents gained a last column, case_id, in 2026.12; without it the bytes are those of
    # 2026.11 (8562e664...), which the test below checks.
    "incidents.csv": "6301f033d20aa54d67e557c62cc088d1c167d4be913ba13a03735b42c7ee0039",
    "cases.csv": "fc24c5379bc86dc21c11750380a87ec47d200f1b643812bf03d8afdf3e1f0ebd",
}


def test_the_incidents_are_those_of_before_the_case_id_column(tmp_path):
    run("generate", "--units", "sonha", "--seed", "1", "--out", str(tmp_path))
    lines = (tmp_path / "incidents.csv").read_bytes().split(b"\n")
    without = b"\n".join(line.rsplit(b",", 1)[0] if line else line for line in lines)
    assert hashlib.sha256(without).hexdigest() == "8562e66493394340f7065b44dc93a22b992102080dbc6d16abee91ce6cd9ad25"


def test_generated_registers_are_the_same_bytes_everywhere(tmp_path):
    for attempt in ("a", "b"):
        run("generate", "--units", "sonha", "--seed", "1", "--out", str(tmp_path / attempt))
    for name, expected in SON_HA_SEED_1.items():
        digests = {hashlib.sha256((tmp_path / attempt / name).read_bytes()).hexdigest() for attempt in ("a", "b")}
        assert digests == {expected}, name
