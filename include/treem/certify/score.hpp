// Stages of certification before any verdict: checking the assessment sheet's values, merging the
// facts the registers give, and scoring each criterion from the facts where its scoring table is
// confirmed (Decision 06/QĐ-TTg, Art. 2(2) of its Regulation).
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "treem/certify/assessment.hpp"
#include "treem/certify/decision.hpp"
#include "treem/core/error.hpp"

namespace treem::certify {

/// Extra checks an assessment gets against the incident register: the counts the commune says it
/// knew of. Optional facts; when absent and the register has incidents, the audit says so.
inline constexpr std::string_view abuse_cases_fact = "abuse_cases_reported";
inline constexpr std::string_view injury_cases_fact = "injury_cases_reported";

namespace detail {

inline std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace detail

/// Refuses, located at the assessment's row, an unknown fact or criterion, a value out of range,
/// points above a known maximum, or a category override without a reason.
inline void check_assessment(const unit_assessment& a, const composed_rules& composed) {
  const rule_set& rules = composed.rules;
  for (const auto& [id, value] : a.facts) {
    if (!std::isfinite(value)) throw validation_error(a.where, id, "must be a finite number");
    if (id == abuse_cases_fact || id == injury_cases_fact) {
      if (value < 0 || value != std::floor(value)) throw validation_error(a.where, id, "must be a whole number >= 0");
      continue;
    }
    const fact_definition* f = rules.find_fact(id);
    if (!f) throw validation_error(a.where, id, "unknown fact (not defined by rule sets " + composed.layers.front().first + ")");
    if (f->kind == fact_kind::boolean && value != 0 && value != 1) throw validation_error(a.where, id, "a yes/no fact must be 0 or 1");
    if (f->kind == fact_kind::percent && (value < 0 || value > 100)) throw validation_error(a.where, id, "a percentage must be 0-100");
  }
  for (const auto& [id, pts] : a.points) {
    const criterion* c = rules.find_criterion(id);
    const auto refuse = [&, id = id](const std::string& rule) { throw validation_error(a.where, "criterion " + std::to_string(id), rule); };
    if (!c) refuse("unknown criterion (the standard has " + std::to_string(rules.criteria.size()) + ")");
    if (!std::isfinite(pts)) refuse("points must be a finite number");
    if (!(pts >= 0)) refuse("points must be >= 0");
    if (c->max_points.value && pts > *c->max_points.value) {
      refuse(detail::num(pts) + " points exceed the maximum of " + detail::num(*c->max_points.value) + " (" + c->max_points.source + ")");
    }
  }
  if (a.category && a.category_reason.empty()) throw validation_error(a.where, "category", "an override needs a reason");
}

/// The facts a decision scores from: the sheet's, then each fact a register gives where the sheet
/// is silent. Where both give a fact and they differ, the audit says so; the sheet's claim is kept
/// (the appraisal decides), and `d.facts` records where each fact came from. Returns the merged
/// facts only when a register added one: otherwise the sheet's own are the facts, not copied
/// (copying them cost each decision about fifteen allocations).
inline std::optional<std::map<std::string, double>> merge_register_facts(const unit_assessment& a, const rule_set& rules,
                                                                        const std::vector<register_fact>& from_registers, decision& d) {
  std::optional<std::map<std::string, double>> added;
  for (const auto& [id, value] : a.facts) d.facts.push_back({id, value, fact_origin::assessment, std::nullopt, 0, 0});
  for (const auto& rf : from_registers) {
    if (!rules.find_fact(rf.fact)) continue;  // the rule sets in use do not score it
    const double value = rf.percent();
    const std::map<std::string, double>& facts = added ? *added : a.facts;
    const auto it = facts.find(rf.fact);
    if (it == facts.end()) {
      if (!added) added.emplace(a.facts);
      (*added)[rf.fact] = value;
      d.facts.push_back({rf.fact, value, rf.origin, value, rf.numerator, rf.denominator});
      continue;
    }
    for (auto& used : d.facts) {
      if (used.id == rf.fact) used.register_value = value, used.numerator = rf.numerator, used.denominator = rf.denominator;
    }
    if (std::abs(it->second - value) <= 1e-9) continue;
    audit_finding f;
    f.kind = audit_kind::fact_differs_from_register;
    f.criterion = rules.criterion_of_fact(rf.fact);
    f.fact = rf.fact;
    f.origin = rf.origin;
    f.claimed = it->second;
    f.found = value;
    f.numerator = rf.numerator;
    f.denominator = rf.denominator;
    d.audit.push_back(std::move(f));
  }
  return added;
}

/// One criterion's points from the facts, or why they cannot be computed.
inline void score_from_facts(const criterion& c, const std::map<std::string, double>& facts, criterion_result& r) {
  if (!c.items_complete) {
    r.why = not_scored::table_not_confirmed;
    return;
  }
  double sum = 0;
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    const scored_item& item = c.items[i];
    const auto f = facts.find(item.fact);
    r.item = static_cast<int>(i);
    if (f == facts.end()) {
      r.why = not_scored::fact_not_given;
      return;
    }
    if (item.kind == fact_kind::boolean) {
      if (f->second == 0) continue;  // false gives 0, whatever the points
      if (!item.points) {
        r.why = not_scored::item_points_not_confirmed;
        return;
      }
      sum += *item.points;
      continue;
    }
    const auto b = std::find_if(item.bands.begin(), item.bands.end(), [&](const band& x) { return f->second >= x.min_percent; });
    if (b == item.bands.end()) {
      r.why = not_scored::below_lowest_band;
      r.fact_value = f->second;
      return;
    }
    sum += b->points;
  }
  r.item = -1;
  r.computed = sum;
}

/// Every criterion: the points claimed, those computed, those used (claimed, else computed); then
/// the total when all are assessed and, for the gap, the criteria at 0 or not assessed.
inline void score_criteria(const rule_set& rules, const std::map<int, double>& claimed, const std::map<std::string, double>& facts, decision& d) {
  d.criteria.reserve(rules.criteria.size());
  double total = 0;
  bool all_assessed = true;
  for (const auto& c : rules.criteria) {
    criterion_result r;
    r.id = c.id;
    r.max_points = c.max_points.value;
    if (auto it = claimed.find(c.id); it != claimed.end()) r.claimed = it->second;
    score_from_facts(c, facts, r);
    r.used = r.claimed ? r.claimed : r.computed;
    if (!r.used) {
      all_assessed = false;
      d.gap.criteria_not_assessed.push_back(r.id);
    } else {
      total += *r.used;
      if (*r.used == 0) d.gap.criteria_at_zero.push_back(r.id);
    }
    d.criteria.push_back(std::move(r));
  }
  if (all_assessed) d.total = total;
}

}  // namespace treem::certify
