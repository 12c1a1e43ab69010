"""Administrative units: a dated hierarchy, mergers, and roll-ups of counts.

``UnitRegistry.bundled()`` holds Quảng Ngãi (51), Sơn Hà district (529) with its 14 units until
30/06/2025, and the 5 communes that replaced them on 01/07/2025 (Nghị quyết 1677/NQ-UBTVQH15).
Codes identify a unit only together with a date, so every query takes ``on=``.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date, validation_error
from ._core import AdminUnit, Merger

__all__ = ["UnitRegistry", "AdminUnit", "Merger"]

_FRAME_COLUMNS = [
    "code",
    "name",
    "full_name",
    "kind",
    "tier",
    "parent",
    "valid_from",
    "valid_to",
    "mountainous",
    "island",
    "extremely_disadvantaged",
]


class UnitRegistry:
    """A dated hierarchy of administrative units. Names compare exactly after Unicode NFC
    normalisation: ``"Sơn Hà"`` never matches ``"Sơn Hạ"``."""

    __slots__ = ("_r",)

    def __init__(self, core: _core.UnitRegistry | None = None) -> None:
        self._r = core if core is not None else _core.UnitRegistry()

    @classmethod
    def bundled(cls) -> UnitRegistry:
        """Quảng Ngãi / Sơn Hà as bundled with treem."""
        return cls(_core.UnitRegistry.bundled())

    @classmethod
    def synthetic(cls, units: str = "national") -> UnitRegistry:
        """The units of ``treem.registers.generate(units)``: ``"sonha"`` gives the bundled units,
        ``"national"`` the 10,047 synthetic communes in 705 districts and 63 provinces (the
        ``units.toml`` that ``treem generate`` writes)."""
        return cls.from_toml(_core._synthetic_units_toml(units), source=f"<synthetic units {units}>")

    @classmethod
    def from_toml(cls, text: str | bytes, *, source: str = "<text>") -> UnitRegistry:
        return cls(_core.UnitRegistry.from_toml(text, source))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> UnitRegistry:
        """Units from a TOML file (schema ``treem.units/1``); errors name file, line and column."""
        with open(path, "rb") as f:
            return cls(_core.UnitRegistry.from_toml(f.read(), os.fspath(path)))

    def load_file(self, path: str | os.PathLike[str]) -> None:
        """Add the units of another file. On error the registry is left unchanged."""
        with open(path, "rb") as f:
            self._r.load_toml(f.read(), os.fspath(path))

    def __len__(self) -> int:
        return len(self._r)

    @property
    def units(self) -> list[AdminUnit]:
        return self._r.units

    @property
    def mergers(self) -> list[Merger]:
        return self._r.mergers

    def get(self, code: str, *, on: Any) -> AdminUnit:
        """The unit with ``code`` on date ``on``; raises NotFoundError."""
        return self._r.get(code, to_date(on, "on"))

    def find(self, code: str, *, on: Any) -> AdminUnit | None:
        return self._r.find(code, to_date(on, "on"))

    def find_by_name(self, name: str, *, on: Any, kind: str | None = None) -> list[AdminUnit]:
        return self._r.find_by_name(name, to_date(on, "on"), kind)

    def ancestors(self, code: str, *, on: Any) -> list[AdminUnit]:
        return self._r.ancestors(code, to_date(on, "on"))

    def children(self, code: str, *, on: Any) -> list[AdminUnit]:
        return self._r.children(code, to_date(on, "on"))

    def descendants(self, code: str, *, on: Any, tier: str | None = None) -> list[AdminUnit]:
        return self._r.descendants(code, to_date(on, "on"), tier)

    def units_on(self, on: Any, *, tier: str | None = None) -> list[AdminUnit]:
        return self._r.units_on(to_date(on, "on"), tier)

    def get_merger(self, merger_id: str) -> Merger:
        return self._r.get_merger(merger_id)

    def to_frame(self, *, on: Any | None = None, tier: str | None = None) -> pd.DataFrame:
        """One row per unit (valid on ``on`` if given), flags as nullable booleans."""
        units = self._r.units if on is None else self._r.units_on(to_date(on, "on"), tier)
        if on is None and tier is not None:
            units = [u for u in units if u.tier == tier]
        frame = pd.DataFrame([{c: getattr(u, c) for c in _FRAME_COLUMNS} for u in units], columns=_FRAME_COLUMNS)
        for flag in ("mountainous", "island", "extremely_disadvantaged"):
            frame[flag] = frame[flag].astype("boolean")
        return frame

    def roll_up(self, values: pd.Series | pd.DataFrame, *, to: Sequence[str], on: Any) -> pd.Series | pd.DataFrame:
        """Sum values indexed by unit code into the units ``to`` (one level of the hierarchy, e.g.
        ``["529"]`` or the province) as they stand on ``on``. Every value must land in exactly one
        target."""
        codes, matrix = _as_matrix(values)
        out = self._r._aggregate(codes, list(to), to_date(on, "on"), matrix)
        return _like(values, out, list(to))

    def across_merger(self, values: pd.Series | pd.DataFrame, *, merger: str, to: Sequence[str] | None = None) -> pd.Series | pd.DataFrame:
        """Carry values indexed by old unit codes onto the new units of a merger (e.g. 2024 data of
        Sơn Hà's 14 units onto its 5 communes of 2025). Totals are preserved."""
        m = self._r.get_merger(merger)
        targets = list(to) if to is not None else list(dict.fromkeys(new for _, new in m.links))
        codes, matrix = _as_matrix(values)
        out = self._r._merge(merger, codes, targets, matrix)
        return _like(values, out, targets)

    def __repr__(self) -> str:
        return f"UnitRegistry({len(self)} units, {len(self._r.mergers)} mergers)"


def _as_matrix(values: pd.Series | pd.DataFrame) -> tuple[list[str], np.ndarray]:
    if not isinstance(values, (pd.Series, pd.DataFrame)):
        raise validation_error("values", "expected a pandas Series or DataFrame indexed by unit code")
    codes = [str(c) for c in values.index]
    if not codes:
        raise validation_error("values", "is empty: there is nothing to add up")
    # Column-major float64 lets the core read the data without another copy.
    matrix = np.asfortranarray(values.to_numpy(dtype="float64").reshape(len(codes), -1))
    return codes, matrix


def _like(values: pd.Series | pd.DataFrame, out: np.ndarray, index: list[str]) -> pd.Series | pd.DataFrame:
    if isinstance(values, pd.Series):
        return pd.Series(out[:, 0], index=pd.Index(index, name="code"), name=values.name)
    return pd.DataFrame(out, index=pd.Index(index, name="code"), columns=values.columns)
