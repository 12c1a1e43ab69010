// The suppression stage of the indicator engine, over counts rather than rows. Each row of an
// indicator table publishes up to two counts (its numerator and its denominator); a count is a
// count_set within a set of communes, and the same count published by several rows, as numerator
// or denominator, under any indicator or level, is one cell here. The primary rule withholds every
// cell of 1..k, and the complement n - x of a proportion of 1..k; the relations between cells
// (count_relations.hpp, and units made of units) are completed and audited (suppression.hpp); the
// protection stage (protection.hpp) then widens what is withheld until each protected count's
// interval holds [0, k + 1]; a row then hides what its cells hide.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "treem/indicators/count_relations.hpp"
#include "treem/indicators/count_set.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/protection.hpp"
#include "treem/indicators/suppression.hpp"

namespace treem::indicators {

inline constexpr std::uint32_t no_count_set = ~std::uint32_t{0};

/// A unit that is the union of other units (a district and its communes), by unit-set ids.
struct unit_partition {
  std::uint32_t whole = 0;
  std::vector<std::uint32_t> parts;
};

/// What each row of a table publishes, for the suppression stage.
struct published_counts {
  std::vector<count_set> sets;                   ///< distinct count sets of the table
  std::vector<std::uint32_t> unit_set_of_unit;   ///< table unit -> id of its set of communes
  std::vector<unit_partition> unit_partitions;   ///< units made of other published units
  std::vector<std::uint32_t> numerator_set;      ///< per row: index into `sets`
  std::vector<std::uint32_t> denominator_set;    ///< per row: index into `sets`, or no_count_set
  std::vector<std::uint8_t> proportion;          ///< per row: the complement rule applies

  /// The index of `s` in `sets`, added if new.
  std::uint32_t intern(const count_set& s) {
    const auto [it, fresh] = index_.try_emplace(s, static_cast<std::uint32_t>(sets.size()));
    if (fresh) sets.push_back(s);
    return it->second;
  }

 private:
  std::unordered_map<count_set, std::uint32_t, count_set_hash> index_;
};

/// Ids for sets of communes: units with the same communes (a province with one district in the
/// registers, and that district) are one unit for suppression.
class unit_set_ids {
 public:
  std::uint32_t of(std::vector<std::uint32_t> communes) {
    std::sort(communes.begin(), communes.end());
    return ids_.try_emplace(std::move(communes), static_cast<std::uint32_t>(ids_.size())).first->second;
  }

 private:
  std::map<std::vector<std::uint32_t>, std::uint32_t> ids_;
};

namespace detail {

/// The cells of a table: one per (unit set, count set) that some row publishes.
struct cell_index {
  std::vector<double> value;
  std::vector<std::uint32_t> numerator, denominator;  ///< per row; no_count_set for none
  std::vector<std::vector<std::uint32_t>> sets_in_unit;  ///< per unit set id: count sets published there
  std::vector<std::uint32_t> unit_of, set_of;            ///< per cell: its unit set and count set
  std::unordered_map<std::uint64_t, std::uint32_t> of;

  static std::uint64_t key(std::uint32_t unit_set, std::uint32_t set) { return std::uint64_t{unit_set} << 32 | set; }
  std::uint32_t find(std::uint32_t unit_set, std::uint32_t set) const {
    const auto it = of.find(key(unit_set, set));
    return it == of.end() ? no_count_set : it->second;
  }
  std::uint32_t add(std::uint32_t unit_set, std::uint32_t set, double v) {
    const auto [it, fresh] = of.try_emplace(key(unit_set, set), static_cast<std::uint32_t>(value.size()));
    if (fresh) {
      value.push_back(v);
      unit_of.push_back(unit_set);
      set_of.push_back(set);
      if (sets_in_unit.size() <= unit_set) sets_in_unit.resize(unit_set + 1);
      sets_in_unit[unit_set].push_back(set);
    }
    return it->second;
  }
};

inline cell_index index_cells(const indicator_table& t, const published_counts& p) {
  cell_index c;
  c.numerator.resize(t.size());
  c.denominator.assign(t.size(), no_count_set);
  c.of.reserve(t.size());  // about one cell per row (a row's two counts, less those shared): no rehashing
  c.value.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::uint32_t u = p.unit_set_of_unit[t.unit[i]];
    c.numerator[i] = c.add(u, p.numerator_set[i], t.numerator[i]);
    if (p.denominator_set[i] != no_count_set) c.denominator[i] = c.add(u, p.denominator_set[i], t.denominator[i]);
  }
  return c;
}

/// Every relation between published cells: the count-set relations in each unit, and each count
/// in a unit made of units. A relation is kept only when all its cells are published.
inline std::vector<sum_constraint> cell_relations(const published_counts& p, const cell_index& c) {
  std::vector<sum_constraint> sums;
  std::vector<bool> structural_zero(p.sets.size());
  for (std::size_t s = 0; s < p.sets.size(); ++s) structural_zero[s] = p.sets[s].empty();
  const auto add = [&](std::uint32_t total, const std::vector<std::uint32_t>& parts, auto part_cell) {
    if (total == no_count_set) return;
    sum_constraint s{total, {}};
    for (auto part : parts) {
      const std::uint32_t cell = part_cell(part);
      if (cell == no_count_set) return;
      if (cell != total) s.parts.push_back(cell);
    }
    if (!s.parts.empty()) sums.push_back(std::move(s));
  };
  std::vector<std::vector<const set_relation*>> relations_of(p.sets.size());
  const std::vector<set_relation> relations = derive_relations(p.sets);
  for (const auto& r : relations) relations_of[r.total].push_back(&r);
  for (std::uint32_t u = 0; u < c.sets_in_unit.size(); ++u) {
    for (auto set : c.sets_in_unit[u]) {
      for (const set_relation* r : relations_of[set]) add(c.find(u, set), r->parts, [&](std::uint32_t part) { return c.find(u, part); });
    }
  }
  for (const auto& part : p.unit_partitions) {
    if (part.whole >= c.sets_in_unit.size()) continue;
    for (auto set : c.sets_in_unit[part.whole]) {
      if (!structural_zero[set]) add(c.find(part.whole, set), part.parts, [&](std::uint32_t u) { return c.find(u, set); });
    }
  }
  return sums;
}

/// Whether every row of `inner` is a row of `outer` (both non-empty, of one register).
inline bool contains(const count_set& outer, const count_set& inner) {
  const auto within = [](std::uint32_t a, std::uint32_t b) { return (a & ~b) == 0; };
  if (outer.source != inner.source || !within(inner.ages, outer.ages) || !within(inner.sexes, outer.sexes) ||
      !within(inner.flag_states, outer.flag_states) || !within(inner.kinds, outer.kinds) || !within(inner.fatal, outer.fatal) ||
      !within(inner.environments, outer.environments) || !within(inner.plans, outer.plans)) {
    return false;
  }
  // "in at least one of these groups": fewer groups select fewer rows; no condition selects all.
  if (outer.groups_any != 0 && (inner.groups_any == 0 || !within(inner.groups_any, outer.groups_any))) return false;
  for (std::size_t w = 0; w < inner.ethnicities.size(); ++w) {
    if (inner.ethnicities[w] & ~outer.ethnicities[w]) return false;
  }
  return true;
}

/// Containment between the cells of one unit set, from containment between their count sets.
class cell_containment {
 public:
  cell_containment(const published_counts& p, const cell_index& c) : c_(c), outer_(p.sets.size()), inner_(p.sets.size()) {
    for (std::uint32_t a = 0; a < p.sets.size(); ++a) {
      for (std::uint32_t b = 0; b < p.sets.size(); ++b) {
        if (a != b && !p.sets[a].empty() && !p.sets[b].empty() && contains(p.sets[a], p.sets[b])) outer_[b].push_back(a), inner_[a].push_back(b);
      }
    }
  }
  void operator()(std::uint32_t cell, std::vector<std::uint32_t>& outer, std::vector<std::uint32_t>& inner) const {
    const std::uint32_t u = c_.unit_of[cell], s = c_.set_of[cell];
    for (auto t : outer_[s]) {
      if (const auto o = c_.find(u, t); o != no_count_set) outer.push_back(o);
    }
    for (auto t : inner_[s]) {
      if (const auto i = c_.find(u, t); i != no_count_set) inner.push_back(i);
    }
  }

 private:
  const cell_index& c_;
  std::vector<std::vector<std::uint32_t>> outer_, inner_;  // per count set
};

/// The counts the primary rule protects: cells of 1..k, and complements (denominator - numerator) of 1..k.
inline std::vector<protected_count> protected_counts(const indicator_table& t, const published_counts& p, const cell_index& c, int k) {
  std::vector<protected_count> out;
  for (std::uint32_t cell = 0; cell < c.value.size(); ++cell) {
    if (is_small_count(c.value[cell], k)) out.push_back({cell, no_cell});
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (p.proportion[i] && c.denominator[i] != no_count_set && is_small_count(t.denominator[i] - t.numerator[i], k)) {
      out.push_back({c.denominator[i], c.numerator[i]});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return std::tie(a.plus, a.minus) < std::tie(b.plus, b.minus); });
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.plus == b.plus && a.minus == b.minus; }), out.end());
  return out;
}

}  // namespace detail

/// Withholds the cells of table `t` (built with `p`) that the primary rule, the complement rule and
/// the relations between cells and the protection of each small count call for, and hides them in
/// every row that publishes them: a row whose numerator or denominator is withheld shows neither
/// value nor interval (`suppressed`), and of its two counts shows only those not withheld.
inline protection_report withhold_counts(indicator_table& t, const published_counts& p, int k) {
  const detail::cell_index c = detail::index_cells(t, p);
  std::vector<std::uint8_t> withheld(c.value.size(), 0);
  for (std::size_t cell = 0; cell < c.value.size(); ++cell) {
    if (is_small_count(c.value[cell], k)) withheld[cell] = 1;
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (p.proportion[i] && is_small_count(t.denominator[i] - t.numerator[i], k)) withheld[c.numerator[i]] = 1;
  }
  const std::vector<sum_constraint> sums = detail::cell_relations(p, c);
  complete_suppression(c.value, sums, withheld);
  const detail::cell_containment containment(p, c);
  const std::vector<protected_count> counts = detail::protected_counts(t, p, c, k);
  const protection_report report = protect_counts(c.value, sums, std::cref(containment), counts, withheld, {.k = k});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool numerator_withheld = withheld[c.numerator[i]];
    const bool denominator_withheld = c.denominator[i] != no_count_set && withheld[c.denominator[i]];
    if (!numerator_withheld && !denominator_withheld) continue;
    t.suppressed[i] = 1;
    t.value[i] = t.lower[i] = t.upper[i] = nan;
    if (numerator_withheld) t.numerator[i] = nan;
    if (denominator_withheld) t.denominator[i] = nan;
  }
  return report;
}

}  // namespace treem::indicators
