// Assessments and incidents from CSV, for `treem certify`.
//   assessments: one row per unit: unit, period, c1 ... c13 (points; empty = not assessed), any
//                fact of the rule sets (by its id), abuse_cases_reported, injury_cases_reported,
//                category and category_reason (an override of the unit's category), note.
//   incidents:   one row per incident: unit, date, kind, and optionally fatal,
//                plan_approved_in_time, note. No column may identify a child.
#pragma once

#include <string>
#include <vector>

#include "treem/certify/assessment.hpp"
#include "treem/certify/incident.hpp"

namespace treem::cli {

std::vector<certify::unit_assessment> read_assessments_csv(const std::string& text, const std::string& file, const certify::rule_set& rules);
std::vector<certify::incident> read_incidents_csv(const std::string& text, const std::string& file);

}  // namespace treem::cli
