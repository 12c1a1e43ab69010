"""The umbrella header includes every header of the library, so that `#include <treem/treem.hpp>`
gives a C++ user the whole of treem (the consumer builds compile it)."""

import re
from pathlib import Path

INCLUDE = Path(__file__).parents[2] / "include"


def test_every_header_is_in_the_umbrella():
    umbrella = (INCLUDE / "treem" / "treem.hpp").read_text(encoding="utf-8")
    included = set(re.findall(r'#include "(treem/[^"]+)"', umbrella))
    headers = {p.relative_to(INCLUDE).as_posix() for p in INCLUDE.glob("treem/*/*.hpp")}
    assert headers, "no headers found"
    assert sorted(headers - included) == []
