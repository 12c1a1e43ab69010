// The constraint stage of the indicator engine: what each published number counts, for the
// suppression stage (withhold_counts.hpp). Every row's numerator and denominator get the canonical
// description of the rows they cover (count_set.hpp), interned so that two numbers with the same set
// are one cell; the units' communes and the earlier runs' logged counts go with them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

#include "treem/indicators/count_set.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/layout.hpp"
#include "treem/indicators/level_units.hpp"
#include "treem/indicators/logged_counts.hpp"
#include "treem/indicators/request.hpp"
#include "treem/indicators/withhold_counts.hpp"

namespace treem::indicators::detail {

/// The whole of each register as a count (count_set.hpp), from which each filter's count is cut.
struct register_sets {
  count_set children, incidents;
  std::span<const std::string> ethnicities;

  explicit register_sets(const child_columns* c)
      : children(whole_register(register_kind::children, c ? c->ethnicities.size() : 0)),
        incidents(whole_register(register_kind::incidents, 0)),
        ethnicities(c ? std::span<const std::string>(c->ethnicities) : std::span<const std::string>()) {}

  [[nodiscard]] count_set of(const row_filter& f) const {
    return restrict_to(f.source == register_kind::children ? children : incidents, f, ethnicities);
  }
};

/// Each output unit's set of communes, and which units are made of the units of a finer level,
/// for the suppression stage.
inline void describe_units(const std::vector<level_units>& levels, const std::vector<level>& which, published_counts& out) {
  unit_set_ids& ids = out.units;
  std::vector<std::vector<std::uint32_t>> unit_set(levels.size());
  for (std::size_t li = 0; li < levels.size(); ++li) {
    const rollup_matrix rows(levels[li].from_base.transpose());  // base x units: column u lists unit u's communes
    for (Eigen::Index u = 0; u < rows.outerSize(); ++u) {
      std::vector<std::uint32_t> communes;
      for (rollup_matrix::InnerIterator it(rows, u); it; ++it) communes.push_back(static_cast<std::uint32_t>(it.row()));
      unit_set[li].push_back(ids.of(std::move(communes)));
    }
    out.unit_set_of_unit.insert(out.unit_set_of_unit.end(), unit_set[li].begin(), unit_set[li].end());
  }
  for (std::size_t hi = 0; hi < levels.size(); ++hi) {
    for (std::size_t lo = 0; lo < levels.size(); ++lo) {
      if (static_cast<int>(which[lo]) >= static_cast<int>(which[hi])) continue;
      // lo units -> hi unit, through the base units (each base unit lies in one unit of each level).
      const rollup_matrix link = levels[hi].from_base * rollup_matrix(levels[lo].from_base.transpose());
      std::vector<unit_partition> found(levels[hi].codes.size());
      for (std::size_t h = 0; h < found.size(); ++h) found[h].whole = unit_set[hi][h];
      for (Eigen::Index k = 0; k < link.outerSize(); ++k) {
        for (rollup_matrix::InnerIterator it(link, k); it; ++it) {
          found[static_cast<std::size_t>(it.row())].parts.push_back(unit_set[lo][static_cast<std::size_t>(it.col())]);
        }
      }
      out.unit_partitions.insert(out.unit_partitions.end(), found.begin(), found.end());
    }
  }
}

/// What the suppression stage needs besides the rows: the units' communes, the run itself (for the
/// publish log) and the counts earlier runs logged.
inline void describe_run(const std::vector<level_units>& levels, const indicator_request& req, const indicator_table& t, const unit_mapping& map,
                         const child_columns* children, published_counts& out) {
  describe_units(levels, req.levels, out);
  out.log = {t.period, t.reference_date, req.merger, map.base, {}, req.record_publish_log};
  if (children) out.log.ethnicity_names.assign(children->ethnicities.begin(), children->ethnicities.end());
  if (req.earlier_log) add_logged_cells(*req.earlier_log, out);
}

/// The counts (interned in `counts`) that the numerator and the denominator of each published cell
/// of a breakdown cover; no_count_set where a cell is not published or has no denominator.
struct cell_counts {
  std::vector<std::uint32_t> numerator, denominator;
};

/// `num` and `den`: the whole numerator's and denominator's counts; `b`, `sizes`: the breakdown and
/// its categories (shown_sizes); `slot` and `den_cell` as published_slots and denominator_cells.
inline cell_counts describe_cells(const count_set& num, const std::optional<count_set>& den, const breakdown& b, const dimension_sizes& sizes,
                                  const std::vector<std::int64_t>& slot, const std::vector<std::int64_t>& den_cell, const age_groups& groups,
                                  published_counts& counts) {
  std::size_t ncells = 0;
  const auto stride = breakdown_strides(b, sizes, ncells);
  cell_counts out{std::vector<std::uint32_t>(ncells, no_count_set), std::vector<std::uint32_t>(ncells, no_count_set)};
  for (std::size_t cell = 0; cell < ncells; ++cell) {
    if (slot[cell] < 0) continue;
    count_set ns = num;
    std::optional<count_set> ds;
    if (den && den_cell[cell] >= 0) ds = *den;
    for (std::size_t bj = 0; bj < b.size(); ++bj) {
      const std::size_t coord = cell / stride[bj] % sizes[static_cast<std::size_t>(b[bj])];
      ns = restrict_to(std::move(ns), b[bj], coord, groups);
      if (ds && has_dimension(ds->source, b[bj])) ds = restrict_to(std::move(*ds), b[bj], coord, groups);
    }
    out.numerator[cell] = counts.intern(ns);
    if (ds) out.denominator[cell] = counts.intern(*ds);
  }
  return out;
}

}  // namespace treem::indicators::detail
