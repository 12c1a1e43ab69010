// Whether each case met each time limit, as of a moment: a sequence of named stages, each usable
// alone. due_window() turns a limit and the step its clock starts from into the earliest and the
// latest moment the limit can end (working days from the holiday calendar, hours by the clock);
// judge() compares the step that must happen with that window; check_cases() runs both over a
// register; open_deadlines() is the list a commune worker reads each morning; approved_in_time()
// is what criterion 6 of Decision 06/QĐ-TTg and its indicator count.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/cases/deadline_rules.hpp"
#include "treem/core/error.hpp"
#include "treem/registers/case_register.hpp"
#include "treem/time/holiday_calendar.hpp"

namespace treem::cases {

enum class deadline_state : std::uint8_t {
  met,             ///< the step happened within the limit
  missed,          ///< the step happened late, or the case was closed after the limit without it
  overdue,         ///< the step has not happened and the limit has passed: act now
  pending,         ///< the step has not happened and the limit has not passed
  undetermined,    ///< the step happened, but whether in time depends on what is not known
  not_applicable,  ///< the limit does not apply to the case, or the case closed before it ran out
};

inline constexpr std::string_view deadline_state_names[] = {"met", "missed", "overdue", "pending", "undetermined", "not_applicable"};
inline constexpr std::string_view deadline_state_names_vi[] = {"đúng hạn", "trễ hạn", "quá hạn, chưa làm", "chưa đến hạn", "chưa xác định", "không áp dụng"};
[[nodiscard]] constexpr std::string_view to_string(deadline_state s) noexcept { return deadline_state_names[static_cast<int>(s)]; }
[[nodiscard]] constexpr std::string_view label_vi(deadline_state s) noexcept { return deadline_state_names_vi[static_cast<int>(s)]; }

/// Why a state is undetermined.
enum class unknown_because : std::uint8_t { nothing, time_of_day_not_recorded, readings_disagree };

/// The earliest and latest moment (minutes since 1970-01-01 00:00) a limit can end, and the days
/// off in between that the calendar does not hold as confirmed.
struct due_window {
  std::int64_t earliest = 0;
  std::int64_t latest = 0;
  std::vector<std::int32_t> unconfirmed_days;  ///< days since 1970-01-01
};

struct deadline_check {
  std::uint32_t case_row = 0;
  std::uint16_t deadline = 0;  ///< index into the rules' deadlines
  deadline_state state = deadline_state::not_applicable;
  unknown_because why = unknown_because::nothing;
  due_window due;
};

struct check_options {
  /// The chosen reading of a disputed limit, by deadline id (e.g. {"plan_approved", 7}).
  std::map<std::string, int> readings;
};

struct case_checks {
  std::int64_t as_of = 0;  ///< the moment of the check, minutes since 1970-01-01 00:00
  std::vector<deadline_check> checks;  ///< case by case, each case's deadlines in the rules' order
};

namespace detail {

/// The readings a check uses: the user's choice when given (it must be one of the readings).
inline std::vector<int> readings_used(const case_deadline& d, const check_options& options) {
  const auto it = options.readings.find(d.id);
  if (it == options.readings.end()) return d.readings;
  if (std::find(d.readings.begin(), d.readings.end(), it->second) == d.readings.end()) {
    std::string list;
    for (const int r : d.readings) list += (list.empty() ? "" : " or ") + std::to_string(r);
    throw validation_error({"<options>"}, "reading of " + d.id, std::to_string(it->second) + " is not one of its readings (" + list + ")");
  }
  return {it->second};
}

/// The calendar with every unconfirmed holiday rule that ships switched off switched on: a day it
/// adds may or may not be a day off.
inline holiday_calendar with_unconfirmed_enabled(const holiday_calendar& calendar) {
  holiday_calendar out = calendar;
  for (const auto& h : calendar.rules().holidays) {
    if (!h.enabled && h.evidence != treem::evidence::confirmed) out = out.with_enabled(h.id, true);
  }
  return out;
}

}  // namespace detail

/// Stage 1: when a limit ends for a case whose clock started at `from`.
[[nodiscard]] inline due_window window_of(const case_deadline& d, const std::vector<int>& readings, const registers::case_time& from,
                                          const holiday_calendar& calendar, const holiday_calendar& maybe_off) {
  due_window w;
  const auto [shortest, longest] = std::minmax_element(readings.begin(), readings.end());
  if (d.unit == limit_unit::hours) {
    w.earliest = from.earliest() + std::int64_t{*shortest} * 60;
    w.latest = from.latest() + std::int64_t{*longest} * 60;
    return w;
  }
  const date start = from_epoch_days(from.day);
  const auto end_of = [&](int n) { return to_epoch_days(calendar.add_working_days(start, n)); };
  w.earliest = end_of(*shortest) * 1440 + 1439;  // a day's limit runs to the end of its last day
  w.latest = end_of(*longest) * 1440 + 1439;
  for (std::int32_t day = from.day + 1; std::int64_t{day} * 1440 <= w.latest; ++day) {
    const date on = from_epoch_days(day);
    const day_off* off = calendar.day_off_on(on);
    const bool doubtful = off ? off->evidence != treem::evidence::confirmed
                              : (calendar.is_working_day(on) && !maybe_off.is_working_day(on));
    if (doubtful) w.unconfirmed_days.push_back(day);
  }
  return w;
}

/// Stage 2: the state of one limit, from the step it waits for, the case's closure and the window.
[[nodiscard]] inline deadline_check judge(const registers::case_time& done, const registers::case_time& closed, const due_window& due,
                                          std::int64_t as_of, bool untimed_clock, bool disputed) {
  deadline_check c;
  c.due = due;
  const auto as_of_day = static_cast<std::int32_t>(as_of / 1440);
  auto compare = [&](const registers::case_time& t, deadline_state before, deadline_state after) {
    if (t.latest() <= due.earliest) return before;
    if (t.earliest() > due.latest) return after;
    c.why = (!t.timed() || untimed_clock) && !disputed ? unknown_because::time_of_day_not_recorded : unknown_because::readings_disagree;
    return deadline_state::undetermined;
  };
  if (done.happened() && done.day <= as_of_day) {
    c.state = compare(done, deadline_state::met, deadline_state::missed);
  } else if (closed.happened() && closed.day <= as_of_day) {
    c.state = compare(closed, deadline_state::not_applicable, deadline_state::missed);
  } else {
    c.state = as_of > due.latest ? deadline_state::overdue : deadline_state::pending;
  }
  return c;
}

/// Stages 1 and 2 over a register: every applicable limit of every case, as of `as_of` (minutes
/// since 1970-01-01 00:00; a date alone is its first minute). Steps after `as_of` have not happened yet.
[[nodiscard]] TREEM_FUNC case_checks check_cases(const registers::case_register& cases, const case_deadline_rules& rules,
                                                 const holiday_calendar& calendar, std::int64_t as_of, const check_options& options = {});

#if TREEM_DEFINITIONS
TREEM_FUNC case_checks check_cases(const registers::case_register& cases, const case_deadline_rules& rules,
                                   const holiday_calendar& calendar, std::int64_t as_of, const check_options& options) {
  const holiday_calendar maybe_off = detail::with_unconfirmed_enabled(calendar);
  std::vector<std::vector<int>> readings;
  for (const auto& d : rules.deadlines) readings.push_back(detail::readings_used(d, options));
  case_checks out;
  out.as_of = as_of;
  for (std::size_t row = 0; row < cases.size(); ++row) {
    for (std::size_t k = 0; k < rules.deadlines.size(); ++k) {
      const case_deadline& d = rules.deadlines[k];
      const registers::case_time& from = cases.at(row, d.from);
      deadline_check c;
      if (d.applies_to(cases.serious_harm[row] != 0) && from.happened() && from.day <= as_of / 1440) {
        const due_window w = window_of(d, readings[k], from, calendar, maybe_off);
        c = judge(cases.at(row, d.to), cases.at(row, registers::case_step::closed), w, as_of,
                  d.unit == limit_unit::hours && !from.timed(), readings[k].size() > 1);
      }
      c.case_row = static_cast<std::uint32_t>(row);
      c.deadline = static_cast<std::uint16_t>(k);
      out.checks.push_back(std::move(c));
    }
  }
  return out;
}
#endif

/// Stage 3: the limits still open (overdue first within a commune, then soonest due), commune by
/// commune: what a commune worker looks at each morning.
[[nodiscard]] inline std::vector<deadline_check> open_deadlines(const registers::case_register& cases, const case_checks& checks) {
  std::vector<deadline_check> out;
  for (const auto& c : checks.checks) {
    if (c.state == deadline_state::overdue || c.state == deadline_state::pending) out.push_back(c);
  }
  std::stable_sort(out.begin(), out.end(), [&](const deadline_check& a, const deadline_check& b) {
    const std::string& ua = cases.unit_code(a.case_row);
    const std::string& ub = cases.unit_code(b.case_row);
    if (ua != ub) return ua < ub;
    if (a.due.earliest != b.due.earliest) return a.due.earliest < b.due.earliest;
    return cases.line[a.case_row] < cases.line[b.case_row];
  });
  return out;
}

/// The limit that criterion 6 of Decision 06/QĐ-TTg times ("kế hoạch hỗ trợ, can thiệp được Chủ
/// tịch UBND cấp xã phê duyệt kịp thời"): the plan's approval.
inline constexpr std::string_view approval_deadline = "plan_approved";

/// Stage 4: per case, whether its plan was approved in time: 1 yes, 0 no (late, or overdue), -1 not
/// known yet or not applicable. The incident register's plan_approved_in_time column, computed.
[[nodiscard]] inline std::vector<std::int8_t> approved_in_time(const registers::case_register& cases, const case_deadline_rules& rules,
                                                               const case_checks& checks) {
  std::vector<std::int8_t> out(cases.size(), -1);
  const case_deadline* d = rules.find(approval_deadline);
  if (!d) throw not_found_error("deadline", std::string(approval_deadline), "in " + rules.id);
  const auto k = static_cast<std::uint16_t>(d - rules.deadlines.data());
  for (const auto& c : checks.checks) {
    if (c.deadline != k) continue;
    if (c.state == deadline_state::met) out[c.case_row] = 1;
    else if (c.state == deadline_state::missed || c.state == deadline_state::overdue) out[c.case_row] = 0;
  }
  return out;
}

}  // namespace treem::cases
