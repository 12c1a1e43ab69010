"""The library's functions stay short (the team's rule: under about 120 lines; an engine is a
sequence of named stages). Measured on the headers themselves: comments and literals blanked, then
each brace block whose head reads as a function definition measured from its opening line to its
closing one (lambdas count within the function that holds them)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONGEST = 120
_CONTROL = re.compile(r"^\s*(if|for|while|switch|catch|else|do|try|namespace|struct|class|enum|union|extern)\b")


def _blank(text: str) -> str:
    """Comments, strings, characters and preprocessor lines replaced by nothing (newlines kept, so
    lines still count)."""
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|R"(?P<d>[^(]*)\(.*?\)(?P=d)"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])+\'|^[ \t]*#[^\n]*',
                         re.S | re.M)
    return pattern.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def function_lengths(text: str) -> list[tuple[int, int]]:
    """(lines, first line) of each outermost function body in `text`."""
    code = _blank(text)
    out, stack, line, head_start = [], [], 1, 0
    for i, ch in enumerate(code):
        if ch == "\n":
            line += 1
        elif ch == "{":
            head = " ".join(code[head_start:i].split())
            inside_function = any(is_function for is_function, _ in stack)
            stack.append((not inside_function and ")" in head and not _CONTROL.match(head) and "=" not in head.split("(")[0], line))
            head_start = i + 1
        elif ch == "}":
            if stack:
                is_function, first = stack.pop()
                if is_function:
                    out.append((line - first + 1, first))
            head_start = i + 1
        elif ch == ";":
            head_start = i + 1
    return out


def test_the_measure_finds_a_function_and_skips_what_is_not_one():
    text = 'struct s {\n  int f(int x) {\n    if (x) {\n      return 1;\n    }\n    auto g = [] { return "}"; };\n    return 2;\n  }\n};\n'
    assert function_lengths(text) == [(7, 2)]


def test_no_function_in_the_library_reaches_the_limit():
    lengths = [(n, f"{path.relative_to(ROOT)}:{first}") for path in sorted((ROOT / "include").rglob("*.hpp"))
               for n, first in function_lengths(path.read_text(encoding="utf-8"))]
    assert lengths, "no function found: the measure is broken"
    too_long = sorted((n, where) for n, where in lengths if n >= LONGEST)
    assert not too_long, f"functions of {LONGEST} lines or more: {too_long}"
