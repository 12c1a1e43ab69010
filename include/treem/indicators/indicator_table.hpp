// The result of an indicator computation: a tidy table, column by column, one row per unit,
// indicator and category of a breakdown. Categories are small integer codes with their labels in
// `labels`, and -1 means "all" (the total over that dimension), so a row with every dimension at -1
// is the indicator's total for the unit.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/protection_report.hpp"
#include "treem/indicators/publish_log.hpp"

namespace treem::indicators {

struct indicator_table {
  std::string period;        ///< e.g. "2024"
  std::string reference_date;  ///< dd/mm/yyyy: ages are completed years on this day
  double confidence = 0;       ///< confidence level of the intervals, e.g. 0.95
  std::vector<std::string> levels;  ///< dictionary for `level`: commune, district, province, nation
  std::vector<std::string> unit_codes;  ///< dictionary for `unit`
  std::vector<std::string> unit_names;
  std::vector<std::string> indicator_keys;  ///< dictionary for `indicator`
  std::array<std::vector<std::string>, dimension_count> labels;  ///< category labels of each dimension
  /// Per dimension and category: the category whose count is the sum of this one's and its
  /// siblings' (kinds: sexual_abuse of its five forms and the form not recorded), or -1. Empty for a
  /// dimension without a hierarchy.
  std::array<std::vector<std::int16_t>, dimension_count> parents;

  std::vector<std::uint8_t> level;
  std::vector<std::uint32_t> unit;
  std::vector<std::uint32_t> indicator;
  std::array<std::vector<std::int8_t>, dimension_count> category;  ///< -1: all; 8-bit codes (a dimension shows at most 127 categories)
  std::vector<double> numerator;
  std::vector<double> denominator;  ///< NaN for counts and for categories without a denominator
  std::vector<double> value;
  std::vector<double> lower;  ///< NaN when the indicator has no interval
  std::vector<double> upper;
  std::vector<std::uint8_t> suppressed;  ///< 1: value and interval withheld (NaN), and the counts that are withheld themselves
  /// Suppression parameters used, for the record: 0 when suppression was off.
  int suppression_threshold = 0;
  int protection_upper = 0;  ///< every withheld count of 1..k keeps an interval holding [0, this] (k + 1 unless asked wider)
  protection_report protection;  ///< what the protection stage did (all 0 when suppression was off)
  publish_log published_log;      ///< this run's entries for the publish log, when the request asks for them

  [[nodiscard]] std::size_t size() const noexcept { return unit.size(); }

  /// Whether any row is withheld (what protection_warnings needs to know).
  [[nodiscard]] bool any_withheld() const noexcept {
    return std::any_of(suppressed.begin(), suppressed.end(), [](std::uint8_t x) { return x != 0; });
  }

  /// "sex=female, age_group=0-4", or "total".
  [[nodiscard]] std::string breakdown_label(std::size_t row) const {
    std::string out;
    for (std::size_t d = 0; d < dimension_count; ++d) {
      const int c = category[d][row];
      if (c < 0) continue;
      out += (out.empty() ? "" : ", ") + std::string(dimension_names[d]) + "=" + labels[d][static_cast<std::size_t>(c)];
    }
    return out.empty() ? "total" : out;
  }

  /// Each parent category of dimension `d` with the categories whose sum it is, in code order.
  [[nodiscard]] std::vector<std::pair<std::string, std::vector<std::string>>> hierarchy(std::size_t d) const {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (std::size_t c = 0; c < parents[d].size(); ++c) {
      const int p = parents[d][c];
      if (p < 0) continue;
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == labels[d][static_cast<std::size_t>(p)]; });
      if (it == out.end()) it = out.insert(out.end(), {labels[d][static_cast<std::size_t>(p)], {}});
      it->second.push_back(labels[d][c]);
    }
    return out;
  }

  void reserve(std::size_t n) {
    level.reserve(n), unit.reserve(n), indicator.reserve(n), numerator.reserve(n), denominator.reserve(n);
    value.reserve(n), lower.reserve(n), upper.reserve(n), suppressed.reserve(n);
    for (auto& c : category) c.reserve(n);
  }
};

}  // namespace treem::indicators
