// Public holidays resolved per year, and working-day arithmetic on them. Deadlines such as Decree
// 56/2017's "05 working days" to draft a support plan are counted with this calendar.
#pragma once

#include <algorithm>
#include <cstdint>
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

  /// The largest |n| add_working_days accepts: about 400 years of working days.
  static constexpr std::int64_t max_working_days = 100'000;

  /// The date `n` working days after `start` (before it for negative `n`); `start` itself is not
  /// counted. With n = 0 the result is `start` if it is a working day, else the next working day.
  /// For a deadline "within 5 working days of receipt on D": add_working_days(D, 5).
  [[nodiscard]] date add_working_days(const date& start, std::int64_t n) const {
    if (n > max_working_days || n < -max_working_days) {
      throw validation_error({"<arguments>"}, "n", std::to_string(n) + " working days is more than the calendar can count (at most " +
                                                       std::to_string(max_working_days) + ")");
    }
    date d = start;
    if (n == 0) {
      while (!is_working_day(d)) d = add_days(d, 1);
      return d;
    }
    const int step = n > 0 ? 1 : -1;
    for (std::int64_t left = n > 0 ? n : -n; left > 0;) {
      d = add_days(d, step);
      if (is_working_day(d)) --left;
    }
    return d;
  }

  /// Working days d with from < d <= to (negative, counted the same way, when to < from).
  /// So working_days_between(D, add_working_days(D, n)) == n.
  [[nodiscard]] std::int64_t working_days_between(const date& from, const date& to) const {
    if (to < from) return -working_days_between(to, from);
    std::int64_t count = 0;
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

  [[nodiscard]] static date anchor(const holiday_rule& h, int year) {
    if (h.basis == holiday_basis::solar) return make_date(year, h.month, h.day);
    return lunar::from_lunar({h.day, h.month, year, false});
  }

  [[nodiscard]] const year_decisions* decisions_for(int year) const {
    for (const auto& y : rules_->years) {
      if (y.year == year) return &y;
    }
    return nullptr;
  }

  // The days off that the rules and decisions of `year` produce (they may fall in the next or
  // previous year, e.g. a lunar holiday late in the lunar year), without days in lieu.
  void add_days_of(int year, std::vector<day_off>& days, std::vector<date>& work_days) const {
    const year_decisions* decisions = decisions_for(year);
    for (const auto& h : rules_->holidays) {
      if (!h.applies_in(year)) continue;
      const holiday_decision* decided = nullptr;
      if (decisions) {
        for (const auto& hd : decisions->holidays) {
          if (hd.holiday_id == h.id) decided = &hd;
        }
      }
      if (decided) {
        for (const auto& d : decided->days_off) days.push_back({d, h.id, day_off_kind::decided, decided->evidence, decided->source});
        continue;
      }
      const date first = add_days(anchor(h, year), h.start_offset);
      const treem::evidence how_sure = h.default_evidence != treem::evidence::confirmed ? h.default_evidence : h.evidence;
      for (int i = 0; i < h.length; ++i) {
        const date d = add_days(first, i);
        if ((!h.valid_from || *h.valid_from <= d) && (!h.valid_to || d <= *h.valid_to)) {
          days.push_back({d, h.id, day_off_kind::holiday, how_sure, h.source});
        }
      }
    }
    if (decisions) {
      for (const auto& sw : decisions->swaps) {
        days.push_back({sw.day_off, {}, day_off_kind::swapped, sw.evidence, sw.source});
        work_days.push_back(sw.work_day);
      }
    }
  }

  [[nodiscard]] resolved_year resolve(int year) const {
    // Neighbouring years are resolved too, so that a day which one year's rules put into the next
    // (and days in lieu that spill over New Year) are seen from both sides.
    std::vector<day_off> days;
    std::vector<date> work_days;
    for (int y = year - 1; y <= year + 1; ++y) {
      if (y >= rules_->first_year && y <= rules_->last_year) add_days_of(y, days, work_days);
    }
    sort_days(days);
    if (rules_->in_lieu) add_days_in_lieu(days);
    resolved_year out;
    for (auto& d : days) {
      if (d.day.year() == year) out.days.push_back(std::move(d));
    }
    for (const auto& w : work_days) {
      if (w.year() == year) out.work_days.push_back(w);
    }
    std::sort(out.work_days.begin(), out.work_days.end());
    return out;
  }

  static void sort_days(std::vector<day_off>& days) {
    std::stable_sort(days.begin(), days.end(), [](const day_off& a, const day_off& b) { return a.day < b.day; });
  }

  // The less sure of two statuses (confirmed < inferred < unconfirmed in trust).
  static bool worse(treem::evidence a, treem::evidence b) { return rank(a) > rank(b); }
  static int rank(treem::evidence e) { return e == treem::evidence::confirmed ? 0 : e == treem::evidence::inferred ? 1 : 2; }

  [[nodiscard]] treem::evidence in_lieu_evidence_of(const std::string& holiday_id) const {
    for (const auto& h : rules_->holidays) {
      if (h.id == holiday_id) return h.in_lieu_evidence;
    }
    return treem::evidence::confirmed;
  }

  // Labour Code Art. 111(3): a holiday on a weekly rest day gives a day off on the next working day.
  void add_days_in_lieu(std::vector<day_off>& days) const {
    auto taken = [&](const date& d, const std::vector<day_off>& extra) {
      auto same = [&](const day_off& x) { return x.day == d; };
      return std::any_of(days.begin(), days.end(), same) || std::any_of(extra.begin(), extra.end(), same);
    };
    std::vector<day_off> extra;
    for (const auto& h : days) {
      if (h.kind != day_off_kind::holiday || !is_weekly_rest(h.day)) continue;
      // The loader guarantees a working weekday, so a free day is found within a few weeks.
      date d = add_days(h.day, 1);
      for (int guard = 0; (is_weekly_rest(d) || taken(d, extra)) && guard < 366; ++guard) d = add_days(d, 1);
      extra.push_back({d, h.holiday_id, day_off_kind::in_lieu, std::min(h.evidence, in_lieu_evidence_of(h.holiday_id), worse), rules_->in_lieu_source});
    }
    days.insert(days.end(), extra.begin(), extra.end());
    sort_days(days);
  }

  std::shared_ptr<holiday_rules> rules_;
  std::shared_ptr<cache> cache_ = std::make_shared<cache>();
};

}  // namespace treem
