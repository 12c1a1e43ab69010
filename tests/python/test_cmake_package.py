"""The pip-installed treem is a CMake package too: a C++ project finds it with
find_package(treem CONFIG) through treem.get_cmake_dir(), compiles against the headers in the
wheel (the bundled data included) and runs."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import treem

CMAKE = shutil.which("cmake", path=str(Path(sys.executable).parent)) or shutil.which("cmake")
NINJA = shutil.which("ninja", path=str(Path(sys.executable).parent)) or shutil.which("ninja")

PROJECT = """cmake_minimum_required(VERSION 3.24)
project(uses_treem CXX)
find_package(treem CONFIG REQUIRED)
add_executable(uses uses.cpp)
target_link_libraries(uses PRIVATE treem::treem)
"""

PROGRAM = """#include <iostream>
#include <treem/cases/timeliness.hpp>
#include <treem/data/bundled.hpp>
#include <treem/version.hpp>

int main() {
  const auto& rules = treem::data::case_deadlines();
  const auto d = treem::data::vietnam_holidays().add_working_days(treem::make_date(2024, 2, 7), 5);
  std::cout << treem::version_string << " " << rules.deadlines.size() << " " << treem::format_iso(d) << "\\n";
}
"""


def test_the_cmake_dir_and_the_headers_are_in_the_installation():
    cmake_dir = Path(treem.get_cmake_dir())
    assert (cmake_dir / "treemConfig.cmake").is_file()
    assert (cmake_dir / "treemConfigVersion.cmake").is_file()
    include = Path(treem.get_include())
    assert (include / "treem" / "treem.hpp").is_file()
    assert (include / "treem" / "data" / "embedded.hpp").is_file()  # the generated data headers


@pytest.mark.skipif(CMAKE is None or NINJA is None, reason="needs cmake and ninja")
def test_a_cpp_project_builds_against_the_pip_installed_treem(tmp_path):
    (tmp_path / "CMakeLists.txt").write_text(PROJECT, encoding="utf-8")
    (tmp_path / "uses.cpp").write_text(PROGRAM, encoding="utf-8")
    build = tmp_path / "build"
    subprocess.run([CMAKE, "-S", str(tmp_path), "-B", str(build), "-G", "Ninja", f"-DCMAKE_MAKE_PROGRAM={NINJA}",
                    f"-Dtreem_DIR={treem.get_cmake_dir()}", "-DCMAKE_BUILD_TYPE=Release"], check=True, capture_output=True, text=True)
    subprocess.run([CMAKE, "--build", str(build)], check=True, capture_output=True, text=True)
    out = subprocess.run([str(build / "uses")], check=True, capture_output=True, text=True).stdout.split()
    # 5 working days after 07/02/2024, across Tết: 21/02/2024; the three limits of Decree 56/2017.
    assert out == [treem.__version__, "3", "2024-02-21"]
