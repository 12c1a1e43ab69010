// Certifying units, as a sequence of named stages (each in its own header, each tested alone):
// check the sheet → merge the registers' facts → score → category and pass marks → gates →
// disqualifiers → audit → outcome. Reasons are not written here: they are rendered from the
// decision on request (certify/explain.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/certify/assessment.hpp"
#include "treem/certify/audit.hpp"
#include "treem/certify/category.hpp"
#include "treem/certify/decision.hpp"
#include "treem/certify/disqualifiers.hpp"
#include "treem/certify/gates.hpp"
#include "treem/certify/register_facts.hpp"
#include "treem/certify/rules_toml.hpp"
#include "treem/certify/score.hpp"
#include "treem/registers/incident_register.hpp"
#include "treem/time/period.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::certify {

/// The outcome from the gates and disqualifiers: not recognised when one fails or disqualifies,
/// inconclusive while one is unknown, recognised otherwise.
[[nodiscard]] inline outcome conclude(const decision& d) {
  const bool any_failed = std::find(d.gates.begin(), d.gates.end(), check_state::failed) != d.gates.end();
  const bool any_unknown = std::find(d.gates.begin(), d.gates.end(), check_state::unknown) != d.gates.end();
  if (d.gap.disqualified || any_failed) return outcome::not_recognized;
  return any_unknown ? outcome::inconclusive : outcome::recognized;
}

namespace detail {

/// The commune-level unit an assessment is for, as it stood at the end of its period (or, for a
/// unit merged away during it, at the start).
/// Codes looked up by binary search in a sorted copy of their views: for ten thousand communes a
/// hash table's nodes (allocated, hashed, and chased again to free them) took a third of a run.
struct sorted_codes {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::pair<std::string_view, std::size_t>> by_code;

  explicit sorted_codes(std::vector<std::string>&&) = delete;  // the views would outlive the codes
  explicit sorted_codes(const std::vector<std::string>& codes) {
    by_code.reserve(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) by_code.emplace_back(codes[i], i);
    std::sort(by_code.begin(), by_code.end());
  }
  /// The index of `code` in the list, or npos.
  [[nodiscard]] std::size_t find(std::string_view code) const {
    const auto it = std::lower_bound(by_code.begin(), by_code.end(), std::pair<std::string_view, std::size_t>(code, 0));
    return it != by_code.end() && it->first == code ? it->second : npos;
  }
};

/// The position of the first assessment whose unit an earlier one already assessed, or npos.
inline std::size_t first_repeated_unit(const std::vector<unit_assessment>& assessments) {
  std::vector<std::pair<std::string_view, std::size_t>> order;
  order.reserve(assessments.size());
  for (std::size_t k = 0; k < assessments.size(); ++k) order.emplace_back(assessments[k].unit, k);
  std::sort(order.begin(), order.end());
  std::size_t first = sorted_codes::npos;
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (order[k].first == order[k - 1].first) first = std::min(first, order[k].second);  // a later one of two equal codes
  }
  return first;
}

/// The period being certified, with what every decision needs from it worked out once: its ISO
/// text, its first and last days, and those days as the incident register stores them.
struct certified_period {
  std::string iso;
  date start, end;
  std::int32_t first_day, last_day;

  explicit certified_period(const period& q)
      : iso(q.iso()), start(q.start()), end(q.end()), first_day(static_cast<std::int32_t>(to_epoch_days(start))),
        last_day(static_cast<std::int32_t>(to_epoch_days(end))) {}
};

inline const admin_unit& commune_of(const unit_assessment& a, const certified_period& p, const unit_registry& units) {
  const admin_unit* u = units.find(a.unit, p.end);
  if (!u) u = units.find(a.unit, p.start);
  if (!u) throw validation_error(a.where, "unit", "unknown unit " + treem::quoted(a.unit) + " in period " + a.period);
  if (u->tier() != unit_tier::commune) {
    throw validation_error(a.where, "unit", "unit " + a.unit + " (" + u->full_name() + ") is not a commune-level unit");
  }
  return *u;
}

/// Decides one unit, assessed for `p`, from the incidents that may be its own (`candidates`: rows of the register,
/// all of them or the unit's when the caller has grouped them); only those of the unit in the
/// period count.
[[nodiscard]] inline decision decide(const unit_assessment& a, const certified_period& p, const registers::incident_register& incidents,
                                     const std::vector<std::uint32_t>& candidates, const std::shared_ptr<const composed_rules>& composed,
                                     const unit_registry& units, const std::vector<register_fact>& from_registers) {
  const rule_set& rules = composed->rules;
  const admin_unit& u = commune_of(a, p, units);
  check_assessment(a, *composed);
  decision d;
  d.rules = composed;
  d.unit = u.code;
  d.unit_name = u.full_name();
  d.period = p.iso;
  const std::optional<std::map<std::string, double>> merged = merge_register_facts(a, rules, from_registers, d);
  const std::map<std::string, double>& facts = merged ? *merged : a.facts;
  std::vector<std::uint32_t> mine;
  for (const std::uint32_t i : candidates) {
    if (incidents.day[i] >= p.first_day && incidents.day[i] <= p.last_day && incidents.unit_code(i) == u.code) mine.push_back(i);
  }
  score_criteria(rules, a.points, facts, d);
  settle_category(a, rules, units, u, p.end, d);
  check_gates(rules, facts, d);
  apply_disqualifiers(rules, incidents, mine, d);
  audit_claims(d);
  audit_incidents(a, incidents, mine, d);
  d.result = conclude(d);
  return d;
}

}  // namespace detail

/// Decides one unit. `incidents` may hold the whole register; only the unit's incidents in the
/// assessment's period count. Throws validation_error (located at the assessment) for an unknown
/// unit, criterion or fact, a value out of range, or points above a known maximum.
[[nodiscard]] TREEM_FUNC decision evaluate(const unit_assessment& a, const registers::incident_register& incidents, const composed_rules& composed,
                                           const unit_registry& units, const register_facts& from_registers = {});

#if TREEM_DEFINITIONS
TREEM_FUNC decision evaluate(const unit_assessment& a, const registers::incident_register& incidents, const composed_rules& composed,
                             const unit_registry& units, const register_facts& from_registers) {
  std::vector<std::uint32_t> all(incidents.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint32_t>(i);
  register_facts facts;
  if (const auto it = from_registers.find(a.unit); it != from_registers.end()) facts.emplace(a.unit, it->second);
  const period p = period::parse(a.period, a.where);
  add_incident_facts(facts, incidents, p);
  return detail::decide(a, detail::certified_period(p), incidents, all, std::make_shared<const composed_rules>(composed), units, facts[a.unit]);
}
#endif

/// Decides every unit of `assessments` for `period_iso`. Each assessment must be for that period
/// and each unit may appear once. The incident register is the one the indicators read (its units
/// were checked on each incident's date when it was read). Results follow the order of `assessments`.
[[nodiscard]] TREEM_FUNC decision_set evaluate_all(const std::vector<unit_assessment>& assessments, const registers::incident_register& incidents,
                                                   const composed_rules& rules, const unit_registry& units, const std::string& period_iso,
                                                   const register_facts& from_registers = {});

#if TREEM_DEFINITIONS
TREEM_FUNC decision_set evaluate_all(const std::vector<unit_assessment>& assessments, const registers::incident_register& incidents,
                                     const composed_rules& rules, const unit_registry& units, const std::string& period_iso,
                                     const register_facts& from_registers) {
  const period p = period::parse(period_iso, {"<period>", 1, 1});
  if (assessments.empty()) throw validation_error({"<assessments>"}, "assessments", "there is no unit to certify");
  register_facts facts = from_registers;
  add_incident_facts(facts, incidents, p);
  // Each unit sees only its own incidents: scanning the register once per unit made certifying
  // 10,047 communes against 142,742 incidents take 5 s instead of milliseconds.
  std::vector<std::vector<std::uint32_t>> by_unit(incidents.units.size());
  for (std::size_t i = 0; i < incidents.size(); ++i) by_unit[incidents.unit[i]].push_back(static_cast<std::uint32_t>(i));
  const detail::sorted_codes incident_units(incidents.units);
  const std::size_t repeated = detail::first_repeated_unit(assessments);
  const std::vector<std::uint32_t> none;
  const std::vector<register_fact> no_facts;
  const detail::certified_period certified(p);
  decision_set out{std::make_shared<const composed_rules>(rules), certified.iso, {}};
  out.decisions.reserve(assessments.size());
  for (std::size_t k = 0; k < assessments.size(); ++k) {
    const unit_assessment& a = assessments[k];
    if (!(a.period == period_iso || period::parse(a.period, a.where) == p)) {
      throw validation_error(a.where, "period", treem::quoted(a.period) + " does not match the period " + p.iso() + " being certified");
    }
    if (k == repeated) throw validation_error(a.where, "unit", "unit " + a.unit + " is assessed twice");
    const std::size_t u = incident_units.find(a.unit);
    const auto f = facts.find(a.unit);
    out.decisions.push_back(detail::decide(a, certified, incidents, u == incident_units.npos ? none : by_unit[u], out.rules, units,
                                           f == facts.end() ? no_facts : f->second));
  }
  return out;
}
#endif

}  // namespace treem::certify
