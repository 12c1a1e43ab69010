// Dates that real documents leave incomplete. The seed plan is dated "ngày   tháng 4 năm 2024":
// the day was left blank for the signer to fill in. A partial date keeps exactly what is known.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/unicode.hpp"
#include "treem/time/date.hpp"

namespace treem {

enum class date_precision { year, month, day };

class partial_date {
 public:
  /// A whole year, a month of a year, or a full date. Throws validation_error if the parts do
  /// not make a date (a day without a month, 31 April).
  explicit partial_date(int year, std::optional<int> month = std::nullopt, std::optional<int> day = std::nullopt)
      : year_(year), month_(month), day_(day) {
    if (year < min_year || year > max_year) throw validation_error({"<arguments>"}, "year", "outside " + std::to_string(min_year) + "-" + std::to_string(max_year));
    if (day && !month) throw validation_error({"<arguments>"}, "day", "a day needs a month");
    if (month && (*month < 1 || *month > 12)) throw validation_error({"<arguments>"}, "month", std::to_string(*month) + " is not 1-12");
    if (day && (*day < 1 || *day > detail::days_in_month(year, *month))) {
      throw validation_error({"<arguments>"}, "day", std::to_string(*day) + " does not exist in " + std::to_string(*month) + "/" + std::to_string(year));
    }
  }

  partial_date(const date& d) : partial_date(d.year(), d.month().as_number(), d.day().as_number()) {}  // NOLINT: implicit on purpose

  /// Reads "09/04/2024", "04/2024", "2024", "2024-04-09", "2024-04", or the Vietnamese written
  /// forms "ngày 09 tháng 4 năm 2024", "ngày   tháng 4 năm 2024" (blank day), "tháng 4 năm 2024",
  /// "năm 2024" (any letter case, composed or decomposed accents).
  [[nodiscard]] static partial_date parse(std::string_view text, const source_location& where = {"<date>", 1, 1}) {
    const std::string quoted = treem::quoted(text);
    const std::string_view trimmed = detail::trim(text);
    if (trimmed.empty()) throw parse_error(where, "empty date");
    if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) throw parse_error(where.shifted(bad), quoted + ": not UTF-8 text");
    if (detail::is_digit(trimmed.front())) return parse_numeric(trimmed, where.shifted(detail::leading_blanks(text)), quoted);
    return parse_words(text, where, quoted);
  }

  [[nodiscard]] int year() const noexcept { return year_; }
  [[nodiscard]] std::optional<int> month() const noexcept { return month_; }
  [[nodiscard]] std::optional<int> day() const noexcept { return day_; }
  [[nodiscard]] date_precision precision() const noexcept {
    return day_ ? date_precision::day : month_ ? date_precision::month : date_precision::year;
  }
  [[nodiscard]] bool is_complete() const noexcept { return day_.has_value(); }

  /// The first and last days the partial date may stand for.
  [[nodiscard]] date first_day() const { return make_date(year_, month_.value_or(1), day_.value_or(1)); }
  [[nodiscard]] date last_day() const {
    const int m = month_.value_or(12);
    return make_date(year_, m, day_.value_or(detail::days_in_month(year_, m)));
  }
  [[nodiscard]] bool contains(const date& d) const { return first_day() <= d && d <= last_day(); }
  /// The full date; throws validation_error if a part is missing.
  [[nodiscard]] date to_date() const {
    if (!is_complete()) throw validation_error({"<value>"}, "date", treem::quoted(to_string()) + " has no day");
    return first_day();
  }

  /// "09/04/2024", "04/2024" or "2024".
  [[nodiscard]] std::string to_string() const {
    std::string out;
    if (day_) out += detail::two_digits(*day_) + "/";
    if (month_) out += detail::two_digits(*month_) + "/";
    return out + detail::four_digits(year_);
  }
  /// "2024-04-09", "2024-04" or "2024".
  [[nodiscard]] std::string to_iso() const {
    std::string out = detail::four_digits(year_);
    if (month_) out += "-" + detail::two_digits(*month_);
    if (day_) out += "-" + detail::two_digits(*day_);
    return out;
  }
  /// "ngày 09 tháng 4 năm 2024", "tháng 4 năm 2024" or "năm 2024", as documents write them.
  [[nodiscard]] std::string to_vietnamese() const {
    std::string out;
    if (day_) out += "ngày " + detail::two_digits(*day_) + " ";
    if (month_) out += "tháng " + std::to_string(*month_) + " ";
    return out + "năm " + std::to_string(year_);
  }

  friend bool operator==(const partial_date&, const partial_date&) = default;

 private:
  static partial_date parse_numeric(std::string_view text, const source_location& where, const std::string& quoted) {
    const auto parts = count_separators(text);
    if (parts == 0) {  // yyyy
      std::size_t pos = 0;
      const int year = detail::read_number(text, pos, 4, 4);
      if (year < 0 || pos != text.size()) throw parse_error(where, quoted + ": expected yyyy, mm/yyyy or dd/mm/yyyy");
      detail::check_ymd(year, 1, 1, where, text, 0, 0, 0);
      return partial_date(year);
    }
    if (parts == 2) {
      const date d = parse_date(text, where);
      return partial_date(d);
    }
    // One separator: mm/yyyy or yyyy-mm.
    std::size_t pos = 0;
    if (text.find('-') != std::string_view::npos) {
      const int year = detail::read_number(text, pos, 4, 4);
      if (year < 0 || pos >= text.size() || text[pos] != '-') throw parse_error(where, quoted + ": expected yyyy-mm");
      const std::size_t month_col = ++pos;
      const int month = detail::read_number(text, pos, 2, 2);
      if (month < 0 || pos != text.size()) throw parse_error(where.shifted(month_col), quoted + ": expected a two-digit month (yyyy-mm)");
      detail::check_ymd(year, month, 1, where, text, 0, month_col, 0);
      return partial_date(year, month);
    }
    const int month = detail::read_number(text, pos, 1, 2);
    if (month < 0 || pos >= text.size() || text[pos] != '/') throw parse_error(where, quoted + ": expected mm/yyyy");
    const std::size_t year_col = ++pos;
    const int year = detail::read_number(text, pos, 4, 4);
    if (year < 0 || pos != text.size()) throw parse_error(where.shifted(year_col), quoted + ": expected a four-digit year (mm/yyyy)");
    detail::check_ymd(year, month, 1, where, text, year_col, 0, 0);
    return partial_date(year, month);
  }

  static int count_separators(std::string_view text) {
    int n = 0;
    for (char c : text) n += (c == '/' || c == '-') ? 1 : 0;
    return n;
  }

  // "ngày <d>? tháng <m>? năm <y>" with any of the numbers left blank except the year.
  static partial_date parse_words(std::string_view text, const source_location& where, const std::string& quoted) {
    const std::string lower = unicode::to_lower(unicode::nfc(text));
    std::vector<std::string> tokens;
    std::string current;
    for (char c : lower) {
      if (c == ' ' || c == '\t' || c == ',') {
        if (!current.empty()) tokens.push_back(std::move(current)), current.clear();
      } else {
        current += c;
      }
    }
    if (!current.empty()) tokens.push_back(std::move(current));

    std::optional<int> day, month, year;
    bool saw_day = false, saw_month = false;
    std::size_t i = 0;
    auto number_after = [&](std::optional<int>& slot) {
      if (i + 1 < tokens.size() && detail::is_digit(tokens[i + 1].front())) {
        std::size_t pos = 0;
        const int v = detail::read_number(tokens[i + 1], pos, 1, 4);
        if (v < 0 || pos != tokens[i + 1].size()) throw parse_error(where, quoted + ": " + treem::quoted(tokens[i + 1]) + " is not a number");
        slot = v;
        ++i;
      }
    };
    for (; i < tokens.size(); ++i) {
      const std::string& t = tokens[i];
      if (t == "ngày" && !saw_day && !saw_month && !year) {
        saw_day = true;
        number_after(day);
      } else if (t == "tháng" && !saw_month && !year) {
        saw_month = true;
        number_after(month);
      } else if (t == "năm" && !year) {
        number_after(year);
        if (!year) throw parse_error(where, quoted + ": 'năm' must be followed by the year");
      } else {
        throw parse_error(where, quoted + ": unexpected " + treem::quoted(t) + "; expected 'ngày … tháng … năm yyyy'");
      }
    }
    if (!year) throw parse_error(where, quoted + ": the year is missing ('năm yyyy')");
    if (day && !month) throw parse_error(where, quoted + ": a day is given but the month is blank");
    detail::check_ymd(*year, month.value_or(1), day.value_or(1), where, text, 0, 0, 0);
    return partial_date(*year, month, day);
  }

  int year_;
  std::optional<int> month_;
  std::optional<int> day_;
};

}  // namespace treem
