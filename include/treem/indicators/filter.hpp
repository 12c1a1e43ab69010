// Filters that pick the rows an indicator counts: which children (by age, sex, flags, groups of
// special circumstances, ethnicity) or which incidents (by kind, outcome, age, sex, environment,
// plan). A filter is data in the catalogue; here it is compiled to masks so that testing a row
// costs a few integer operations.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "treem/registers/vocabulary.hpp"
#include "treem/indicators/age_groups.hpp"
#include "treem/registers/incident_register.hpp"

namespace treem::indicators {

enum class register_kind : std::uint8_t { children, incidents };

[[nodiscard]] constexpr std::string_view to_string(register_kind r) noexcept { return r == register_kind::children ? "children" : "incidents"; }

using registers::incident_kind_count;
using registers::environment_count;
inline constexpr std::uint16_t all_kinds = (1u << incident_kind_count) - 1;
inline constexpr std::uint8_t all_environments = (1u << environment_count) - 1;

/// What a support/intervention plan must look like for an incident to count.
enum class plan_condition : std::uint8_t { any, in_time, late, known };

struct row_filter {
  register_kind source = register_kind::children;
  int age_min = 0;  ///< completed years, inclusive
  int age_max = child_age_limit - 1;
  std::optional<registers::sex> sex;
  // children only
  std::uint8_t flags_all = 0;        ///< every one of these child_flag bits is set
  std::uint8_t flags_none = 0;       ///< none of these is set
  std::uint16_t groups_any = 0;      ///< in at least one of these special-circumstance groups (0: no condition)
  std::vector<std::string> ethnicities;  ///< one of these (empty: any)
  // incidents only
  std::uint16_t kinds = all_kinds;   ///< bit i: incident_kind i
  std::optional<bool> fatal;
  std::uint8_t environments = all_environments;
  plan_condition plan = plan_condition::any;

  [[nodiscard]] bool age_restricted() const noexcept { return age_min > 0 || age_max < child_age_limit - 1; }
  friend bool operator==(const row_filter&, const row_filter&) = default;
};

/// A filter bound to one register's dictionaries: ethnicity names resolved to a bit set.
struct compiled_filter {
  const row_filter* filter = nullptr;
  std::vector<bool> ethnicity_allowed;  ///< by the register's ethnicity code; empty: any

  [[nodiscard]] bool child(int age, registers::sex s, std::uint8_t flags, std::uint16_t groups, std::uint16_t ethnicity) const noexcept {
    const row_filter& f = *filter;
    if (age < f.age_min || age > f.age_max) return false;
    if (f.sex && *f.sex != s) return false;
    if ((flags & f.flags_all) != f.flags_all || (flags & f.flags_none) != 0) return false;
    if (f.groups_any != 0 && (groups & f.groups_any) == 0) return false;
    if (!ethnicity_allowed.empty() && (ethnicity >= ethnicity_allowed.size() || !ethnicity_allowed[ethnicity])) return false;
    return true;
  }

  [[nodiscard]] bool incident(registers::incident_kind k, bool is_fatal, int age, registers::sex s, registers::environment e,
                              std::int8_t plan) const noexcept {
    const row_filter& f = *filter;
    if (((f.kinds >> static_cast<int>(k)) & 1u) == 0) return false;
    if (f.fatal && *f.fatal != is_fatal) return false;
    if (f.age_restricted() && (age == 255 || age < f.age_min || age > f.age_max)) return false;
    if (f.sex && *f.sex != s) return false;
    if (((f.environments >> static_cast<int>(e)) & 1u) == 0) return false;
    switch (f.plan) {
      case plan_condition::any: return true;
      case plan_condition::in_time: return plan == 1;
      case plan_condition::late: return plan == 0;
      case plan_condition::known: return plan >= 0;
    }
    return true;
  }
};

[[nodiscard]] inline compiled_filter compile(const row_filter& f, std::span<const std::string> ethnicities) {
  compiled_filter out{&f, {}};
  if (!f.ethnicities.empty()) {
    out.ethnicity_allowed.assign(ethnicities.size(), false);
    for (std::size_t i = 0; i < ethnicities.size(); ++i) {
      for (const auto& name : f.ethnicities) {
        if (ethnicities[i] == name) out.ethnicity_allowed[i] = true;
      }
    }
  }
  return out;
}

}  // namespace treem::indicators
