// An indicator catalogue: each indicator's identity in its legal instrument, what it counts
// (numerator and denominator as filters over the registers), its factor, the disaggregations it
// supports and the interval that goes with it. Catalogues are data (see catalogue_toml.hpp); users
// add their own indicators in the same format.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/core/evidence.hpp"
#include "treem/core/source_location.hpp"
#include "treem/indicators/age_groups.hpp"
#include "treem/indicators/filter.hpp"

namespace treem::indicators {

/// A way of splitting an indicator. The administrative unit is not one of them: every result is
/// per unit at the requested level.
enum class dimension : std::uint8_t { sex, age_group, ethnicity, kind, environment };

inline constexpr std::string_view dimension_names[] = {"sex", "age_group", "ethnicity", "kind", "environment"};
inline constexpr std::size_t dimension_count = std::size(dimension_names);

[[nodiscard]] constexpr std::string_view to_string(dimension d) noexcept { return dimension_names[static_cast<int>(d)]; }
[[nodiscard]] constexpr std::optional<dimension> dimension_from_string(std::string_view s) noexcept {
  for (std::size_t i = 0; i < dimension_count; ++i) {
    if (dimension_names[i] == s) return static_cast<dimension>(i);
  }
  return std::nullopt;
}

/// Whether rows of a register carry a dimension.
[[nodiscard]] constexpr bool has_dimension(register_kind r, dimension d) noexcept {
  if (d == dimension::sex || d == dimension::age_group) return true;
  if (d == dimension::ethnicity) return r == register_kind::children;
  return r == register_kind::incidents;
}

/// Confidence interval methods. Garwood: exact Poisson interval for counts and rates of events per
/// population; Clopper-Pearson: exact binomial; Wilson: score interval for proportions.
enum class interval_method : std::uint8_t { none, garwood, clopper_pearson, wilson };
inline constexpr std::string_view interval_method_names[] = {"none", "garwood", "clopper_pearson", "wilson"};

[[nodiscard]] constexpr std::string_view to_string(interval_method m) noexcept { return interval_method_names[static_cast<int>(m)]; }
[[nodiscard]] constexpr std::optional<interval_method> interval_method_from_string(std::string_view s) noexcept {
  for (std::size_t i = 0; i < std::size(interval_method_names); ++i) {
    if (interval_method_names[i] == s) return static_cast<interval_method>(i);
  }
  return std::nullopt;
}

struct indicator_definition {
  std::string key;         ///< stable identifier in treem, e.g. "abused_children"
  std::string instrument;  ///< e.g. "13/2021/TT-BLĐTBXH"; empty for treem's own derived indicators
  std::string appendix;    ///< I-IV in Circular 13/2021; codes restart in each appendix
  std::string code;        ///< GGNN when known; empty when not confirmed
  std::string group;
  std::string name_vi;
  std::string name_en;
  row_filter numerator;
  std::optional<row_filter> denominator;
  double factor = 1;     ///< 1 for counts, 100 for %, 1000, 100000
  std::string unit;      ///< e.g. "%", "per 100,000 children", "children", "cases"
  std::vector<dimension> disaggregations;
  std::string period = "year";  ///< publication period
  interval_method interval = interval_method::none;
  treem::evidence evidence = treem::evidence::unconfirmed;  ///< how well the definition is established
  std::string source;
  source_location where;

  /// Numerator and denominator count rows of the same register: the value is a proportion and the
  /// numerator must never exceed the denominator.
  [[nodiscard]] bool is_proportion() const noexcept { return denominator && denominator->source == numerator.source; }
  [[nodiscard]] bool supports(dimension d) const noexcept {
    for (auto x : disaggregations) {
      if (x == d) return true;
    }
    return false;
  }
};

struct catalogue {
  std::string id;
  std::string version;
  std::string title;
  indicators::age_groups age_groups = indicators::age_groups::standard();
  std::vector<indicator_definition> indicators;

  [[nodiscard]] const indicator_definition* find(std::string_view key) const noexcept {
    for (const auto& d : indicators) {
      if (d.key == key) return &d;
    }
    return nullptr;
  }
  [[nodiscard]] const indicator_definition& get(std::string_view key) const {
    if (const auto* d = find(key)) return *d;
    throw not_found_error("indicator", std::string(key), "in catalogue " + id);
  }
};

}  // namespace treem::indicators
