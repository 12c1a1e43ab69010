// The layout stage of the indicator engine: which indicators (choose_indicators), the sides each
// register is counted by (distinct filters, split by the dimensions their users need), each
// indicator's breakdowns and the cells of each that are published (lay_out, published_slots), how
// a side's cells map onto a breakdown's (project), and the categories' labels (label_categories).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "treem/core/error.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/count_cube.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/kind_categories.hpp"
#include "treem/indicators/register_view.hpp"
#include "treem/indicators/request.hpp"
#include "treem/registers/vocabulary.hpp"

namespace treem::indicators::detail {

using breakdown = std::vector<dimension>;

/// Total, each dimension alone, and sex x age group when both apply, then the caller's extras.
inline std::vector<breakdown> breakdowns_of(const indicator_definition& d, const std::vector<breakdown>& extra) {
  std::vector<breakdown> out{{}};
  for (auto dim : d.disaggregations) out.push_back({dim});
  if (d.supports(dimension::sex) && d.supports(dimension::age_group)) out.push_back({dimension::sex, dimension::age_group});
  for (auto b : extra) {
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    if (b.empty() || std::find(out.begin(), out.end(), b) != out.end()) continue;
    if (std::all_of(b.begin(), b.end(), [&](dimension x) { return d.supports(x); })) out.push_back(b);
  }
  return out;
}

/// Maps the cells of a side onto the cells of a breakdown (numerator) or its projection.
struct projection {
  std::vector<std::uint32_t> of_cell;  ///< side cell -> breakdown cell (by kind: the kind's leaf category)
  /// (side cell, breakdown cell) for each parent kind category that counts the side cell too.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> also;
  std::size_t cells = 1;

  /// Adds the side cells of `counts` into the breakdown cells `into` (sized `cells`, zeroed).
  template <class Row>
  void add(const Row& counts, std::vector<double>& into) const {
    for (std::size_t c = 0; c < of_cell.size(); ++c) into[of_cell[c]] += counts(static_cast<Eigen::Index>(c));
    for (const auto& [c, target] : also) into[target] += counts(static_cast<Eigen::Index>(c));
  }
};

/// The categories a breakdown shows of each dimension: the count cube's, except that `kind` shows
/// the tree of kind_categories (its parents as categories of their own).
inline dimension_sizes shown_sizes(dimension_sizes sizes) {
  auto& kinds = sizes[static_cast<std::size_t>(dimension::kind)];
  if (kinds == incident_kind_count) kinds = kind_category_count;
  return sizes;
}

inline std::vector<std::size_t> breakdown_strides(const breakdown& b, const dimension_sizes& sizes, std::size_t& cells) {
  std::vector<std::size_t> stride(b.size());
  cells = 1;
  for (std::size_t j = b.size(); j-- > 0;) stride[j] = cells, cells *= sizes[static_cast<std::size_t>(b[j])];
  return stride;
}

/// `sizes` are the count cube's; the breakdown's cells are numbered by shown_sizes(sizes).
inline projection project(const side& s, const dimension_sizes& sizes, const breakdown& b) {
  projection p;
  const auto stride = breakdown_strides(b, shown_sizes(sizes), p.cells);
  p.of_cell.resize(s.cells);
  for (std::size_t cell = 0; cell < s.cells; ++cell) {
    std::size_t target = 0, kind_stride = 0, leaf = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      const auto d = static_cast<std::size_t>(b[j]);
      std::size_t coord = (cell / s.stride[d]) % sizes[d];
      if (b[j] == dimension::kind) {
        coord = leaf = kind_category_of(static_cast<registers::incident_kind>(coord));
        kind_stride = stride[j];
      }
      target += coord * stride[j];
    }
    p.of_cell[cell] = static_cast<std::uint32_t>(target);
    if (kind_stride == 0) continue;
    for (int c = kind_categories[leaf].parent; c >= 0; c = kind_categories[static_cast<std::size_t>(c)].parent) {
      p.also.emplace_back(static_cast<std::uint32_t>(cell), static_cast<std::uint32_t>(target - leaf * kind_stride + static_cast<std::size_t>(c) * kind_stride));
    }
  }
  return p;
}

struct side_key {
  register_kind source;
  std::size_t index;
};

/// Per cell of breakdown `b` of a count of `numerator` (cells numbered by `sizes`, shown_sizes):
/// its place among the breakdown's published rows, or -1 for a cell that is not published: a kind
/// or an environment the numerator never counts (always 0: "drowning" among abuse cases), or a
/// parent kind that adds no row of its own (kind_categories.hpp).
inline std::vector<std::int64_t> published_slots(const row_filter& numerator, const breakdown& b, const dimension_sizes& sizes) {
  std::size_t ncells = 0;
  const auto stride = breakdown_strides(b, sizes, ncells);
  std::vector<std::int64_t> slots(ncells, -1);
  std::int64_t next = 0;
  for (std::size_t cell = 0; cell < ncells; ++cell) {
    bool counted = true;
    for (std::size_t bj = 0; bj < b.size(); ++bj) {
      const std::size_t coord = cell / stride[bj] % sizes[static_cast<std::size_t>(b[bj])];
      if (b[bj] == dimension::kind) counted = counted && shows_kind_category(coord, numerator.kinds);
      if (b[bj] == dimension::environment) counted = counted && ((numerator.environments >> coord) & 1u);
    }
    if (counted) slots[cell] = next++;
  }
  return slots;
}

/// Which indicators: those asked for (refused if a register they need is missing), or all that the
/// registers given can feed.
inline std::vector<const indicator_definition*> choose_indicators(const catalogue& cat, const child_columns* children, const incident_columns* incidents,
                                                                  const indicator_request& req) {
  std::vector<const indicator_definition*> chosen;
  auto available = [&](const row_filter& f) { return f.source == register_kind::children ? children != nullptr : incidents != nullptr; };
  if (req.indicators.empty()) {
    for (const auto& d : cat.indicators) {
      if (available(d.numerator) && (!d.denominator || available(*d.denominator))) chosen.push_back(&d);
    }
  } else {
    for (const auto& key : req.indicators) {
      const auto& d = cat.get(key);
      for (const row_filter* f : {&d.numerator, d.denominator ? &*d.denominator : nullptr}) {
        if (f && !available(*f)) throw validation_error({"<arguments>"}, "indicators", "indicator " + key + " needs the " + std::string(to_string(f->source)) + " register");
      }
      chosen.push_back(&d);
    }
  }
  if (chosen.empty()) throw validation_error({"<arguments>"}, "indicators", "no indicator of catalogue " + cat.id + " can be computed from the registers given");
  return chosen;
}

/// The category labels of every dimension, and the kind tree.
inline void label_categories(indicator_table& t, const age_groups& groups, const child_columns* children) {
  t.labels[static_cast<std::size_t>(dimension::sex)] = {"male", "female", "unknown"};
  t.labels[static_cast<std::size_t>(dimension::age_group)] = groups.labels();
  t.labels[static_cast<std::size_t>(dimension::age_group)].push_back("unknown");
  // An empty ethnicity is a category of its own, never printed like the "all" row (an empty cell).
  if (children) {
    const auto& names = children->ethnicities;
    // Labels stay distinct: a register that also spells a group "unknown" keeps it apart.
    const std::string unknown = std::find(names.begin(), names.end(), "unknown") == names.end() ? "unknown" : "unknown (empty)";
    for (const auto& name : names) t.labels[static_cast<std::size_t>(dimension::ethnicity)].push_back(name.empty() ? unknown : name);
  }
  for (const auto& k : kind_categories) {
    t.labels[static_cast<std::size_t>(dimension::kind)].emplace_back(k.name);
    t.parents[static_cast<std::size_t>(dimension::kind)].push_back(k.parent);
  }
  for (auto e : registers::environment_names) t.labels[static_cast<std::size_t>(dimension::environment)].emplace_back(e);
}

/// One indicator's plan: its numerator's and denominator's sides, its breakdowns, and which cells
/// of each it publishes.
struct indicator_plan {
  const indicator_definition* def;
  side_key num;
  std::optional<side_key> den;
  std::vector<breakdown> breakdowns;
  /// Per breakdown and cell: its place among the breakdown's published rows, or -1 (published_slots).
  std::vector<std::vector<std::int64_t>> slot;
};

/// The layout stage: the count cube's sizes, the sides (distinct filters per register, each split
/// by the union of the dimensions its users need) and each indicator's plan.
struct layout {
  dimension_sizes child_sizes, incident_sizes;
  std::vector<side> child_sides, incident_sides;
  std::vector<indicator_plan> entries;
  std::size_t rows_per_unit = 0;  ///< published rows of one unit, all indicators and breakdowns
};

inline layout lay_out(const std::vector<const indicator_definition*>& chosen, const age_groups& groups, const child_columns* children,
                      const indicator_request& req) {
  layout out{sizes_of(register_kind::children, groups, children ? children->ethnicities.size() : 0), sizes_of(register_kind::incidents, groups, 0), {}, {}, {}, 0};
  auto side_of = [&](const row_filter& f, const std::vector<dimension>& dims) {
    auto& list = f.source == register_kind::children ? out.child_sides : out.incident_sides;
    std::size_t i = 0;
    while (i < list.size() && !(list[i].filter == f)) ++i;
    if (i == list.size()) list.push_back(side{f, {}, {}, 1});
    for (auto d : dims) {
      if (has_dimension(f.source, d)) list[i].has[static_cast<std::size_t>(d)] = true;
    }
    return side_key{f.source, i};
  };
  for (const auto* d : chosen) {
    indicator_plan e{d, side_of(d->numerator, d->disaggregations), std::nullopt, breakdowns_of(*d, req.extra_breakdowns), {}};
    if (d->denominator) e.den = side_of(*d->denominator, d->disaggregations);
    const dimension_sizes shown = shown_sizes(d->numerator.source == register_kind::children ? out.child_sizes : out.incident_sizes);
    for (const breakdown& b : e.breakdowns) {
      e.slot.push_back(published_slots(d->numerator, b, shown));
      out.rows_per_unit += static_cast<std::size_t>(std::count_if(e.slot.back().begin(), e.slot.back().end(), [](std::int64_t x) { return x >= 0; }));
    }
    out.entries.push_back(std::move(e));
  }
  if (out.child_sides.size() > 127 || out.incident_sides.size() > 127) {
    throw validation_error({"<arguments>"}, "indicators", "more than 127 distinct numerators or denominators in one register: compute them in parts");
  }
  for (auto& s : out.child_sides) s.lay_out(out.child_sizes);
  for (auto& s : out.incident_sides) s.lay_out(out.incident_sizes);
  return out;
}

/// The table's category codes are 8-bit (as pandas and Arrow keep small dictionaries): a breakdown
/// shows at most 127 categories of a dimension. Only ethnicity can have more, in a register that
/// spells its ethnic groups in more than 127 ways (the country has 54).
inline void check_category_codes(const indicator_table& t, const layout& plan) {
  constexpr std::size_t most = 127;
  for (const auto& e : plan.entries) {
    for (const auto& b : e.breakdowns) {
      for (const dimension d : b) {
        const std::size_t shown = t.labels[static_cast<std::size_t>(d)].size();
        if (shown <= most) continue;
        throw validation_error({"<indicators>"}, std::string(to_string(d)),
                               "a breakdown by " + std::string(to_string(d)) + " shows at most " + std::to_string(most) +
                                   " categories, and this register's would show " + std::to_string(shown) + " (indicator " + e.def->key + ")");
      }
    }
  }
}

}  // namespace treem::indicators::detail
