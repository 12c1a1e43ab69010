// The emission stage of the indicator engine: for one level, every indicator's published rows for
// every unit, from the counts rolled up to it (level_units.hpp): keys, numerator, denominator and
// value, and, when suppression needs them, the counts each row covers (describe_counts.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "treem/core/error.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/count_cube.hpp"
#include "treem/indicators/describe_counts.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/layout.hpp"
#include "treem/indicators/level_units.hpp"
#include "treem/indicators/request.hpp"

namespace treem::indicators::detail {

/// Per cell of breakdown `b` (numbered by `sizes`): the cell of the denominator's breakdown `db`
/// (the dimensions of `b` that the denominator's register has, numbered by `dsizes`), or -1 for a
/// category the denominator lacks (an incident's unknown sex among children).
inline std::vector<std::int64_t> denominator_cells(const breakdown& b, const dimension_sizes& sizes, const breakdown& db, const dimension_sizes& dsizes) {
  std::size_t ncells = 0, dcells = 0;
  const auto stride = breakdown_strides(b, sizes, ncells);
  const auto dstride = breakdown_strides(db, dsizes, dcells);
  std::vector<std::int64_t> out(ncells, -1);
  for (std::size_t cell = 0; cell < ncells; ++cell) {
    std::int64_t target = 0;
    std::size_t j = 0;
    for (std::size_t bj = 0; bj < b.size(); ++bj) {
      const auto d = static_cast<std::size_t>(b[bj]);
      if (j < db.size() && db[j] == b[bj]) {
        const std::size_t coord = cell / stride[bj] % sizes[d];
        if (coord >= dsizes[d]) target = -1;
        if (target >= 0) target += static_cast<std::int64_t>(coord * dstride[j]);
        ++j;
      }
    }
    out[cell] = target;
  }
  return out;
}

/// The published cells of a breakdown (those with a slot), with each one's category in every
/// dimension (-1, "all", in those the breakdown does not split): the key columns of one unit's
/// block of rows, the same for every unit.
struct cell_keys {
  std::vector<std::size_t> cell;  ///< the cube cell of each published row
  std::array<std::vector<std::int8_t>, dimension_count> category;
};

inline cell_keys published_cells(const breakdown& b, const std::vector<std::int64_t>& slot, const std::vector<std::size_t>& stride,
                                 const dimension_sizes& sizes) {
  cell_keys out;
  for (std::size_t cell = 0; cell < slot.size(); ++cell) {
    if (slot[cell] < 0) continue;
    out.cell.push_back(cell);
    for (auto& col : out.category) col.push_back(-1);
    for (std::size_t bj = 0; bj < b.size(); ++bj) {
      const auto d = static_cast<std::size_t>(b[bj]);
      out.category[d].back() = static_cast<std::int8_t>(cell / stride[bj] % sizes[d]);
    }
  }
  return out;
}

/// Grows every column of `t` by `n` rows and returns where they start.
inline std::size_t grow_rows(indicator_table& t, std::size_t n) {
  const std::size_t at = t.size();
  t.level.resize(at + n), t.unit.resize(at + n), t.indicator.resize(at + n), t.numerator.resize(at + n), t.denominator.resize(at + n);
  t.value.resize(at + n), t.suppressed.resize(at + n);
  for (auto& c : t.category) c.resize(at + n);
  return at;
}

/// Writes the keys of the block of rows of `units` units from row `at`: per unit, one row per
/// published cell, whole columns at a time.
inline void write_keys(indicator_table& t, std::size_t at, std::size_t level_index, std::size_t unit_offset, std::size_t units, std::size_t indicator,
                       const cell_keys& keys) {
  const std::size_t per_unit = keys.cell.size(), n = units * per_unit;
  std::fill_n(t.level.begin() + static_cast<std::ptrdiff_t>(at), n, static_cast<std::uint8_t>(level_index));
  std::fill_n(t.indicator.begin() + static_cast<std::ptrdiff_t>(at), n, static_cast<std::uint32_t>(indicator));
  for (std::size_t u = 0; u < units; ++u) {
    const auto from = static_cast<std::ptrdiff_t>(at + u * per_unit);
    std::fill_n(t.unit.begin() + from, per_unit, static_cast<std::uint32_t>(unit_offset + u));
    for (std::size_t d = 0; d < dimension_count; ++d) std::copy(keys.category[d].begin(), keys.category[d].end(), t.category[d].begin() + from);
  }
}

/// numerator / denominator x factor (NaN for a zero denominator, or an error by request); a
/// proportion whose numerator exceeds its denominator is a catalogue error.
inline double ratio(const indicator_definition& def, double x, double n, const std::string& unit, const breakdown& b, zero_denominator_policy policy) {
  if (def.is_proportion() && x > n) {
    throw validation_error(def.where, "numerator", "indicator " + def.key + " counts " + std::to_string(static_cast<long long>(x)) +
                                                       " rows where its denominator counts " + std::to_string(static_cast<long long>(n)) + " in unit " +
                                                       unit + ": the numerator must select a subset of the denominator");
  }
  if (n == 0 && policy == zero_denominator_policy::error) {
    throw validation_error({"<indicators>"}, def.key, "the denominator is 0 in unit " + unit + " (" +
                                                          (b.empty() ? std::string("total") : "a breakdown by " + std::string(to_string(b[0]))) +
                                                          "); zero denominators are errors by request");
  }
  return n > 0 ? x / n * def.factor : std::numeric_limits<double>::quiet_NaN();
}

/// What the emission of one level reads besides the level's units.
struct emit_inputs {
  const layout& plan;
  const side_counts& child_counts;
  const side_counts& incident_counts;
  const age_groups& groups;
  zero_denominator_policy zero_denominator;
  const register_sets& sets;
  published_counts* counts;  ///< where each row's counts go; null without suppression

  [[nodiscard]] const side& side_at(const side_key& k) const {
    return k.source == register_kind::children ? plan.child_sides[k.index] : plan.incident_sides[k.index];
  }
  [[nodiscard]] const dimension_sizes& cube_sizes(const side_key& k) const {
    return k.source == register_kind::children ? plan.child_sizes : plan.incident_sizes;
  }
};

/// Where the rows of one indicator at one level go: the level's place, its units and the indicator's.
struct emit_target {
  std::size_t level_index, unit_offset, indicator_index;
  const level_units& units;
};

/// The rows of one breakdown of one indicator, unit after unit, from its rolled numerator and
/// denominator counts (`den` is empty without a denominator).
inline void emit_breakdown(indicator_table& t, const emit_inputs& in, const emit_target& to, const indicator_plan& e, std::size_t bi,
                           const rolled_counts& num, const rolled_counts& den) {
  const indicator_definition& def = *e.def;
  const breakdown& b = e.breakdowns[bi];
  const dimension_sizes nsizes = shown_sizes(in.cube_sizes(e.num));  // categories as the breakdown shows them
  const projection np = project(in.side_at(e.num), in.cube_sizes(e.num), b);
  const std::vector<std::int64_t>& slot = e.slot[bi];
  breakdown db;  // the denominator is split by the breakdown's dimensions that its register has
  for (auto d : b) {
    if (e.den && has_dimension(e.den->source, d)) db.push_back(d);
  }
  const projection dp = e.den ? project(in.side_at(*e.den), in.cube_sizes(*e.den), db) : projection{};
  const std::vector<std::int64_t> den_cell = e.den ? denominator_cells(b, nsizes, db, shown_sizes(in.cube_sizes(*e.den))) : std::vector<std::int64_t>(np.cells, -1);
  std::size_t ncells = 0;
  const auto nstride = breakdown_strides(b, nsizes, ncells);
  const cell_counts sets = in.counts ? describe_cells(in.sets.of(def.numerator), e.den ? std::optional(in.sets.of(*def.denominator)) : std::nullopt,
                                                      b, nsizes, slot, den_cell, in.groups, *in.counts)
                                     : cell_counts{};
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const cell_keys keys = published_cells(b, slot, nstride, nsizes);
  const std::size_t units = to.units.codes.size();
  std::size_t row = grow_rows(t, units * keys.cell.size());
  write_keys(t, row, to.level_index, to.unit_offset, units, to.indicator_index, keys);
  std::vector<double> nm(np.cells), dm(dp.cells);
  for (std::size_t u = 0; u < units; ++u) {
    const auto ur = static_cast<Eigen::Index>(u);
    std::fill(nm.begin(), nm.end(), 0.0);
    np.add(num.row(ur), nm);
    if (e.den) {
      std::fill(dm.begin(), dm.end(), 0.0);
      dp.add(den.row(ur), dm);
    }
    for (const std::size_t cell : keys.cell) {
      const double x = nm[cell];
      const double n = !e.den || den_cell[cell] < 0 ? nan : dm[static_cast<std::size_t>(den_cell[cell])];
      t.numerator[row] = x;
      t.denominator[row] = n;
      t.value[row] = e.den ? ratio(def, x, n, to.units.codes[u], b, in.zero_denominator) : x;
      ++row;
      if (in.counts) {
        in.counts->numerator_set.push_back(sets.numerator[cell]);
        in.counts->denominator_set.push_back(sets.denominator[cell]);
        in.counts->proportion.push_back(def.is_proportion() ? 1 : 0);
      }
    }
  }
}

/// Every indicator's rows at one level (the level's units appended to the table's dictionary).
inline void emit_level(indicator_table& t, const emit_inputs& in, std::size_t level_index, const level_units& lu, const unit_mapping& map) {
  const std::size_t unit_offset = t.unit_codes.size();
  t.unit_codes.insert(t.unit_codes.end(), lu.codes.begin(), lu.codes.end());
  t.unit_names.insert(t.unit_names.end(), lu.names.begin(), lu.names.end());
  const rollup_matrix to_children = lu.from_base * map.children, to_incidents = lu.from_base * map.incidents;
  auto rolled = [&](const side_key& k) {
    return k.source == register_kind::children ? roll(to_children, in.child_counts[k.index], in.plan.child_sides[k.index].cells)
                                               : roll(to_incidents, in.incident_counts[k.index], in.plan.incident_sides[k.index].cells);
  };
  for (std::size_t pi = 0; pi < in.plan.entries.size(); ++pi) {
    const indicator_plan& e = in.plan.entries[pi];
    const rolled_counts num = rolled(e.num);
    const rolled_counts den = e.den ? rolled(*e.den) : rolled_counts{};
    for (std::size_t bi = 0; bi < e.breakdowns.size(); ++bi) emit_breakdown(t, in, {level_index, unit_offset, pi, lu}, e, bi, num, den);
  }
}

}  // namespace treem::indicators::detail
