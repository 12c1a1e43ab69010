// Stage of certification: the audit of the assessment sheet against what treem can compute, the
// points the facts give and the incidents the register holds. Findings never change the outcome
// (the appraisal team decides); they say where to look.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "treem/certify/assessment.hpp"
#include "treem/certify/decision.hpp"
#include "treem/certify/score.hpp"
#include "treem/registers/incident_register.hpp"

namespace treem::certify {

/// Criteria whose claimed points differ from those the facts give.
inline void audit_claims(decision& d) {
  for (const auto& r : d.criteria) {
    if (!r.claimed || !r.computed || std::abs(*r.claimed - *r.computed) <= 1e-9) continue;
    audit_finding f;
    f.kind = audit_kind::claim_differs_from_facts;
    f.criterion = r.id;
    f.claimed = r.claimed;
    f.found = *r.computed;
    d.audit.push_back(std::move(f));
  }
}

/// Incidents of the register (`mine`: the unit's, in the period) that the sheet does not account
/// for: more abuse, or more accidents and injuries, than the counts it states (or no count).
inline void audit_incidents(const unit_assessment& a, const registers::incident_register& incidents, const std::vector<std::uint32_t>& mine,
                            decision& d) {
  std::int64_t abuse = 0, injury = 0;
  for (const std::uint32_t i : mine) (is_abuse(incidents.kind[i]) ? abuse : injury) += 1;
  for (const auto& [fact, count, is_abuse_count] : {std::tuple{abuse_cases_fact, abuse, true}, std::tuple{injury_cases_fact, injury, false}}) {
    const auto stated = a.facts.find(std::string(fact));
    if (count == 0 || (stated != a.facts.end() && stated->second >= static_cast<double>(count))) continue;
    audit_finding f;
    f.kind = audit_kind::incidents_not_reported;
    f.abuse = is_abuse_count;
    f.numerator = count;
    if (stated != a.facts.end()) f.claimed = stated->second;
    d.audit.push_back(std::move(f));
  }
}

}  // namespace treem::certify
