// The outcome of certifying one unit, with everything that led to it: plain values that explain
// themselves to people (reasons in Vietnamese and English) and to machines (the structured trace).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "treem/registers/vocabulary.hpp"
#include "treem/time/date.hpp"
#include "treem/certify/register_facts.hpp"
#include "treem/certify/rule_set.hpp"

namespace treem::certify {

enum class outcome {
  recognized,      ///< công nhận
  not_recognized,  ///< không công nhận
  inconclusive,    ///< cannot be decided: a criterion not assessed, data missing (never taken as 0)
};

[[nodiscard]] constexpr std::string_view to_string(outcome o) noexcept {
  switch (o) {
    case outcome::recognized: return "recognized";
    case outcome::not_recognized: return "not_recognized";
    case outcome::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

enum class check_state { passed, failed, unknown };

[[nodiscard]] constexpr std::string_view to_string(check_state s) noexcept {
  return s == check_state::passed ? "passed" : s == check_state::failed ? "failed" : "unknown";
}

struct criterion_result {
  int id = 0;
  std::string name_vi;
  std::string name_en;
  std::optional<double> claimed;   ///< points the assessment gives
  std::optional<double> computed;  ///< points treem scores from facts, where the rules allow
  std::optional<double> used;      ///< claimed, else computed; empty: not assessed
  std::optional<double> max_points;
  std::string why_not_computed;    ///< when `computed` is empty: why treem could not score it
};

struct gate_result {
  std::string id;
  gate_kind kind = gate_kind::all_criteria_assessed;
  check_state state = check_state::unknown;
  std::string detail_vi;
  std::string detail_en;
  std::string rule_set;
  std::string source;
};

/// An incident as a decision cites it: kind, date, fatal. Never who.
struct incident_ref {
  incident_kind kind = incident_kind::other_injury;
  date day;
  bool fatal = false;
};

struct applied_disqualifier {
  std::string id;
  std::string rule_set;
  std::string text_vi;
  std::string text_en;
  std::string source;
  std::vector<incident_ref> incidents;
};

struct audit_finding {
  std::string kind;  ///< claim_differs_from_facts, fact_differs_from_register, incidents_not_reported
  int criterion = 0;
  std::string detail_vi;
  std::string detail_en;
};

/// A fact a decision scored from, and where it came from. When a register gives the fact too,
/// its value is kept beside the sheet's for the audit.
struct fact_used {
  std::string id;
  double value = 0;
  fact_origin origin = fact_origin::assessment;
  std::optional<double> register_value;  ///< what a register gives, when one does
  std::int64_t numerator = 0;            ///< the register's count behind register_value
  std::int64_t denominator = 0;
};

/// What would have to change for a unit that was not recognised.
struct gap_to_recognition {
  std::optional<double> points_missing;     ///< below the pass mark by this much
  std::vector<int> criteria_at_zero;        ///< each must score above 0
  std::vector<int> criteria_not_assessed;   ///< must be assessed before anything can be decided
  std::vector<std::string> failed_gates;    ///< other gates that failed
  bool disqualified = false;                ///< no score helps: an incident disqualifies
};

struct decision {
  std::string unit;
  std::string unit_name;
  std::string period;
  outcome result = outcome::inconclusive;
  std::optional<double> total;  ///< empty while a criterion is not assessed
  std::vector<criterion_result> criteria;
  std::vector<gate_result> gates;
  std::vector<applied_disqualifier> disqualifications;
  std::optional<unit_category> category;  ///< empty when the unit's data cannot tell
  std::string category_reason;
  std::optional<double> pass_mark;
  std::vector<std::pair<std::string, std::string>> rule_sets;  ///< (id, version), base first
  gap_to_recognition gap;
  std::vector<audit_finding> audit;
  std::vector<fact_used> facts;  ///< every fact scored from, with its origin
  std::vector<std::string> reasons_vi;
  std::vector<std::string> reasons_en;
};

}  // namespace treem::certify
