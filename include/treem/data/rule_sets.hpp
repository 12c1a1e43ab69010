// Certification rule sets named as a user names them: a bundled id or a file.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/data/bundled.hpp"
#include "treem/io/read_file.hpp"

namespace treem::data {

/// The rule sets `specs` names (the bundled ids vn-06-qd-ttg-2019 and son-ha-2024-overlay, or
/// treem.rules/1 files), composed in order on the bundled national standard unless one is a base.
[[nodiscard]] TREEM_FUNC certify::composed_rules compose_rules(const std::vector<std::string>& specs);

#if TREEM_DEFINITIONS
TREEM_FUNC certify::composed_rules compose_rules(const std::vector<std::string>& specs) {
  std::vector<certify::rule_set> sets;
  for (const auto& spec : specs) {
    if (spec == national_cfc_rules().id) sets.push_back(national_cfc_rules());
    else if (spec == son_ha_2024_cfc_overlay().id) sets.push_back(son_ha_2024_cfc_overlay());
    else sets.push_back(certify::load_rule_set(io::read_file(spec), spec));
  }
  if (std::none_of(sets.begin(), sets.end(), [](const certify::rule_set& r) { return !r.extends; })) sets.insert(sets.begin(), national_cfc_rules());
  return certify::compose(sets);
}
#endif

}  // namespace treem::data
