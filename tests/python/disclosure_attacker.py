"""An attacker on treem's small-cell suppression that knows only what a reader of the published
table knows, for the property tests in test_disclosure_attacker.py (no tests here).

The reader knows the catalogue's definitions (its filters, as TOML), the unit hierarchy (which
communes make each district, province or nation row) and the published rows. Nothing here calls
treem: the table is read as any reader would read it.

Model. The registers are unknown non-negative counts of *atoms*: an atom is a base commune and one
class of every attribute, the classes being the coarsest partition of each attribute's domain that
every published set respects (ages split at every age-range boundary of the filters and at every age
group; each sex; each ethnicity label printed or named in a filter, plus "any other"; the child flags
the filters use; membership of the filters' special-circumstance groups; for incidents the kinds,
fatal or not, environment, plan in time / late / unknown, unknown age and sex). Every published
number (a row's numerator and denominator; a row's categories restrict the set; a district,
province or nation row is a sum over its communes; a NaN dimension means "all") is a linear equality
over atoms, and every withheld one (a NaN numerator; a NaN denominator where the row has one; the
complement denominator - numerator of a proportion when either is withheld) is a linear function of
atoms. Its bounds over all non-negative atom counts that reproduce the published numbers are two
linear programmes (scipy.optimize.linprog, HiGHS). A withheld count is *disclosed* when its bounds
meet, and *under-protected* when they do not contain [0, k + 1] (or the wider [0, upper] asked for).

How, exactly and fast enough for hundreds of cases: atoms of a published 0 are 0; atoms in the same
published and withheld sets are merged (any split of their sum is as good); one programme finds the
atoms that are 0 in every solution and a solution positive on all the others, so that whether a
withheld count is determined is a rank test (linear algebra, no programme per count; the published
numbers that give it are printed). The least value of each count is solved exactly; so is the most,
except that with ``exact=False`` (the default) a count some solution already puts at the upper end or more is
left there (``hi_exact`` False), and a count holding a published number is left at "at least that
number" (``lo_exact`` False): neither changes a verdict. Programmes over many counts at once and
bounds from one published number that holds the count (or that it holds), when a solution reaches
them, settle most bounds; ``exact=True`` solves every bound and checks the rank test against them.

Results name rows and counts only, never a register's rows.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog

# The public vocabulary (README: registers and the catalogue schema treem.indicators/1).
KINDS = ("drowning", "traffic_injury", "other_injury", "violence", "sexual_abuse", "exploitation", "trafficking", "abandonment", "neglect",
         "other_abuse", "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography")
SEXUAL_ABUSE = ("sexual_abuse", "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography")
INJURY = ("drowning", "traffic_injury", "other_injury")
ABUSE = tuple(k for k in KINDS if k not in INJURY)
ENVIRONMENTS = ("unknown", "family", "school", "community", "online")
GROUP_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o")
CHILD_FLAGS = ("receiving_support", "birth_registered", "health_insurance", "disability", "enrolled")
PLANS = ("in_time", "late", None)  # None: unknown
DIMENSIONS = ("sex", "age_group", "ethnicity", "kind", "environment")
MAX_AGE = 15
UNKNOWN = "unknown"  # the label of an unknown sex, age group or ethnicity in the table
OTHER_ETHNICITY = "\x00any other ethnicity"  # the ethnicities the table never names
TOL = 1e-6
ALL_IN_ZEROS = "0: all its atoms lie in published zeros"

REGISTER_ATTRIBUTES = {
    "children": ("age", "sex", "ethnicity", "flags", "groups"),
    "incidents": ("kind", "fatal", "age", "sex", "environment", "plan"),
}
REGISTER_DIMENSIONS = {"children": ("sex", "age_group", "ethnicity"), "incidents": ("sex", "age_group", "kind", "environment")}
DIMENSION_ATTRIBUTE = {"sex": "sex", "age_group": "age", "ethnicity": "ethnicity", "kind": "kind", "environment": "environment"}


def _expand_kinds(names: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        if name == "abuse":
            out.update(ABUSE)
        elif name == "injury":
            out.update(INJURY)
        elif name == "sexual_abuse":
            out.update(SEXUAL_ABUSE)
        elif name in KINDS:
            out.add(name)
        else:
            raise ValueError(f"unknown kind {name!r}")
    return frozenset(out)


def parse_age_group(label: str) -> tuple[int, int] | None:
    """'0-4' -> (0, 4), '3' -> (3, 3), 'unknown' -> None."""
    if label == UNKNOWN:
        return None
    first, _, last = label.partition("-")
    return int(first), int(last or first)


@dataclass(frozen=True)
class Filter:
    """A catalogue filter as the README defines it: every condition must hold."""

    register: str
    age: tuple[int, int] | None = None  # completed years; None: any age (an incident's unknown age too)
    sex: str | None = None  # "M" / "F"
    flags: frozenset[str] = frozenset()  # all set
    not_flags: frozenset[str] = frozenset()  # none set
    groups: frozenset[str] | None = None  # in any of these special-circumstance groups
    ethnicities: frozenset[str] | None = None
    kinds: frozenset[str] | None = None  # expanded: abuse, injury, sexual_abuse and its five forms
    fatal: bool | None = None
    environments: frozenset[str] | None = None
    plan: str | None = None  # in_time / late / known

    @classmethod
    def from_toml(cls, table: Mapping[str, Any]) -> Filter:
        t = dict(table)
        register = t.pop("register")
        if register not in REGISTER_ATTRIBUTES:
            raise ValueError(f"unknown register {register!r}")
        age = t.pop("age", None)
        age = (int(age[0]), int(age[1])) if age is not None else None
        if age == (0, MAX_AGE):
            age = None  # not a restriction: an incident of unknown age still counts
        sex = t.pop("sex", None)
        sex = {"male": "M", "female": "F"}[sex] if sex is not None else None
        groups = t.pop("special_groups", None)
        if groups is not None:
            groups = frozenset(GROUP_LETTERS) if "any" in groups else frozenset(groups)
        ethnicities = t.pop("ethnicities", None)
        kinds = t.pop("kinds", None)
        environments = t.pop("environments", None)
        out = cls(register=register, age=age, sex=sex, flags=frozenset(t.pop("flags", ())), not_flags=frozenset(t.pop("not_flags", ())),
                  groups=groups, ethnicities=frozenset(ethnicities) if ethnicities is not None else None,
                  kinds=_expand_kinds(kinds) if kinds is not None else None, fatal=t.pop("fatal", None),
                  environments=frozenset(environments) if environments is not None else None, plan=t.pop("plan", None))
        if t:
            raise ValueError(f"filter keys this attacker does not know: {sorted(t)}")
        return out

    def accepts(self, attribute: str, value: Any) -> bool:
        """Whether a row whose `attribute` is `value` can pass (the other attributes aside)."""
        if attribute == "age":
            if self.age is None:
                return True
            return value is not None and self.age[0] <= value <= self.age[1]
        if attribute == "sex":
            return self.sex is None or value == self.sex
        if attribute == "ethnicity":
            return self.ethnicities is None or value in self.ethnicities
        if attribute == "flags":
            return self.flags <= value and not (self.not_flags & value)
        if attribute == "groups":
            return self.groups is None or bool(self.groups & value)
        if attribute == "kind":
            return self.kinds is None or value in self.kinds
        if attribute == "fatal":
            return self.fatal is None or value == self.fatal
        if attribute == "environment":
            return self.environments is None or value in self.environments
        if attribute == "plan":
            return self.plan is None or (value == "in_time" if self.plan == "in_time" else value == "late" if self.plan == "late"
                                         else value is not None)
        raise KeyError(attribute)


@dataclass(frozen=True)
class Indicator:
    key: str
    numerator: Filter
    denominator: Filter | None

    @property
    def is_proportion(self) -> bool:
        return self.denominator is not None and self.denominator.register == self.numerator.register


def indicators_from_toml(document: Mapping[str, Any]) -> dict[str, Indicator]:
    """The indicators of a parsed treem.indicators/1 document (tomllib.loads of the file)."""
    out = {}
    for entry in document.get("indicator", []):
        den = entry.get("denominator")
        out[entry["key"]] = Indicator(entry["key"], Filter.from_toml(entry["numerator"]), Filter.from_toml(den) if den is not None else None)
    return out


def _category_accepts(dimension: str, label: str, value: Any) -> bool:
    if dimension == "sex":
        return value == {"male": "M", "female": "F", UNKNOWN: None}[label]
    if dimension == "age_group":
        span = parse_age_group(label)
        return value is None if span is None else (value is not None and span[0] <= value <= span[1])
    if dimension == "kind":
        # The README's kind tree: parents count the kinds below them; plain sexual_abuse in a
        # register is the leaf "form not recorded".
        return value in ({"sexual_abuse"} if label == "sexual_abuse_form_not_recorded" else _expand_kinds([label]))
    return value == label  # ethnicity (UNKNOWN is the empty one), environment


class _Attribute:
    """The classes of one attribute: domain values grouped by what every predicate says of them."""

    def __init__(self, name: str, domain: Sequence[Any], predicates: Sequence[Callable[[Any], bool]]) -> None:
        self.name, self.predicates = name, list(predicates)
        self.representatives: list[Any] = []
        self._index: dict[tuple, int] = {}
        for value in domain:
            sig = self.signature(value)
            if sig not in self._index:
                self._index[sig] = len(self.representatives)
                self.representatives.append(value)

    def signature(self, value: Any) -> tuple:
        return tuple(p(value) for p in self.predicates)

    def classify(self, value: Any) -> int:
        return self._index[self.signature(value)]


def _group_domain(sets: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """One set of group letters for each way a child's groups can meet the filters' group sets."""
    by_signature: dict[tuple, str] = {}
    for letter in GROUP_LETTERS:
        by_signature.setdefault(tuple(letter in s for s in sets), letter)
    letters = list(by_signature.values())
    return [frozenset(c) for r in range(len(letters) + 1) for c in itertools.combinations(letters, r)]


@dataclass
class Published:
    """One published number: a row's numerator or denominator."""

    row: Any
    side: str
    value: float
    text: str


@dataclass
class Withheld:
    """A withheld count and what the attacker can say of it."""

    row: Any  # index label in the published frame
    side: str  # numerator / denominator / complement
    indicator: str
    level: str
    unit: str
    categories: dict[str, str]
    suppressed: bool
    lo: float = math.nan
    hi: float = math.nan  # exact unless hi_exact is False: then a value some register reaches, already >= the upper end
    lo_exact: bool = True  # else lo is a published number inside the set: the least is at least that
    hi_exact: bool = True
    determined: bool = False  # the same in every register that gives the published numbers
    true: float | None = None
    why_lo: list[str] = field(default_factory=list)  # the published numbers that pin each bound
    why_hi: list[str] = field(default_factory=list)
    alongside: list[str] = field(default_factory=list)  # value / lower / upper printed on the same row

    @property
    def disclosed(self) -> bool:
        return self.determined or bool(self.alongside)

    def protected(self, upper: float) -> bool:
        """Whether the interval holds [0, upper] (k + 1 unless a wider one was asked for)."""
        return self.lo <= TOL and self.hi >= upper - TOL

    def cell(self) -> str:
        cats = " ".join(f"{d}={v}" for d, v in self.categories.items()) or "total"
        return f"row {self.row}: {self.level} {self.unit} {self.indicator} [{cats}] {self.side}"

    def describe(self) -> str:
        truth = "?" if self.true is None else f"{self.true:g}"
        lo = _fmt(self.lo) if self.lo_exact else f">= {_fmt(self.lo)}"
        hi = _fmt(self.hi) if self.hi_exact else f">= {_fmt(self.hi)}"
        lines = [f"{self.cell()}: true {truth}, attacker's interval [{lo}, {hi}]"
                 + ("" if self.suppressed or self.side != "numerator" else " (row not marked suppressed)")]
        if self.alongside:
            lines.append("    printed on the same row: " + ", ".join(self.alongside))
        if self.determined and self.why_lo == [ALL_IN_ZEROS]:
            lines.append(f"    {ALL_IN_ZEROS}")
        elif self.determined and self.why_lo:
            lines.append(f"    worked out from (the parts of published zeros being 0): {_listing(self.why_lo)}")
        else:
            for bound, why in (("lower", self.why_lo), ("upper", self.why_hi)):
                if why:
                    lines.append(f"    {bound} bound from: {_listing(why)}")
        return "\n".join(lines)


def _listing(items: list[str], most: int = 8) -> str:
    shown = items[:most] + ([f"... {len(items) - most} more"] if len(items) > most else [])
    return "\n      " + "\n      ".join(shown)


def _fmt(x: float) -> str:
    return "inf" if math.isinf(x) else f"{round(x, 6):g}"


class InconsistentTable(AssertionError):
    """No non-negative register reproduces the published numbers under this reading of the table."""


@dataclass
class Attack:
    withheld: list[Withheld]
    k: int
    upper: int  # the interval every withheld count of 1..k must hold is [0, upper]
    programmes: int  # linear programmes solved
    atoms: int  # variables after presolve and merging
    equalities: int

    def disclosed(self) -> list[Withheld]:
        return [w for w in self.withheld if w.disclosed]

    def under_protected(self) -> list[Withheld]:
        return [w for w in self.withheld if not w.protected(self.upper)]


class Model:
    """The atoms and the published and withheld sets of one published table.

    ``published``: the DataFrame of treem.indicators.compute. ``indicators``: key -> Indicator (the
    catalogue's definitions). ``members``: unit code -> the commune codes it sums (a commune: itself).
    """

    def __init__(self, published: pd.DataFrame, indicators: Mapping[str, Indicator], members: Mapping[str, Sequence[str]]) -> None:
        self.published, self.indicators = published, dict(indicators)
        self.members = {str(u): tuple(str(c) for c in cs) for u, cs in members.items()}
        self.communes = sorted({c for cs in self.members.values() for c in cs})
        self._commune_index = {c: i for i, c in enumerate(self.communes)}
        self.sides: list[dict] = []
        self._read_rows()
        self._build_attributes()
        self._build_local_atoms()
        self._build_matrix()

    # -- reading the table -----------------------------------------------------------------------

    def _read_rows(self) -> None:
        labels_seen: dict[str, set[str]] = {d: set() for d in DIMENSIONS}
        cols = ["level", "unit", "indicator", *DIMENSIONS, "numerator", "denominator", "value", "lower", "upper", "suppressed"]
        for row, *values in self.published[cols].itertuples(index=True, name=None):
            rec = dict(zip(cols, values))
            key = str(rec["indicator"])
            if key not in self.indicators:
                raise KeyError(f"row {row}: indicator {key!r} is not in the attacker's catalogue")
            ind = self.indicators[key]
            unit = str(rec["unit"])
            if unit not in self.members:
                raise KeyError(f"row {row}: unit {unit} is not in the attacker's unit hierarchy")
            cats = {d: str(rec[d]) for d in DIMENSIONS if not pd.isna(rec[d])}
            for d, v in cats.items():
                labels_seen[d].add(v)
            alongside = [f"{name} {rec[name]:g}" for name in ("value", "lower", "upper") if not pd.isna(rec[name])]
            base = dict(row=row, indicator=key, level=str(rec["level"]), unit=unit, categories=cats, suppressed=bool(rec["suppressed"]))
            num = dict(base, side="numerator", filter=ind.numerator, value=rec["numerator"])
            self.sides.append(num)
            den = None
            if ind.denominator is not None:
                children = ind.denominator.register == "children"
                if not (children and (cats.get("sex") == UNKNOWN or cats.get("age_group") == UNKNOWN)):  # else the row has no denominator
                    den = dict(base, side="denominator", filter=ind.denominator, value=rec["denominator"])
                    self.sides.append(den)
            withheld = pd.isna(num["value"]) or (den is not None and pd.isna(den["value"]))
            for s in (num, den):
                if s is not None:
                    s["alongside"] = alongside if withheld else []
            if ind.is_proportion and den is not None and withheld:
                self.sides.append(dict(base, side="complement", filter=None, value=math.nan, parts=(den, num), alongside=alongside))
        self.labels_seen = labels_seen

    def _filters(self, register: str) -> list[Filter]:
        out = []
        for ind in self.indicators.values():
            for f in (ind.numerator, ind.denominator):
                if f is not None and f.register == register and f not in out:
                    out.append(f)
        return out

    def _build_attributes(self) -> None:
        self.attributes: dict[str, list[_Attribute]] = {}
        for register, names in REGISTER_ATTRIBUTES.items():
            filters = self._filters(register)
            attrs = []
            for name in names:
                preds: list[Callable[[Any], bool]] = [lambda v, f=f, name=name: f.accepts(name, v) for f in filters]
                for dim in REGISTER_DIMENSIONS[register]:
                    if DIMENSION_ATTRIBUTE[dim] == name:
                        preds += [lambda v, dim=dim, label=label: _category_accepts(dim, label, v) for label in sorted(self.labels_seen[dim])]
                if name == "age":
                    domain: list[Any] = list(range(MAX_AGE + 1)) + ([None] if register == "incidents" else [])
                elif name == "sex":
                    domain = ["M", "F"] + ([None] if register == "incidents" else [])
                elif name == "ethnicity":
                    named = {e for f in filters if f.ethnicities for e in f.ethnicities}
                    domain = sorted(self.labels_seen["ethnicity"] | named) + [OTHER_ETHNICITY]
                elif name == "flags":
                    used = [x for x in CHILD_FLAGS if any(x in f.flags or x in f.not_flags for f in filters)]
                    domain = [frozenset(c) for r in range(len(used) + 1) for c in itertools.combinations(used, r)]
                elif name == "groups":
                    domain = _group_domain([f.groups for f in filters if f.groups is not None])
                elif name == "kind":
                    domain = list(KINDS)
                elif name == "fatal":
                    domain = [False, True]
                elif name == "environment":
                    domain = list(ENVIRONMENTS)
                elif name == "plan":
                    domain = list(PLANS)
                else:
                    raise KeyError(name)
                attrs.append(_Attribute(name, domain, preds))
            self.attributes[register] = attrs

    # -- atoms -------------------------------------------------------------------------------------

    def _local_mask(self, register: str, f: Filter, cats: Mapping[str, str]) -> np.ndarray:
        key = (register, f, tuple(sorted((d, v) for d, v in cats.items() if d in REGISTER_DIMENSIONS[register])))
        mask = self._mask_cache.get(key)
        if mask is None:
            codes = self._codes[register]
            mask = np.ones(len(codes), dtype=bool)
            for j, attr in enumerate(self.attributes[register]):
                dims = [d for d in REGISTER_DIMENSIONS[register] if DIMENSION_ATTRIBUTE[d] == attr.name and d in cats]
                allowed = np.array([f.accepts(attr.name, rep) and all(_category_accepts(d, cats[d], rep) for d in dims)
                                    for rep in attr.representatives])
                mask &= allowed[codes[:, j]]
            self._mask_cache[key] = mask
        return mask

    def _build_local_atoms(self) -> None:
        """Per register, every combination of attribute classes, merged where no set tells them apart."""
        self._mask_cache: dict = {}
        self._codes = {}
        for register, attrs in self.attributes.items():
            shape = [len(a.representatives) for a in attrs]
            self._codes[register] = np.indices(shape).reshape(len(shape), -1).T
        for s in self.sides:
            if s["filter"] is not None:
                s["register"] = s["filter"].register
                s["local"] = self._local_mask(s["register"], s["filter"], s["categories"])
        for s in self.sides:
            if s["side"] == "complement":
                den, num = s["parts"]
                s["register"] = den["register"]
                if (num["local"] & ~den["local"]).any():
                    raise ValueError(f"row {s['row']}: the numerator of {s['indicator']} is not inside its denominator")
                s["local"] = den["local"] & ~num["local"]
        self.local: dict[str, np.ndarray] = {}  # register -> local atom -> merged local atom (-1: in no set)
        self.local_count: dict[str, int] = {}
        for register in self.attributes:
            masks = {s["local"].tobytes(): s["local"] for s in self.sides if s["register"] == register}
            n = len(self._codes[register])
            if not masks:
                self.local[register], self.local_count[register] = np.full(n, -1), 0
                continue
            matrix = np.stack(list(masks.values()), axis=1)  # local atom x distinct set
            packed = np.packbits(matrix, axis=1)
            _, first, inverse = np.unique(packed, axis=0, return_index=True, return_inverse=True)
            inverse = inverse.ravel()
            in_none = ~matrix.any(axis=1)
            # renumber so that atoms in no set get -1
            keep = np.unique(inverse[~in_none])
            renumber = np.full(len(first), -1)
            renumber[keep] = np.arange(len(keep))
            self.local[register], self.local_count[register] = renumber[inverse], len(keep)
        for s in self.sides:
            merged = self.local[s["register"]][s["local"]]
            s["merged"] = np.unique(merged[merged >= 0])

    def column(self, register: str, commune: str, **values: Any) -> int | None:
        """The variable a register row falls in (for checking the model against a known register), or
        None when no published or withheld set holds it. ``values``: the attributes of
        REGISTER_ATTRIBUTES (ethnicity as the table prints it, flags and groups as sets)."""
        attrs = self.attributes[register]
        codes = [a.classify(values[a.name]) for a in attrs]
        shape = [len(a.representatives) for a in attrs]
        local = self.local[register][int(np.ravel_multi_index(codes, shape))]
        if local < 0 or commune not in self._commune_index:
            return None
        return self._offset[register] + self._commune_index[commune] * self.local_count[register] + int(local)

    def _build_matrix(self) -> None:
        self._offset = {"children": 0, "incidents": len(self.communes) * self.local_count["children"]}
        self.n_columns = self._offset["incidents"] + len(self.communes) * self.local_count["incidents"]
        rows, cols = [], []
        for i, s in enumerate(self.sides):
            communes = np.array([self._commune_index[c] for c in self.members[s["unit"]]], dtype=np.int64)
            c = (self._offset[s["register"]] + communes[:, None] * self.local_count[s["register"]] + s["merged"][None, :]).ravel()
            rows.append(np.full(len(c), i, dtype=np.int64))
            cols.append(c)
        r, c = (np.concatenate(rows), np.concatenate(cols)) if rows else (np.zeros(0, int), np.zeros(0, int))
        self.matrix = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(self.sides), self.n_columns))

    # -- checking against a known register ---------------------------------------------------------

    def residuals(self, x: np.ndarray) -> list[tuple[dict, float, float]]:
        """(side, published value, value of x) for every published number that x does not reproduce."""
        got = self.matrix @ x
        return [(s, float(s["value"]), float(v)) for s, v in zip(self.sides, got)
                if s["side"] != "complement" and not pd.isna(s["value"]) and abs(v - s["value"]) > TOL]

    # -- the attack --------------------------------------------------------------------------------

    def attack(self, k: int = 4, truth: pd.DataFrame | None = None, *, exact: bool = False, upper: int | None = None) -> Attack:
        """Bounds of every withheld count. ``truth``: the same table unsuppressed, when known, for the report;
        ``upper``: the upper end of the promise, k + 1 unless the table was published with a wider one."""
        upper = k + 1 if upper is None else upper
        published = [i for i, s in enumerate(self.sides) if s["side"] != "complement" and not pd.isna(s["value"])]
        targets = [i for i, s in enumerate(self.sides) if s["side"] == "complement" or pd.isna(s["value"])]
        M = self.matrix
        E, b = M[published], np.array([float(self.sides[i]["value"]) for i in published])
        if (b < 0).any() or (np.abs(b - np.round(b)) > TOL).any():
            raise InconsistentTable("a published count is negative or not whole")
        # Presolve: atoms of a published zero are zero.
        zero = np.asarray(E[b == 0].sum(axis=0)).ravel() > 0
        used = np.asarray(M.sum(axis=0)).ravel() > 0
        live = np.flatnonzero(used & ~zero)
        E, T = E[:, live].tocsr(), M[targets][:, live].tocsr()
        # Merge atoms in the same sets.
        both = sparse.vstack([E, T]).tocsc()
        groups: dict[bytes, int] = {}
        rep = []
        for j in range(both.shape[1]):
            key = _row_key(both, j)  # a CSC matrix: its column j
            if key not in groups:
                groups[key] = len(rep)
                rep.append(j)
        E, T = E[:, rep].tocsr(), T[:, rep].tocsr()
        # One equation per distinct published set (the same count published twice must agree).
        eq_index: dict[bytes, int] = {}
        eq_rows, eq_b, eq_names = [], [], []
        for r in range(E.shape[0]):
            key = _row_key(E, r)
            if key in eq_index:
                j = eq_index[key]
                if abs(eq_b[j] - b[r]) > TOL:
                    raise InconsistentTable(f"the same set is published as {eq_b[j]:g} and {b[r]:g}: {eq_names[j][0]} / "
                                            f"{self._text(published[r])}")
                eq_names[j].append(self._text(published[r]))
                continue
            if E.indptr[r] == E.indptr[r + 1]:
                if b[r] != 0:
                    raise InconsistentTable(f"{self._text(published[r])} is published but its atoms are all zero")
                continue
            eq_index[key] = len(eq_rows)
            eq_rows.append(r)
            eq_b.append(b[r])
            eq_names.append([self._text(published[r])])
        E, b = E[eq_rows].tocsr(), np.array(eq_b)
        # One programme pair per distinct withheld set.
        t_index: dict[bytes, int] = {}
        t_of = []
        t_rows = []
        for r in range(T.shape[0]):
            key = _row_key(T, r)
            if key not in t_index:
                t_index[key] = len(t_rows)
                t_rows.append(r)
            t_of.append(t_index[key])
        T = T[t_rows].tocsr() if t_rows else sparse.csr_matrix((0, E.shape[1]))
        bounds = _Bounds(E, b, T, eq_names, upper, exact)
        truth_of = self._truth(truth) if truth is not None else {}
        out = []
        for r, i in enumerate(targets):
            s = self.sides[i]
            t = t_of[r]
            why_lo, why_hi = list(bounds.why_lo[t]), list(bounds.why_hi[t])
            out.append(Withheld(row=s["row"], side=s["side"], indicator=s["indicator"], level=s["level"], unit=s["unit"],
                                categories=dict(s["categories"]), suppressed=s["suppressed"], lo=float(bounds.lo[t]),
                                hi=float(bounds.hi[t]), lo_exact=bool(bounds.lo_exact[t]), hi_exact=bool(bounds.hi_exact[t]),
                                determined=bool(bounds.determined[t]),
                                true=truth_of.get((s["row"], s["side"])), why_lo=why_lo, why_hi=why_hi,
                                alongside=s["alongside"]))
        return Attack(out, k, upper, bounds.programmes, E.shape[1], E.shape[0])

    def _text(self, i: int) -> str:
        s = self.sides[i]
        cats = " ".join(f"{d}={v}" for d, v in s["categories"].items()) or "total"
        return f"row {s['row']} {s['level']} {s['unit']} {s['indicator']} [{cats}] {s['side']} = {float(s['value']):g}"

    def _truth(self, truth: pd.DataFrame) -> dict:
        keys = ["level", "unit", "indicator", *DIMENSIONS]
        norm = lambda frame: [tuple(None if pd.isna(v) else str(v) for v in r) for r in frame[keys].itertuples(index=False, name=None)]
        by_key = dict(zip(norm(truth), zip(truth["numerator"], truth["denominator"])))
        mine = dict(zip(self.published.index, norm(self.published)))
        out = {}
        for s in self.sides:
            num, den = by_key[mine[s["row"]]]
            out[(s["row"], s["side"])] = float({"numerator": num, "denominator": den, "complement": den - num}[s["side"]])
        return out


class _Bounds:
    """Bounds of the withheld sets T x over {x >= 0 : E x = b}.

    Whether a set is determined is decided exactly, without a programme per set: one programme finds
    the atoms that are zero in every solution (Z) and a solution x0 positive on every other atom; the
    solutions then form a polytope whose relative interior holds x0, so T_i x is the same on all of
    them exactly when T_i restricted to the other atoms lies in the row space of E restricted to them
    (then T_i x = y . b, y the published numbers' coefficients). Both bounds are solved exactly,
    except with ``exact`` False: an upper bound that a solution already shows at ``upper`` or more stays
    that value (``hi_exact`` False), and a lower bound that a published number inside the set puts
    above 0 stays that number (``lo_exact`` False). Programmes over many sets at once (the least of
    their sum; the most of their sum, each capped) settle most bounds; the others get a programme each."""

    def __init__(self, E: sparse.csr_matrix, b: np.ndarray, T: sparse.csr_matrix, eq_names: list[list[str]], upper: int, exact: bool) -> None:
        self.E, self.b, self.T, self.names, self.upper, self.exact = E, b, T, eq_names, upper, exact
        q, n = T.shape
        self.q, self.n = q, n
        self.programmes = 0
        self.lo, self.hi = np.full(q, math.nan), np.full(q, math.nan)
        self.lo_exact, self.hi_exact = np.ones(q, dtype=bool), np.ones(q, dtype=bool)
        self.why_lo: list[list[str]] = [[] for _ in range(q)]
        self.why_hi: list[list[str]] = [[] for _ in range(q)]
        self.determined = np.zeros(q, dtype=bool)
        if q == 0:
            return
        self._interior()
        self._rank()
        self._single_row_bounds()
        self._settle()

    def _linprog(self, c, **kw) -> Any:
        self.programmes += 1
        res = linprog(c, method="highs", options={"presolve": False}, **kw)
        if res.status == 2:
            raise InconsistentTable("no non-negative register reproduces the published numbers: " + res.message)
        if res.status not in (0, 3):
            raise RuntimeError(f"linprog: {res.message}")
        return res

    def _solve(self, c: np.ndarray) -> Any:
        E = self.E
        return self._linprog(c, A_eq=E if E.shape[0] else None, b_eq=self.b if E.shape[0] else None, bounds=(0, None))

    def _interior(self) -> None:
        """max sum z  s.t.  E x = b tau, z <= x, 0 <= z <= 1, tau >= 1: z_j = 1 wherever x_j can be positive."""
        E, b, n = self.E, self.b, self.n
        m = E.shape[0]
        if m == 0:
            self.zero, self.x0 = np.zeros(n, dtype=bool), np.ones(n)
            return
        A_eq = sparse.hstack([E, sparse.csr_matrix((m, n)), sparse.csr_matrix(-b.reshape(-1, 1))]).tocsr()
        A_ub = sparse.hstack([-sparse.identity(n), sparse.identity(n), sparse.csr_matrix((n, 1))]).tocsr()
        c = np.concatenate([np.zeros(n), -np.ones(n), [0.0]])
        bounds = [(0, None)] * n + [(0, 1)] * n + [(1, None)]
        res = self._linprog(c, A_eq=A_eq, b_eq=np.zeros(m), A_ub=A_ub, b_ub=np.zeros(n), bounds=bounds)
        x, z, tau = res.x[:n], res.x[n:2 * n], res.x[-1]
        self.zero = z < 0.5
        self.x0 = np.where(self.zero, 0.0, x / tau)

    def _rank(self) -> None:
        live = ~self.zero
        A = self.E[:, live].toarray()
        TF = self.T[:, live].toarray()
        if A.size and TF.size:
            _, S, Vt = np.linalg.svd(A, full_matrices=False)
            rank = int((S > S[0] * 1e-9).sum()) if len(S) and S[0] > 0 else 0
            V = Vt[:rank]
            resid = TF - (TF @ V.T) @ V
        else:
            resid = TF
        self.determined = np.linalg.norm(resid, axis=1) <= 1e-7 * np.maximum(1.0, np.linalg.norm(TF, axis=1))
        values = self.T @ self.x0
        zero_atoms = np.asarray(self.T[:, self.zero].sum(axis=1)).ravel()
        self.rank_values = np.where(self.determined, np.round(values, 6), np.nan)
        self.rank_why: dict[int, list[str]] = {}
        for t in np.flatnonzero(self.determined):
            if not self.exact:  # else the programmes solve it too, to check the rank test
                self.lo[t] = self.hi[t] = self.rank_values[t]
            why = [] if self.T.indptr[t] < self.T.indptr[t + 1] else [ALL_IN_ZEROS]
            if TF[t].any():
                for r, coef in self._combination(A, TF[t]):
                    why.append(f"{coef:+g} x ({self.names[r][0]})")
            if zero_atoms[t]:
                # zero through non-negativity: the published numbers that cap the set say which
                res = self._solve(-self.T[t].toarray().ravel())
                caps = self._witnesses(res)
                why.append(f"{int(zero_atoms[t])} of its atoms, zero in every register that gives the published numbers "
                           f"(non-negativity), as capped by: " + " | ".join(caps[:6]) + (f" | ... {len(caps) - 6} more" if len(caps) > 6 else ""))
            self.rank_why[int(t)] = why
            self.why_lo[t] = self.why_hi[t] = why

    def _combination(self, A: np.ndarray, t: np.ndarray) -> list[tuple[int, float]]:
        """Published numbers whose signed sum is the set (y A = t, fewest-ish: least sum of |y|)."""
        m = A.shape[0]
        res = self._linprog(np.ones(2 * m), A_eq=np.hstack([A.T, -A.T]), b_eq=t, bounds=(0, None))
        if res.status != 0:
            y = np.linalg.lstsq(A.T, t, rcond=None)[0]
        else:
            y = res.x[:m] - res.x[m:]
        return [(int(r), round(float(y[r]), 6)) for r in np.flatnonzero(np.abs(y) > 1e-7)]

    def _single_row_bounds(self) -> None:
        """A published number that contains the set bounds it above; one inside it, below."""
        T, E, b, q = self.T, self.E, self.b, self.q
        sizes = np.diff(T.indptr)
        constrained = np.asarray(E.sum(axis=0)).ravel() > 0
        self.free = np.asarray(T @ (~constrained).astype(float)).ravel() > 0
        if len(b):
            overlap = (T @ E.T).toarray()
            ub = np.where(overlap == sizes[:, None], b[None, :], np.inf)
            lb = np.where(overlap == np.diff(E.indptr)[None, :], b[None, :], 0.0)
            self.ub_row, self.lb_row = ub.argmin(axis=1), lb.argmax(axis=1)
            self.ub, self.lb = ub.min(axis=1), lb.max(axis=1)
        else:
            self.ub_row = self.lb_row = np.zeros(q, dtype=int)
            self.ub, self.lb = np.full(q, np.inf), np.zeros(q)
        unsolved = ~self.determined & self.free
        self.hi[unsolved] = math.inf  # an atom that no published number holds

    def _absorb(self, x: np.ndarray) -> None:
        """Settle the bounds that a solution x shows attained."""
        v = self.T @ x
        for t in np.flatnonzero(np.isnan(self.lo) & (v <= self.lb + 1e-7)):
            self.lo[t] = self.lb[t]
            self.why_lo[t] = [self.names[self.lb_row[t]][0]] if self.lb[t] > 0 else []
        for t in np.flatnonzero(np.isnan(self.hi) & np.isfinite(self.ub) & (v >= self.ub - 1e-7)):
            self.hi[t] = self.ub[t]
            self.why_hi[t] = [self.names[self.ub_row[t]][0]]
        if not self.exact:
            for t in np.flatnonzero((np.isnan(self.hi) | ~self.hi_exact) & (v >= self.upper - 1e-7)):
                if np.isnan(self.hi[t]) or v[t] > self.hi[t]:
                    self.hi[t], self.hi_exact[t] = v[t], False

    def _witnesses(self, res: Any) -> list[str]:
        duals = getattr(getattr(res, "eqlin", None), "marginals", None)
        return [] if duals is None else [self.names[r][0] for r in np.flatnonzero(np.abs(duals) > 1e-9)]

    def _settle(self) -> None:
        T = self.T
        self._absorb(self.x0)
        # Many sets at once: the least of their sum, while that settles more of them.
        for _ in range(4):
            unsolved = np.flatnonzero(np.isnan(self.lo))
            if not len(unsolved):
                break
            before = len(unsolved)
            self._absorb(self._solve(np.asarray(T[unsolved].sum(axis=0)).ravel()).x)
            if np.isnan(self.lo).sum() == before:
                break
        # and the most of their sum, each capped where it would settle.
        for _ in range(4):
            unsolved = np.flatnonzero(np.isnan(self.hi))
            if not len(unsolved):
                break
            before = len(unsolved)
            cap = self.ub[unsolved] if self.exact else np.minimum(self.ub[unsolved], self.upper)
            unsolved, cap = unsolved[np.isfinite(cap)], cap[np.isfinite(cap)]
            if not len(unsolved):
                break
            m, n, p = self.E.shape[0], self.n, len(unsolved)
            # max sum s  s.t.  s_i <= T_i x, s_i <= cap_i, E x = b
            A_ub = sparse.hstack([-T[unsolved], sparse.identity(p)]).tocsr()
            A_eq = sparse.hstack([self.E, sparse.csr_matrix((m, p))]).tocsr() if m else None
            res = self._linprog(np.concatenate([np.zeros(n), -np.ones(p)]), A_ub=A_ub, b_ub=np.zeros(p), A_eq=A_eq,
                                b_eq=self.b if m else None, bounds=[(0, None)] * n + [(0, c) for c in cap])
            self._absorb(res.x[:n])
            if np.isnan(self.hi).sum() == before:
                break
        if not self.exact:  # a published number inside the set already puts it above 0
            for t in np.flatnonzero(np.isnan(self.lo) & (self.lb > 0)):
                self.lo[t], self.lo_exact[t] = self.lb[t], False
                self.why_lo[t] = [self.names[self.lb_row[t]][0]]
        # The rest one by one.
        for t in range(self.q):
            c = T[t].toarray().ravel()
            if np.isnan(self.lo[t]):
                res = self._solve(c)
                self.lo[t] = max(res.fun, 0.0)
                self.why_lo[t] = self._witnesses(res)
                self._absorb(res.x)
            if np.isnan(self.hi[t]):
                res = self._solve(-c)
                if res.status == 3:
                    self.hi[t] = math.inf
                else:
                    self.hi[t] = -res.fun
                    self.why_hi[t] = self._witnesses(res)
                    self._absorb(res.x)
        if self.exact:
            disagree = np.flatnonzero(((self.hi - self.lo <= TOL) != self.determined)
                                      | (self.determined & (np.abs(self.lo - np.nan_to_num(self.rank_values)) > TOL)))
            if len(disagree):
                raise AssertionError(f"the rank test and the programmes disagree on {len(disagree)} withheld sets")
            for t, why in self.rank_why.items():
                self.why_lo[t] = self.why_hi[t] = why


def attack(published: pd.DataFrame, indicators: Mapping[str, Indicator], members: Mapping[str, Sequence[str]], *, k: int = 4,
           truth: pd.DataFrame | None = None) -> Attack:
    """Bounds of every count withheld in ``published`` (see Model)."""
    return Model(published, indicators, members).attack(k=k, truth=truth)


def _row_key(matrix, r: int) -> bytes:
    """The positions of the entries of row r of a CSR matrix (column r of a CSC one), as a key."""
    return matrix.indices[matrix.indptr[r]:matrix.indptr[r + 1]].tobytes()
