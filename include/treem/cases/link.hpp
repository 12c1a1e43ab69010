// Incidents linked to their cases: an incident register whose case_id column names a case of the
// case register takes the case's computed timeliness ("approved in time": met, late, or not yet
// known) in place of the yes/no that the commune recorded, so the indicator
// intervention_plan_in_time_share counts what the time limits say.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/registers/case_register.hpp"
#include "treem/registers/incident_register.hpp"

namespace treem::cases {

struct link_result {
  std::size_t linked = 0;       ///< incidents that took their case's timeliness
  std::size_t changed = 0;      ///< of them, those whose recorded value was different
  std::size_t not_found = 0;    ///< incidents naming a case the case register does not hold
};

/// Replaces `plan_in_time[i]` of every incident whose `case_ids[i]` names a case with `in_time`
/// of that case (see approved_in_time()). Incidents without a case keep their recorded value.
inline link_result link_case_timeliness(std::span<const std::string> case_ids, std::span<std::int8_t> plan_in_time,
                                        const registers::case_register& cases, const std::vector<std::int8_t>& in_time) {
  link_result out;
  std::unordered_map<std::string_view, std::size_t> row_of;
  row_of.reserve(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) row_of.emplace(cases.ids[i], i);
  for (std::size_t i = 0; i < case_ids.size(); ++i) {
    if (case_ids[i].empty()) continue;
    const auto it = row_of.find(case_ids[i]);
    if (it == row_of.end()) {
      ++out.not_found;
      continue;
    }
    ++out.linked;
    out.changed += plan_in_time[i] != in_time[it->second] ? 1 : 0;
    plan_in_time[i] = in_time[it->second];
  }
  return out;
}

/// The same over an incident register (nothing to do when it has no case_id column).
inline link_result link_case_timeliness(registers::incident_register& incidents, const registers::case_register& cases,
                                        const std::vector<std::int8_t>& in_time) {
  if (incidents.case_id.empty()) return {};
  return link_case_timeliness(incidents.case_id, incidents.plan_in_time, cases, in_time);
}

}  // namespace treem::cases
