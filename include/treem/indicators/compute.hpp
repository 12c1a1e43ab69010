// The indicator engine: every indicator of a catalogue, for every breakdown, per unit at the
// requested levels, from one pass over each register. compute_indicators runs named stages, each in
// its own header and testable on its own:
//   layout        choose_indicators, lay_out (layout.hpp): sides, breakdowns, published cells;
//   count         count_children, count_incidents (count_cube.hpp): the passes over the registers;
//   roll-up       map_units, units_at, roll (level_units.hpp): commune counts summed into each level
//                 by sparse matrix products, so a district's count is the sum of its communes';
//   emit          emit_level (emit_rows.hpp): the rows, with the counts each covers
//                 (describe_counts.hpp) when suppression is on;
//   intervals     fill_intervals (fill_intervals.hpp);
//   suppression   withhold_counts (withhold_counts.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/core/error.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/count_cube.hpp"
#include "treem/indicators/describe_counts.hpp"
#include "treem/indicators/emit_rows.hpp"
#include "treem/indicators/fill_intervals.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/layout.hpp"
#include "treem/indicators/level_units.hpp"
#include "treem/indicators/register_view.hpp"
#include "treem/indicators/request.hpp"
#include "treem/indicators/withhold_counts.hpp"
#include "treem/time/period.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::indicators {

namespace detail {

/// The request's numbers the engine needs in range (the words were checked by parse_request).
inline void check_numbers(const indicator_request& req) {
  if (req.levels.empty()) throw validation_error({"<arguments>"}, "level", "at least one level is needed");
  if (req.suppression.enabled && req.suppression.threshold < 1) throw validation_error({"<arguments>"}, "threshold", "the suppression threshold k must be >= 1");
  // Below k + 1 a reader could tell a withheld count of 1..k from one large enough to publish.
  if (const auto& s = req.suppression; s.enabled && s.upper != 0 && (s.upper < s.threshold + 1 || s.upper > 1'000'000)) {
    throw validation_error({"<arguments>"}, "protection_upper",
                           "the upper end of a withheld count's interval must be at least k + 1 = " + std::to_string(s.threshold + 1) + " and at most 1000000");
  }
  if (!(req.confidence_level > 0 && req.confidence_level < 1)) throw validation_error({"<arguments>"}, "confidence", "the confidence level must be between 0 and 1");
}

}  // namespace detail

/// Computes `request` over the registers (either may be null: indicators that need a missing one
/// are left out, or refused if asked for by key). Throws validation_error for bad rows (located by
/// row and field, never quoting a child's data), unknown units, and impossible requests.
[[nodiscard]] TREEM_FUNC indicator_table compute_indicators(const catalogue& cat, const unit_registry& registry, const child_columns* children,
                                                            const incident_columns* incidents, const indicator_request& req);

#if TREEM_DEFINITIONS
TREEM_FUNC indicator_table compute_indicators(const catalogue& cat, const unit_registry& registry, const child_columns* children,
                                              const incident_columns* incidents, const indicator_request& req) {
  const age_groups groups = req.age_groups.value_or(cat.age_groups);
  const date reference = req.reference_date.value_or(req.period.end());
  detail::check_numbers(req);

  // Layout, then the pass over each register (units are checked first so that a bad code is reported as such).
  const detail::layout plan = detail::lay_out(detail::choose_indicators(cat, children, incidents, req), groups, children, req);
  const detail::unit_mapping map = detail::map_units(children, incidents, registry, reference, req.merger);
  const side_counts child_counts = children && !plan.child_sides.empty()
                                       ? count_children(*children, plan.child_sides, groups, reference, req.threads) : side_counts{};
  const side_counts incident_counts = incidents && !plan.incident_sides.empty()
                                          ? count_incidents(*incidents, plan.incident_sides, groups, req.period.start(), req.period.end(), req.threads)
                                          : side_counts{};

  indicator_table t;
  t.period = req.period.iso();
  t.reference_date = format_vn(reference);
  t.confidence = req.confidence_level;
  detail::label_categories(t, groups, children);
  detail::check_category_codes(t, plan);
  for (const auto& e : plan.entries) t.indicator_keys.push_back(e.def->key);
  t.suppression_threshold = req.suppression.enabled ? req.suppression.threshold : 0;
  t.protection_upper = req.suppression.enabled ? protection_upper(req.suppression) : 0;

  // The roll-up's units per level, then the rows of each level.
  std::vector<detail::level_units> level_list;
  for (const level lv : req.levels) level_list.push_back(detail::units_at(lv, map, registry));
  std::size_t all_units = 0;
  for (const auto& lu : level_list) all_units += lu.codes.size();
  t.reserve(all_units * plan.rows_per_unit);  // growing 15 columns of millions of rows by doubling cost a third of the time
  const bool suppress = req.suppression.enabled;
  published_counts counts;  // what each row publishes, for the suppression stage
  if (suppress) detail::describe_run(level_list, req, t, map, children, counts);
  const detail::register_sets sets(children);
  const detail::emit_inputs in{plan, child_counts, incident_counts, groups, req.zero_denominator, sets, suppress ? &counts : nullptr};
  for (std::size_t li = 0; li < req.levels.size(); ++li) {
    t.levels.emplace_back(level_names[static_cast<int>(req.levels[li])]);
    detail::emit_level(t, in, li, level_list[li], map);
  }

  std::vector<const indicator_definition*> defs;
  for (const auto& e : plan.entries) defs.push_back(e.def);
  detail::fill_intervals(t, defs, req.confidence_level, req.threads);
  if (suppress) {
    t.protection = withhold_counts(t, counts, req.suppression, detail::threads_asked(req.threads));
  }
  return t;
}
#endif

}  // namespace treem::indicators
