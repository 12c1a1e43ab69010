// The outcome of certifying one unit, with everything that led to it, as a structured trace of
// codes and numbers. Nothing here is prose: the reasons a person reads are rendered from it on
// request, in one language at a time (certify/explain.hpp), and a machine reads it as JSON
// (certify/decision_json.hpp). Criteria, gates and disqualifiers point back into the rules the
// decision was made under, which the decision keeps alive.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "treem/certify/register_facts.hpp"
#include "treem/certify/rule_set.hpp"
#include "treem/time/date.hpp"

namespace treem::certify {

enum class outcome : std::uint8_t {
  recognized,      ///< công nhận
  not_recognized,  ///< không công nhận
  inconclusive,    ///< cannot be decided: a criterion not assessed, data missing (never taken as 0)
};

inline constexpr std::string_view outcome_names[] = {"recognized", "not_recognized", "inconclusive"};
[[nodiscard]] constexpr std::string_view to_string(outcome o) noexcept { return outcome_names[static_cast<int>(o)]; }

enum class check_state : std::uint8_t { passed, failed, unknown };

inline constexpr std::string_view check_state_names[] = {"passed", "failed", "unknown"};
[[nodiscard]] constexpr std::string_view to_string(check_state s) noexcept { return check_state_names[static_cast<int>(s)]; }

/// Why treem could not score a criterion from the facts.
enum class not_scored : std::uint8_t {
  nothing,                    ///< it was scored
  table_not_confirmed,        ///< the criterion's scoring table is not confirmed
  fact_not_given,             ///< an item's fact is missing
  item_points_not_confirmed,  ///< a yes/no item's points are not confirmed
  below_lowest_band,          ///< a rate below the lowest confirmed band
};

struct criterion_result {
  int id = 0;
  std::optional<double> claimed;   ///< points the assessment gives
  std::optional<double> computed;  ///< points treem scores from facts, where the rules allow
  std::optional<double> used;      ///< claimed, else computed; empty: not assessed
  std::optional<double> max_points;
  not_scored why = not_scored::nothing;  ///< when `computed` is empty
  int item = -1;                         ///< the item (index in the criterion) that stopped the scoring
  double fact_value = 0;                 ///< below_lowest_band: the rate given
};

/// An incident as a decision cites it: kind, date, fatal. Never who.
struct incident_ref {
  incident_kind kind = incident_kind::other_injury;
  date day;
  bool fatal = false;
};

struct applied_disqualifier {
  std::size_t rule = 0;  ///< index in the rules' disqualifiers
  std::vector<incident_ref> incidents;
};

enum class audit_kind : std::uint8_t { claim_differs_from_facts, fact_differs_from_register, incidents_not_reported };

inline constexpr std::string_view audit_kind_names[] = {"claim_differs_from_facts", "fact_differs_from_register", "incidents_not_reported"};
[[nodiscard]] constexpr std::string_view to_string(audit_kind k) noexcept { return audit_kind_names[static_cast<int>(k)]; }

/// Where the assessment and the facts or registers disagree. Which fields are set depends on `kind`:
/// claim_differs_from_facts: criterion, claimed, found (points);
/// fact_differs_from_register: criterion, fact, origin, claimed, found (percent), numerator, denominator;
/// incidents_not_reported: abuse (else accidents and injuries), numerator (the register's count),
/// claimed when the sheet states a count.
struct audit_finding {
  audit_kind kind = audit_kind::claim_differs_from_facts;
  int criterion = 0;  ///< 0 when the finding is about no criterion
  std::string fact;
  fact_origin origin = fact_origin::assessment;
  std::optional<double> claimed;
  double found = 0;
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  bool abuse = false;
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

/// How the unit's category (and so its pass mark) was found.
enum class category_basis : std::uint8_t {
  override_given,     ///< the sheet says so, with a reason (`basis_detail`)
  ward_of_city,       ///< a phường of a centrally-run city (`basis_detail`: the city)
  ward_elsewhere,     ///< a phường outside one
  not_a_commune_kind, ///< neither a xã, a thị trấn nor a phường (`basis_detail`: its kind)
  mountainous,
  island,
  extremely_disadvantaged,
  flags_unknown,      ///< whether it is mountainous, island or disadvantaged is not known
  none_of_the_flags,
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
  std::shared_ptr<const composed_rules> rules;  ///< the rules it was decided under
  std::string unit;
  std::string unit_name;
  std::string period;
  outcome result = outcome::inconclusive;
  std::optional<double> total;  ///< empty while a criterion is not assessed
  std::vector<criterion_result> criteria;   ///< one per criterion of the rules, in their order
  std::vector<check_state> gates;           ///< one per gate of the rules, in their order
  std::vector<applied_disqualifier> disqualifications;
  std::optional<unit_category> category;  ///< empty when the unit's data cannot tell
  category_basis basis = category_basis::flags_unknown;
  treem::evidence basis_evidence = treem::evidence::confirmed;  ///< of the flag the category rests on
  std::string basis_detail;
  std::optional<double> pass_mark;  ///< when the category settles it
  std::optional<double> lowest_pass_mark, highest_pass_mark;  ///< the marks that may apply
  gap_to_recognition gap;
  std::vector<audit_finding> audit;
  std::vector<fact_used> facts;  ///< every fact scored from, with its origin

  [[nodiscard]] const criterion& rule_of(const criterion_result& c) const { return *rules->rules.find_criterion(c.id); }
  [[nodiscard]] const gate& gate_rule(std::size_t i) const { return rules->rules.gates[i]; }
  [[nodiscard]] const disqualifier& rule_of(const applied_disqualifier& q) const { return rules->rules.disqualifiers[q.rule]; }
};

/// The decisions of one certification run, in the order of the assessments.
struct decision_set {
  std::shared_ptr<const composed_rules> rules;
  std::string period;
  std::vector<decision> decisions;
};

}  // namespace treem::certify
