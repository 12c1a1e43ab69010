#include <gtest/gtest.h>

#include "treem/time/lunar_calendar.hpp"

namespace {

using treem::make_date;
namespace lunar = treem::lunar;

// DOMAIN.md §9.3: Tết, Trung thu and leap months 2023-2030 (Trung thu 2025 = 06/10/2025 is also
// VietNamNet's published date).
struct YearFacts {
  int year;
  treem::date tet;
  treem::date trung_thu;
  int leap_month;
};

class LunarTable : public ::testing::TestWithParam<YearFacts> {};

TEST_P(LunarTable, ReproducesDomainTable) {
  const YearFacts& f = GetParam();
  EXPECT_EQ(lunar::tet(f.year), f.tet);
  EXPECT_EQ(lunar::trung_thu(f.year), f.trung_thu);
  EXPECT_EQ(lunar::leap_month(f.year), f.leap_month);
  EXPECT_EQ(lunar::to_lunar(f.tet), (lunar::lunar_date{1, 1, f.year, false}));
  EXPECT_EQ(lunar::to_lunar(f.trung_thu), (lunar::lunar_date{15, 8, f.year, false}));
}

INSTANTIATE_TEST_SUITE_P(Domain93, LunarTable,
                         ::testing::Values(YearFacts{2023, make_date(2023, 1, 22), make_date(2023, 9, 29), 2},
                                           YearFacts{2024, make_date(2024, 2, 10), make_date(2024, 9, 17), 0},
                                           YearFacts{2025, make_date(2025, 1, 29), make_date(2025, 10, 6), 6},
                                           YearFacts{2026, make_date(2026, 2, 17), make_date(2026, 9, 25), 0},
                                           YearFacts{2027, make_date(2027, 2, 6), make_date(2027, 9, 15), 0},
                                           YearFacts{2028, make_date(2028, 1, 26), make_date(2028, 10, 3), 5},
                                           YearFacts{2029, make_date(2029, 2, 13), make_date(2029, 9, 22), 0},
                                           YearFacts{2030, make_date(2030, 2, 2), make_date(2030, 9, 12), 0}));

TEST(Lunar, VietnamAndChinaDifferInSomeYears) {
  // The same algorithm at UTC+8 (China) puts the new moon of these months a day later (1985:
  // a whole month later, because the winter-solstice month shifts). Chinese New Year was
  // 20/02/1985, 18/02/2007 and will be 03/02/2030.
  EXPECT_EQ(lunar::tet(1985), make_date(1985, 1, 21));
  EXPECT_EQ(lunar::tet(1985, 8.0), make_date(1985, 2, 20));
  EXPECT_EQ(lunar::tet(2007), make_date(2007, 2, 17));
  EXPECT_EQ(lunar::tet(2007, 8.0), make_date(2007, 2, 18));
  EXPECT_EQ(lunar::tet(2030), make_date(2030, 2, 2));
  EXPECT_EQ(lunar::tet(2030, 8.0), make_date(2030, 2, 3));
  // In most years the two agree.
  EXPECT_EQ(lunar::tet(2024, 8.0), make_date(2024, 2, 10));
}

TEST(Lunar, LeapMonths) {
  // 2023: tháng 2 nhuận from 22/03/2023; 2025: tháng 6 nhuận from 25/07/2025.
  EXPECT_EQ(lunar::from_lunar({1, 2, 2023, true}), make_date(2023, 3, 22));
  EXPECT_EQ(lunar::from_lunar({1, 2, 2023, false}), make_date(2023, 2, 20));
  EXPECT_EQ(lunar::to_lunar(make_date(2023, 3, 22)), (lunar::lunar_date{1, 2, 2023, true}));
  EXPECT_EQ(lunar::from_lunar({1, 6, 2025, true}), make_date(2025, 7, 25));
  EXPECT_EQ(lunar::to_lunar(make_date(2025, 7, 25)).to_string(), "1/6 nhuận/2025");
}

TEST(Lunar, AgreesWithTheGovernmentsHolidayNotices) {
  // The notices give lunar dates next to solar ones, an independent check of the algorithm:
  // 2024 (Thông báo 5015/TB-LĐTBXH): 08/02/2024 "tức ngày 29 tháng Chạp năm Quý Mão", so 09/02
  // was 30 Chạp; 14/02/2024 "tức ngày mùng 5 tháng Giêng năm Giáp Thìn".
  EXPECT_EQ(lunar::to_lunar(make_date(2024, 2, 8)), (lunar::lunar_date{29, 12, 2023, false}));
  EXPECT_EQ(lunar::to_lunar(make_date(2024, 2, 9)), (lunar::lunar_date{30, 12, 2023, false}));
  EXPECT_EQ(lunar::to_lunar(make_date(2024, 2, 14)), (lunar::lunar_date{5, 1, 2024, false}));
  // 2025: 25/01-02/02/2025 "tức 26 tháng Chạp đến hết mùng 5 tháng Giêng": no 30 Chạp that year.
  EXPECT_EQ(lunar::to_lunar(make_date(2025, 1, 25)), (lunar::lunar_date{26, 12, 2024, false}));
  EXPECT_EQ(lunar::to_lunar(make_date(2025, 2, 2)), (lunar::lunar_date{5, 1, 2025, false}));
  EXPECT_EQ(lunar::month_length(12, 2024), 29);
  // 2026 (Thông báo 9441/TB-BNV): 16/02/2026 "tức ngày 29 tháng Chạp năm Ất Tỵ", 20/02/2026
  // "tức ngày 4 tháng Giêng năm Bính Ngọ", 22/02/2026 "tức mùng 6 tháng Giêng".
  EXPECT_EQ(lunar::to_lunar(make_date(2026, 2, 16)), (lunar::lunar_date{29, 12, 2025, false}));
  EXPECT_EQ(lunar::to_lunar(make_date(2026, 2, 20)), (lunar::lunar_date{4, 1, 2026, false}));
  EXPECT_EQ(lunar::to_lunar(make_date(2026, 2, 22)), (lunar::lunar_date{6, 1, 2026, false}));
  // Days of January before Tết belong to the previous lunar year.
  EXPECT_EQ(lunar::to_lunar(make_date(2024, 1, 5)).year, 2023);
}

TEST(Lunar, CorrectsThePublishedCodesDayZero) {
  // Where the true new moon lags the mean lunation, the published convertSolar2Lunar returns
  // day 0 (07/05/2054, 09/04/2062 among 1800-2199); treem returns the last day of the month before.
  EXPECT_EQ(lunar::to_lunar(make_date(2054, 5, 7)), (lunar::lunar_date{30, 3, 2054, false}));
  EXPECT_EQ(lunar::to_lunar(make_date(2054, 5, 8)), (lunar::lunar_date{1, 4, 2054, false}));
  EXPECT_EQ(lunar::to_lunar(make_date(2062, 4, 9)), (lunar::lunar_date{30, 2, 2062, false}));
}

TEST(Lunar, NonexistentDatesAreRejected) {
  EXPECT_THROW((void)lunar::from_lunar({30, 12, 2024, false}), treem::validation_error);  // a 29-day month
  EXPECT_THROW((void)lunar::from_lunar({1, 3, 2023, true}), treem::validation_error);    // 2023 leaps month 2
  EXPECT_THROW((void)lunar::from_lunar({1, 1, 2024, true}), treem::validation_error);    // 2024 has no leap month
  EXPECT_THROW((void)lunar::from_lunar({0, 1, 2024, false}), treem::validation_error);
  EXPECT_THROW((void)lunar::from_lunar({1, 13, 2024, false}), treem::validation_error);
  EXPECT_THROW((void)lunar::to_lunar(make_date(1799, 12, 31)), treem::validation_error);
  EXPECT_THROW((void)lunar::to_lunar(make_date(2024, 1, 1), 20.0), treem::validation_error);
}

TEST(Lunar, RoundTripsEveryDayAndMonthsAreWellFormed) {
  // Property over 1800-2199, the whole supported range: solar -> lunar -> solar is the identity; lunar days run 1, 2, ...
  // within a month and restart at 1; every month has 29 or 30 days; a year has 12 or 13 months.
  treem::date d = make_date(1800, 2, 1);
  const treem::date last = make_date(2199, 12, 31);
  lunar::lunar_date prev = lunar::to_lunar(d);
  int months_in_year = 1;
  while (d < last) {
    d += treem::date_duration(1);
    const lunar::lunar_date l = lunar::to_lunar(d);
    ASSERT_EQ(lunar::from_lunar(l), d) << treem::format_iso(d);
    if (l.day == 1) {
      ASSERT_TRUE(prev.day == 29 || prev.day == 30) << treem::format_iso(d);
      if (l.month == 1 && !l.leap) {
        ASSERT_EQ(l.year, prev.year + 1);
        ASSERT_TRUE(months_in_year == 12 || months_in_year == 13) << l.year;
        months_in_year = 1;
      } else {
        ++months_in_year;
      }
    } else {
      ASSERT_EQ(l.day, prev.day + 1) << treem::format_iso(d);
    }
    prev = l;
  }
}

}  // namespace
