// Facts of the certification rule sets computed from the registers, commune by commune: the share
// of children in special circumstances who receive support (criterion 6.1 of Decision 06/QĐ-TTg)
// from the child register, and the share of cases of sexual abuse, abandonment and trafficking
// whose support/intervention plan was approved in time (criterion 6.2) from the case register's
// computed timeliness, or else from the incident register's recorded column. A certification uses
// them where the assessment sheet is silent and audits the sheet against them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "treem/registers/case_register.hpp"
#include "treem/registers/child_register.hpp"
#include "treem/registers/incident_register.hpp"
#include "treem/time/period.hpp"

namespace treem::certify {

/// Which register a fact was computed from.
enum class fact_origin : std::uint8_t { assessment, children, cases, incidents };

inline constexpr std::string_view fact_origin_names[] = {"assessment", "children", "cases", "incidents"};
inline constexpr std::string_view fact_origin_names_vi[] = {"bảng tự đánh giá", "sổ theo dõi trẻ em", "sổ quản lý trường hợp", "sổ theo dõi vụ việc"};
inline constexpr std::string_view fact_origin_labels_en[] = {"assessment sheet", "child register", "case register", "incident register"};
[[nodiscard]] constexpr std::string_view to_string(fact_origin o) noexcept { return fact_origin_names[static_cast<int>(o)]; }
[[nodiscard]] constexpr std::string_view label_vi(fact_origin o) noexcept { return fact_origin_names_vi[static_cast<int>(o)]; }
[[nodiscard]] constexpr std::string_view label_en(fact_origin o) noexcept { return fact_origin_labels_en[static_cast<int>(o)]; }

/// A percent fact a register gives for one commune: numerator of denominator rows.
struct register_fact {
  std::string fact;
  fact_origin origin = fact_origin::children;
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;  ///< > 0
  [[nodiscard]] double percent() const noexcept { return 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator); }
};

/// Facts by commune code.
using register_facts = std::unordered_map<std::string, std::vector<register_fact>>;

inline constexpr std::string_view supported_fact = "special_circumstances_supported_percent";
inline constexpr std::string_view plan_in_time_fact = "intervention_plan_in_time_percent";

namespace detail {

/// numerator/denominator per unit code → facts (units with no row in the denominator have none).
inline void add_shares(register_facts& out, std::string_view fact, fact_origin origin, const std::vector<std::string>& units,
                       const std::vector<std::int64_t>& num, const std::vector<std::int64_t>& den) {
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (den[u] > 0) out[units[u]].push_back({std::string(fact), origin, num[u], den[u]});
  }
}

}  // namespace detail

/// Criterion 6.1: of the children with at least one of the 14 special circumstances (Law on
/// Children, Art. 10(1)), the share marked as receiving support.
inline void add_child_facts(register_facts& out, const registers::child_register& children) {
  std::vector<std::int64_t> num(children.units.size(), 0), den(children.units.size(), 0);
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (children.special_groups[i] == 0) continue;
    ++den[children.unit[i]];
    num[children.unit[i]] += (children.flags[i] & registers::receiving_support) ? 1 : 0;
  }
  detail::add_shares(out, supported_fact, fact_origin::children, children.units, num, den);
}

namespace detail {

/// Criterion 6.2's share per unit over `n` rows of either register: rows dated in `p`, of the
/// kinds the criterion names, whose plan is decided (`in_time(i)` 1 or 0; -1 left out).
template <class Day, class Kind, class InTime>
void plan_shares(std::size_t n, std::size_t units, const std::vector<std::uint32_t>& unit, const period& p, Day day, Kind kind, InTime in_time,
                 std::vector<std::int64_t>& num, std::vector<std::int64_t>& den) {
  const auto first = static_cast<std::int32_t>(to_epoch_days(p.start())), last = static_cast<std::int32_t>(to_epoch_days(p.end()));
  num.assign(units, 0);
  den.assign(units, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (day(i) < first || day(i) > last || !registers::needs_intervention_plan(kind(i)) || in_time(i) < 0) continue;
    ++den[unit[i]];
    num[unit[i]] += in_time(i);
  }
}

}  // namespace detail

/// Criterion 6.2 from the case register: cases received in `p` whose approval is decided
/// (`in_time[i]` 1 or 0; -1 left out: not yet due, undetermined, or an emergency, which the 5-day
/// limit excepts).
inline void add_case_facts(register_facts& out, const registers::case_register& cases, const std::vector<std::int8_t>& in_time, const period& p) {
  std::vector<std::int64_t> num, den;
  detail::plan_shares(cases.size(), cases.units.size(), cases.unit, p, [&](std::size_t i) { return cases.at(i, registers::case_step::received).day; },
                      [&](std::size_t i) { return cases.kind[i]; }, [&](std::size_t i) { return in_time[i]; }, num, den);
  detail::add_shares(out, plan_in_time_fact, fact_origin::cases, cases.units, num, den);
}

/// Criterion 6.2 from the incident register's recorded column, for communes the case register
/// does not cover (or when there is none).
inline void add_incident_facts(register_facts& out, const registers::incident_register& incidents, const period& p) {
  std::vector<std::int64_t> num, den;
  detail::plan_shares(incidents.size(), incidents.units.size(), incidents.unit, p, [&](std::size_t i) { return incidents.day[i]; },
                      [&](std::size_t i) { return incidents.kind[i]; }, [&](std::size_t i) { return incidents.plan_in_time[i]; }, num, den);
  for (std::size_t u = 0; u < incidents.units.size(); ++u) {
    if (den[u] == 0) continue;
    auto& facts = out[incidents.units[u]];
    const bool from_cases = std::any_of(facts.begin(), facts.end(), [](const register_fact& f) { return f.fact == plan_in_time_fact; });
    if (!from_cases) facts.push_back({std::string(plan_in_time_fact), fact_origin::incidents, num[u], den[u]});
  }
}

}  // namespace treem::certify
