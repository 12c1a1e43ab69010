"""Child-friendly commune certification (xã, phường, thị trấn phù hợp với trẻ em).

``certify(assessments, incidents, period="2024", rules=Rules.son_ha_2024())`` decides every unit
of a DataFrame of assessments (one row per unit: ``unit``, ``period``, ``c1`` ... ``c13``, facts
of the rules by id, optionally ``category`` / ``category_reason``) against Decision 06/QĐ-TTg and
any overlays, with the incident register (``unit``, ``date``, ``kind``, ``fatal``,
``plan_approved_in_time``). The columns are those of ``treem certify``'s CSV files, and the
decisions are the same.
"""

from __future__ import annotations

import html
import math
import os
import re
import unicodedata
from typing import Any, Iterator

import pandas as pd

from . import _core
from ._convert import NO, YES, to_date, validation_error
from ._core import RuleSet
from .units import UnitRegistry

__all__ = ["Rules", "RuleSet", "Certification", "Decision", "certify", "INCIDENT_KINDS"]

INCIDENT_KINDS = ("drowning", "traffic_injury", "other_injury", "violence", "sexual_abuse", "exploitation",
                  "trafficking", "abandonment", "neglect", "other_abuse",
                  # the five forms of sexual abuse of Decree 56/2017: wherever sexual_abuse applies, they do
                  "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography")
_META = {"unit", "period", "category", "category_reason", "note", "abuse_cases_reported", "injury_cases_reported"}
_CRITERION = re.compile(r"c[1-9][0-9]?", re.ASCII)  # "c1" ... "c99"; "c01" is not "c1"
_INCIDENT_COLUMNS = ("unit", "date", "kind", "fatal", "plan_approved_in_time", "sex", "age", "environment", "note")


class Rules:
    """Rules in force: a base standard with overlays applied in order."""

    __slots__ = ("_c",)

    def __init__(self, *rule_sets: RuleSet) -> None:
        sets = list(rule_sets)
        if not any(r.extends is None for r in sets):
            sets.insert(0, RuleSet.national())
        self._c = _core.ComposedRules(sets)

    @classmethod
    def national(cls) -> Rules:
        """Decision 06/QĐ-TTg as far as it is confirmed."""
        return cls(RuleSet.national())

    @classmethod
    def son_ha_2024(cls) -> Rules:
        """The national standard with Sơn Hà's 2024 rule (drowning, violence or abuse: not recognised)."""
        return cls(RuleSet.national(), RuleSet.son_ha_2024_overlay())

    @classmethod
    def from_files(cls, *paths: str | os.PathLike[str]) -> Rules:
        """Rule sets from TOML files (schema treem.rules/1); the national standard is the base unless
        a file is one."""
        sets = []
        for path in paths:
            with open(path, "rb") as f:
                sets.append(RuleSet.from_toml(f.read(), os.fspath(path)))
        return cls(*sets)

    @property
    def layers(self) -> list[tuple[str, str]]:
        """(id, version) of each rule set, base first."""
        return self._c.layers

    def __repr__(self) -> str:
        return repr(self._c).replace("ComposedRules", "Rules")


class Decision:
    """One unit's decision: outcome, points, gates, disqualifying incidents, gap, audit, reasons."""

    __slots__ = ("_d",)

    def __init__(self, data: dict) -> None:
        self._d = data

    unit = property(lambda self: self._d["unit"])
    unit_name = property(lambda self: self._d["unit_name"])
    period = property(lambda self: self._d["period"])
    outcome = property(lambda self: self._d["outcome"], doc="recognized, not_recognized or inconclusive")
    total = property(lambda self: self._d["total"], doc="None while a criterion has no points")
    pass_mark = property(lambda self: self._d["pass_mark"])
    category = property(lambda self: self._d["category"])
    category_reason = property(lambda self: self._d["category_reason"])
    criteria = property(lambda self: self._d["criteria"])
    gates = property(lambda self: self._d["gates"])
    disqualifications = property(lambda self: self._d["disqualifications"])
    gap = property(lambda self: self._d["gap"], doc="what would have to change for recognition")
    audit = property(lambda self: self._d["audit"])
    rule_sets = property(lambda self: self._d["rule_sets"])

    def reasons(self, lang: str = "en") -> list[str]:
        """The reasons, in English (``"en"``) or Vietnamese (``"vi"``)."""
        if lang not in ("en", "vi"):
            raise ValueError("lang must be 'en' or 'vi'")
        return list(self._d[f"reasons_{lang}"])

    def explain(self, lang: str = "en") -> str:
        head = f"{self.unit} {self.unit_name} ({self.period}): {self.outcome}"
        return "\n".join([head, *("  - " + r for r in self.reasons(lang))])

    def as_dict(self) -> dict:
        """The whole structured trace."""
        return dict(self._d)

    def __repr__(self) -> str:
        return f"Decision(unit={self.unit!r}, outcome={self.outcome!r}, total={self.total!r})"


class Certification:
    """The decisions of one certification run, in input order."""

    __slots__ = ("decisions", "period", "rules")

    def __init__(self, decisions: list[Decision], period: str, rules: Rules) -> None:
        self.decisions = decisions
        self.period = period
        self.rules = rules

    def __len__(self) -> int:
        return len(self.decisions)

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.decisions)

    def __getitem__(self, unit: str) -> Decision:
        for d in self.decisions:
            if d.unit == unit:
                return d
        raise KeyError(unit)

    @property
    def all_recognized(self) -> bool:
        return all(d.outcome == "recognized" for d in self.decisions)

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per unit: outcome, total, pass mark, category, the points used per criterion
        (``c1`` ...), disqualified, points_missing and the reasons."""
        rows = []
        for d in self.decisions:
            row = {"unit": d.unit, "unit_name": d.unit_name, "period": d.period, "outcome": d.outcome, "total": d.total,
                   "pass_mark": d.pass_mark, "category": d.category}
            row.update({f"c{c['id']}": c["used"] for c in d.criteria})
            row.update({"disqualified": d.gap["disqualified"], "points_missing": d.gap["points_missing"],
                        "reasons": " | ".join(d.reasons(lang))})
            rows.append(row)
        frame = pd.DataFrame(rows)
        if len(frame):
            frame["outcome"] = pd.Categorical(frame["outcome"], categories=["recognized", "not_recognized", "inconclusive"])
        return frame

    def audit_frame(self) -> pd.DataFrame:
        rows = [{"unit": d.unit, **f} for d in self.decisions for f in d.audit]
        return pd.DataFrame(rows, columns=["unit", "kind", "criterion", "detail_vi", "detail_en"])

    def _repr_html_(self) -> str:
        colours = {"recognized": "#d4edda", "not_recognized": "#f8d7da", "inconclusive": "#fff3cd"}
        head = "".join(f"<th>{h}</th>" for h in ["unit", "", "outcome", "total", "pass mark", *[f"c{i}" for i in self.rules._c.criteria_ids], "reasons"])
        body = []
        for d in self.decisions:
            cells = [d.unit, d.unit_name, d.outcome, _fmt(d.total), _fmt(d.pass_mark), *[_fmt(c["used"]) for c in d.criteria],
                     "<br>".join(html.escape(r) for r in d.reasons("en"))]
            tds = "".join(f"<td>{c if i == len(cells) - 1 else html.escape(str(c))}</td>" for i, c in enumerate(cells))
            body.append(f'<tr style="background:{colours[d.outcome]}">{tds}</tr>')
        layers = " + ".join(f"{i} {v}" for i, v in self.rules.layers)
        return (f"<div><b>Child-friendly commune certification, {html.escape(self.period)}</b> ({html.escape(layers)})"
                f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")

    def __repr__(self) -> str:
        counts = pd.Series([d.outcome for d in self.decisions]).value_counts().to_dict() if self.decisions else {}
        return f"Certification(period={self.period!r}, units={len(self)}, {counts})"


def certify(assessments: pd.DataFrame, incidents: pd.DataFrame | None = None, *, period: str, rules: Rules | None = None,
            units: UnitRegistry | None = None, source: str = "<assessments>", incident_source: str = "<incidents>") -> Certification:
    """Decide every unit of ``assessments`` for ``period``. Errors name ``source`` and the row."""
    rules = rules or Rules.national()
    registry = units or UnitRegistry.bundled()
    facts = rules._c.facts
    _check_assessment_columns(assessments, facts, source)
    rows = [_assessment_row(r, i, facts, source) for i, r in enumerate(_records(assessments, source))]
    if not rows:
        raise validation_error("assessments", "there is no unit to certify", source)
    incident_rows = []
    if incidents is not None:
        _check_incident_columns(incidents, incident_source)
        incident_rows = [_incident_row(r, i, incident_source) for i, r in enumerate(_records(incidents, incident_source))]
    decisions = _core._evaluate_all(rows, incident_rows, rules._c, registry._r, str(period), source, incident_source)
    return Certification([Decision(d) for d in decisions], str(period), rules)


def _check_assessment_columns(frame: Any, facts: dict, source: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise validation_error("data", "expected a pandas DataFrame", source)
    for key in frame.columns:
        k = str(key).strip()
        if not (_CRITERION.fullmatch(k) or k in _META or k in facts):
            raise validation_error(k, "unknown column (expected unit, period, c1-c13, facts of the rules, category, category_reason, note)", source)
    numbers = [int(str(k).strip()[1:]) for k in frame.columns if _CRITERION.fullmatch(str(k).strip())]
    if len(numbers) != len(set(numbers)):
        raise validation_error("columns", "a criterion column appears twice", source)


def _check_incident_columns(frame: Any, source: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise validation_error("data", "expected a pandas DataFrame", source)
    for position, key in enumerate(frame.columns, start=1):
        if str(key) not in _INCIDENT_COLUMNS:
            # Registers may carry children's names or ids: such columns are refused, never echoed.
            raise validation_error("columns", f"column {position} is not one of {', '.join(_INCIDENT_COLUMNS)}", source)


def _records(frame: pd.DataFrame, source: str) -> list[dict]:
    if not isinstance(frame, pd.DataFrame):
        raise validation_error("data", "expected a pandas DataFrame", source)
    return frame.to_dict("records")


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT or (isinstance(v, str) and not v.strip())


def _where(source: str, i: int) -> str:
    return f"{source}:{i + 2}"


def _number(v: Any, field: str, source: str, i: int) -> float:
    if isinstance(v, str):
        text = v.strip().replace(",", ".") if v.count(",") == 1 and "." not in v else v.strip()
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?", text, re.ASCII):
            raise validation_error(field, f"'{v}' is not a number", _where(source, i))
        value = float(text)
    else:
        try:
            value = float(v)
        except (TypeError, ValueError, OverflowError):
            raise validation_error(field, "is not a finite number", _where(source, i)) from None
    if not math.isfinite(value):
        raise validation_error(field, "is not a finite number", _where(source, i))
    return value


def _yes_no(v: Any, field: str, source: str, i: int, echo: bool = True) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v in (0, 1):
        return bool(v)
    text = unicodedata.normalize("NFC", str(v).strip().lower())
    if text in YES:
        return True
    if text in NO:
        return False
    shown = f"'{v}' is not" if echo else "not"
    raise validation_error(field, f"{shown} yes or no (1/0, true/false, có/không)", _where(source, i))


def _assessment_row(r: dict, i: int, facts: dict, source: str) -> dict:
    row = {"unit": "", "period": "", "points": {}, "facts": {}, "category": None, "category_reason": ""}
    for key, value in r.items():
        k = str(key).strip()
        is_criterion = bool(_CRITERION.fullmatch(k))
        if _missing(value) or k == "note":
            continue
        if k in ("unit", "period"):
            # A spreadsheet may have turned the period 2024 into the number 2024.0.
            row[k] = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        elif k == "category":
            row["category"] = str(value).strip()
        elif k == "category_reason":
            row["category_reason"] = str(value).strip()
        elif is_criterion:
            row["points"][int(k[1:])] = _number(value, k, source, i)
        elif facts.get(k) == "boolean":
            row["facts"][k] = 1.0 if _yes_no(value, k, source, i) else 0.0
        else:
            row["facts"][k] = _number(value, k, source, i)
    if not row["unit"]:
        raise validation_error("unit", "is missing", _where(source, i))
    if not row["period"]:
        raise validation_error("period", "is missing", _where(source, i))
    return row


def _incident_row(r: dict, i: int, source: str) -> dict:
    # Cells of an incident register are not repeated in messages: a mistyped cell may hold a name.
    for needed in ("unit", "date", "kind"):
        if needed not in r or _missing(r[needed]):
            raise validation_error(needed, "is missing", _where(source, i))
    kind = str(r["kind"]).strip()
    if kind not in INCIDENT_KINDS:
        raise validation_error("kind", f"not one of {', '.join(INCIDENT_KINDS)}", _where(source, i))
    unit = str(r["unit"]).strip()
    if not re.fullmatch(r"[A-Za-z0-9]{1,16}", unit):
        raise validation_error("unit", "not a unit code (letters and digits)", _where(source, i))
    try:
        day = to_date(r["date"], "date")
    except Exception:
        raise validation_error("date", "not a calendar date in the form dd/mm/yyyy or yyyy-mm-dd", _where(source, i)) from None
    plan = r.get("plan_approved_in_time")
    return {"unit": unit, "date": day, "kind": kind,
            "fatal": False if _missing(r.get("fatal")) else _yes_no(r["fatal"], "fatal", source, i, echo=False),
            "plan_approved_in_time": None if _missing(plan) else _yes_no(plan, "plan_approved_in_time", source, i, echo=False)}


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    return f"{v:g}" if isinstance(v, float) else str(v)


def read_csv(path: str | os.PathLike[str], **kwargs: Any) -> pd.DataFrame:
    """A CSV file as the strings it holds (no type guessing, so codes such as "01" keep their zeros)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", **kwargs)


__all__ += ["read_csv"]
