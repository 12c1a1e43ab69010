// Stage of certification: every recognition gate of the rules, passed, failed or unknown. A gate
// is unknown while what it needs is missing (a criterion not assessed, a fact not given, a
// category that sets the pass mark), never taken as failed.
#pragma once

#include <algorithm>
#include <map>
#include <string>

#include "treem/certify/decision.hpp"

namespace treem::certify {

/// One gate's state from the scored criteria, the facts and the pass marks that may apply.
[[nodiscard]] inline check_state gate_state(const gate& g, const std::map<std::string, double>& facts, const decision& d) {
  const bool all_assessed = d.gap.criteria_not_assessed.empty();
  switch (g.kind) {
    case gate_kind::all_criteria_assessed:
      return all_assessed ? check_state::passed : check_state::unknown;
    case gate_kind::no_criterion_zero:
      return !d.gap.criteria_at_zero.empty() ? check_state::failed : all_assessed ? check_state::passed : check_state::unknown;
    case gate_kind::total_at_least_pass_mark:
      if (d.total && d.highest_pass_mark && *d.total >= *d.highest_pass_mark) return check_state::passed;
      if (d.total && d.lowest_pass_mark && *d.total < *d.lowest_pass_mark) return check_state::failed;
      // A criterion not assessed (whose maximum may be unknown) or a category the unit's data
      // cannot tell leaves the total's verdict open.
      return check_state::unknown;
    case gate_kind::criterion_at_least: {
      const auto it = std::find_if(d.criteria.begin(), d.criteria.end(), [&](const criterion_result& r) { return r.id == g.criterion; });
      if (it == d.criteria.end() || !it->used) return check_state::unknown;
      return *it->used >= g.min_points ? check_state::passed : check_state::failed;
    }
    case gate_kind::fact_true: {
      const auto f = facts.find(g.fact);
      if (f == facts.end()) return check_state::unknown;
      return f->second != 0 ? check_state::passed : check_state::failed;
    }
  }
  return check_state::unknown;
}

/// Every gate in the rules' order, and what the gap to recognition learns from them: the gates
/// failed other than the score's own (points at 0 and the total have their own entries), and the
/// points missing to the highest mark that may apply.
inline void check_gates(const rule_set& rules, const std::map<std::string, double>& facts, decision& d) {
  d.gates.reserve(rules.gates.size());
  for (const auto& g : rules.gates) {
    const check_state state = gate_state(g, facts, d);
    if (state == check_state::failed && g.kind != gate_kind::no_criterion_zero && g.kind != gate_kind::total_at_least_pass_mark) {
      d.gap.failed_gates.push_back(g.id);
    }
    d.gates.push_back(state);
  }
  if (d.total && d.lowest_pass_mark && *d.total < *d.highest_pass_mark) d.gap.points_missing = *d.highest_pass_mark - *d.total;
}

}  // namespace treem::certify
