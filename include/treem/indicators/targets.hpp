// Targets (chỉ tiêu phấn đấu) of national programmes, as data: an indicator, a year, a comparator
// and either a value or a change against a baseline year. Progress is read from an indicator
// table: per unit, whether the target is met and how far there is still to go. Reading targets from
// TOML is targets_toml.hpp, apart, so that a user of the results does not parse toml++.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/core/evidence.hpp"
#include "treem/core/source_location.hpp"
#include "treem/indicators/indicator_table.hpp"

namespace treem::indicators {

enum class comparator : std::uint8_t { less, less_equal, greater_equal, greater };
inline constexpr std::string_view comparator_names[] = {"<", "<=", ">=", ">"};

struct target {
  std::string indicator;
  int year = 0;
  comparator compare = comparator::less_equal;
  std::optional<double> value;        ///< absolute, in the indicator's unit
  std::optional<double> change;       ///< relative to the baseline year, e.g. -0.10
  std::optional<int> baseline_year;
  std::string instrument;
  treem::evidence evidence = treem::evidence::unconfirmed;
  std::string source;
  source_location where;
};

struct target_set {
  std::string id, version;
  std::vector<target> targets;
};

/// Progress of each unit's total value against each target of `year` (every target year if 0).
struct target_progress {
  std::vector<std::string> unit_code, level, indicator, comparator_text, status;
  std::vector<int> year;
  std::vector<double> target_value;  ///< NaN when a relative target has no baseline
  std::vector<double> value;         ///< NaN when suppressed or undefined
  std::vector<std::int8_t> meets;    ///< 1 yes, 0 no, -1 cannot tell
  std::vector<double> gap;           ///< how far the value is from the target on the wrong side; 0 when met

  [[nodiscard]] std::size_t size() const noexcept { return unit_code.size(); }
};

/// `baselines[{unit code, indicator key}]` gives the baseline-year value for relative targets.
[[nodiscard]] TREEM_FUNC target_progress evaluate_targets(const indicator_table& t, const target_set& targets, int year = 0,
                                                          const std::map<std::pair<std::string, std::string>, double>& baselines = {});

#if TREEM_DEFINITIONS
TREEM_FUNC target_progress evaluate_targets(const indicator_table& t, const target_set& targets, int year,
                                            const std::map<std::pair<std::string, std::string>, double>& baselines) {
  target_progress out;
  for (std::size_t row = 0; row < t.size(); ++row) {
    bool total = true;
    for (const auto& c : t.category) total = total && c[row] < 0;
    if (!total) continue;
    const std::string& key = t.indicator_keys[t.indicator[row]];
    const std::string& unit = t.unit_codes[t.unit[row]];
    for (const auto& g : targets.targets) {
      if (g.indicator != key || (year != 0 && g.year != year)) continue;
      double goal = g.value.value_or(std::numeric_limits<double>::quiet_NaN());
      if (g.change) {
        const auto it = baselines.find({unit, key});
        if (it != baselines.end()) goal = it->second * (1 + *g.change);
      }
      const double v = t.value[row];
      std::int8_t meets = -1;
      double gap = std::numeric_limits<double>::quiet_NaN();
      if (!std::isnan(v) && !std::isnan(goal)) {
        switch (g.compare) {
          case comparator::less: meets = v < goal; break;
          case comparator::less_equal: meets = v <= goal; break;
          case comparator::greater_equal: meets = v >= goal; break;
          case comparator::greater: meets = v > goal; break;
        }
        const bool lower_is_better = g.compare == comparator::less || g.compare == comparator::less_equal;
        gap = meets ? 0.0 : (lower_is_better ? v - goal : goal - v);
      }
      out.unit_code.push_back(unit);
      out.level.push_back(t.levels[t.level[row]]);
      out.indicator.push_back(key);
      out.comparator_text.emplace_back(comparator_names[static_cast<int>(g.compare)]);
      out.status.emplace_back(to_string(g.evidence));
      out.year.push_back(g.year);
      out.target_value.push_back(goal);
      out.value.push_back(v);
      out.meets.push_back(meets);
      out.gap.push_back(gap);
    }
  }
  return out;
}
#endif

}  // namespace treem::indicators
