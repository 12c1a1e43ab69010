// Public holidays resolved per year, and working-day arithmetic on them. Deadlines such as Decree
// 56/2017's "05 working days" to draft a support plan are counted with this calendar.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/time/holiday_rules.hpp"
#include "treem/time/lunar_calendar.hpp"

namespace treem {

enum class day_off_kind {
  holiday,   ///< a statutory holiday by the rule
  in_lieu,   ///< a day in lieu for a holiday that fell on a weekly rest day (nghỉ bù)
  decided,   ///< fixed by the Government's decision for the year
  swapped,   ///< a working day turned into a day off, made up on a rest day (hoán đổi)
};

[[nodiscard]] constexpr std::string_view to_string(day_off_kind k) noexcept {
  switch (k) {
    case day_off_kind::holiday: return "holiday";
    case day_off_kind::in_lieu: return "in_lieu";
    case day_off_kind::decided: return "decided";
    case day_off_kind::swapped: return "swapped";
  }
  return "holiday";
}

/// One day off (other than an ordinary weekly rest day) and why.
struct day_off {
  date day;
  std::string holiday_id;  ///< the holiday it belongs to; empty for a swapped day
  day_off_kind kind = day_off_kind::holiday;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;
};

class holiday_calendar {
 public:
  explicit holiday_calendar(holiday_rules rules) : rules_(std::make_shared<holiday_rules>(std::move(rules))) {
    std::sort(rules_->years.begin(), rules_->years.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
  }

  [[nodiscard]] const holiday_rules& rules() const noexcept { return *rules_; }

  /// A copy with one holiday rule switched on or off (e.g. a newly confirmed holiday).
  [[nodiscard]] holiday_calendar with_enabled(const std::string& holiday_id, bool enabled) const {
    holiday_rules copy = *rules_;
    auto it = std::find_if(copy.holidays.begin(), copy.holidays.end(), [&](const auto& h) { return h.id == holiday_id; });
    if (it == copy.holidays.end()) throw not_found_error("holiday", holiday_id, "in " + copy.id);
    it->enabled = enabled;
    return holiday_calendar(std::move(copy));
  }

  /// Every day off of a solar year other than weekly rest days, sorted by date.
  [[nodiscard]] const std::vector<day_off>& days_off(int year) const { return resolved(year).days; }

  [[nodiscard]] bool is_weekly_rest(const date& d) const { return rules_->weekly_rest[d.day_of_week().as_number()]; }

  /// The day off on `d`, if `d` is a holiday, a day in lieu or a swapped day.
  [[nodiscard]] const day_off* day_off_on(const date& d) const {
    const auto& days = days_off(d.year());
    auto it = std::lower_bound(days.begin(), days.end(), d, [](const day_off& x, const date& v) { return x.day < v; });
    return (it != days.end() && it->day == d) ? &*it : nullptr;
  }

  [[nodiscard]] bool is_working_day(const date& d) const {
    const auto& r = resolved(d.year());
    if (std::binary_search(r.work_days.begin(), r.work_days.end(), d)) return true;
    if (is_weekly_rest(d)) return false;
    return day_off_on(d) == nullptr;
  }

  /// The date `n` working days after `start` (before it for negative `n`); `start` itself is not
  /// counted. With n = 0 the result is `start` if it is a working day, else the next working day.
  /// For a deadline "within 5 working days of receipt on D": add_working_days(D, 5).
  [[nodiscard]] date add_working_days(const date& start, long n) const {
    date d = start;
    if (n == 0) {
      while (!is_working_day(d)) d += date_duration(1);
      return d;
    }
    const int step = n > 0 ? 1 : -1;
    for (long left = n > 0 ? n : -n; left > 0;) {
      d += date_duration(step);
      if (is_working_day(d)) --left;
    }
    return d;
  }

  /// Working days d with from < d <= to (negative, counted the same way, when to < from).
  /// So working_days_between(D, add_working_days(D, n)) == n.
  [[nodiscard]] long working_days_between(const date& from, const date& to) const {
    if (to < from) return -working_days_between(to, from);
    long count = 0;
    for (date d = from + date_duration(1); d <= to; d += date_duration(1)) count += is_working_day(d) ? 1 : 0;
    return count;
  }

 private:
  struct resolved_year {
    std::vector<day_off> days;   // sorted by date
    std::vector<date> work_days; // rest days made working, sorted
  };

  struct cache {
    std::mutex mutex;
    std::map<int, std::shared_ptr<const resolved_year>> years;
  };

  const resolved_year& resolved(int year) const {
    if (year < rules_->first_year || year > rules_->last_year) {
      throw validation_error({rules_->id}, "year",
                             std::to_string(year) + " is outside the years the holiday data covers (" +
                                 std::to_string(rules_->first_year) + "-" + std::to_string(rules_->last_year) + ")");
    }
    // Resolved years are shared, immutable and never evicted, so a reference stays valid.
    std::lock_guard lock(cache_->mutex);
    auto& slot = cache_->years[year];
    if (!slot) slot = std::make_shared<const resolved_year>(resolve(year));
    return *slot;
  }

  [[nodiscard]] date anchor(const holiday_rule& h, int year) const {
    if (h.basis == holiday_basis::solar) return make_date(year, h.month, h.day);
    return lunar::from_lunar({h.day, h.month, year, false});
  }

  [[nodiscard]] resolved_year resolve(int year) const {
    resolved_year out;
    const year_decisions* decisions = nullptr;
    for (const auto& y : rules_->years) {
      if (y.year == year) decisions = &y;
    }
    std::vector<const holiday_rule*> by_rule;  // holidays computed from their rule this year
    for (const auto& h : rules_->holidays) {
      if (!h.applies_in(year)) continue;
      const holiday_decision* decided = nullptr;
      if (decisions) {
        for (const auto& hd : decisions->holidays) {
          if (hd.holiday_id == h.id) decided = &hd;
        }
      }
      if (decided) {
        for (const auto& d : decided->days_off) out.days.push_back({d, h.id, day_off_kind::decided, decided->evidence, decided->source});
        continue;
      }
      const date first = anchor(h, year) + date_duration(h.start_offset);
      const bool is_default = h.default_evidence != treem::evidence::confirmed;
      for (int i = 0; i < h.length; ++i) {
        const date d = first + date_duration(i);
        if (!h.valid_from || *h.valid_from <= d) {
          if (!h.valid_to || d <= *h.valid_to) {
            out.days.push_back({d, h.id, day_off_kind::holiday, is_default ? h.default_evidence : h.evidence, h.source});
          }
        }
      }
      by_rule.push_back(&h);
    }
    if (decisions) {
      for (const auto& s : decisions->swaps) {
        out.days.push_back({s.day_off, {}, day_off_kind::swapped, s.evidence, s.source});
        out.work_days.push_back(s.work_day);
      }
    }
    std::sort(out.work_days.begin(), out.work_days.end());
    sort_days(out.days);
    if (rules_->in_lieu) add_days_in_lieu(out);
    return out;
  }

  static void sort_days(std::vector<day_off>& days) {
    std::stable_sort(days.begin(), days.end(), [](const day_off& a, const day_off& b) { return a.day < b.day; });
  }

  // Labour Code Art. 111(3): a holiday on a weekly rest day gives a day off on the next working day.
  void add_days_in_lieu(resolved_year& r) const {
    auto taken = [&](const date& d) {
      return std::any_of(r.days.begin(), r.days.end(), [&](const day_off& x) { return x.day == d; });
    };
    std::vector<day_off> extra;
    for (const auto& h : r.days) {
      if (h.kind != day_off_kind::holiday || !is_weekly_rest(h.day)) continue;
      date d = h.day + date_duration(1);
      while (is_weekly_rest(d) || taken(d) ||
             std::any_of(extra.begin(), extra.end(), [&](const day_off& x) { return x.day == d; })) {
        d += date_duration(1);
      }
      extra.push_back({d, h.holiday_id, day_off_kind::in_lieu, h.evidence, rules_->in_lieu_source});
    }
    r.days.insert(r.days.end(), extra.begin(), extra.end());
    sort_days(r.days);
  }

  std::shared_ptr<holiday_rules> rules_;
  std::shared_ptr<cache> cache_ = std::make_shared<cache>();
};

}  // namespace treem
