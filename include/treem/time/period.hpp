// Reporting periods written as DHIS2-style ISO strings ("2024", "2024S1", "2024Q3", "202406",
// "20240601"). The Vietnamese statistical reporting periods of Decree 60/2018/NĐ-CP (DOMAIN.md §9.1)
// are among them: the 6-month period 01/01-30/06 is "2024S1" and the year 01/01-31/12 is "2024".
#pragma once

#include <compare>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "treem/time/date.hpp"

namespace treem {

enum class period_type { day, month, quarter, six_month, year };

[[nodiscard]] constexpr std::string_view to_string(period_type t) noexcept {
  switch (t) {
    case period_type::day: return "day";
    case period_type::month: return "month";
    case period_type::quarter: return "quarter";
    case period_type::six_month: return "six_month";
    case period_type::year: return "year";
  }
  return "year";
}

/// The days of a period, in order; a C++20 forward range of dates.
class day_range {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = date;
    using difference_type = std::ptrdiff_t;
    using pointer = const date*;
    using reference = date;
    iterator() = default;
    explicit iterator(date d) : d_(d) {}
    date operator*() const { return d_; }
    iterator& operator++() { d_ += date_duration(1); return *this; }
    iterator operator++(int) { auto old = *this; ++*this; return old; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.d_ == b.d_; }
   private:
    date d_{boost::gregorian::not_a_date_time};
  };

  day_range(date first, date last) : first_(first), end_(last + date_duration(1)) {}
  [[nodiscard]] iterator begin() const { return iterator(first_); }
  [[nodiscard]] iterator end() const { return iterator(end_); }
  [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>((end_ - first_).days()); }

 private:
  date first_;
  date end_;
};

class period {
 public:
  /// `index` is the month (1-12), quarter (1-4) or half (1-2); ignored for years. Use
  /// period::of_day for days.
  /// `index` is the month (1-12), quarter (1-4), half (1-2) or day of the year (1-366); a year
  /// has no index (it is ignored).
  period(period_type type, int year, int index = 1)
      : type_(type), year_(year), index_(type == period_type::year ? 1 : index) {
    check(type, year, index_);
  }
  [[nodiscard]] static period of_day(const date& d) {
    return {period_type::day, d.year(), static_cast<int>(d.day_of_year())};
  }
  /// The period of the given type that contains `d`.
  [[nodiscard]] static period containing(period_type type, const date& d) {
    const int m = d.month().as_number();
    switch (type) {
      case period_type::day: return of_day(d);
      case period_type::month: return {type, d.year(), m};
      case period_type::quarter: return {type, d.year(), (m - 1) / 3 + 1};
      case period_type::six_month: return {type, d.year(), m <= 6 ? 1 : 2};
      case period_type::year: return {type, d.year()};
    }
    return {period_type::year, d.year()};
  }
  /// The Vietnamese statistical 6-month period (01/01-30/06) and year (Decree 60/2018).
  [[nodiscard]] static period statistical_six_month(int year) { return {period_type::six_month, year, 1}; }
  [[nodiscard]] static period statistical_year(int year) { return {period_type::year, year}; }

  /// Parses "2024", "2024S1", "2024S2", "2024Q1".."2024Q4", "202406", "20240601".
  [[nodiscard]] static period parse(std::string_view text, const source_location& where = {"<period>", 1, 1}) {
    const std::string quoted = treem::quoted(text);
    const std::string_view s = detail::trim(text);
    const source_location at = where.shifted(detail::leading_blanks(text));
    const std::string expected = ": expected a period such as 2024, 2024S1, 2024Q3, 202406 or 20240601";
    std::size_t pos = 0;
    const int year = detail::read_number(s, pos, 4, 4);
    if (s.size() < 4 || year < 0) {
      // read_number fails on 6- and 8-digit strings because they are longer than 4 digits.
      if (s.size() == 6 || s.size() == 8) {
        bool digits = true;
        for (char c : s) digits = digits && detail::is_digit(c);
        if (digits) return parse_compact(s, at, quoted);
      }
      throw parse_error(at, quoted + expected);
    }
    if (pos == s.size()) {
      detail::check_ymd(year, 1, 1, at, text, 0, 0, 0);
      return {period_type::year, year};
    }
    const char tag = s[pos];
    const std::size_t index_col = pos + 1;
    if (tag != 'S' && tag != 'Q') throw parse_error(at.shifted(pos), quoted + expected);
    ++pos;
    const int index = detail::read_number(s, pos, 1, 1);
    if (index < 0 || pos != s.size()) throw parse_error(at.shifted(index_col), quoted + expected);
    detail::check_ymd(year, 1, 1, at, text, 0, 0, 0);
    if (tag == 'S') {
      if (index < 1 || index > 2) throw parse_error(at.shifted(index_col), quoted + ": a half-year is S1 or S2");
      return {period_type::six_month, year, index};
    }
    if (index < 1 || index > 4) throw parse_error(at.shifted(index_col), quoted + ": a quarter is Q1 to Q4");
    return {period_type::quarter, year, index};
  }

  [[nodiscard]] period_type type() const noexcept { return type_; }
  [[nodiscard]] int year() const noexcept { return year_; }
  [[nodiscard]] int index() const noexcept { return index_; }

  [[nodiscard]] date start() const {
    switch (type_) {
      case period_type::day: return add_days(make_date(year_, 1, 1), index_ - 1);
      case period_type::month: return make_date(year_, index_, 1);
      case period_type::quarter: return make_date(year_, 3 * (index_ - 1) + 1, 1);
      case period_type::six_month: return make_date(year_, 6 * (index_ - 1) + 1, 1);
      case period_type::year: return make_date(year_, 1, 1);
    }
    return make_date(year_, 1, 1);
  }
  [[nodiscard]] date end() const {
    switch (type_) {
      case period_type::day: return start();
      case period_type::month: return make_date(year_, index_, detail::days_in_month(year_, index_));
      case period_type::quarter: return make_date(year_, 3 * index_, detail::days_in_month(year_, 3 * index_));
      case period_type::six_month: return index_ == 1 ? make_date(year_, 6, 30) : make_date(year_, 12, 31);
      case period_type::year: return make_date(year_, 12, 31);
    }
    return make_date(year_, 12, 31);
  }
  [[nodiscard]] bool contains(const date& d) const { return start() <= d && d <= end(); }
  [[nodiscard]] bool contains(const period& other) const { return start() <= other.start() && other.end() <= end(); }
  [[nodiscard]] day_range days() const { return {start(), end()}; }
  [[nodiscard]] std::size_t length_in_days() const { return days().size(); }

  [[nodiscard]] period next() const { return shifted(+1); }
  [[nodiscard]] period previous() const { return shifted(-1); }

  /// The DHIS2 ISO string: "2024", "2024S1", "2024Q3", "202406", "20240601".
  [[nodiscard]] std::string iso() const {
    const std::string y = detail::four_digits(year_);
    switch (type_) {
      case period_type::day: {
        const date d = start();
        return y + detail::two_digits(d.month()) + detail::two_digits(d.day());
      }
      case period_type::month: return y + detail::two_digits(index_);
      case period_type::quarter: return y + "Q" + std::to_string(index_);
      case period_type::six_month: return y + "S" + std::to_string(index_);
      case period_type::year: return y;
    }
    return y;
  }

  /// The label Vietnamese reports use: "Năm 2024", "6 tháng đầu năm 2024", "Quý III năm 2024",
  /// "Tháng 6 năm 2024", "Ngày 01/06/2024".
  [[nodiscard]] std::string vietnamese_label() const {
    static constexpr const char* roman[] = {"I", "II", "III", "IV"};
    const std::string y = std::to_string(year_);
    switch (type_) {
      case period_type::day: return "Ngày " + format_vn(start());
      case period_type::month: return "Tháng " + std::to_string(index_) + " năm " + y;
      case period_type::quarter: return std::string("Quý ") + roman[index_ - 1] + " năm " + y;
      case period_type::six_month: return std::string(index_ == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + y;
      case period_type::year: return "Năm " + y;
    }
    return y;
  }

  /// Periods order by start, then by length (shorter first), so sorting a mixed list is stable.
  friend std::strong_ordering operator<=>(const period& a, const period& b) {
    // Boost dates have no <=>, so compare day numbers.
    if (auto c = a.start().day_number() <=> b.start().day_number(); c != 0) return c;
    return a.end().day_number() <=> b.end().day_number();
  }
  friend bool operator==(const period& a, const period& b) {
    return a.type_ == b.type_ && a.year_ == b.year_ && a.index_ == b.index_;
  }

 private:
  static void check(period_type type, int year, int index) {
    if (year < min_year || year > max_year) throw validation_error({"<arguments>"}, "year", std::to_string(year) + " is outside " + std::to_string(min_year) + "-" + std::to_string(max_year));
    const int max_index = type == period_type::month ? 12 : type == period_type::quarter ? 4 : type == period_type::six_month ? 2 : 1;
    if (type == period_type::year) return;
    const int top = type == period_type::day ? (boost::gregorian::gregorian_calendar::is_leap_year(static_cast<unsigned short>(year)) ? 366 : 365) : max_index;
    if (index < 1 || index > top) {
      throw validation_error({"<arguments>"}, "index", std::string(to_string(type)) + " index " + std::to_string(index) + " is not 1-" + std::to_string(top));
    }
  }

  static period parse_compact(std::string_view s, const source_location& where, const std::string& quoted) {
    std::size_t pos = 0;
    const int year = detail::read_number(s.substr(0, 4), pos, 4, 4);
    pos = 0;
    const int month = detail::read_number(s.substr(4, 2), pos, 2, 2);
    int day = 1;
    if (s.size() == 8) {
      pos = 0;
      day = detail::read_number(s.substr(6, 2), pos, 2, 2);
    }
    detail::check_ymd(year, month, day, where, quoted.substr(1, quoted.size() - 2), 0, 4, 6);
    if (s.size() == 6) return {period_type::month, year, month};
    return of_day(make_date(year, month, day));
  }

  [[nodiscard]] period shifted(int step) const {
    switch (type_) {
      case period_type::day: return of_day(add_days(start(), step));
      case period_type::year: return {type_, year_ + step};
      default: {
        const int per_year = type_ == period_type::month ? 12 : type_ == period_type::quarter ? 4 : 2;
        const int zero_based = (year_ * per_year + index_ - 1) + step;
        return {type_, zero_based / per_year, zero_based % per_year + 1};
      }
    }
  }

  period_type type_;
  int year_;
  int index_;
};

}  // namespace treem
