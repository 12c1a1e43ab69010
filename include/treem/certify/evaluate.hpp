// Certifying units: scoring what the rules allow, checking every gate and disqualifier, and
// deciding recognized / not recognized / inconclusive with reasons, the gap to recognition and an
// audit of the assessment against its facts and the incident register.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/certify/assessment.hpp"
#include "treem/certify/decision.hpp"
#include "treem/certify/register_facts.hpp"
#include "treem/certify/rules_toml.hpp"
#include "treem/registers/incident_register.hpp"
#include "treem/time/period.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::certify {

namespace detail {

inline std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

inline std::string category_vi(unit_category c) {
  switch (c) {
    case unit_category::ward_of_centrally_run_city: return "phường thuộc thành phố trực thuộc trung ương";
    case unit_category::mountainous_island_or_disadvantaged: return "xã, thị trấn miền núi, hải đảo hoặc xã đặc biệt khó khăn";
    case unit_category::other: return "xã, phường, thị trấn còn lại";
  }
  return "";
}

inline std::string category_en(unit_category c) {
  switch (c) {
    case unit_category::ward_of_centrally_run_city: return "ward of a centrally-run city";
    case unit_category::mountainous_island_or_disadvantaged: return "mountainous, island or extremely disadvantaged commune or town";
    case unit_category::other: return "other commune, ward or town";
  }
  return "";
}

/// The unit's category from its kind, its province and its flags; empty when the flags it needs
/// are unknown. `reason` says how it was found.
inline std::optional<unit_category> derive_category(const unit_registry& units, const admin_unit& u, const date& on, std::string& reason) {
  if (u.kind == unit_kind::phuong) {
    for (const admin_unit* a : units.ancestors(u.code, on)) {
      if (a->kind == unit_kind::thanh_pho_tw) {
        reason = "phường of " + a->full_name() + ", a centrally-run city";
        return unit_category::ward_of_centrally_run_city;
      }
    }
    reason = "phường outside a centrally-run city";
    return unit_category::other;
  }
  if (u.kind != unit_kind::xa && u.kind != unit_kind::thi_tran) {
    reason = std::string(to_string(u.kind)) + " is neither a xã, a thị trấn nor a phường";
    return unit_category::other;
  }
  bool unknown = false;
  for (const auto& [name, flag] : {std::pair<const char*, const sourced<bool>*>{"mountainous", &u.mountainous},
                                   {"island", &u.island}, {"extremely disadvantaged", &u.extremely_disadvantaged}}) {
    if (!flag->known()) {
      unknown = true;
    } else if (*flag->value) {
      reason = std::string(name) + (flag->evidence == evidence::confirmed ? "" : " (" + std::string(to_string(flag->evidence)) + ")");
      return unit_category::mountainous_island_or_disadvantaged;
    }
  }
  if (unknown) {
    reason = "whether the unit is mountainous, island or extremely disadvantaged is not known";
    return std::nullopt;
  }
  reason = "not mountainous, island or extremely disadvantaged";
  return unit_category::other;
}


}  // namespace detail

/// Extra checks an assessment gets against the incident register: the counts the commune says it
/// knew of. Optional facts; when absent and the register has incidents, the audit says so.
inline constexpr std::string_view abuse_cases_fact = "abuse_cases_reported";
inline constexpr std::string_view injury_cases_fact = "injury_cases_reported";

namespace detail {

/// The facts a decision scores from: the sheet's, then each fact a register gives where the sheet
/// is silent. Where both give a fact and they differ, the audit says so; the sheet's claim is kept
/// (the appraisal decides), and `d.facts` records where each fact came from.
inline std::map<std::string, double> merge_register_facts(const unit_assessment& a, const rule_set& rules,
                                                         const std::vector<register_fact>& from_registers, decision& d) {
  std::map<std::string, double> facts = a.facts;
  for (const auto& [id, value] : a.facts) d.facts.push_back({id, value, fact_origin::assessment, std::nullopt, 0, 0});
  for (const auto& rf : from_registers) {
    const fact_definition* def = rules.find_fact(rf.fact);
    if (!def) continue;  // the rule sets in use do not score it
    const double value = rf.percent();
    auto it = facts.find(rf.fact);
    if (it == facts.end()) {
      facts[rf.fact] = value;
      d.facts.push_back({rf.fact, value, rf.origin, value, rf.numerator, rf.denominator});
      continue;
    }
    for (auto& used : d.facts) {
      if (used.id == rf.fact) used.register_value = value, used.numerator = rf.numerator, used.denominator = rf.denominator;
    }
    if (std::abs(it->second - value) <= 1e-9) continue;
    const std::string counts = std::to_string(rf.numerator) + "/" + std::to_string(rf.denominator);
    d.audit.push_back({"fact_differs_from_register", rules.criterion_of_fact(rf.fact),
                       def->name_vi + ": bảng tự đánh giá khai " + num(it->second) + "%, " + std::string(label_vi(rf.origin)) + " cho " + num(value) + "% (" + counts + ")",
                       rf.fact + ": the assessment says " + num(it->second) + "%, the " + std::string(label_en(rf.origin)) + " gives " + num(value) +
                           "% (" + counts + ")"});
  }
  return facts;
}

/// Decides one unit from the incidents that may be its own (`candidates`: rows of the register,
/// all of them or the unit's when the caller has grouped them); only those of the unit in the
/// period count.
[[nodiscard]] inline decision decide(const unit_assessment& a, const registers::incident_register& incidents,
                                     const std::vector<std::uint32_t>& candidates, const composed_rules& composed, const unit_registry& units,
                                     const std::vector<register_fact>& from_registers) {
  const rule_set& rules = composed.rules;
  const period p = period::parse(a.period, a.where);
  const admin_unit* u = units.find(a.unit, p.end());
  if (!u) u = units.find(a.unit, p.start());
  if (!u) throw validation_error(a.where, "unit", "unknown unit " + treem::quoted(a.unit) + " in period " + a.period);
  if (u->tier() != unit_tier::commune) {
    throw validation_error(a.where, "unit", "unit " + a.unit + " (" + u->full_name() + ") is not a commune-level unit");
  }
  decision d;
  d.unit = u->code;
  d.unit_name = u->full_name();
  d.period = p.iso();
  d.rule_sets = composed.layers;

  // ---- input checks
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
    if (!c) throw validation_error(a.where, "criterion " + std::to_string(id), "unknown criterion (the standard has " + std::to_string(rules.criteria.size()) + ")");
    if (!std::isfinite(pts)) throw validation_error(a.where, "criterion " + std::to_string(id), "points must be a finite number");
    if (!(pts >= 0)) throw validation_error(a.where, "criterion " + std::to_string(id), "points must be >= 0");
    if (c->max_points.value && pts > *c->max_points.value) {
      throw validation_error(a.where, "criterion " + std::to_string(id), detail::num(pts) + " points exceed the maximum of " +
                                                                          detail::num(*c->max_points.value) + " (" + c->max_points.source + ")");
    }
  }
  if (a.category && a.category_reason.empty()) throw validation_error(a.where, "category", "an override needs a reason");

  // ---- facts: the sheet's, and those the registers give where the sheet is silent
  std::map<std::string, double> facts = merge_register_facts(a, rules, from_registers, d);
  std::vector<std::uint32_t> mine;
  for (const std::uint32_t i : candidates) {
    if (incidents.unit_code(i) == u->code && p.contains(from_epoch_days(incidents.day[i]))) mine.push_back(i);
  }

  // ---- criteria
  for (const auto& c : rules.criteria) {
    criterion_result r;
    r.id = c.id;
    r.name_vi = c.name_vi;
    r.name_en = c.name_en;
    r.max_points = c.max_points.value;
    if (auto it = a.points.find(c.id); it != a.points.end()) r.claimed = it->second;
    if (!c.items_complete) {
      r.why_not_computed = "its scoring table is not confirmed";
    } else {
      double sum = 0;
      for (const auto& item : c.items) {
        auto f = facts.find(item.fact);
        if (f == facts.end()) {
          r.why_not_computed = "the fact " + treem::quoted(item.fact) + " is not given";
          break;
        }
        if (item.kind == fact_kind::boolean) {
          if (f->second == 0) continue;  // false gives 0, whatever the points
          if (!item.points) {
            r.why_not_computed = "the points of item " + item.id + " are not confirmed";
            break;
          }
          sum += *item.points;
        } else {
          auto b = std::find_if(item.bands.begin(), item.bands.end(), [&](const band& x) { return f->second >= x.min_percent; });
          if (b == item.bands.end()) {
            r.why_not_computed = item.fact + " = " + detail::num(f->second) + "% is below the lowest confirmed band (" +
                                 detail::num(item.bands.back().min_percent) + "%)";
            break;
          }
          sum += b->points;
        }
      }
      if (r.why_not_computed.empty()) r.computed = sum;
    }
    r.used = r.claimed ? r.claimed : r.computed;
    if (r.claimed && r.computed && std::abs(*r.claimed - *r.computed) > 1e-9) {
      d.audit.push_back({"claim_differs_from_facts", c.id,
                         "Tiêu chí " + std::to_string(c.id) + ": tự chấm " + detail::num(*r.claimed) + " điểm, theo số liệu được " + detail::num(*r.computed) + " điểm",
                         "criterion " + std::to_string(c.id) + ": claimed " + detail::num(*r.claimed) + " points, the facts give " + detail::num(*r.computed)});
    }
    d.criteria.push_back(std::move(r));
  }
  bool all_assessed = true;
  double total = 0;
  for (const auto& r : d.criteria) {
    if (!r.used) {
      all_assessed = false;
      d.gap.criteria_not_assessed.push_back(r.id);
    } else {
      total += *r.used;
      if (*r.used == 0) d.gap.criteria_at_zero.push_back(r.id);
    }
  }
  if (all_assessed) d.total = total;

  // ---- category and pass mark
  std::optional<unit_category> category;
  if (a.category) {
    category = a.category;
    d.category_reason = "override: " + a.category_reason;
  } else {
    category = detail::derive_category(units, *u, p.end(), d.category_reason);
  }
  d.category = category;
  std::optional<double> lo, hi;  // the pass marks that may apply
  if (category) {
    if (const pass_mark* pm = rules.find_pass_mark(*category)) lo = hi = pm->min_total;
  } else {
    for (auto c : {unit_category::mountainous_island_or_disadvantaged, unit_category::other}) {
      if (const pass_mark* pm = rules.find_pass_mark(c)) {
        lo = lo ? std::min(*lo, pm->min_total) : pm->min_total;
        hi = hi ? std::max(*hi, pm->min_total) : pm->min_total;
      }
    }
  }
  if (lo && hi && *lo == *hi) d.pass_mark = *lo;

  // ---- gates
  for (const auto& g : rules.gates) {
    gate_result gr{g.id, g.kind, check_state::unknown, g.text_vi, g.text_en, g.rule_set, g.source};
    switch (g.kind) {
      case gate_kind::all_criteria_assessed:
        gr.state = all_assessed ? check_state::passed : check_state::unknown;
        break;
      case gate_kind::no_criterion_zero:
        gr.state = !d.gap.criteria_at_zero.empty() ? check_state::failed : all_assessed ? check_state::passed : check_state::unknown;
        break;
      case gate_kind::total_at_least_pass_mark:
        if (d.total && hi && *d.total >= *hi) gr.state = check_state::passed;
        else if (d.total && lo && *d.total < *lo) gr.state = check_state::failed;
        // Otherwise unknown: a criterion not assessed (whose maximum may be unknown) or a category
        // that the unit's data cannot tell leaves the total's verdict open.
        break;
      case gate_kind::criterion_at_least: {
        auto it = std::find_if(d.criteria.begin(), d.criteria.end(), [&](const criterion_result& r) { return r.id == g.criterion; });
        if (it != d.criteria.end() && it->used) gr.state = *it->used >= g.min_points ? check_state::passed : check_state::failed;
        break;
      }
      case gate_kind::fact_true: {
        auto f = facts.find(g.fact);
        if (f != facts.end()) gr.state = f->second != 0 ? check_state::passed : check_state::failed;
        break;
      }
    }
    if (gr.state == check_state::failed && g.kind != gate_kind::no_criterion_zero && g.kind != gate_kind::total_at_least_pass_mark) {
      d.gap.failed_gates.push_back(g.id);
    }
    d.gates.push_back(std::move(gr));
  }
  if (d.total && lo && *d.total < *hi) d.gap.points_missing = *hi - *d.total;

  // ---- disqualifiers
  for (const auto& dq : rules.disqualifiers) {
    applied_disqualifier applied{dq.id, dq.rule_set, dq.text_vi, dq.text_en, dq.source, {}};
    for (const std::uint32_t i : mine) {
      const incident_kind kind = incidents.kind[i];
      const bool fatal = incidents.fatal[i] != 0;
      const bool kind_matches = std::any_of(dq.kinds.begin(), dq.kinds.end(), [&](incident_kind k) { return covers(k, kind); });
      if (kind_matches && (!dq.fatal_only || fatal)) applied.incidents.push_back({kind, from_epoch_days(incidents.day[i]), fatal});
    }
    if (!applied.incidents.empty()) {
      std::sort(applied.incidents.begin(), applied.incidents.end(), [](const auto& x, const auto& y) { return x.day < y.day; });
      d.disqualifications.push_back(std::move(applied));
    }
  }
  d.gap.disqualified = !d.disqualifications.empty();

  // ---- audit: incidents the assessment did not account for
  int abuse = 0, injury = 0;
  for (const std::uint32_t i : mine) (is_abuse(incidents.kind[i]) ? abuse : injury) += 1;
  for (const auto& [fact, count, vi, en] : {std::tuple{abuse_cases_fact, abuse, "xâm hại", "abuse"},
                                           std::tuple{injury_cases_fact, injury, "tai nạn, thương tích", "accident or injury"}}) {
    auto f = a.facts.find(std::string(fact));
    if (count > 0 && (f == a.facts.end() || f->second < count)) {
      d.audit.push_back({"incidents_not_reported", 0,
                         "Sổ theo dõi có " + std::to_string(count) + " vụ " + vi + " trong kỳ; bản tự đánh giá " +
                             (f == a.facts.end() ? std::string("không nêu") : "chỉ nêu " + detail::num(f->second)),
                         "the incident register has " + std::to_string(count) + " " + en + " incident(s) in the period; the assessment " +
                             (f == a.facts.end() ? std::string("does not state how many it counted") : "reports " + detail::num(f->second))});
    }
  }

  // ---- outcome
  const bool any_failed = std::any_of(d.gates.begin(), d.gates.end(), [](const gate_result& g) { return g.state == check_state::failed; });
  const bool any_unknown = std::any_of(d.gates.begin(), d.gates.end(), [](const gate_result& g) { return g.state == check_state::unknown; });
  if (d.gap.disqualified || any_failed) d.result = outcome::not_recognized;
  else if (any_unknown) d.result = outcome::inconclusive;
  else d.result = outcome::recognized;

  // ---- reasons
  for (const auto& dq : d.disqualifications) {
    std::string vi, en;
    for (const auto& i : dq.incidents) {
      vi += (vi.empty() ? "" : ", ") + std::string(label_vi(i.kind)) + (i.fatal ? " (tử vong)" : "") + " ngày " + format_vn(i.day);
      en += (en.empty() ? "" : ", ") + std::string(to_string(i.kind)) + (i.fatal ? " (fatal)" : "") + " on " + format_vn(i.day);
    }
    d.reasons_vi.push_back("Không công nhận theo quy định " + dq.id + " (" + dq.source + "): " + vi + ".");
    d.reasons_en.push_back("Disqualified by rule " + dq.id + " (" + dq.source + "): " + en + ".");
  }
  for (int c : d.gap.criteria_at_zero) {
    d.reasons_vi.push_back("Tiêu chí " + std::to_string(c) + " bị 0 điểm.");
    d.reasons_en.push_back("Criterion " + std::to_string(c) + " scored 0 points.");
  }
  for (int c : d.gap.criteria_not_assessed) {
    const auto& r = *std::find_if(d.criteria.begin(), d.criteria.end(), [&](const criterion_result& x) { return x.id == c; });
    d.reasons_vi.push_back("Tiêu chí " + std::to_string(c) + " chưa được chấm điểm (thiếu số liệu).");
    d.reasons_en.push_back("Criterion " + std::to_string(c) + " has no points: none were given, and treem cannot score it (" + r.why_not_computed + ").");
  }
  if (d.total && lo && hi) {
    const std::string mark = *lo == *hi ? detail::num(*hi) : detail::num(*lo) + " or " + detail::num(*hi);
    const std::string mark_vi = *lo == *hi ? detail::num(*hi) : detail::num(*lo) + " hoặc " + detail::num(*hi);
    const std::string cat_en = category ? detail::category_en(*category) : "category unknown";
    const std::string cat_vi = category ? detail::category_vi(*category) : "chưa xác định được loại đơn vị";
    if (*d.total >= *hi) {
      d.reasons_vi.push_back("Tổng " + detail::num(*d.total) + " điểm, đạt mức " + mark_vi + " điểm (" + cat_vi + ").");
      d.reasons_en.push_back("Total " + detail::num(*d.total) + " points reaches the pass mark " + mark + " (" + cat_en + ": " + d.category_reason + ").");
    } else if (*d.total < *lo) {
      d.reasons_vi.push_back("Tổng " + detail::num(*d.total) + " điểm, dưới mức " + mark_vi + " điểm (" + cat_vi + "), thiếu " + detail::num(*hi - *d.total) + " điểm.");
      d.reasons_en.push_back("Total " + detail::num(*d.total) + " points is below the pass mark " + mark + " (" + cat_en + ": " + d.category_reason + "), " +
                             detail::num(*hi - *d.total) + " short.");
    } else {
      d.reasons_vi.push_back("Tổng " + detail::num(*d.total) + " điểm; chưa xác định được loại đơn vị để áp mức " + mark_vi + " điểm.");
      d.reasons_en.push_back("Total " + detail::num(*d.total) + " points: passes " + detail::num(*lo) + " but not " + detail::num(*hi) +
                             ", and the unit's category is not known (" + d.category_reason + ").");
    }
  }
  for (const auto& g : d.gates) {
    if (g.state == check_state::failed && (g.kind == gate_kind::criterion_at_least || g.kind == gate_kind::fact_true)) {
      d.reasons_vi.push_back("Không đạt điều kiện: " + g.detail_vi + " (" + g.source + ").");
      d.reasons_en.push_back("Condition not met: " + g.detail_en + " (" + g.source + ").");
    }
    // Every gate left open says why, so that an inconclusive result always explains itself.
    if (g.state == check_state::unknown) {
      if (g.kind == gate_kind::criterion_at_least) {
        d.reasons_vi.push_back("Chưa xác định được điều kiện: " + g.detail_vi + " (tiêu chí chưa có điểm).");
        d.reasons_en.push_back("Cannot check: " + g.detail_en + " (the criterion has no points).");
      } else if (g.kind == gate_kind::fact_true) {
        d.reasons_vi.push_back("Chưa xác định được điều kiện: " + g.detail_vi + " (thiếu số liệu).");
        d.reasons_en.push_back("Cannot check: " + g.detail_en + " (the fact is not given).");
      } else if (g.kind == gate_kind::total_at_least_pass_mark && d.total && !(lo && hi)) {
        d.reasons_vi.push_back("Bộ quy định không có mức điểm đạt cho loại đơn vị này.");
        d.reasons_en.push_back("The rule sets give no pass mark for this kind of unit (" + d.category_reason + ").");
      }
    }
  }
  if (d.result == outcome::recognized) {
    d.reasons_vi.insert(d.reasons_vi.begin(), "Đủ điều kiện công nhận xã, phường, thị trấn phù hợp với trẻ em.");
    d.reasons_en.insert(d.reasons_en.begin(), "Meets every condition for recognition as child-friendly.");
  }
  return d;
}

}  // namespace detail

/// Decides one unit. `incidents` may hold the whole register; only the unit's incidents in the
/// assessment's period count. Throws validation_error (located at the assessment) for an unknown
/// unit, criterion or fact, a value out of range, or points above a known maximum.
[[nodiscard]] inline decision evaluate(const unit_assessment& a, const registers::incident_register& incidents, const composed_rules& composed,
                                       const unit_registry& units, const register_facts& from_registers = {}) {
  std::vector<std::uint32_t> all(incidents.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint32_t>(i);
  register_facts facts;
  if (const auto it = from_registers.find(a.unit); it != from_registers.end()) facts.emplace(a.unit, it->second);
  add_incident_facts(facts, incidents, period::parse(a.period, a.where));
  return detail::decide(a, incidents, all, composed, units, facts[a.unit]);
}

/// Decides every unit of `assessments` for `period_iso`. Each assessment must be for that period
/// and each unit may appear once. The incident register is the one the indicators read (its units
/// were checked on each incident's date when it was read). Results follow the order of `assessments`.
[[nodiscard]] inline std::vector<decision> evaluate_all(const std::vector<unit_assessment>& assessments,
                                                        const registers::incident_register& incidents, const composed_rules& rules,
                                                        const unit_registry& units, const std::string& period_iso,
                                                        const register_facts& from_registers = {}) {
  const period p = period::parse(period_iso, {"<period>", 1, 1});
  register_facts facts = from_registers;
  add_incident_facts(facts, incidents, p);
  const std::vector<register_fact> no_facts;
  if (assessments.empty()) throw validation_error({"<assessments>"}, "assessments", "there is no unit to certify");
  // Each unit sees only its own incidents: scanning the register once per unit made certifying
  // 10,047 communes against 142,742 incidents take 5 s instead of milliseconds.
  std::vector<std::vector<std::uint32_t>> by_unit(incidents.units.size());
  for (std::size_t i = 0; i < incidents.size(); ++i) by_unit[incidents.unit[i]].push_back(static_cast<std::uint32_t>(i));
  std::unordered_map<std::string, std::size_t> unit_index;
  for (std::size_t u = 0; u < incidents.units.size(); ++u) unit_index.emplace(incidents.units[u], u);
  const std::vector<std::uint32_t> none;
  std::set<std::string> seen;
  std::vector<decision> out;
  out.reserve(assessments.size());
  for (const auto& a : assessments) {
    const period ap = period::parse(a.period, a.where);
    if (!(ap == p)) throw validation_error(a.where, "period", treem::quoted(a.period) + " does not match the period " + p.iso() + " being certified");
    if (!seen.insert(a.unit).second) throw validation_error(a.where, "unit", "unit " + a.unit + " is assessed twice");
    const auto it = unit_index.find(a.unit);
    const auto f = facts.find(a.unit);
    out.push_back(detail::decide(a, incidents, it == unit_index.end() ? none : by_unit[it->second], rules, units, f == facts.end() ? no_facts : f->second));
  }
  return out;
}

}  // namespace treem::certify
