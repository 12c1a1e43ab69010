// What a published number counts, in one canonical form. Every numerator, denominator and
// breakdown cell of an indicator table counts the rows of one register that satisfy a filter and
// fall in a category; the same rows can be reached by filters written differently (children aged
// 0-4 are both `birth_registration_under5`'s denominator and the age group 0-4 of
// `child_population`; injury deaths of kind drowning are `drowning_deaths`). Suppression must treat
// such numbers as one count, withheld everywhere or nowhere, so each is described by the set of
// rows it covers: for every attribute of a row, the values it admits. Two descriptions are equal
// exactly when the filters select the same rows of any register, and a description's attribute
// sets can be compared (subset, disjoint) to find counts that add up to another (count_relations).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "treem/indicators/age_groups.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/filter.hpp"
#include "treem/indicators/kind_categories.hpp"

namespace treem::indicators {

/// The rows of one register that a count covers, within any one unit (the unit is kept apart: a
/// published count is a count_set in a set of communes). Each field is a bit set of the values a
/// row may have; a field a register does not have holds its one "not applicable" value (bit 0).
/// The attributes of a register row that a count_set constrains.
enum class attribute : std::uint8_t { age, sex, flag_states, groups_any, ethnicity, kind, fatal, environment, plan };
inline constexpr std::size_t attribute_count = 9;

struct count_set {

  register_kind source = register_kind::children;
  std::uint32_t ages = 0;         ///< bit a: completed age a (0-15); bit 16: age unknown (incidents only)
  std::uint32_t sexes = 0;        ///< bit per registers::sex
  std::uint32_t flag_states = 0;  ///< bit v: the child's five yes/no flags (child_flag bits) are exactly v
  /// Special-circumstance groups (Law on Children, Art. 10(1)): the row is in at least one of these
  /// groups. Not a bit set of values (2^14 combinations): a condition, canonical as it stands, and
  /// 0 for none. Two different conditions select different rows of some register.
  std::uint32_t groups_any = 0;
  std::uint32_t kinds = 0;         ///< bit per registers::incident_kind
  std::uint32_t fatal = 0;         ///< bit 0: not fatal, bit 1: fatal
  std::uint32_t environments = 0;  ///< bit per registers::environment
  std::uint32_t plans = 0;         ///< bit 0: plan state unknown, bit 1: late, bit 2: in time
  std::vector<std::uint64_t> ethnicities;  ///< bit per ethnicity code of the child register

  /// The set covers no row of any register (a value never counted, e.g. drowning among abuse).
  [[nodiscard]] bool empty() const noexcept {
    if (ages == 0 || sexes == 0 || flag_states == 0 || kinds == 0 || fatal == 0 || environments == 0 || plans == 0) return true;
    for (auto w : ethnicities) {
      if (w) return false;
    }
    return true;
  }
  /// The one canonical empty set of a register: all empty sets are the same count (always 0).
  void canonicalise() {
    if (!empty()) return;
    *this = count_set{source, 0, 0, 0, 0, 0, 0, 0, 0, std::vector<std::uint64_t>(ethnicities.size(), 0)};
  }

  /// An attribute as a bit set of words (ethnicity has as many as it needs, the others one), for the
  /// generic comparisons of count_relations.
  [[nodiscard]] std::vector<std::uint64_t> bits(attribute a) const {
    switch (a) {
      case attribute::age: return {ages};
      case attribute::sex: return {sexes};
      case attribute::flag_states: return {flag_states};
      case attribute::groups_any: return {groups_any};
      case attribute::ethnicity: return ethnicities;
      case attribute::kind: return {kinds};
      case attribute::fatal: return {fatal};
      case attribute::environment: return {environments};
      case attribute::plan: return {plans};
    }
    return {};
  }
  /// Whether an attribute is a set of values (so that counts split along it add up). groups_any is a
  /// condition, not a set of values.
  [[nodiscard]] static constexpr bool additive(attribute a) noexcept { return a != attribute::groups_any; }

  friend bool operator==(const count_set&, const count_set&) = default;
};

struct count_set_hash {
  std::size_t operator()(const count_set& s) const noexcept {
    std::uint64_t h = static_cast<std::uint64_t>(s.source) + 0x9E3779B97F4A7C15ull;
    const auto mix = [&h](std::uint64_t v) { h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2); };
    for (std::uint64_t v : {std::uint64_t{s.ages}, std::uint64_t{s.sexes}, std::uint64_t{s.flag_states}, std::uint64_t{s.groups_any},
                            std::uint64_t{s.kinds}, std::uint64_t{s.fatal}, std::uint64_t{s.environments}, std::uint64_t{s.plans}}) {
      mix(v);
    }
    for (auto w : s.ethnicities) mix(w);
    return static_cast<std::size_t>(h);
  }
};

namespace detail {

inline constexpr std::uint32_t unknown_age_bit = 1u << child_age_limit;

[[nodiscard]] constexpr std::uint32_t age_bits(int lo, int hi) noexcept {
  std::uint32_t out = 0;
  for (int a = lo < 0 ? 0 : lo; a <= hi && a < child_age_limit; ++a) out |= 1u << a;
  return out;
}

/// The flag states (bit v: flags == v) in which every bit of `all` is set and no bit of `none` is.
[[nodiscard]] constexpr std::uint32_t flag_state_bits(std::uint8_t all, std::uint8_t none) noexcept {
  std::uint32_t out = 0;
  for (std::uint32_t v = 0; v < 32; ++v) {
    if ((v & all) == all && (v & none) == 0) out |= 1u << v;
  }
  return out;
}

inline void set_bit(std::vector<std::uint64_t>& bits, std::size_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }

}  // namespace detail

/// Every row of a register. `ethnicity_count`: the child register's dictionary size.
[[nodiscard]] inline count_set whole_register(register_kind source, std::size_t ethnicity_count) {
  count_set s;
  s.source = source;
  if (source == register_kind::children) {
    s.ages = detail::age_bits(0, child_age_limit - 1);
    s.sexes = 0b011;  // a child's sex is always known
    s.flag_states = detail::flag_state_bits(0, 0);
    s.ethnicities.assign((std::max<std::size_t>(ethnicity_count, 1) + 63) / 64, 0);
    for (std::size_t e = 0; e < std::max<std::size_t>(ethnicity_count, 1); ++e) detail::set_bit(s.ethnicities, e);
    s.kinds = s.fatal = s.environments = s.plans = 1;
  } else {
    s.ages = detail::age_bits(0, child_age_limit - 1) | detail::unknown_age_bit;
    s.sexes = 0b111;
    s.flag_states = 1;
    s.ethnicities = {1};
    s.kinds = all_kinds;
    s.fatal = 0b11;
    s.environments = all_environments;
    s.plans = 0b111;
  }
  return s;
}

/// The rows of `s` that a catalogue filter admits. `ethnicity_names`: the child register's
/// dictionary (a filter names groups, the register codes them).
[[nodiscard]] inline count_set restrict_to(count_set s, const row_filter& f, std::span<const std::string> ethnicity_names) {
  const bool children = s.source == register_kind::children;
  // An incident of unknown age is counted unless the filter restricts ages (compiled_filter::incident).
  if (children || f.age_restricted()) s.ages &= detail::age_bits(f.age_min, f.age_max);
  if (f.sex) s.sexes &= 1u << static_cast<int>(*f.sex);
  if (children) {
    s.flag_states &= detail::flag_state_bits(f.flags_all, f.flags_none);
    s.groups_any = f.groups_any;
    if (!f.ethnicities.empty()) {
      std::vector<std::uint64_t> allowed(s.ethnicities.size(), 0);
      for (std::size_t e = 0; e < ethnicity_names.size(); ++e) {
        for (const auto& name : f.ethnicities) {
          if (ethnicity_names[e] == name) detail::set_bit(allowed, e);
        }
      }
      for (std::size_t w = 0; w < allowed.size(); ++w) s.ethnicities[w] &= allowed[w];
    }
  } else {
    s.kinds &= f.kinds;
    if (f.fatal) s.fatal &= *f.fatal ? 0b10u : 0b01u;
    s.environments &= f.environments;
    switch (f.plan) {
      case plan_condition::any: break;
      case plan_condition::in_time: s.plans &= 0b100; break;
      case plan_condition::late: s.plans &= 0b010; break;
      case plan_condition::known: s.plans &= 0b110; break;
    }
  }
  s.canonicalise();
  return s;
}

/// The rows of `s` in category `category` of dimension `d` (as a breakdown numbers them: the age
/// group after the last is "age unknown"; kinds are kind_categories, parents included).
[[nodiscard]] inline count_set restrict_to(count_set s, dimension d, std::size_t category, const age_groups& groups) {
  switch (d) {
    case dimension::sex: s.sexes &= 1u << category; break;
    case dimension::age_group:
      s.ages &= category < groups.size() ? detail::age_bits(groups.ranges()[category].first, groups.ranges()[category].second) : detail::unknown_age_bit;
      break;
    case dimension::ethnicity: {
      std::vector<std::uint64_t> one(s.ethnicities.size(), 0);
      if (category / 64 < one.size()) detail::set_bit(one, category);
      for (std::size_t w = 0; w < one.size(); ++w) s.ethnicities[w] &= one[w];
      break;
    }
    case dimension::kind: s.kinds &= category < kind_category_count ? kind_categories[category].kinds : 0u; break;
    case dimension::environment: s.environments &= 1u << category; break;
  }
  s.canonicalise();
  return s;
}

}  // namespace treem::indicators
