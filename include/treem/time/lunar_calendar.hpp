// The Vietnamese lunisolar calendar (âm lịch), by Hồ Ngọc Đức's published algorithm
// ("Âm lịch Việt Nam", DOMAIN.md §9.3): new moons and the sun's longitude from Meeus'
// Astronomical Algorithms, with day boundaries in a given time zone. Vietnam computes at UTC+7;
// the same algorithm at UTC+8 approximates the Chinese calendar, and the two disagree in some
// years (Tết 1985, 2007, 2030), which is why the time zone is a parameter and not a constant.
#pragma once

#include <cmath>
#include <numbers>
#include <string>

#include "treem/core/error.hpp"
#include "treem/time/date.hpp"

namespace treem::lunar {

/// Vietnam's time zone for the calendar (Hanoi, UTC+7), the default everywhere.
inline constexpr double vietnam_time_zone = 7.0;
/// Years for which the algorithm is published and checked.
inline constexpr int first_supported_year = 1800;
inline constexpr int last_supported_year = 2199;

/// A day of the lunar calendar: day 1-30, month 1-12, the lunar year (which starts at Tết, so
/// 05/01/2024 solar is still in lunar year 2023), and whether the month is a leap (nhuận) month.
struct lunar_date {
  int day = 1;
  int month = 1;
  int year = 2000;
  bool leap = false;

  friend bool operator==(const lunar_date&, const lunar_date&) = default;

  /// "15/8/2024" or "15/4 nhuận/2023" (as Vietnamese calendars print a leap month).
  [[nodiscard]] std::string to_string() const {
    return std::to_string(day) + "/" + std::to_string(month) + (leap ? " nhuận" : "") + "/" + std::to_string(year);
  }
};

namespace detail {

// The algorithm works on Julian day numbers; Boost's day_number() is the same count
// (day_number() of 2000-01-01 is 2451545) for Gregorian dates.
[[nodiscard]] inline long jd_from_date(const date& d) { return static_cast<long>(d.day_number()); }
[[nodiscard]] inline date date_from_jd(long jd) {
  return date(boost::gregorian::gregorian_calendar::from_day_number(static_cast<boost::gregorian::date::date_int_type>(jd)));
}

/// Julian date of the k-th new moon after 1900-01-01 13:52 UT (Meeus, ch. 49, truncated series).
[[nodiscard]] inline double new_moon(long k) {
  constexpr double dr = std::numbers::pi / 180.0;
  const double T = static_cast<double>(k) / 1236.85;
  const double T2 = T * T;
  const double T3 = T2 * T;
  double jd1 = 2415020.75933 + 29.53058868 * static_cast<double>(k) + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * std::sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const double M = 359.2242 + 29.10535608 * static_cast<double>(k) - 0.0000333 * T2 - 0.00000347 * T3;
  const double Mpr = 306.0253 + 385.81691806 * static_cast<double>(k) + 0.0107306 * T2 + 0.00001236 * T3;
  const double F = 21.2964 + 390.67050646 * static_cast<double>(k) - 0.0016528 * T2 - 0.00000239 * T3;
  double C1 = (0.1734 - 0.000393 * T) * std::sin(M * dr) + 0.0021 * std::sin(2 * dr * M);
  C1 = C1 - 0.4068 * std::sin(Mpr * dr) + 0.0161 * std::sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * std::sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * std::sin(dr * 2 * F) - 0.0051 * std::sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * std::sin(dr * (M - Mpr)) + 0.0004 * std::sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * std::sin(dr * (2 * F - M)) - 0.0006 * std::sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.0010 * std::sin(dr * (2 * F - Mpr)) + 0.0005 * std::sin(dr * (2 * Mpr + M));
  const double deltat = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
                                : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltat;
}

/// The sun's apparent longitude in radians, in [0, 2π), at Julian date `jdn` (UT).
[[nodiscard]] inline double sun_longitude(double jdn) {
  constexpr double pi = std::numbers::pi;
  constexpr double dr = pi / 180.0;
  const double T = (jdn - 2451545.0) / 36525.0;
  const double T2 = T * T;
  const double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * std::sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * std::sin(dr * 2 * M) + 0.000290 * std::sin(dr * 3 * M);
  double L = (L0 + DL) * dr;
  L -= pi * 2 * std::floor(L / (pi * 2));
  return L;
}

/// Which of the 12 major solar terms (30° sectors) the sun is in at local midnight starting `day_number`.
[[nodiscard]] inline int sun_sector(long day_number, double tz) {
  return static_cast<int>(std::floor(sun_longitude(static_cast<double>(day_number) - 0.5 - tz / 24.0) / std::numbers::pi * 6.0));
}

/// The local day on which the k-th new moon falls.
[[nodiscard]] inline long new_moon_day(long k, double tz) {
  return static_cast<long>(std::floor(new_moon(k) + 0.5 + tz / 24.0));
}

/// Start of lunar month 11 (the month holding the winter solstice) of solar year `year`.
[[nodiscard]] inline long lunar_month_11(int year, double tz) {
  const long off = jd_from_date(date(static_cast<unsigned short>(year), 12, 31)) - 2415021;
  const auto k = static_cast<long>(std::floor(static_cast<double>(off) / 29.530588853));
  long nm = new_moon_day(k, tz);
  if (sun_sector(nm, tz) >= 9) nm = new_moon_day(k - 1, tz);
  return nm;
}

/// In a 13-month year that starts at month 11 `a11`: the offset of the leap month, which is the
/// first month with no major solar term.
[[nodiscard]] inline int leap_month_offset(long a11, double tz) {
  const auto k = static_cast<long>(std::floor((static_cast<double>(a11) - 2415021.076998695) / 29.530588853 + 0.5));
  int i = 1;
  int arc = sun_sector(new_moon_day(k + i, tz), tz);
  int last = 0;
  do {
    last = arc;
    ++i;
    arc = sun_sector(new_moon_day(k + i, tz), tz);
  } while (arc != last && i < 14);
  return i - 1;
}

inline void check_year(int year, const char* field) {
  if (year < first_supported_year || year > last_supported_year) {
    throw validation_error({"<arguments>"}, field,
                           std::to_string(year) + " is outside the years the lunar calendar supports (" +
                               std::to_string(first_supported_year) + "-" + std::to_string(last_supported_year) + ")");
  }
}

inline void check_time_zone(double tz) {
  if (!(tz >= -12.0 && tz <= 14.0)) throw validation_error({"<arguments>"}, "time_zone", "must be between -12 and +14 hours");
}

}  // namespace detail

/// The lunar date of a solar date. `time_zone` is in hours east of UTC (7 for Vietnam).
[[nodiscard]] inline lunar_date to_lunar(const date& solar, double time_zone = vietnam_time_zone) {
  detail::check_year(solar.year(), "date");
  detail::check_time_zone(time_zone);
  const double tz = time_zone;
  const long day_number = detail::jd_from_date(solar);
  auto k = static_cast<long>(std::floor((static_cast<double>(day_number) - 2415021.076998695) / 29.530588853));
  long month_start = detail::new_moon_day(k + 1, tz);
  // The published code steps back once; but k comes from the *mean* lunation, and when the true
  // new moon k lags it (e.g. 07/05/2054, 09/04/2062) one step is not enough and the published
  // code returns day 0. Stepping back until the month starts on or before the day fixes that.
  while (month_start > day_number) month_start = detail::new_moon_day(k--, tz);
  const int yy = solar.year();
  long a11 = detail::lunar_month_11(yy, tz);
  long b11 = a11;
  int lunar_year = 0;
  if (a11 >= month_start) {
    lunar_year = yy;
    a11 = detail::lunar_month_11(yy - 1, tz);
  } else {
    lunar_year = yy + 1;
    b11 = detail::lunar_month_11(yy + 1, tz);
  }
  lunar_date out;
  out.day = static_cast<int>(day_number - month_start + 1);
  const auto diff = static_cast<int>(std::floor(static_cast<double>(month_start - a11) / 29.0));
  out.month = diff + 11;
  if (b11 - a11 > 365) {
    const int leap_diff = detail::leap_month_offset(a11, tz);
    if (diff >= leap_diff) {
      out.month = diff + 10;
      out.leap = diff == leap_diff;
    }
  }
  if (out.month > 12) out.month -= 12;
  if (out.month >= 11 && diff < 4) lunar_year -= 1;
  out.year = lunar_year;
  // Days of January 1800 before Tết belong to lunar year 1799, outside the checked range.
  detail::check_year(out.year, "date");
  return out;
}

/// The leap month (1-12) of lunar year `lunar_year`, or 0 when the year has none.
[[nodiscard]] inline int leap_month(int lunar_year, double time_zone = vietnam_time_zone) {
  detail::check_year(lunar_year, "lunar_year");
  detail::check_time_zone(time_zone);
  // Months 11 and 12 of the previous lunar year lie between a11 and the lunar year's start, and
  // the leap month of a 13-month cycle can fall there (then it belongs to the previous lunar year).
  const long a11 = detail::lunar_month_11(lunar_year - 1, time_zone);
  const long b11 = detail::lunar_month_11(lunar_year, time_zone);
  int found = 0;
  if (b11 - a11 > 365) {
    int leap = detail::leap_month_offset(a11, time_zone) - 2;
    if (leap <= 0) leap += 12;  // the published code has `< 0`, which names a leap month 12 "0"
    // Offsets 1 and 2 name leap months 11 and 12 of the lunar year before.
    if (leap >= 1 && leap <= 10) found = leap;
  }
  const long c11 = detail::lunar_month_11(lunar_year + 1, time_zone);
  if (c11 - b11 > 365) {
    int leap = detail::leap_month_offset(b11, time_zone) - 2;
    if (leap <= 0) leap += 12;
    if (leap == 11 || leap == 12) found = leap;
  }
  return found;
}

namespace detail {
/// Julian day number of the first day of a lunar month; -1 if that leap month does not exist.
[[nodiscard]] inline long lunar_month_start(int month, int lunar_year, bool leap, double tz) {
  long a11 = 0;
  long b11 = 0;
  if (month < 11) {
    a11 = lunar_month_11(lunar_year - 1, tz);
    b11 = lunar_month_11(lunar_year, tz);
  } else {
    a11 = lunar_month_11(lunar_year, tz);
    b11 = lunar_month_11(lunar_year + 1, tz);
  }
  const auto k = static_cast<long>(std::floor(0.5 + (static_cast<double>(a11) - 2415021.076998695) / 29.530588853));
  int off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const int leap_off = leap_month_offset(a11, tz);
    int leap_month = leap_off - 2;
    if (leap_month <= 0) leap_month += 12;
    if (leap && month != leap_month) return -1;
    if (leap || off >= leap_off) off += 1;
  } else if (leap) {
    return -1;
  }
  return new_moon_day(k + off, tz);
}
}  // namespace detail

/// Number of days (29 or 30) in a lunar month. Throws validation_error if the leap month does not exist.
[[nodiscard]] inline int month_length(int month, int lunar_year, bool leap = false, double time_zone = vietnam_time_zone) {
  detail::check_year(lunar_year, "lunar_year");
  detail::check_time_zone(time_zone);
  if (month < 1 || month > 12) throw validation_error({"<arguments>"}, "month", std::to_string(month) + " is not 1-12");
  const long start = detail::lunar_month_start(month, lunar_year, leap, time_zone);
  if (start < 0) {
    throw validation_error({"<arguments>"}, "leap",
                           "lunar year " + std::to_string(lunar_year) + " has no leap month " + std::to_string(month));
  }
  // The next month starts at the next new moon after this one.
  const auto k = static_cast<long>(std::floor((static_cast<double>(start) - 2415021.076998695) / 29.530588853 + 0.5));
  long next = detail::new_moon_day(k + 1, time_zone);
  if (next <= start) next = detail::new_moon_day(k + 2, time_zone);
  return static_cast<int>(next - start);
}

/// The solar date of a lunar date. Throws validation_error if the lunar date does not exist
/// (a leap month the year lacks, day 30 of a 29-day month).
[[nodiscard]] inline date from_lunar(const lunar_date& l, double time_zone = vietnam_time_zone) {
  detail::check_year(l.year, "lunar_year");
  detail::check_time_zone(time_zone);
  if (l.month < 1 || l.month > 12) throw validation_error({"<arguments>"}, "month", std::to_string(l.month) + " is not 1-12");
  const int length = month_length(l.month, l.year, l.leap, time_zone);
  if (l.day < 1 || l.day > length) {
    throw validation_error({"<arguments>"}, "day",
                           "lunar month " + std::to_string(l.month) + (l.leap ? " (leap)" : "") + " of " +
                               std::to_string(l.year) + " has " + std::to_string(length) + " days, not " +
                               std::to_string(l.day));
  }
  const long start = detail::lunar_month_start(l.month, l.year, l.leap, time_zone);
  return detail::date_from_jd(start + l.day - 1);
}

/// Tết Nguyên đán (1/1 of the lunar year) and Tết Trung thu (15/8) of a lunar year.
[[nodiscard]] inline date tet(int lunar_year, double time_zone = vietnam_time_zone) {
  return from_lunar({1, 1, lunar_year, false}, time_zone);
}
[[nodiscard]] inline date trung_thu(int lunar_year, double time_zone = vietnam_time_zone) {
  return from_lunar({15, 8, lunar_year, false}, time_zone);
}

}  // namespace treem::lunar
