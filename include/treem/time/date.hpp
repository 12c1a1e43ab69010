// Calendar dates. treem uses boost::gregorian::date as its date type and adds the two written forms
// found in Vietnamese documents and data: dd/mm/yyyy (the Vietnamese form) and ISO yyyy-mm-dd.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <cstdio>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "treem/core/error.hpp"

namespace treem {

using date = boost::gregorian::date;
using date_duration = boost::gregorian::date_duration;

/// Years treem accepts. Boost.Date_Time covers 1400-9999; the lunar calendar is checked for
/// 1800-2199 only, so dates are held to the wider range and lunar conversions to the narrower one.
inline constexpr int min_year = 1400;
inline constexpr int max_year = 9999;

namespace detail {

[[nodiscard]] inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

[[nodiscard]] constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

[[nodiscard]] inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

/// How many blanks trim() removes from the front: error columns are shifted by it.
[[nodiscard]] inline std::size_t leading_blanks(std::string_view s) noexcept {
  std::size_t n = 0;
  while (n < s.size() && is_blank(s[n])) ++n;
  return n;
}

/// Reads a run of digits of length min_len..max_len from `s` at `pos`; advances `pos`.
/// Returns -1 when the digits are missing or of the wrong length.
[[nodiscard]] inline int read_number(std::string_view s, std::size_t& pos, std::size_t min_len, std::size_t max_len) noexcept {
  std::size_t end = pos;
  while (end < s.size() && is_digit(s[end])) ++end;
  const std::size_t len = end - pos;
  if (len < min_len || len > max_len) return -1;
  int value = 0;
  std::from_chars(s.data() + pos, s.data() + end, value);
  pos = end;
  return value;
}

[[nodiscard]] inline std::string two_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

[[nodiscard]] inline std::string four_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d", v);
  return buf;
}

/// Days in a month of the proleptic Gregorian calendar.
[[nodiscard]] inline int days_in_month(int year, int month) {
  return boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(year), static_cast<unsigned short>(month));
}

inline constexpr const char* month_names_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};

/// Checks year, month and day; throws a parse_error that points at the offending field.
inline void check_ymd(int year, int month, int day, const source_location& where, std::string_view text,
                      std::size_t year_col, std::size_t month_col, std::size_t day_col) {
  const std::string quoted = treem::quoted(text);
  if (year < min_year || year > max_year) {
    throw parse_error(where.shifted(year_col), quoted + ": year " + std::to_string(year) + " is outside " +
                                                   std::to_string(min_year) + "-" + std::to_string(max_year));
  }
  if (month < 1 || month > 12) {
    throw parse_error(where.shifted(month_col), quoted + ": month " + std::to_string(month) + " is not 1-12");
  }
  if (day < 1 || day > days_in_month(year, month)) {
    throw parse_error(where.shifted(day_col), quoted + ": day " + std::to_string(day) + " does not exist in " +
                                                  month_names_en[month - 1] + " " + std::to_string(year) + " (it has " +
                                                  std::to_string(days_in_month(year, month)) + " days)");
  }
}

}  // namespace detail

/// A date from year, month, day; throws validation_error (not Boost's exceptions) if it does not exist.
[[nodiscard]] inline date make_date(int year, int month, int day) {
  if (year < min_year || year > max_year || month < 1 || month > 12 || day < 1 ||
      day > detail::days_in_month(year, month)) {
    throw validation_error({"<arguments>"}, "date",
                           std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day) +
                               " is not a calendar date");
  }
  return date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

/// Parses "dd/mm/yyyy" (also "d/m/yyyy", as typed by hand) or ISO "yyyy-mm-dd".
/// Surrounding blanks are ignored; anything else is an error that names the column.
/// `where` locates the text in its file; columns in errors are counted inside the text from there.
[[nodiscard]] inline date parse_date(std::string_view text, const source_location& where = {"<date>", 1, 1}) {
  const std::string_view original = text;
  const std::size_t lead = detail::leading_blanks(text);
  text = detail::trim(text);
  const std::string quoted = treem::quoted(original);
  if (text.empty()) throw parse_error(where, "empty date: expected dd/mm/yyyy or yyyy-mm-dd");
  std::size_t pos = 0;
  const int first = detail::read_number(text, pos, 1, 4);
  const std::size_t first_len = pos;
  if (first < 0) throw parse_error(where.shifted(lead), quoted + ": expected a date as dd/mm/yyyy or yyyy-mm-dd");
  if (first_len == 4) {  // ISO yyyy-mm-dd
    if (pos >= text.size() || text[pos] != '-') {
      throw parse_error(where.shifted(lead + pos), quoted + ": expected '-' after the year (yyyy-mm-dd)");
    }
    const std::size_t month_col = ++pos;
    const int month = detail::read_number(text, pos, 2, 2);
    if (month < 0 || pos >= text.size() || text[pos] != '-') {
      throw parse_error(where.shifted(lead + month_col), quoted + ": expected a two-digit month then '-' (yyyy-mm-dd)");
    }
    const std::size_t day_col = ++pos;
    const int day = detail::read_number(text, pos, 2, 2);
    if (day < 0 || pos != text.size()) {
      throw parse_error(where.shifted(lead + (day < 0 ? day_col : pos)), quoted + ": expected a two-digit day at the end (yyyy-mm-dd)");
    }
    detail::check_ymd(first, month, day, where, original, lead, lead + month_col, lead + day_col);
    return make_date(first, month, day);
  }
  if (first_len > 2 || pos >= text.size() || text[pos] != '/') {
    throw parse_error(where.shifted(lead + pos), quoted + ": expected '/' after the day (dd/mm/yyyy)");
  }
  const std::size_t month_col = ++pos;
  const int month = detail::read_number(text, pos, 1, 2);
  if (month < 0 || pos >= text.size() || text[pos] != '/') {
    throw parse_error(where.shifted(lead + month_col), quoted + ": expected the month then '/' (dd/mm/yyyy)");
  }
  const std::size_t year_col = ++pos;
  const int year = detail::read_number(text, pos, 4, 4);
  if (year < 0 || pos != text.size()) {
    throw parse_error(where.shifted(lead + (year < 0 ? year_col : pos)), quoted + ": expected a four-digit year at the end (dd/mm/yyyy)");
  }
  detail::check_ymd(year, month, first, where, original, lead + year_col, lead + month_col, lead);
  return make_date(year, month, first);
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
[[nodiscard]] constexpr long long days_from_civil(int y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153LL * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct civil_day {
  int year, month, day;
};

/// The proleptic Gregorian date of a day number since 1970-01-01 (Hinnant's civil_from_days): no
/// range check and no allocation, for writing millions of dates as text.
[[nodiscard]] constexpr civil_day civil_from_days(long long z) noexcept {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

/// What parse_date accepts, as days since 1970-01-01, or nothing; no allocation and no exception,
/// for the millions of dates of a register. A test holds it to parse_date's verdicts.
[[nodiscard]] inline std::optional<std::int32_t> parse_epoch_days(std::string_view text) noexcept {
  text = detail::trim(text);
  auto digits = [&](std::size_t& pos, std::size_t min_len, std::size_t max_len) -> int {
    std::size_t end = pos;
    int v = 0;
    while (end < text.size() && detail::is_digit(text[end]) && end - pos < max_len + 1) v = v * 10 + (text[end++] - '0');
    if (end - pos < min_len || end - pos > max_len) return -1;
    pos = end;
    return v;
  };
  std::size_t pos = 0;
  int y = 0, m = 0, d = 0;
  const int first = digits(pos, 1, 4);
  if (first < 0) return std::nullopt;
  if (pos == 4) {
    if (pos >= text.size() || text[pos++] != '-') return std::nullopt;
    m = digits(pos, 2, 2);
    if (m < 0 || pos >= text.size() || text[pos++] != '-') return std::nullopt;
    d = digits(pos, 2, 2);
    y = first;
  } else {
    if (pos > 2 || pos >= text.size() || text[pos++] != '/') return std::nullopt;
    m = digits(pos, 1, 2);
    if (m < 0 || pos >= text.size() || text[pos++] != '/') return std::nullopt;
    y = digits(pos, 4, 4);
    d = first;
  }
  if (d < 0 || y < 0 || pos != text.size()) return std::nullopt;
  if (y < min_year || y > max_year || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > month_days[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  return static_cast<std::int32_t>(days_from_civil(y, m, d));
}

/// parse_date for a named field of a record: a bad date is a validation_error that names the field
/// (and the rule broken), located where the text is.
[[nodiscard]] inline date parse_date_field(std::string_view text, const source_location& where, const std::string& field) {
  try {
    return parse_date(text, where);
  } catch (const parse_error& e) {
    throw validation_error(e.where(), field, e.message());
  }
}

/// "17/09/2024": the form used in Vietnamese documents.
[[nodiscard]] inline std::string format_vn(const date& d) {
  return detail::two_digits(d.day()) + "/" + detail::two_digits(d.month()) + "/" + detail::four_digits(d.year());
}

/// "2024-09-17".
[[nodiscard]] inline std::string format_iso(const date& d) {
  return detail::four_digits(d.year()) + "-" + detail::two_digits(d.month()) + "-" + detail::two_digits(d.day());
}

/// Days since 1970-01-01 (the numpy datetime64[D] and Unix convention) and back.
[[nodiscard]] inline long long to_epoch_days(const date& d) {
  static const date epoch(1970, 1, 1);
  return (d - epoch).days();
}

[[nodiscard]] inline date from_epoch_days(long long days) {
  static const date epoch(1970, 1, 1);
  static const long long lo = to_epoch_days(date(min_year, 1, 1));
  static const long long hi = to_epoch_days(date(max_year, 12, 31));
  if (days < lo || days > hi) {
    throw validation_error({"<arguments>"}, "date", "day number " + std::to_string(days) + " is outside the years " +
                                                        std::to_string(min_year) + "-" + std::to_string(max_year));
  }
  return epoch + date_duration(days);
}

/// `d` moved by `n` days. Unlike Boost's operator+, leaving the supported years is a
/// validation_error, never a std::out_of_range.
[[nodiscard]] inline date add_days(const date& d, long long n) {
  const long long target = to_epoch_days(d) + n;
  static const long long lo = to_epoch_days(date(min_year, 1, 1));
  static const long long hi = to_epoch_days(date(max_year, 12, 31));
  if (target < lo || target > hi) {
    throw validation_error({"<arguments>"}, "date", format_iso(d) + (n < 0 ? " - " : " + ") + std::to_string(n < 0 ? -n : n) +
                                                        " days is outside the years " + std::to_string(min_year) + "-" +
                                                        std::to_string(max_year));
  }
  return d + date_duration(n);
}

}  // namespace treem
