// Synthetic case registers: one case for each incident of abuse of a generated incident register,
// with the steps of Decree 56/2017 dated on the working-day calendar, most in time and some late
// (the shares are generator parameters). Steps that would fall after the reference moment have not
// happened yet, so the last weeks' cases are open: a morning list has something to show. The same
// seed gives the same cases on every platform (integer draws only).
#pragma once

#include <string>

#include "treem/core/linkage.hpp"
#include "treem/registers/case_register.hpp"
#include "treem/registers/generator.hpp"
#include "treem/time/holiday_calendar.hpp"

namespace treem::registers {

namespace detail {

struct case_timeline {
  const holiday_calendar& calendar;

  [[nodiscard]] case_time working_days_after(std::int32_t day, std::int64_t n) const {
    return {static_cast<std::int32_t>(to_epoch_days(calendar.add_working_days(from_epoch_days(day), n))), -1};
  }
  [[nodiscard]] static case_time minutes_after(const case_time& t, std::int64_t minutes) {
    const std::int64_t m = std::int64_t{t.day} * 1440 + t.minute + minutes;
    return {static_cast<std::int32_t>(m / 1440), static_cast<std::int16_t>(m % 1440)};
  }
};

}  // namespace detail

/// The steps of one synthetic case received on `received` (a day), as of the end of `last_day`.
[[nodiscard]] inline std::array<case_time, case_step_count> synthetic_steps(detail::random_stream& r, const holiday_calendar& calendar,
                                                                            std::int32_t received, bool serious, bool needs_plan, std::int8_t recorded,
                                                                            const generator_parameters& p, std::int32_t last_day) {
  const double late_share = p.get("case_step_late_share"), in_time_share = p.get("plan_in_time_share");
  const detail::case_timeline t{calendar};
  std::array<case_time, case_step_count> s{};
  s[0] = {received, r.chance(0.7) ? static_cast<std::int16_t>(7 * 60 + r.below(10 * 60)) : std::int16_t{-1}};
  s[1] = {received, -1};
  if (serious) {
    const case_time start = s[0].timed() ? s[0] : case_time{received, 8 * 60};
    s[2] = detail::case_timeline::minutes_after(start, r.chance(late_share) ? 13 * 60 + r.below(12 * 60) : 30 + r.below(8 * 60));
    if (!s[0].timed()) s[2].minute = -1;
  }
  s[3] = t.working_days_after(received, 1 + r.below(2));
  // `recorded`: the incident register's yes/no for the incident's own case (-1: none), kept true.
  const bool drafted_late = recorded != 1 && r.chance(late_share);
  const std::uint64_t drafted_after = drafted_late ? 6 + r.below(3) : 2 + r.below(3);
  s[4] = t.working_days_after(received, static_cast<std::int64_t>(drafted_after));
  // In time by both readings of the approval limit (5 or 7 working days), or late by both.
  const bool in_time = recorded >= 0 ? recorded == 1 : !drafted_late && r.chance(needs_plan ? in_time_share : 1 - late_share);
  s[5] = in_time ? t.working_days_after(received, static_cast<std::int64_t>(drafted_after + r.below(6 - drafted_after)))
                 : t.working_days_after(received, static_cast<std::int64_t>(std::max<std::uint64_t>(drafted_after, 8) + r.below(3)));
  s[6] = {s[5].day + 30 + static_cast<std::int32_t>(r.below(30)), -1};
  s[7] = {s[6].day + static_cast<std::int32_t>(r.below(60)), -1};
  for (auto& step : s) {
    if (step.happened() && step.day > last_day) step = {};
  }
  return s;
}

struct generated_cases {
  case_register cases;
  std::vector<std::string> incident_case_id;  ///< per incident: the id of its own case ("" for an injury)
};

/// Cases for the incidents of abuse of `incidents` (each incident's case, and reports of children
/// at risk of the same kind before it), as of the end of `reference`.
[[nodiscard]] TREEM_FUNC generated_cases generate_cases(const incident_register& incidents, const generator_parameters& p, const holiday_calendar& calendar,
                                                        std::uint64_t seed, const date& reference);

#if TREEM_DEFINITIONS
TREEM_FUNC generated_cases generate_cases(const incident_register& incidents, const generator_parameters& p, const holiday_calendar& calendar,
                                          std::uint64_t seed, const date& reference) {
  const double serious_share = p.get("serious_harm_share"), risk_cases = p.get("risk_cases_per_abuse_case");
  const auto last_day = static_cast<std::int32_t>(to_epoch_days(reference));
  const auto first_day = static_cast<std::int32_t>(to_epoch_days(make_date(reference.year(), 1, 1)));
  generated_cases g;
  g.incident_case_id.resize(incidents.size());
  case_register& out = g.cases;
  out.units = incidents.units;
  std::vector<std::uint64_t> per_unit(incidents.units.size(), 0);
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    if (!is_abuse(incidents.kind[i])) continue;
    const std::uint32_t u = incidents.unit[i];
    detail::random_stream r{detail::mix(seed, incidents.units[u], 1000 + per_unit[u])};
    const std::uint64_t copies = 1 + r.poisson(risk_cases);
    for (std::uint64_t c = 0; c < copies; ++c) {
      const std::uint64_t n = ++per_unit[u];
      const std::int32_t received = c == 0 ? incidents.day[i] : std::max(first_day, incidents.day[i] - static_cast<std::int32_t>(r.below(120)));
      const bool serious = r.chance(c == 0 ? serious_share : serious_share / 3);
      const std::int8_t recorded = c == 0 ? incidents.plan_in_time[i] : std::int8_t{-1};
      const auto s = synthetic_steps(r, calendar, received, serious, needs_intervention_plan(incidents.kind[i]), recorded, p, last_day);
      out.ids.push_back(incidents.units[u] + "-" + std::to_string(n));
      if (c == 0) g.incident_case_id[i] = out.ids.back();
      out.unit.push_back(u);
      out.kind.push_back(incidents.kind[i]);
      out.serious_harm.push_back(serious ? 1 : 0);
      for (std::size_t k = 0; k < case_step_count; ++k) out.steps[k].push_back(s[k]);
      out.line.push_back(out.line.size() + 2);
    }
  }
  return g;
}
#endif

}  // namespace treem::registers
