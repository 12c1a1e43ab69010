// The checks of a case register as rows a person or a program reads: one row per case and limit,
// with the due moment, what is left of it as of the check, and the days off it depends on that
// are not confirmed. The program's text, CSV and JSON and Python's DataFrame are all made from
// these rows, so they say the same thing. Rows name a case by its line in the register, never by
// its id.
#pragma once

#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/cases/timeliness.hpp"
#include "treem/io/csv_writer.hpp"
#include "treem/io/json_writer.hpp"

namespace treem::cases {

struct check_row {
  std::string unit;      ///< commune code
  std::uint64_t line = 0;
  registers::incident_kind kind = registers::incident_kind::violence;
  bool serious_harm = false;
  const case_deadline* deadline = nullptr;
  deadline_state state = deadline_state::not_applicable;
  unknown_because why = unknown_because::nothing;
  std::string due;         ///< ISO date (a limit in working days) or date and time; empty when not applicable
  std::string due_latest;  ///< when the due moment is not known exactly: the latest it can be
  std::int64_t left = 0;   ///< working days (or whole hours) from the check to the due moment; < 0: past it
  std::vector<std::string> unconfirmed_days;  ///< ISO dates
};

namespace detail {

inline std::string iso_moment(std::int64_t minute, bool with_time) {
  const std::int64_t day = minute >= 0 ? minute / 1440 : (minute - 1439) / 1440;
  std::string out = format_iso(from_epoch_days(day));
  if (!with_time) return out;
  const int m = static_cast<int>(minute - day * 1440);
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", m / 60, m % 60);
  return out + buf;
}

inline std::string_view why_text(unknown_because w) {
  switch (w) {
    case unknown_because::time_of_day_not_recorded: return "time_of_day_not_recorded";
    case unknown_because::readings_disagree: return "readings_disagree";
    case unknown_because::nothing: break;
  }
  return "";
}

}  // namespace detail

/// Every check as a row (`only_open`: only the limits still open, soonest first per commune).
[[nodiscard]] inline std::vector<check_row> check_rows(const registers::case_register& cases, const case_deadline_rules& rules,
                                                       const holiday_calendar& calendar, const case_checks& checks, bool only_open) {
  const std::vector<deadline_check> list = only_open ? open_deadlines(cases, checks) : checks.checks;
  std::vector<check_row> out;
  out.reserve(list.size());
  const auto as_of_day = static_cast<std::int32_t>(checks.as_of / 1440);
  for (const auto& c : list) {
    check_row r;
    r.unit = cases.unit_code(c.case_row);
    r.line = cases.line[c.case_row];
    r.kind = cases.kind[c.case_row];
    r.serious_harm = cases.serious_harm[c.case_row] != 0;
    r.deadline = &rules.deadlines[c.deadline];
    r.state = c.state;
    r.why = c.why;
    if (c.state != deadline_state::not_applicable) {
      const bool hours = r.deadline->unit == limit_unit::hours;
      r.due = detail::iso_moment(c.due.earliest, hours);
      if (c.due.latest != c.due.earliest) r.due_latest = detail::iso_moment(c.due.latest, hours);
      // Whole hours, rounded towards the past: 30 minutes overdue is -1, not 0.
      const std::int64_t minutes = c.due.earliest - checks.as_of;
      r.left = hours ? (minutes >= 0 ? minutes / 60 : -((59 - minutes) / 60))
                     : calendar.working_days_between(from_epoch_days(as_of_day), from_epoch_days(c.due.earliest / 1440));
      for (const auto d : c.due.unconfirmed_days) r.unconfirmed_days.push_back(format_iso(from_epoch_days(d)));
    }
    out.push_back(std::move(r));
  }
  return out;
}

inline constexpr std::string_view check_csv_header =
    "unit,line,kind,serious_harm,deadline,state,why,due,due_latest,left,left_unit,unconfirmed_days,source\n";

/// The rows as CSV (RFC 4180, text cells safe against formula injection).
[[nodiscard]] inline std::string to_csv(const std::vector<check_row>& rows) {
  std::string out(check_csv_header);
  for (const auto& r : rows) {
    std::string days;
    for (const auto& d : r.unconfirmed_days) days += (days.empty() ? "" : ";") + d;
    const bool open = r.state != deadline_state::not_applicable;
    out += io::csv_text(r.unit) + "," + std::to_string(r.line) + "," + std::string(to_string(r.kind)) + "," + (r.serious_harm ? "1" : "0") + "," +
           io::csv_text(r.deadline->id) + "," + std::string(to_string(r.state)) + "," + std::string(detail::why_text(r.why)) + "," + r.due + "," +
           r.due_latest + "," + (open ? std::to_string(r.left) : "") + "," +
           (open ? (r.deadline->unit == limit_unit::hours ? "hours" : "working_days") : "") + "," + io::csv_text(days) + "," +
           io::csv_text(r.deadline->source) + "\n";
  }
  return out;
}

/// The rows as a JSON document: the moment of the check, the rule set, and one object per row.
[[nodiscard]] TREEM_FUNC std::string to_json(const std::vector<check_row>& rows, const case_deadline_rules& rules, std::int64_t as_of);

#if TREEM_DEFINITIONS
TREEM_FUNC std::string to_json(const std::vector<check_row>& rows, const case_deadline_rules& rules, std::int64_t as_of) {
  std::vector<std::string> items;
  items.reserve(rows.size());
  for (const auto& r : rows) {
    std::vector<std::string> days;
    for (const auto& d : r.unconfirmed_days) days.push_back(io::json_string(d));
    io::json_object o;
    o.add("unit", r.unit).add("line", static_cast<std::int64_t>(r.line)).add("kind", to_string(r.kind)).add("serious_harm", r.serious_harm);
    o.add("deadline", r.deadline->id).add("state", to_string(r.state));
    if (r.why == unknown_because::nothing) o.null("why");
    else o.add("why", detail::why_text(r.why));
    if (r.state == deadline_state::not_applicable) o.null("due").null("due_latest").null("left").null("left_unit");
    else {
      o.add("due", r.due);
      if (r.due_latest.empty()) o.null("due_latest");
      else o.add("due_latest", r.due_latest);
      o.add("left", r.left).add("left_unit", r.deadline->unit == limit_unit::hours ? "hours" : "working_days");
    }
    o.raw("unconfirmed_days", io::json_array(days, "")).add("source", r.deadline->source);
    items.push_back(o.str());
  }
  io::json_object doc;
  doc.add("as_of", detail::iso_moment(as_of, as_of % 1440 != 0)).add("rules", rules.id + " " + rules.version).raw("checks", io::json_array(items));
  return doc.str() + "\n";
}
#endif

}  // namespace treem::cases
