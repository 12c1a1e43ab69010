// Submission tracking: which due reports arrived on time, late, or not at all, as of a date.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/plan/plan.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::plan {

/// A report received: who sent it (an agency id, or a commune's code), which report, when.
struct submission {
  std::string submitter;
  std::string report;
  date submitted;
  source_location where;  ///< where the record came from, for error messages
};

enum class submission_state { on_time, late, missing, not_yet_due };

[[nodiscard]] constexpr std::string_view to_string(submission_state s) noexcept {
  switch (s) {
    case submission_state::on_time: return "on_time";
    case submission_state::late: return "late";
    case submission_state::missing: return "missing";
    case submission_state::not_yet_due: return "not_yet_due";
  }
  return "missing";
}

struct submission_status {
  std::string report;
  std::string submitter;       ///< agency id or commune code
  std::string submitter_name;
  bool commune = false;
  date due;                    ///< as written in the plan
  date last_on_time_day;       ///< due, or the day before it for "trước ngày"
  submission_state state = submission_state::missing;
  std::optional<date> submitted;
  long days_late = 0;          ///< calendar days after the last on-time day (late or missing)
};

/// Who must send report `r`: its agencies, then the commune-level units of the plan's unit on the
/// due date (when the report asks for communes).
[[nodiscard]] inline std::vector<std::pair<std::string, bool>> expected_submitters(const plan& p, const report_requirement& r,
                                                                                 const unit_registry& units) {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& a : r.from_agencies) out.emplace_back(a, false);
  if (r.from_communes) {
    for (const admin_unit* u : units.descendants(p.document.unit, r.due, unit_tier::commune)) out.emplace_back(u->code, true);
  }
  return out;
}

/// The status of every due report for every submitter as of `as_of`. Records dated after
/// `as_of` are not yet known on that day and are ignored; of several records for the same report
/// and submitter the earliest counts. A record for an unknown report or an unexpected submitter
/// is a validation_error located at the record.
[[nodiscard]] TREEM_FUNC std::vector<submission_status> submission_statuses(const plan& p, const unit_registry& units,
                                                                            const std::vector<submission>& records,
                                                                            const date& as_of);

#if TREEM_DEFINITIONS
TREEM_FUNC std::vector<submission_status> submission_statuses(const plan& p, const unit_registry& units,
                                                              const std::vector<submission>& records,
                                                              const date& as_of) {
  std::map<std::pair<std::string, std::string>, date> first;  // (report, submitter) -> earliest date
  for (const auto& s : records) {
    const report_requirement* r = nullptr;
    for (const auto& x : p.reports) {
      if (x.id == s.report) r = &x;
    }
    if (!r) throw validation_error(s.where, "report", "unknown report " + treem::quoted(s.report) + " (not in plan " + p.id + ")");
    const auto expected = expected_submitters(p, *r, units);
    const bool known = std::any_of(expected.begin(), expected.end(), [&](const auto& e) { return e.first == s.submitter; });
    if (!known) {
      throw validation_error(s.where, "submitter", treem::quoted(s.submitter) + " is not expected to send report " + treem::quoted(s.report));
    }
    if (as_of < s.submitted) continue;
    auto [it, inserted] = first.emplace(std::make_pair(s.report, s.submitter), s.submitted);
    if (!inserted && s.submitted < it->second) it->second = s.submitted;
  }
  std::vector<submission_status> out;
  for (const auto& r : p.reports) {
    for (const auto& [who, is_commune] : expected_submitters(p, r, units)) {
      submission_status st;
      st.report = r.id;
      st.submitter = who;
      st.commune = is_commune;
      st.submitter_name = is_commune ? units.get(who, r.due).full_name() : p.get_agency(who).name;
      st.due = r.due;
      st.last_on_time_day = r.last_on_time_day();
      if (auto it = first.find({r.id, who}); it != first.end()) {
        st.submitted = it->second;
        const long late = (it->second - st.last_on_time_day).days();
        st.state = late > 0 ? submission_state::late : submission_state::on_time;
        st.days_late = late > 0 ? late : 0;
      } else if (st.last_on_time_day < as_of) {
        st.state = submission_state::missing;
        st.days_late = (as_of - st.last_on_time_day).days();
      } else {
        st.state = submission_state::not_yet_due;
      }
      out.push_back(std::move(st));
    }
  }
  return out;
}
#endif

/// The reports past their deadline and not received, most overdue first.
[[nodiscard]] inline std::vector<submission_status> overdue(std::vector<submission_status> statuses) {
  std::erase_if(statuses, [](const submission_status& s) { return s.state != submission_state::missing; });
  std::stable_sort(statuses.begin(), statuses.end(), [](const auto& a, const auto& b) { return a.days_late > b.days_late; });
  return statuses;
}

}  // namespace treem::plan
