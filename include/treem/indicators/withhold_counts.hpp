// The suppression stage of the indicator engine, over counts rather than rows. Each row of an
// indicator table publishes up to two counts (its numerator and its denominator); a count is a
// count_set within a set of communes, and the same count published by several rows, as numerator
// or denominator, under any indicator or level, is one cell here. The primary rule withholds every
// cell of 1..k, and the complement n - x of a proportion of 1..k; the relations between cells
// (count_relations.hpp, and units made of units) are completed and audited (suppression.hpp); the
// protection stage (protection.hpp) then widens what is withheld until each protected count's
// interval holds [0, upper] (k + 1 unless a wider interval is asked for); a row then hides what its
// cells hide.
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

#include "treem/indicators/atom_protection.hpp"
#include "treem/indicators/count_relations.hpp"
#include "treem/indicators/count_set.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/modular_protection.hpp"
#include "treem/indicators/protection.hpp"
#include "treem/indicators/publish_log.hpp"
#include "treem/indicators/count_set_text.hpp"
#include "treem/indicators/suppression.hpp"
#include "treem/indicators/whole_parts.hpp"

namespace treem::indicators {

inline constexpr std::uint32_t no_count_set = ~std::uint32_t{0};

/// A unit that is the union of other units (a district and its communes), by unit-set ids.
struct unit_partition {
  std::uint32_t whole = 0;
  std::vector<std::uint32_t> parts;
};

/// Ids for sets of communes: units with the same communes (a province with one district in the
/// registers, and that district) are one unit for suppression.
class unit_set_ids {
 public:
  std::uint32_t of(std::vector<std::uint32_t> communes) {
    std::sort(communes.begin(), communes.end());
    const auto [it, fresh] = ids_.try_emplace(communes, static_cast<std::uint32_t>(communes_.size()));
    if (fresh) communes_.push_back(std::move(communes));
    return it->second;
  }
  /// The communes of unit set `id`, sorted.
  [[nodiscard]] const std::vector<std::uint32_t>& communes(std::uint32_t id) const { return communes_[id]; }
  [[nodiscard]] std::size_t size() const noexcept { return communes_.size(); }

 private:
  std::map<std::vector<std::uint32_t>, std::uint32_t> ids_;
  std::vector<std::vector<std::uint32_t>> communes_;
};

/// A count an earlier run logged (publish_log.hpp), as a cell of this run: a unit set and a count set.
struct logged_cell {
  std::uint32_t unit_set = 0, set = 0;
  std::uint32_t minus_set = no_count_set;  ///< a protected complement's numerator
  log_state state = log_state::published;
  double value = 0;  ///< published counts only
  source_location where;
};

/// What the run is, for the publish log it reads and the one it writes.
struct log_context {
  std::string period, reference_date, merger;
  std::vector<std::string> base_codes;       ///< commune code of each base unit (the communes of unit sets)
  std::vector<std::string> ethnicity_names;  ///< the child register's dictionary
  bool record = false;                       ///< write this run's entries into indicator_table::published_log
};

/// What each row of a table publishes, for the suppression stage.
struct published_counts {
  std::vector<count_set> sets;                   ///< distinct count sets of the table
  std::vector<std::uint32_t> unit_set_of_unit;   ///< table unit -> id of its set of communes
  std::vector<unit_partition> unit_partitions;   ///< units made of other published units
  std::vector<std::uint32_t> numerator_set;      ///< per row: index into `sets`
  std::vector<std::uint32_t> denominator_set;    ///< per row: index into `sets`, or no_count_set
  std::vector<std::uint8_t> proportion;          ///< per row: the complement rule applies
  unit_set_ids units;                            ///< the communes of each unit set id
  std::vector<logged_cell> logged;               ///< counts of earlier runs for this period (publish_log.hpp)
  std::size_t logged_outside = 0;                ///< entries for this period over communes these registers lack
  log_context log;

  /// The index of `s` in `sets`, added if new.
  std::uint32_t intern(const count_set& s) {
    const auto [it, fresh] = index_.try_emplace(s, static_cast<std::uint32_t>(sets.size()));
    if (fresh) sets.push_back(s);
    return it->second;
  }

 private:
  std::unordered_map<count_set, std::uint32_t, count_set_hash> index_;
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

/// Places the counts earlier runs logged (`p.logged`) among the cells: a published one is fixed
/// (readers know it: it is never withheld, and where this run publishes it too the registers must
/// give the same number), a withheld one is withheld, a protected one is protected again (returned).
inline std::vector<protected_count> place_logged(const published_counts& p, cell_index& c, std::vector<std::uint8_t>& withheld,
                                                 std::vector<std::uint8_t>& fixed) {
  const std::size_t table_cells = c.value.size();
  const auto cell = [&](std::uint32_t unit_set, std::uint32_t set) {
    const std::uint32_t x = c.add(unit_set, set, std::numeric_limits<double>::quiet_NaN());
    withheld.resize(c.value.size(), 0), fixed.resize(c.value.size(), 0);
    return x;
  };
  for (const auto& e : p.logged) {
    if (e.state != log_state::published) continue;
    const std::uint32_t x = cell(e.unit_set, e.set);
    if (x >= table_cells && !fixed[x]) c.value[x] = e.value;
    else if (c.value[x] != e.value) {
      throw validation_error(e.where, "value", x < table_cells ? "an earlier run published this count with another number than these registers give: the log is of other registers"
                                                               : "the log publishes this count twice, with two numbers");
    }
    fixed[x] = 1, withheld[x] = 0;
  }
  std::vector<protected_count> out;
  for (const auto& e : p.logged) {
    if (e.state == log_state::published) continue;
    const std::uint32_t x = cell(e.unit_set, e.set);
    if (e.state == log_state::withheld && fixed[x]) throw validation_error(e.where, "state", "the log both publishes and withholds this count");
    if (e.state == log_state::withheld) withheld[x] = 1;
    else out.push_back({x, e.minus_set == no_count_set ? no_cell : cell(e.unit_set, e.minus_set)});
  }
  return out;
}

/// The protected counts still owed protection: those readers know already (every cell fixed) are
/// left out and counted in `known`; each of the others has a withheld cell (its own, else the one
/// not fixed).
inline std::vector<protected_count> owed_protection(std::vector<protected_count> counts, std::span<const std::uint8_t> fixed,
                                                    std::vector<std::uint8_t>& withheld, std::size_t& known) {
  const auto is_fixed = [&](std::uint32_t x) { return x == no_cell || detail::is_fixed(fixed, x); };
  std::erase_if(counts, [&](const protected_count& pc) { return is_fixed(pc.plus) && is_fixed(pc.minus) ? (++known, true) : false; });
  for (const auto& pc : counts) {
    if (withheld[pc.plus] || (pc.minus != no_cell && withheld[pc.minus])) continue;
    withheld[is_fixed(pc.plus) ? pc.minus : pc.plus] = 1;
  }
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return std::tie(a.plus, a.minus) < std::tie(b.plus, b.minus); });
  counts.erase(std::unique(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.plus == b.plus && a.minus == b.minus; }), counts.end());
  return counts;
}

/// This run's entries for the publish log: each cell a row publishes, published (with its value)
/// or withheld, and each count protected, but for those an earlier run published.
inline publish_log record_log(const published_counts& p, const cell_index& c, std::size_t table_cells, std::span<const std::uint8_t> withheld,
                              std::span<const std::uint8_t> fixed, std::span<const protected_count> counts) {
  publish_log log;
  std::vector<std::string> set_text(p.sets.size());
  std::map<std::uint32_t, std::vector<std::string>> unit_codes;
  const auto text = [&](std::uint32_t set) -> const std::string& {
    if (set_text[set].empty()) set_text[set] = count_set_text(p.sets[set], p.log.ethnicity_names);
    return set_text[set];
  };
  const auto entry = [&](std::uint32_t cell, log_state state) {
    auto [it, fresh] = unit_codes.try_emplace(c.unit_of[cell]);
    if (fresh) {
      for (auto b : p.units.communes(c.unit_of[cell])) it->second.push_back(p.log.base_codes[b]);
      std::sort(it->second.begin(), it->second.end());
    }
    log_entry e;
    e.period = p.log.period, e.reference_date = p.log.reference_date, e.merger = p.log.merger, e.communes = it->second, e.count = text(c.set_of[cell]), e.state = state;
    if (state == log_state::published) e.value = c.value[cell];
    return e;
  };
  for (std::uint32_t cell = 0; cell < table_cells; ++cell) {
    if (!detail::is_fixed(fixed, cell)) log.entries.push_back(entry(cell, withheld[cell] ? log_state::withheld : log_state::published));
  }
  for (const auto& pc : counts) {
    if (pc.plus >= table_cells || (pc.minus != no_cell && pc.minus >= table_cells)) continue;  // an earlier run's: in its log already
    log_entry e = entry(pc.plus, log_state::protected_count);
    if (pc.minus != no_cell) e.minus = text(c.set_of[pc.minus]);
    log.entries.push_back(std::move(e));
  }
  return log;
}

/// The atom stage (suppression_options::sub_tables_above): the table whole; or beyond, first in
/// sub-tables (when its units are a hierarchy) and then whole from what they withheld, where the
/// whole fits `whole_table_limit`; else its largest parts within that limit whole (whole_parts.hpp).
/// Adds to `r` what each step did; the verdict is the last complete reading's.
inline void read_over_atoms(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                            std::span<const protected_count> counts, std::vector<std::uint8_t>& withheld, std::span<const std::uint8_t> fixed,
                            std::span<const std::uint8_t> kept, const suppression_options& s, std::size_t threads, protection_report& r) {
  const std::size_t whole_table_limit = s.whole_table_limit;
  atom_protection_options atoms{.upper = protection_upper(s)};
  atoms.limits.max_unknowns = std::min(s.sub_tables_above, whole_table_limit);
  if (protect_over_atoms(space, value, sums, counts, withheld, fixed, kept, atoms, r)) return;
  protect_in_sub_tables(space, value, sums, counts, withheld, fixed, kept, {.atoms = atoms, .threads = threads}, r);
  // One sub-table, read: its units inside hold none, so their blocks are the whole table's units.
  if (r.sub_tables == 1 && r.atom_columns > 0) r.read_whole = true;
  if (r.read_whole || whole_table_limit <= atoms.limits.max_unknowns) return;
  // Whole, from the sub-tables' cells: a reader who combines them is read, and the few counts they
  // leave short widened (cells are only added, so a sub-table's verdict still holds if this stops).
  const protection_report before = r;
  atoms.limits.max_unknowns = whole_table_limit;
  if (protect_over_atoms(space, value, sums, counts, withheld, fixed, kept, atoms, r)) return;
  r.unprotected = before.unprotected, r.skipped = before.skipped, r.atom_columns = before.atom_columns;
  // Beyond it: the largest parts within it, whole, and the sub-tables above them again (should one
  // be left unread, the sub-tables' verdict stands: cells withheld since only strengthen it).
  modular_options parts{.atoms = atoms, .threads = threads};
  parts.max_sub_table_unknowns = std::max(parts.max_sub_table_unknowns, whole_table_limit);
  if (protect_in_parts(space, value, sums, counts, withheld, fixed, kept, parts, whole_table_limit, s.certify, r) && r.atom_columns == 0) {
    r.unprotected = before.unprotected, r.skipped = before.skipped, r.atom_columns = before.atom_columns, r.parts_read_whole = 0;
  }
}

}  // namespace detail

/// Withholds the cells of table `t` (built with `p`) that the primary rule, the complement rule and
/// the relations between cells and the protection of each small count call for, and hides them in
/// every row that publishes them: a row whose numerator or denominator is withheld shows neither
/// value nor interval (`suppressed`), and of its two counts shows only those not withheld.
/// `s` says how a large table is read (its sub-tables on `threads` threads, side by side: the
/// result does not depend on them).
inline protection_report withhold_counts(indicator_table& t, const published_counts& p, const suppression_options& s, std::size_t threads = 1) {
  const int k = s.threshold, upper = protection_upper(s);
  detail::cell_index c = detail::index_cells(t, p);
  const std::size_t table_cells = c.value.size();
  std::vector<std::uint8_t> withheld(table_cells, 0), fixed(table_cells, 0);
  for (std::size_t cell = 0; cell < table_cells; ++cell) {
    if (is_small_count(c.value[cell], k)) withheld[cell] = 1;
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (p.proportion[i] && is_small_count(t.denominator[i] - t.numerator[i], k)) withheld[c.numerator[i]] = 1;
  }
  std::vector<protected_count> counts = detail::place_logged(p, c, withheld, fixed);
  const std::vector<sum_constraint> sums = detail::cell_relations(p, c);
  complete_suppression(c.value, sums, withheld, fixed);
  const detail::cell_containment containment(p, c);
  const std::vector<protected_count> own = detail::protected_counts(t, p, c, k);
  counts.insert(counts.end(), own.begin(), own.end());
  std::size_t known = 0;
  counts = detail::owed_protection(std::move(counts), fixed, withheld, known);
  protection_report report = protect_counts(c.value, sums, std::cref(containment), counts, withheld, {.upper = upper}, fixed);
  std::vector<std::vector<std::uint32_t>> unit_communes(p.units.size());
  for (std::uint32_t u = 0; u < p.units.size(); ++u) unit_communes[u] = p.units.communes(u);
  // What an earlier run withheld stays withheld, even where this run finds it determined: the log
  // must never both withhold and publish a count. The atom stage keeps it undetermined if it can.
  std::vector<std::uint8_t> kept(c.value.size(), 0);
  for (const auto& e : p.logged) {
    if (e.state == log_state::withheld) withheld[c.find(e.unit_set, e.set)] = 1, kept[c.find(e.unit_set, e.set)] = 1;
  }
  const cell_space space{p.sets, c.set_of, c.unit_of, unit_communes};
  detail::read_over_atoms(space, c.value, sums, counts, withheld, fixed, kept, s, threads, report);
  report.unprotected += known;
  report.logged = p.logged.size(), report.logged_outside = p.logged_outside;
  if (p.log.record) t.published_log = detail::record_log(p, c, table_cells, withheld, fixed, counts);
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
