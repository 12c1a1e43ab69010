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
import os
from typing import Any, Iterator

import pandas as pd

from . import _core
from ._tables import VOCABULARY, table_input
from ._core import RuleSet
from .units import UnitRegistry

__all__ = ["Rules", "RuleSet", "Certification", "Decision", "certify", "rules_template", "INCIDENT_KINDS"]

# The kinds the incident register takes (the five forms of sexual abuse of Decree 56/2017 count
# wherever sexual_abuse does), as the compiled reader defines them.
INCIDENT_KINDS = VOCABULARY["incident_kinds"]


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
    """One unit's decision: outcome, points, gates, disqualifying incidents, gap, audit. A handle on
    the compiled decision (``._d``); reasons and details are rendered when asked for, in one
    language (``"vi"`` or ``"en"``)."""

    __slots__ = ("_d",)

    def __init__(self, core: _core.Decision) -> None:
        self._d = core

    unit = property(lambda self: self._d.unit)
    unit_name = property(lambda self: self._d.unit_name)
    period = property(lambda self: self._d.period)
    outcome = property(lambda self: self._d.outcome, doc="recognized, not_recognized or inconclusive")
    total = property(lambda self: self._d.total, doc="None while a criterion has no points")
    pass_mark = property(lambda self: self._d.pass_mark, doc="None when the unit's category does not settle it")
    pass_mark_range = property(lambda self: self._d.pass_mark_range, doc="(lowest, highest) pass mark that may apply")
    category = property(lambda self: self._d.category)
    criteria = property(lambda self: self._d.criteria, doc="a CriterionResult per criterion: claimed, computed, used, max_points")
    gates = property(lambda self: self._d.gates, doc="a GateResult per gate of the rules: id, kind, state, source")
    disqualifications = property(lambda self: self._d.disqualifications)
    gap = property(lambda self: self._d.gap, doc="what would have to change for recognition")
    audit = property(lambda self: self._d.audit)
    facts = property(lambda self: self._d.facts, doc="each fact scored from: id, value, origin (assessment, children, cases, incidents), register_value")

    def category_reason(self, lang: str = "en") -> str:
        """How the unit's category (and so its pass mark) was found."""
        return self._d.category_reason(lang)

    def reasons(self, lang: str = "en") -> list[str]:
        """The reasons, in English (``"en"``) or Vietnamese (``"vi"``), most decisive first."""
        return self._d.reasons(lang)

    def explain(self, lang: str = "en") -> str:
        """The unit, its outcome and its reasons, as a person reads them, in one language."""
        head = f"{self.unit} {self.unit_name} ({self.period}): {self._d.outcome_label(lang)}"
        return "\n".join([head, *("  - " + r for r in self.reasons(lang))])

    def to_json(self, lang: str = "en") -> str:
        """This decision as the JSON object ``treem certify --json`` prints for it."""
        return self._d.to_json(lang)

    def __repr__(self) -> str:
        return f"Decision(unit={self.unit!r}, outcome={self.outcome!r}, total={self.total!r})"


_OUTCOMES = ["recognized", "not_recognized", "inconclusive"]


class Certification:
    """The decisions of one certification run, in input order: a handle on the compiled set
    (``._c``), with columns as numpy arrays and the JSON that ``treem certify --json`` prints."""

    __slots__ = ("_c", "rules")

    def __init__(self, core: _core.DecisionSet, rules: Rules) -> None:
        self._c = core
        self.rules = rules

    @property
    def period(self) -> str:
        return self._c.period

    @property
    def decisions(self) -> list[Decision]:
        return list(self)

    def __len__(self) -> int:
        return len(self._c)

    def __iter__(self) -> Iterator[Decision]:
        return (Decision(self._c[i]) for i in range(len(self._c)))

    def __getitem__(self, unit: str) -> Decision:
        i = self._c.index_of(unit)
        if i is None:
            raise KeyError(unit)
        return Decision(self._c[i])

    @property
    def all_recognized(self) -> bool:
        return bool((self._c.outcome_codes == 0).all())

    def to_json(self, lang: str = "en") -> str:
        """The run as JSON, byte for byte what ``treem certify --json --lang LANG`` prints."""
        return self._c.to_json(lang)

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per unit: outcome, total, pass mark, category, the points used per criterion
        (``c1`` ...), disqualified, points_missing and the reasons (in ``lang``)."""
        c = self._c
        frame = pd.DataFrame({"unit": c.units, "unit_name": [d.unit_name for d in self], "period": c.period,
                              "outcome": pd.Categorical.from_codes(c.outcome_codes.astype("int8"), categories=_OUTCOMES),
                              "total": c.totals, "pass_mark": c.pass_marks, "category": [d.category for d in self]})
        points = c.points_used
        for j, criterion in enumerate(c.criterion_ids):
            frame[f"c{criterion}"] = points[:, j]
        frame["disqualified"] = c.disqualified
        frame["points_missing"] = c.points_missing
        frame["reasons"] = [" | ".join(d.reasons(lang)) for d in self]
        return frame

    def audit_frame(self, lang: str = "en") -> pd.DataFrame:
        """Every audit finding: unit, kind, criterion (0: none) and its detail in ``lang``."""
        rows = [{"unit": d.unit, "kind": f.kind, "criterion": f.criterion, "detail": f.detail(lang)} for d in self for f in d.audit]
        return pd.DataFrame(rows, columns=["unit", "kind", "criterion", "detail"])

    def _repr_html_(self) -> str:
        colours = {"recognized": "#d4edda", "not_recognized": "#f8d7da", "inconclusive": "#fff3cd"}
        head = "".join(f"<th>{h}</th>" for h in ["unit", "", "outcome", "total", "pass mark", *[f"c{i}" for i in self._c.criterion_ids], "reasons"])
        body = []
        for d in self:
            cells = [d.unit, d.unit_name, d.outcome, _fmt(d.total), _fmt(d.pass_mark), *[_fmt(c.used) for c in d.criteria],
                     "<br>".join(html.escape(r) for r in d.reasons("en"))]
            tds = "".join(f"<td>{c if i == len(cells) - 1 else html.escape(str(c))}</td>" for i, c in enumerate(cells))
            body.append(f'<tr style="background:{colours[d.outcome]}">{tds}</tr>')
        layers = " + ".join(f"{i} {v}" for i, v in self.rules.layers)
        return (f"<div><b>Child-friendly commune certification, {html.escape(self.period)}</b> ({html.escape(layers)})"
                f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")

    def __repr__(self) -> str:
        counts = {name: int((self._c.outcome_codes == i).sum()) for i, name in enumerate(_OUTCOMES)}
        return f"Certification(period={self.period!r}, units={len(self)}, {({k: v for k, v in counts.items() if v})})"


def certify(assessments: Any, incidents: Any = None, *, period: str, rules: Rules | None = None,
            units: UnitRegistry | None = None, source: str = "<assessments>", incident_source: str = "<incidents>",
            children: Any = None, cases: Any = None, readings: dict[str, int] | None = None) -> Certification:
    """Decide every unit of ``assessments`` (a pandas, polars or pyarrow table) for ``period``, with
    the incident register ``incidents``. Both are read by the compiled readers that ``treem certify``
    uses, so the columns, spellings and errors are the same; errors name ``source`` and the row.
    Incidents outside the period are left out.

    With ``children`` (a child register as a file path or a table in its register columns, read
    again by the compiled reader as of the period's end) and ``cases`` (a
    :class:`treem.cases.CaseRegister`), the facts those registers give (criterion 6.1's share of
    children in special circumstances supported; 6.2's share of plans approved in time, timed as of
    the period's end, ``readings`` choosing a disputed limit) are used where the sheet is silent and
    audited where it is not; each decision's ``facts`` says where every fact came from."""
    from .registers import _input

    rules = rules or Rules.national()
    registry = units or UnitRegistry.bundled()
    assessment_table = table_input(assessments)[0]
    incident_table = table_input(incidents)[0] if incidents is not None else None
    child_table, child_path, child_label = None, "", "<children>"
    if children is not None:
        child_table, _, child_path, child_label = _input(children, None)
    decisions = _core._evaluate_all(assessment_table=assessment_table, incident_table=incident_table, rules=rules._c, units=registry._r,
                                    period=str(period), source=source, incident_source=incident_source, children_table=child_table,
                                    children_path=child_path, children_source=child_label, cases=cases._c if cases is not None else None,
                                    readings=dict(readings or {}))
    return Certification(decisions, rules)


def rules_template(lang: str = "vi") -> str:
    """The rule-set template for provinces (what ``treem rules template`` writes): Decision 06/QĐ-TTg
    as a treem.rules/1 file with every confirmed value and an empty, commented slot for each value
    that is not confirmed (criterion maxima, item points, bands), to fill in from the scoring table
    of Art. 2(2) of its Regulation. Comments in Vietnamese (``"vi"``) or English (``"en"``).
    Unedited, it loads as the national rule set under the id ``vn-06-qd-ttg-2019-province``."""
    return _core._rules_template(lang)


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    return f"{v:g}" if isinstance(v, float) else str(v)


def read_csv(path: str | os.PathLike[str], **kwargs: Any) -> pd.DataFrame:
    """A CSV file as the strings it holds (no type guessing, so codes such as "01" keep their zeros)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", **kwargs)


__all__ += ["read_csv"]
