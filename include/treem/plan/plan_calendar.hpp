// The plan's calendar: its deadlines and events resolved to solar dates (lunar events through
// the Vietnamese lunar calendar), sorted, and filterable by agency and date range.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "treem/plan/plan.hpp"
#include "treem/time/lunar_calendar.hpp"

namespace treem::plan {

enum class entry_kind { deadline, event };

[[nodiscard]] constexpr std::string_view to_string(entry_kind k) noexcept { return k == entry_kind::deadline ? "deadline" : "event"; }

struct calendar_entry {
  date start;
  date end;  ///< inclusive; equal to start for one day
  entry_kind kind = entry_kind::event;
  std::string id;
  std::string name;
  std::string detail;  ///< the theme of an event, or how a deadline reads ("trước ngày 31/05/2024")
  std::vector<std::string> agencies;
  bool lunar = false;  ///< resolved from a lunar date
  std::string source;  ///< the plan's label
  friend bool operator==(const calendar_entry&, const calendar_entry&) = default;
};

struct calendar_filter {
  std::optional<std::string> agency;  ///< only entries that involve this agency
  std::optional<date> from;           ///< only entries that end on or after
  std::optional<date> to;             ///< only entries that start on or before
};

struct plan_calendar {
  std::vector<calendar_entry> entries;   ///< sorted by start, then deadlines first, then id
  std::vector<plan_event> undated;       ///< events the plan names without a date
};

/// Deadlines and events of the plan's year. Communes that must report appear as the agency
/// "ubnd_xa" when the plan names it.
[[nodiscard]] inline plan_calendar make_calendar(const plan& p, const calendar_filter& filter = {}) {
  if (filter.agency) (void)p.get_agency(*filter.agency);
  if (filter.from && filter.to && *filter.to < *filter.from) {
    throw validation_error({"<arguments>"}, "to", format_vn(*filter.to) + " is before the start " + format_vn(*filter.from));
  }
  plan_calendar out;
  auto keep = [&](const calendar_entry& e) {
    if (filter.agency && std::find(e.agencies.begin(), e.agencies.end(), *filter.agency) == e.agencies.end()) return false;
    if (filter.from && e.end < *filter.from) return false;
    if (filter.to && *filter.to < e.start) return false;
    return true;
  };
  for (const auto& r : p.reports) {
    // The entry stands on the last day a report is on time: for "trước ngày 31/05" that is 30/05.
    calendar_entry e{r.last_on_time_day(), r.last_on_time_day(), entry_kind::deadline, r.id, r.name,
                     std::string(r.bound == deadline_bound::before ? "trước ngày " : "chậm nhất ngày ") + format_vn(r.due),
                     {}, false, r.source};
    e.agencies = r.from_agencies;
    if (r.from_communes && p.find_agency("ubnd_xa")) e.agencies.push_back("ubnd_xa");
    e.agencies.insert(e.agencies.end(), r.to.begin(), r.to.end());
    if (keep(e)) out.entries.push_back(std::move(e));
  }
  for (const auto& ev : p.events) {
    if (!ev.is_dated()) {
      if (!filter.agency || std::find(ev.agencies.begin(), ev.agencies.end(), *filter.agency) != ev.agencies.end()) {
        out.undated.push_back(ev);
      }
      continue;
    }
    calendar_entry e;
    e.kind = entry_kind::event;
    e.id = ev.id;
    e.name = ev.name;
    e.detail = ev.theme;
    e.agencies = ev.agencies;
    e.source = ev.source;
    if (ev.is_lunar()) {
      e.start = e.end = lunar::from_lunar({*ev.lunar_day, *ev.lunar_month, p.document.year, false});
      e.lunar = true;
    } else {
      e.start = *ev.start;
      e.end = ev.end.value_or(*ev.start);
    }
    if (keep(e)) out.entries.push_back(std::move(e));
  }
  std::sort(out.entries.begin(), out.entries.end(), [](const calendar_entry& a, const calendar_entry& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.kind != b.kind) return a.kind == entry_kind::deadline;
    return a.id < b.id;
  });
  return out;
}

}  // namespace treem::plan
