"""What crossing into Python costs, measured: a register read by the library and handed to the
indicator engine (views, nothing re-encoded) against the same register through its DataFrame, and
the result kept as an IndicatorTable against its DataFrame and its JSON. Best of three.

    treem generate --units national --communes 1500 --seed 11 --out /tmp/m
    python bench/boundary.py /tmp/m
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from typing import Any, Callable

import treem
from treem import indicators, registers


def best(f: Callable[[], Any], n: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(n):
        gc.collect()
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(folder: Path) -> None:
    units = treem.UnitRegistry.from_file(folder / "units.toml")
    t_read, children = best(lambda: registers.read_children(folder / "children.csv", units=units), 2)
    _, incidents = best(lambda: registers.read_incidents(folder / "incidents.csv", units=units), 1)
    t_frame, frame = best(lambda: registers.ChildRegister(children._r).frame)
    print(f"read_children: {t_read:.3f} s ({len(children):,} children); its DataFrame, built on request: {t_frame:.3f} s")
    t_views, _ = best(lambda: indicators.prepare(children, incidents))
    t_codes, _ = best(lambda: indicators.prepare(frame, incidents.frame))
    print(f"prepare from the register (views): {t_views * 1000:.1f} ms; from its DataFrame (re-encoded): {t_codes * 1000:.1f} ms")
    prepared = indicators.prepare(children, incidents)
    kw = dict(level=["commune", "district", "province", "nation"], units=units, suppress=False)
    t_table, table = best(lambda: indicators.tabulate(prepared, **kw))
    t_compute, _ = best(lambda: indicators.compute(prepared, **kw))
    t_view, _ = best(lambda: table.to_frame(copy=False))
    t_copy, _ = best(lambda: table.to_frame())
    t_json, text = best(lambda: table.to_json())
    print(f"{len(table):,} rows: tabulate {t_table:.3f} s; compute (tabulate + frame) {t_compute:.3f} s; "
          f"to_frame(copy=False) {t_view:.3f} s; to_frame() {t_copy:.3f} s; to_json {t_json:.3f} s ({len(text) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/m"))
