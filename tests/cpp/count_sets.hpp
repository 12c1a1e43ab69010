// Count sets of the child register written by hand, for the tests of the atom programme and of
// the protection stages that read it.
#pragma once

#include <cstdint>

#include "treem/indicators/count_set.hpp"

namespace treem::test {

inline constexpr std::uint32_t male = 1u << 0, female = 1u << 1, both = male | female;

/// A count set of the child register (one ethnicity): ages lo..hi, the sexes given, and the
/// condition "in at least one of `groups`" (0: none).
inline indicators::count_set children(int lo, int hi, std::uint32_t sexes, std::uint32_t groups = 0) {
  indicators::count_set s;
  s.source = indicators::register_kind::children;
  s.ages = indicators::detail::age_bits(lo, hi);
  s.sexes = sexes;
  s.flag_states = ~std::uint32_t{0};
  s.groups_any = groups;
  s.kinds = s.fatal = s.environments = s.plans = 1;  // attributes of incidents: "not applicable"
  s.ethnicities = {1};
  return s;
}

}  // namespace treem::test
