// The dated parts of a plan: reports that are due, events, targets, local rules and contacts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "treem/time/date.hpp"

namespace treem::plan {

/// How a deadline reads: "trước ngày X" (before X) or "chậm nhất ngày X" (on or before X).
enum class deadline_bound { before, on_or_before };

[[nodiscard]] constexpr std::string_view to_string(deadline_bound b) noexcept {
  return b == deadline_bound::before ? "before" : "on_or_before";
}

/// A report some bodies must send to others by a date.
struct report_requirement {
  std::string id;
  std::string name;
  date due;
  deadline_bound bound = deadline_bound::before;
  std::vector<std::string> from_agencies;
  bool from_communes = false;  ///< also each commune-level unit of the plan's unit on the due date
  std::vector<std::string> to;
  std::string source;          ///< the plan's label, e.g. "V.1"

  /// The last day on which a submission is on time.
  [[nodiscard]] date last_on_time_day() const {
    return bound == deadline_bound::before ? due - date_duration(1) : due;
  }
  friend bool operator==(const report_requirement&, const report_requirement&) = default;
};

/// An event the plan names: on solar dates, on a lunar day, or with no date given.
struct plan_event {
  std::string id;
  std::string name;
  std::optional<date> start;
  std::optional<date> end;  ///< for a span; empty for a single day
  std::optional<int> lunar_month;
  std::optional<int> lunar_day;
  std::string theme;
  std::vector<std::string> agencies;
  std::string date_source;  ///< where the date comes from when the plan itself does not give it
  std::string source;

  [[nodiscard]] bool is_lunar() const noexcept { return lunar_month.has_value(); }
  [[nodiscard]] bool is_dated() const noexcept { return start.has_value() || lunar_month.has_value(); }
  friend bool operator==(const plan_event&, const plan_event&) = default;
};

struct plan_target {
  std::string id;
  std::string text;
  int minimum = 0;
  std::string unit;
  std::string agency;
  std::string source;
  friend bool operator==(const plan_target&, const plan_target&) = default;
};

/// A rule the plan sets for its own area, e.g. Sơn Hà's drowning / violence / abuse rule (IV.1.d).
struct local_rule {
  std::string id;
  std::string text;
  std::string source;
  friend bool operator==(const local_rule&, const local_rule&) = default;
};

struct contact {
  std::string id;
  std::string name;
  std::string number;
  std::string source;
  friend bool operator==(const contact&, const contact&) = default;
};

}  // namespace treem::plan
