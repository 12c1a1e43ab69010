// Stage of certification: local rules that refuse recognition whatever the score, such as Sơn
// Hà's "a commune where a child drowned or was abused or subjected to violence is not recognised"
// (Kế hoạch 2024, IV.1.d), applied to the unit's incidents of the period.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "treem/certify/decision.hpp"
#include "treem/registers/incident_register.hpp"

namespace treem::certify {

/// Each disqualifier that one of `mine` (rows of the incident register: the unit's, in the period)
/// meets, with the incidents that meet it, earliest first.
inline void apply_disqualifiers(const rule_set& rules, const registers::incident_register& incidents, const std::vector<std::uint32_t>& mine,
                                decision& d) {
  for (std::size_t r = 0; r < rules.disqualifiers.size(); ++r) {
    const disqualifier& dq = rules.disqualifiers[r];
    applied_disqualifier applied{r, {}};
    for (const std::uint32_t i : mine) {
      const incident_kind kind = incidents.kind[i];
      const bool fatal = incidents.fatal[i] != 0;
      const bool kind_matches = std::any_of(dq.kinds.begin(), dq.kinds.end(), [&](incident_kind k) { return covers(k, kind); });
      if (kind_matches && (!dq.fatal_only || fatal)) applied.incidents.push_back({kind, from_epoch_days(incidents.day[i]), fatal});
    }
    if (applied.incidents.empty()) continue;
    std::stable_sort(applied.incidents.begin(), applied.incidents.end(), [](const auto& x, const auto& y) { return x.day < y.day; });
    d.disqualifications.push_back(std::move(applied));
  }
  d.gap.disqualified = !d.disqualifications.empty();
}

}  // namespace treem::certify
