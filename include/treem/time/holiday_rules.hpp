// The data behind a holiday calendar: statutory holiday rules, the weekly rest days and what the
// Government fixed for particular years. Loaded from TOML (holidays_toml.hpp); resolved into days
// by holiday_calendar.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "treem/core/evidence.hpp"
#include "treem/time/date.hpp"

namespace treem {

enum class holiday_basis { solar, lunar };

/// One statutory holiday: an anchor day in the solar or lunar calendar and a run of `length`
/// days starting `start_offset` days from it (Tết: 5 days from the day before 1/1 lunar).
struct holiday_rule {
  std::string id;
  std::string name_vi;
  std::string name_en;
  holiday_basis basis = holiday_basis::solar;
  int month = 1;
  int day = 1;
  int length = 1;
  int start_offset = 0;
  std::optional<date> valid_from;
  std::optional<date> valid_to;
  bool enabled = true;
  treem::evidence evidence = treem::evidence::confirmed;
  /// How sure the default days are when no yearly decision exists (Tết, the second 2/9 day).
  treem::evidence default_evidence = treem::evidence::confirmed;
  /// How sure its day in lieu is (Labour Code Art. 111(3) names the holidays of Art. 112(1); a
  /// holiday made by another instrument may or may not have one).
  treem::evidence in_lieu_evidence = treem::evidence::confirmed;
  std::string source;

  [[nodiscard]] bool applies_in(int year) const {
    if (!enabled) return false;
    if (valid_to && valid_to->year() < year) return false;
    if (valid_from && valid_from->year() > year) return false;
    return true;
  }
};

/// The days off that a decision for one year fixes for one holiday, replacing the rule.
struct holiday_decision {
  std::string holiday_id;
  std::vector<date> days_off;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;
};

/// A working day moved: `day_off` becomes a day off and the rest day `work_day` a working day.
struct working_day_swap {
  date day_off;
  date work_day;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;
};

struct year_decisions {
  int year = 0;
  std::vector<holiday_decision> holidays;
  std::vector<working_day_swap> swaps;
};

/// Everything a holiday calendar is made of.
struct holiday_rules {
  std::string id;
  std::string version;
  std::string title;
  int first_year = 1900;
  int last_year = 2199;
  /// weekly_rest[0] is Sunday, as boost::date_time::weekdays numbers them.
  std::array<bool, 7> weekly_rest{true, false, false, false, false, false, true};
  std::string weekly_rest_source;
  /// Days in lieu (nghỉ bù) when a holiday falls on a weekly rest day.
  bool in_lieu = true;
  std::string in_lieu_source;
  std::vector<holiday_rule> holidays;
  std::vector<year_decisions> years;
};

}  // namespace treem
