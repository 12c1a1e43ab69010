// Age groups for disaggregation, and ages on a reference date. A child is a person under 16 (Law on
// Children, Art. 1), so the groups must cover 0-15 exactly once: then the groups of a table add up
// to its total, which both the roll-up checks and small-cell suppression rely on.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/time/date.hpp"

namespace treem::indicators {

/// Completed years at which a person stops being a child (Law on Children 2016, Art. 1).
inline constexpr int child_age_limit = 16;

/// A partition of ages 0-15 into groups, e.g. 0-4, 5-9, 10-15.
class age_groups {
 public:
  /// treem's default: five-year groups, the last one widened to 15. Circular 13/2021's own groups
  /// are not confirmed (DOMAIN.md §2.5), so this is a choice, documented in the README.
  [[nodiscard]] static age_groups standard() { return age_groups({{0, 4}, {5, 9}, {10, 15}}); }

  /// Throws validation_error unless the ranges are ascending, inclusive, and cover 0-15 without gaps or overlaps.
  explicit age_groups(std::vector<std::pair<int, int>> ranges, source_location where = {"<age groups>"}) : ranges_(std::move(ranges)) {
    int next = 0;
    for (const auto& [lo, hi] : ranges_) {
      if (lo != next || hi < lo || hi >= child_age_limit) {
        throw validation_error(where, "age_groups",
                               "groups must run from 0 to 15 in ascending order without gaps or overlaps (group " + label(lo, hi) +
                                   " should start at " + std::to_string(next) + ")");
      }
      next = hi + 1;
    }
    if (next != child_age_limit) throw validation_error(where, "age_groups", "groups must end at 15 (the last ends at " + std::to_string(next - 1) + ")");
    for (std::size_t g = 0; g < ranges_.size(); ++g) {
      for (int a = ranges_[g].first; a <= ranges_[g].second; ++a) group_of_age_[static_cast<std::size_t>(a)] = static_cast<std::uint8_t>(g);
    }
  }

  /// Parses "0-4,5-9,10-15" (single ages as "5").
  [[nodiscard]] static age_groups parse(std::string_view text, const source_location& where = {"<age groups>"}) {
    std::vector<std::pair<int, int>> ranges;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t comma = text.find(',', start);
      const std::string_view part = detail::trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      const std::size_t dash = part.find('-');
      std::size_t pos = 0;
      const std::string_view first = dash == std::string_view::npos ? part : part.substr(0, dash);
      const int lo = detail::read_number(first, pos, 1, 2);
      int hi = lo;
      bool ok = lo >= 0 && pos == first.size();
      if (ok && dash != std::string_view::npos) {
        const std::string_view second = part.substr(dash + 1);
        pos = 0;
        hi = detail::read_number(second, pos, 1, 2);
        ok = hi >= 0 && pos == second.size();
      }
      if (!ok) throw validation_error(where, "age_groups", quoted(part) + " is not an age range such as 0-4 or 5");
      ranges.emplace_back(lo, hi);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return age_groups(std::move(ranges), where);
  }

  [[nodiscard]] std::size_t size() const noexcept { return ranges_.size(); }
  [[nodiscard]] const std::vector<std::pair<int, int>>& ranges() const noexcept { return ranges_; }
  /// Group of a completed age 0-15.
  [[nodiscard]] std::uint8_t group_of(int age) const noexcept { return group_of_age_[static_cast<std::size_t>(age)]; }
  [[nodiscard]] std::vector<std::string> labels() const {
    std::vector<std::string> out;
    for (const auto& [lo, hi] : ranges_) out.push_back(label(lo, hi));
    return out;
  }
  [[nodiscard]] std::string to_string() const {
    std::string out;
    for (const auto& l : labels()) out += (out.empty() ? "" : ",") + l;
    return out;
  }

 private:
  static std::string label(int lo, int hi) { return lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi); }

  std::vector<std::pair<int, int>> ranges_;
  std::uint8_t group_of_age_[child_age_limit]{};
};

/// Completed years on a reference date for every birth day in the 16 years before it, as a table
/// indexed by (reference - birth) in days: one lookup per child instead of date arithmetic. Years
/// are counted with Boost.Date_Time, so a child born on 29 February turns a year older on 1 March
/// in common years.
class age_table {
 public:
  explicit age_table(const date& reference) : reference_days_(static_cast<std::int32_t>(to_epoch_days(reference))) {
    // threshold[k] = last birth day (as an offset before the reference) of someone aged < k+1.
    std::int32_t previous = 0;
    for (int k = 1; k <= child_age_limit; ++k) {
      // The same day k years earlier, or the month's last day when it has none (29/02 -> 28/02).
      // Not `reference - years(k)`: Boost snaps month ends, so 28/02/2025 - 5 years gives 29/02/2020
      // and a child born that day would turn 5 a day early.
      const int y = reference.year() - k, m = reference.month().as_number();
      const date born_k_years_before = make_date(y, m, std::min(static_cast<int>(reference.day().as_number()), treem::detail::days_in_month(y, m)));
      const auto offset = static_cast<std::int32_t>(reference_days_ - to_epoch_days(born_k_years_before));
      // Born `offset` days before the reference: exactly k years old on it.
      for (std::int32_t d = previous; d < offset; ++d) ages_.push_back(static_cast<std::uint8_t>(k - 1));
      previous = offset;
    }
  }

  [[nodiscard]] std::int32_t reference_days() const noexcept { return reference_days_; }
  /// Age in completed years of someone born on `birth` (days since 1970-01-01), or -1 if born
  /// after the reference date, or 16 if aged 16 or more.
  [[nodiscard]] int age(std::int32_t birth) const noexcept {
    const std::int64_t offset = static_cast<std::int64_t>(reference_days_) - birth;
    if (offset < 0) return -1;
    if (offset >= static_cast<std::int64_t>(ages_.size())) return child_age_limit;
    return ages_[static_cast<std::size_t>(offset)];
  }
  /// Number of day offsets covered: every birth with 0 <= reference - birth < span() is a child.
  [[nodiscard]] std::size_t span() const noexcept { return ages_.size(); }
  [[nodiscard]] const std::uint8_t* data() const noexcept { return ages_.data(); }

 private:
  std::int32_t reference_days_;
  std::vector<std::uint8_t> ages_;
};

}  // namespace treem::indicators
